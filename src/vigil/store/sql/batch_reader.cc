// Batch reader: a stored dataset back into the records that wrote it.
#include "vigil/store/sql/batch_reader.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

namespace vigil::store::sql {
namespace {

class Reader {
 public:
  Reader(Connection& db, int64_t dataset_id, std::string dataset)
      : db_(db), dataset_id_(dataset_id), where_{fmt::format("stored dataset '{}'", dataset), 0} {}

  Status Read(Batch* batch) {
    for (auto step : {&Reader::Origins, &Reader::Claims, &Reader::Sources, &Reader::Entities,
                      &Reader::Lifespans, &Reader::Relations, &Reader::Events, &Reader::Estimates,
                      &Reader::Designations, &Reader::ClaimedAttributes, &Reader::Questions})
      if (auto s = (this->*step)(batch); !s.ok()) return s;
    return absl::OkStatus();
  }

 private:
  static std::optional<int64_t> OptionalInt(const Statement& st, int column) {
    if (st.IsNull(column)) return std::nullopt;
    return st.Int(column);
  }

  StatusOr<PartialDate> Date(const Statement& st, int column) {
    if (st.IsNull(column)) return PartialDate{};
    auto date = PartialDate::Parse(st.Text(column));
    if (!date.ok())
      return absl::InternalError(fmt::format("{}: a stored date does not parse: {}", where_.path,
                                             std::string(date.status().message())));
    return *date;
  }

  // Where a fact's record was written, when the store knows (the dataset
  // otherwise), so that a merged dataset keeps its records' origins.
  FilePosition WhereOf(int64_t fact) const {
    auto it = origins_.find(fact);
    return it == origins_.end() ? where_ : it->second;
  }

  Status Origins(Batch*) {
    Statement st(db_,
                 "SELECT id, file, line FROM facts WHERE dataset_id = ? AND line IS NOT NULL");
    st.Bind(1, dataset_id_);
    while (st.Step()) origins_.emplace(st.Int(0), FilePosition{st.Text(1), static_cast<int>(st.Int(2))});
    return st.status();
  }

  std::vector<Claim> TakeClaims(int64_t fact) {
    auto it = claims_.find(fact);
    if (it == claims_.end()) return {};
    std::vector<Claim> out = std::move(it->second);
    claims_.erase(it);
    return out;
  }

  // Every claim of the dataset's facts, by fact.
  Status Claims(Batch*) {
    Statement st(db_,
                 "SELECT c.fact_id, s.key, c.span_start, c.span_end, c.digest, c.locator, p.key, "
                 "c.party_label, c.stance, c.confidence, c.note, c.answer, c.file, c.line FROM "
                 "claims c JOIN facts f ON f.id "
                 "= c.fact_id JOIN sources s ON s.id = c.source_id LEFT JOIN entities p ON p.id = "
                 "c.party_entity_id WHERE f.dataset_id = ? ORDER BY c.fact_id, c.position");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      Claim c;
      c.source = st.Text(1);
      c.span_start = OptionalInt(st, 2);
      c.span_end = OptionalInt(st, 3);
      c.digest = st.Text(4);
      c.locator = st.Text(5);
      c.party = st.Text(6);
      c.party_label = st.Text(7);
      c.stance = st.Text(8) == "denies" ? Stance::kDenies : Stance::kAsserts;
      c.confidence = st.Real(9);
      c.note = st.Text(10);
      c.answer = st.Text(11);
      c.where = st.IsNull(13) ? where_ : FilePosition{st.Text(12), static_cast<int>(st.Int(13))};
      claims_[st.Int(0)].push_back(std::move(c));
    }
    return st.status();
  }

  Status Sources(Batch* batch) {
    Statement st(
        db_,
        "SELECT key, title, publisher, author, date, url, sha256, file, kind, length, text "
        "FROM sources WHERE dataset_id = ? ORDER BY id");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      Source s;
      s.id = st.Text(0);
      s.title = st.Text(1);
      s.publisher = st.Text(2);
      s.author = st.Text(3);
      auto date = Date(st, 4);
      if (!date.ok()) return date.status();
      s.date = *date;
      s.url = st.Text(5);
      s.sha256 = st.Text(6);
      s.file = st.Text(7);
      s.kind = st.Text(8);
      s.length = OptionalInt(st, 9);
      s.text = st.Text(10);
      s.where = where_;
      batch->sources.push_back(std::move(s));
    }
    return st.status();
  }

