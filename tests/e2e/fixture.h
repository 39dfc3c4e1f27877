// Shared set-up for end-to-end tests: copies of the mini fixture dataset
// that a test may alter, and helpers to run vigil against a scratch database.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "cli_runner.h"

namespace vigil::e2e {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    db_ = dir_ + "/vigil.db";
    data_ = dir_ + "/data";
    std::filesystem::copy(MiniDir() + "/data", data_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string MiniDir() { return SourceDir() + "/tests/fixtures/mini"; }
  static std::string MiniTexts() { return MiniDir() + "/texts"; }

  RunResult Vigil(std::vector<std::string> args,
                  const std::map<std::string, std::string>& env = {}) {
    args.push_back("--db");
    args.push_back(db_);
    return RunVigil(args, env);
  }
  nlohmann::json Json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  RunResult LoadMini() { return Vigil({"load", data_, "--texts", MiniTexts()}); }

  // Replaces the first occurrence of from in data/<file>.
  void Edit(const std::string& file, const std::string& from, const std::string& to);
  void WriteFile(const std::string& file, const std::string& text);

  std::string dir_, db_, data_;
};

}  // namespace vigil::e2e
