// Search and look-up as JSON: vigil's own /v1/search, and yente's
// GET /search/{dataset} and GET /entities/{id} with FollowTheMoney-shaped
// entities (docs/api.md).
//
//   auto request = YenteSearchFromQuery("default", query_pairs, known_datasets);
//   Json body = YenteSearchResponse(*engine->Search(*request));
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/entity_card.h"
#include "vigil/engine/search.h"

namespace vigil {

using Json = nlohmann::ordered_json;
using SearchQueryPairs = std::vector<std::pair<std::string, std::string>>;

// /v1/search's parameters: q, kind, dataset (repeatable), country
// (repeatable), limit, offset; an unknown one is a field error naming it,
// and q is reported as "q".
StatusOr<SearchRequest> SearchRequestFromQuery(const SearchQueryPairs& query);
// {"query", "total", "limit", "offset", "lists", "results": [{"id", "name",
// "kind", "dataset", "score", "matched_name", "listed", and for listed
// records "references", "programs", "nationalities", "birth_dates",
// "linked"}]}.
Json ToJson(const SearchResult& result);

// yente's /search parameters: q, schema, countries, limit, offset,
// include_dataset, exclude_dataset (yente's topics, datasets, fuzzy,
// simple, facets, filter, sort, target, changed_since, exclude_schema and
// exclude_entity_ids are accepted and ignored). dataset: the path's
// ("default" or one of known_datasets, else NotFound).
StatusOr<SearchRequest> YenteSearchFromQuery(const std::string& dataset,
                                             const SearchQueryPairs& query,
                                             const std::vector<std::string>& known_datasets);
// {"results": [entity...], "facets": {"countries", "datasets", "schema"},
//  "total": {"value", "relation"}, "limit", "offset"}.
Json YenteSearchResponse(const SearchResult& result);

// A FollowTheMoney entity (yente's EntityResponse: id, caption, schema,
// properties, datasets, referents, target, first_seen, last_seen,
// last_change) of a listed record, of a search result, or of a knowledge-
// base card.
Json YenteEntity(const ScreenHit& record, const std::vector<match::ListVersion>& lists);
Json YenteEntity(const SearchEntry& entry, const std::vector<match::ListVersion>& lists);
Json YenteEntity(const EntityCard& card);

}  // namespace vigil
