// Louvain on CSR arrays. Level 0 reads the Graph directly; aggregated
// levels are small CSR graphs whose nodes carry the weight inside them.
#include "vigil/graph/communities.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace vigil::graph {
namespace {

// The original graph seen as a Louvain level.
struct BaseLevel {
  const Graph& g;
  bool weighted;
  std::vector<double> strength;

  BaseLevel(const Graph& graph, bool use_weights) : g(graph), weighted(use_weights) {
    strength.resize(g.node_count());
    for (NodeId v = 0; v < g.node_count(); ++v) {
      if (weighted) {
        double s = 0.0;
        for (double w : g.OutWeights(v)) s += w;
        strength[v] = s;
      } else {
        strength[v] = static_cast<double>(g.OutDegree(v));
      }
    }
  }
  int32_t size() const { return g.node_count(); }
  double Self(int32_t) const { return 0.0; }
  template <typename F>
  void ForEachArc(int32_t v, F&& f) const {
    auto targets = g.OutNeighbors(v);
    if (weighted) {
      auto weights = g.OutWeights(v);
      for (size_t i = 0; i < targets.size(); ++i) f(targets[i], weights[i]);
    } else {
      for (NodeId u : targets) f(u, 1.0);
    }
  }
};

// An aggregated level: nodes are communities of the level below.
struct MergedLevel {
  std::vector<int64_t> offsets{0};
  std::vector<int32_t> targets;
  std::vector<double> weights;
  std::vector<double> self;      // weight of the edges inside the node, each once
  std::vector<double> strength;  // sum of arc weights + 2 * self

