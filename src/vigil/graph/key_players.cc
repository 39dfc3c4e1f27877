// Key-player search: fragmentation by breadth-first components, exhaustive
// enumeration of k-subsets when affordable, swap search otherwise.
#include "vigil/graph/key_players.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace vigil::graph {
namespace {

// Fragmentation with reusable buffers; g must be undirected.
class FragmentationMeter {
 public:
  explicit FragmentationMeter(const Graph& g)
      : g_(g), seen_(g.node_count()), queue_(g.node_count()) {}

  double Measure(std::span<const char> removed, int32_t* components = nullptr,
                 int64_t* largest = nullptr) {
    const NodeId n = g_.node_count();
    std::fill(seen_.begin(), seen_.end(), 0);
    int64_t remaining = 0;
    double pairs = 0.0;  // sum s (s - 1)
    int32_t count = 0;
    int64_t biggest = 0;
    for (NodeId root = 0; root < n; ++root) {
      if (removed[root] || seen_[root]) continue;
      size_t head = 0, tail = 0;
      queue_[tail++] = root;
      seen_[root] = 1;
      while (head < tail) {
        NodeId v = queue_[head++];
        for (NodeId u : g_.OutNeighbors(v))
          if (!removed[u] && !seen_[u]) {
            seen_[u] = 1;
            queue_[tail++] = u;
          }
      }
      auto size = static_cast<int64_t>(tail);
      remaining += size;
      pairs += static_cast<double>(size) * static_cast<double>(size - 1);
      ++count;
      biggest = std::max(biggest, size);
    }
    if (components) *components = count;
    if (largest) *largest = biggest;
    if (remaining < 2) return 1.0;
    return 1.0 - pairs / (static_cast<double>(remaining) * static_cast<double>(remaining - 1));
  }

 private:
  const Graph& g_;
  std::vector<char> seen_;
  std::vector<NodeId> queue_;
};

// C(n, k) capped at cap + 1.
int64_t Binomial(int64_t n, int64_t k, int64_t cap) {
  double result = 1.0;
  for (int64_t i = 1; i <= k; ++i) {
    result = result * static_cast<double>(n - k + i) / static_cast<double>(i);
    if (result > static_cast<double>(cap)) return cap + 1;
  }
  return static_cast<int64_t>(std::llround(result));
}

}  // namespace

double Fragmentation(const Graph& graph, std::span<const char> removed) {
  const Graph undirected_copy = graph.directed() ? graph.Undirected() : Graph();
  const Graph& g = graph.directed() ? undirected_copy : graph;
  return FragmentationMeter(g).Measure(removed);
}

double DistanceFragmentation(const Graph& graph, std::span<const char> removed) {
  const Graph undirected_copy = graph.directed() ? graph.Undirected() : Graph();
  const Graph& g = graph.directed() ? undirected_copy : graph;
  const NodeId n = g.node_count();
  std::vector<int32_t> hops(n, -1);
  std::vector<NodeId> queue(n);
  double reciprocal = 0.0;
  int64_t remaining = 0;
  for (NodeId s = 0; s < n; ++s) {
    if (removed[s]) continue;
    ++remaining;
    size_t head = 0, tail = 0;
    queue[tail++] = s;
    hops[s] = 0;
    while (head < tail) {
      NodeId v = queue[head++];
      for (NodeId u : g.OutNeighbors(v))
        if (!removed[u] && hops[u] < 0) {
          hops[u] = hops[v] + 1;
          reciprocal += 1.0 / hops[u];
          queue[tail++] = u;
        }
    }
    for (size_t i = 0; i < tail; ++i) hops[queue[i]] = -1;
  }
  if (remaining < 2) return 1.0;
  return 1.0 - reciprocal / (static_cast<double>(remaining) * static_cast<double>(remaining - 1));
}

