// SQLite backend: connection setup, migrations and statements (cursors).
#include "vigil/store/sqlite/sqlite_connection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <vector>

#include "vigil/store/sqlite/schema_sql.h"  // generated from schema/*.sql

namespace vigil::store::sqlite {

using sql::Statement;
using sql::Transaction;

int SqliteConnection::LatestSchemaVersion() { return static_cast<int>(std::size(kSchemaMigrations)); }

namespace {

// Readers wait for a load's commit; a load of a large list commits in
// seconds, so the wait is generous.
constexpr int kBusyTimeoutMs = 60000;

// "VIGL" in the SQLite header's application id field.
constexpr int64_t kApplicationId = 0x5649474C;
constexpr std::string_view kSqliteMagic{"SQLite format 3\0", 16};

// What the first bytes of an existing file say, before SQLite reads it: an
// empty file is a new store; anything but SQLite is refused. Read through
// SQLite's own handle on the file: opening and closing a second one would
// drop every POSIX lock this process holds on it (fcntl locks belong to the
// process, and any close releases them), so that another process would
// take a server's connections for gone, checkpoint the write-ahead log and
// delete it under them, and the server's later commits would be lost.
Status CheckFileHeader(sqlite3* db, const std::string& path) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
      !file->pMethods)
    return absl::OkStatus();  // not opened yet: SQLite checks the header itself
  sqlite3_int64 size = 0;
  if (file->pMethods->xFileSize(file, &size) != SQLITE_OK || size == 0) return absl::OkStatus();
  char header[16] = {};
  int rc = file->pMethods->xRead(file, header, sizeof header, 0);
  if (rc != SQLITE_OK || std::string_view(header, sizeof header) != kSqliteMagic)
    return absl::InvalidArgumentError(fmt::format(
        "{}: not a vigil database (not an SQLite file); nothing was written: choose another "
        "database file",
        path));
  return absl::OkStatus();
}

}  // namespace

StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path, Mode mode) {
  const bool read_only = mode == Mode::kReadOnly;
  sqlite3* raw = nullptr;
  // No mutex of SQLite's own: a connection serves one thread at a time
  // (its statement cache, sql::Connection, is not shared either), and the
  // lock taken around every call cost 3% of a large list's load.
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
              SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    if (read_only)
      return absl::NotFoundError(fmt::format(
          "{}: cannot open database ({}); run 'vigil load' first", path, message));
    return absl::InternalError(fmt::format("{}: cannot open database: {}", path, message));
  }
  std::unique_ptr<SqliteConnection> db(new SqliteConnection(raw, path));
  if (auto s = CheckFileHeader(raw, path); !s.ok()) return s;
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  if (auto s = db->CheckIdentity(); !s.ok()) return s;
  if (auto s = db->Execute("PRAGMA foreign_keys = ON"); !s.ok()) return s;
  if (mode == Mode::kShared) {
    // Write-ahead log while a server has the store: readers never wait for
    // the audit log's commits or another process's load.
    if (auto s = db->Execute("PRAGMA journal_mode = WAL"); !s.ok()) return s;
    if (auto s = db->Execute("PRAGMA synchronous = FULL"); !s.ok()) return s;
  } else if (!read_only) {
    // Rollback journal at rest: a reader then needs no -wal/-shm files, so
    // read-only commands leave the folder as they found it. A store in WAL
    // mode is left so: a server has it open (SQLite lets another process
    // switch the mode under a server's idle connections, which then stall),
    // or one was killed; the next server to stop switches it back.
    if (auto s = db->Execute("PRAGMA synchronous = FULL"); !s.ok()) return s;
  }
  if (auto s = db->Migrate(read_only); !s.ok()) return s;
  return db;
}

Status SqliteConnection::CheckIdentity() {
  int64_t application_id = 0, user_version = 0, tables = 0;
  bool vigil_tables = false;
  {
    Statement q(*this, "PRAGMA application_id");
    if (q.Step()) application_id = q.Int(0);
    if (!q.status().ok()) return NotADatabase();
  }
  if (application_id == kApplicationId) return absl::OkStatus();
  {
    Statement q(*this, "PRAGMA user_version");
    if (q.Step()) user_version = q.Int(0);
    if (!q.status().ok()) return NotADatabase();
  }
  std::vector<std::string> names;
  {
    Statement q(*this, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
    while (q.Step()) {
      ++tables;
      std::string name = q.Text(0);
      if (name == "datasets" || name == "entities") vigil_tables = true;
      if (names.size() < 5) names.push_back(std::move(name));
    }
    if (!q.status().ok()) return NotADatabase();
  }
  // A new (empty) store, or one written by a vigil from before the
  // application id (schema 1 or 2, with vigil's tables).
  if (application_id == 0 && user_version == 0 && tables == 0) return absl::OkStatus();
  if (application_id == 0 && user_version >= 1 && user_version <= 2 && vigil_tables)
    return absl::OkStatus();
  return absl::InvalidArgumentError(fmt::format(
      "{}: not a vigil database (an SQLite file of another program: application id {:#x}, "
      "schema version {}, {} table{}{}{}); nothing was written: choose another database file",
      location(), application_id, user_version, tables, tables == 1 ? "" : "s",
      names.empty() ? "" : ": ", fmt::join(names, ", ")));
}

Status SqliteConnection::NotADatabase() const {
  return absl::InvalidArgumentError(fmt::format(
      "{}: not a vigil database ({}); nothing was written: choose another database file", location(),
      sqlite3_errmsg(db_)));
}

SqliteConnection::~SqliteConnection() {
  DropCache();
  sqlite3_close(db_);
}

void SqliteConnection::LeaveSharedMode() {
  bool wal = false;
  {
    Statement q(*this, "PRAGMA journal_mode");
    wal = q.Step() && q.Text(0) == "wal";
  }
  if (!wal) return;
  // The switch needs the only connection: without waiting, so that a load
  // beside a running server does not stall for the busy timeout.
  sqlite3_busy_timeout(db_, 0);
  (void)Execute("PRAGMA journal_mode = DELETE");
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
}

Status SqliteConnection::Error(std::string_view what) const {
  return absl::InternalError(fmt::format("{}: {}: {}", location(), what, sqlite3_errmsg(db_)));
}

Status SqliteConnection::Execute(std::string_view sql) {
  char* error = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return absl::InternalError(fmt::format("{}: {}", location(), message));
  }
  return absl::OkStatus();
}

