// Search and look-up for the front ends that browse rather than screen:
// records and entities by any name in any script (yente's /search, vigil's
// /v1/search, OpenRefine's suggest), listed records by their keys (yente's
// /entities, OpenRefine's preview and extend), and the rule that makes one
// screening hit a clear match (OpenRefine's reconciliation).
//
//   SearchRequest request;  request.query = "Haqqani";  request.limit = 10;
//   StatusOr<SearchResult> found = engine->Search(request);
//   for (const auto& r : found->results) ... r.id, r.score, r.listed ...
//   StatusOr<std::vector<ScreenHit>> records = engine->Records({"un-tai-901"});
//
// Search runs the screening engine with a looser threshold (kSearchThreshold)
// over every designated record, then adds the knowledge base's entities
// that no list designates, found by a name that contains the query once
// folded (case, diacritics, punctuation, script), scored by the share of
// that name the query covers. Filters (kind, datasets, countries) apply to
// both before paging, so `total` counts every result that passes them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/screening.h"

namespace vigil {

inline constexpr double kSearchThreshold = 0.6;  // lowest name score a search reports
inline constexpr size_t kSearchDefaultLimit = 10;
inline constexpr size_t kSearchMaxLimit = 500;
inline constexpr size_t kSearchMaxOffset = 10000;
inline constexpr size_t kSuggestMaxLimit = 100;

struct SearchRequest {
  std::string query;                   // a name, or part of one, in any script
  std::string kind;                    // person | organization | any | ""
  std::vector<std::string> datasets;   // only results from these; empty: any
  std::vector<std::string> countries;  // ISO codes or English names; any of them
  size_t limit = kSearchDefaultLimit;  // 1 to kSearchMaxLimit
  size_t offset = 0;                   // 0 to kSearchMaxOffset

  // InvalidArgument naming the field (query, kind, limit, offset,
  // countries, in that order of checking).
  Status Validate() const;
};

// One record or entity found.
struct SearchEntry {
  std::string id, name, kind, dataset;
  double score = 0;          // in (0, 1]
  MatchedName matched_name;  // the name that met the query
  // A designated record: `record` holds it as a screening hit (names,
  // birth dates, nationalities, programs, references, explanation).
  bool listed = false;
  ScreenHit record;
};

struct SearchResult {
  std::string query;
  size_t total = 0;  // results passing the filters, before paging
  size_t limit = 0, offset = 0;
  std::vector<SearchEntry> results;       // the page asked for, best first
  std::vector<SearchEntry> all;           // every result (for facets), best first
  std::vector<match::ListVersion> lists;  // the list versions searched
};

// A knowledge-base name that begins or contains a prefix (suggest).
struct NameSuggestion {
  std::string id, name, kind, dataset;
};

// Whether the best of a screening's hits (best first) is a clear match:
// at least kClearMatchScore and ahead of the next by kClearMatchMargin.
inline constexpr double kClearMatchScore = 0.85;
inline constexpr double kClearMatchMargin = 0.1;
bool IsClearMatch(const std::vector<ScreenHit>& hits, size_t index);

// A listed record of the watch list as a screening hit without a score
// (rank 0, no comparison): what the record holds.
ScreenHit ListedRecordAsHit(const match::WatchList& list, uint32_t record);

}  // namespace vigil
