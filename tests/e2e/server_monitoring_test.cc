// End to end: decisions, decision memory and monitoring, through `vigil
// serve` and the CLI: field errors and roles, decisions shown on the next
// screening of the same subject (and as stale once a newer list changes the
// record), monitors added as JSON and as CSV, and the alerts that loading a
// newer list from another process raises (tests/fixtures/lists/un-good.xml
// -> un-good-v2.xml; and the real UN list, 2025-04-19 -> 2025-11-20, when
// ../shared/data holds it).
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <vector>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

std::string Lists() { return SourceDir() + "/tests/fixtures/lists"; }

class ServerMonitoringTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    auto un = Vigil({"load", Lists() + "/un-good.xml"});
    ASSERT_EQ(un.exit_code, 0) << un.err;
    admin_ = Token("boss", "admin");
    screener_ = Token("desk-1", "screener");
    reader_ = Token("intern", "reader");
  }
  // The hit on the listed record key in a /v1/screen answer (null if none).
  static json HitOn(const json& response, const std::string& entity) {
    for (const auto& h : response["hits"])
      if (h["entity"] == entity) return h;
    return nullptr;
  }
  std::string admin_, screener_, reader_;
};

TEST_F(ServerMonitoringTest, DecisionsAreCheckedAndShownOnTheNextScreeningOfTheSubject) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  struct Case {
    const char* body;
    int status;
    const char* field;
  } cases[] = {
      {R"({"subject": "Karim Yusufzai", "record": "un-tai-901", "decision": "maybe"})", 422,
       "decision"},
      {R"({"subject": "Karim Yusufzai", "record": "un-tai-901"})", 422, "decision"},
      {R"({"subject": "Karim Yusufzai", "decision": "match"})", 422, "record"},
      {R"({"record": "un-tai-901", "decision": "match"})", 422, "subject"},
      {R"({"subject": {"name": "Karim", "birth_date": "last year"}, "record": "un-tai-901", "decision": "match"})",
       422, "subject.birth_date"},
      {R"({"subject": {"name": "Karim", "colour": "red"}, "record": "un-tai-901", "decision": "match"})",
       422, "subject.colour"},
      {R"({"subject": "Karim", "record": "un-tai-901", "decision": "match", "when": 1})", 422,
       "when"},
      {R"({"subject": "Karim", "record": "un-tai-999", "decision": "match"})", 404, nullptr},
      {R"({"subject": "Karim", )", 400, nullptr},
  };
  for (const auto& c : cases) {
    auto r = server.Post("/v1/decisions", screener_, c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    if (c.field) {
      EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.body << " -> " << r.body;
    }
  }
  const std::string good =
      R"({"subject": "Karim Yusufzai", "record": "un-tai-901", "decision": "false_positive", "note": "born 1990"})";
  EXPECT_EQ(server.Post("/v1/decisions", reader_, good).status, 403);
  EXPECT_EQ(server.Post("/v1/decisions", "", good).status, 401);
  auto made = server.Post("/v1/decisions", screener_, good);
  ASSERT_EQ(made.status, 201) << made.body;
  json decision = made.Json();
  EXPECT_EQ(decision["id"], 1);
  EXPECT_EQ(decision["actor"], "desk-1");
  EXPECT_EQ(decision["record"], "un-tai-901");
  EXPECT_EQ(decision["dataset"], "un-consolidated");
  EXPECT_EQ(decision["decision"], "false_positive");
  EXPECT_EQ(decision["stale"], false);
  EXPECT_EQ(decision["list_version"].get<std::string>().substr(0, 11), "2025-01-02+");

  // The same subject, written otherwise, sees it on /v1/screen...
  auto screened = server.Post("/v1/screen", screener_, R"({"name": "KARIM   yusufzai"})");
  ASSERT_EQ(screened.status, 200) << screened.body;
  json hit = HitOn(screened.Json(), "un-tai-901");
  ASSERT_FALSE(hit.is_null()) << screened.body;
  ASSERT_EQ(hit["decisions"].size(), 1u) << hit.dump();
  EXPECT_EQ(hit["decisions"][0], json({{"decision", "false_positive"},
                                       {"note", "born 1990"},
                                       {"actor", "desk-1"},
                                       {"at", decision["at"]},
                                       {"list_version", decision["list_version"]},
                                       {"stale", false}}));
  // ...on yente's /match, under a key of vigil's own...
  auto matched = server.Post(
      "/match/default", screener_,
      R"({"queries": {"q1": {"schema": "Person", "properties": {"name": ["Karim Yusufzai"]}}}})");
  ASSERT_EQ(matched.status, 200) << matched.body;
  bool seen = false;
  json match_body = matched.Json();
  for (const auto& r : match_body["responses"]["q1"]["results"])
    if (r["id"] == "un-tai-901") {
      seen = true;
      EXPECT_EQ(r["vigil"]["decisions"][0]["decision"], "false_positive") << r.dump();
    }
  EXPECT_TRUE(seen) << matched.body;
  // ...and on the CLI; another subject (a birth date given) does not.
  json cli = Json({"screen", "karim yusufzai"});
  EXPECT_EQ(HitOn(cli, "un-tai-901")["decisions"][0]["decision"], "false_positive");
  json other = Json({"screen", "Karim Yusufzai", "--dob", "1970"});
  EXPECT_FALSE(HitOn(other, "un-tai-901").contains("decisions"));
  auto text = Vigil({"screen", "Karim Yusufzai"});
  EXPECT_NE(text.out.find("decided false_positive by desk-1"), std::string::npos) << text.out;
  // ...and on the rows of a batch, over HTTP and from the CLI (CSV too).
  auto batch = server.Request(
      "POST", "/v1/screen/batch", screener_,
      "{\"name\": \"KARIM yusufzai\"}\n{\"name\": \"Karim Yusufzai\", \"birth_date\": \"1970\"}\n",
      {{"Content-Type", "application/x-ndjson"}});
  ASSERT_EQ(batch.status, 200) << batch.body;
  std::istringstream batch_lines(batch.body);
  std::vector<json> rows;
  for (std::string line; std::getline(batch_lines, line);) rows.push_back(json::parse(line));
  ASSERT_EQ(rows.size(), 3u) << batch.body;  // two rows and the summary
  EXPECT_EQ(HitOn(rows[0], "un-tai-901")["decisions"][0]["decision"], "false_positive") << rows[0];
  EXPECT_FALSE(HitOn(rows[1], "un-tai-901").contains("decisions")) << rows[1];
  std::ofstream(dir_ + "/rows.csv") << "id,name\nr1,Karim Yusufzai\n";
  auto csv = Vigil({"screen", "--input", dir_ + "/rows.csv", "--output", dir_ + "/out.csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  std::ifstream out_csv(dir_ + "/out.csv");
  std::string header, first;
  std::getline(out_csv, header);
  std::getline(out_csv, first);
  EXPECT_NE(header.find("vigil_top_decision"), std::string::npos) << header;
  EXPECT_NE(first.find("false_positive"), std::string::npos) << first;

  // The CLI records decisions too; both are listed, oldest first.
  auto decided = Vigil({"decide", "--subject", "Karim Yusufzai", "--record", "un-tai-901",
                        "--decision", "needs_review", "--note", "check again"});
  EXPECT_EQ(decided.exit_code, 0) << decided.err;
  auto bad =
      Vigil({"decide", "--subject", "Karim", "--record", "un-tai-901", "--decision", "maybe"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--decision"), std::string::npos) << bad.err;
  auto missing = Vigil({"decide", "--subject", "Karim", "--record", "un-x", "--decision", "match"});
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  auto listed = server.Get("/v1/decisions?subject=karim%20yusufzai", screener_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["decisions"].size(), 2u) << listed.body;
  EXPECT_EQ(listed.Json()["decisions"][1]["decision"], "needs_review");
  EXPECT_EQ(listed.Json()["decisions"][1]["actor"], "cli");
  EXPECT_EQ(server.Get("/v1/decisions?colour=red", screener_).status, 422);

  // Each decision is an audit row; the chain holds.
  auto exported = server.Get("/v1/audit?format=jsonl", admin_);
  ASSERT_EQ(exported.status, 200);
  int decisions = 0;
  std::istringstream lines(exported.body);
  for (std::string line; std::getline(lines, line);) {
    json row = json::parse(line);
    if (row.contains("action") && row["action"] == "decision") {
      ++decisions;
      EXPECT_EQ(row["detail"]["record"], "un-tai-901");
    }
  }
  EXPECT_EQ(decisions, 2) << exported.body;
  EXPECT_EQ(server.Get("/v1/audit/verify", admin_).Json()["ok"], true);
  EXPECT_EQ(server.Stop(), 0);

  // A newer list changes the record: the decisions are stale.
  auto v2 = Vigil({"load", Lists() + "/un-good-v2.xml"});
  ASSERT_EQ(v2.exit_code, 0) << v2.err;
  json after = Json({"screen", "Karim Yusufzai"});
  json stale = HitOn(after, "un-tai-901");
  ASSERT_EQ(stale["decisions"].size(), 2u) << stale.dump();
  EXPECT_EQ(stale["decisions"][0]["stale"], true);
  EXPECT_EQ(stale["decisions"][0]["list_version"], decision["list_version"]);
}

TEST_F(ServerMonitoringTest, MonitorsRaiseAlertsWhenAnotherProcessLoadsANewerList) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto one = server.Post("/v1/monitors", screener_,
                         R"({"label": "supplier 1", "name": "Karim Yusufzai", "kind": "person"})");
  ASSERT_EQ(one.status, 201) << one.body;
  EXPECT_EQ(one.Json()["monitors"][0]["id"], 1);
  EXPECT_EQ(one.Json()["monitors"][0]["label"], "supplier 1");
  std::set<std::string> records;
  json first_monitor = one.Json()["monitors"][0];
  for (const auto& h : first_monitor["hits"]) records.insert(h["record"].get<std::string>());
  EXPECT_TRUE(records.count("un-tai-901")) << one.body;
  auto csv = server.Request("POST", "/v1/monitors", screener_,
                            "name,label\nNorthern Front,org 2\nValley Brigade,org 3\n",
                            {{"Content-Type", "text/csv"}});
  ASSERT_EQ(csv.status, 201) << csv.body;
  ASSERT_EQ(csv.Json()["monitors"].size(), 2u);
  EXPECT_EQ(csv.Json()["monitors"][1]["hits"].size(), 0u);  // not listed yet
  auto bad_csv =
      server.Request("POST", "/v1/monitors", screener_, "name,birth_date\nOmar,last year\n",
                     {{"Content-Type", "text/csv"}});
  EXPECT_EQ(bad_csv.status, 422) << bad_csv.body;
  EXPECT_EQ(bad_csv.Json()["error"]["field"], "birth_date");
  EXPECT_NE(bad_csv.body.find("body:2: birth_date"), std::string::npos) << bad_csv.body;
  EXPECT_EQ(server.Post("/v1/monitors", screener_, R"({"name": "Karim", "kind": "vessel"})")
                .Json()["error"]["field"],
            "kind");
  EXPECT_EQ(
      server.Post("/v1/monitors", screener_, R"({"subjects": [{"name": "Karim"}, {"nom": "x"}]})")
          .Json()["error"]["field"],
      "subjects[1].nom");
  EXPECT_EQ(server.Post("/v1/monitors", reader_, R"({"name": "Karim"})").status, 403);
  auto extra = server.Post("/v1/monitors", screener_, R"({"name": "Somebody Else"})");
  ASSERT_EQ(extra.status, 201);
  int64_t extra_id = extra.Json()["monitors"][0]["id"];
  EXPECT_EQ(server.Request("DELETE", "/v1/monitors/" + std::to_string(extra_id), screener_).status,
            200);
  EXPECT_EQ(server.Request("DELETE", "/v1/monitors/" + std::to_string(extra_id), screener_).status,
            404);
  EXPECT_EQ(server.Request("DELETE", "/v1/monitors/x", screener_).status, 422);
  auto listed = server.Get("/v1/monitors", screener_);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.Json()["monitors"].size(), 3u);
  EXPECT_EQ(server.Get("/v1/alerts", screener_).Json()["alerts"], json::array());

  // Another process loads the newer list.
  auto v2 = Vigil({"load", Lists() + "/un-good-v2.xml"});
  ASSERT_EQ(v2.exit_code, 0) << v2.err;
  EXPECT_NE(v2.out.find("monitoring: 3 subjects screened again: 1 new, 1 changed, 1 removed"),
            std::string::npos)
      << v2.out;
  auto alerts = server.Get("/v1/alerts", screener_);
  ASSERT_EQ(alerts.status, 200) << alerts.body;
  std::vector<std::string> seen;
  json all_alerts = alerts.Json()["alerts"];
  for (const auto& a : all_alerts) {
    seen.push_back(a["label"].get<std::string>() + " " + a["kind"].get<std::string>() + " " +
                   a["record"].get<std::string>());
    EXPECT_EQ(a["cause"].get<std::string>().substr(0, 27), "un-consolidated 2025-01-02+")
        << a.dump();
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"supplier 1 changed un-tai-901",
                                            "org 2 removed un-tae-901", "org 3 new un-tae-902"}))
      << alerts.body;
  json changed = alerts.Json()["alerts"][0];
  EXPECT_EQ(changed["detail"]["digest_changed"], true);
  EXPECT_EQ(alerts.Json()["alerts"][1]["detail"]["listed"], false);
  EXPECT_TRUE(alerts.Json()["alerts"][1]["new_score"].is_null());
  int64_t first = alerts.Json()["alerts"][0]["id"];
  auto since = server.Get("/v1/alerts?since=" + std::to_string(first), screener_);
  EXPECT_EQ(since.Json()["alerts"].size(), 2u);
  auto of_one = server.Get("/v1/alerts?monitor=2", screener_);
  ASSERT_EQ(of_one.Json()["alerts"].size(), 1u);
  EXPECT_EQ(of_one.Json()["alerts"][0]["kind"], "removed");
  EXPECT_EQ(server.Get("/v1/alerts?since=-1", screener_).status, 422);
  EXPECT_EQ(server.Stop(), 0);

  // The CLI shows the same.
  json cli = Json({"alerts", "--since", std::to_string(first)});
  ASSERT_EQ(cli.size(), 2u);
  EXPECT_EQ(cli[0]["kind"], "removed");
  auto text = Vigil({"alerts"});
  EXPECT_NE(text.out.find("org 3"), std::string::npos) << text.out;
  // Loading the same version again changes nothing and raises nothing.
  ASSERT_EQ(Vigil({"load", Lists() + "/un-good-v2.xml"}).exit_code, 0);
  EXPECT_EQ(Json({"alerts"}).size(), 3u);
}