  Status Entities(Batch* batch) {
    std::unordered_map<int64_t, size_t> index;  // row id -> position in batch->entities
    {
      Statement st(db_,
                   "SELECT e.id, e.key, e.kind, e.description, e.reference FROM entities e JOIN "
                   "facts f ON f.id = e.id WHERE f.dataset_id = ? ORDER BY e.id");
      st.Bind(1, dataset_id_);
      while (st.Step()) {
        Entity e;
        e.id = st.Text(1);
        e.kind = st.Text(2);
        e.description = st.Text(3);
        e.reference = st.Text(4);
        e.where = WhereOf(st.Int(0));
        entity_index_.emplace(st.Int(0), batch->entities.size());
        e.claims = TakeClaims(st.Int(0));
        index.emplace(st.Int(0), batch->entities.size());
        batch->entities.push_back(std::move(e));
      }
      if (!st.status().ok()) return st.status();
    }
    // Names, attributes, values and identifiers of the dataset's entities.
    auto each = [&](std::string_view sql, auto add) -> Status {
      Statement st(db_, sql);
      st.Bind(1, dataset_id_);
      while (st.Step()) add(batch->entities[index.at(st.Int(0))], st);
      return st.status();
    };
    auto s = each(
        "SELECT n.entity_id, n.text, n.kind, n.script, n.lang FROM names n JOIN facts f ON f.id = "
        "n.entity_id WHERE f.dataset_id = ? ORDER BY n.entity_id, n.position",
        [](Entity& e, const Statement& st) {
          e.names.push_back({st.Text(1), st.Text(2), st.Text(3), st.Text(4)});
        });
    if (!s.ok()) return s;
    s = each(
        "SELECT a.entity_id, a.key, a.value FROM attributes a JOIN facts f ON f.id = a.entity_id "
        "WHERE f.dataset_id = ?",
        [](Entity& e, const Statement& st) { e.attributes[st.Text(1)] = st.Text(2); });
    if (!s.ok()) return s;
    s = each(
        "SELECT v.entity_id, v.key, v.value FROM entity_values v JOIN facts f ON f.id = "
        "v.entity_id WHERE f.dataset_id = ? ORDER BY v.entity_id, v.position",
        [](Entity& e, const Statement& st) { e.values.emplace_back(st.Text(1), st.Text(2)); });
    if (!s.ok()) return s;
    return each(
        "SELECT i.entity_id, i.type, i.value, i.country, i.note FROM identifiers i JOIN facts f "
        "ON f.id = i.entity_id WHERE f.dataset_id = ? ORDER BY i.entity_id, i.position",
        [](Entity& e, const Statement& st) {
          e.identifiers.push_back({st.Text(1), st.Text(2), st.Text(3), st.Text(4)});
        });
  }

