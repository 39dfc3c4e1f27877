// Centrality measures on the CSR graph: Brandes betweenness, distance sweeps
// for closeness and harmonic centrality, power iterations for eigenvector
// centrality and PageRank, and the Batagelj-Zaversnik core decomposition.
#include "vigil/graph/centrality.h"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "vigil/graph/internal/parallel.h"

namespace vigil::graph {
namespace {

// Per-thread scratch space for one single-source search. Arrays are reset
// only where the last search touched them.
struct SearchSpace {
  explicit SearchSpace(NodeId n)
      : hops(n, -1), distance(n, kInfinity), sigma(n, 0.0), delta(n, 0.0), settled(n, 0) {
    order.reserve(n);
  }
  void Reset() {
    for (NodeId v : order) {
      hops[v] = -1;
      distance[v] = kInfinity;
      sigma[v] = 0.0;
      delta[v] = 0.0;
      settled[v] = 0;
    }
    order.clear();
  }
  std::vector<int32_t> hops;
  std::vector<double> distance;
  std::vector<double> sigma, delta;
  std::vector<char> settled;
  std::vector<NodeId> order;  // visiting order (BFS or settle order)
  using Entry = std::pair<double, NodeId>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
};

// BFS from s along out-edges, counting shortest paths (sigma). Fills order.
void CountPathsUnweighted(const Graph& g, NodeId s, SearchSpace& w) {
  w.hops[s] = 0;
  w.sigma[s] = 1.0;
  w.order.push_back(s);
  for (size_t head = 0; head < w.order.size(); ++head) {
    NodeId v = w.order[head];
    int32_t next = w.hops[v] + 1;
    for (NodeId u : g.OutNeighbors(v)) {
      if (w.hops[u] < 0) {
        w.hops[u] = next;
        w.order.push_back(u);
      }
      if (w.hops[u] == next) w.sigma[u] += w.sigma[v];
    }
  }
}

// Dijkstra from s along out-edges; sigma[v] sums sigma over the
// predecessors p with distance[p] + w(p, v) == distance[v] (NetworkX's
// exact-equality rule for ties). Fills order in settle order.
void CountPathsWeighted(const Graph& g, NodeId s, SearchSpace& w) {
  w.distance[s] = 0.0;
  w.heap.push({0.0, s});
  while (!w.heap.empty()) {
    auto [d, v] = w.heap.top();
    w.heap.pop();
    if (w.settled[v] || d > w.distance[v]) continue;
    w.settled[v] = 1;
    w.order.push_back(v);
    if (v == s) {
      w.sigma[v] = 1.0;
    } else {
      auto preds = g.InNeighbors(v);
      auto weights = g.InWeights(v);
      double sigma = 0.0;
      for (size_t i = 0; i < preds.size(); ++i) {
        NodeId p = preds[i];
        if (w.settled[p] && w.distance[p] + weights[i] == d) sigma += w.sigma[p];
      }
      w.sigma[v] = sigma;
    }
    auto succ = g.OutNeighbors(v);
    auto weights = g.OutWeights(v);
    for (size_t i = 0; i < succ.size(); ++i) {
      NodeId u = succ[i];
      if (w.settled[u]) continue;
      double nd = d + weights[i];
      if (nd < w.distance[u]) {
        w.distance[u] = nd;
        w.heap.push({nd, u});
      }
    }
  }
}

// Adds the dependencies of source s to centrality (Brandes' back pass).
void Accumulate(const Graph& g, NodeId s, bool weighted, SearchSpace& w,
                std::vector<double>& centrality) {
  for (size_t i = w.order.size(); i-- > 0;) {
    NodeId v = w.order[i];
    double coefficient = (1.0 + w.delta[v]) / w.sigma[v];
    auto preds = g.InNeighbors(v);
    if (weighted) {
      auto weights = g.InWeights(v);
      for (size_t k = 0; k < preds.size(); ++k) {
        NodeId p = preds[k];
        if (w.settled[p] && w.distance[p] + weights[k] == w.distance[v])
          w.delta[p] += w.sigma[p] * coefficient;
      }
    } else {
      int32_t before = w.hops[v] - 1;
      for (NodeId p : preds)
        if (w.hops[p] == before) w.delta[p] += w.sigma[p] * coefficient;
    }
    if (v != s) centrality[v] += w.delta[v];
  }
}

struct DistanceSums {
  int64_t reached = 0;  // including the node itself
  double total = 0.0;
  double harmonic = 0.0;
};

// Distances *to* t (searching in-edges), as NetworkX's closeness and
// harmonic centrality use them.
DistanceSums SweepTo(const Graph& g, NodeId t, bool weighted, SearchSpace& w) {
  DistanceSums sums;
  if (!weighted) {
    w.hops[t] = 0;
    w.order.push_back(t);
    for (size_t head = 0; head < w.order.size(); ++head) {
      NodeId v = w.order[head];
      int32_t next = w.hops[v] + 1;
      for (NodeId u : g.InNeighbors(v)) {
        if (w.hops[u] >= 0) continue;
        w.hops[u] = next;
        w.order.push_back(u);
        sums.total += next;
        sums.harmonic += 1.0 / next;
      }
    }
    sums.reached = static_cast<int64_t>(w.order.size());
    return sums;
  }
  w.distance[t] = 0.0;
  w.heap.push({0.0, t});
  std::vector<NodeId>& touched = w.order;
  touched.push_back(t);
  w.hops[t] = 0;  // marks "touched"
  while (!w.heap.empty()) {
    auto [d, v] = w.heap.top();
    w.heap.pop();
    if (w.settled[v] || d > w.distance[v]) continue;
    w.settled[v] = 1;
    ++sums.reached;
    if (v != t) {
      sums.total += d;
      sums.harmonic += 1.0 / d;
    }
    auto preds = g.InNeighbors(v);
    auto weights = g.InWeights(v);
    for (size_t i = 0; i < preds.size(); ++i) {
      NodeId u = preds[i];
      if (w.settled[u]) continue;
      double nd = d + weights[i];
      if (nd < w.distance[u]) {
        if (w.hops[u] < 0) {
          w.hops[u] = 0;
          touched.push_back(u);
        }
        w.distance[u] = nd;
        w.heap.push({nd, u});
      }
    }
  }
  return sums;
}

// Whether one search per node is too little work to be worth threads
// (starting TBB's workers alone costs about a millisecond).
bool Small(const Graph& g) {
  const double n = g.node_count();
  return n * (n + 2.0 * static_cast<double>(g.edge_count())) < 2e6;
}

// Whether one sweep over the arcs is too little work to be worth threads.
bool FewArcs(const Graph& g) { return g.edge_count() < 100000; }

std::vector<DistanceSums> SweepAll(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  std::vector<DistanceSums> sums(n);
  if (Small(g)) {
    SearchSpace w(n);
    for (NodeId t = 0; t < n; ++t) {
      sums[t] = SweepTo(g, t, weighted, w);
      w.Reset();
    }
    return sums;
  }
  tbb::enumerable_thread_specific<SearchSpace> spaces([n] { return SearchSpace(n); });
  internal::ParallelRanges(n, 16, [&](int64_t begin, int64_t end) {
    SearchSpace& w = spaces.local();
    for (int64_t t = begin; t < end; ++t) {
      sums[t] = SweepTo(g, static_cast<NodeId>(t), weighted, w);
      w.Reset();
    }
  });
  return sums;
}

// Sum of share[p] (times the weights, when given) over preds, with four
// accumulators so that the additions do not wait on one another.
[[gnu::always_inline]] inline double SumOver(std::span<const NodeId> preds,
                                             std::span<const double> weights, const double* share) {
  const size_t k = preds.size();
  double a = 0.0, b = 0.0, c = 0.0, d = 0.0;
  size_t i = 0;
  if (weights.empty()) {
    for (; i + 4 <= k; i += 4) {
      a += share[preds[i]];
      b += share[preds[i + 1]];
      c += share[preds[i + 2]];
      d += share[preds[i + 3]];
    }
    for (; i < k; ++i) a += share[preds[i]];
  } else {
    for (; i + 4 <= k; i += 4) {
      a += share[preds[i]] * weights[i];
      b += share[preds[i + 1]] * weights[i + 1];
      c += share[preds[i + 2]] * weights[i + 2];
      d += share[preds[i + 3]] * weights[i + 3];
    }
    for (; i < k; ++i) a += share[preds[i]] * weights[i];
  }
  return (a + b) + (c + d);
}

// PageRank on one thread by successive over-relaxation: each node's new
// value is used at once (Gauss-Seidel) and pushed a little past it (omega).
// For an undirected graph without dangling nodes the system is similar to a
// symmetric positive definite one, where SOR converges for any 0 < omega < 2;
// 1.3 takes about half the sweeps of plain Gauss-Seidel, itself faster than
// the power iteration. Kept apart so that the compiler holds its values in
// registers. x holds the start and receives the result (summing to 1);
// false when it did not converge.
[[gnu::noinline]] bool SuccessiveOverRelaxation(const Graph& g, bool weighted, double alpha,
                                                double omega, double limit, int max_iterations,
                                                const std::vector<double>& strength,
                                                std::vector<double>& x) {
  const NodeId n = g.node_count();
  std::vector<double> inverse(n), share(n);
  double dangling_sum = 0.0;
  for (NodeId v = 0; v < n; ++v) {
    inverse[v] = strength[v] > 0.0 ? 1.0 / strength[v] : 0.0;
    share[v] = x[v] * inverse[v];
    if (strength[v] == 0.0) dangling_sum += x[v];
  }
  const double teleport = (1.0 - alpha) / n, alpha_over_n = alpha / n;
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    double change = 0.0;
    for (NodeId v = 0; v < n; ++v) {
      double sum = SumOver(g.InNeighbors(v), weighted ? g.InWeights(v) : std::span<const double>(),
                           share.data());
      const double target = alpha * sum + alpha_over_n * dangling_sum + teleport;
      const double delta = omega * (target - x[v]);
      change += std::fabs(delta);
      x[v] += delta;
      if (inverse[v] > 0.0)
        share[v] = x[v] * inverse[v];
      else
        dangling_sum += delta;
    }
    if (change < limit) {
      double total = 0.0;
      for (double value : x) total += value;
      for (double& value : x) value /= total;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<double> DegreeCentrality(const Graph& g, DegreeKind kind, bool normalized) {
  const NodeId n = g.node_count();
  std::vector<double> out(n, 0.0);
  double scale = normalized ? (n > 1 ? 1.0 / (n - 1) : 1.0) : 1.0;
  for (NodeId v = 0; v < n; ++v) {
    int64_t d = 0;
    switch (kind) {
      case DegreeKind::kIn:
        d = g.InDegree(v);
        break;
      case DegreeKind::kOut:
        d = g.OutDegree(v);
        break;
      case DegreeKind::kTotal:
        d = g.directed() ? g.InDegree(v) + g.OutDegree(v) : g.OutDegree(v);
        break;
    }
    out[v] = static_cast<double>(d) * scale;
  }
  return out;
}

std::vector<double> Betweenness(const Graph& g, const BetweennessOptions& options) {
  const NodeId n = g.node_count();
  const bool weighted = options.weighted && g.weighted();
  struct Local {
    explicit Local(NodeId n) : space(n), centrality(n, 0.0) {}
    SearchSpace space;
    std::vector<double> centrality;
  };
  auto run = [&](Local& local, int64_t begin, int64_t end) {
    for (int64_t s = begin; s < end; ++s) {
      if (weighted)
        CountPathsWeighted(g, static_cast<NodeId>(s), local.space);
      else
        CountPathsUnweighted(g, static_cast<NodeId>(s), local.space);
      Accumulate(g, static_cast<NodeId>(s), weighted, local.space, local.centrality);
      local.space.Reset();  // a full search settles every node it reached
    }
  };
  std::vector<double> centrality;
  if (Small(g)) {
    Local local(n);
    run(local, 0, n);
    centrality = std::move(local.centrality);
  } else {
    tbb::enumerable_thread_specific<Local> locals([n] { return Local(n); });
    internal::ParallelRanges(n, 8,
                             [&](int64_t begin, int64_t end) { run(locals.local(), begin, end); });
    centrality.assign(n, 0.0);
    for (const Local& local : locals)
      for (NodeId v = 0; v < n; ++v) centrality[v] += local.centrality[v];
  }
  double scale = 1.0;
  if (options.normalized)
    scale = n > 2 ? 1.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2)) : 1.0;
  else if (!g.directed())
    scale = 0.5;
  if (scale != 1.0)
    for (double& c : centrality) c *= scale;
  return centrality;
}

std::vector<double> Closeness(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  auto sums = SweepAll(g, weighted && g.weighted());
  std::vector<double> out(n, 0.0);
  for (NodeId v = 0; v < n; ++v) {
    const auto& s = sums[v];
    if (s.total > 0.0 && n > 1) {
      double r = static_cast<double>(s.reached - 1);
      out[v] = r / s.total * (r / static_cast<double>(n - 1));
    }
  }
  return out;
}

std::vector<double> Harmonic(const Graph& g, bool weighted) {
  auto sums = SweepAll(g, weighted && g.weighted());
  std::vector<double> out(sums.size());
  for (size_t v = 0; v < sums.size(); ++v) out[v] = sums[v].harmonic;
  return out;
}

StatusOr<std::vector<double>> Eigenvector(const Graph& g, const EigenvectorOptions& options) {
  const NodeId n = g.node_count();
  if (n == 0)
    return absl::InvalidArgumentError("eigenvector centrality of an empty graph is undefined");
  const bool weighted = options.weighted && g.weighted();
  std::vector<double> x(n, 1.0 / n), next(n);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    internal::ParallelRanges(n, FewArcs(g) ? n : 4096, [&](int64_t begin, int64_t end) {
      for (int64_t v = begin; v < end; ++v) {
        double sum = x[v];
        auto preds = g.InNeighbors(static_cast<NodeId>(v));
        if (weighted) {
          auto weights = g.InWeights(static_cast<NodeId>(v));
          for (size_t i = 0; i < preds.size(); ++i) sum += x[preds[i]] * weights[i];
        } else {
          for (NodeId p : preds) sum += x[p];
        }
        next[v] = sum;
      }
    });
    double squares = 0.0;
    for (double value : next) squares += value * value;
    double norm = std::sqrt(squares);
    if (norm == 0.0) norm = 1.0;
    double change = 0.0;
    for (NodeId v = 0; v < n; ++v) {
      next[v] /= norm;
      change += std::fabs(next[v] - x[v]);
    }
    x.swap(next);
    if (change < n * options.tolerance) return x;
  }
  return absl::FailedPreconditionError(fmt::format(
      "eigenvector centrality did not converge in {} iterations", options.max_iterations));
}

StatusOr<std::vector<double>> PageRank(const Graph& g, const PageRankOptions& options) {
  const NodeId n = g.node_count();
  if (n == 0) return std::vector<double>{};
  const bool weighted = options.weighted && g.weighted();
  const double alpha = options.alpha;
  // Out-strength of every node; dangling nodes have none.
  std::vector<double> strength(n, 0.0);
  for (NodeId v = 0; v < n; ++v) {
    if (weighted) {
      for (double w : g.OutWeights(v)) strength[v] += w;
    } else {
      strength[v] = static_cast<double>(g.OutDegree(v));
    }
  }
  std::vector<NodeId> dangling;
  for (NodeId v = 0; v < n; ++v)
    if (strength[v] == 0.0) dangling.push_back(v);
  // share[v] = x[v] / strength[v]: what v sends along each unit of weight.
  std::vector<double> x(n, 1.0 / n), next(n), share(n);
  const double teleport = (1.0 - alpha) / n;
  if (!g.directed() && dangling.empty()) {
    // On an undirected graph the walk without teleport settles in
    // proportion to strength: starting from the mix of that and the
    // teleport saves a good part of the sweeps.
    double total = 0.0;
    for (double s : strength) total += s;
    for (NodeId v = 0; v < n; ++v) x[v] = teleport + alpha * strength[v] / total;
  }
  if (FewArcs(g)) {
    const double omega = !g.directed() && dangling.empty() ? 1.3 : 1.0;
    const double limit = n * options.tolerance;
    if (SuccessiveOverRelaxation(g, weighted, alpha, omega, limit, options.max_iterations, strength,
                                 x))
      return x;
    x.assign(n, 1.0 / n);  // not expected; plain Gauss-Seidel always converges here
    if (omega != 1.0 && SuccessiveOverRelaxation(g, weighted, alpha, 1.0, limit,
                                                 options.max_iterations, strength, x))
      return x;
    return absl::FailedPreconditionError(
        fmt::format("PageRank did not converge in {} iterations", options.max_iterations));
  }
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    double dangling_sum = 0.0;
    for (NodeId v : dangling) dangling_sum += x[v];
    for (NodeId v = 0; v < n; ++v) share[v] = strength[v] > 0.0 ? x[v] / strength[v] : 0.0;
    const double base = alpha * dangling_sum / n + teleport;
    auto update = [&](int64_t begin, int64_t end, double acc) {
      for (int64_t v = begin; v < end; ++v) {
        auto node = static_cast<NodeId>(v);
        double sum =
            SumOver(g.InNeighbors(node), weighted ? g.InWeights(node) : std::span<const double>(),
                    share.data());
        double value = alpha * sum + base;
        acc += std::fabs(value - x[v]);
        next[v] = value;
      }
      return acc;
    };
    double change = FewArcs(g) ? update(0, n, 0.0)
                               : tbb::parallel_deterministic_reduce(
                                     tbb::blocked_range<int64_t>(0, n, 4096), 0.0,
                                     [&](const tbb::blocked_range<int64_t>& r, double acc) {
                                       return update(r.begin(), r.end(), acc);
                                     },
                                     std::plus<double>());
    x.swap(next);
    if (change < n * options.tolerance) return x;
  }
  return absl::FailedPreconditionError(
      fmt::format("PageRank did not converge in {} iterations", options.max_iterations));
}

