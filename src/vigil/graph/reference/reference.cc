// Reference implementations for tests (see reference.h).
#include "vigil/graph/reference/reference.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

namespace vigil::graph::reference {
namespace {

double Weight(const Graph& g, NodeId v, size_t i, bool weighted) {
  return weighted && g.weighted() ? g.OutWeights(v)[i] : 1.0;
}

}  // namespace

std::vector<std::vector<double>> AllPairsDistances(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  std::vector<std::vector<double>> d(n, std::vector<double>(n, kInfinity));
  for (NodeId v = 0; v < n; ++v) {
    d[v][v] = 0.0;
    auto targets = g.OutNeighbors(v);
    for (size_t i = 0; i < targets.size(); ++i)
      d[v][targets[i]] = std::min(d[v][targets[i]], Weight(g, v, i, weighted));
  }
  for (NodeId k = 0; k < n; ++k)
    for (NodeId i = 0; i < n; ++i)
      for (NodeId j = 0; j < n; ++j)
        if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
  return d;
}

std::vector<double> Betweenness(const Graph& g, bool weighted, bool normalized) {
  const NodeId n = g.node_count();
  auto d = AllPairsDistances(g, weighted);
  // sigma[s][t]: shortest paths from s to t, by increasing distance from s.
  std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0.0));
  for (NodeId s = 0; s < n; ++s) {
    std::vector<NodeId> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](NodeId a, NodeId b) { return d[s][a] < d[s][b]; });
    sigma[s][s] = 1.0;
    for (NodeId t : order) {
      if (t == s || d[s][t] == kInfinity) continue;
      for (NodeId v = 0; v < n; ++v) {
        auto targets = g.OutNeighbors(v);
        for (size_t i = 0; i < targets.size(); ++i)
          if (targets[i] == t && d[s][v] + Weight(g, v, i, weighted) == d[s][t])
            sigma[s][t] += sigma[s][v];
      }
    }
  }
  std::vector<double> b(n, 0.0);
  for (NodeId v = 0; v < n; ++v)
    for (NodeId s = 0; s < n; ++s)
      for (NodeId t = 0; t < n; ++t) {
        if (s == v || t == v || s == t || d[s][t] == kInfinity) continue;
        if (d[s][v] + d[v][t] == d[s][t]) b[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
      }
  double scale = 1.0;
  if (normalized)
    scale = n > 2 ? 1.0 / ((n - 1.0) * (n - 2.0)) : 1.0;
  else if (!g.directed())
    scale = 0.5;
  for (double& x : b) x *= scale;
  return b;
}

std::vector<double> Closeness(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  auto d = AllPairsDistances(g, weighted);
  std::vector<double> out(n, 0.0);
  for (NodeId u = 0; u < n; ++u) {
    double total = 0.0;
    int reached = 0;
    for (NodeId v = 0; v < n; ++v)
      if (v != u && d[v][u] < kInfinity) {
        total += d[v][u];
        ++reached;
      }
    if (total > 0.0 && n > 1) out[u] = reached / total * (reached / (n - 1.0));
  }
  return out;
}

std::vector<double> Harmonic(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  auto d = AllPairsDistances(g, weighted);
  std::vector<double> out(n, 0.0);
  for (NodeId u = 0; u < n; ++u)
    for (NodeId v = 0; v < n; ++v)
      if (v != u && d[v][u] < kInfinity) out[u] += 1.0 / d[v][u];
  return out;
}

std::vector<double> PageRank(const Graph& g, double alpha, bool weighted) {
  const NodeId n = g.node_count();
  std::vector<std::vector<double>> m(n, std::vector<double>(n, 0.0));  // m[u][v]: u -> v
  for (NodeId u = 0; u < n; ++u) {
    auto targets = g.OutNeighbors(u);
    double total = 0.0;
    for (size_t i = 0; i < targets.size(); ++i) total += Weight(g, u, i, weighted);
    for (NodeId v = 0; v < n; ++v) m[u][v] = total > 0.0 ? 0.0 : 1.0 / n;  // dangling
    for (size_t i = 0; i < targets.size(); ++i)
      m[u][targets[i]] = Weight(g, u, i, weighted) / total;
  }
  std::vector<double> x(n, 1.0 / n);
  for (int iteration = 0; iteration < 20000; ++iteration) {
    std::vector<double> next(n, (1.0 - alpha) / n);
    for (NodeId u = 0; u < n; ++u)
      for (NodeId v = 0; v < n; ++v) next[v] += alpha * x[u] * m[u][v];
    double change = 0.0;
    for (NodeId v = 0; v < n; ++v) change += std::fabs(next[v] - x[v]);
    x = next;
    if (change < 1e-14) break;  // the error left is below 1e-13
  }
  return x;
}

std::vector<double> Eigenvector(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  std::vector<double> x(n, 1.0 / n);
  for (int iteration = 0; iteration < 200000; ++iteration) {
    std::vector<double> next = x;
    for (NodeId u = 0; u < n; ++u) {
      auto targets = g.OutNeighbors(u);
      for (size_t i = 0; i < targets.size(); ++i)
        next[targets[i]] += x[u] * Weight(g, u, i, weighted);
    }
    double norm = 0.0;
    for (double v : next) norm += v * v;
    norm = std::sqrt(norm);
    double change = 0.0;
    for (NodeId v = 0; v < n; ++v) {
      next[v] /= norm;
      change += std::fabs(next[v] - x[v]);
    }
    x = next;
    if (change < n * 1e-14) break;
  }
  return x;
}

