// End to end: two `vigil serve` processes on one PostgreSQL database (run
// only against the throwaway server, VIGIL_TEST_PG: a SQLite file belongs to
// one machine). A list loaded through one server is served by the other
// after its swap, and screenings audited through both at once leave one
// unbroken audit chain (docs/architecture.md, "Several servers, one
// database").
#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "fixture.h"
#include "server_process.h"
#include "vigil/base/file.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

class SharedStoreTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    if (!where_->postgres()) GTEST_SKIP() << "PostgreSQL only (VIGIL_TEST_PG)";
    ASSERT_EQ(LoadMini().exit_code, 0);
    admin_ = Token("boss", "admin");
    screener_ = Token("desk-1", "screener");
  }
  // The datasets a screening through server says it used, by name.
  static std::vector<std::string> Served(ServerProcess& server, const std::string& token) {
    std::vector<std::string> out;
    auto r = server.Post("/v1/screen", token, R"({"name": "Karim Yusufzai"})");
    if (r.status != 200) return {"status " + std::to_string(r.status)};
    json body = r.Json();
    for (const auto& list : body["lists"]) out.push_back(list["dataset"].get<std::string>());
    return out;
  }
  std::string admin_, screener_;
};

TEST_F(SharedStoreTest, AListLoadedThroughOneServerIsServedByTheOtherAndOneAuditChainHolds) {
  ServerProcess a({"--db", db_, "--watch-interval", "100", "--quiet"});
  ServerProcess b({"--db", db_, "--watch-interval", "100", "--quiet"});
  ASSERT_TRUE(a.Start()) << a.log();
  ASSERT_TRUE(b.Start()) << b.log();
  ASSERT_TRUE(a.WaitUntilReady()) << a.log();
  ASSERT_TRUE(b.WaitUntilReady()) << b.log();
  EXPECT_EQ(Served(b, screener_), std::vector<std::string>{"curated"});

  // A list posted to a: b swaps it in within its watch interval.
  auto list = ReadFile(SourceDir() + "/tests/fixtures/lists/un-good.xml");
  ASSERT_TRUE(list.ok());
  auto posted = a.Request("POST", "/v1/lists?filename=un.xml", admin_, *list,
                          {{"Content-Type", "application/xml"}});
  ASSERT_EQ(posted.status, 200) << posted.body;
  const std::vector<std::string> both = {"curated", "un-consolidated"};
  auto start = std::chrono::steady_clock::now();
  while (Served(b, screener_) != both &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(30))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Served(b, screener_), both) << b.log();
  auto hit = b.Post("/v1/screen", screener_, R"({"name": "Karim Yusufzai"})");
  ASSERT_EQ(hit.status, 200) << hit.body;
  EXPECT_EQ(hit.Json()["hits"][0]["dataset"], "un-consolidated") << hit.body;

  // Screenings through both at once, each audited.
  constexpr int kEach = 25;
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (ServerProcess* server : {&a, &b})
    for (int t = 0; t < 2; ++t)
      clients.emplace_back([&, server] {
        for (int i = 0; i < kEach; ++i)
          if (server->Post("/v1/screen", screener_, R"({"name": "Northern Front"})").status != 200)
            ++failed;
      });
  for (auto& c : clients) c.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(a.Stop(), 0) << a.log();
  EXPECT_EQ(b.Stop(), 0) << b.log();

  auto verify = Vigil({"audit", "verify", "--json"});
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  json v = json::parse(verify.out);
  EXPECT_EQ(v["ok"], true) << verify.out;
  // Two tokens, the list load, and every screening (4 x 25, and those above).
  EXPECT_GE(v["rows"].get<int64_t>(), 2 + 1 + 4 * kEach + 1) << verify.out;
}

}  // namespace
}  // namespace vigil::e2e