TEST_F(ServerMonitoringTest, MonitorCommandsAddListAndRemove) {
  auto added = Vigil({"monitor", "add", "Karim Yusufzai", "--label", "supplier 1"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("monitor 1 \"supplier 1\""), std::string::npos) << added.out;
  WriteFile("subjects.csv", "name,country\nNorthern Front,Afghanistan\n");
  auto from_csv = Vigil({"monitor", "add", "--input", data_ + "/subjects.csv"});
  ASSERT_EQ(from_csv.exit_code, 0) << from_csv.err;
  WriteFile("bad.csv", "name,country\nNorthern Front,Atlantis\n");
  auto bad = Vigil({"monitor", "add", "--input", data_ + "/bad.csv"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.csv:2: country"), std::string::npos) << bad.err;
  json all = Json({"monitor", "list"});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1]["query"]["country"], "Afghanistan");
  EXPECT_EQ(Vigil({"monitor", "remove", "1"}).exit_code, 0);
  EXPECT_EQ(Vigil({"monitor", "remove", "1"}).exit_code, 3);
  EXPECT_EQ(Json({"monitor", "list"}).size(), 1u);
}

// The real UN list: monitors on names that a newer version removes, adds
// or changes (found by comparing the two files), and exact alerts.
TEST(MonitoringUnListTest, LoadingTheNewerUnListRaisesTheKnownAlerts) {
  std::string data = SharedDataDir() + "/un";
  if (!std::filesystem::exists(data + "/consolidated-2025-11-20.xml"))
    GTEST_SKIP() << "not found: " << data;
  std::string dir = TempDir(), db = dir + "/vigil.db";
  auto load = [&](const std::string& file) {
    return RunVigil({"load", data + "/" + file, "--db", db});
  };
  ASSERT_EQ(load("consolidated-2025-04-19.xml").exit_code, 0);
  {
    std::ofstream csv(dir + "/subjects.csv");
    csv << "label,name,kind\n"
           "removed,Abu Mohammed al-Jawlani,person\n"                 // QDi.317, gone in 2025-11
           "added,Fereidoun Abbasi-Davani,person\n"                   // IRi.001, new in 2025-11
           "changed,Bashar Sabawi Ibrahim Hasan al-Tikriti,person\n"  // IQi.085, alias added
           "same,Sirajuddin Jallaloudine Haqqani,person\n";           // TAi.144, as it was
  }
  auto added = RunVigil({"monitor", "add", "--input", dir + "/subjects.csv", "--db", db});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  auto newer = load("consolidated-2025-11-20.xml");
  ASSERT_EQ(newer.exit_code, 0) << newer.err;
  auto alerts = RunVigil({"alerts", "--json", "--db", db});
  ASSERT_EQ(alerts.exit_code, 0) << alerts.err;
  std::vector<std::string> seen;
  json all = json::parse(alerts.out);
  for (const auto& a : all) {
    seen.push_back(a["label"].get<std::string>() + " " + a["kind"].get<std::string>() + " " +
                   a["record"].get<std::string>());
    const std::string cause = a["cause"];
    EXPECT_EQ(cause.substr(0, 27), "un-consolidated 2025-04-19+") << cause;
    EXPECT_NE(cause.find(" -> 2025-11-20+"), std::string::npos) << cause;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"removed removed un-qdi-317", "added new un-iri-001",
                                            "changed changed un-iqi-085"}))
      << alerts.out;
  if (all.size() == 3) {
    EXPECT_EQ(all[0]["detail"]["listed"], false);         // left the list
    EXPECT_TRUE(all[1]["old_score"].is_null());           // was not a hit
    EXPECT_EQ(all[2]["detail"]["digest_changed"], true);  // the alias 'BASHAR AL-NASIRI'
  }
  EXPECT_NE(newer.out.find("monitoring: 4 subjects screened again: 1 new, 1 changed, 1 removed"),
            std::string::npos)
      << newer.out;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vigil::e2e
