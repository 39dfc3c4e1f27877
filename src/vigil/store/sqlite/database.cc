// SQLite store: connection setup, migrations and statement wrappers.
#include "vigil/store/sqlite/database.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <vector>

#include "vigil/store/sqlite/schema_sql.h"  // generated from schema/*.sql

namespace vigil {

int Database::LatestSchemaVersion() { return static_cast<int>(std::size(kSchemaMigrations)); }

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

StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, Mode mode) {
  const bool read_only = mode == Mode::kReadOnly;
  sqlite3* raw = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    if (read_only)
      return absl::NotFoundError(fmt::format(
          "{}: cannot open database ({}); run 'vigil load' first", path, message));
    return absl::InternalError(fmt::format("{}: cannot open database: {}", path, message));
  }
  std::unique_ptr<Database> db(new Database(raw, path));
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

Status Database::CheckIdentity() {
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
      path_, application_id, user_version, tables, tables == 1 ? "" : "s",
      names.empty() ? "" : ": ", fmt::join(names, ", ")));
}

Status Database::NotADatabase() const {
  return absl::InvalidArgumentError(fmt::format(
      "{}: not a vigil database ({}); nothing was written: choose another database file", path_,
      sqlite3_errmsg(db_)));
}

Database::~Database() {
  for (auto& [sql, stmt] : cached_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Database::LeaveSharedMode() {
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

sqlite3_stmt* Database::TakeCached(const std::string& sql) const {
  auto it = cached_.find(sql);
  if (it == cached_.end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  cached_.erase(it);
  return stmt;
}

void Database::GiveBack(std::string&& sql, sqlite3_stmt* stmt) const {
  // SQL made on the fly (an IN list of a given length) would grow the cache
  // without end: past this many, statements are finalized as before.
  constexpr size_t kMaxCached = 256;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (cached_.size() >= kMaxCached || !cached_.emplace(std::move(sql), stmt).second)
    sqlite3_finalize(stmt);
}

std::string Database::Info(std::string_view key) const {
  Statement q(*this, "SELECT value FROM store_info WHERE key = ?");
  q.Bind(1, key);
  return q.Step() ? q.Text(0) : std::string();
}

Status Database::Error(std::string_view what) const {
  return absl::InternalError(fmt::format("{}: {}: {}", path_, what, sqlite3_errmsg(db_)));
}

Status Database::Execute(std::string_view sql) {
  char* error = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return absl::InternalError(fmt::format("{}: {}", path_, message));
  }
  return absl::OkStatus();
}

Status Database::Migrate(bool read_only) {
  {
    // Finalised before migrating: DROP TABLE fails while a statement is live.
    Statement version(*this, "PRAGMA user_version");
    if (!version.Step())
      return version.status().ok() ? Error("reading user_version") : version.status();
    schema_version_ = static_cast<int>(version.Int(0));
  }
  if (schema_version_ > LatestSchemaVersion())
    return absl::FailedPreconditionError(fmt::format(
        "{}: schema version {} is newer than this vigil understands ({})", path_,
        schema_version_, LatestSchemaVersion()));
  if (read_only) {
    if (schema_version_ < LatestSchemaVersion())
      return absl::NotFoundError(fmt::format(
          "{}: not a vigil database at the current schema; run 'vigil load' first", path_));
    return absl::OkStatus();
  }
  if (schema_version_ == LatestSchemaVersion()) return absl::OkStatus();
  // Foreign keys off while migrating (the setting cannot change inside a
  // transaction): a migration that rebuilds a table other tables refer to
  // (0008 and 0009 rebuild `facts`) drops the old one, which with them on would
  // delete every row that refers to it (ON DELETE CASCADE). Every reference
  // is checked before each migration commits; they are on again after.
  if (auto s = Execute("PRAGMA foreign_keys = OFF"); !s.ok()) return s;
  struct ForeignKeysBackOn {
    Database* db;
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
            "{}: migration {}: a reference in table {} (row {}) points at nothing in {}", path_,
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

Statement::Statement(const Database& db, std::string_view sql) : db_(db), sql_(sql) {
  if ((stmt_ = db.TakeCached(sql_))) return;
  if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK)
    status_ = db.Error(fmt::format("preparing '{}'", sql.substr(0, 60)));
}

Statement::~Statement() {
  if (stmt_) db_.GiveBack(std::move(sql_), stmt_);
}

Statement& Statement::Bind(int index, std::string_view text) {
  if (stmt_)
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int index, int64_t value) {
  if (stmt_) sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  if (stmt_) sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::BindBlob(int index, std::string_view bytes) {
  if (stmt_)
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  if (stmt_) sqlite3_bind_null(stmt_, index);
  return *this;
}
Statement& Statement::BindOptional(int index, std::string_view text) {
  return text.empty() ? BindNull(index) : Bind(index, text);
}
Statement& Statement::BindOptional(int index, const std::optional<double>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}
Statement& Statement::BindOptional(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

bool Statement::Step() {
  if (!stmt_ || !status_.ok()) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = db_.Error("executing statement");
  return false;
}

Status Statement::Run() {
  while (Step()) {
  }
  Status s = status_;
  Reset();
  return s;
}

void Statement::Reset() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string();
}
std::string Statement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  return bytes ? std::string(static_cast<const char*>(bytes),
                             static_cast<size_t>(sqlite3_column_bytes(stmt_, column)))
               : std::string();
}
int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::Real(int column) const { return sqlite3_column_double(stmt_, column); }
std::optional<double> Statement::OptionalReal(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Real(column);
}

Transaction::Transaction(Database& db) : db_(db) {}
Transaction::~Transaction() {
  if (open_) (void)db_.Execute("ROLLBACK");
}
Status Transaction::Begin() {
  auto s = db_.Execute("BEGIN IMMEDIATE");
  open_ = s.ok();
  return s;
}
Status Transaction::Commit() {
  auto s = db_.Execute("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace vigil
