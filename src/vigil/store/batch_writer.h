// Writes checked Batches into the store as one transaction.
//
// A batch replaces the dataset of the same name: what the dataset held
// before is deleted and the batch inserted, all inside one transaction, so a
// load that fails or is killed midway leaves the previous database as it
// was. Loading a batch whose version equals the stored one writes nothing.
// Several batches given together are written in the same transaction; hooks
// let the caller compare versions and recompute derived tables (links) in
// it too.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/database.h"

namespace vigil {

// One entity that a new version of a dataset added, removed or renamed.
struct EntityChange {
  std::string key, reference, name;  // name: the primary name
  std::vector<std::string> names_added, names_removed;  // "text (kind)"
};

// What a new version of a dataset changed, entity by entity (by key, which
// for list records derives from the list's reference).
struct DatasetChanges {
  std::string previous_version;  // empty when the dataset is new
  std::string previous_publish_date;
  int64_t added = 0, removed = 0, names_changed = 0, unchanged = 0;
  // Listed only when a previous version existed.
  std::vector<EntityChange> added_entities, removed_entities, renamed_entities;
};

struct LoadReport {
  std::string dataset;
  std::string version;
  bool unchanged = false;  // the same version was already loaded: nothing written
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
  // Before a batch's dataset is replaced (its previous content still there).
  std::function<Status(Database&, const Batch&, LoadReport*)> before_write;
  // After every batch is written and the foreign keys are checked.
  std::function<Status(Database&, std::vector<LoadReport>*)> after_write;
};

// Writes the batches that changed in one transaction (none: nothing at all
// is written and no transaction opened). Reports come in batch order.
StatusOr<std::vector<LoadReport>> ApplyBatches(Database& db,
                                               const std::vector<const Batch*>& batches,
                                               const ApplyHooks& hooks = {});

StatusOr<LoadReport> ApplyBatch(Database& db, const Batch& batch, const ApplyHooks& hooks = {});

}  // namespace vigil
