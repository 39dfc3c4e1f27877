// PostgreSQL backend: connecting, migrations under an advisory lock, and
// statements (cursors) as server-side prepared statements.
#include "vigil/store/postgres/postgres_connection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <vector>

#include "vigil/store/postgres/schema_sql.h"  // generated from schema/*.sql

namespace vigil::store::postgres {
namespace {

// Type oids of pg_type that the getters convert (catalog/pg_type_d.h).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kUnknownOid = 0;  // the server infers it from the context

// Held while a process migrates the schema.
constexpr int64_t kMigrationLock = 0x56494730;

// The password of a URI (user:password@ or password=...), empty when none.
std::string PasswordOf(std::string_view uri) {
  size_t scheme = uri.find("://");
  if (scheme != std::string_view::npos) {
    std::string_view rest = uri.substr(scheme + 3);
    size_t end = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, end);
    size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      std::string_view user_info = authority.substr(0, at);
      size_t colon = user_info.find(':');
      if (colon != std::string_view::npos) return std::string(user_info.substr(colon + 1));
    }
  }
  size_t key = uri.find("password=");
  if (key == std::string_view::npos) return "";
  std::string_view value = uri.substr(key + 9);
  return std::string(value.substr(0, value.find_first_of("& ")));
}

// libpq's message without its trailing newline and without the password.
std::string CleanMessage(std::string message, const std::string& password) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  if (!password.empty())
    for (size_t at = message.find(password); at != std::string::npos;
         at = message.find(password, at))
      message.replace(at, password.size(), "***");
  return message;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

// A bytea value in PostgreSQL's hex output ("\x6869"), as bytes.
std::string DecodeBytea(const char* text, int length) {
  if (length < 2 || text[0] != '\\' || text[1] != 'x') return std::string(text, length);
  std::string out;
  out.reserve(static_cast<size_t>(length - 2) / 2);
  for (int i = 2; i + 1 < length; i += 2)
    out.push_back(static_cast<char>(HexDigit(text[i]) * 16 + HexDigit(text[i + 1])));
  return out;
}

// A prepared statement: binds are collected, and the statement runs at the
// first Step; its rows are then read from the result. It is prepared on the
// server at its first run, with the types of that run's binds (integers
// bigint, reals double precision, blobs bytea; text and NULL as the query
// implies), so that a parameter means the same as in SQLite wherever it
// stands (CASE ... THEN ? compares as a number).
class PostgresCursor final : public sql::Cursor {
 public:
  // used: the parameters the SQL names (one it skips, as ?2 without ?1,
  // is declared text, which the server could not infer).
  PostgresCursor(const PostgresConnection& db, std::string sql, const std::vector<bool>& used,
                 std::string name)
      : db_(db),
        sql_(std::move(sql)),
        name_(std::move(name)),
        values_(used.size()),
        bound_(used.size(), 0),
        formats_(used.size(), 0),
        types_(used.size(), kUnknownOid) {
    for (size_t i = 0; i < used.size(); ++i)
      if (!used[i]) types_[i] = kTextOid;
  }
  ~PostgresCursor() override {
    PQclear(result_);
    if (prepared_ && db_.handle())
      PQclear(PQexec(db_.handle(), fmt::format("DEALLOCATE {}", name_).c_str()));
  }

  void BindText(int index, std::string_view text) override {
    Set(index, std::string(text), 0, kUnknownOid);
  }
  void BindInt(int index, int64_t value) override {
    Set(index, fmt::format("{}", value), 0, kInt8Oid);
  }
  void BindReal(int index, double value) override {
    Set(index, fmt::format("{}", value), 0, kFloat8Oid);
  }
  void BindBlob(int index, std::string_view bytes) override {
    Set(index, std::string(bytes), 1, kByteaOid);
  }
  void BindNull(int index) override {
    if (index < 1 || index > static_cast<int>(values_.size())) return;
    Rerun();
    bound_[index - 1] = 0;
  }
  // (A skipped parameter keeps its text type: Set leaves it.)

