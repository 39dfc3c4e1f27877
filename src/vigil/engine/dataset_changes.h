// What a new version of a dataset changes: entities added, removed, and
// renamed (a name added, removed or changed in kind), compared by key with
// the version in the store. For official lists the key derives from the
// list's reference, so the report speaks in list references.
#pragma once

#include "vigil/engine/engine.h"

namespace vigil::internal {

// Compares batch with the stored dataset of the same name (read inside the
// load transaction, before it is replaced). Without a stored version,
// every entity counts as added and none is listed.
StatusOr<DatasetChanges> CompareWithStored(Database& db, const Batch& batch);

}  // namespace vigil::internal
