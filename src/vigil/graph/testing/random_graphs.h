// Seeded random graphs for the graph tests (header only; tests use it).
#pragma once

#include <random>
#include <vector>

#include "vigil/graph/graph.h"

namespace vigil::graph::testing {

// G(n, p) with integer weights in 1..max_weight (1 when max_weight <= 1).
inline Graph RandomGraph(NodeId n, double p, bool directed, int max_weight, uint64_t seed,
                         bool record_inputs = false) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_int_distribution<int> weight(1, std::max(1, max_weight));
  std::vector<InputEdge> edges;
  for (NodeId u = 0; u < n; ++u)
    for (NodeId v = directed ? 0 : u + 1; v < n; ++v)
      if (u != v && coin(rng) < p) edges.push_back({u, v, static_cast<double>(weight(rng))});
  return Graph::Build(
      n, edges, {.directed = directed, .weighted = max_weight > 1, .record_inputs = record_inputs});
}

// Two cliques of size k joined by one edge (k-1 -- k).
inline Graph Barbell(NodeId k) {
  std::vector<InputEdge> edges;
  for (NodeId base : {0, k})
    for (NodeId u = 0; u < k; ++u)
      for (NodeId v = u + 1; v < k; ++v) edges.push_back({base + u, base + v, 1.0});
  edges.push_back({k - 1, k, 1.0});
  return Graph::Build(2 * k, edges, {});
}

}  // namespace vigil::graph::testing