Status SqliteConnection::Migrate(bool read_only) {
  {
    // Finalised before migrating: DROP TABLE fails while a statement is live.
    Statement version(*this, "PRAGMA user_version");
    if (!version.Step())
      return version.status().ok() ? Error("reading user_version") : version.status();
    schema_version_ = static_cast<int>(version.Int(0));
  }
  auto migrate = sql::NeedsMigration(location(), schema_version_, LatestSchemaVersion(), read_only);
  if (!migrate.ok() || !*migrate) return migrate.status();
  // Foreign keys off while migrating (the setting cannot change inside a
  // transaction): a migration that rebuilds a table other tables refer to
  // (0008 and 0009 rebuild `facts`) drops the old one, which with them on would
  // delete every row that refers to it (ON DELETE CASCADE). Every reference
  // is checked before each migration commits; they are on again after.
  if (auto s = Execute("PRAGMA foreign_keys = OFF"); !s.ok()) return s;
  struct ForeignKeysBackOn {
    SqliteConnection* db;
    ~ForeignKeysBackOn() { (void)db->Execute("PRAGMA foreign_keys = ON"); }
  } back_on{this};
  while (schema_version_ < LatestSchemaVersion()) {
    Transaction tx(*this);
    if (auto s = tx.Begin(); !s.ok()) return s;
    if (auto s = Execute(kSchemaMigrations[schema_version_]); !s.ok()) return s;
    {
      Statement check(*this, "PRAGMA foreign_key_check");
      if (check.Step())
        return absl::InternalError(fmt::format(
            "{}: migration {}: a reference in table {} (row {}) points at nothing in {}", location(),
            schema_version_ + 1, check.Text(0), check.Int(1), check.Text(2)));
      if (!check.status().ok()) return check.status();
    }
    if (auto s = Execute(fmt::format("PRAGMA user_version = {}", schema_version_ + 1)); !s.ok())
      return s;
    if (auto s = Execute(fmt::format("PRAGMA application_id = {}", kApplicationId)); !s.ok())
      return s;
    if (auto s = tx.Commit(); !s.ok()) return s;
    ++schema_version_;
  }
  return absl::OkStatus();
}

namespace {

// A prepared sqlite3 statement.
class SqliteCursor final : public sql::Cursor {
 public:
  SqliteCursor(const SqliteConnection& db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteCursor() override { sqlite3_finalize(stmt_); }

  void BindText(int index, std::string_view text) override {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindTextKept(int index, std::string_view text) override {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
  void BindInt(int index, int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void BindReal(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void BindBlob(int index, std::string_view bytes) override {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_TRANSIENT);
  }
  void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }

  bool Step(Status* error) override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) *error = db_.Error("executing statement");
    return false;
  }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t Changes() const override { return sqlite3_changes64(db_.handle()); }

  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  std::string Text(int column) const override {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                : std::string();
  }
  std::string Blob(int column) const override {
    const void* bytes = sqlite3_column_blob(stmt_, column);
    return bytes ? std::string(static_cast<const char*>(bytes),
                               static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
                 : std::string();
  }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const override { return sqlite3_column_double(stmt_, column); }

 private:
  const SqliteConnection& db_;
  sqlite3_stmt* stmt_;
};

}  // namespace

StatusOr<std::unique_ptr<sql::Cursor>> SqliteConnection::Prepare(const std::string& sql) const {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error(fmt::format("preparing '{}'", std::string_view(sql).substr(0, 60)));
  }
  return std::unique_ptr<sql::Cursor>(new SqliteCursor(*this, stmt));
}

Status SqliteConnection::BeginWrite() { return Execute("BEGIN IMMEDIATE"); }

Status SqliteConnection::CheckReferences() {
  Statement check(*this, "PRAGMA foreign_key_check");
  if (check.Step())
    return absl::InvalidArgumentError(
        fmt::format("a reference in table {} (row {}) points at nothing in {}", check.Text(0),
                    check.Int(1), check.Text(2)));
  return check.status();
}

}  // namespace vigil::store::sqlite
