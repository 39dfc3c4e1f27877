// SqlStore, knowledge area: resolving names to entities, and the rows of
// an entity's card (its own row, the facts about it, names it shares, links).
#include <fmt/format.h>

#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {

using internal::OptText;
using internal::ReadEach;
using internal::ReadIds;
using internal::ReadRows;

StatusOr<std::optional<int64_t>> SqlStore::EntityByKey(const std::string& key) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "SELECT id FROM entities WHERE key = ?");
  st.Bind(1, key);
  if (!st.Step()) {
    if (!st.status().ok()) return st.status();
    return std::nullopt;
  }
  return st.Int(0);
}

StatusOr<std::vector<NameMatchRecord>> SqlStore::EntitiesNamed(const std::string& name_key) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT n.entity_id, n.kind, n.text, d.kind FROM names n JOIN facts f ON f.id = "
               "n.entity_id JOIN datasets d ON d.id = f.dataset_id WHERE n.name_key = ?");
  st.Bind(1, name_key);
  return ReadRows(st, [](const Statement& r) {
    return NameMatchRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(3) == "curated"};
  });
}

StatusOr<std::vector<NameSuggestionRecord>> SqlStore::NamesContaining(
    const std::string& fragment, int limit) {
  VIGIL_SQL_CONNECTION(db);
  // Shortest first; the name key follows from the text, so that the
  // distinct rows are those of the names.
  Statement st(db, fmt::format("SELECT key, text, kind, script FROM (SELECT DISTINCT e.key, "
                               "n.text, n.kind, n.script, length(n.name_key) AS length FROM "
                               "names n JOIN entities e ON e.id = n.entity_id WHERE {} > 0) AS d "
                               "ORDER BY length, key, text, kind LIMIT ?",
                               db.Instr("n.name_key", "?")));
  st.Bind(1, fragment).Bind(2, int64_t{limit});
  return ReadRows(st, [](const Statement& r) {
    return NameSuggestionRecord{r.Text(0), r.Text(1), r.Text(2), OptText(r, 3)};
  });
}

StatusOr<std::optional<EntityRecord>> SqlStore::Entity(int64_t entity_row) {
  auto ref = EntityRef(entity_row);
  if (!ref.ok()) return ref.status();
  if (!*ref) return std::nullopt;
  VIGIL_SQL_CONNECTION(db);
  EntityRecord e;
  e.ref = **ref;
  Statement row(db,
                "SELECT e.description, d.name, e.reference FROM entities e JOIN facts f ON f.id = "
                "e.id JOIN datasets d ON d.id = f.dataset_id WHERE e.id = ?");
  row.Bind(1, entity_row);
  if (row.Step()) {
    e.description = row.Text(0);
    e.dataset = row.Text(1);
    e.reference = OptText(row, 2);
  }
  if (!row.status().ok()) return row.status();
  Statement attributes(db, "SELECT key, value FROM attributes WHERE entity_id = ? ORDER BY key");
  attributes.Bind(1, entity_row);
  while (attributes.Step()) e.attributes[attributes.Text(0)] = attributes.Text(1);
  if (!attributes.status().ok()) return attributes.status();
  Statement values(db,
                   "SELECT key, value FROM entity_values WHERE entity_id = ? ORDER BY position");
  values.Bind(1, entity_row);
  while (values.Step()) e.values.push_back({values.Text(0), values.Text(1)});
  if (!values.status().ok()) return values.status();
  Statement ids(db,
                "SELECT type, value, country, note FROM identifiers WHERE entity_id = ? ORDER BY "
                "position");
  ids.Bind(1, entity_row);
  while (ids.Step())
    e.identifiers.push_back({ids.Text(0), ids.Text(1), OptText(ids, 2), OptText(ids, 3)});
  if (!ids.status().ok()) return ids.status();
  return e;
}

StatusOr<std::vector<DesignationRecord>> SqlStore::DesignationsOf(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM designations WHERE entity_id = ? ORDER BY date NULLS FIRST, id");
  ids.Bind(1, entity_row);
  return ReadEach<DesignationRecord>(ids, [this](int64_t id) { return Designation(id); });
}