  bool Step(Status* error) override {
    if (!executed_) {
      if (auto s = Execute(); !s.ok()) {
        *error = s;
        return false;
      }
    }
    return ++row_ < rows_;
  }

  void Reset() override {
    Rerun();
    std::fill(bound_.begin(), bound_.end(), 0);
  }

  int64_t Changes() const override {
    if (!result_) return 0;
    return std::strtoll(PQcmdTuples(result_), nullptr, 10);
  }

  bool IsNull(int column) const override { return PQgetisnull(result_, row_, column) != 0; }
  std::string Text(int column) const override {
    const char* value = PQgetvalue(result_, row_, column);
    int length = PQgetlength(result_, row_, column);
    Oid type = PQftype(result_, column);
    if (type == kByteaOid) return DecodeBytea(value, length);
    if (type == kBoolOid) return value[0] == 't' ? "1" : "0";
    return std::string(value, static_cast<size_t>(length));
  }
  std::string Blob(int column) const override { return Text(column); }
  int64_t Int(int column) const override {
    const char* value = PQgetvalue(result_, row_, column);
    if (value[0] == 't') return 1;
    if (value[0] == 'f') return 0;
    char* end = nullptr;
    int64_t n = std::strtoll(value, &end, 10);
    if (end && (*end == '.' || *end == 'e' || *end == 'E'))
      return static_cast<int64_t>(std::strtod(value, nullptr));
    return n;
  }
  double Real(int column) const override {
    const char* value = PQgetvalue(result_, row_, column);
    if (value[0] == 't') return 1;
    if (value[0] == 'f') return 0;
    return std::strtod(value, nullptr);
  }

 private:
  void Set(int index, std::string value, int format, Oid type) {
    if (index < 1 || index > static_cast<int>(values_.size())) return;
    Rerun();
    values_[index - 1] = std::move(value);
    bound_[index - 1] = 1;
    formats_[index - 1] = format;
    if (!prepared_ && types_[index - 1] != kTextOid) types_[index - 1] = type;
  }

  // A bind after the statement ran: the next Step runs it again.
  void Rerun() {
    if (!executed_) return;
    PQclear(result_);
    result_ = nullptr;
    executed_ = false;
    row_ = -1;
    rows_ = 0;
  }

  Status Execute() {
    PGconn* conn = db_.handle();
    const int params = static_cast<int>(values_.size());
    if (!prepared_) {
      PGresult* prepared = PQprepare(conn, name_.c_str(), sql_.c_str(), params, types_.data());
      bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
      Status s = ok ? absl::OkStatus()
                    : db_.Error(fmt::format("preparing '{}'", sql_.substr(0, 60)), prepared);
      PQclear(prepared);
      if (!ok) return s;
      prepared_ = true;
    }
    std::vector<const char*> values(values_.size());
    std::vector<int> lengths(values_.size());
    for (size_t i = 0; i < values_.size(); ++i) {
      values[i] = bound_[i] ? values_[i].c_str() : nullptr;
      lengths[i] = static_cast<int>(values_[i].size());
    }
    result_ = PQexecPrepared(conn, name_.c_str(), params, values.data(), lengths.data(),
                             formats_.data(), 0);
    ExecStatusType status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      Status s = db_.Error("executing statement", result_);
      PQclear(result_);
      result_ = nullptr;
      return s;
    }
    executed_ = true;
    row_ = -1;
    rows_ = status == PGRES_TUPLES_OK ? PQntuples(result_) : 0;
    return absl::OkStatus();
  }

  const PostgresConnection& db_;
  std::string sql_;
  std::string name_;
  bool prepared_ = false;
  std::vector<std::string> values_;
  std::vector<char> bound_;
  std::vector<int> formats_;
  std::vector<Oid> types_;
  PGresult* result_ = nullptr;
  bool executed_ = false;
  int row_ = -1;
  int rows_ = 0;
};

void IgnoreNotice(void*, const char*) {}

}  // namespace

