// SqlStore, screening area: designated records with their names, dates,
// countries, designations and links; list versions; the fingerprint a
// cached watch list is checked against.
#include <fmt/format.h>

#include <unordered_map>

#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {

StatusOr<std::vector<ScreeningRecord>> SqlStore::ReadScreeningRecords() {
  VIGIL_SQL_CONNECTION(db);
  std::vector<ScreeningRecord> records;
  std::unordered_map<int64_t, size_t> by_row;
  {
    Statement st(db,
                 "SELECT e.id, e.key, e.kind, COALESCE(e.reference, ''), d.name FROM entities e "
                 "JOIN facts f ON f.id = e.id JOIN datasets d ON d.id = f.dataset_id "
                 "WHERE EXISTS (SELECT 1 FROM designations g WHERE g.entity_id = e.id) "
                 "ORDER BY e.id");
    while (st.Step()) {
      by_row[st.Int(0)] = records.size();
      ScreeningRecord r;
      r.key = st.Text(1);
      r.kind = st.Text(2);
      r.reference = st.Text(3);
      r.dataset = st.Text(4);
      records.push_back(std::move(r));
    }
    if (!st.status().ok()) return st.status();
  }
  // Rows of the other tables, given to f with their record.
  auto each = [&](std::string_view sql, auto&& f) -> Status {
    Statement st(db, sql);
    while (st.Step())
      if (auto it = by_row.find(st.Int(0)); it != by_row.end()) f(records[it->second], st);
    return st.status();
  };
  Status s = each("SELECT entity_id, text, kind FROM names ORDER BY entity_id, position",
                  [](ScreeningRecord& r, Statement& st) {
                    r.names.push_back({st.Text(1), st.Text(2), std::nullopt, std::nullopt});
                  });
  if (!s.ok()) return s;
  auto date_or_country = [](ScreeningRecord& r, Statement& st) {
    (st.Text(1) == "birth_date" ? r.birth_dates : r.countries).push_back(st.Text(2));
  };
  s = each(
      "SELECT entity_id, key, value FROM entity_values WHERE key IN ('birth_date', "
      "'nationality', 'citizenship') ORDER BY entity_id, position",
      date_or_country);
  if (!s.ok()) return s;
  s = each(
      "SELECT entity_id, key, value FROM attributes WHERE key IN ('birth_date', 'nationality', "
      "'citizenship', 'country')",
      date_or_country);
  if (!s.ok()) return s;
  s = each(
      "SELECT entity_id, authority, program, COALESCE(list, ''), COALESCE(reference, ''), "
      "COALESCE(date, '') FROM designations ORDER BY entity_id, date, id",
      [](ScreeningRecord& r, Statement& st) {
        r.designations.push_back({st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)});
      });
  if (!s.ok()) return s;
  // Links, either way round: a list record shows the curated card it joins.
  std::unordered_map<std::string, size_t> by_key;
  for (size_t i = 0; i < records.size(); ++i) by_key[records[i].key] = i;
  Statement links(db, "SELECT entity_key, target_key FROM links ORDER BY score DESC, id");
  while (links.Step()) {
    std::string a = links.Text(0), b = links.Text(1);
    if (auto it = by_key.find(a); it != by_key.end() && records[it->second].linked.empty())
      records[it->second].linked = b;
    if (auto it = by_key.find(b); it != by_key.end() && records[it->second].linked.empty())
      records[it->second].linked = a;
  }
  if (!links.status().ok()) return links.status();
  return records;
}

StatusOr<std::vector<ListVersionRecord>> SqlStore::ReadListVersions() {
  VIGIL_SQL_CONNECTION(db);
  std::vector<ListVersionRecord> versions;
  Statement st(db,
               "SELECT d.name, d.kind, d.version, COALESCE(d.publish_date, ''), "
               "COALESCE(d.sha256, ''), (SELECT COUNT(DISTINCT g.entity_id) FROM designations g "
               "JOIN facts f ON f.id = g.id WHERE f.dataset_id = d.id) FROM datasets d "
               "ORDER BY d.name");
  while (st.Step()) {
    if (st.Int(5) == 0) continue;  // nothing designated in it: not screened against
    versions.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Int(5)});
  }
  if (!st.status().ok()) return st.status();
  return versions;
}

StatusOr<std::string> SqlStore::ScreeningFingerprint() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "SELECT name, version, loaded_at FROM datasets ORDER BY name");
  std::string fingerprint = fmt::format("schema {}|store {}|generation {}", db.SchemaVersion(),
                                        db.Info("store_id"), db.Info("generation"));
  while (st.Step()) fingerprint += fmt::format("|{}@{}@{}", st.Text(0), st.Text(1), st.Text(2));
  if (!st.status().ok()) return st.status();
  return fingerprint;
}

}  // namespace vigil::store::sql
