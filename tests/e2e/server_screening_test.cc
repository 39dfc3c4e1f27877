// End to end: screening through `vigil serve`: vigil's own /v1/screen and
// /v1/compare, yente's /match/{dataset} and /catalog as yente clients send
// them, roles, field errors, and the audit trail of every screening (which
// the access log never sees).
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

class ServerScreeningTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    auto un = Vigil({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml"});
    ASSERT_EQ(un.exit_code, 0) << un.err;
    admin_ = Token("boss", "admin");
    screener_ = Token("desk-1", "screener");
    reader_ = Token("intern", "reader");
  }
  std::string admin_, screener_, reader_;
};

TEST_F(ServerScreeningTest, ScreenAnswersAsTheCliDoes) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto r = server.Post("/v1/screen", screener_, R"({"name": "Karim Yousufzai", "kind": "person"})");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  ASSERT_FALSE(body["hits"].empty()) << r.body;
  EXPECT_EQ(body["hits"][0]["references"][0], "TAi.901");
  EXPECT_EQ(body["hits"][0]["dataset"], "un-consolidated");
  EXPECT_GT(body["hits"][0]["score"].get<double>(), 0.8);
  // The same query on the CLI gives the same hits and scores.
  json cli = Json({"screen", "Karim Yousufzai", "--kind", "person"});
  ASSERT_EQ(cli["hits"].size(), body["hits"].size());
  for (size_t i = 0; i < cli["hits"].size(); ++i) {
    EXPECT_EQ(cli["hits"][i]["entity"], body["hits"][i]["entity"]);
    EXPECT_DOUBLE_EQ(cli["hits"][i]["score"].get<double>(), body["hits"][i]["score"].get<double>());
    // The explanation too, with what it takes to draw it as an alignment.
    EXPECT_EQ(cli["hits"][i]["explanation"], body["hits"][i]["explanation"]);
  }
  EXPECT_EQ(cli["query"]["analysis"], body["query"]["analysis"]);
  const json& parts = body["query"]["analysis"]["parts"];
  ASSERT_EQ(parts.size(), 2u) << parts;
  EXPECT_EQ(parts[0]["source"], "Karim");
  EXPECT_EQ(parts[1]["source"], "Yousufzai");
  const json& e = body["hits"][0]["explanation"];
  const std::string matched = body["hits"][0]["matched_name"]["text"];
  ASSERT_EQ(e["pairs"].size(), 2u) << e;
  std::set<int> query_side, listed_side;
  for (const json& pair : e["pairs"]) {
    ASSERT_EQ(pair["query_parts"].size(), 1u) << pair;
    ASSERT_EQ(pair["candidate_parts"].size(), 1u) << pair;
    const int q = pair["query_parts"][0], c = pair["candidate_parts"][0];
    query_side.insert(q);
    listed_side.insert(c);
    EXPECT_EQ(parts[q]["text"], pair["query"]);
    const json& listed = e["candidate_parts"][c];
    EXPECT_EQ(listed["text"], pair["candidate"]);
    // The listed part's words are words of the matched name as listed.
    EXPECT_NE(matched.find(listed["source"].get<std::string>()), std::string::npos) << listed;
  }
  EXPECT_EQ(query_side, (std::set<int>{0, 1}));
  EXPECT_EQ(listed_side.size(), 2u);
  auto compare = server.Post("/v1/compare", screener_,
                             R"({"name_a": "Karim Yusufzai", "name_b": "Karim Yousafzai"})");
  ASSERT_EQ(compare.status, 200) << compare.body;
  EXPECT_EQ(compare.Json()["match"], true);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerScreeningTest, BadRequestsNameTheirField) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  struct Case {
    const char* body;
    int status;
    const char* field;
  } cases[] = {
      {R"({"name": "Karim", "threshold": "high"})", 422, "threshold"},
      {R"({"name": "Karim", "threshold": 1.5})", 422, "threshold"},
      {R"({"nom": "Karim"})", 422, "nom"},
      {R"({"name": " \u200b "})", 422, "name"},
      {R"({"name": "Karim", "birth_date": "last year"})", 422, "birth_date"},
      {R"({"name": "Karim", "top": 0})", 422, "top"},
      {R"({"name": "Karim", "kind": "vessel"})", 422, "kind"},
      {R"({"birth_date": "1970"})", 422, "name"},
  };
  for (const auto& c : cases) {
    auto r = server.Post("/v1/screen", screener_, c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.body << " -> " << r.body;
  }
  EXPECT_EQ(server.Post("/v1/screen", screener_, "{not json").status, 400);
  EXPECT_EQ(server.Post("/v1/screen", reader_, R"({"name": "Karim"})").status, 403);
  EXPECT_EQ(server.Post("/v1/screen", "", R"({"name": "Karim"})").status, 401);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerScreeningTest, YenteMatchRequestsGetYenteShapedAnswers) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  const std::string query = R"({"queries": {
      "q1": {"schema": "Person", "properties": {"name": ["Karim Yusufzai"], "birthDate": ["1965"]}},
      "q2": {"schema": "Organization", "properties": {"name": "Northern Front"}},
      "q3": {"schema": "Person", "properties": {"name": ["Margaret Thornton"]}}}})";
  // yente's own header scheme.
  auto r = server.Request("POST", "/match/default?limit=3", screener_, query,
                          {{"Authorization", "Apikey " + screener_},
                           {"Content-Type", "application/json"}});
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  EXPECT_EQ(body["limit"], 3);
  EXPECT_TRUE(body["matcher"].contains("name"));
  const json& q1 = body["responses"]["q1"];
  EXPECT_EQ(q1["status"], 200);
  EXPECT_EQ(q1["query"]["schema"], "Person");
  EXPECT_EQ(q1["total"]["relation"], "eq");
  ASSERT_FALSE(q1["results"].empty()) << r.body;
  const json& top = q1["results"][0];
  EXPECT_EQ(top["schema"], "Person");
  EXPECT_EQ(top["datasets"], json::array({"un-consolidated"}));
  EXPECT_EQ(top["properties"]["authorityId"][0], "TAi.901");
  EXPECT_TRUE(top["properties"]["name"].is_array());
  EXPECT_EQ(top["match"], true);
  EXPECT_EQ(top["target"], true);
  for (const char* key : {"id", "caption", "referents", "first_seen", "last_seen", "last_change"})
    EXPECT_TRUE(top.contains(key)) << key;
  EXPECT_TRUE(top["explanations"]["name"].contains("detail"));
  EXPECT_DOUBLE_EQ(top["features"]["name"].get<double>(),
                   top["explanations"]["name"]["score"].get<double>());
  // The organisation is both in the curated data and on the UN list.
  std::set<std::string> datasets;
  for (const auto& hit : body["responses"]["q2"]["results"]) datasets.insert(hit["datasets"][0]);
  EXPECT_EQ(datasets, (std::set<std::string>{"curated", "un-consolidated"})) << r.body;
  EXPECT_TRUE(body["responses"]["q3"]["results"].empty());
  EXPECT_EQ(body["responses"]["q3"]["total"]["value"], 0);

  // A dataset in the path, or excluded, narrows the results.
  auto un = server.Post("/match/un-consolidated", screener_, query).Json();
  for (const auto& hit : un["responses"]["q2"]["results"])
    EXPECT_EQ(hit["datasets"][0], "un-consolidated");
  auto excluded =
      server.Post("/match/default?exclude_dataset=un-consolidated", screener_, query).Json();
  for (const auto& hit : excluded["responses"]["q2"]["results"])
    EXPECT_EQ(hit["datasets"][0], "curated");
  EXPECT_EQ(server.Post("/match/no-such-list", screener_, query).status, 404);

  // A high threshold keeps the results but says they are no match.
  auto strict = server.Post("/match/default?threshold=0.999", screener_, query).Json();
  for (const auto& hit : strict["responses"]["q1"]["results"]) {
    EXPECT_EQ(hit["match"], hit["score"].get<double>() >= 0.999);
  }
  auto bad = server.Post("/match/default", screener_, R"({"queries": {"q1": {"schema": "Vessel", "properties": {"name": ["X"]}}}})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json()["error"]["field"], "queries.q1.schema");
  EXPECT_EQ(server.Post("/match/default?limit=0", screener_, query).Json()["error"]["field"], "limit");
  // yente's own parameters that vigil has no use for are accepted; others are named.
  EXPECT_EQ(server.Post("/match/default?algorithm=logic-v2&topics=sanction", screener_, query).status,
            200);
  EXPECT_EQ(server.Post("/match/default?fuzzy=true", screener_, query).Json()["error"]["field"],
            "fuzzy");
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerScreeningTest, CatalogListsEveryDatasetAndDefault) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto r = server.Get("/catalog", reader_);
  ASSERT_EQ(r.status, 200) << r.body;
  json catalog = r.Json();
  std::set<std::string> names;
  for (const auto& d : catalog["datasets"]) names.insert(d["name"]);
  EXPECT_EQ(names, (std::set<std::string>{"curated", "un-consolidated", "default"}));
  auto lists = server.Get("/v1/lists", reader_);
  ASSERT_EQ(lists.status, 200);
  EXPECT_EQ(lists.Json()["lists"].size(), 2u);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerScreeningTest, EveryScreeningIsAuditedAndNeverLogged) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  ASSERT_EQ(server.Post("/v1/screen", screener_, R"({"name": "Karim Yousufzai"})").status, 200);
  ASSERT_EQ(server.Post("/match/default", screener_,
                        R"({"queries": {"a": {"schema": "Person", "properties": {"name": ["Zebulon Quartermain"]}}}})")
                .status,
            200);
  auto exported = server.Get("/v1/audit?format=jsonl", admin_);
  ASSERT_EQ(exported.status, 200);
  std::vector<json> screens;
  std::istringstream lines(exported.body);
  for (std::string line; std::getline(lines, line);) {
    json row = json::parse(line);
    if (row["action"] == "screen") screens.push_back(row);
  }
  ASSERT_EQ(screens.size(), 2u) << exported.body;
  EXPECT_EQ(screens[0]["actor"], "desk-1");
  EXPECT_EQ(screens[0]["detail"]["query"]["name"], "Karim Yousufzai");
  EXPECT_FALSE(screens[0]["detail"]["hits"].empty());
  EXPECT_FALSE(screens[0]["detail"]["lists"].empty());
  EXPECT_EQ(screens[1]["detail"]["query"]["name"], "Zebulon Quartermain");
  auto verify = server.Get("/v1/audit/verify", admin_);
  EXPECT_EQ(verify.Json()["ok"], true) << verify.body;
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_EQ(server.log().find("Karim"), std::string::npos) << server.log();
  EXPECT_EQ(server.log().find("Zebulon"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace vigil::e2e