std::string Redacted(std::string_view uri) {
  std::string password = PasswordOf(uri);
  std::string out(uri);
  if (password.empty()) return out;
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t at = out.find('@', scheme);
    size_t colon = out.find(':', scheme + 3);
    if (at != std::string::npos && colon < at &&
        std::string_view(out).substr(colon + 1, at - colon - 1) == password)
      out.erase(colon, at - colon);
  }
  for (size_t key = out.find("password="); key != std::string::npos;
       key = out.find("password=", key + 1)) {
    size_t end = out.find('&', key);
    out.erase(key, end == std::string::npos ? std::string::npos : end - key + 1);
  }
  while (!out.empty() && (out.back() == '?' || out.back() == '&')) out.pop_back();
  return out;
}

std::string NumberPlaceholders(std::string_view sql, std::vector<bool>* used) {
  if (used) used->clear();
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  size_t i = 0;
  auto copy_until = [&](std::string_view end) {
    size_t stop = sql.find(end, i);
    stop = stop == std::string_view::npos ? sql.size() : stop + end.size();
    out.append(sql.substr(i, stop - i));
    i = stop;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // A quoted string or name; a doubled quote inside continues it.
      out.push_back(c);
      ++i;
      copy_until(std::string_view(&c, 1));
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_until("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      copy_until("*/");
    } else if (c == '?') {
      ++i;
      int number = 0;
      while (i < sql.size() && sql[i] >= '0' && sql[i] <= '9') number = number * 10 + (sql[i++] - '0');
      if (number == 0) number = highest + 1;
      highest = std::max(highest, number);
      out += fmt::format("${}", number);
      if (used) {
        if (used->size() < static_cast<size_t>(number)) used->resize(static_cast<size_t>(number));
        (*used)[static_cast<size_t>(number) - 1] = true;
      }
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

int PostgresConnection::LatestSchemaVersion() {
  return static_cast<int>(std::size(kPostgresMigrations));
}

StatusOr<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(const std::string& uri,
                                                                       Mode mode) {
  const bool read_only = mode == Mode::kReadOnly;
  PGconn* raw = PQconnectdb(uri.c_str());
  if (!raw) return absl::ResourceExhaustedError("cannot allocate a PostgreSQL connection");
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string message = CleanMessage(PQerrorMessage(raw), PasswordOf(uri));
    PQfinish(raw);
    std::string where = Redacted(uri);
    if (message.find("does not exist") != std::string::npos)
      return absl::NotFoundError(fmt::format("{}: cannot open database ({}){}", where, message,
                                             read_only ? "; run 'vigil load' first" : ""));
    return absl::UnavailableError(fmt::format("{}: cannot connect: {}", where, message));
  }
  PQsetNoticeProcessor(raw, IgnoreNotice, nullptr);
  std::unique_ptr<PostgresConnection> db(new PostgresConnection(raw, Redacted(uri)));
  if (auto s = db->Execute("SET client_min_messages = warning"); !s.ok()) return s;
  if (read_only)
    if (auto s = db->Execute("SET default_transaction_read_only = on"); !s.ok()) return s;
  if (auto s = db->Migrate(read_only); !s.ok()) return s;
  return db;
}

PostgresConnection::~PostgresConnection() {
  PQfinish(conn_);
  conn_ = nullptr;
  // The cached statements end with the connection (their DEALLOCATE has no
  // connection to go to).
  DropCache();
}

Status PostgresConnection::Error(std::string_view what, const PGresult* result) const {
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty() && conn_) message = PQerrorMessage(conn_);
  return absl::InternalError(
      fmt::format("{}: {}: {}", location(), what, CleanMessage(message, "")));
}

Status PostgresConnection::Execute(std::string_view sql) {
  std::string text(sql);
  PGresult* result = PQexec(conn_, text.c_str());
  ExecStatusType status = PQresultStatus(result);
  Status s = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY
                 ? absl::OkStatus()
                 : Error(fmt::format("executing '{}'", std::string_view(text).substr(0, 60)), result);
  PQclear(result);
  return s;
}

Status PostgresConnection::BeginWrite() { return Execute("BEGIN"); }

Status PostgresConnection::Lock(sql::WriteLock lock) {
  sql::Statement st(*this, "SELECT pg_advisory_xact_lock(?)");
  st.Bind(1, static_cast<int64_t>(lock));
  return st.Run();
}

Status PostgresConnection::RestartIds(std::string_view table) {
  return Execute(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), "
                             "COALESCE((SELECT MAX(id) FROM {0}), 0) + 1, false)",
                             table));
}

