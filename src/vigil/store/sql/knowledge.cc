// SqlStore, knowledge area: entity references, names, claims with their
// passages (of a fact, or citing a source), source texts, relations, events,
// estimates, designations, participants.
#include <fmt/format.h>

#include "vigil/base/utf8.h"
#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {

using internal::OptNumber;
using internal::OptText;

std::shared_ptr<const SqlStore::SourceText> SqlStore::TextOf(Connection& db, int64_t source_row) {
  {
    std::lock_guard lock(texts_mutex_);
    if (auto it = texts_.find(source_row); it != texts_.end()) return it->second;
  }
  auto entry = std::make_shared<SourceText>();
  Statement st(db, "SELECT text FROM sources WHERE id = ?");
  st.Bind(1, source_row);
  if (st.Step() && !st.IsNull(0)) {
    entry->text = st.Text(0);
    entry->offsets = CodePointOffsets(entry->text);
  }
  std::lock_guard lock(texts_mutex_);
  return texts_.emplace(source_row, std::move(entry)).first->second;
}

StatusOr<std::optional<EntityRefRecord>> SqlStore::EntityRef(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT e.key, e.kind, (SELECT text FROM names n WHERE n.entity_id = e.id "
               "ORDER BY n.kind != 'primary', n.position LIMIT 1) FROM entities e WHERE e.id = ?");
  st.Bind(1, entity_row);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  return EntityRefRecord{entity_row, st.Text(0), st.Text(2), st.Text(1)};
}

StatusOr<std::vector<NameRecord>> SqlStore::NamesOf(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT text, kind, script, lang FROM names WHERE entity_id = ? ORDER BY position");
  st.Bind(1, entity_row);
  std::vector<NameRecord> names;
  while (st.Step()) names.push_back({st.Text(0), st.Text(1), OptText(st, 2), OptText(st, 3)});
  if (!st.status().ok()) return st.status();
  return names;
}

namespace {

// The columns ReadClaim reads, in its order, from claims c joined with their
// sources s.
constexpr std::string_view kClaimColumns =
    "c.source_id, s.key, s.title, s.publisher, s.date, c.span_start, c.span_end, c.digest, "
    "c.locator, c.party_entity_id, c.party_label, c.stance, c.confidence, c.note, c.id, "
    "s.author, c.answer, c.file, c.line";
constexpr int kClaimColumnCount = 19;

}  // namespace

StatusOr<ClaimRecord> SqlStore::ReadClaim(Connection& db, const Statement& st) {
  ClaimRecord c;
  c.claim_id = st.Int(14);
  c.source = st.Text(1);
  c.source_title = st.Text(2);
  c.publisher = OptText(st, 3);
  c.author = OptText(st, 15);
  c.source_date = OptText(st, 4);
  if (!st.IsNull(5)) {
    int64_t start = st.Int(5), end = st.Int(6);
    c.span_start = start;
    c.span_end = end;
    auto text = TextOf(db, st.Int(0));
    int64_t n = static_cast<int64_t>(text->offsets.size()) - 1;
    if (!text->text.empty() && start >= 0 && end <= n && start < end)
      c.passage = text->text.substr(text->offsets[static_cast<size_t>(start)],
                                    text->offsets[static_cast<size_t>(end)] -
                                        text->offsets[static_cast<size_t>(start)]);
  }
  c.digest = OptText(st, 7);
  c.locator = OptText(st, 8);
  if (!st.IsNull(9)) {
    auto party = EntityRef(st.Int(9));
    if (!party.ok()) return party.status();
    c.party = *party;
  }
  c.party_label = OptText(st, 10);
  c.stance = st.Text(11);
  c.confidence = st.Real(12);
  c.note = OptText(st, 13);
  c.answer = OptText(st, 16);
  c.file = OptText(st, 17);
  if (!st.IsNull(18)) c.line = st.Int(18);
  return c;
}

StatusOr<std::vector<ClaimRecord>> SqlStore::ClaimsOf(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM claims c JOIN sources s ON s.id = c.source_id "
                               "WHERE c.fact_id = ? ORDER BY c.position",
                               kClaimColumns));
  st.Bind(1, fact_id);
  std::vector<ClaimRecord> claims;
  while (st.Step()) {
    auto claim = ReadClaim(db, st);
    if (!claim.ok()) return claim.status();
    claims.push_back(std::move(*claim));
  }
  if (!st.status().ok()) return st.status();
  return claims;
}

