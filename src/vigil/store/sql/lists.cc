// SqlStore, knowledge area: the rows of `list` (entities, relations,
// events, estimates, sources), filtered, and one source by its key.
#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {

using internal::OptInt;
using internal::OptText;
using internal::ReadEach;
using internal::ReadRows;

StatusOr<std::vector<EntitySummaryRecord>> SqlStore::ListEntities(const std::string& kind,
                                                                     const DayRange& days) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT e.id, (SELECT COUNT(*) FROM designations d WHERE d.entity_id = e.id), "
               "(SELECT COUNT(*) FROM relations r WHERE r.subject_id = e.id OR r.object_id = "
               "e.id) FROM entities e WHERE (CAST(?1 AS TEXT) IS NULL OR e.kind = ?1) AND (CAST(?2 AS TEXT) IS NULL OR NOT "
               "EXISTS (SELECT 1 FROM lifespan_bounds l WHERE l.entity_id = e.id AND l.bound = "
               "'start' AND l.day > ?2)) AND (CAST(?3 AS TEXT) IS NULL OR NOT EXISTS (SELECT 1 FROM "
               "lifespan_bounds l WHERE l.entity_id = e.id AND l.bound = 'end' AND l.day < ?3)) "
               "ORDER BY e.kind, e.key");
  st.BindOptional(1, kind).BindOptional(2, days.last).BindOptional(3, days.first);
  std::vector<EntitySummaryRecord> out;
  while (st.Step()) {
    auto ref = EntityRef(st.Int(0));
    if (!ref.ok()) return ref.status();
    if (*ref) out.push_back({**ref, st.Int(1), st.Int(2)});
  }
  if (!st.status().ok()) return st.status();
  return out;
}

StatusOr<std::vector<RelationRecord>> SqlStore::ListRelations(const std::string& predicate,
                                                                 const DayRange& days) {
  VIGIL_SQL_CONNECTION(db);
  // A relation whose lifespans leave it no day (from after to) meets no
  // days, however wide.
  Statement ids(db,
                "SELECT r.id FROM relations r JOIN relation_validity v ON v.relation_id = r.id "
                "JOIN entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id "
                "WHERE (CAST(?1 AS TEXT) IS NULL OR r.predicate = ?1) AND ((CAST(?2 AS TEXT) IS NULL AND CAST(?3 AS TEXT) IS NULL) OR "
                "((v.from_day IS NULL OR v.to_day IS NULL OR v.from_day <= v.to_day) AND "
                "(CAST(?3 AS TEXT) IS NULL OR v.from_day IS NULL OR v.from_day <= ?3) AND (CAST(?2 AS TEXT) IS NULL OR "
                "v.to_day IS NULL OR v.to_day >= ?2))) ORDER BY s.key, r.predicate, o.key, "
                "r.from_day");
  ids.BindOptional(1, predicate).BindOptional(2, days.first).BindOptional(3, days.last);
  return ReadEach<RelationRecord>(ids, [this](int64_t id) { return Relation(id); });
}

StatusOr<std::vector<EventRecord>> SqlStore::ListEvents(const std::string& type,
                                                           const DayRange& days) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM events WHERE (CAST(?1 AS TEXT) IS NULL OR type = ?1) AND (CAST(?2 AS TEXT) IS NULL OR "
                "first_day <= ?2) AND (CAST(?3 AS TEXT) IS NULL OR (last_day IS NOT NULL AND last_day >= ?3)) "
                "ORDER BY first_day IS NULL, first_day, key");
  ids.BindOptional(1, type).BindOptional(2, days.last).BindOptional(3, days.first);
  return ReadEach<EventRecord>(ids, [this](int64_t id) { return Event(id); });
}

StatusOr<std::vector<EstimateRecord>> SqlStore::ListEstimates(const std::string& as_of_day) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM estimates WHERE (CAST(?1 AS TEXT) IS NULL OR as_of_day IS NULL OR as_of_day "
                "<= ?1) ORDER BY quantity, as_of_day NULLS FIRST, key");
  ids.BindOptional(1, as_of_day);
  return ReadEach<EstimateRecord>(ids, [this](int64_t id) { return Estimate(id); });
}

namespace {

// A source's row, with what ReadSourceRow reads.
constexpr std::string_view kSourceQuery =
    "SELECT s.key, s.title, s.publisher, s.author, s.date, s.url, s.sha256, s.kind, s.length, "
    "s.file, d.name, (SELECT COUNT(*) FROM claims c WHERE c.source_id = s.id), s.text IS NOT "
    "NULL, s.id FROM sources s JOIN datasets d ON d.id = s.dataset_id";

SourceRecord ReadSourceRow(const Statement& r) {
  SourceRecord s;
  s.id = r.Text(0);
  s.title = r.Text(1);
  s.publisher = OptText(r, 2);
  s.author = OptText(r, 3);
  s.date = OptText(r, 4);
  s.url = OptText(r, 5);
  s.sha256 = OptText(r, 6);
  s.kind = r.Text(7);
  s.length = OptInt(r, 8);
  s.file = OptText(r, 9);
  s.dataset = r.Text(10);
  s.claims = r.Int(11);
  s.text_stored = r.Int(12) != 0;
  s.row_id = r.Int(13);
  return s;
}

}  // namespace

StatusOr<std::vector<SourceRecord>> SqlStore::ListSources() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, std::string(kSourceQuery) + " ORDER BY s.key");
  return ReadRows(st, ReadSourceRow);
}

StatusOr<std::optional<SourceRecord>> SqlStore::SourceByKey(const std::string& key) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, std::string(kSourceQuery) + " WHERE s.key = ?");
  st.Bind(1, key);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  return ReadSourceRow(st);
}

}  // namespace vigil::store::sql
