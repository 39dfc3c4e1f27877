// A running `vigil serve` on the test's store with a reader's token, for
// the tests of read-only routes: Serve() after loading, Get() checks the
// status and returns the JSON, TearDown() stops the server (exit 0).
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {

class ReaderServerTest : public CliTest {
 protected:
  void Serve(const std::string& token_name = "intern") {
    reader_ = Token(token_name, "reader");
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", db_});
    ASSERT_TRUE(server_->Start()) << server_->log();
  }
  void TearDown() override {
    if (server_) {
      EXPECT_EQ(server_->Stop(), 0);
    }
    CliTest::TearDown();
  }
  nlohmann::json Get(const std::string& target, int status = 200) {
    auto r = server_->Get(target, reader_);
    EXPECT_EQ(r.status, status) << target << " -> " << r.body;
    return r.Json();
  }
  std::string reader_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace vigil::e2e
