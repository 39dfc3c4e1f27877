// The JSON shapes of network analysis results (docs/cli.md, "Network
// analysis"; docs/network-analysis.md): the one place they are built, for
// the CLI's --json and text rendering and for the HTTP API. Relations and
// claims on paths take their shapes from engine/json/facts_json.h.
//
//   auto rows = RankNetwork(net, {.measure = Measure::kPageRank});
//   std::cout << ToJson(*rows).dump(2);
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/analysis_results.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// {"node", "name", "kind"} for the store's nodes, {"node"} for a file's.
Json ToJson(const NodeRef& node);
// [{"rank", "node", ...node reference, "value"}]; value an integer for
// kcore, null where undefined.
Json ToJson(const RankResult& result);
// {"origin", "nodes", "edges", "directed_read_as_undirected", "weighted",
//  "resolution", "modularity", "runs", "count", "communities": [{"id",
//  "size", "members"}], "components": {"count", "sizes"}}
Json ToJson(const CommunitiesResult& result);
// {"origin", "nodes", "edges", "k", "players", "fragmentation",
//  "fragmentation_before", "distance_fragmentation", "components_after",
//  "largest_component_after", "method", "sets_evaluated",
//  "articulation_points", "bridges"}
Json ToJson(const KeyPlayersResult& result);
// {"format", "origin", "nodes", "edges", "directed", "output"}, and
// "document" when there is no output.
Json ToJson(const ExportResult& result);

// Entity reference + {"resolved"}.
Json ToJson(const ResolvedEntity& resolved);
// Relation (facts_json.h) + {"direction": "forward" | "backward",
// "predicate_weight", "confidence", "strength"}.
Json ToJson(const StepRelation& relation);
// {"from", "to", "strength", "relations"}
Json ToJson(const PathStep& step);
// {"entity", "score", "hops", "designations", "paths"}
Json ToJson(const ExposedEntity& exposed);
// {"id", "size", "members"}
Json ToJson(const Community& community);
// {"fact_id", "authority", "program", "list", "reference", "date", "via"},
// and "link": {"method", "score", "reason"} with via.
Json ToJson(const ExposureDesignation& designation);
// {"score", "hops", "nodes": [entity reference], "steps": [step]}
Json ToJson(const CitedPath& path);
// {"start", "as_of", "during", "max_hops", "authorities", "in_network",
//  "start_designations", "count", "exposures": [exposed entity]}
Json ToJson(const ExposureResult& result);
// {"from", "to", "k", "as_of", "during", "paths"}
Json ToJson(const PathsResult& result);
// {"focus": [entity reference + "resolved"], "as_of", "during", "depth", "limit",
//  "truncated", "count": {"nodes", "edges"}, "nodes": [{"id", "name", "kind",
//  "hops", "relations", "designations", "attributes"}], "edges": [relation
//  (facts_json.h) + {"confidence", "strength", "disputed"}]}
Json ToJson(const NeighbourhoodResult& result);
// {"query_ms", "with_citations_ms", "snapshot_ms", "runs",
//  "designated_reached", "nodes", "relations"}
Json ToJson(const ExposureTimingResult& timing);

}  // namespace vigil
