// End to end: search and look-up through `vigil serve`: vigil's /v1/search
// over the lists and the knowledge base, in any script, and yente's
// GET /search/{dataset} and GET /entities/{id} as yente clients call them.
#include <nlohmann/json.hpp>
#include <set>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

class ServerSearchTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    auto un = Vigil({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml"});
    ASSERT_EQ(un.exit_code, 0) << un.err;
    auto r = Vigil({"token", "create", "--name", "intern", "--role", "reader"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    reader_ = r.out.substr(0, r.out.find_first_of("\r\n"));
  }
  std::set<std::string> Ids(const json& results) {
    std::set<std::string> ids;
    for (const auto& r : results) ids.insert(r["id"].get<std::string>());
    return ids;
  }
  std::string reader_;
};

TEST_F(ServerSearchTest, SearchFindsListsAndKnowledgeBaseInAnyScript) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto r = server.Get("/v1/search?q=Karim%20Yusufzai", reader_);
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["query"], "Karim Yusufzai");
  EXPECT_EQ(Ids(body["results"]), (std::set<std::string>{"un-tai-901", "karim-yusufzai"}))
      << r.body;
  for (const auto& hit : body["results"]) {
    if (hit["id"] == "un-tai-901") {
      EXPECT_EQ(hit["listed"], true);
      EXPECT_EQ(hit["references"][0], "TAi.901");
      EXPECT_EQ(hit["dataset"], "un-consolidated");
    } else {
      EXPECT_EQ(hit["listed"], false);  // the curated card designates nothing
      EXPECT_EQ(hit["dataset"], "curated");
    }
  }
  // A misspelt name: the list's record, by the screening engine; the
  // knowledge base's cards only by a name that contains the query.
  auto misspelt = server.Get("/v1/search?q=Karim%20Yousufzai", reader_).Json();
  EXPECT_EQ(Ids(misspelt["results"]), (std::set<std::string>{"un-tai-901"})) << misspelt.dump();
  EXPECT_EQ(misspelt["results"][0]["linked"], "karim-yusufzai");
  // The curated card's Pashto name finds it.
  auto pashto = server.Get(
      "/v1/search?q=%D9%83%D8%B1%D9%8A%D9%85%20%DB%8C%D9%88%D8%B3%D9%81%D8%B2%DB%8C", reader_);
  ASSERT_EQ(pashto.status, 200) << pashto.body;
  EXPECT_TRUE(Ids(pashto.Json()["results"]).count("karim-yusufzai")) << pashto.body;
  // A name found in the knowledge base says its type and script, as a
  // screening hit's does (the web UI sets the name's direction from it).
  const auto pashto_json = pashto.Json();  // kept: a range-for over a temporary's member dangles
  for (const auto& hit : pashto_json["results"]) {
    if (hit["id"] != "karim-yusufzai") continue;
    EXPECT_EQ(hit["matched_name"]["type"], "original_script") << hit.dump();
    EXPECT_EQ(hit["matched_name"]["script"], "Arab") << hit.dump();
  }
  // Part of a name, narrowed by kind and dataset; paging keeps the total.
  auto front = server.Get("/v1/search?q=Front&kind=organization", reader_).Json();
  EXPECT_EQ(Ids(front["results"]),
            (std::set<std::string>{"northern-front", "un-tae-901", "valley-brigade"}))
      << front.dump();
  EXPECT_EQ(front["total"], 3);
  auto page = server.Get("/v1/search?q=Front&kind=organization&limit=1&offset=2", reader_).Json();
  EXPECT_EQ(page["total"], 3);
  ASSERT_EQ(page["results"].size(), 1u);
  EXPECT_EQ(page["results"][0], front["results"][2]);
  auto un = server.Get("/v1/search?q=Front&dataset=un-consolidated", reader_).Json();
  EXPECT_EQ(Ids(un["results"]), (std::set<std::string>{"un-tae-901"})) << un.dump();
  EXPECT_TRUE(server.Get("/v1/search?q=Front&kind=person", reader_).Json()["results"].empty());

  struct Case {
    const char* target;
    const char* field;
  } cases[] = {{"/v1/search", "q"},
               {"/v1/search?q=%20", "q"},
               {"/v1/search?q=Front&limit=0", "limit"},
               {"/v1/search?q=Front&offset=-1", "offset"},
               {"/v1/search?q=Front&kind=vessel", "kind"},
               {"/v1/search?q=Front&country=Atlantis", "countries"},
               {"/v1/search?q=Front&fuzzy=1", "fuzzy"}};
  for (const auto& c : cases) {
    auto bad = server.Get(c.target, reader_);
    EXPECT_EQ(bad.status, 422) << c.target << " -> " << bad.body;
    EXPECT_EQ(bad.Json()["error"]["field"], c.field) << c.target << " -> " << bad.body;
  }
  EXPECT_EQ(server.Get("/v1/search?q=Front").status, 401);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerSearchTest, YenteSearchAndEntitiesAnswerAsYenteDoes) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto r = server.Get("/search/default?q=Northern%20Front&schema=Organization", reader_);
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["total"], json({{"value", 2}, {"relation", "eq"}})) << r.body;
  EXPECT_EQ(body["limit"], 10);
  EXPECT_EQ(body["offset"], 0);
  EXPECT_EQ(Ids(body["results"]), (std::set<std::string>{"northern-front", "un-tae-901"}));
  for (const auto& e : body["results"]) {
    for (const char* key : {"id", "caption", "schema", "properties", "datasets", "referents",
                            "target", "first_seen", "last_seen", "last_change"})
      EXPECT_TRUE(e.contains(key)) << key;
    EXPECT_FALSE(e.contains("score"));  // an EntityResponse, not a scored one
    EXPECT_EQ(e["schema"], "Organization");
    EXPECT_EQ(e["target"], true);
  }
  json datasets = body["facets"]["datasets"]["values"];
  EXPECT_EQ(datasets.size(), 2u) << body["facets"].dump();
  auto un = server.Get("/search/un-consolidated?q=Northern%20Front", reader_).Json();
  EXPECT_EQ(Ids(un["results"]), (std::set<std::string>{"un-tae-901"}));
  auto excluded =
      server.Get("/search/default?q=Northern%20Front&exclude_dataset=curated", reader_).Json();
  EXPECT_EQ(Ids(excluded["results"]), (std::set<std::string>{"un-tae-901"}));
  EXPECT_EQ(server.Get("/search/no-such-list?q=Front", reader_).status, 404);
  EXPECT_EQ(server.Get("/search/default?q=Front&schema=Vessel", reader_).Json()["error"]["field"],
            "schema");
  // yente's parameters that vigil has no use for are accepted.
  EXPECT_EQ(server.Get("/search/default?q=Front&topics=sanction&fuzzy=true", reader_).status, 200);

  // /entities: a listed record, as /match results give it.
  auto listed = server.Get("/entities/un-tai-901", reader_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  json entity = listed.Json();
  EXPECT_EQ(entity["id"], "un-tai-901");
  EXPECT_EQ(entity["caption"], "KARIM YUSUFZAI");
  EXPECT_EQ(entity["schema"], "Person");
  EXPECT_EQ(entity["datasets"], json::array({"un-consolidated"}));
  EXPECT_EQ(entity["properties"]["authorityId"], json::array({"TAi.901"}));
  EXPECT_EQ(entity["properties"]["birthDate"], json::array({"1969/1971"}));
  EXPECT_EQ(entity["properties"]["alias"], json::array({"Karim Yousafzai"}));
  EXPECT_FALSE(entity.contains("score"));
  // A knowledge-base entity on no list.
  auto card = server.Get("/entities/valley-brigade", reader_);
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(card.Json()["schema"], "Organization");
  EXPECT_EQ(card.Json()["target"], false);
  EXPECT_EQ(card.Json()["datasets"], json::array({"curated"}));
  EXPECT_EQ(card.Json()["properties"]["weakAlias"], json::array({"Front"}));
  // Ids only: a name is no id.
  EXPECT_EQ(server.Get("/entities/Valley%20Brigade", reader_).status, 404);
  EXPECT_EQ(server.Get("/entities/no-such-id", reader_).status, 404);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace vigil::e2e
