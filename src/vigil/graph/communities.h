// Community detection: Louvain modularity optimisation with a refinement
// pass, and modularity itself (as nx.community.modularity defines it).
//
// Communities are found on the undirected graph (a directed graph is read
// as undirected). Each run moves single nodes to the neighbouring community
// with the best modularity gain, in a random order, until nothing moves;
// then merges communities into nodes and repeats. When the hierarchy is
// done, nodes of the original graph are moved once more from the final
// partition (Rotta-Noack refinement) and, if that helped, the hierarchy is
// resumed from there. Several seeded runs are made on small graphs and the
// best kept, so the result is deterministic for a given seed.
//
//   auto p = graph::Louvain(g, {.seed = 1});
//   p.community[v], p.modularity
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "vigil/graph/graph.h"

namespace vigil::graph {

struct LouvainOptions {
  double resolution = 1.0;
  bool weighted = true;  // use edge weights when the graph has them
  uint64_t seed = 1;
  // Independent runs (different node orders); 0 picks by size: many on
  // small graphs, one on graphs with a million edges.
  int runs = 0;
};

struct Partition {
  // community[v]: 0..count-1, numbered by size (largest first), ties by
  // smallest member.
  std::vector<int32_t> community;
  int32_t count = 0;
  double modularity = 0.0;
  int levels = 0;  // aggregation levels of the best run
  int runs = 0;
};

Partition Louvain(const Graph& g, const LouvainOptions& options = {});

// Q = sum_c [ L_c / m - resolution * (d_c / 2m)^2 ] on the undirected
// graph, where L_c is the weight inside c, d_c the total degree of c and m
// the total weight. 0 for a graph without edges.
double Modularity(const Graph& g, std::span<const int32_t> community, double resolution = 1.0,
                  bool weighted = true);

}  // namespace vigil::graph
