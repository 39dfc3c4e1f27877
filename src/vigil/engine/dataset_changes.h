// What a new version of a dataset changes: entities added, removed, and
// renamed (a name added, removed or changed in kind), compared by key with
// the version in the store. For official lists the key derives from the
// list's reference, so the report speaks in list references. And whether
// the change may be made at all: a version that is older than the stored
// one, or that removes too much of it, is refused unless allowed.
#pragma once

#include "vigil/base/status.h"
#include "vigil/engine/load.h"
#include "vigil/model/model.h"
#include "vigil/store/load_store.h"

namespace vigil::internal {

// Compares batch with the stored dataset of the same name (read inside the
// load transaction, before it is replaced). Without a stored version,
// every entity counts as added and none is listed.
// Besides entities, counts every kind of record of a curated dataset
// (DatasetChanges::kinds).
StatusOr<DatasetChanges> CompareWithStored(store::LoadTransaction& tx, const Batch& batch);

// InvalidArgument when replacing the stored version with batch is refused
// (docs/data-model.md, docs/lists.md): the batch is a list published before
// the stored version (unless options.allow_older), or it holds no record
// of a kind the stored version holds, or removes more than kShrinkShare of
// the stored records of a kind and at least kShrinkMinimum (unless
// options.allow_shrink, or for a curated batch CuratedMode::kReplace). The
// message names the files, the counts and the first records that would go.
// A merge, or a new dataset, is never refused.
Status CheckReplacement(const Batch& batch, const DatasetChanges& changes,
                        const LoadOptions& options);

}  // namespace vigil::internal
