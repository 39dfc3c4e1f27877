// End to end: OpenRefine's reconciliation service through `vigil serve`,
// driven as OpenRefine drives it: the manifest fetched with the token in
// ?api_key=, query batches posted form-encoded (queries=...), previews,
// entity suggestions, proposed properties and data extension.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

// application/x-www-form-urlencoded, as a browser or OpenRefine writes it.
std::string FormEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

class ServerReconcileTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    auto un = Vigil({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml"});
    ASSERT_EQ(un.exit_code, 0) << un.err;
    screener_ = Token("desk-1", "screener");
    reader_ = Token("intern", "reader");
    admin_ = Token("boss", "admin");
  }
  // A POST as OpenRefine sends it: form-encoded, no Authorization header.
  HttpResult PostForm(ServerProcess& server, const std::string& target, const std::string& field,
                      const std::string& value) {
    return server.Request("POST", target, "", field + "=" + FormEncode(value),
                          {{"Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"}});
  }
  std::string screener_, reader_, admin_;
};

TEST_F(ServerReconcileTest, ManifestCarriesTheKeyInTheUrlsOpenRefineFollows) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  EXPECT_EQ(server.Get("/reconcile").status, 401);
  EXPECT_EQ(server.Get("/reconcile?api_key=vigil_nope_nope").status, 401);
  EXPECT_EQ(server.Get("/reconcile?api_key=" + reader_).status, 403);
  // URLs are built from the Host the client reached.
  const std::map<std::string, std::string> host{{"Host", "refine.example:8080"}};
  auto r = server.Request("GET", "/reconcile?api_key=" + screener_, "", "", host);
  ASSERT_EQ(r.status, 200) << r.body;
  json manifest = r.Json();
  EXPECT_EQ(manifest["versions"], json::array({"0.2"}));
  const std::string base = "http://refine.example:8080";
  EXPECT_EQ(manifest["identifierSpace"], base + "/entities/");
  EXPECT_EQ(manifest["defaultTypes"][0]["id"], "Person");
  EXPECT_EQ(manifest["preview"]["url"], base + "/reconcile/preview?id={{id}}&api_key=" + screener_);
  EXPECT_EQ(manifest["suggest"]["entity"]["service_path"],
            "/reconcile/suggest/entity?api_key=" + screener_);
  EXPECT_EQ(manifest["extend"]["propose_properties"]["service_path"],
            "/reconcile/properties?api_key=" + screener_);
  // With a header instead, the URLs carry no key.
  auto plain = server.Request("GET", "/reconcile", screener_, "", host).Json();
  EXPECT_EQ(plain["preview"]["url"], base + "/reconcile/preview?id={{id}}");
  // Behind a proxy that ends TLS, the URLs say https; a Host that is not a
  // host name is not echoed.
  auto proxied = server.Request("GET", "/reconcile", screener_, "",
                                {{"Host", "refine.example"}, {"X-Forwarded-Proto", "https"}})
                     .Json();
  EXPECT_EQ(proxied["identifierSpace"], "https://refine.example/entities/");
  auto odd = server.Request("GET", "/reconcile", screener_, "",
                            {{"Host", "a\"b<script>"}, {"X-Forwarded-Proto", "gopher"}})
                 .Json();
  EXPECT_EQ(odd["identifierSpace"], "http://127.0.0.1/entities/");
  // api_key is taken on /reconcile routes only.
  EXPECT_EQ(server.Get("/v1/lists?api_key=" + screener_).status, 401);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerReconcileTest, RoundTripAsOpenRefineSendsIt) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  // One batch as OpenRefine's StandardReconConfig writes it.
  const std::string queries = R"({
    "q0": {"query": "Karim Yousufzai", "type": "Person", "type_strict": "should",
           "properties": [{"pid": "birthDate", "v": "1970"}, {"pid": "nationality", "v": "unknown"}]},
    "q1": {"query": "Northern Front", "type": "Organization", "type_strict": "should", "limit": 3},
    "q2": {"query": "Margaret Thornton", "type": "Person"},
    "q3": {"query": "   "}})";
  auto r = PostForm(server, "/reconcile?api_key=" + screener_, "queries", queries);
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  const json& q0 = body["q0"]["result"];
  ASSERT_EQ(q0.size(), 1u) << r.body;
  EXPECT_EQ(q0[0]["id"], "un-tai-901");
  EXPECT_EQ(q0[0]["name"], "KARIM YUSUFZAI");
  EXPECT_EQ(q0[0]["type"], json::array({{{"id", "Person"}, {"name", "Person"}}}));
  EXPECT_GT(q0[0]["score"].get<double>(), 85.0);
  EXPECT_LE(q0[0]["score"].get<double>(), 100.0);
  EXPECT_EQ(q0[0]["match"], true);  // one clear hit: OpenRefine accepts it
  EXPECT_NE(q0[0]["description"].get<std::string>().find("TAi.901"), std::string::npos);
  // Two records of the same group (the curated card and the UN entry):
  // neither is a clear match.
  const json& q1 = body["q1"]["result"];
  ASSERT_EQ(q1.size(), 2u) << r.body;
  std::set<std::string> ids{q1[0]["id"], q1[1]["id"]};
  EXPECT_EQ(ids, (std::set<std::string>{"northern-front", "un-tae-901"}));
  EXPECT_EQ(q1[0]["match"], false);
  EXPECT_EQ(q1[1]["match"], false);
  EXPECT_EQ(q1[0]["type"][0]["id"], "Organization");
  EXPECT_TRUE(body["q2"]["result"].empty());
  EXPECT_TRUE(body["q3"]["result"].empty());  // an empty cell is no error

  // The same batch in the query string (GET), as older clients send it.
  auto get = server.Get("/reconcile?queries=" + FormEncode(queries) + "&api_key=" + screener_);
  ASSERT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(get.Json()["q0"]["result"][0]["id"], "un-tai-901");

  // Field errors name the query.
  auto bad = PostForm(server, "/reconcile?api_key=" + screener_, "queries",
                      R"({"q0": {"query": "Karim", "type": "Vessel"}})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json()["error"]["field"], "queries.q0.type");
  bad = PostForm(server, "/reconcile?api_key=" + screener_, "queries",
                 R"({"q0": {"query": "Karim", "properties": [{"pid": "P569", "v": "1970"}]}})");
  EXPECT_EQ(bad.Json()["error"]["field"], "queries.q0.properties[0].pid");
  EXPECT_EQ(PostForm(server, "/reconcile?api_key=" + screener_, "queries", "{oops").status, 400);

  // Every query screened is in the audit log, under the token's name.
  auto exported = server.Get("/v1/audit?format=jsonl", admin_);
  std::istringstream lines(exported.body);
  int screens = 0;
  for (std::string line; std::getline(lines, line);) {
    json row = json::parse(line);
    if (row["action"] == "screen" && row["actor"] == "desk-1") ++screens;
  }
  EXPECT_EQ(screens, 6);  // q0, q1, q2 posted, then again by GET
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_EQ(server.log().find("Karim"), std::string::npos);
  EXPECT_EQ(server.log().find(screener_), std::string::npos);
}