  Status Relations(Batch* batch) {
    Statement st(db_,
                 "SELECT r.id, s.key, r.predicate, o.key, r.role, r.valid_from, r.valid_to FROM "
                 "relations r JOIN facts f ON f.id = r.id JOIN entities s ON s.id = r.subject_id "
                 "JOIN entities o ON o.id = r.object_id WHERE f.dataset_id = ? ORDER BY r.id");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      Relation r;
      r.subject = st.Text(1);
      r.predicate = st.Text(2);
      r.object = st.Text(3);
      r.role = st.Text(4);
      auto from = Date(st, 5), to = Date(st, 6);
      if (!from.ok()) return from.status();
      if (!to.ok()) return to.status();
      r.from = *from;
      r.to = *to;
      r.claims = TakeClaims(st.Int(0));
      r.where = WhereOf(st.Int(0));
      batch->relations.push_back(std::move(r));
    }
    return st.status();
  }

  Status Events(Batch* batch) {
    std::unordered_map<int64_t, size_t> index;
    {
      Statement st(db_,
                   "SELECT e.id, e.key, e.type, e.title, e.date, e.date_from, e.date_to, e.city, "
                   "e.province, e.country, p.key, e.place_detail, e.killed_best, e.killed_low, "
                   "e.killed_high, e.wounded_best, e.wounded_low, e.wounded_high FROM events e "
                   "JOIN facts f ON f.id = e.id LEFT JOIN entities p ON p.id = e.place_entity_id "
                   "WHERE f.dataset_id = ? ORDER BY e.id");
      st.Bind(1, dataset_id_);
      while (st.Step()) {
        Event e;
        e.id = st.Text(1);
        e.type = st.Text(2);
        e.title = st.Text(3);
        for (auto [column, date] : {std::pair{4, &e.date}, {5, &e.from}, {6, &e.to}}) {
          auto parsed = Date(st, column);
          if (!parsed.ok()) return parsed.status();
          *date = *parsed;
        }
        e.place.city = st.Text(7);
        e.place.province = st.Text(8);
        e.place.country = st.Text(9);
        e.place.entity = st.Text(10);
        e.place.detail = st.Text(11);
        e.killed = {st.OptionalReal(12), st.OptionalReal(13), st.OptionalReal(14)};
        e.wounded = {st.OptionalReal(15), st.OptionalReal(16), st.OptionalReal(17)};
        e.claims = TakeClaims(st.Int(0));
        e.where = WhereOf(st.Int(0));
        index.emplace(st.Int(0), batch->events.size());
        batch->events.push_back(std::move(e));
      }
      if (!st.status().ok()) return st.status();
    }
    // Participants of another dataset's events are its participations.
    Statement st(db_,
                 "SELECT p.id, p.event_id, e.key, p.label, p.role, ev.key FROM participants p "
                 "JOIN facts f ON f.id = p.id JOIN events ev ON ev.id = p.event_id LEFT JOIN "
                 "entities e ON e.id = p.entity_id WHERE f.dataset_id = ? ORDER BY p.event_id, "
                 "p.position");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      Participant part{st.Text(2), st.Text(3), st.Text(4), TakeClaims(st.Int(0))};
      auto own = index.find(st.Int(1));
      if (own == index.end()) {
        batch->participations.push_back({st.Text(5), std::move(part)});
        continue;
      }
      Event& e = batch->events[own->second];
      (part.role == "target" ? e.targets : e.perpetrators).push_back(std::move(part));
    }
    return st.status();
  }

  Status Estimates(Batch* batch) {
    Statement st(
        db_,
        "SELECT e.id, e.key, s.key, e.quantity, e.value, e.low, e.high, e.of, e.qualifier, "
        "e.unit, e.scope, c.key, e.as_of FROM estimates e JOIN facts f ON f.id = e.id "
        "JOIN entities s ON s.id = e.subject_id LEFT JOIN entities c ON c.id = "
        "e.scope_entity_id WHERE f.dataset_id = ? ORDER BY e.id");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      Estimate e;
      e.id = st.Text(1);
      e.subject = st.Text(2);
      e.quantity = st.Text(3);
      e.value = st.OptionalReal(4);
      e.low = st.OptionalReal(5);
      e.high = st.OptionalReal(6);
      e.of = st.OptionalReal(7);
      e.qualifier = st.Text(8);
      e.unit = st.Text(9);
      e.scope = st.Text(10);
      e.scope_entity = st.Text(11);
      auto as_of = Date(st, 12);
      if (!as_of.ok()) return as_of.status();
      e.as_of = *as_of;
      e.claims = TakeClaims(st.Int(0));
      e.where = WhereOf(st.Int(0));
      batch->estimates.push_back(std::move(e));
    }
    return st.status();
  }

  Status Designations(Batch* batch) {
    Statement st(db_,
                 "SELECT d.id, e.key, a.key, d.authority, d.list, d.program, d.reference, d.date "
                 "FROM designations d JOIN facts f ON f.id = d.id JOIN entities e ON e.id = "
                 "d.entity_id LEFT JOIN entities a ON a.id = d.authority_id WHERE f.dataset_id = "
                 "? ORDER BY d.id");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      Designation d;
      d.entity = st.Text(1);
      d.authority = st.Text(2);
      d.authority_code = st.Text(3);
      d.list = st.Text(4);
      d.program = st.Text(5);
      d.reference = st.Text(6);
      auto date = Date(st, 7);
      if (!date.ok()) return date.status();
      d.date = *date;
      d.claims = TakeClaims(st.Int(0));
      d.where = WhereOf(st.Int(0));
      batch->designations.push_back(std::move(d));
    }
    return st.status();
  }

  Status ClaimedAttributes(Batch* batch) {
    Statement st(db_,
                 "SELECT a.id, e.key, a.key, a.value FROM claimed_attributes a JOIN facts f ON "
                 "f.id = a.id JOIN entities e ON e.id = a.entity_id WHERE f.dataset_id = ? "
                 "ORDER BY a.id");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      ClaimedAttribute a;
      a.entity = st.Text(1);
      a.key = st.Text(2);
      a.value = st.Text(3);
      a.claims = TakeClaims(st.Int(0));
      a.where = WhereOf(st.Int(0));
      batch->claimed_attributes.push_back(std::move(a));
    }
    return st.status();
  }

  Status Lifespans(Batch* batch) {
    Statement st(db_,
                 "SELECT l.id, l.entity_id, l.bound, l.date, l.general_knowledge FROM "
                 "lifespan_bounds l JOIN facts f ON f.id = l.id WHERE f.dataset_id = ? ORDER BY "
                 "l.id");
    st.Bind(1, dataset_id_);
    while (st.Step()) {
      auto it = entity_index_.find(st.Int(1));
      if (it == entity_index_.end())
        return absl::InternalError(
            fmt::format("{}: a lifespan of entity row {} outside the dataset", where_.path,
                        st.Int(1)));
      Entity& e = batch->entities[it->second];
      LifespanBound& b = st.Text(2) == "start" ? e.lifespan.start : e.lifespan.end;
      auto date = Date(st, 3);
      if (!date.ok()) return date.status();
      b.date = *date;
      b.general_knowledge = st.Text(4);
      b.claims = TakeClaims(st.Int(0));
      b.where = WhereOf(st.Int(0));
    }
    return st.status();
  }

  Status Questions(Batch* batch) {
    std::unordered_map<int64_t, size_t> index;
    {
      Statement st(db_,
                   "SELECT q.id, q.key, q.text, q.note FROM questions q JOIN facts f ON f.id = "
                   "q.id WHERE f.dataset_id = ? ORDER BY q.id");
      st.Bind(1, dataset_id_);
      while (st.Step()) {
        Question q;
        q.id = st.Text(1);
        q.text = st.Text(2);
        q.note = st.Text(3);
        q.claims = TakeClaims(st.Int(0));
        q.where = WhereOf(st.Int(0));
        index.emplace(st.Int(0), batch->questions.size());
        batch->questions.push_back(std::move(q));
      }
      if (!st.status().ok()) return st.status();
    }
    Statement st(db_,
                 "SELECT a.question_id, e.key FROM question_entities a JOIN facts f ON f.id = "
                 "a.question_id JOIN entities e ON e.id = a.entity_id WHERE f.dataset_id = ? "
                 "ORDER BY a.question_id, a.position");
    st.Bind(1, dataset_id_);
    while (st.Step()) batch->questions[index.at(st.Int(0))].about.push_back(st.Text(1));
    return st.status();
  }

  Connection& db_;
  int64_t dataset_id_;
  FilePosition where_;
  std::unordered_map<int64_t, std::vector<Claim>> claims_;
  std::unordered_map<int64_t, FilePosition> origins_;     // fact -> where written
  std::unordered_map<int64_t, size_t> entity_index_;      // entity row -> batch position
};

}  // namespace

StatusOr<std::optional<Batch>> ReadStoredBatch(Connection& db, const std::string& dataset) {
  Statement st(db,
               "SELECT id, kind, version, files, COALESCE(publish_date, ''), COALESCE(sha256, '') "
               "FROM datasets WHERE name = ?");
  st.Bind(1, dataset);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::optional<Batch>();
  }
  Batch batch;
  batch.dataset = dataset;
  batch.kind = st.Text(1);
  batch.version = st.Text(2);
  auto files = nlohmann::json::parse(st.Text(3), nullptr, false);
  if (files.is_array())
    for (const auto& f : files)
      if (f.is_string()) batch.files.push_back(f.get<std::string>());
  batch.publish_date = st.Text(4);
  batch.sha256 = st.Text(5);
  if (auto s = Reader(db, st.Int(0), dataset).Read(&batch); !s.ok()) return s;
  return std::optional<Batch>(std::move(batch));
}

}  // namespace vigil::store::sql
