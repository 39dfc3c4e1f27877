// Merging a part of a curated dataset (one file such as people.yaml, or
// files loaded with CuratedMode::kMerge) into the stored dataset.
//
// The stored dataset is read back (store::LoadTransaction::StoredBatch);
// each record of the part is added, or replaces the stored record with the
// same id (sources, entities, events, estimates) or key (relations:
// subject, predicate, object and from; designations: entity, authority,
// program); no stored record is removed. The whole is then checked as a whole dataset
// is (ingest/yaml/dataset_reader.h: CheckDatasetBatch), so references may
// point anywhere in the merged dataset, and written by the usual path in
// the load transaction. A source of the part keeps the stored text when its
// sha256 is the same and no texts folder was given.
//
// Idempotent: when every record of the part equals the stored one, the
// result carries the stored version and nothing is written; otherwise its
// version is a hash of the stored version and the part's.
#pragma once

#include <string>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/load_store.h"

namespace vigil::internal {

// The merged dataset (Batch::merge set), or InvalidArgument listing every
// problem of the whole (as "path:line: field: problem"), or when the stored
// dataset of that name is not a curated one.
StatusOr<Batch> MergeIntoStored(store::LoadTransaction& tx, const Batch& part,
                                const std::string& texts_dir);

// The same against no stored dataset: the part checked on its own (for a
// database that does not exist yet).
StatusOr<Batch> MergeIntoNothing(const Batch& part, const std::string& texts_dir);

}  // namespace vigil::internal
