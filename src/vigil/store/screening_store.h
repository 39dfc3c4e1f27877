// The screening area of the store (store/store.h): the designated records
// that screening compares names against, the list versions it names in
// every result, and what a cached watch list is checked against.
#pragma once

#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil::store {

class ScreeningStore {
 public:
  virtual ~ScreeningStore() = default;

  // Every entity with at least one designation, from any dataset, in the
  // order they were stored: its names in the order written, birth dates
  // and countries (the entity's own values, then its attributes), its
  // designations by date, and the key of the record it is linked to (the
  // best link, either way round).
  virtual StatusOr<std::vector<ScreeningRecord>> ReadScreeningRecords() = 0;
  // The datasets that designate at least one entity, by name.
  virtual StatusOr<std::vector<ListVersionRecord>> ReadListVersions() = 0;
  // A text that changes whenever what the two reads above return may have
  // changed (the schema, the store's id and generation, each dataset's
  // version and load time): what a cached watch list is checked against.
  virtual StatusOr<std::string> ScreeningFingerprint() = 0;
  // Where a watch list built from this store may be cached
  // ("vigil.db.screening"), or "" for nowhere.
  virtual std::string ScreeningCachePath() const = 0;
};

}  // namespace vigil::store
