// Writes a checked Batch into the store as one transaction.
//
// A batch replaces the dataset of the same name: what the dataset held
// before is deleted and the batch inserted, all inside one transaction, so a
// load that fails or is killed midway leaves the previous database as it
// was. Loading a batch whose version equals the stored one writes nothing.
#pragma once

#include <map>
#include <string>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/database.h"

namespace vigil {

struct LoadReport {
  std::string dataset;
  std::string version;
  bool unchanged = false;  // the same version was already loaded: nothing written
  std::map<std::string, int64_t> counts;  // sources, entities, names, relations, ...
};

StatusOr<LoadReport> ApplyBatch(Database& db, const Batch& batch);

}  // namespace vigil
