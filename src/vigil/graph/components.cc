// Breadth-first components and an iterative Hopcroft-Tarjan low-link search
// for articulation points and bridges.
#include "vigil/graph/components.h"

#include <algorithm>

namespace vigil::graph {

int32_t Components::Largest() const {
  if (sizes.empty()) return -1;
  return static_cast<int32_t>(std::max_element(sizes.begin(), sizes.end()) - sizes.begin());
}

Components ConnectedComponents(const Graph& g) {
  const NodeId n = g.node_count();
  Components out;
  out.component.assign(n, -1);
  std::vector<NodeId> queue(n);
  for (NodeId root = 0; root < n; ++root) {
    if (out.component[root] >= 0) continue;
    const int32_t id = out.count();
    size_t head = 0, tail = 0;
    queue[tail++] = root;
    out.component[root] = id;
    while (head < tail) {
      NodeId v = queue[head++];
      for (NodeId u : g.OutNeighbors(v))
        if (out.component[u] < 0) {
          out.component[u] = id;
          queue[tail++] = u;
        }
      if (g.directed())
        for (NodeId u : g.InNeighbors(v))
          if (out.component[u] < 0) {
            out.component[u] = id;
            queue[tail++] = u;
          }
    }
    out.sizes.push_back(static_cast<int64_t>(tail));
  }
  return out;
}

namespace {

struct LowLink {
  std::vector<char> articulation;
  std::vector<std::pair<NodeId, NodeId>> bridges;
};

LowLink Search(const Graph& directed_or_not) {
  const Graph undirected_copy = directed_or_not.directed() ? directed_or_not.Undirected() : Graph();
  const Graph& g = directed_or_not.directed() ? undirected_copy : directed_or_not;
  const NodeId n = g.node_count();
  LowLink out;
  out.articulation.assign(n, 0);
  std::vector<int32_t> discovered(n, -1), low(n, 0);
  std::vector<NodeId> parent(n, -1);
  std::vector<int64_t> next_edge(n, 0);
  std::vector<NodeId> stack;
  int32_t time = 0;
  for (NodeId root = 0; root < n; ++root) {
    if (discovered[root] >= 0) continue;
    int root_children = 0;
    discovered[root] = low[root] = time++;
    stack.push_back(root);
    while (!stack.empty()) {
      NodeId v = stack.back();
      auto neighbours = g.OutNeighbors(v);
      if (next_edge[v] < static_cast<int64_t>(neighbours.size())) {
        NodeId u = neighbours[next_edge[v]++];
        if (discovered[u] < 0) {
          parent[u] = v;
          discovered[u] = low[u] = time++;
          stack.push_back(u);
          if (v == root) ++root_children;
        } else if (u != parent[v]) {  // simple graph: the tree edge is the only one to the parent
          low[v] = std::min(low[v], discovered[u]);
        }
        continue;
      }
      stack.pop_back();
      NodeId p = parent[v];
      if (p < 0) continue;
      low[p] = std::min(low[p], low[v]);
      if (p != root && low[v] >= discovered[p]) out.articulation[p] = 1;
      if (low[v] > discovered[p]) out.bridges.emplace_back(std::min(p, v), std::max(p, v));
    }
    if (root_children > 1) out.articulation[root] = 1;
  }
  std::sort(out.bridges.begin(), out.bridges.end());
  return out;
}

}  // namespace

std::vector<NodeId> ArticulationPoints(const Graph& g) {
  auto found = Search(g);
  std::vector<NodeId> out;
  for (NodeId v = 0; v < g.node_count(); ++v)
    if (found.articulation[v]) out.push_back(v);
  return out;
}

std::vector<std::pair<NodeId, NodeId>> Bridges(const Graph& g) { return Search(g).bridges; }

}  // namespace vigil::graph
