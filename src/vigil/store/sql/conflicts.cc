// SqlStore, knowledge area: what `conflicts` looks at (contested facts,
// rival perpetrators, repeated estimates, names curated entities share) and
// what `verify` checks (sources with their hashes, claims with their spans).
#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {

using internal::OptInt;
using internal::OptText;
using internal::ReadEach;
using internal::ReadIds;
using internal::ReadRows;

StatusOr<std::vector<int64_t>> SqlStore::ContestedFacts() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT c.fact_id FROM claims c JOIN facts f ON f.id = c.fact_id WHERE f.type != "
               "'question' GROUP BY c.fact_id HAVING SUM(CASE WHEN c.stance = 'asserts' THEN 1 "
               "ELSE 0 END) > 0 AND SUM(CASE WHEN c.stance = 'denies' THEN 1 ELSE 0 END) > 0 "
               "ORDER BY c.fact_id");
  return ReadIds(st);
}

StatusOr<std::vector<int64_t>> SqlStore::EventsWithRivalPerpetrators() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT event_id FROM participants WHERE role != 'target' AND entity_id IS NOT "
               "NULL GROUP BY event_id HAVING COUNT(DISTINCT entity_id) >= 2 AND "
               "(SUM(CASE WHEN role = 'claimed' THEN 1 ELSE 0 END) > 0 OR COUNT(DISTINCT CASE "
               "WHEN role = 'attributed' THEN entity_id END) >= 2) ORDER BY event_id");
  return ReadIds(st);
}

StatusOr<std::vector<EstimateGroupRecord>> SqlStore::RepeatedEstimates() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT subject_id, quantity FROM estimates GROUP BY subject_id, quantity "
               "HAVING COUNT(*) >= 2 ORDER BY subject_id, quantity");
  return ReadRows(st, [](const Statement& r) { return EstimateGroupRecord{r.Int(0), r.Text(1)}; });
}

StatusOr<std::vector<EstimateRecord>> SqlStore::EstimatesOf(int64_t subject_row,
                                                               const std::string& quantity) {
  VIGIL_SQL_CONNECTION(db);
  Statement ids(db,
                "SELECT id FROM estimates WHERE subject_id = ? AND quantity = ? ORDER BY "
                "as_of_day, key");
  ids.Bind(1, subject_row).Bind(2, quantity);
  return ReadEach<EstimateRecord>(ids, [this](int64_t id) { return Estimate(id); });
}

StatusOr<std::vector<AttributeGroupRecord>> SqlStore::DisagreeingAttributes() {
  VIGIL_SQL_CONNECTION(db);
  // The entity's own value and every claimed value some claim asserts; a
  // key with claimed values only from one side agrees with itself.
  Statement st(db,
               "WITH claimed AS (SELECT a.entity_id, a.key, a.value FROM claimed_attributes a "
               "WHERE EXISTS (SELECT 1 FROM claims c WHERE c.fact_id = a.id AND c.stance = "
               "'asserts')), asserted AS (SELECT entity_id, key, value FROM claimed UNION SELECT "
               "v.entity_id, v.key, v.value FROM attributes v JOIN claimed c ON c.entity_id = "
               "v.entity_id AND c.key = v.key) SELECT entity_id, key FROM asserted GROUP BY "
               "entity_id, key HAVING COUNT(DISTINCT value) >= 2 ORDER BY entity_id, key");
  return ReadRows(st, [](const Statement& r) { return AttributeGroupRecord{r.Int(0), r.Text(1)}; });
}

StatusOr<std::vector<std::vector<NameOwnerRecord>>> SqlStore::SharedCuratedNames() {
  VIGIL_SQL_CONNECTION(db);
  // Only the curated knowledge base: official lists share common aliases
  // among many records by design.
  Statement st(db,
               "WITH curated AS (SELECT n.entity_id, n.text, n.kind, n.name_key, n.position FROM "
               "names n JOIN facts f ON f.id = n.entity_id JOIN datasets d ON d.id = "
               "f.dataset_id AND d.kind = 'curated'), shared AS (SELECT name_key FROM curated "
               "GROUP BY name_key HAVING COUNT(DISTINCT entity_id) >= 2) SELECT c.name_key, "
               "c.entity_id, c.text, c.kind FROM curated c JOIN shared s ON s.name_key = "
               "c.name_key ORDER BY c.name_key, c.entity_id, c.position");
  std::vector<std::vector<NameOwnerRecord>> groups;
  std::string key;
  while (st.Step()) {
    if (groups.empty() || st.Text(0) != key) {
      key = st.Text(0);
      groups.emplace_back();
    }
    groups.back().push_back({st.Int(1), st.Text(2), st.Text(3)});
  }
  if (!st.status().ok()) return st.status();
  return groups;
}

StatusOr<std::vector<SourceHashRecord>> SqlStore::SourcesToVerify() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "SELECT id, key, sha256 FROM sources WHERE kind != 'list' ORDER BY key");
  return ReadRows(st, [](const Statement& r) {
    return SourceHashRecord{r.Int(0), r.Text(1), OptText(r, 2)};
  });
}

StatusOr<std::vector<ClaimSpanRecord>> SqlStore::ClaimSpans() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT c.id, c.fact_id, s.id, s.key, c.span_start, c.span_end, c.digest, "
               "s.sha256, s.kind FROM claims c JOIN sources s ON s.id = c.source_id ORDER BY "
               "s.key, c.span_start, c.id");
  return ReadRows(st, [](const Statement& r) {
    ClaimSpanRecord c;
    c.claim_id = r.Int(0);
    c.fact_id = r.Int(1);
    c.source_row = r.Int(2);
    c.source = r.Text(3);
    c.span_start = OptInt(r, 4);
    c.span_end = OptInt(r, 5);
    c.digest = OptText(r, 6);
    c.source_sha256 = OptText(r, 7);
    c.source_kind = r.Text(8);
    return c;
  });
}

}  // namespace vigil::store::sql
