// End to end: `vigil serve` as a running process on a free loopback port:
// start-up rules, tokens and roles, error statuses, the audit trail over
// HTTP, and SIGTERM.
#include <filesystem>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

class ServerTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
  }
};

TEST_F(ServerTest, WithoutTokensOnlyLoopbackIsServedAndOpen) {
  auto wide = Vigil({"serve", "--listen", "0.0.0.0:0"});
  EXPECT_EQ(wide.exit_code, 2) << wide.err;
  EXPECT_NE(wide.err.find("no API token"), std::string::npos) << wide.err;

  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  EXPECT_EQ(server.Get("/healthz").status, 200);
  EXPECT_TRUE(server.WaitUntilReady()) << server.log();
  // No token exists: this machine is trusted, as the CLI is.
  EXPECT_EQ(server.Get("/v1/tokens").status, 200);
  EXPECT_EQ(server.Stop(), 0) << server.log();
}

TEST_F(ServerTest, TokensAndRolesDecide) {
  std::string admin = Token("boss", "admin");
  std::string reader = Token("intern", "reader");
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();

  auto anonymous = server.Get("/v1/tokens");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Json()["error"]["code"], "unauthorized");
  EXPECT_EQ(anonymous.headers["www-authenticate"], "Bearer realm=\"vigil\"");
  EXPECT_EQ(server.Get("/v1/tokens", "vigil_000000000000_nope").status, 401);
  auto forbidden = server.Get("/v1/tokens", reader);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_NE(forbidden.Json()["error"]["message"].get<std::string>().find("admin"), std::string::npos);
  auto listed = server.Get("/v1/tokens", admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json()["tokens"].size(), 2u);
  // (The secret follows "vigil_<hex id>_"; it may hold '_' itself.)
  EXPECT_EQ(listed.body.find(reader.substr(reader.find('_', 6) + 1)), std::string::npos)
      << "a token's secret must never be listed";
  // yente's header form.
  auto apikey = server.Request("GET", "/v1/tokens", "", "", {{"Authorization", "Apikey " + admin}});
  EXPECT_EQ(apikey.status, 200);

  // An admin makes a screener over HTTP; it works at once, and is revoked at once.
  auto made = server.Post("/v1/tokens", admin, R"({"name": "desk-7", "role": "screener"})");
  ASSERT_EQ(made.status, 201) << made.body;
  std::string desk = made.Json()["token"];
  EXPECT_EQ(server.Get("/v1/tokens", desk).status, 403);
  EXPECT_EQ(server.Request("DELETE", "/v1/tokens/desk-7", admin).status, 200);
  EXPECT_EQ(server.Get("/v1/tokens", desk).status, 401);
  // A token revoked from the CLI while the server runs stops working too.
  ASSERT_EQ(Vigil({"token", "revoke", "intern"}).exit_code, 0);
  EXPECT_EQ(server.Get("/v1/tokens", reader).status, 401);
  EXPECT_EQ(server.Stop(), 0);
}

TEST_F(ServerTest, ErrorsHaveTheirStatusAndShape) {
  std::string admin = Token("boss", "admin");
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  auto missing = server.Get("/v1/nothing-here", admin);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Json()["error"]["code"], "not_found");
  EXPECT_EQ(server.Request("PUT", "/v1/tokens", admin).status, 405);
  auto malformed = server.Post("/v1/tokens", admin, "{not json");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.Json()["error"]["code"], "malformed_request");
  auto invalid = server.Post("/v1/tokens", admin, R"({"name": "x", "role": "root"})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.Json()["error"]["field"], "role");
  auto taken = server.Post("/v1/tokens", admin, R"({"name": "boss", "role": "reader"})");
  EXPECT_EQ(taken.status, 409);
  auto huge = server.Post("/v1/tokens", admin, std::string(2 << 20, ' '));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(server.Stop(), 0);
}

// The journal mode SQLite reports for the store, read without writing.
std::string JournalMode(const std::string& db) {
  sqlite3* raw = nullptr;
  std::string mode;
  if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      mode = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(raw);
  return mode;
}

