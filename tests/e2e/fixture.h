// Shared set-up for end-to-end tests: copies of the mini fixture dataset
// that a test may alter, and helpers to run vigil against a scratch database
// (a SQLite file in the test's folder, or with VIGIL_TEST_PG set a new
// database on the throwaway PostgreSQL server: src/vigil/testing/postgres.h).
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "vigil/testing/postgres.h"

namespace vigil::e2e {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    where_ = std::make_unique<test_support::TestStore>(dir_);
    db_ = where_->location();
    data_ = dir_ + "/data";
    std::filesystem::copy(MiniDir() + "/data", data_);
  }
  void TearDown() override {
    where_.reset();
    std::filesystem::remove_all(dir_);
  }

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
  // `vigil token create`: the token it prints once.
  std::string Token(const std::string& name, const std::string& role) {
    auto r = Vigil({"token", "create", "--name", name, "--role", role});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string token = r.out;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    return token;
  }

  // Replaces the first occurrence of from in data/<file>.
  void Edit(const std::string& file, const std::string& from, const std::string& to);
  void WriteFile(const std::string& file, const std::string& text);

  std::unique_ptr<test_support::TestStore> where_;
  std::string dir_, db_, data_;
};

// A database loaded once per test suite and shared by its tests (the
// bundled knowledge base, an official list). The suite derives from
// SharedDatabaseTest<Suite> and says what it needs and what it loads:
//   static std::string Needs();                   // tests skip without it
//   static std::vector<std::string> LoadPaths();  // what `vigil load` reads
template <typename Suite>
class SharedDatabaseTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(Suite::Needs())) return;
    auto shared = std::make_unique<Shared>();
    shared->dir = TempDir();
    shared->where = std::make_unique<test_support::TestStore>(shared->dir, "shared.db");
    shared->db = shared->where->location();
    std::vector<std::string> args = {"load"};
    for (auto& path : Suite::LoadPaths()) args.push_back(std::move(path));
    args.insert(args.end(), {"--db", shared->db});
    shared->load = RunVigil(args);
    State() = std::move(shared);
  }
  static void TearDownTestSuite() {
    if (State()) {
      State()->where.reset();
      std::filesystem::remove_all(State()->dir);
    }
    State().reset();
  }
  void SetUp() override {
    if (!State()) GTEST_SKIP() << "not found: " << Suite::Needs();
    ASSERT_EQ(State()->load.exit_code, 0) << State()->load.err;
  }

  static const std::string& dir() { return State()->dir; }  // scratch space of the suite
  static const std::string& db() { return State()->db; }

  RunResult Vigil(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db()});
    return RunVigil(args);
  }
  nlohmann::json Json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }

 private:
  struct Shared {
    std::unique_ptr<test_support::TestStore> where;
    std::string dir, db;
    RunResult load;
  };
  static std::unique_ptr<Shared>& State() {
    static std::unique_ptr<Shared> state;
    return state;
  }
};

}  // namespace vigil::e2e
