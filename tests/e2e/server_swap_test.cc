// End to end: list updates without downtime. A running `vigil serve` picks
// up a newer UN list loaded by `vigil load` from another process, and one
// sent to POST /v1/lists, while screening requests run on several threads:
// none fails, and within a bounded time /v1/lists and screenings show the
// new version (docs/api.md, "List updates").
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

std::string Un(const std::string& date) {
  return SharedDataDir() + "/un/consolidated-" + date + ".xml";
}

// Screening requests on several threads until stopped: every answer's
// status, and the list version each screening said it used.
class ScreeningLoad {
 public:
  ScreeningLoad(ServerProcess& server, std::string token, int threads) {
    for (int t = 0; t < threads; ++t)
      threads_.emplace_back([this, &server, token] {
        while (!stop_) {
          HttpResult r;
          try {
            r = server.Post("/v1/screen", token,
                            R"({"name": "Sirajuddin Haqqani", "birth_date": "1973"})");
          } catch (const std::exception& e) {
            r.body = e.what();  // refused or cut: a failure (status 0)
          }
          ++requests_;
          if (r.status != 200) {
            ++failed_;
            std::lock_guard lock(mutex_);
            failures_ += std::to_string(r.status) + " " + r.body + "\n";
            continue;
          }
          json lists = r.Json()["lists"];
          if (!lists.empty() && lists[0]["publish_date"].is_string()) {
            std::lock_guard lock(mutex_);
            last_version_ = lists[0]["publish_date"];
          }
        }
      });
  }
  ~ScreeningLoad() { Stop(); }
  void Stop() {
    stop_ = true;
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }
  int requests() const { return requests_; }
  int failed() const { return failed_; }
  std::string failures() {
    std::lock_guard lock(mutex_);
    return failures_;
  }
  std::string last_version() {
    std::lock_guard lock(mutex_);
    return last_version_;
  }

 private:
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0}, failed_{0};
  std::mutex mutex_;
  std::string failures_, last_version_;
};

class ServerSwapTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    if (!std::filesystem::exists(Un("2025-04-19"))) GTEST_SKIP() << "no ../shared/data/un";
    auto un = Vigil({"load", Un("2025-04-19")});
    ASSERT_EQ(un.exit_code, 0) << un.err;
    admin_ = Token("boss", "admin");
    screener_ = Token("desk-1", "screener");
  }
  // The publish date /v1/lists says is served.
  static std::string Served(ServerProcess& server, const std::string& token) {
    auto r = server.Get("/v1/lists", token);
    if (r.status != 200) return "status " + std::to_string(r.status);
    json lists = r.Json()["lists"];
    return lists.empty() ? "" : lists[0]["publish_date"].get<std::string>();
  }
  std::string admin_, screener_;
};

