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

#include "vigil/engine/engine.h"

namespace vigil::internal {

struct LinkSummary {
  int64_t total = 0, by_reference = 0, by_name = 0, by_name_and_birth_date = 0, manual = 0;
  int64_t ambiguous = 0;              // records matching several curated entities equally
  int64_t refused = 0;                // name matches refused: kinds or birth dates disagree
  std::vector<std::string> warnings;  // curated references that point at nothing usable
};

// Deletes the computed links and computes them again. Runs inside the
// caller's transaction.
StatusOr<LinkSummary> RecomputeLinks(Database& db);

// For `show`: the records linked to an entity, either way round, each an
// entity reference plus {dataset, reference, method, score, reason, names,
// designations}.
Json LinkedJson(Database& db, int64_t entity_id);

// Row ids of the entities linked to entity_id, either way round.
std::vector<int64_t> LinkedIds(Database& db, int64_t entity_id);
// Row ids of the curated cards a list record is linked to (none for a
// curated entity).
std::vector<int64_t> CuratedCardsOf(Database& db, int64_t entity_id);

}  // namespace vigil::internal
