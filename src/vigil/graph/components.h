// Connectivity: connected components, articulation points and bridges.
//
// Components of a directed graph are its weakly connected components;
// articulation points and bridges are those of the undirected graph (as
// nx.articulation_points and nx.bridges, which accept undirected graphs
// only). All run in O(n + m) without recursion.
//
//   auto parts = graph::ConnectedComponents(g);
//   parts.sizes[parts.component[v]]  // size of v's component
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "vigil/graph/graph.h"

namespace vigil::graph {

struct Components {
  // component[v]: 0..count-1, numbered in order of each component's
  // smallest node.
  std::vector<int32_t> component;
  std::vector<int64_t> sizes;
  int32_t count() const { return static_cast<int32_t>(sizes.size()); }
  int32_t Largest() const;  // the index of the largest (first on ties); -1 if empty
};

Components ConnectedComponents(const Graph& g);

// Nodes whose removal disconnects their component, in increasing order.
std::vector<NodeId> ArticulationPoints(const Graph& g);

// Edges whose removal disconnects their component, as (smaller, larger)
// node pairs in increasing order.
std::vector<std::pair<NodeId, NodeId>> Bridges(const Graph& g);

}  // namespace vigil::graph
