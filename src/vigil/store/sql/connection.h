// The backend-neutral SQL layer the store's areas are written against: a
// Connection to one database (SQLite in store/sqlite/, PostgreSQL in
// store/postgres/), its prepared Statements and Transactions. Each query
// is written once, in SQL both backends accept, with `?` (or `?N`)
// placeholders; the few spellings that differ come from the connection's
// dialect (GroupConcat, Instr). A Connection is used by one thread.
//
//   Statement q(conn, "SELECT key FROM entities WHERE kind = ?");
//   q.Bind(1, "person");
//   while (q.Step()) std::cout << q.Text(0);
//   if (!q.status().ok()) ...
//
// Values keep SQLite's model on both backends: integers are 64-bit,
// booleans are integers (a PostgreSQL boolean reads as 0 or 1), blobs are
// bytes, and a column read with another type's getter is converted.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vigil/base/status.h"

namespace vigil::store::sql {

enum class Dialect { kSqlite, kPostgres };

// A backend's prepared statement, driven by Statement. Binds are 1-based,
// columns 0-based.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void BindText(int index, std::string_view text) = 0;
  // The same, for text that stays as it is until the statement has run
  // (reset): a backend may keep it without a copy.
  virtual void BindTextKept(int index, std::string_view text) { BindText(index, text); }
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindReal(int index, double value) = 0;
  virtual void BindBlob(int index, std::string_view bytes) = 0;
  virtual void BindNull(int index) = 0;
  // The next row (true), or false at the end or on an error (*error set).
  virtual bool Step(Status* error) = 0;
  // Back to before the first Step, with every bind cleared.
  virtual void Reset() = 0;
  // Rows the last INSERT/UPDATE/DELETE changed.
  virtual int64_t Changes() const = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::string Blob(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
};

// Serialised sections for writers in several processes on one database:
// held until the transaction ends (SQLite's write transactions are
// serialised already, so there they cost nothing).
enum class WriteLock : int64_t { kAudit = 0x56494731, kLoad = 0x56494732 };

class Connection {
 public:
  virtual ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual Dialect dialect() const = 0;
  // Runs one or more statements without results.
  virtual Status Execute(std::string_view sql) = 0;
  // Opens a write transaction (Transaction uses it).
  virtual Status BeginWrite() = 0;
  // Takes lock until the open transaction ends.
  virtual Status Lock(WriteLock lock) = 0;
  // Inside a write transaction: checks every reference the transaction's
  // writes left (InvalidArgument, "a reference in table T ... points at
  // nothing ...", when one does not hold).
  virtual Status CheckReferences() = 0;
  // After rows of table were deleted: the next row id is one past the
  // highest left, as SQLite gives it, so that a dataset written again gets
  // the ids it had (PostgreSQL's identity columns would go on counting).
  virtual Status RestartIds(std::string_view table) = 0;
  virtual int SchemaVersion() const = 0;
  // Where the database is, for messages (a path, or a URI without its
  // password).
  const std::string& location() const { return location_; }

  // store_info values: "store_id" (random, made with the store),
  // "generation" (raised by every load that changes a dataset),
  // "audit_head"; empty when absent.
  std::string Info(std::string_view key) const;
  // Sets a store_info value (inside the caller's transaction).
  Status SetInfo(std::string_view key, std::string_view value);

  // Dialect: an aggregate joining expr's values with separator (a SQL
  // string literal, quoted), and the 1-based position of needle in
  // haystack (0 when absent).
  std::string GroupConcat(std::string_view expr, std::string_view separator) const;
  std::string Instr(std::string_view haystack, std::string_view needle) const;

 protected:
  explicit Connection(std::string location) : location_(std::move(location)) {}
  // A new prepared statement for sql, or the error of preparing it.
  virtual StatusOr<std::unique_ptr<Cursor>> Prepare(const std::string& sql) const = 0;
  // Ends the cached statements (a backend's destructor calls it while its
  // handle is still open).
  void DropCache() const { cached_.clear(); }

 private:
  friend class Statement;
  // Prepared statements kept for reuse, by their SQL: a Statement takes its
  // SQL's entry if there is one (else prepares) and gives it back, reset,
  // when it ends. A server asks the same few questions thousands of times a
  // second; parsing each anew cost more than answering it.
  StatusOr<std::unique_ptr<Cursor>> Take(const std::string& sql) const;
  void GiveBack(std::string&& sql, std::unique_ptr<Cursor> cursor) const;

  std::string location_;
  mutable std::unordered_map<std::string, std::unique_ptr<Cursor>> cached_;
};

// Whether a database at schema version `stored` must be migrated to
// `latest`, the backend's newest: FailedPrecondition when it is newer than
// this vigil understands; NotFound when it is older and opened read-only
// (nothing may be written: "run 'vigil load' first"); else true when it is
// older, false when current. location names it in the messages.
StatusOr<bool> NeedsMigration(const std::string& location, int stored, int latest,
                              bool read_only);

// A prepared statement. Step() returns true while rows come; errors after
// the fact are reported by status(). Columns are 0-based, binds 1-based.
class Statement {
 public:
  Statement(const Connection& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::string_view text);
  // Text that the caller keeps unchanged until the statement has run.
  Statement& BindKept(int index, std::string_view text);
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
  // Runs an INSERT ending in "RETURNING id": the new row's id.
  StatusOr<int64_t> Insert();
  void Reset();
  // Rows the last Run changed.
  int64_t Changes() const { return changes_; }

  bool IsNull(int column) const { return cursor_->IsNull(column); }
  std::string Text(int column) const { return cursor_->Text(column); }
  std::string Blob(int column) const { return cursor_->Blob(column); }
  int64_t Int(int column) const { return cursor_->Int(column); }
  double Real(int column) const { return cursor_->Real(column); }
  std::optional<double> OptionalReal(int column) const;

  const Status& status() const { return status_; }

 private:
  const Connection& db_;
  std::string sql_;  // the cache's key
  std::unique_ptr<Cursor> cursor_;
  Status status_;
  int64_t changes_ = 0;
};

// A write transaction; rolls back unless Commit() was called.
class Transaction {
 public:
  explicit Transaction(Connection& db) : db_(db) {}
  ~Transaction();
  Status Begin();
  Status Commit();

 private:
  Connection& db_;
  bool open_ = false;
};

}  // namespace vigil::store::sql