StatusOr<std::optional<std::string>> SqlStore::StoredText(int64_t source_row) {
  VIGIL_SQL_CONNECTION(db);
  auto text = TextOf(db, source_row);
  if (text->text.empty()) return std::nullopt;
  return text->text;
}

StatusOr<std::vector<CitingClaimRecord>> SqlStore::ClaimsCiting(int64_t source_row,
                                                                   int64_t limit, int64_t offset) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {}, c.fact_id, f.type FROM claims c JOIN sources s ON "
                               "s.id = c.source_id JOIN facts f ON f.id = c.fact_id WHERE "
                               "c.source_id = ? ORDER BY c.span_start IS NULL, c.span_start, "
                               "c.span_end, c.id LIMIT ? OFFSET ?",
                               kClaimColumns));
  st.Bind(1, source_row);
  st.Bind(2, limit);
  st.Bind(3, offset);
  std::vector<CitingClaimRecord> out;
  while (st.Step()) {
    auto claim = ReadClaim(db, st);
    if (!claim.ok()) return claim.status();
    out.push_back({st.Int(kClaimColumnCount), st.Text(kClaimColumnCount + 1), std::move(*claim)});
  }
  if (!st.status().ok()) return st.status();
  return out;
}

namespace {

// Resolves a required entity reference of a record; an id that points at
// nothing is a damaged store.
template <typename Lookup>
Status RequiredRef(Lookup&& lookup, int64_t row, EntityRefRecord* out) {
  auto ref = lookup(row);
  if (!ref.ok()) return ref.status();
  if (!*ref) return absl::InternalError(fmt::format("entity row {} is missing", row));
  *out = **ref;
  return absl::OkStatus();
}

}  // namespace

Status SqlStore::ReadValidity(Connection& db, RelationRecord* r) {
  Statement st(db,
               "SELECT v.from_day, v.from_bound, v.to_day, v.to_bound, (SELECT date FROM "
               "lifespan_bounds l WHERE l.entity_id = CASE v.from_bound WHEN 'subject' THEN ?2 "
               "ELSE ?3 END AND l.bound = 'start'), (SELECT date FROM lifespan_bounds l WHERE "
               "l.entity_id = CASE v.to_bound WHEN 'subject' THEN ?2 ELSE ?3 END AND l.bound = "
               "'end') FROM relation_validity v WHERE v.relation_id = ?1");
  st.Bind(1, r->fact_id).Bind(2, r->subject.row_id).Bind(3, r->object.row_id);
  if (!st.Step()) return st.status();
  for (int end = 0; end < 2; ++end) {
    int column = end * 2;
    if (st.IsNull(column)) continue;
    ValidityBoundRecord bound;
    bound.day = st.Text(column);
    std::string by = st.Text(column + 1);
    if (by == "relation") {
      bound.date = (end == 0 ? r->from : r->to).value_or("");
    } else {
      bound.lifespan_of = by == "subject" ? r->subject : r->object;
      bound.date = st.Text(4 + end);
    }
    (end == 0 ? r->valid_from : r->valid_to) = std::move(bound);
  }
  return absl::OkStatus();
}

StatusOr<std::optional<RelationRecord>> SqlStore::Relation(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT r.subject_id, r.predicate, r.object_id, r.role, r.valid_from, r.valid_to, "
               "f.file, f.line FROM relations r JOIN facts f ON f.id = r.id WHERE r.id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  auto lookup = [this](int64_t row) { return EntityRef(row); };
  RelationRecord r;
  r.fact_id = fact_id;
  if (auto s = RequiredRef(lookup, st.Int(0), &r.subject); !s.ok()) return s;
  if (auto s = RequiredRef(lookup, st.Int(2), &r.object); !s.ok()) return s;
  r.predicate = st.Text(1);
  r.role = OptText(st, 3);
  r.from = OptText(st, 4);
  r.to = OptText(st, 5);
  r.file = OptText(st, 6);
  if (!st.IsNull(7)) r.line = st.Int(7);
  if (auto s = ReadValidity(db, &r); !s.ok()) return s;
  auto claims = ClaimsOf(fact_id);
  if (!claims.ok()) return claims.status();
  r.claims = std::move(*claims);
  return r;
}