TEST_F(ServerTest, TheStoreIsInWalModeWhileServedAndAPlainFileAfter) {
  VIGIL_SQLITE_ONLY();  // the file itself
  ServerProcess server({"--db", db_, "--quiet"});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  EXPECT_TRUE(std::filesystem::exists(db_ + "-wal"));
  EXPECT_EQ(JournalMode(db_), "wal");
  // A load from another process while the server runs leaves the mode
  // alone (switching it under the server's connections stalls them) and
  // the server keeps answering at once.
  ASSERT_EQ(LoadMini().exit_code, 0);
  EXPECT_EQ(JournalMode(db_), "wal");
  auto health = server.Get("/v1/lists");
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_EQ(JournalMode(db_), "delete");
  EXPECT_FALSE(std::filesystem::exists(db_ + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(db_ + "-shm"));
}

TEST_F(ServerTest, AdministrativeActsAreAuditedAndTheChainHolds) {
  std::string admin = Token("boss", "admin");
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_EQ(server.Post("/v1/tokens", admin, R"({"name": "desk-1", "role": "screener"})").status, 201);
  auto verify = server.Get("/v1/audit/verify", admin);
  ASSERT_EQ(verify.status, 200) << verify.body;
  EXPECT_EQ(verify.Json()["ok"], true);
  EXPECT_EQ(verify.Json()["rows"], 2);  // the CLI's token create, then the API's
  auto exported = server.Get("/v1/audit?format=jsonl", admin);
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("\"actor\":\"boss\",\"action\":\"token_create\""), std::string::npos)
      << exported.body;
  EXPECT_EQ(server.Stop(), 0);
  auto cli = Vigil({"audit", "verify", "--json"});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
}

}  // namespace
}  // namespace vigil::e2e

namespace vigil::e2e {
namespace {

TEST_F(CliTest, AuditVerifyFindsAnEditedRow) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  for (const char* name : {"a", "b", "c"})
    ASSERT_EQ(Vigil({"token", "create", "--name", name, "--role", "reader"}).exit_code, 0);
  auto clean = Vigil({"audit", "verify"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("3 rows"), std::string::npos) << clean.out;
  ASSERT_TRUE(test_support::RunSql(db_, "UPDATE audit SET actor = 'someone' WHERE seq = 2").ok());
  auto broken = Vigil({"audit", "verify", "--json"});
  EXPECT_EQ(broken.exit_code, 1);
  auto j = nlohmann::json::parse(broken.out);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["bad_seq"], 2);
}

}  // namespace
}  // namespace vigil::e2e

namespace vigil::e2e {
namespace {

// Every process that writes the store beside a running server keeps every
// row: none of the server's commits goes into a write-ahead log that a
// command deleted when it closed, taking the server's connections for gone
// (a second handle on the file, opened and closed in the server, used to
// drop the server's locks on it).
TEST_F(ServerTest, CommandsBesideTheServerLoseNoAuditRow) {
  std::string desk = Token("desk", "screener");
  ServerProcess server({"--db", db_, "--threads", "2"});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  int expected = 1;  // the token
  auto screen = [&] {
    auto r = server.Post("/v1/screen", desk, R"({"name": "Karim Yusufzai"})");
    EXPECT_EQ(r.status, 200) << r.body;
    ++expected;
  };
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i) screen();  // new connections on the server's threads
    auto batch = server.Request("POST", "/v1/screen/batch", desk, "{\"name\": \"Karim Yusufzai\"}\n",
                                {{"Content-Type", "application/x-ndjson"}});
    EXPECT_EQ(batch.status, 200) << batch.body;
    ++expected;
    auto cli = Vigil({"screen", "Karim Yusufzai"});
    EXPECT_EQ(cli.exit_code, 0) << cli.err;
    ++expected;
  }
  screen();
  EXPECT_EQ(server.Stop(), 0) << server.log();
  auto verified = Vigil({"audit", "verify", "--json"});
  ASSERT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  auto report = nlohmann::json::parse(verified.out);
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(report["rows"], expected) << verified.out;
}

}  // namespace
}  // namespace vigil::e2e
