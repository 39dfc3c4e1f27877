// Batch writer: dataset replacement inside one transaction.
#include "vigil/store/sql/batch_writer.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <algorithm>
#include <cstdlib>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>

#include "vigil/text/normalize.h"

namespace vigil::store::sql {
namespace {

// Test hook: VIGIL_FAULT_KILL_AFTER_ROWS=N makes the process kill itself
// with SIGKILL after N rows were written inside the load transaction; the
// end-to-end tests use it to prove that a killed load leaves the database
// as it was.
class FaultInjector {
 public:
  FaultInjector() {
    if (const char* v = std::getenv("VIGIL_FAULT_KILL_AFTER_ROWS")) limit_ = std::atoll(v);
  }
  void Row() {
    if (limit_ > 0 && ++rows_ >= limit_) std::raise(SIGKILL);
  }

 private:
  long long limit_ = 0;
  long long rows_ = 0;
};

// NameKey with a fast path for plain ASCII names (most list names): the
// same result as ICU's folding, which for ASCII is lower-casing and keeping
// letters and digits, without its cost (a tenth of an OFAC import).
std::string FastNameKey(std::string_view text) {
  std::string key;
  key.reserve(text.size());
  for (unsigned char c : text) {
    if (c >= 0x80) return NameKey(text);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += static_cast<char>(c);
  }
  return key;
}

std::string Now() {
  auto now = std::chrono::system_clock::now();
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
}

// Rows to one INSERT statement (RowInserter).
constexpr size_t kRowsPerStatement = 500;

// Below this many stored names, a list read as it is written has its
// random-key indexes made after its rows (Writer::DeferRandomIndexes):
// remaking them over the rows already stored then costs less than keeping
// them up for the new ones.
constexpr int64_t kDeferIndexesBelowRows = 200000;

// The rows of one INSERT, written `capacity` to a statement. On
// PostgreSQL each statement costs a round trip and the start-up of the
// server's executor, which were most of a list's load when rows went one
// by one (the OFAC set: 17.2 s, now 5.3 s); on SQLite, fewer statements to
// step took a quarter off (1.94 s, now 1.43 s). Values are kept until the
// statement that takes them runs, so a failure is seen at Add() (the row
// that filled the statement) or Flush(), for any of the rows held: the
// writer then writes the batch again one row to a statement, to name the
// row (ApplyBatches).
class RowInserter {
 public:
  // columns: "a, b, c", in the order of the binds' indexes.
  RowInserter(Connection& db, std::string_view table, std::string_view columns, size_t capacity)
      : db_(db),
        head_(fmt::format("INSERT INTO {}({}) VALUES ", table, columns)),
        arity_(static_cast<size_t>(std::count(columns.begin(), columns.end(), ',')) + 1),
        capacity_(std::max<size_t>(1, std::min(capacity, kMaxParameters / arity_))),
        row_(arity_) {}

  RowInserter& Bind(int index, std::string_view text) { return Set(index, std::string(text)); }
  RowInserter& Bind(int index, int64_t value) { return Set(index, value); }
  RowInserter& Bind(int index, double value) { return Set(index, value); }
  RowInserter& BindNull(int index) { return Set(index, std::monostate{}); }
  RowInserter& BindOptional(int index, std::string_view text) {
    return text.empty() ? BindNull(index) : Bind(index, text);
  }
  template <typename T>
  RowInserter& BindOptional(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Adds the row bound (binds then start again from NULL).
  Status Add() {
    for (auto& value : row_) held_.push_back(std::exchange(value, std::monostate{}));
    return held_.size() / arity_ >= capacity_ ? Flush() : absl::OkStatus();
  }

  // Writes the rows held.
  Status Flush() {
    const size_t rows = held_.size() / arity_;
    if (rows == 0) return absl::OkStatus();
    Statement st(db_, Sql(rows));
    int index = 1;
    for (const auto& value : held_) {
      if (const auto* text = std::get_if<std::string>(&value))
        st.BindKept(index, *text);  // held_ is cleared after the statement ran
      else if (const auto* number = std::get_if<int64_t>(&value))
        st.Bind(index, *number);
      else if (const auto* real = std::get_if<double>(&value))
        st.Bind(index, *real);
      else
        st.BindNull(index);
      ++index;
    }
    Status ran = st.Run();
    held_.clear();
    return ran;
  }

 private:
  // Below both backends' limit on a statement's parameters (SQLite 32766,
  // PostgreSQL 65535).
  static constexpr size_t kMaxParameters = 30000;
  using Value = std::variant<std::monostate, int64_t, double, std::string>;

  RowInserter& Set(int index, Value value) {
    if (index >= 1 && static_cast<size_t>(index) <= arity_) row_[index - 1] = std::move(value);
    return *this;
  }

  std::string Sql(size_t rows) const {
    std::string tuple = "(?";
    for (size_t i = 1; i < arity_; ++i) tuple += ",?";
    tuple += ")";
    std::string sql = head_;
    sql.reserve(head_.size() + rows * (tuple.size() + 1));
    for (size_t r = 0; r < rows; ++r) {
      if (r) sql += ',';
      sql += tuple;
    }
    return sql;
  }

  Connection& db_;
  std::string head_;
  size_t arity_;
  size_t capacity_;
  std::vector<Value> row_;
  std::vector<Value> held_;
};

// Runs chunks (Batch::rest) on a thread of its own, handing each chunk to
// write on this one: the next chunk is read while one is written, and at
// most kChunksAhead wait. An error of write stops the reading; an error of
// reading is returned once the chunks read before it are written.
Status WritePipelined(const BatchChunks& chunks, const std::function<Status(Batch&)>& write) {
  constexpr size_t kChunksAhead = 2;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Batch> waiting;
  bool read_all = false, stopped = false;
  Status read;
  std::thread reader([&] {
    Status s = chunks([&](Batch& chunk) -> Status {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return stopped || waiting.size() < kChunksAhead; });
      if (stopped) return absl::CancelledError("the load stopped writing");
      waiting.push_back(std::move(chunk));
      changed.notify_all();
      return absl::OkStatus();
    });
    std::lock_guard lock(mutex);
    read = std::move(s);
    read_all = true;
    changed.notify_all();
  });
  Status written;
  for (;;) {
    Batch chunk;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return read_all || !waiting.empty(); });
      if (waiting.empty()) break;
      chunk = std::move(waiting.front());
      waiting.pop_front();
      changed.notify_all();
    }
    written = write(chunk);
    if (!written.ok()) break;
  }
  {
    std::lock_guard lock(mutex);
    stopped = true;
    changed.notify_all();
  }
  reader.join();
  return written.ok() ? read : written;
}

