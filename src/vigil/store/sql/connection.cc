// The neutral SQL layer: the statement cache, Statement and Transaction
// over a backend's Cursor, and the dialect's spellings.
#include "vigil/store/sql/connection.h"

#include <fmt/format.h>

namespace vigil::store::sql {

Connection::~Connection() = default;

StatusOr<bool> NeedsMigration(const std::string& location, int stored, int latest,
                              bool read_only) {
  if (stored > latest)
    return absl::FailedPreconditionError(fmt::format(
        "{}: schema version {} is newer than this vigil understands ({})", location, stored,
        latest));
  if (read_only && stored < latest)
    return absl::NotFoundError(fmt::format(
        "{}: not a vigil database at the current schema; run 'vigil load' first", location));
  return stored < latest;
}

StatusOr<std::unique_ptr<Cursor>> Connection::Take(const std::string& sql) const {
  auto it = cached_.find(sql);
  if (it == cached_.end()) return Prepare(sql);
  std::unique_ptr<Cursor> cursor = std::move(it->second);
  cached_.erase(it);
  return cursor;
}

void Connection::GiveBack(std::string&& sql, std::unique_ptr<Cursor> cursor) const {
  // SQL made on the fly (an IN list of a given length) would grow the cache
  // without end: past this many, statements are finalized as before.
  constexpr size_t kMaxCached = 256;
  cursor->Reset();
  if (cached_.size() < kMaxCached) cached_.emplace(std::move(sql), std::move(cursor));
}

std::string Connection::Info(std::string_view key) const {
  Statement q(*this, "SELECT value FROM store_info WHERE key = ?");
  q.Bind(1, key);
  return q.Step() ? q.Text(0) : std::string();
}

Status Connection::SetInfo(std::string_view key, std::string_view value) {
  Statement q(*this,
              "INSERT INTO store_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
              "value = excluded.value");
  q.Bind(1, key).Bind(2, value);
  return q.Run();
}

std::string Connection::GroupConcat(std::string_view expr, std::string_view separator) const {
  if (dialect() == Dialect::kPostgres)
    return fmt::format("string_agg(({})::text, {})", expr, separator);
  return fmt::format("group_concat({}, {})", expr, separator);
}

std::string Connection::Instr(std::string_view haystack, std::string_view needle) const {
  if (dialect() == Dialect::kPostgres) return fmt::format("strpos({}, {})", haystack, needle);
  return fmt::format("instr({}, {})", haystack, needle);
}

Statement::Statement(const Connection& db, std::string_view sql) : db_(db), sql_(sql) {
  auto cursor = db.Take(sql_);
  if (cursor.ok())
    cursor_ = std::move(*cursor);
  else
    status_ = cursor.status();
}

Statement::~Statement() {
  if (cursor_) db_.GiveBack(std::move(sql_), std::move(cursor_));
}

Statement& Statement::Bind(int index, std::string_view text) {
  if (cursor_) cursor_->BindText(index, text);
  return *this;
}
Statement& Statement::BindKept(int index, std::string_view text) {
  if (cursor_) cursor_->BindTextKept(index, text);
  return *this;
}
Statement& Statement::Bind(int index, int64_t value) {
  if (cursor_) cursor_->BindInt(index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  if (cursor_) cursor_->BindReal(index, value);
  return *this;
}
Statement& Statement::BindBlob(int index, std::string_view bytes) {
  if (cursor_) cursor_->BindBlob(index, bytes);
  return *this;
}
Statement& Statement::BindNull(int index) {
  if (cursor_) cursor_->BindNull(index);
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
  if (!cursor_ || !status_.ok()) return false;
  return cursor_->Step(&status_);
}

Status Statement::Run() {
  while (Step()) {
  }
  Status s = status_;
  if (cursor_) changes_ = cursor_->Changes();
  Reset();
  return s;
}

StatusOr<int64_t> Statement::Insert() {
  int64_t id = Step() ? Int(0) : 0;
  if (auto s = Run(); !s.ok()) return s;
  return id;
}

void Statement::Reset() {
  if (cursor_) cursor_->Reset();
}

std::optional<double> Statement::OptionalReal(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Real(column);
}

Transaction::~Transaction() {
  if (open_) (void)db_.Execute("ROLLBACK");
}

Status Transaction::Begin() {
  auto s = db_.BeginWrite();
  open_ = s.ok();
  return s;
}

Status Transaction::Commit() {
  auto s = db_.Execute("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace vigil::store::sql
