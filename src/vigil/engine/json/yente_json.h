// yente's matching API (OpenSanctions), spoken by vigil so that clients
// written for yente work unchanged: POST /match/{dataset} with a batch of
// FollowTheMoney-shaped example entities, answered with scored FtM entities
// (docs/api.md, "yente compatibility").
//
//   auto match = ParseYenteMatch(body, params);          // field errors name the query
//   for (auto& q : match->queries) ... engine.Screen(r) for r in q.requests ...
//   Json response = YenteMatchResponse(*match, answers);
//
// A query's names (name, alias, weakAlias...) are screened one by one and
// a listed record's best score across them counts; its first birth date
// and its first nationality or country go with each name. Scores are
// vigil's own (docs/screening.md); `match` is score >= threshold, and the
// results are those at or above cutoff, best first, at most limit.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/screening.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// A query string's key=value pairs, in order.
using YenteQueryPairs = std::vector<std::pair<std::string, std::string>>;

inline constexpr double kYenteThreshold = 0.7;  // yente's default
inline constexpr double kYenteCutoff = 0.5;
inline constexpr size_t kYenteLimit = 5;
inline constexpr size_t kYenteMaxLimit = 500;
inline constexpr size_t kYenteMaxQueries = 1000;  // queries in one request

struct YenteQuery {
  std::string key;                      // the client's name for it ("q1")
  Json example;                         // as sent, echoed back as "query"
  std::string schema;                   // Person, Organization, ...
  std::vector<ScreenRequest> requests;  // one per name
};

struct YenteMatch {
  double threshold = kYenteThreshold, cutoff = kYenteCutoff;
  size_t limit = kYenteLimit;
  // Datasets a result may come from; empty: any. Names as vigil stores
  // them ("un-consolidated", "curated", ...).
  std::vector<std::string> datasets, excluded;
  std::vector<YenteQuery> queries;
};

// Checks the path's {dataset}, the query string (threshold, cutoff,
// limit, include_dataset, exclude_dataset; yente's algorithm, topics,
// changed_since, exclude_schema and exclude_entity_ids are accepted and
// ignored) and the body ({"queries": {"q1": {"schema", "properties"}}});
// errors are field errors ("queries.q1.properties.name: ...";
// "threshold: ..."). known_datasets: the datasets vigil holds; an unknown
// one is NotFound.
StatusOr<YenteMatch> ParseYenteMatch(const Json& body, const std::string& dataset,
                                     const YenteQueryPairs& query,
                                     const std::vector<std::string>& known_datasets);

// A query's answers (one ScreenResponse per request, in order) merged: one
// result per listed record, its best-scoring name's hit, best first.
std::vector<ScreenHit> MergeYenteHits(const YenteMatch& match,
                                      const std::vector<ScreenResponse>& answers);

// One result: the listed record as an FtM entity plus score, match,
// features and explanations. lists: the versions screened, for
// last_change.
Json YenteResult(const ScreenHit& hit, double threshold,
                 const std::vector<match::ListVersion>& lists);

// {"responses": {key: {"status", "results", "total", "query"}}, "matcher",
//  "limit"}; merged[i] are the results of match.queries[i].
Json YenteMatchResponse(const YenteMatch& match, const std::vector<std::vector<ScreenHit>>& merged,
                        const std::vector<match::ListVersion>& lists);

// yente's GET /catalog: {"datasets": [{"name", "title", "version", "load",
// "children", ...}], "current", "outdated", "index_stale"}; "default"
// holds every dataset.
Json YenteCatalog(const std::vector<match::ListVersion>& lists);

// The FtM schema of a vigil entity kind: Person, Organization, LegalEntity.
std::string FtmSchemaOf(std::string_view entity_kind);

}  // namespace vigil