// Writes one batch inside a transaction that the caller holds.
class Writer {
 public:
  // rows_per_statement: see RowInserter.
  // on_entity: called with each entity written (may be empty).
  Writer(Connection& db, const Batch& batch, FaultInjector* fault, size_t rows_per_statement,
         std::function<void(const Entity&)> on_entity)
      : db_(db),
        batch_(batch),
        fault_(*fault),
        rows_per_statement_(rows_per_statement),
        on_entity_(std::move(on_entity)) {}

  StatusOr<std::map<std::string, int64_t>> Write() {
    if (auto s = WriteAll(); !s.ok()) return s;
    if (auto s = FlushAll(); !s.ok()) return s;
    // PostgreSQL's identity column goes on from the highest fact written
    // (the ids were given here).
    if (auto s = db_.RestartIds("facts"); !s.ok()) return s;
    return counts_;
  }

  // Whether the write failed on a statement of several rows, which does
  // not tell which row: written again one row to a statement, the same
  // batch fails at that row, with its file and line.
  bool failed_on_many_rows() const { return failed_on_many_rows_; }

  // The warnings of the records read as they were written (Batch::rest).
  const Batch& late_warnings() const { return late_warnings_; }

 private:
  // Deletes what the dataset holds, child tables first (foreign keys are
  // off: see ForeignKeysOff), each by index.
  Status DeleteDataset() {
    Statement find(db_, "SELECT id FROM datasets WHERE name = ?");
    find.Bind(1, batch_.dataset);
    if (!find.Step()) return find.status();
    int64_t id = find.Int(0);
    static constexpr const char* kDeletes[] = {
        "DELETE FROM claims WHERE fact_id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM claims WHERE source_id IN (SELECT id FROM sources WHERE dataset_id = ?1)",
        "DELETE FROM names WHERE entity_id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM attributes WHERE entity_id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM entity_values WHERE entity_id IN (SELECT id FROM facts WHERE dataset_id=?1)",
        "DELETE FROM identifiers WHERE entity_id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        ("DELETE FROM event_links WHERE participant_id IN (SELECT id FROM facts WHERE "
         "dataset_id = ?1)"),
        "DELETE FROM participants WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM lifespan_bounds WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        ("DELETE FROM question_entities WHERE question_id IN (SELECT id FROM facts WHERE "
         "dataset_id = ?1)"),
        "DELETE FROM questions WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM participants WHERE event_id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM entities WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM relations WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM events WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM estimates WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        "DELETE FROM designations WHERE id IN (SELECT id FROM facts WHERE dataset_id = ?1)",
        ("DELETE FROM claimed_attributes WHERE id IN (SELECT id FROM facts WHERE dataset_id = "
         "?1)"),
        "DELETE FROM facts WHERE dataset_id = ?1",
        "DELETE FROM sources WHERE dataset_id = ?1",
        "DELETE FROM datasets WHERE id = ?1",
    };
    for (const char* sql : kDeletes) {
      Statement st(db_, sql);
      st.Bind(1, id);
      if (auto s = st.Run(); !s.ok()) return s;
    }
    for (const char* table : {"datasets", "facts", "sources", "names", "claims"})
      if (auto s = db_.RestartIds(table); !s.ok()) return s;
    return absl::OkStatus();
  }

