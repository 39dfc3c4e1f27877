// Writes checked Batches into the store as one transaction.
//
// A batch replaces the dataset of the same name: what the dataset held
// before is deleted and the batch inserted, all inside one transaction, so a
// load that fails or is killed midway leaves the previous database as it
// was. Loading a batch whose version equals the stored one writes nothing.
// Several batches given together are written in the same transaction; hooks
// (store/load_store.h) let the engine prepare each batch from the stored
// state (merge a part of a dataset into it), compare versions and refuse a
// batch before anything is written, and recompute derived tables (links) in
// it too. SqlStore::ApplyBatches (store/sql/load.cc) is its front.
#pragma once

#include <vector>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/load_store.h"
#include "vigil/store/sql/connection.h"

namespace vigil::store::sql {

// Writes the batches that changed in one transaction on db (none: nothing
// is written; the transaction only read), running the hooks inside it with
// tx, a LoadTransaction on the same connection. Results come in batch order.
StatusOr<std::vector<store::DatasetWriteRecord>> ApplyBatches(
    Connection& db, store::LoadTransaction& tx, const std::vector<const Batch*>& batches,
    const store::ApplyHooks& hooks);

// One batch on db, with a LoadTransaction on it (store/sql/load.cc): for
// tests of the writer that have no SqlStore.
StatusOr<store::DatasetWriteRecord> ApplyBatch(Connection& db, const Batch& batch,
                                               const store::ApplyHooks& hooks = {});

}  // namespace vigil::store::sql