StatusOr<KeyPlayerResult> KeyPlayers(const Graph& graph, const KeyPlayerOptions& options) {
  const Graph undirected_copy = graph.directed() ? graph.Undirected() : Graph();
  const Graph& g = graph.directed() ? undirected_copy : graph;
  const NodeId n = g.node_count();
  const int k = options.k;
  if (k < 1 || k >= n - 1)
    return FieldError("k", fmt::format("must be at least 1 and less than the number of nodes "
                                       "minus one ({}), got {}",
                                       std::max(0, n - 1), k));
  FragmentationMeter meter(g);
  std::vector<char> removed(n, 0);
  KeyPlayerResult result;
  result.fragmentation_before = meter.Measure(removed);

  std::vector<NodeId> best;
  double best_score = -1.0;
  int64_t evaluated = 0;
  auto evaluate = [&](const std::vector<NodeId>& set) {
    for (NodeId v : set) removed[v] = 1;
    double f = meter.Measure(removed);
    for (NodeId v : set) removed[v] = 0;
    ++evaluated;
    return f;
  };

  if (Binomial(n, k, options.exhaustive_limit) <= options.exhaustive_limit) {
    result.exhaustive = true;
    std::vector<NodeId> set(k);
    std::iota(set.begin(), set.end(), 0);
    while (true) {
      double f = evaluate(set);
      if (f > best_score + 1e-12) {
        best_score = f;
        best = set;
      }
      int i = k - 1;  // next combination in lexicographic order
      while (i >= 0 && set[i] == n - k + i) --i;
      if (i < 0) break;
      ++set[i];
      for (int j = i + 1; j < k; ++j) set[j] = set[j - 1] + 1;
    }
  } else {
    // Greedy start: repeatedly remove the node that fragments most.
    std::vector<NodeId> greedy;
    std::vector<char> in_set(n, 0);
    for (int step = 0; step < k; ++step) {
      NodeId pick = -1;
      double pick_score = -1.0;
      for (NodeId v = 0; v < n; ++v) {
        if (in_set[v]) continue;
        greedy.push_back(v);
        double f = evaluate(greedy);
        greedy.pop_back();
        if (f > pick_score + 1e-12) {
          pick_score = f;
          pick = v;
        }
      }
      greedy.push_back(pick);
      in_set[pick] = 1;
    }
    std::mt19937_64 rng(options.seed);
    const bool swaps = static_cast<int64_t>(n) * k <= 20000;
    for (int start = 0; start < (swaps ? options.restarts : 1); ++start) {
      std::vector<NodeId> set = greedy;
      if (start > 0) {  // a random start
        std::vector<NodeId> all(n);
        std::iota(all.begin(), all.end(), 0);
        std::shuffle(all.begin(), all.end(), rng);
        set.assign(all.begin(), all.begin() + k);
      }
      double score = evaluate(set);
      while (swaps) {  // best improving swap, until none improves
        std::fill(in_set.begin(), in_set.end(), 0);
        for (NodeId v : set) in_set[v] = 1;
        double swap_score = score;
        int swap_out = -1;
        NodeId swap_in = -1;
        for (int i = 0; i < k; ++i) {
          NodeId keep = set[i];
          for (NodeId v = 0; v < n; ++v) {
            if (in_set[v]) continue;
            set[i] = v;
            double f = evaluate(set);
            if (f > swap_score + 1e-12) {
              swap_score = f;
              swap_out = i;
              swap_in = v;
            }
          }
          set[i] = keep;
        }
        if (swap_out < 0) break;
        set[swap_out] = swap_in;
        score = swap_score;
      }
      std::sort(set.begin(), set.end());
      if (score > best_score + 1e-12 || (std::fabs(score - best_score) <= 1e-12 && set < best)) {
        best_score = score;
        best = set;
      }
    }
  }
  std::sort(best.begin(), best.end());
  for (NodeId v : best) removed[v] = 1;
  result.fragmentation = meter.Measure(removed, &result.components, &result.largest_component);
  result.distance_fragmentation = DistanceFragmentation(g, removed);
  result.players = std::move(best);
  result.sets_evaluated = evaluated;
  return result;
}

}  // namespace vigil::graph
