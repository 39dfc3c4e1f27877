// Yen's k shortest loopless paths over Dijkstra, and the bounded best-first
// exposure search.
#include "vigil/graph/paths.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <tuple>

namespace vigil::graph {
namespace {

// Orders paths by cost, then hops, then node sequence.
bool Better(const Path& a, const Path& b) {
  if (a.cost != b.cost) return a.cost < b.cost;
  if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size();
  return a.nodes < b.nodes;
}

// Cheapest path from source to target avoiding blocked nodes and edges;
// ties broken by fewer hops, then smaller predecessor. Empty nodes when none.
Path Dijkstra(const Graph& g, NodeId source, NodeId target, std::span<const double> cost,
              const std::vector<char>& blocked_node, const std::vector<char>& blocked_edge) {
  const NodeId n = g.node_count();
  std::vector<double> dist(n, kInfinity);
  std::vector<int32_t> hops(n, std::numeric_limits<int32_t>::max());
  std::vector<NodeId> parent(n, -1);
  std::vector<int32_t> parent_edge(n, -1);
  std::vector<char> done(n, 0);
  using Key = std::tuple<double, int32_t, NodeId>;
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> heap;
  dist[source] = 0.0;
  hops[source] = 0;
  heap.push({0.0, 0, source});
  while (!heap.empty()) {
    auto [d, h, v] = heap.top();
    heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    if (v == target) break;
    auto targets = g.OutNeighbors(v);
    auto edges = g.OutEdges(v);
    for (size_t i = 0; i < targets.size(); ++i) {
      NodeId u = targets[i];
      int32_t e = edges[i];
      if (done[u] || blocked_node[u] || blocked_edge[e] || !std::isfinite(cost[e])) continue;
      double nd = d + cost[e];
      int32_t nh = h + 1;
      if (nd < dist[u] || (nd == dist[u] && (nh < hops[u] || (nh == hops[u] && v < parent[u])))) {
        dist[u] = nd;
        hops[u] = nh;
        parent[u] = v;
        parent_edge[u] = e;
        heap.push({nd, nh, u});
      }
    }
  }
  Path path;
  if (!done[target]) return path;
  for (NodeId v = target; v != source; v = parent[v]) {
    path.nodes.push_back(v);
    path.edges.push_back(parent_edge[v]);
  }
  path.nodes.push_back(source);
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.edges.begin(), path.edges.end());
  path.cost = dist[target];
  return path;
}

}  // namespace

std::vector<Path> KShortestPaths(const Graph& g, NodeId source, NodeId target, int k,
                                 std::span<const double> edge_cost) {
  assert(g.edge_count() == 0 || !g.OutEdges(g.EdgeSource(0)).empty());
  std::vector<Path> found;
  if (k <= 0 || source == target) return found;
  std::vector<char> blocked_node(g.node_count(), 0), blocked_edge(g.edge_count(), 0);
  Path first = Dijkstra(g, source, target, edge_cost, blocked_node, blocked_edge);
  if (first.nodes.empty()) return found;
  found.push_back(std::move(first));
  std::vector<Path> candidates;
  while (static_cast<int>(found.size()) < k) {
    const Path& last = found.back();
    for (size_t i = 0; i + 1 < last.nodes.size(); ++i) {
      NodeId spur = last.nodes[i];
      std::vector<NodeId> root(last.nodes.begin(), last.nodes.begin() + i + 1);
      for (const Path& p : found)
        if (p.nodes.size() > i + 1 && std::equal(root.begin(), root.end(), p.nodes.begin()))
          blocked_edge[p.edges[i]] = 1;
      for (size_t j = 0; j < i; ++j) blocked_node[root[j]] = 1;
      Path spur_path = Dijkstra(g, spur, target, edge_cost, blocked_node, blocked_edge);
      std::fill(blocked_node.begin(), blocked_node.end(), 0);
      std::fill(blocked_edge.begin(), blocked_edge.end(), 0);
      if (spur_path.nodes.empty()) continue;
      Path total;
      total.nodes = root;
      total.edges.assign(last.edges.begin(), last.edges.begin() + i);
      total.cost = 0.0;
      for (int32_t e : total.edges) total.cost += edge_cost[e];
      total.nodes.insert(total.nodes.end(), spur_path.nodes.begin() + 1, spur_path.nodes.end());
      total.edges.insert(total.edges.end(), spur_path.edges.begin(), spur_path.edges.end());
      total.cost += spur_path.cost;
      bool known = false;
      for (const Path& p : candidates) known = known || p.edges == total.edges;
      for (const Path& p : found) known = known || p.edges == total.edges;
      if (!known) candidates.push_back(std::move(total));
    }
    if (candidates.empty()) break;
    auto best = std::min_element(candidates.begin(), candidates.end(), Better);
    found.push_back(std::move(*best));
    candidates.erase(best);
  }
  return found;
}

