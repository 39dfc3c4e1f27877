// The SQLite store: opening, migrations, statements, transactions.
//
// One database file holds everything. Open() checks that the file is
// vigil's (its SQLite header carries vigil's application id, or it is new)
// before anything is written, turns on foreign keys and migrates the schema
// to the newest version (schema/NNNN_*.sql, applied in order inside one
// transaction each). The store rests in SQLite's rollback-journal mode, so
// that a read-only Open() creates no file beside the database. A Database
// is used by one thread.
//
//   auto db = Database::Open("vigil.db");
//   Statement q(**db, "SELECT key FROM entities WHERE kind = ?");
//   q.Bind(1, "person");
//   while (q.Step()) std::cout << q.Text(0);
#pragma once

#include <sqlite3.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil {

class Database {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Creates the file when it does not exist (kReadWrite); migrates.
  // InvalidArgument, before anything is written, when the file is not a
  // vigil store (another program's SQLite file, or not SQLite at all).
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                  Mode mode = Mode::kReadWrite);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status Execute(std::string_view sql);
  int SchemaVersion() const { return schema_version_; }
  static int LatestSchemaVersion();
  // store_info values: "store_id" (random, made with the store) and
  // "generation" (raised by every load that changes a dataset); empty when
  // absent.
  std::string Info(std::string_view key) const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  Status Error(std::string_view what) const;
  // The statement for sql prepared once and kept until the connection
  // closes (Statement's KeepPrepared form); nullptr with *status set when
  // it cannot be prepared.
  sqlite3_stmt* KeptStatement(std::string_view sql, Status* status) const;

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Migrate(bool read_only);
  Status CheckIdentity();
  Status NotADatabase() const;

  sqlite3* db_;
  std::string path_;
  int schema_version_ = 0;
  mutable std::map<std::string, sqlite3_stmt*, std::less<>> kept_;
};

// A prepared statement. Step() returns true while rows come; errors after
// the fact are reported by status(). Columns are 0-based, binds 1-based.
class Statement {
 public:
  Statement(const Database& db, std::string_view sql);
  // For queries on hot paths: the connection's kept statement for sql
  // (Database::KeptStatement), prepared on first use and reset, not
  // finalised, when this Statement goes away. One at a time per sql.
  struct KeepPrepared {};
  Statement(const Database& db, std::string_view sql, KeepPrepared);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& BindNull(int index);
  Statement& BindBlob(int index, std::string_view bytes);
  // Binds text, or NULL when empty.
  Statement& BindOptional(int index, std::string_view text);
  Statement& BindOptional(int index, const std::optional<double>& value);
  Statement& BindOptional(int index, const std::optional<int64_t>& value);

  bool Step();
  Status Run();  // steps to completion; for INSERT/UPDATE/DELETE
  void Reset();

  bool IsNull(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  int64_t Int(int column) const;
  double Real(int column) const;
  std::optional<double> OptionalReal(int column) const;

  const Status& status() const { return status_; }

 private:
  const Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
  bool kept_ = false;
};

// Rolls back unless Commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Status Begin();
  Status Commit();

 private:
  Database& db_;
  bool open_ = false;
};

}  // namespace vigil