StatusOr<std::vector<DesignationRecord>> SqlStore::DesignationsBy(int64_t authority_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(
      db, "SELECT id FROM designations WHERE authority_id = ? ORDER BY date NULLS FIRST, id");
  ids.Bind(1, authority_row);
  return ReadEach<DesignationRecord>(ids, [this](int64_t id) { return Designation(id); });
}

StatusOr<std::vector<RelationRecord>> SqlStore::RelationsFrom(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM relations WHERE subject_id = ? ORDER BY predicate, from_day "
                "NULLS FIRST, id");
  ids.Bind(1, entity_row);
  return ReadEach<RelationRecord>(ids, [this](int64_t id) { return Relation(id); });
}

StatusOr<std::vector<RelationRecord>> SqlStore::RelationsTo(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM relations WHERE object_id = ? ORDER BY predicate, from_day "
                "NULLS FIRST, id");
  ids.Bind(1, entity_row);
  return ReadEach<RelationRecord>(ids, [this](int64_t id) { return Relation(id); });
}

StatusOr<std::vector<EventRecord>> SqlStore::EventsOf(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT DISTINCT e.id, e.first_day FROM events e LEFT JOIN participants p ON "
                "p.event_id = e.id WHERE p.entity_id = ?1 OR e.place_entity_id = ?1 ORDER BY "
                "e.first_day NULLS FIRST, e.id");
  ids.Bind(1, entity_row);
  return ReadEach<EventRecord>(ids, [this](int64_t id) { return Event(id); });
}

StatusOr<std::vector<EstimateRecord>> SqlStore::EstimatesAbout(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM estimates WHERE subject_id = ?1 OR scope_entity_id = ?1 ORDER BY "
                "quantity, as_of_day, id");
  ids.Bind(1, entity_row);
  return ReadEach<EstimateRecord>(ids, [this](int64_t id) { return Estimate(id); });
}

StatusOr<std::vector<ClaimedAttributeRecord>> SqlStore::ClaimedAttributesOf(
    int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM claimed_attributes WHERE entity_id = ? ORDER BY key, value, id");
  ids.Bind(1, entity_row);
  return ReadEach<ClaimedAttributeRecord>(ids,
                                          [this](int64_t id) { return ClaimedAttribute(id); });
}

StatusOr<std::vector<SharedNameRecord>> SqlStore::EntitiesSharingNames(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT DISTINCT n2.entity_id, n1.text FROM names n1 JOIN names n2 ON n2.name_key "
               "= n1.name_key AND n2.entity_id != n1.entity_id WHERE n1.entity_id = ?");
  st.Bind(1, entity_row);
  return ReadRows(st, [](const Statement& r) { return SharedNameRecord{r.Int(0), r.Text(1)}; });
}

StatusOr<std::vector<LinkRecord>> SqlStore::LinksOf(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT o.id, d.name, o.reference, l.method, l.score, l.reason, l.entity_key = "
               "e.key FROM entities e JOIN links l ON l.entity_key = e.key OR l.target_key = "
               "e.key JOIN entities o ON o.key = CASE WHEN l.entity_key = e.key THEN "
               "l.target_key ELSE l.entity_key END JOIN facts f ON f.id = o.id JOIN datasets d ON "
               "d.id = f.dataset_id WHERE e.id = ? ORDER BY l.score DESC, d.name, o.key");
  st.Bind(1, entity_row);
  std::vector<LinkRecord> out;
  while (st.Step()) {
    auto other = EntityRef(st.Int(0));
    if (!other.ok()) return other.status();
    if (!*other) continue;
    LinkRecord link;
    link.other = **other;
    link.dataset = st.Text(1);
    link.reference = OptText(st, 2);
    link.other_is_curated_card = st.Int(6) != 0;
    link.method = st.Text(3);
    link.score = st.Real(4);
    link.reason = st.Text(5);
    out.push_back(std::move(link));
  }
  if (!st.status().ok()) return st.status();
  return out;
}

StatusOr<std::vector<int64_t>> SqlStore::CuratedCardsOf(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT o.id FROM entities e JOIN links l ON l.entity_key = e.key JOIN entities o "
               "ON o.key = l.target_key WHERE e.id = ? ORDER BY l.score DESC, l.id");
  st.Bind(1, entity_row);
  return ReadIds(st);
}

}  // namespace vigil::store::sql
