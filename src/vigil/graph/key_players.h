// The key-player problem (Borgatti 2006, KPP-Neg): the set of k nodes whose
// removal fragments the network most.
//
// Fragmentation of the graph left after removing a set S (n' nodes, read as
// undirected) is F = 1 - sum_k s_k (s_k - 1) / (n' (n' - 1)), where s_k are
// the sizes of its components: the share of node pairs that can no longer
// reach each other. Distance-weighted fragmentation (Borgatti's DF) is
// 1 - sum_{i != j} (1 / d_ij) / (n' (n' - 1)), with 1/d = 0 for unreachable
// pairs.
//
// When C(n, k) is small enough every set is tried (exact); otherwise a
// greedy start is improved by Borgatti's swap search from several starts.
//
//   auto best = graph::KeyPlayers(g, {.k = 3});
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/graph/graph.h"

namespace vigil::graph {

struct KeyPlayerOptions {
  int k = 1;
  int64_t exhaustive_limit = 250000;  // try every set when C(n, k) is at most this
  int restarts = 8;                   // swap-search starts otherwise
  uint64_t seed = 1;
};

struct KeyPlayerResult {
  std::vector<NodeId> players;  // in increasing order
  double fragmentation = 0.0;   // after removal
  double fragmentation_before = 0.0;
  double distance_fragmentation = 0.0;  // DF after removal
  int32_t components = 0;               // after removal
  int64_t largest_component = 0;        // after removal
  bool exhaustive = false;
  int64_t sets_evaluated = 0;
};

// F of the graph without the removed nodes (removed[v] != 0).
double Fragmentation(const Graph& g, std::span<const char> removed);
// DF of the graph without the removed nodes; O(n m).
double DistanceFragmentation(const Graph& g, std::span<const char> removed);

// InvalidArgument unless 1 <= k < n - 1.
StatusOr<KeyPlayerResult> KeyPlayers(const Graph& g, const KeyPlayerOptions& options);

}  // namespace vigil::graph