TEST_F(ServerReconcileTest, PreviewSuggestPropertiesAndExtend) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  const std::string key = "api_key=" + reader_;

  auto preview = server.Get("/reconcile/preview?id=un-tai-901&" + key);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(preview.body.find("<h3>KARIM YUSUFZAI</h3>"), std::string::npos) << preview.body;
  EXPECT_NE(preview.body.find("TAi.901"), std::string::npos);
  EXPECT_NE(preview.body.find("Karim Yousafzai"), std::string::npos);
  auto card = server.Get("/reconcile/preview?id=valley-brigade&" + key);
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_NE(card.body.find("<h3>Valley Brigade</h3>"), std::string::npos) << card.body;
  auto missing = server.Get("/reconcile/preview?id=%3Cscript%3E&" + key);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers["content-type"], "application/json");

  // Suggestions by any part of a name, in any script.
  auto suggest = server.Get("/reconcile/suggest/entity?prefix=brigade&" + key);
  ASSERT_EQ(suggest.status, 200) << suggest.body;
  ASSERT_EQ(suggest.Json()["result"].size(), 1u) << suggest.body;
  EXPECT_EQ(suggest.Json()["result"][0]["id"], "valley-brigade");
  auto cyrillic =
      server.Get("/reconcile/suggest/entity?prefix=%D0%A1%D0%B5%D0%B2%D0%B5%D1%80&" + key);
  ASSERT_EQ(cyrillic.status, 200) << cyrillic.body;
  ASSERT_FALSE(cyrillic.Json()["result"].empty()) << cyrillic.body;
  EXPECT_EQ(cyrillic.Json()["result"][0]["id"], "northern-front");

  // Proposed properties; OpenRefine appends its parameters after the
  // manifest's "?api_key=..." with another '?'.
  auto properties = server.Get("/reconcile/properties?" + key + "?type=Person&limit=2");
  ASSERT_EQ(properties.status, 200) << properties.body;
  EXPECT_EQ(
      properties.Json(),
      json::parse(R"({"type": "Person", "properties": [{"id": "birthDate", "name": "Birth date"},
                                                             {"id": "nationality", "name": "Nationality"}]})"));

  // Extension, at /reconcile/extend and (as OpenRefine sends it) at the
  // service's own URL with a form field.
  const std::string extend =
      R"({"ids": ["un-tai-901", "no-such-id"], "properties": [{"id": "birthDate"}, {"id": "authorityId"}, {"id": "program"}]})";
  json expected = json::parse(R"({
    "meta": [{"id": "birthDate", "name": "Birth date"}, {"id": "authorityId", "name": "List reference"},
             {"id": "program", "name": "Sanctions programme"}],
    "rows": {"un-tai-901": {"birthDate": [{"str": "1969/1971"}], "authorityId": [{"str": "TAi.901"}],
                            "program": [{"str": "1988 Taliban"}]},
             "no-such-id": {"birthDate": [], "authorityId": [], "program": []}}})");
  auto extended = PostForm(server, "/reconcile/extend?" + key, "extend", extend);
  ASSERT_EQ(extended.status, 200) << extended.body;
  EXPECT_EQ(extended.Json(), expected) << extended.body;
  auto at_service = PostForm(server, "/reconcile?api_key=" + screener_, "extend", extend);
  ASSERT_EQ(at_service.status, 200) << at_service.body;
  EXPECT_EQ(at_service.Json(), expected);
  auto unknown = PostForm(server, "/reconcile/extend?" + key, "extend",
                          R"({"ids": ["un-tai-901"], "properties": [{"id": "P27"}]})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.Json()["error"]["field"], "extend.properties[0].id");
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace vigil::e2e