std::vector<int32_t> CoreNumber(const Graph& g) {
  const NodeId n = g.node_count();
  std::vector<int32_t> core(n, 0);
  for (int32_t k = 1;; ++k) {
    std::vector<char> alive(n, 1);
    bool changed = true;
    while (changed) {
      changed = false;
      for (NodeId v = 0; v < n; ++v) {
        if (!alive[v]) continue;
        int32_t degree = 0;
        for (NodeId u : g.OutNeighbors(v)) degree += alive[u];
        if (g.directed())
          for (NodeId u : g.InNeighbors(v)) degree += alive[u];
        if (degree < k) {
          alive[v] = 0;
          changed = true;
        }
      }
    }
    bool any = false;
    for (NodeId v = 0; v < n; ++v)
      if (alive[v]) {
        core[v] = k;
        any = true;
      }
    if (!any) return core;
  }
}

int32_t CountComponents(const Graph& g, std::span<const char> removed_nodes,
                        std::pair<NodeId, NodeId> removed_edge) {
  const NodeId n = g.node_count();
  std::vector<NodeId> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  std::function<NodeId(NodeId)> find = [&](NodeId v) {
    return parent[v] == v ? v : parent[v] = find(parent[v]);
  };
  for (NodeId v = 0; v < n; ++v)
    for (NodeId u : g.OutNeighbors(v)) {
      if (removed_nodes[v] || removed_nodes[u]) continue;
      if (std::minmax(u, v) == std::minmax(removed_edge.first, removed_edge.second)) continue;
      parent[find(u)] = find(v);
    }
  int32_t count = 0;
  for (NodeId v = 0; v < n; ++v) count += !removed_nodes[v] && find(v) == v;
  return count;
}

std::vector<NodeId> ArticulationPoints(const Graph& g) {
  const NodeId n = g.node_count();
  std::vector<char> removed(n, 0);
  const int32_t base = CountComponents(g, removed);
  std::vector<NodeId> out;
  for (NodeId v = 0; v < n; ++v) {
    removed[v] = 1;
    // Removing an isolated node lowers the count by one; anything above
    // base - 1 means v held its component together.
    bool isolated = g.OutDegree(v) == 0 && g.InDegree(v) == 0;
    if (!isolated && CountComponents(g, removed) > base) out.push_back(v);
    removed[v] = 0;
  }
  return out;
}

std::vector<std::pair<NodeId, NodeId>> Bridges(const Graph& g) {
  const NodeId n = g.node_count();
  std::vector<char> removed(n, 0);
  const int32_t base = CountComponents(g, removed);
  std::vector<std::pair<NodeId, NodeId>> out;
  for (NodeId v = 0; v < n; ++v)
    for (NodeId u : g.OutNeighbors(v)) {
      if (!g.directed() && u < v) continue;
      if (CountComponents(g, removed, {v, u}) > base)
        out.emplace_back(std::min(u, v), std::max(u, v));
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Modularity(const Graph& g, std::span<const int32_t> community, double resolution,
                  bool weighted) {
  const NodeId n = g.node_count();
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
  for (NodeId v = 0; v < n; ++v) {
    auto targets = g.OutNeighbors(v);
    for (size_t i = 0; i < targets.size(); ++i) {
      double w = Weight(g, v, i, weighted);
      a[v][targets[i]] = std::max(a[v][targets[i]], w);
      a[targets[i]][v] = std::max(a[targets[i]][v], w);
    }
  }
  std::vector<double> k(n, 0.0);
  double total = 0.0;
  for (NodeId i = 0; i < n; ++i)
    for (NodeId j = 0; j < n; ++j) {
      k[i] += a[i][j];
      total += a[i][j];
    }
  if (total == 0.0) return 0.0;
  double q = 0.0;
  for (NodeId i = 0; i < n; ++i)
    for (NodeId j = 0; j < n; ++j)
      if (community[i] == community[j]) q += a[i][j] - resolution * k[i] * k[j] / total;
  return q / total;
}

std::vector<Path> AllSimplePaths(const Graph& g, NodeId source, NodeId target,
                                 std::span<const double> edge_cost) {
  std::vector<Path> out;
  Path current;
  current.nodes.push_back(source);
  std::vector<char> on_path(g.node_count(), 0);
  on_path[source] = 1;
  std::function<void(NodeId)> walk = [&](NodeId v) {
    if (v == target) {
      out.push_back(current);
      return;
    }
    auto targets = g.OutNeighbors(v);
    auto edges = g.OutEdges(v);
    for (size_t i = 0; i < targets.size(); ++i) {
      NodeId u = targets[i];
      if (on_path[u] || !std::isfinite(edge_cost[edges[i]])) continue;
      on_path[u] = 1;
      current.nodes.push_back(u);
      current.edges.push_back(edges[i]);
      current.cost += edge_cost[edges[i]];
      walk(u);
      current.cost -= edge_cost[edges[i]];
      current.edges.pop_back();
      current.nodes.pop_back();
      on_path[u] = 0;
    }
  };
  walk(source);
  for (auto& p : out) {  // recompute sums in path order, as the fast code does
    p.cost = 0.0;
    for (int32_t e : p.edges) p.cost += edge_cost[e];
  }
  std::sort(out.begin(), out.end(), [](const Path& a, const Path& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size();
    return a.nodes < b.nodes;
  });
  return out;
}

}  // namespace vigil::graph::reference
