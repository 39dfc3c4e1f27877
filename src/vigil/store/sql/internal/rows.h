// For SqlStore's area files: optional columns, a value per row, and
// records read one by one for the ids a statement yields.
//
//   Statement ids(db, "SELECT id FROM relations WHERE subject_id = ?");
//   ids.Bind(1, row);
//   return internal::ReadEach<RelationRecord>(ids, [this](int64_t id) { return Relation(id); });
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/sql/connection.h"

namespace vigil::store::sql::internal {

inline std::optional<std::string> OptText(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Text(column);
}

inline std::optional<double> OptNumber(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Real(column);
}

inline std::optional<int64_t> OptInt(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Int(column);
}

// The record read(id) gives for each id in the first column of ids' rows,
// in their order; ids that name no record are skipped.
template <typename Record, typename Read>
StatusOr<std::vector<Record>> ReadEach(Statement& ids, Read read) {
  std::vector<Record> out;
  while (ids.Step()) {
    StatusOr<std::optional<Record>> record = read(ids.Int(0));
    if (!record.ok()) return record.status();
    if (*record) out.push_back(std::move(**record));
  }
  if (!ids.status().ok()) return ids.status();
  return out;
}

// One value per row of st, made by row(st), in their order.
//
//   return internal::ReadRows(st, [](const Statement& r) { return NameRecord{r.Text(0)}; });
template <typename Row>
auto ReadRows(Statement& st, Row row) -> StatusOr<std::vector<decltype(row(st))>> {
  std::vector<decltype(row(st))> out;
  while (st.Step()) out.push_back(row(st));
  if (!st.status().ok()) return st.status();
  return out;
}

// Every value of the first column of st's rows, as row ids.
inline StatusOr<std::vector<int64_t>> ReadIds(Statement& st) {
  return ReadRows(st, [](const Statement& r) { return r.Int(0); });
}

}  // namespace vigil::store::sql::internal
