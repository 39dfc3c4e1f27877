// Building the CSR arrays: bucket edges by source, merge parallel edges,
// then lay out adjacency so that every neighbour list comes out sorted.
#include "vigil/graph/graph.h"

#include <algorithm>
#include <numeric>

namespace vigil::graph {
namespace {

struct Pending {
  NodeId target;
  double weight;
  int32_t input;
};

}  // namespace

Graph Graph::Build(NodeId node_count, std::span<const InputEdge> edges, const BuildOptions& options,
                   BuildReport* report) {
  Graph g;
  g.node_count_ = node_count;
  g.directed_ = options.directed;
  BuildReport local;
  BuildReport& counts = report ? *report : local;
  counts = {};

  // 1. Bucket by (normalised) source.
  std::vector<int64_t> bucket(static_cast<size_t>(node_count) + 1, 0);
  for (const auto& e : edges) {
    if (e.source == e.target) continue;
    NodeId s = options.directed ? e.source : std::min(e.source, e.target);
    ++bucket[s + 1];
  }
  std::partial_sum(bucket.begin(), bucket.end(), bucket.begin());
  std::vector<Pending> pending(static_cast<size_t>(bucket.back()));
  {
    std::vector<int64_t> fill(bucket.begin(), bucket.end() - 1);
    for (size_t i = 0; i < edges.size(); ++i) {
      const auto& e = edges[i];
      if (e.source == e.target) {
        ++counts.self_loops;
        continue;
      }
      NodeId s = e.source, t = e.target;
      if (!options.directed && t < s) std::swap(s, t);
      pending[fill[s]++] = {t, e.weight, static_cast<int32_t>(i)};
    }
  }

  // 2. Sort each bucket by target (then weight, largest first) and merge.
  std::vector<int32_t> merged_first;  // per edge: first index into pending
  for (NodeId s = 0; s < node_count; ++s) {
    auto first = pending.begin() + bucket[s], last = pending.begin() + bucket[s + 1];
    std::sort(first, last, [](const Pending& a, const Pending& b) {
      if (a.target != b.target) return a.target < b.target;
      if (a.weight != b.weight) return a.weight > b.weight;
      return a.input < b.input;
    });
    for (auto it = first; it != last; ++it) {
      if (it != first && it->target == (it - 1)->target) {
        ++counts.merged;
        if (options.record_inputs) g.inputs_.push_back(it->input);
        continue;
      }
      g.edge_source_.push_back(s);
      g.edge_target_.push_back(it->target);
      if (options.weighted) g.edge_weight_.push_back(it->weight);
      if (options.record_inputs) {
        g.input_offsets_.push_back(static_cast<int64_t>(g.inputs_.size()));
        g.inputs_.push_back(it->input);
      }
    }
  }
  if (options.record_inputs) g.input_offsets_.push_back(static_cast<int64_t>(g.inputs_.size()));
  pending.clear();
  pending.shrink_to_fit();

  // 3. Adjacency. Edges are sorted by (source, target), so appending in edge
  // order yields sorted neighbour lists (see the file comment).
  const auto m = static_cast<int64_t>(g.edge_source_.size());
  auto layout = [&](bool reverse_only, std::vector<int64_t>& offsets, std::vector<NodeId>& targets,
                    std::vector<double>& weights, std::vector<int32_t>& ids, bool both_ends) {
    offsets.assign(static_cast<size_t>(node_count) + 1, 0);
    for (int64_t e = 0; e < m; ++e) {
      if (both_ends) {
        ++offsets[g.edge_source_[e] + 1];
        ++offsets[g.edge_target_[e] + 1];
      } else {
        ++offsets[(reverse_only ? g.edge_target_[e] : g.edge_source_[e]) + 1];
      }
    }
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    targets.resize(static_cast<size_t>(offsets.back()));
    if (options.weighted) weights.resize(targets.size());
    if (options.record_inputs) ids.resize(targets.size());
    std::vector<int64_t> fill(offsets.begin(), offsets.end() - 1);
    auto place = [&](NodeId at, NodeId other, int64_t e) {
      int64_t k = fill[at]++;
      targets[k] = other;
      if (options.weighted) weights[k] = g.edge_weight_[e];
      if (options.record_inputs) ids[k] = static_cast<int32_t>(e);
    };
    for (int64_t e = 0; e < m; ++e) {
      NodeId s = g.edge_source_[e], t = g.edge_target_[e];
      if (both_ends) {
        place(s, t, e);
        place(t, s, e);
      } else if (reverse_only) {
        place(t, s, e);
      } else {
        place(s, t, e);
      }
    }
  };
  if (options.directed) {
    layout(false, g.out_offsets_, g.out_targets_, g.out_weights_, g.out_edges_, false);
    layout(true, g.in_offsets_, g.in_targets_, g.in_weights_, g.in_edges_, false);
  } else {
    layout(false, g.out_offsets_, g.out_targets_, g.out_weights_, g.out_edges_, true);
  }
  return g;
}

std::span<const double> Graph::OutWeights(NodeId v) const {
  if (out_weights_.empty()) return {};
  return {out_weights_.data() + out_offsets_[v], out_weights_.data() + out_offsets_[v + 1]};
}

std::span<const double> Graph::InWeights(NodeId v) const {
  if (!directed_) return OutWeights(v);
  if (in_weights_.empty()) return {};
  return {in_weights_.data() + in_offsets_[v], in_weights_.data() + in_offsets_[v + 1]};
}

std::span<const int32_t> Graph::OutEdges(NodeId v) const {
  if (out_edges_.empty()) return {};
  return {out_edges_.data() + out_offsets_[v], out_edges_.data() + out_offsets_[v + 1]};
}

std::span<const int32_t> Graph::InEdges(NodeId v) const {
  if (!directed_) return OutEdges(v);
  if (in_edges_.empty()) return {};
  return {in_edges_.data() + in_offsets_[v], in_edges_.data() + in_offsets_[v + 1]};
}

std::span<const int32_t> Graph::EdgeInputs(int32_t e) const {
  if (input_offsets_.empty()) return {};
  return {inputs_.data() + input_offsets_[e], inputs_.data() + input_offsets_[e + 1]};
}

Graph Graph::Undirected() const {
  if (!directed_) return *this;
  std::vector<InputEdge> edges(edge_source_.size());
  for (size_t e = 0; e < edges.size(); ++e)
    edges[e] = {edge_source_[e], edge_target_[e], EdgeWeight(static_cast<int32_t>(e))};
  return Build(node_count_, edges,
               {.directed = false, .weighted = weighted(), .record_inputs = false});
}

Graph Graph::Induced(std::span<const NodeId> nodes) const {
  std::vector<NodeId> index(static_cast<size_t>(node_count_), -1);
  for (size_t i = 0; i < nodes.size(); ++i) index[nodes[i]] = static_cast<NodeId>(i);
  std::vector<InputEdge> edges;
  for (size_t e = 0; e < edge_source_.size(); ++e) {
    NodeId s = index[edge_source_[e]], t = index[edge_target_[e]];
    if (s >= 0 && t >= 0) edges.push_back({s, t, EdgeWeight(static_cast<int32_t>(e))});
  }
  return Build(static_cast<NodeId>(nodes.size()), edges,
               {.directed = directed_, .weighted = weighted(), .record_inputs = false});
}

size_t Graph::MemoryBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return bytes(out_offsets_) + bytes(in_offsets_) + bytes(out_targets_) + bytes(in_targets_) +
         bytes(out_weights_) + bytes(in_weights_) + bytes(out_edges_) + bytes(in_edges_) +
         bytes(edge_source_) + bytes(edge_target_) + bytes(edge_weight_) + bytes(input_offsets_) +
         bytes(inputs_);
}

}  // namespace vigil::graph
