// The HTTP API's query-string parameters into the engine's typed options
// (engine/analysis_options.h, engine/list_request.h): the one place that
// knows their names, types and ranges, so that the server (and any other
// front end that speaks key=value) only hands the pairs over. Errors are
// field errors naming the parameter; an unknown parameter is one too.
//
//   auto options = ExposureOptionsFromQuery(request.query);   // ?as_of=2023&authority=UN
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/analysis_options.h"
#include "vigil/engine/entity_card.h"
#include "vigil/engine/events.h"
#include "vigil/engine/list_request.h"
#include "vigil/engine/reading.h"
#include "vigil/engine/source_reader.h"

namespace vigil {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// as_of, predicate (repeatable or comma-separated), min_confidence, party
// (repeatable), directed (true|false). The knowledge base only: a network
// file is never named from a query.
StatusOr<GraphViewOptions> GraphViewFromQuery(const QueryPairs& query);
// The view's parameters, and max_hops, paths, authority, top.
StatusOr<ExposureOptions> ExposureOptionsFromQuery(const QueryPairs& query);
// The view's parameters, and k. from and to are the route's.
StatusOr<PathsOptions> PathsOptionsFromQuery(const QueryPairs& query);
// The view's parameters, and measure, top, weighted, raw.
StatusOr<RankOptions> RankOptionsFromQuery(const QueryPairs& query, GraphViewOptions* view);
// The view's parameters, and resolution, weighted, seed, runs.
StatusOr<CommunityOptions> CommunityOptionsFromQuery(const QueryPairs& query,
                                                     GraphViewOptions* view);
// The view's parameters, and k.
StatusOr<KeyPlayerOptions> KeyPlayerOptionsFromQuery(const QueryPairs& query,
                                                     GraphViewOptions* view);
// The view's parameters, and focus (repeatable or comma-separated), depth,
// limit, claims (true|false).
StatusOr<NeighbourhoodOptions> NeighbourhoodOptionsFromQuery(const QueryPairs& query);
// kind, predicate, as_of for the table named by what.
StatusOr<ListRequest> ListRequestFromQuery(const std::string& what, const QueryPairs& query);
// actor, from, to, place, kind, as_of, during, party (repeatable or comma-separated),
// links (true|false): the flags of `vigil events`.
StatusOr<EventQuery> EventQueryFromQuery(const QueryPairs& query);
// by (month|quarter|year), by_place (true|false), from, to, as_of, during,
// party:
// the flags of `vigil activity`; name is the route's.
StatusOr<ActivityQuery> ActivityQueryFromQuery(const std::string& name, const QueryPairs& query);
// source, status: the flags of `vigil review`'s listing.
StatusOr<ReviewRequest> ReviewRequestFromQuery(const QueryPairs& query);
// as_of or during, for an entity's card (GET /v1/entities/{id}).
StatusOr<ShowOptions> ShowOptionsFromQuery(const QueryPairs& query);
// limit, offset for the source whose key is id (the route's).
StatusOr<SourceRequest> SourceRequestFromQuery(const std::string& id, const QueryPairs& query);

}  // namespace vigil
