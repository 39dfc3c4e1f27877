// Writes checked Batches into the store as one transaction.
//
// A batch replaces the dataset of the same name: what the dataset held
// before is deleted and the batch inserted, all inside one transaction, so a
// load that fails or is killed midway leaves the previous database as it
// was. Loading a batch whose version equals the stored one writes nothing.
// Several batches given together are written in the same transaction; hooks
// let the caller prepare each batch from the stored state (merge a part of a
// dataset into it), compare versions and refuse a batch before anything is
// written, and recompute derived tables (links) in it too.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/sqlite/database.h"

namespace vigil {

// One entity that a new version of a dataset added, removed or renamed.
struct EntityChange {
  std::string key, reference, name;  // name: the primary name
  std::vector<std::string> names_added, names_removed;  // "text (kind)"
};

// What a new version of a dataset changed, entity by entity (by key, which
// for list records derives from the list's reference).
// Records of one kind in the stored version and in the new one, and how
// many stored ones the new version no longer holds (matched by id, or by
// key for relations and designations).
struct KindChanges {
  int64_t stored = 0, given = 0, removed = 0;
  std::vector<std::string> first_removed;  // ids or keys, the first few
};

struct DatasetChanges {
  std::string previous_version;  // empty when the dataset is new
  std::string previous_publish_date;
  int64_t added = 0, removed = 0, names_changed = 0, unchanged = 0;
  // Listed only when a previous version existed.
  std::vector<EntityChange> added_entities, removed_entities, renamed_entities;
  // By kind ("entities", and for curated datasets also "sources",
  // "relations", "events", "estimates", "designations"); set when a
  // previous version existed.
  std::map<std::string, KindChanges> kinds;
};

struct LoadReport {
  std::string dataset;
  std::string version;
  bool unchanged = false;  // the same version was already loaded: nothing written
  bool merged = false;     // a part of a curated dataset, merged into the stored one
  std::map<std::string, int64_t> counts;  // sources, entities, names, relations, ...
  std::string kind;                       // curated | un-list | ofac-list
  std::string publish_date, sha256;       // of an official list
  std::vector<std::string> files;
  std::vector<std::string> warnings;              // as in Batch
  std::map<std::string, int64_t> warning_counts;  // as in Batch
  std::optional<DatasetChanges> changes;          // set by a before_write hook
  std::map<std::string, int64_t> links;           // set by an after_write hook
};

// Work a caller does inside the load transaction. A failing hook rolls the
// whole load back.
struct ApplyHooks {
  // First, for each batch: the batch to write in its place (a part merged
  // into the stored dataset), or nullopt to write it as given. A returned
  // batch whose version equals the stored one writes nothing.
  std::function<StatusOr<std::optional<Batch>>(Database&, const Batch&)> prepare;
  // Then, for each batch that changes its dataset, before any is written
  // (the previous content of every dataset still there); a failure here
  // writes nothing at all.
  std::function<Status(Database&, const Batch&, LoadReport*)> before_write;
  // After every batch is written and the foreign keys are checked.
  std::function<Status(Database&, std::vector<LoadReport>*)> after_write;
};

// Writes the batches that changed in one transaction (none: nothing is
// written; the transaction only read). Reports come in batch order.
StatusOr<std::vector<LoadReport>> ApplyBatches(Database& db,
                                               const std::vector<const Batch*>& batches,
                                               const ApplyHooks& hooks = {});

StatusOr<LoadReport> ApplyBatch(Database& db, const Batch& batch, const ApplyHooks& hooks = {});

}  // namespace vigil
