// End to end: the web UI's files served by `vigil serve --ui DIR` from the
// same origin as the API (server/ui_routes.cc), and GET /v1/me, which the UI
// reads to show only what a token may do.
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

namespace fs = std::filesystem;

class ServerUiTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    ui_ = fs::path(dir_) / "ui";
    fs::create_directories(ui_ / "assets");
    Write(ui_ / "index.html", "<!doctype html><title>vigil</title><div id=app></div>");
    Write(ui_ / "assets" / "main-3f2a.js", "console.log('vigil')");
    Write(fs::path(dir_) / "secret.txt", "not for the web");
  }
  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  fs::path ui_;
};

TEST_F(ServerUiTest, ServesFilesViewsAndNothingElse) {
  ServerProcess server({"--db", db_, "--ui", ui_.string()});
  ASSERT_TRUE(server.Start()) << server.log();

  auto root = server.Get("/");
  EXPECT_EQ(root.status, 302);
  EXPECT_EQ(root.headers["location"], "/ui/");

  auto index = server.Get("/ui/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<div id=app>"), std::string::npos);
  EXPECT_NE(index.headers["content-security-policy"].find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(index.headers["cache-control"], "no-cache");

  // A view's URL (a deep link) is the application itself.
  auto view = server.Get("/ui/entity/haqqani-network");
  EXPECT_EQ(view.status, 200);
  EXPECT_EQ(view.body, index.body);

  auto script = server.Get("/ui/assets/main-3f2a.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.body, "console.log('vigil')");
  EXPECT_EQ(script.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(script.headers["cache-control"], "public, max-age=31536000, immutable");
  auto again = server.Request("GET", "/ui/assets/main-3f2a.js", "", "",
                              {{"If-None-Match", script.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  // Missing assets and paths that climb out of the folder are not there.
  EXPECT_EQ(server.Get("/ui/assets/missing.js").status, 404);
  EXPECT_EQ(server.Get("/ui/../secret.txt").status, 404);
  EXPECT_EQ(server.Get("/ui/%2e%2e/secret.txt").status, 404);
  EXPECT_EQ(server.Stop(), 0) << server.log();
}

TEST_F(ServerUiTest, AFolderWithoutTheBuiltUiIsRefused) {
  fs::create_directories(ui_.parent_path() / "empty");
  auto run = Vigil({"serve", "--ui", (ui_.parent_path() / "empty").string()});
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("ui"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("index.html"), std::string::npos) << run.err;

  ServerProcess api_only({"--db", db_, "--no-ui"});
  ASSERT_TRUE(api_only.Start()) << api_only.log();
  EXPECT_EQ(api_only.Get("/ui/").status, 404);
  EXPECT_EQ(api_only.Get("/").status, 404);
  EXPECT_EQ(api_only.Stop(), 0);
}

TEST_F(ServerUiTest, MeSaysWhoCallsAndWhatTheRoleAllows) {
  std::string reader = Token("intern", "reader");
  std::string screener = Token("desk", "screener");
  ServerProcess server({"--db", db_, "--no-ui"});
  ASSERT_TRUE(server.Start()) << server.log();
  EXPECT_EQ(server.Get("/v1/me").status, 401);
  auto me = server.Get("/v1/me", reader).Json();
  EXPECT_EQ(me["name"], "intern");
  EXPECT_EQ(me["role"], "reader");
  EXPECT_EQ(me["allows"]["reader"], true);
  EXPECT_EQ(me["allows"]["screener"], false);
  auto desk = server.Get("/v1/me", screener).Json();
  EXPECT_EQ(desk["role"], "screener");
  EXPECT_EQ(desk["allows"]["screener"], true);
  EXPECT_EQ(desk["allows"]["analyst"], false);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace vigil::e2e
