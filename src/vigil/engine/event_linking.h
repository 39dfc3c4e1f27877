// Linking the actors of imported event data (UCDP GED, ACLED) to the
// curated knowledge base, inside the load transaction.
//
// Each actor is known by the dataset's name for it ("Taleban", "IS",
// "Government of Afghanistan"). Its link is recomputed after every load,
// from the curated names and relations, and stored in event_links with its
// method, score and reason, one row per candidate. Rules
// (docs/data-model.md, "Event data: actors"):
//   1. government: "Government of X", X a curated state: the government body
//      that `leader_of` X over the whole of the event's dates (the KB's
//      relations give the periods: the Taliban's emirate to 2001-11, the
//      Republic 2001-12 to 2021-08-15, the emirate again since); several
//      over parts of them: suggestions; none: the state itself.
//   2. name: the screening scorer (match::CompareNames) against every name
//      of every curated entity; a name equal after folding (weak aliases
//      included: UCDP's "IS") or a best score of at least kEventLinkScore
//      that beats the next entity by kEventLinkMargin links; scores from
//      kEventSuggestScore up are suggestions, with their candidates.
//   3. acronym: an upper-case name that spells the initials of a curated
//      name's words ("UIFSA": United Islamic Front for the Salvation of
//      Afghanistan) is a suggestion.
//   4. affiliate: a curated entity that is an affiliate_of the linked one and operates_in the event's country when it happened
//      (ISIS-K for "IS" in Afghanistan from 2015) is added as a suggestion:
//      the dataset may mean it; the link itself stays as made.
// An actor with none of these is stored as unlinked, with the reason.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "vigil/base/status.h"
#include "vigil/store/load_store.h"

namespace vigil::internal {

inline constexpr double kEventLinkScore = 0.90;
inline constexpr double kEventLinkMargin = 0.05;
inline constexpr double kEventSuggestScore = 0.75;

struct EventLinkSummary {
  int64_t actors = 0;                 // participants considered
  int64_t linked = 0, suggested = 0, unlinked = 0;  // by actor (a link with suggestions: linked)
  std::map<std::string, int64_t> by_method;         // rows by method
};

// Deletes the event links and computes them again.
StatusOr<EventLinkSummary> RecomputeEventLinks(store::LoadTransaction& tx);

}  // namespace vigil::internal
