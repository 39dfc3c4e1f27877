// The typed results of network analysis (engine/analysis.h): rankings,
// communities, key players, exports, and exposure and paths with the
// relations and claims behind every step. Plain data; their JSON, the
// shapes docs/cli.md documents, is built in engine/json/analysis_json.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vigil/engine/analysis_options.h"
#include "vigil/store/records.h"

namespace vigil {

// A node as measures report it: the entity's key with its name and kind
// (the store), or the label a network file gives it.
struct NodeRef {
  std::string node;
  std::optional<std::string> name, kind;  // the store's nodes only
};

struct RankRow {
  int64_t rank = 0;  // 1-based
  NodeRef node;
  std::optional<double> value;  // absent where the measure is undefined (no ties)
};

// Rows by value, highest first (constraint: lowest first), undefined last.
struct RankResult {
  Measure measure = Measure::kDegree;
  std::vector<RankRow> rows;
};

struct Community {
  int32_t id = 0;  // numbered by size, largest first
  std::vector<NodeRef> members;
};

struct CommunitiesResult {
  std::string origin;  // "store" or the file's path
  int64_t nodes = 0, edges = 0;
  bool directed_read_as_undirected = false;
  bool weighted = false;
  double resolution = 1.0;
  double modularity = 0.0;
  int64_t runs = 0;
  std::vector<Community> communities;
  std::vector<int64_t> component_sizes;  // connected (weak) components, largest first
};

struct KeyPlayersResult {
  std::string origin;
  int64_t nodes = 0, edges = 0;
  int k = 0;
  std::vector<NodeRef> players;
  double fragmentation = 0.0, fragmentation_before = 0.0, distance_fragmentation = 0.0;
  int64_t components_after = 0, largest_component_after = 0;
  bool exhaustive = false;  // every set tried; else greedy with swaps
  int64_t sets_evaluated = 0;
  std::vector<NodeRef> articulation_points;
  std::vector<std::pair<NodeRef, NodeRef>> bridges;
};

struct ExportResult {
  ExportFormat format = ExportFormat::kGraphMl;
  std::string origin;
  int64_t nodes = 0, edges = 0;
  bool directed = false;
  std::string document;  // the GraphML or GEXF text
  // Where a front end wrote the document; absent: the document goes out
  // with the result.
  std::optional<std::string> output;
};

// --- exposure and paths --------------------------------------------------------

// An entity named in a request, with how the name found it: "exact", or
// "partial (matched 'NAME')" when only part of one of its names matched.
struct ResolvedEntity {
  store::EntityRefRecord entity;
  std::string resolved;
};

// A relation behind a step, with its claims, and how it weighs.
struct StepRelation {
  // Shared: the same relation (a minister's post) opens many paths.
  std::shared_ptr<const store::RelationRecord> relation;
  bool forward = true;  // the step goes from the relation's subject to its object
  double predicate_weight = 0.0, confidence = 0.0, strength = 0.0;
};

struct PathStep {
  store::EntityRefRecord from, to;
  double strength = 0.0;  // the tie's: its strongest relation's
  std::vector<StepRelation> relations;  // strongest first
};

struct CitedPath {
  double score = 0.0;  // the product of its ties' strengths
  std::vector<store::EntityRefRecord> nodes;
  std::vector<PathStep> steps;  // nodes.size() - 1 of them
};

// A designation that counts for an entity: its own, or one of an entity
// linked to it (via, with the link).
struct ExposureDesignation {
  int64_t fact_id = 0;
  std::string authority, program;
  std::optional<std::string> list, reference, date;
  std::optional<store::EntityRefRecord> via;
  struct Link {
    std::string method;
    double score = 0.0;
    std::string reason;
  };
  std::optional<Link> link;  // when via is set
};

struct ExposedEntity {
  store::EntityRefRecord entity;
  double score = 0.0;  // its best path's
  int hops = 0;        // its best path's
  std::vector<ExposureDesignation> designations;
  std::vector<CitedPath> paths;  // best first
};

struct ExposureResult {
  ResolvedEntity start;
  std::optional<std::string> as_of;   // the day ("YYYY-MM-DD")
  std::optional<std::string> during;  // or the period's days ("FIRST..LAST", either may be open)
  int max_hops = 0;
  std::vector<std::string> authorities;
  bool in_network = false;  // the start takes part in a relation
  std::vector<ExposureDesignation> start_designations;
  std::vector<ExposedEntity> exposures;  // most exposed first
};

struct PathsResult {
  ResolvedEntity from, to;
  int k = 0;
  std::optional<std::string> as_of;
  std::optional<std::string> during;
  std::vector<CitedPath> paths;  // strongest first
};

// --- neighbourhoods (Engine::Neighbourhood) --------------------------------------

struct NeighbourhoodNode {
  store::EntityRefRecord entity;
  int hops = 0;                           // from the nearest focus entity; 0: a focus entity
  int64_t relations = 0;                  // relations of the view it takes part in, shown or not
  std::vector<std::string> designations;  // authority codes counting for it (own, linked)
  std::map<std::string, std::string> attributes;
};

struct NeighbourhoodEdge {
  // With the claims that count under the view's parties (all of them when
  // it names none); shared as exposure's steps share them.
  std::shared_ptr<const store::RelationRecord> relation;
  double confidence = 0.0, strength = 0.0;  // as the view weighs it
  bool disputed = false;                    // a counted claim denies it
};

struct NeighbourhoodResult {
  std::vector<ResolvedEntity> focus;
  std::optional<std::string> as_of;  // the day ("YYYY-MM-DD")
  std::optional<std::string> during;  // or the period's days ("FIRST..LAST")
  int depth = 0, limit = 0;
  bool truncated = false;                // more nodes were within reach than the limit
  std::vector<NeighbourhoodNode> nodes;  // the focus, then by hops
  std::vector<NeighbourhoodEdge> edges;  // by fact id
};

// Engine::ExposureTiming: milliseconds, for benchmarks.
struct ExposureTimingResult {
  double query_ms = 0.0;           // the graph query alone, median of runs
  double with_citations_ms = 0.0;  // Exposure() and its JSON, median
  double snapshot_ms = 0.0;        // reading the graph from the store
  int64_t runs = 0, designated_reached = 0, nodes = 0, relations = 0;
};

}  // namespace vigil