std::vector<int32_t> CoreNumber(const Graph& g) {
  const NodeId n = g.node_count();
  std::vector<int32_t> degree(n);
  int32_t max_degree = 0;
  for (NodeId v = 0; v < n; ++v) {
    int64_t d = g.directed() ? g.InDegree(v) + g.OutDegree(v) : g.OutDegree(v);
    degree[v] = static_cast<int32_t>(d);
    max_degree = std::max(max_degree, degree[v]);
  }
  // Bin sort nodes by degree: bin_start[d] is where degree d begins in order.
  std::vector<int32_t> bin_start(static_cast<size_t>(max_degree) + 2, 0);
  for (NodeId v = 0; v < n; ++v) ++bin_start[degree[v] + 1];
  for (size_t d = 1; d < bin_start.size(); ++d) bin_start[d] += bin_start[d - 1];
  std::vector<NodeId> order(n);
  std::vector<int32_t> position(n);
  {
    std::vector<int32_t> fill(bin_start.begin(), bin_start.end() - 1);
    for (NodeId v = 0; v < n; ++v) {
      position[v] = fill[degree[v]]++;
      order[position[v]] = v;
    }
  }
  auto lower = [&](NodeId u, NodeId v) {
    if (degree[u] <= degree[v]) return;
    int32_t du = degree[u];
    int32_t pu = position[u], pw = bin_start[du];
    NodeId w = order[pw];
    if (u != w) {
      order[pu] = w;
      position[w] = pu;
      order[pw] = u;
      position[u] = pw;
    }
    ++bin_start[du];
    --degree[u];
  };
  for (int32_t i = 0; i < n; ++i) {
    NodeId v = order[i];
    for (NodeId u : g.OutNeighbors(v)) lower(u, v);
    if (g.directed())
      for (NodeId u : g.InNeighbors(v)) lower(u, v);
  }
  return degree;
}

}  // namespace vigil::graph