StatusOr<std::optional<EventRecord>> SqlStore::Event(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT key, type, title, date, date_from, date_to, city, province, country, "
               "place_entity_id, place_detail, killed_best, killed_low, killed_high, "
               "wounded_best, wounded_low, wounded_high FROM events WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  auto quantity = [&](int column) -> std::optional<QuantityRecord> {
    if (st.IsNull(column) && st.IsNull(column + 1) && st.IsNull(column + 2)) return std::nullopt;
    return QuantityRecord{OptNumber(st, column), OptNumber(st, column + 1),
                          OptNumber(st, column + 2)};
  };
  EventRecord e;
  e.fact_id = fact_id;
  e.id = st.Text(0);
  e.type = st.Text(1);
  e.title = st.Text(2);
  e.date = OptText(st, 3);
  e.from = OptText(st, 4);
  e.to = OptText(st, 5);
  e.city = OptText(st, 6);
  e.province = OptText(st, 7);
  e.country = OptText(st, 8);
  if (!st.IsNull(9)) {
    auto place = EntityRef(st.Int(9));
    if (!place.ok()) return place.status();
    e.place_entity = *place;
  }
  e.place_detail = OptText(st, 10);
  e.killed = quantity(11);
  e.wounded = quantity(14);
  Statement parts(db,
                  "SELECT id, entity_id, label, role FROM participants WHERE event_id = ? "
                  "ORDER BY position");
  parts.Bind(1, fact_id);
  while (parts.Step()) {
    ParticipantRecord p;
    if (!parts.IsNull(1)) {
      auto entity = EntityRef(parts.Int(1));
      if (!entity.ok()) return entity.status();
      p.entity = *entity;
    }
    p.label = OptText(parts, 2);
    p.role = parts.Text(3);
    auto claims = ClaimsOf(parts.Int(0));
    if (!claims.ok()) return claims.status();
    p.claims = std::move(*claims);
    e.participants.push_back(std::move(p));
  }
  if (!parts.status().ok()) return parts.status();
  auto claims = ClaimsOf(fact_id);
  if (!claims.ok()) return claims.status();
  e.claims = std::move(*claims);
  return e;
}

StatusOr<std::optional<EstimateRecord>> SqlStore::Estimate(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT key, subject_id, quantity, value, low, high, of, qualifier, unit, scope, "
               "scope_entity_id, as_of FROM estimates WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  EstimateRecord e;
  e.fact_id = fact_id;
  e.id = st.Text(0);
  if (auto s = RequiredRef([this](int64_t row) { return EntityRef(row); }, st.Int(1), &e.subject);
      !s.ok())
    return s;
  e.quantity = st.Text(2);
  e.value = OptNumber(st, 3);
  e.low = OptNumber(st, 4);
  e.high = OptNumber(st, 5);
  e.of = OptNumber(st, 6);
  e.qualifier = OptText(st, 7);
  e.unit = OptText(st, 8);
  e.scope = OptText(st, 9);
  if (!st.IsNull(10)) {
    auto scope = EntityRef(st.Int(10));
    if (!scope.ok()) return scope.status();
    e.scope_entity = *scope;
  }
  e.as_of = OptText(st, 11);
  auto claims = ClaimsOf(fact_id);
  if (!claims.ok()) return claims.status();
  e.claims = std::move(*claims);
  return e;
}

StatusOr<std::optional<DesignationRecord>> SqlStore::Designation(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT entity_id, authority_id, list, program, reference, date, authority "
               "FROM designations WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  DesignationRecord d;
  d.fact_id = fact_id;
  if (auto s = RequiredRef([this](int64_t row) { return EntityRef(row); }, st.Int(0), &d.entity);
      !s.ok())
    return s;
  if (!st.IsNull(1)) {
    auto authority = EntityRef(st.Int(1));
    if (!authority.ok()) return authority.status();
    d.authority = *authority;
  }
  d.authority_code = st.Text(6);
  d.list = OptText(st, 2);
  d.program = st.Text(3);
  d.reference = OptText(st, 4);
  d.date = OptText(st, 5);
  auto claims = ClaimsOf(fact_id);
  if (!claims.ok()) return claims.status();
  d.claims = std::move(*claims);
  return d;
}