  int32_t size() const { return static_cast<int32_t>(self.size()); }
  double Self(int32_t v) const { return self[v]; }
  template <typename F>
  void ForEachArc(int32_t v, F&& f) const {
    for (int64_t i = offsets[v]; i < offsets[v + 1]; ++i) f(targets[i], weights[i]);
  }
};

// Scratch space for summing arc weights per neighbouring community.
struct Scatter {
  explicit Scatter(int32_t n) : weight(n, 0.0), seen(n, 0) {}
  void Add(int32_t c, double w) {
    if (!seen[c]) {
      seen[c] = 1;
      touched.push_back(c);
    }
    weight[c] += w;
  }
  void Clear() {
    for (int32_t c : touched) {
      weight[c] = 0.0;
      seen[c] = 0;
    }
    touched.clear();
  }
  std::vector<double> weight;
  std::vector<char> seen;
  std::vector<int32_t> touched;
};

// Moves single nodes between communities until no move improves
// modularity. Returns whether anything moved.
template <typename Level>
bool MoveNodes(const Level& level, const std::vector<double>& strength,
               std::vector<int32_t>& community, double resolution, double total2,
               std::mt19937_64& rng) {
  const int32_t n = level.size();
  std::vector<double> tot(n, 0.0);
  for (int32_t v = 0; v < n; ++v) tot[community[v]] += strength[v];
  std::vector<int32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  Scatter scatter(n);
  bool any = false;
  const double scale = resolution / total2;
  for (int pass = 0; pass < 1000; ++pass) {
    int64_t moves = 0;
    for (int32_t v : order) {
      const int32_t old = community[v];
      const double kv = strength[v];
      scatter.Add(old, 0.0);
      level.ForEachArc(v, [&](int32_t u, double w) {
        if (u != v) scatter.Add(community[u], w);
      });
      tot[old] -= kv;
      int32_t best = old;
      double best_gain = scatter.weight[old] - tot[old] * kv * scale;
      // A move must gain more than rounding noise, or nodes could swap
      // back and forth between equally good communities forever.
      const double noise = 1e-12 * (kv + 1.0);
      for (int32_t c : scatter.touched) {
        double gain = scatter.weight[c] - tot[c] * kv * scale;
        if (gain > best_gain + noise) {
          best_gain = gain;
          best = c;
        }
      }
      tot[best] += kv;
      if (best != old) {
        community[v] = best;
        ++moves;
      }
      scatter.Clear();
    }
    if (moves == 0) break;
    any = true;
  }
  return any;
}

// Renumbers community to 0..count-1 in order of first appearance.
int32_t Renumber(std::vector<int32_t>& community) {
  std::vector<int32_t> index(community.size(), -1);
  int32_t count = 0;
  for (int32_t& c : community) {
    if (index[c] < 0) index[c] = count++;
    c = index[c];
  }
  return count;
}

template <typename Level>
MergedLevel Aggregate(const Level& level, const std::vector<double>& strength,
                      const std::vector<int32_t>& community, int32_t count) {
  const int32_t n = level.size();
  std::vector<int32_t> start(count + 1, 0), members(n);
  for (int32_t v = 0; v < n; ++v) ++start[community[v] + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  {
    std::vector<int32_t> fill(start.begin(), start.end() - 1);
    for (int32_t v = 0; v < n; ++v) members[fill[community[v]]++] = v;
  }
  MergedLevel out;
  out.self.assign(count, 0.0);
  out.strength.assign(count, 0.0);
  Scatter scatter(count);
  for (int32_t c = 0; c < count; ++c) {
    double inside = 0.0;
    for (int32_t i = start[c]; i < start[c + 1]; ++i) {
      int32_t v = members[i];
      out.self[c] += level.Self(v);
      out.strength[c] += strength[v];
      level.ForEachArc(v, [&](int32_t u, double w) {
        int32_t cu = community[u];
        if (cu == c)
          inside += w;
        else
          scatter.Add(cu, w);
      });
    }
    out.self[c] += inside / 2.0;
    std::sort(scatter.touched.begin(), scatter.touched.end());
    for (int32_t d : scatter.touched) {
      out.targets.push_back(d);
      out.weights.push_back(scatter.weight[d]);
    }
    out.offsets.push_back(static_cast<int64_t>(out.targets.size()));
    scatter.Clear();
  }
  return out;
}

// Builds the hierarchy from an initial partition of the base level, then
// refines on the way back down: at every level the nodes move once more,
// starting from the partition of the level above (Rotta and Noack's
// multilevel refinement). membership is updated in place; returns the
// number of levels built.
int Hierarchy(const BaseLevel& base, std::vector<int32_t>& membership, double resolution,
              double total2, std::mt19937_64& rng, bool base_moved) {
  int32_t count = Renumber(membership);
  if (!base_moved && count == base.size()) return 0;
  std::vector<MergedLevel> levels;
  std::vector<std::vector<int32_t>> up;  // up[i][v]: the node of level i + 1 holding v
  levels.push_back(Aggregate(base, base.strength, membership, count));
  while (true) {
    const MergedLevel& top = levels.back();
    std::vector<int32_t> community(top.size());
    std::iota(community.begin(), community.end(), 0);
    if (!MoveNodes(top, top.strength, community, resolution, total2, rng)) break;
    int32_t next_count = Renumber(community);
    MergedLevel next = Aggregate(top, top.strength, community, next_count);
    up.push_back(std::move(community));
    levels.push_back(std::move(next));
  }
  std::vector<int32_t> part(levels.back().size());
  std::iota(part.begin(), part.end(), 0);
  for (size_t i = levels.size() - 1; i-- > 0;) {
    std::vector<int32_t> below(levels[i].size());
    for (size_t v = 0; v < below.size(); ++v) below[v] = part[up[i][v]];
    MoveNodes(levels[i], levels[i].strength, below, resolution, total2, rng);
    part = std::move(below);
  }
  for (int32_t& c : membership) c = part[c];
  return static_cast<int>(levels.size());
}

Partition RunOnce(const BaseLevel& base, double resolution, double total2, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int32_t n = base.size();
  Partition p;
  std::vector<int32_t> membership(n);
  std::iota(membership.begin(), membership.end(), 0);
  bool moved = MoveNodes(base, base.strength, membership, resolution, total2, rng);
  p.levels = Hierarchy(base, membership, resolution, total2, rng, moved);
  // Refinement: move original nodes from the final partition, resume.
  double best = Modularity(base.g, membership, resolution, base.weighted);
  for (int round = 0; round < 16; ++round) {
    std::vector<int32_t> refined = membership;
    if (!MoveNodes(base, base.strength, refined, resolution, total2, rng)) break;
    p.levels += Hierarchy(base, refined, resolution, total2, rng, true);
    double q = Modularity(base.g, refined, resolution, base.weighted);
    if (q <= best + 1e-12) break;
    best = q;
    membership = std::move(refined);
  }
  p.community = std::move(membership);
  p.modularity = best;
  return p;
}

}  // namespace

double Modularity(const Graph& graph, std::span<const int32_t> community, double resolution,
                  bool weighted) {
  const Graph undirected_copy = graph.directed() ? graph.Undirected() : Graph();
  const Graph& g = graph.directed() ? undirected_copy : graph;
  const bool use_weights = weighted && g.weighted();
  const NodeId n = g.node_count();
  int32_t count = 0;
  for (int32_t c : community) count = std::max(count, c + 1);
  std::vector<double> inside(count, 0.0), degree(count, 0.0);
  double total = 0.0;  // sum of arc weights = 2m
  for (NodeId v = 0; v < n; ++v) {
    auto targets = g.OutNeighbors(v);
    auto weights = g.OutWeights(v);
    for (size_t i = 0; i < targets.size(); ++i) {
      double w = use_weights ? weights[i] : 1.0;
      total += w;
      degree[community[v]] += w;
      if (community[targets[i]] == community[v]) inside[community[v]] += w;
    }
  }
  if (total == 0.0) return 0.0;
  double q = 0.0;
  for (int32_t c = 0; c < count; ++c) {
    double share = degree[c] / total;
    q += inside[c] / total - resolution * share * share;
  }
  return q;
}

Partition Louvain(const Graph& graph, const LouvainOptions& options) {
  const Graph undirected_copy = graph.directed() ? graph.Undirected() : Graph();
  const Graph& g = graph.directed() ? undirected_copy : graph;
  BaseLevel base(g, options.weighted && g.weighted());
  double total2 = 0.0;
  for (double s : base.strength) total2 += s;
  const NodeId n = g.node_count();
  Partition best;
  if (total2 == 0.0) {  // no edges: every node alone
    best.community.resize(n);
    std::iota(best.community.begin(), best.community.end(), 0);
    best.count = n;
    best.runs = 1;
    return best;
  }
  // With runs unset: up to 64 runs on small graphs, fewer as they grow (one
  // from about a million ties up). Many seeded starts is what makes the
  // result reliably at least as good as NetworkX's (tests/differential).
  int runs = options.runs;
  if (runs <= 0) {
    double size = static_cast<double>(g.edge_count() + n);
    runs = static_cast<int>(std::clamp(2000000.0 / size, 1.0, 64.0));
  }
  int run = 0;
  for (; run < runs; ++run) {
    Partition p = RunOnce(base, options.resolution, total2, options.seed + 7919ULL * run);
    if (run == 0 || p.modularity > best.modularity + 1e-12) best = std::move(p);
  }
  best.runs = run;
  // Number communities by size, largest first, ties by smallest member.
  int32_t count = Renumber(best.community);  // first appearance = smallest member
  std::vector<int64_t> sizes(count, 0);
  for (int32_t c : best.community) ++sizes[c];
  std::vector<int32_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return sizes[a] > sizes[b]; });
  std::vector<int32_t> rank(count);
  for (int32_t i = 0; i < count; ++i) rank[order[i]] = i;
  for (int32_t& c : best.community) c = rank[c];
  best.count = count;
  return best;
}

}  // namespace vigil::graph
