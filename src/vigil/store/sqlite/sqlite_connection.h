// The SQLite backend of the neutral SQL layer (store/sql/connection.h):
// opening a store file, its migrations, and statements over sqlite3.
//
// One database file holds everything. Open() checks that the file is
// vigil's (its SQLite header carries vigil's application id, or it is new)
// before anything is written, turns on foreign keys and migrates the schema
// to the newest version (schema/NNNN_*.sql, applied in order inside one
// transaction each). The store rests in SQLite's rollback-journal mode, so
// that a read-only Open() creates no file beside the database; a server
// opens it kShared, in write-ahead-log mode until it closes. A Database is
// used by one thread.
//
//   auto db = SqliteConnection::Open("vigil.db");
//   sql::Statement q(**db, "SELECT key FROM entities WHERE kind = ?");
//   q.Bind(1, "person");
//   while (q.Step()) std::cout << q.Text(0);
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>

#include "vigil/base/status.h"
#include "vigil/store/sql/connection.h"

namespace vigil::store::sqlite {

class SqliteConnection final : public sql::Connection {
 public:
  // kShared: read-write in write-ahead-log mode (store::AccessMode::kShared).
  enum class Mode { kReadWrite, kReadOnly, kShared };

  // Creates the file when it does not exist (kReadWrite); migrates.
  // InvalidArgument, before anything is written, when the file is not a
  // vigil store (another program's SQLite file, or not SQLite at all).
  static StatusOr<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                  Mode mode = Mode::kReadWrite);
  ~SqliteConnection() override;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  Status Execute(std::string_view sql) override;
  // BEGIN IMMEDIATE: one writer at a time, which also serialises Lock().
  Status BeginWrite() override;
  Status Lock(sql::WriteLock) override { return absl::OkStatus(); }
  // PRAGMA foreign_key_check: every reference in the database (a load
  // writes with foreign keys off).
  Status CheckReferences() override;
  // Nothing to do: a row id is one past the highest already.
  Status RestartIds(std::string_view) override { return absl::OkStatus(); }
  // Switches a store in write-ahead-log mode back to the rollback journal
  // (for a server's last connection as it stops; fails harmlessly, without
  // waiting, when another process has the store open).
  void LeaveSharedMode();
  int SchemaVersion() const override { return schema_version_; }
  static int LatestSchemaVersion();
  sqlite3* handle() const { return db_; }
  Status Error(std::string_view what) const;

 private:
  SqliteConnection(sqlite3* db, std::string path)
      : sql::Connection(std::move(path)), db_(db) {}
  StatusOr<std::unique_ptr<sql::Cursor>> Prepare(const std::string& sql) const override;
  Status Migrate(bool read_only);
  Status CheckIdentity();
  Status NotADatabase() const;

  sqlite3* db_;
  int schema_version_ = 0;
};
}  // namespace vigil::store::sqlite