TEST_F(ServerSwapTest, ALoadFromAnotherProcessIsServedWithoutFailingARequest) {
  ServerProcess server({"--db", db_, "--watch-interval", "100", "--quiet"});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  EXPECT_EQ(Served(server, screener_), "2025-04-19");
  json before = server.Get("/v1/lists", screener_).Json()["snapshot"];
  EXPECT_EQ(before["swaps"], 0);
  EXPECT_TRUE(before["loaded_at"].is_string());

  ScreeningLoad load(server, screener_, 3);
  auto loaded = Vigil({"load", Un("2025-11-20")});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  auto committed = std::chrono::steady_clock::now();
  std::string served;
  while (served != "2025-11-20" &&
         std::chrono::steady_clock::now() - committed < std::chrono::seconds(30)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    served = Served(server, screener_);
  }
  EXPECT_EQ(served, "2025-11-20") << server.log();
  // Screenings started after the swap use the new version.
  int seen_at = load.requests();
  while (load.requests() < seen_at + 20 &&
         std::chrono::steady_clock::now() - committed < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  load.Stop();
  EXPECT_EQ(load.failed(), 0) << load.failures();
  EXPECT_GT(load.requests(), 20);
  EXPECT_EQ(load.last_version(), "2025-11-20");
  json after = server.Get("/v1/lists", screener_).Json();
  EXPECT_EQ(after["lists"][0]["records"], 1000);
  EXPECT_GT(after["snapshot"]["generation"].get<int64_t>(), before["generation"].get<int64_t>());
  EXPECT_EQ(after["snapshot"]["swaps"], 1);
  EXPECT_EQ(server.Stop(), 0) << server.log();
}

TEST_F(ServerSwapTest, AListPostedByAnAdminIsLoadedAuditedAndServedAtOnce) {
  // No watcher: the upload swaps by itself.
  ServerProcess server({"--db", db_, "--watch-interval", "0", "--quiet"});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  const std::string newer = ReadText(Un("2026-02-27"));
  const std::map<std::string, std::string> xml = {{"Content-Type", "application/xml"}};

  // Screeners may not load lists.
  auto forbidden = server.Request("POST", "/v1/lists", screener_, newer, xml);
  EXPECT_EQ(forbidden.status, 403) << forbidden.body;

  ScreeningLoad load(server, screener_, 3);
  auto r = server.Request("POST", "/v1/lists?filename=un-2026.xml", admin_, newer, xml);
  ASSERT_EQ(r.status, 200) << r.body;
  json body = r.Json();
  ASSERT_EQ(body["datasets"].size(), 1u);
  EXPECT_EQ(body["datasets"][0]["dataset"], "un-consolidated");
  EXPECT_EQ(body["datasets"][0]["publish_date"], "2026-02-27");
  EXPECT_EQ(body["datasets"][0]["files"], json::array({"un-2026.xml"}));
  EXPECT_EQ(body["datasets"][0]["changes"]["previous_publish_date"], "2025-04-19");
  EXPECT_EQ(body["lists"][0]["publish_date"], "2026-02-27");
  EXPECT_EQ(body["lists"][0]["records"], 1003);
  EXPECT_EQ(body["snapshot"]["swaps"], 1);
  // Served as soon as the upload is answered.
  EXPECT_EQ(Served(server, screener_), "2026-02-27");
  auto screened = server.Post("/v1/screen", screener_, R"({"name": "Sirajuddin Haqqani"})");
  ASSERT_EQ(screened.status, 200);
  EXPECT_EQ(screened.Json()["lists"][0]["publish_date"], "2026-02-27");
  load.Stop();
  EXPECT_EQ(load.failed(), 0) << load.failures();

  // An older version is refused, as vigil load refuses it: 409, nothing
  // changes; allow_older (and allow_shrink) load it.
  const std::string older = ReadText(Un("2025-04-19"));
  auto refused = server.Request("POST", "/v1/lists", admin_, older, xml);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("(allow_older)"),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(Served(server, screener_), "2026-02-27");
  auto allowed =
      server.Request("POST", "/v1/lists?allow_older=true&allow_shrink=true", admin_, older, xml);
  EXPECT_EQ(allowed.status, 200) << allowed.body;
  EXPECT_EQ(Served(server, screener_), "2025-04-19");

  // Not a list: 400 naming the upload; an unknown parameter: 422.
  auto junk = server.Request("POST", "/v1/lists?filename=notes.txt", admin_, "just some text", {});
  EXPECT_EQ(junk.status, 400) << junk.body;
  EXPECT_EQ(junk.Json()["error"]["message"].get<std::string>().rfind("notes.txt:", 0), 0u)
      << junk.body;
  auto unknown = server.Request("POST", "/v1/lists?force=1", admin_, older, xml);
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.Json()["error"]["field"], "force");
  EXPECT_EQ(server.Stop(), 0) << server.log();

  // Each load is in the audit log, with the admin's name.
  auto audit = Vigil({"audit", "export", "--format", "jsonl"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  std::istringstream lines(audit.out);
  int loads = 0;
  for (std::string line; std::getline(lines, line);) {
    json row = json::parse(line);
    if (row["action"] != "list_load") continue;
    ++loads;
    EXPECT_EQ(row["actor"], "boss");
    EXPECT_EQ(row["detail"]["datasets"][0]["dataset"], "un-consolidated");
  }
  EXPECT_EQ(loads, 2);  // the refused one wrote nothing
}

}  // namespace
}  // namespace vigil::e2e