StatusOr<std::optional<ClaimedAttributeRecord>> SqlStore::ClaimedAttribute(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT a.entity_id, a.key, a.value, d.name, (SELECT v.value FROM attributes v "
               "WHERE v.entity_id = a.entity_id AND v.key = a.key) FROM claimed_attributes a "
               "JOIN facts f ON f.id = a.id JOIN datasets d ON d.id = f.dataset_id WHERE a.id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  ClaimedAttributeRecord a;
  a.fact_id = fact_id;
  if (auto s = RequiredRef([this](int64_t row) { return EntityRef(row); }, st.Int(0), &a.entity);
      !s.ok())
    return s;
  a.key = st.Text(1);
  a.value = st.Text(2);
  a.dataset = st.Text(3);
  a.entity_value = OptText(st, 4);
  auto claims = ClaimsOf(fact_id);
  if (!claims.ok()) return claims.status();
  a.claims = std::move(*claims);
  return a;
}

StatusOr<std::string> SqlStore::FactSummary(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement type(db, "SELECT type FROM facts WHERE id = ?");
  type.Bind(1, fact_id);
  if (!type.Step()) {
    if (!type.status().ok()) return type.status();
    return std::string("unknown fact");
  }
  std::string kind = type.Text(0);
  auto key = [&](std::string_view sql) {
    Statement st(db, sql);
    st.Bind(1, fact_id);
    return st.Step() ? st.Text(0) : std::string("?");
  };
  if (kind == "entity") return "entity " + key("SELECT key FROM entities WHERE id = ?");
  if (kind == "relation")
    return "relation " +
           key("SELECT s.key || ' ' || r.predicate || ' ' || o.key FROM relations r JOIN "
               "entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id WHERE "
               "r.id = ?");
  if (kind == "event") return "event " + key("SELECT key FROM events WHERE id = ?");
  if (kind == "participant")
    return "event " +
           key("SELECT e.key || ': ' || p.role || ' ' || COALESCE(n.key, p.label) FROM "
               "participants p JOIN events e ON e.id = p.event_id LEFT JOIN entities n ON n.id "
               "= p.entity_id WHERE p.id = ?");
  if (kind == "estimate") return "estimate " + key("SELECT key FROM estimates WHERE id = ?");
  if (kind == "attribute")
    return "attribute " +
           key("SELECT e.key || ' ' || a.key || ': ' || a.value FROM claimed_attributes a JOIN "
               "entities e ON e.id = a.entity_id WHERE a.id = ?");
  if (kind == "lifespan")
    return "lifespan " +
           key("SELECT e.key || ' ' || l.bound || ' ' || l.date FROM lifespan_bounds l JOIN "
               "entities e ON e.id = l.entity_id WHERE l.id = ?");
  if (kind == "question") return "question " + key("SELECT key FROM questions WHERE id = ?");
  if (kind == "designation")
    return "designation " +
           key("SELECT e.key || ' by ' || d.authority || ' (' || d.program || ')' FROM "
               "designations d JOIN entities e ON e.id = d.entity_id WHERE d.id = ?");
  return kind;
}

StatusOr<std::optional<std::string>> SqlStore::FactType(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "SELECT type FROM facts WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  return st.Text(0);
}

StatusOr<std::optional<ParticipantFactRecord>> SqlStore::Participant(int64_t fact_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT e.key, e.title, p.entity_id, p.label, p.role FROM participants p JOIN "
               "events e ON e.id = p.event_id WHERE p.id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  ParticipantFactRecord p;
  p.event_id = st.Text(0);
  p.event_title = st.Text(1);
  if (!st.IsNull(2)) {
    auto entity = EntityRef(st.Int(2));
    if (!entity.ok()) return entity.status();
    p.entity = *entity;
  }
  p.label = OptText(st, 3);
  p.role = st.Text(4);
  return p;
}

}  // namespace vigil::store::sql
