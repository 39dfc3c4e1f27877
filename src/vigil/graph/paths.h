// Paths: the k best loopless paths between two nodes (Yen's algorithm), and
// exposure: which flagged nodes a start node reaches, by which best paths.
//
// Both take a cost or strength per edge id, so the graph must be built with
// BuildOptions::record_inputs (edge ids on every arc). Paths follow arcs in
// their direction; pass an undirected graph to ignore direction.
//
// Exposure scores a path by the product of its edges' strengths (each in
// (0, 1]): a chain of strong, well-sourced ties scores high, and every
// extra or weak hop lowers it. The search is best-first over partial paths
// from the start, never revisiting a node on the same path, up to max_hops;
// each (node, hop count) is extended by at most paths_per_target partial
// paths, which bounds the work by O(H k m log(H k m)) while keeping the best
// path to every node exact (and the next best exact in all but contrived
// cases where the better prefixes all cross the remaining suffix).
//
//   auto top = graph::KShortestPaths(g, a, b, 3, costs);
//   auto hits = graph::RankExposure(g, start, designated, strengths, {.max_hops = 4});
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "vigil/graph/graph.h"

namespace vigil::graph {

struct Path {
  std::vector<NodeId> nodes;   // start ... end
  std::vector<int32_t> edges;  // edges[i] joins nodes[i] and nodes[i + 1]
  double cost = 0.0;           // sum of edge costs (KShortestPaths)
  double score = 1.0;          // product of edge strengths (RankExposure)
};

// The k cheapest simple paths from source to target in increasing cost
// (ties: fewer hops, then lexicographic by node), skipping edges whose cost
// is infinite. Costs must be non-negative.
std::vector<Path> KShortestPaths(const Graph& g, NodeId source, NodeId target, int k,
                                 std::span<const double> edge_cost);

struct ExposureOptions {
  int max_hops = 4;
  int paths_per_target = 3;
};

struct Exposure {
  NodeId target = 0;
  double score = 0.0;       // the best path's
  int hops = 0;             // the best path's
  std::vector<Path> paths;  // best first
};

// Every flagged node (flagged[v] != 0) reachable from start within
// max_hops along edges of positive strength, best score first (ties: fewer
// hops, then node id). The start itself is reported with score 1 and no
// path when it is flagged.
std::vector<Exposure> RankExposure(const Graph& g, NodeId start, std::span<const char> flagged,
                                   std::span<const double> edge_strength,
                                   const ExposureOptions& options = {});

}  // namespace vigil::graph