std::vector<Exposure> RankExposure(const Graph& g, NodeId start, std::span<const char> flagged,
                                   std::span<const double> edge_strength,
                                   const ExposureOptions& options) {
  const NodeId n = g.node_count();
  const int max_hops = std::max(0, options.max_hops);
  const int per_target = std::max(1, options.paths_per_target);
  struct Entry {
    NodeId node;
    int32_t edge;
    int32_t parent;
    int32_t hops;
    double score;
  };
  std::vector<Entry> entries;
  // Max-heap on score; ties: fewer hops, then earlier entry.
  using Key = std::tuple<double, int32_t, int32_t>;  // score, -hops, -index
  std::priority_queue<Key> heap;
  std::vector<int32_t> expansions(static_cast<size_t>(n) * (max_hops + 1), 0);
  std::map<NodeId, Exposure> hits;
  std::vector<Exposure> out;
  if (flagged[start]) hits[start] = Exposure{start, 1.0, 0, {}};

  entries.push_back({start, -1, -1, 0, 1.0});
  heap.push({1.0, 0, 0});
  auto on_path = [&](int32_t index, NodeId node) {
    for (; index >= 0; index = entries[index].parent)
      if (entries[index].node == node) return true;
    return false;
  };
  while (!heap.empty()) {
    auto [score, negative_hops, negative_index] = heap.top();
    heap.pop();
    const int32_t index = -negative_index;
    const Entry entry = entries[index];
    if (entry.node != start && flagged[entry.node]) {
      auto [it, inserted] = hits.try_emplace(entry.node);
      Exposure& hit = it->second;
      if (inserted) {
        hit.target = entry.node;
        hit.score = entry.score;
        hit.hops = entry.hops;
      }
      if (static_cast<int>(hit.paths.size()) < per_target) {
        Path path;
        path.score = entry.score;
        for (int32_t i = index; i >= 0; i = entries[i].parent) {
          path.nodes.push_back(entries[i].node);
          if (entries[i].edge >= 0) path.edges.push_back(entries[i].edge);
        }
        std::reverse(path.nodes.begin(), path.nodes.end());
        std::reverse(path.edges.begin(), path.edges.end());
        hit.paths.push_back(std::move(path));
      }
    }
    if (entry.hops >= max_hops) continue;
    int32_t& used = expansions[static_cast<size_t>(entry.node) * (max_hops + 1) + entry.hops];
    if (used >= per_target) continue;
    ++used;
    auto targets = g.OutNeighbors(entry.node);
    auto edges = g.OutEdges(entry.node);
    for (size_t i = 0; i < targets.size(); ++i) {
      double strength = edge_strength[edges[i]];
      if (!(strength > 0.0)) continue;
      NodeId u = targets[i];
      if (on_path(index, u)) continue;
      auto next = static_cast<int32_t>(entries.size());
      entries.push_back({u, edges[i], index, entry.hops + 1, entry.score * strength});
      heap.push({entry.score * strength, -(entry.hops + 1), -next});
    }
  }
  out.reserve(hits.size());
  for (auto& [node, hit] : hits) out.push_back(std::move(hit));
  std::sort(out.begin(), out.end(), [](const Exposure& a, const Exposure& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.hops != b.hops) return a.hops < b.hops;
    return a.target < b.target;
  });
  return out;
}

}  // namespace vigil::graph
