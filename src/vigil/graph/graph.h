// Graph: an immutable network in compressed sparse row (CSR) form, the one
// structure every measure, community and path algorithm in graph/ reads.
//
// Nodes are 0..node_count()-1. An undirected graph stores each edge once per
// endpoint; a directed one keeps out- and in-adjacency. Parallel edges are
// merged into one (keeping the largest weight) and self-loops are dropped at
// build time, so every algorithm sees a simple graph; BuildReport counts what
// was merged or dropped. Build() may record, for each merged edge, which
// input edges it came from (the knowledge graph uses this to cite the
// relations behind a step). A Graph is read-only once built and may be shared
// between threads.
//
//   std::vector<InputEdge> edges = {{0, 1, 1.0}, {1, 2, 2.0}};
//   Graph g = Graph::Build(3, edges, {.directed = false, .weighted = true});
//   for (int32_t w : g.OutNeighbors(1)) ...
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace vigil::graph {

// The distance to a node no path reaches.
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

using NodeId = int32_t;

struct InputEdge {
  NodeId source = 0;
  NodeId target = 0;
  double weight = 1.0;
};

struct BuildOptions {
  bool directed = false;
  bool weighted = false;       // keep weights; otherwise every edge weighs 1
  bool record_inputs = false;  // remember which input edges each edge merges
};

struct BuildReport {
  int64_t self_loops = 0;  // dropped
  int64_t merged = 0;      // input edges folded into an earlier parallel edge
};

class Graph {
 public:
  Graph() = default;
  // node_count must exceed every endpoint. O(n + m log m).
  static Graph Build(NodeId node_count, std::span<const InputEdge> edges,
                     const BuildOptions& options, BuildReport* report = nullptr);

  NodeId node_count() const { return node_count_; }
  // Distinct edges (an undirected edge counts once).
  int64_t edge_count() const { return static_cast<int64_t>(edge_source_.size()); }
  bool directed() const { return directed_; }
  bool weighted() const { return !out_weights_.empty(); }

  // Successors (all neighbours when undirected), in increasing order.
  std::span<const NodeId> OutNeighbors(NodeId v) const {
    return {out_targets_.data() + out_offsets_[v], out_targets_.data() + out_offsets_[v + 1]};
  }
  // Predecessors (all neighbours when undirected), in increasing order.
  std::span<const NodeId> InNeighbors(NodeId v) const {
    if (!directed_) return OutNeighbors(v);
    return {in_targets_.data() + in_offsets_[v], in_targets_.data() + in_offsets_[v + 1]};
  }
  // Weights parallel to OutNeighbors / InNeighbors; empty when unweighted.
  std::span<const double> OutWeights(NodeId v) const;
  std::span<const double> InWeights(NodeId v) const;
  // Edge ids parallel to OutNeighbors / InNeighbors (0..edge_count()-1);
  // empty unless built with BuildOptions::record_inputs.
  std::span<const int32_t> OutEdges(NodeId v) const;
  std::span<const int32_t> InEdges(NodeId v) const;
  int64_t OutDegree(NodeId v) const { return out_offsets_[v + 1] - out_offsets_[v]; }
  int64_t InDegree(NodeId v) const {
    return directed_ ? in_offsets_[v + 1] - in_offsets_[v] : OutDegree(v);
  }

  // Edge e: endpoints as given (source < target when undirected) and weight.
  NodeId EdgeSource(int32_t e) const { return edge_source_[e]; }
  NodeId EdgeTarget(int32_t e) const { return edge_target_[e]; }
  double EdgeWeight(int32_t e) const { return edge_weight_.empty() ? 1.0 : edge_weight_[e]; }
  // Indices into Build()'s input of the edges merged into e, largest weight
  // first; empty unless BuildOptions::record_inputs.
  std::span<const int32_t> EdgeInputs(int32_t e) const;

  // The same nodes with every edge undirected (a copy when directed).
  Graph Undirected() const;
  // The subgraph induced by nodes (in that order: nodes[i] becomes i).
  Graph Induced(std::span<const NodeId> nodes) const;
  // Bytes held by the arrays.
  size_t MemoryBytes() const;

 private:
  NodeId node_count_ = 0;
  bool directed_ = false;
  std::vector<int64_t> out_offsets_{0}, in_offsets_;
  std::vector<NodeId> out_targets_, in_targets_;
  std::vector<double> out_weights_, in_weights_;
  std::vector<int32_t> out_edges_, in_edges_;
  std::vector<NodeId> edge_source_, edge_target_;
  std::vector<double> edge_weight_;
  std::vector<int64_t> input_offsets_;
  std::vector<int32_t> inputs_;
};

}  // namespace vigil::graph