Status PostgresConnection::CheckReferences() {
  PGresult* result = PQexec(conn_, "SET CONSTRAINTS ALL IMMEDIATE");
  Status s;
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const char* table = PQresultErrorField(result, PG_DIAG_TABLE_NAME);
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
    if (state && std::string_view(state) == "23503")  // foreign_key_violation
      s = absl::InvalidArgumentError(fmt::format(
          "a reference in table {} points at nothing ({}{}{})", table ? table : "?",
          primary ? primary : "", detail ? ": " : "", detail ? detail : ""));
    else
      s = Error("checking references", result);
  }
  PQclear(result);
  return s;
}

StatusOr<std::unique_ptr<sql::Cursor>> PostgresConnection::Prepare(const std::string& sql) const {
  std::vector<bool> used;
  std::string numbered = NumberPlaceholders(sql, &used);
  return std::unique_ptr<sql::Cursor>(
      new PostgresCursor(*this, std::move(numbered), used, fmt::format("s{}", ++prepared_)));
}

StatusOr<int> PostgresConnection::StoredVersion(bool* has_table) {
  {
    sql::Statement table(*this, "SELECT to_regclass('vigil_schema') IS NOT NULL");
    *has_table = table.Step() && table.Int(0) != 0;
    if (!table.status().ok()) return table.status();
  }
  if (!*has_table) return 0;
  sql::Statement version(*this, "SELECT version FROM vigil_schema");
  int stored = version.Step() ? static_cast<int>(version.Int(0)) : 0;
  if (!version.status().ok()) return version.status();
  return stored;
}

Status PostgresConnection::Migrate(bool read_only) {
  bool has_table = false;
  auto stored = StoredVersion(&has_table);
  if (!stored.ok()) return stored.status();
  schema_version_ = *stored;
  auto migrate = sql::NeedsMigration(location(), schema_version_, LatestSchemaVersion(), read_only);
  if (!migrate.ok() || !*migrate) return migrate.status();
  sql::Transaction tx(*this);
  if (auto s = tx.Begin(); !s.ok()) return s;
  {
    sql::Statement lock(*this, "SELECT pg_advisory_xact_lock(?)");
    lock.Bind(1, kMigrationLock);
    if (auto s = lock.Run(); !s.ok()) return s;
  }
  // Another process may have migrated while this one waited.
  stored = StoredVersion(&has_table);
  if (!stored.ok()) return stored.status();
  schema_version_ = *stored;
  if (!has_table) {
    std::vector<std::string> names;
    {
      sql::Statement tables(*this,
                            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                            "ORDER BY tablename");
      while (tables.Step()) names.push_back(tables.Text(0));
      if (!tables.status().ok()) return tables.status();
    }
    if (!names.empty()) {
      size_t count = names.size();
      if (names.size() > 5) names.resize(5);
      return absl::InvalidArgumentError(fmt::format(
          "{}: not a vigil database (a PostgreSQL database of another program: {} table{}: {}); "
          "nothing was written: choose another database",
          location(), count, count == 1 ? "" : "s", fmt::join(names, ", ")));
    }
    if (auto s = Execute("CREATE TABLE vigil_schema (version INTEGER NOT NULL); "
                         "INSERT INTO vigil_schema(version) VALUES (0)");
        !s.ok())
      return s;
  }
  while (schema_version_ < LatestSchemaVersion()) {
    if (auto s = Execute(kPostgresMigrations[schema_version_]); !s.ok()) return s;
    ++schema_version_;
    if (auto s = Execute(fmt::format("UPDATE vigil_schema SET version = {}", schema_version_));
        !s.ok())
      return s;
  }
  return tx.Commit();
}

}  // namespace vigil::store::postgres
