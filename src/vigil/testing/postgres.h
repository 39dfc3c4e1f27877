// For tests that run against PostgreSQL as well as SQLite (included only by
// *_test.cc files and tests/e2e): the throwaway server CTest starts
// (scripts/pg-throwaway, whose URI is in VIGIL_TEST_PG), and a database of
// a test's own on it, created when made and dropped when it ends.
//
//   test_support::TestStore where(dir_);   // a SQLite file in dir_, or a new database
//   auto store = store::OpenStore(where.location(), store::AccessMode::kReadWrite);
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "vigil/store/sql/sql_store.h"
#include "vigil/store/store.h"

namespace vigil::test_support {

// The throwaway server's URI (its maintenance database), empty when the
// tests run on SQLite only.
inline std::string PostgresServer() {
  const char* uri = std::getenv("VIGIL_TEST_PG");
  return uri ? uri : "";
}

// server's URI naming database instead of its own.
inline std::string WithDatabase(const std::string& server, const std::string& database) {
  size_t scheme = server.find("://");
  size_t path = server.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return server + "/" + database;
  size_t end = server.find('?', path);
  return server.substr(0, path + 1) + database +
         (end == std::string::npos ? std::string() : server.substr(end));
}

// Runs sql on the server's maintenance database; a test failure when it
// fails.
inline void RunOnServer(const std::string& server, const std::string& sql) {
  PGconn* conn = PQconnectdb(server.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    ADD_FAILURE() << "cannot connect to the test server: " << PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK)
      ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
}

// A new, empty database on the test server, dropped (with whatever is still
// connected to it) when this ends.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& server) : server_(server) {
    static std::atomic<int> count{0};
    name_ = "vigil_test_" + std::to_string(getpid()) + "_" + std::to_string(++count) + "_" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
    RunOnServer(server_, "CREATE DATABASE " + name_ + " TEMPLATE template0");
    uri_ = WithDatabase(server_, name_);
  }
  ~TestDatabase() { RunOnServer(server_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  const std::string& uri() const { return uri_; }

 private:
  std::string server_;
  std::string name_;
  std::string uri_;
};

// Where a test's store is: a new database on the test server when
// VIGIL_TEST_PG is set, else the file `name` in folder.
class TestStore {
 public:
  explicit TestStore(const std::filesystem::path& folder, const std::string& name = "vigil.db") {
    std::string server = PostgresServer();
    if (server.empty()) {
      location_ = (folder / name).string();
    } else {
      database_ = std::make_unique<TestDatabase>(server);
      location_ = database_->uri();
    }
  }
  const std::string& location() const { return location_; }
  bool postgres() const { return database_ != nullptr; }

 private:
  std::unique_ptr<TestDatabase> database_;
  std::string location_;
};

// Runs sql (statements without results) on the store at location, through
// the store's own connection layer.
inline Status RunSql(const std::string& location, const std::string& sql) {
  auto store = store::OpenStore(location, store::AccessMode::kReadWrite);
  if (!store.ok()) return store.status();
  auto db = static_cast<store::sql::SqlStore&>(**store).ThreadConnection();
  if (!db.ok()) return db.status();
  return (*db)->Execute(sql);
}

// The rows of every table of the database at uri (pg_dump --data-only), to
// compare before and after something that must write nothing. Without the
// sequences' positions (a transaction rolled back still moves them) and
// pg_dump's random \restrict key.
inline std::string DumpDatabase(const std::string& uri) {
  std::string command = "pg_dump --data-only --no-owner '" + uri +
                        "' | grep -v -e '^SELECT pg_catalog.setval' -e '^.restrict' "
                        "-e '^.unrestrict'";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[65536];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command;
  } else {
    ADD_FAILURE() << "cannot run " << command;
  }
  return out;
}

// In a test body: skips it when the tests run against PostgreSQL (for
// what only a SQLite file has: its bytes, its journal, its file locks).
#define VIGIL_SQLITE_ONLY()                                              \
  if (!::vigil::test_support::PostgresServer().empty())                  \
  GTEST_SKIP() << "SQLite only: " << ::testing::UnitTest::GetInstance()  \
                                          ->current_test_info()          \
                                          ->name()

}  // namespace vigil::test_support
