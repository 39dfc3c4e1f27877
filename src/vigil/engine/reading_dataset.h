// The `reading` dataset made from the review queue (engine/reading.h): every
// article read and every accepted proposal as records citing it. Written
// after each read and decision, and again inside every load that rewrites
// another dataset, after it, so that its references follow the entities'
// new rows (a curated load replaces them).
#pragma once

#include <optional>
#include <string_view>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/store.h"

namespace vigil::internal {

// The dataset, or nullopt when no article was read. salt is added to its
// version (a load passes the versions it writes, so that the dataset is
// written again after them).
StatusOr<std::optional<Batch>> ReadingDataset(store::Store& store, std::string_view salt);

// Writes ReadingDataset(store, "") (nothing when unchanged).
Status WriteReadingDataset(store::Store& store);

}  // namespace vigil::internal
