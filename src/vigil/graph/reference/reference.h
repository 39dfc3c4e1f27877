// Slow, obviously correct versions of the graph algorithms, straight from
// their definitions, for tests to check the fast ones against. O(n^3) or
// worse: for graphs of a few dozen nodes only.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "vigil/graph/graph.h"
#include "vigil/graph/paths.h"

namespace vigil::graph::reference {

// d[s][t] by Floyd-Warshall (infinity when unreachable).
std::vector<std::vector<double>> AllPairsDistances(const Graph& g, bool weighted);

// Sum over pairs s != v != t of sigma_st(v) / sigma_st, from the
// definition (exact distances: use integer weights).
std::vector<double> Betweenness(const Graph& g, bool weighted, bool normalized);
std::vector<double> Closeness(const Graph& g, bool weighted);
std::vector<double> Harmonic(const Graph& g, bool weighted);
// Dense power iterations run to machine precision.
std::vector<double> PageRank(const Graph& g, double alpha, bool weighted);
std::vector<double> Eigenvector(const Graph& g, bool weighted);
// Peeling: core(v) = the largest k with v in the k-core.
std::vector<int32_t> CoreNumber(const Graph& g);
// Component count after removing the nodes / the edge.
int32_t CountComponents(const Graph& g, std::span<const char> removed_nodes,
                        std::pair<NodeId, NodeId> removed_edge = {-1, -1});
std::vector<NodeId> ArticulationPoints(const Graph& g);
std::vector<std::pair<NodeId, NodeId>> Bridges(const Graph& g);
// (1/2m) sum_ij [A_ij - resolution k_i k_j / 2m] delta(c_i, c_j).
double Modularity(const Graph& g, std::span<const int32_t> community, double resolution,
                  bool weighted);
// Every simple path from source to target, cheapest first (ties: fewer
// hops, then node sequence).
std::vector<Path> AllSimplePaths(const Graph& g, NodeId source, NodeId target,
                                 std::span<const double> edge_cost);

}  // namespace vigil::graph::reference
