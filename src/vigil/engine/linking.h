// Linking official-list records to the curated knowledge base.
//
// A UN or OFAC record that denotes an entity the curated knowledge base
// already holds (the UN's TAi.144 and Sirajuddin Haqqani's card) is linked
// to it, not duplicated: both stay as loaded, and the `links` table joins
// their keys with the method, score and reason of the link. Links are
// recomputed inside every load transaction, so that either side can be
// re-imported. Rules (docs/lists.md):
//   1. reference (score 1.0): a curated designation whose reference equals
//      the record's list reference under the same authority, or a curated
//      claim citing a list source with that reference as locator;
//   2. name (0.85) or name+dob (0.95): a primary, alias, original-script or
//      transliterated name equal after NameKey folding (word order may be
//      rotated: "HAQQANI, Sirajuddin"), kinds compatible, and birth dates
//      overlapping when both sides give one. Weak aliases and one-word
//      person names never link; a record matching two curated entities
//      equally is left unlinked.
// Links with method "manual" are kept as they are.
#pragma once

#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/load.h"
#include "vigil/store/load_store.h"

namespace vigil::internal {

struct LinkSummary {
  LinkCounts counts;
  std::vector<std::string> warnings;  // curated references that point at nothing usable
};

// Deletes the computed links and computes them again, inside the load
// transaction.
StatusOr<LinkSummary> RecomputeLinks(store::LoadTransaction& tx);

}  // namespace vigil::internal
