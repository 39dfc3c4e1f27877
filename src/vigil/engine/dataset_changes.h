// What a new version of a dataset changes: entities added, removed, and
// renamed (a name added, removed or changed in kind), compared by key with
// the version in the store. For official lists the key derives from the
// list's reference, so the report speaks in list references. And whether
// the change may be made at all: a version that is older than the stored
// one, or that removes too much of it, is refused unless allowed.
#pragma once

#include <set>
#include <string>
#include <unordered_map>

#include "vigil/base/status.h"
#include "vigil/engine/load.h"
#include "vigil/model/model.h"
#include "vigil/store/load_store.h"

namespace vigil::internal {

// Compares a new version of a dataset with the stored one, entity by
// entity as the new version is written (a list read as it is written is
// never whole in memory):
//
//   auto c = DatasetComparison::Start(tx, batch);  // before it is replaced
//   for (...) c->Add(entity);                      // each new entity
//   DatasetChanges changes = std::move(*c).Finish();
//
// Without a stored version, every entity counts as added and none is
// listed. Besides entities, counts every kind of record of a curated
// dataset (DatasetChanges::kinds; a curated batch is always whole).
class DatasetComparison {
 public:
  // Reads the stored version of batch's dataset, inside the load
  // transaction, before the batch replaces it.
  static StatusOr<DatasetComparison> Start(store::LoadTransaction& tx, const Batch& batch);
  void Add(const Entity& entity);
  DatasetChanges Finish() &&;

 private:
  struct Stored {
    std::string reference, primary;
    std::set<std::string> names;  // "text (kind)"
    bool seen = false;            // in the new version
  };
  bool previous_ = false;  // a version is stored
  int64_t given_ = 0;
  std::unordered_map<std::string, Stored> stored_;
  DatasetChanges changes_;
};

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