  // Writes the rows every inserter holds.
  Status FlushAll() {
    for (RowInserter* inserter :
         {&facts_, &entities_, &names_, &attributes_, &values_, &identifiers_, &claims_,
          &lifespans_, &relations_, &events_, &participants_, &estimates_, &designations_,
          &claimed_attributes_, &questions_, &question_entities_})
      if (auto s = inserter->Flush(); !s.ok()) return Failed(s);
    return absl::OkStatus();
  }

  Status Failed(Status s) {
    failed_on_many_rows_ = rows_per_statement_ > 1;
    return s;
  }

  Status WriteAll() {
    if (auto s = DeleteDataset(); !s.ok()) return s;
    // Facts are numbered here, on from the highest left, as the database
    // would: their ids are needed before their rows are written.
    {
      Statement last(db_, "SELECT COALESCE(MAX(id), 0) FROM facts");
      if (!last.Step()) return last.status();
      last_fact_ = last.Int(0);
    }
    Statement insert(db_,
                     "INSERT INTO datasets(name, kind, version, files, loaded_at, publish_date, "
                     "sha256) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.Bind(1, batch_.dataset)
        .Bind(2, batch_.kind)
        .Bind(3, batch_.version)
        .Bind(4, nlohmann::json(batch_.files).dump())
        .Bind(5, Now())
        .BindOptional(6, batch_.publish_date)
        .BindOptional(7, batch_.sha256);
    auto dataset_id = insert.Insert();
    if (!dataset_id.ok()) return dataset_id.status();
    dataset_id_ = *dataset_id;

    for (const auto& s : batch_.sources)
      if (auto st = WriteSource(s); !st.ok()) return st;
    if (auto st = WriteEntities(batch_.entities); !st.ok()) return st;
    for (const auto& r : batch_.relations)
      if (auto st = WriteRelation(r); !st.ok()) return st;
    for (const auto& e : batch_.events)
      if (auto st = WriteEvent(e); !st.ok()) return st;
    for (const auto& e : batch_.estimates)
      if (auto st = WriteEstimate(e); !st.ok()) return st;
    for (const auto& d : batch_.designations)
      if (auto st = WriteDesignation(d); !st.ok()) return st;
    if (batch_.rest)
      if (auto st = WriteRest(); !st.ok()) return st;
    // A participation reads the events and participants written before it.
    if (!batch_.participations.empty())
      if (auto st = FlushAll(); !st.ok()) return st;
    for (const auto& p : batch_.participations)
      if (auto st = WriteParticipation(p); !st.ok()) return st;
    for (const auto& a : batch_.claimed_attributes)
      if (auto st = WriteClaimedAttribute(a); !st.ok()) return st;
    for (const auto& q : batch_.questions)
      if (auto st = WriteQuestion(q); !st.ok()) return st;
    return absl::OkStatus();
  }

  // Entities, then their claims and lifespan bounds (which refer to them).
  Status WriteEntities(const std::vector<Entity>& entities) {
    for (const auto& e : entities)
      if (auto st = WriteEntity(e); !st.ok()) return st;
    for (const auto& e : entities) {
      if (auto st = WriteClaims(entity_ids_.at(e.id), e.claims); !st.ok()) return st;
      if (auto st = WriteLifespan(e); !st.ok()) return st;
    }
    return absl::OkStatus();
  }

  // The records of Batch::rest, a chunk at a time, read on another thread
  // while the chunk before is written. A chunk's rows are flushed at its
  // end and its entities' ids forgotten: a later record that refers to one
  // finds it in the database (EntityId).
  Status WriteRest() {
    auto deferred = DeferRandomIndexes();
    if (!deferred.ok()) return deferred.status();
    Status written = WritePipelined(batch_.rest, [this](Batch& chunk) -> Status {
      if (auto st = WriteEntities(chunk.entities); !st.ok()) return st;
      for (const auto& d : chunk.designations)
        if (auto st = WriteDesignation(d); !st.ok()) return st;
      if (auto st = FlushAll(); !st.ok()) return st;
      for (const auto& e : chunk.entities) entity_ids_.erase(e.id);
      for (auto& w : chunk.warnings) late_warnings_.warnings.push_back(std::move(w));
      for (const auto& [kind, count] : chunk.warning_counts)
        late_warnings_.warning_counts[kind] += count;
      return absl::OkStatus();
    });
    if (!written.ok()) return written;
    for (const std::string& sql : *deferred)
      if (auto st = db_.Execute(sql); !st.ok()) return st;
    return absl::OkStatus();
  }

  // SQLite, a list read as it is written into tables that hold few rows:
  // the indexes whose keys come in no order (folded names, references) are
  // dropped and made again once the rows are in (their statements are
  // returned). Kept up row by row, each insert descends to a random page;
  // made at the end, one sort. Inside the load's transaction, so a failed
  // load leaves them as they were.
  StatusOr<std::vector<std::string>> DeferRandomIndexes() {
    std::vector<std::string> remake;
    if (db_.dialect() != Dialect::kSqlite) return remake;
    {  // statements end (reset) before DROP, which SQLite refuses beside a running one
      Statement count(db_, "SELECT COUNT(*) FROM names");
      if (!count.Step()) return count.status();
      if (count.Int(0) >= kDeferIndexesBelowRows) return remake;
    }
    for (const char* index : {"names_key", "entities_reference"}) {
      std::string sql;
      {
        Statement find(db_, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?");
        find.Bind(1, index);
        if (!find.Step()) {
          if (!find.status().ok()) return find.status();
          continue;
        }
        sql = find.Text(0);
      }
      if (auto st = db_.Execute(fmt::format("DROP INDEX {}", index)); !st.ok()) return st;
      remake.push_back(std::move(sql));
    }
    return remake;
  }

  // The row bound on inserter, added and counted under what.
  Status Counted(RowInserter& inserter, std::string_view what) {
    if (auto s = inserter.Add(); !s.ok()) return Failed(s);
    Count(what);
    return absl::OkStatus();
  }

  void Count(std::string_view what) {
    ++counts_[std::string(what)];
    fault_.Row();
  }

  // A new fact's id, with the file and line of the record that made it
  // (none for records that were not written in a file: list records,
  // stored ones).
  StatusOr<int64_t> NewFact(std::string_view type, const FilePosition& where = {}) {
    int64_t id = ++last_fact_;
    facts_.Bind(1, id).Bind(2, dataset_id_).Bind(3, type);
    BindWhere(facts_, 4, where);
    if (auto s = facts_.Add(); !s.ok()) return Failed(s);
    return id;
  }

  // Row id of an entity key: this batch first, then other datasets.
  StatusOr<int64_t> EntityId(const std::string& key) {
    if (auto it = entity_ids_.find(key); it != entity_ids_.end()) return it->second;
    Statement find(db_, "SELECT id FROM entities WHERE key = ?");
    find.Bind(1, key);
    if (find.Step()) return entity_ids_[key] = find.Int(0);
    return absl::InvalidArgumentError(
        fmt::format("dataset '{}': unknown entity '{}'", batch_.dataset, key));
  }

  static void BindWhere(RowInserter& st, int index, const FilePosition& where) {
    if (where.line > 0) {
      st.Bind(index, where.path).Bind(index + 1, int64_t{where.line});
    } else {
      st.BindNull(index);
      st.BindNull(index + 1);
    }
  }

  Status BindEntity(RowInserter& st, int index, const std::string& key) {
    if (key.empty()) {
      st.BindNull(index);
      return absl::OkStatus();
    }
    auto id = EntityId(key);
    if (!id.ok()) return id.status();
    st.Bind(index, *id);
    return absl::OkStatus();
  }

  Status WriteSource(const Source& s) {
    // Looked up first: a failed statement ends a PostgreSQL transaction,
    // after which nothing more can be read (sources are few).
    Statement owner(db_,
                    "SELECT d.name FROM sources s JOIN datasets d ON d.id = s.dataset_id "
                    "WHERE s.key = ?");
    owner.Bind(1, s.id);
    if (owner.Step())
      return absl::AlreadyExistsError(
          fmt::format("{}:{}: sources.id: '{}' already belongs to dataset '{}'", s.where.path,
                      s.where.line, s.id, owner.Text(0)));
    if (!owner.status().ok()) return owner.status();
    Statement& st = sources_;
    st.Bind(1, dataset_id_).Bind(2, s.id).Bind(3, s.title).BindOptional(4, s.publisher);
    st.BindOptional(5, s.author).BindOptional(6, s.date.ToString()).BindOptional(7, s.url);
    st.BindOptional(8, s.sha256).BindOptional(9, s.file).Bind(10, s.kind);
    st.BindOptional(11, s.length).BindOptional(12, s.text);
    auto id = st.Insert();
    if (!id.ok()) return id.status();
    Count("sources");
    source_ids_[s.id] = *id;
    return absl::OkStatus();
  }

  // AlreadyExists when another dataset has an entity keyed e.id.
  Status RefuseTakenKey(const Entity& e) {
    Statement clash(db_, "SELECT 1 FROM entities WHERE key = ?");
    clash.Bind(1, e.id);
    if (clash.Step())
      return absl::AlreadyExistsError(
          fmt::format("{}:{}: entities.id: '{}' already exists in another dataset", e.where.path,
                      e.where.line, e.id));
    return clash.status();
  }

  Status WriteEntity(const Entity& e) {
    // Written again one row to a statement (after a statement of many
    // failed), the key is looked up first: after a failed statement a
    // PostgreSQL transaction can read nothing more, and a statement of many
    // rows does not say which row failed.
    if (rows_per_statement_ == 1)
      if (auto s = RefuseTakenKey(e); !s.ok()) return s;
    auto fact = NewFact("entity", e.where);
    if (!fact.ok()) return fact.status();
    RowInserter& st = entities_;
    st.Bind(1, *fact).Bind(2, e.id).Bind(3, e.kind).Bind(4, e.description);
    st.BindOptional(5, e.reference);
    if (auto s = Counted(st, "entities"); !s.ok()) return s;
    entity_ids_[e.id] = *fact;
    if (on_entity_) on_entity_(e);
    int position = 0;
    for (const auto& n : e.names) {
      names_.Bind(1, *fact).Bind(2, n.text).Bind(3, n.kind).BindOptional(4, n.script);
      names_.BindOptional(5, n.lang).Bind(6, FastNameKey(n.text)).Bind(7, int64_t{position++});
      if (auto s = Counted(names_, "names"); !s.ok()) return s;
    }
    for (const auto& [key, value] : e.attributes) {
      attributes_.Bind(1, *fact).Bind(2, key).Bind(3, value);
      if (auto s = Counted(attributes_, "attributes"); !s.ok()) return s;
    }
    position = 0;
    for (const auto& [key, value] : e.values) {
      values_.Bind(1, *fact).Bind(2, key).Bind(3, value).Bind(4, int64_t{position++});
      if (auto s = Counted(values_, "values"); !s.ok()) return s;
    }
    position = 0;
    for (const auto& id : e.identifiers) {
      identifiers_.Bind(1, *fact).Bind(2, id.type).Bind(3, id.value).BindOptional(4, id.country);
      identifiers_.BindOptional(5, id.note).Bind(6, int64_t{position++});
      if (auto s = Counted(identifiers_, "identifiers"); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  Status WriteClaims(int64_t fact, const std::vector<Claim>& claims) {
    int position = 0;
    for (const auto& c : claims) {
      auto source = source_ids_.find(c.source);
      int64_t source_id = 0;
      if (source != source_ids_.end()) {
        source_id = source->second;
      } else {
        Statement find(db_, "SELECT id FROM sources WHERE key = ?");
        find.Bind(1, c.source);
        if (!find.Step())
          return absl::InvalidArgumentError(fmt::format(
              "{}:{}: claim.source: unknown source '{}'", c.where.path, c.where.line, c.source));
        source_id = source_ids_[c.source] = find.Int(0);
      }
      claims_.Bind(1, fact).Bind(2, source_id).BindOptional(3, c.span_start);
      claims_.BindOptional(4, c.span_end).BindOptional(5, c.digest).BindOptional(6, c.locator);
      if (auto s = BindEntity(claims_, 7, c.party); !s.ok()) return s;
      claims_.BindOptional(8, c.party_label);
      claims_.Bind(9, c.stance == Stance::kDenies ? "denies" : "asserts");
      claims_.Bind(10, c.confidence).BindOptional(11, c.note).Bind(12, int64_t{position++});
      claims_.BindOptional(13, c.answer);
      BindWhere(claims_, 14, c.where);
      if (auto s = Counted(claims_, "claims"); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  Status WriteLifespan(const Entity& e) {
    for (auto [bound, b] : {std::pair{"start", &e.lifespan.start}, {"end", &e.lifespan.end}}) {
      if (!b->IsSet()) continue;
      auto fact = NewFact("lifespan", b->where);
      if (!fact.ok()) return fact.status();
      RowInserter& st = lifespans_;
      st.Bind(1, *fact).Bind(2, entity_ids_.at(e.id)).Bind(3, bound).Bind(4, b->date.ToString());
      st.Bind(5, std::string_view(bound) == "start" ? b->date.Earliest() : b->date.Latest());
      st.BindOptional(6, b->general_knowledge);
      if (auto s = Counted(st, "lifespan_bounds"); !s.ok()) return s;
      if (auto s = WriteClaims(*fact, b->claims); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  Status WriteQuestion(const Question& q) {
    auto fact = NewFact("question", q.where);
    if (!fact.ok()) return fact.status();
    RowInserter& st = questions_;
    st.Bind(1, *fact).Bind(2, q.id).Bind(3, q.text).BindOptional(4, q.note);
    if (auto s = Counted(st, "questions"); !s.ok()) return s;
    int64_t position = 0;
    for (const auto& about : q.about) {
      question_entities_.Bind(1, *fact);
      if (auto s = BindEntity(question_entities_, 2, about); !s.ok()) return s;
      question_entities_.Bind(3, position++);
      if (auto s = Counted(question_entities_, "question_entities"); !s.ok()) return s;
    }
    return WriteClaims(*fact, q.claims);
  }

  Status WriteRelation(const Relation& r) {
    auto fact = NewFact("relation", r.where);
    if (!fact.ok()) return fact.status();
    RowInserter& st = relations_;
    st.Bind(1, *fact);
    if (auto s = BindEntity(st, 2, r.subject); !s.ok()) return s;
    st.Bind(3, r.predicate);
    if (auto s = BindEntity(st, 4, r.object); !s.ok()) return s;
    st.BindOptional(5, r.role).BindOptional(6, r.from.ToString()).BindOptional(7, r.to.ToString());
    st.BindOptional(8, r.from.Earliest()).BindOptional(9, r.to.Latest());
    if (auto s = Counted(st, "relations"); !s.ok()) return s;
    return WriteClaims(*fact, r.claims);
  }

  Status WriteEvent(const Event& e) {
    auto fact = NewFact("event", e.where);
    if (!fact.ok()) return fact.status();
    RowInserter& st = events_;
    st.Bind(1, *fact).Bind(2, e.id).Bind(3, e.type).Bind(4, e.title);
    st.BindOptional(5, e.date.ToString()).BindOptional(6, e.from.ToString());
    st.BindOptional(7, e.to.ToString());
    const PartialDate& first = e.date.IsSet() ? e.date : e.from;
    const PartialDate& last = e.date.IsSet() ? e.date : (e.to.IsSet() ? e.to : e.from);
    st.BindOptional(8, first.Earliest()).BindOptional(9, last.Latest());
    st.BindOptional(10, e.place.city).BindOptional(11, e.place.province);
    st.BindOptional(12, e.place.country);
    if (auto s = BindEntity(st, 13, e.place.entity); !s.ok()) return s;
    st.BindOptional(14, e.place.detail);
    st.BindOptional(15, e.killed.best).BindOptional(16, e.killed.low);
    st.BindOptional(17, e.killed.high).BindOptional(18, e.wounded.best);
    st.BindOptional(19, e.wounded.low).BindOptional(20, e.wounded.high);
    st.BindOptional(21, e.place.admin1).BindOptional(22, e.place.admin2);
    st.BindOptional(23, e.place.latitude).BindOptional(24, e.place.longitude);
    st.BindOptional(25, e.place.province_note);
    if (auto s = Counted(st, "events"); !s.ok()) return s;
    if (auto s = WriteClaims(*fact, e.claims); !s.ok()) return s;
    int position = 0;
    for (const auto* list : {&e.perpetrators, &e.targets, &e.actors}) {
      for (const auto& p : *list) {
        auto part = NewFact("participant");
        if (!part.ok()) return part.status();
        RowInserter& pst = participants_;
        pst.Bind(1, *part).Bind(2, *fact);
        if (auto s = BindEntity(pst, 3, p.entity); !s.ok()) return s;
        pst.BindOptional(4, p.label).Bind(5, p.role).Bind(6, int64_t{position++});
        if (auto s = Counted(pst, "participants"); !s.ok()) return s;
        if (auto s = WriteClaims(*part, p.claims); !s.ok()) return s;
      }
    }
    return absl::OkStatus();
  }

  // A participant of an event of any dataset, after the event's own.
  Status WriteParticipation(const Participation& p) {
    Statement find(db_,
                   "SELECT e.id, (SELECT COALESCE(MAX(position), -1) + 1 FROM participants WHERE "
                   "event_id = e.id) FROM events e WHERE e.key = ?");
    find.Bind(1, p.event);
    if (!find.Step()) {
      if (!find.status().ok()) return find.status();
      return absl::InvalidArgumentError(
          fmt::format("dataset '{}': unknown event '{}'", batch_.dataset, p.event));
    }
    int64_t event = find.Int(0), position = find.Int(1);
    auto part = NewFact("participant");
    if (!part.ok()) return part.status();
    RowInserter& pst = participants_;
    pst.Bind(1, *part).Bind(2, event);
    if (auto s = BindEntity(pst, 3, p.participant.entity); !s.ok()) return s;
    pst.BindOptional(4, p.participant.label).Bind(5, p.participant.role).Bind(6, position);
    if (auto s = Counted(pst, "participants"); !s.ok()) return s;
    return WriteClaims(*part, p.participant.claims);
  }

  Status WriteEstimate(const Estimate& e) {
    auto fact = NewFact("estimate", e.where);
    if (!fact.ok()) return fact.status();
    RowInserter& st = estimates_;
    st.Bind(1, *fact).Bind(2, e.id);
    if (auto s = BindEntity(st, 3, e.subject); !s.ok()) return s;
    st.Bind(4, e.quantity).BindOptional(5, e.value).BindOptional(6, e.low);
    st.BindOptional(7, e.high).BindOptional(8, e.of).BindOptional(9, e.qualifier);
    st.BindOptional(10, e.unit).BindOptional(11, e.scope);
    if (auto s = BindEntity(st, 12, e.scope_entity); !s.ok()) return s;
    st.BindOptional(13, e.as_of.ToString()).BindOptional(14, e.as_of.Latest());
    if (auto s = Counted(st, "estimates"); !s.ok()) return s;
    return WriteClaims(*fact, e.claims);
  }

  Status WriteDesignation(const Designation& d) {
    auto fact = NewFact("designation", d.where);
    if (!fact.ok()) return fact.status();
    RowInserter& st = designations_;
    st.Bind(1, *fact);
    if (auto s = BindEntity(st, 2, d.entity); !s.ok()) return s;
    st.Bind(3, d.authority_code);
    if (auto s = BindEntity(st, 4, d.authority); !s.ok()) return s;
    st.BindOptional(5, d.list).Bind(6, d.program).BindOptional(7, d.reference);
    st.BindOptional(8, d.date.ToString());
    if (auto s = Counted(st, "designations"); !s.ok()) return s;
    return WriteClaims(*fact, d.claims);
  }

  // An attribute as a source states it; the entity may be another
  // dataset's, whose own attributes stay as they are.
  Status WriteClaimedAttribute(const ClaimedAttribute& a) {
    auto fact = NewFact("attribute");
    if (!fact.ok()) return fact.status();
    RowInserter& st = claimed_attributes_;
    st.Bind(1, *fact);
    if (auto s = BindEntity(st, 2, a.entity); !s.ok()) return s;
    st.Bind(3, a.key).Bind(4, a.value);
    if (auto s = Counted(st, "claimed_attributes"); !s.ok()) return s;
    return WriteClaims(*fact, a.claims);
  }

  Connection& db_;
  const Batch& batch_;
  int64_t dataset_id_ = 0;
  FaultInjector& fault_;
  size_t rows_per_statement_;
  std::function<void(const Entity&)> on_entity_;
  Batch late_warnings_;
  bool failed_on_many_rows_ = false;
  int64_t last_fact_ = 0;
  std::map<std::string, int64_t> counts_;
  std::unordered_map<std::string, int64_t> entity_ids_, source_ids_;
  RowInserter facts_{db_, "facts", "id, dataset_id, type, file, line", rows_per_statement_};
  RowInserter lifespans_{db_, "lifespan_bounds",
                         "id, entity_id, bound, date, day, general_knowledge", rows_per_statement_};
  RowInserter questions_{db_, "questions", "id, key, text, note", rows_per_statement_};
  RowInserter question_entities_{db_, "question_entities", "question_id, entity_id, position",
                                 rows_per_statement_};
  Statement sources_{
      db_,
      "INSERT INTO sources(dataset_id, key, title, publisher, author, date, url, "
      "sha256, file, kind, length, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"};
  RowInserter entities_{db_, "entities", "id, key, kind, description, reference",
                        rows_per_statement_};
  RowInserter relations_{
      db_, "relations",
      "id, subject_id, predicate, object_id, role, valid_from, valid_to, from_day, to_day",
      rows_per_statement_};
  RowInserter events_{
      db_, "events",
      "id, key, type, title, date, date_from, date_to, first_day, last_day, city, province, "
      "country, place_entity_id, place_detail, killed_best, killed_low, killed_high, wounded_best, "
      "wounded_low, wounded_high, admin1, admin2, latitude, longitude, province_note",
      rows_per_statement_};
  RowInserter participants_{db_, "participants", "id, event_id, entity_id, label, role, position",
                            rows_per_statement_};
  RowInserter estimates_{db_, "estimates",
                         "id, key, subject_id, quantity, value, low, high, of, qualifier, unit, "
                         "scope, scope_entity_id, as_of, as_of_day",
                         rows_per_statement_};
  RowInserter designations_{
      db_, "designations", "id, entity_id, authority, authority_id, list, program, reference, date",
      rows_per_statement_};
  RowInserter claimed_attributes_{db_, "claimed_attributes", "id, entity_id, key, value",
                                  rows_per_statement_};
  RowInserter names_{db_, "names", "entity_id, text, kind, script, lang, name_key, position",
                     rows_per_statement_};
  RowInserter attributes_{db_, "attributes", "entity_id, key, value", rows_per_statement_};
  RowInserter values_{db_, "entity_values", "entity_id, key, value, position", rows_per_statement_};
  RowInserter identifiers_{db_, "identifiers", "entity_id, type, value, country, note, position",
                           rows_per_statement_};
  RowInserter claims_{db_, "claims",
                      "fact_id, source_id, span_start, span_end, digest, locator, party_entity_id, "
                      "party_label, stance, confidence, note, position, answer, file, line",
                      rows_per_statement_};
};

// SQLite: foreign keys off for the time of a load's transaction (the
// setting cannot change inside one). With them on, deleting a dataset's
// entities makes SQLite look for rows that refer to each, and four
// referring columns have no index (claims.party_entity_id,
// events.place_entity_id, estimates.scope_entity_id,
// designations.authority_id): a scan of those tables per entity, which took
// a reload of a 170 MB dataset past ten minutes. The writer deletes child
// rows itself, and CheckReferences checks every reference in the database
// before the commit. PostgreSQL checks its (deferrable) references at the
// commit instead (DeferForeignKeys).
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Connection& db) : db_(db) {
    if (db_.dialect() == Dialect::kSqlite) status_ = db_.Execute("PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    if (db_.dialect() == Dialect::kSqlite) (void)db_.Execute("PRAGMA foreign_keys = ON");
  }
  const Status& status() const { return status_; }

 private:
  Connection& db_;
  Status status_;
};

// Inside the load's transaction: PostgreSQL checks references when it
// commits, so that rows may be written in any order.
Status DeferForeignKeys(Connection& db) {
  if (db.dialect() != Dialect::kPostgres) return absl::OkStatus();
  return db.Execute("SET CONSTRAINTS ALL DEFERRED");
}

// One attempt at ApplyBatches, with rows_per_statement rows to an INSERT;
// *failed_on_many_rows tells whether it failed on a statement of several.
StatusOr<std::vector<store::DatasetWriteRecord>> ApplyBatchesOnce(
    Connection& db, store::LoadTransaction& tx, const std::vector<const Batch*>& batches,
    const store::ApplyHooks& hooks, size_t rows_per_statement, bool* failed_on_many_rows) {
  // A page cache large enough for a whole real list, and for the indexes of
  // a million-record one (256 MiB at most, taken as pages are used), so that
  // index pages are not spilled and re-read while it is written: 3 s of a
  // 1,000,000-record load went to that with 64 MiB.
  if (db.dialect() == Dialect::kSqlite)
    if (auto s = db.Execute("PRAGMA cache_size = -262144"); !s.ok()) return s;
  ForeignKeysOff foreign_keys_off(db);  // declared first: restored after the transaction ends
  if (!foreign_keys_off.status().ok()) return foreign_keys_off.status();
  // Opened first, so that what is prepared and compared is what is
  // replaced. Until the first write it only reads: returning before that
  // rolls back and leaves the file as it was.
  Transaction transaction(db);
  if (auto s = transaction.Begin(); !s.ok()) return s;
  if (auto s = db.Lock(WriteLock::kLoad); !s.ok()) return s;
  if (auto s = DeferForeignKeys(db); !s.ok()) return s;
  std::vector<std::optional<Batch>> prepared(batches.size());
  std::vector<const Batch*> final_batches;
  std::vector<store::DatasetWriteRecord> written;
  bool any = false;
  for (size_t i = 0; i < batches.size(); ++i) {
    const Batch* batch = batches[i];
    if (hooks.prepare) {
      auto replacement = hooks.prepare(tx, *batch);
      if (!replacement.ok()) return replacement.status();
      if (*replacement) {
        prepared[i] = std::move(*replacement);
        batch = &*prepared[i];
      }
    }
    final_batches.push_back(batch);
    store::DatasetWriteRecord record;
    record.dataset = batch->dataset;
    record.version = batch->version;
    record.kind = batch->kind;
    record.merged = batch->merge;
    record.publish_date = batch->publish_date;
    record.sha256 = batch->sha256;
    record.files = batch->files;
    record.warnings = batch->warnings;
    record.warning_counts = batch->warning_counts;
    auto stored = tx.StoredDataset(batch->dataset);
    if (!stored.ok()) return stored.status();
    record.unchanged = *stored && (*stored)->version == batch->version;
    any = any || !record.unchanged;
    written.push_back(std::move(record));
  }
  if (!any) return written;
  if (hooks.before_write)
    for (size_t i = 0; i < final_batches.size(); ++i)
      if (!written[i].unchanged)
        if (auto s = hooks.before_write(tx, i, *final_batches[i]); !s.ok()) return s;
  FaultInjector fault;
  for (size_t i = 0; i < final_batches.size(); ++i) {
    if (written[i].unchanged) continue;
    std::function<void(const Entity&)> on_entity;
    if (hooks.on_entity) on_entity = [&hooks, i](const Entity& e) { hooks.on_entity(i, e); };
    Writer writer(db, *final_batches[i], &fault, rows_per_statement, std::move(on_entity));
    auto counts = writer.Write();
    if (!counts.ok()) {
      *failed_on_many_rows = writer.failed_on_many_rows();
      return counts.status();
    }
    written[i].counts = std::move(*counts);
    const Batch& late = writer.late_warnings();
    written[i].warnings.insert(written[i].warnings.end(), late.warnings.begin(),
                               late.warnings.end());
    for (const auto& [kind, count] : late.warning_counts) written[i].warning_counts[kind] += count;
    if (hooks.after_batch)
      if (auto s = hooks.after_batch(tx, i, *final_batches[i]); !s.ok()) return s;
  }
  if (auto s = db.CheckReferences(); !s.ok()) return s;
  if (hooks.after_write)
    if (auto s = hooks.after_write(tx); !s.ok()) return s;
  if (auto s = transaction.Commit(); !s.ok()) return s;
  return written;
}

}  // namespace

StatusOr<std::vector<store::DatasetWriteRecord>> ApplyBatches(
    Connection& db, store::LoadTransaction& tx, const std::vector<const Batch*>& batches,
    const store::ApplyHooks& hooks) {
  bool failed_on_many_rows = false;
  auto written =
      ApplyBatchesOnce(db, tx, batches, hooks, kRowsPerStatement, &failed_on_many_rows);
  if (written.ok() || !failed_on_many_rows) return written;
  // The attempt rolled back. Written again one row to a statement, the
  // failing row is the one reported, with its file and line.
  return ApplyBatchesOnce(db, tx, batches, hooks, 1, &failed_on_many_rows);
}

}  // namespace vigil::store::sql
