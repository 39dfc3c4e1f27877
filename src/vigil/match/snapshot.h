// Saving a built watch list and its candidate index to a file, and reading
// them back, so that a screening command does not analyse every listed name
// again (the ICU transliteration of the lists costs most of a second).
//
//   SaveSnapshot(path, fingerprint, list, index);          // after Build
//   if (auto s = LoadSnapshot(path, fingerprint)) use(s->list, s->index);
//
// The fingerprint says what the snapshot was built from (the engine uses the
// store's random id, its generation, and the datasets' names, versions and
// load times); the file also records the build of the analysis code, so a
// snapshot made by another build of vigil, or from other data, is never
// used. The body carries a SHA-256 keyed with the fingerprint (which the
// file does not contain): a snapshot whose bytes were edited, damaged or
// truncated is rejected and rebuilt, never trusted. Files are written to a
// temporary name and renamed (base/file.h), so a reader never sees half of
// one. Failures to save are not errors: the snapshot is only a cache.
#pragma once

#include <optional>
#include <string>

#include "vigil/match/candidate_index.h"
#include "vigil/match/watchlist.h"

namespace vigil::match {

struct Snapshot {
  WatchList list;
  CandidateIndex index;
};

bool SaveSnapshot(const std::string& path, const std::string& fingerprint, const WatchList& list,
                  const CandidateIndex& index);
std::optional<Snapshot> LoadSnapshot(const std::string& path, const std::string& fingerprint);

}  // namespace vigil::match
