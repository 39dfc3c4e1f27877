// Reads a stored dataset back as the Batch that wrote it (the inverse of
// batch_writer), so that a part of a curated dataset can be merged into it
// and the whole checked and written again.
//
//   auto stored = ReadStoredBatch(db, "curated");
//   if (stored.ok() && *stored) ...   // nullopt: no such dataset
//
// Records come in the order they were written; every field the writer
// stores is read back (derived columns such as name keys and day ranges are
// not: the writer computes them again). Claims, source texts and lengths
// included. Each record's `where` names the store: "stored dataset
// 'curated'", line 0. Time and memory are linear in the dataset.
#pragma once

#include <optional>
#include <string>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/sql/connection.h"

namespace vigil::store::sql {

StatusOr<std::optional<Batch>> ReadStoredBatch(Connection& db, const std::string& dataset);

}  // namespace vigil::store::sql
