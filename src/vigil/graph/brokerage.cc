// Burt's constraint and effective size on mutual-weight adjacency lists.
#include "vigil/graph/brokerage.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil::graph {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// Every node's contacts (tied either way), in increasing order, with the
// mutual weight a(u, x) + a(x, u), their sum and their largest value.
struct Mutual {
  std::vector<int64_t> offsets{0};
  std::vector<NodeId> contacts;
  std::vector<double> weights;
  std::vector<double> sum, max;

  Mutual(const Graph& g, bool weighted) {
    const NodeId n = g.node_count();
    sum.assign(n, 0.0);
    max.assign(n, 0.0);
    for (NodeId u = 0; u < n; ++u) {
      auto out = g.OutNeighbors(u);
      auto in = g.InNeighbors(u);
      auto out_w = weighted ? g.OutWeights(u) : std::span<const double>();
      auto in_w = weighted ? g.InWeights(u) : std::span<const double>();
      size_t i = 0, j = 0;
      while (i < out.size() || j < in.size()) {
        NodeId x;
        double m = 0.0;
        if (j == in.size() || (i < out.size() && out[i] < in[j])) {
          x = out[i];
          m = out_w.empty() ? 1.0 : out_w[i];
          ++i;
        } else if (i == out.size() || in[j] < out[i]) {
          x = in[j];
          m = in_w.empty() ? 1.0 : in_w[j];
          ++j;
        } else {  // tied both ways (always so when undirected)
          x = out[i];
          m = (out_w.empty() ? 1.0 : out_w[i]) + (in_w.empty() ? 1.0 : in_w[j]);
          ++i, ++j;
        }
        contacts.push_back(x);
        weights.push_back(m);
        sum[u] += m;
        max[u] = std::max(max[u], m);
      }
      offsets.push_back(static_cast<int64_t>(contacts.size()));
    }
  }
  std::span<const NodeId> Contacts(NodeId u) const {
    return {contacts.data() + offsets[u], contacts.data() + offsets[u + 1]};
  }
  std::span<const double> Weights(NodeId u) const {
    return {weights.data() + offsets[u], weights.data() + offsets[u + 1]};
  }
};

// NetworkX leaves a node undefined when it has no successor (no tie at all,
// in an undirected graph).
bool Undefined(const Graph& g, NodeId u) { return g.OutDegree(u) == 0; }

}  // namespace

std::vector<double> Constraint(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  const Mutual mutual(g, weighted && g.weighted());
  std::vector<double> out(n, kUndefined);
  std::vector<double> indirect(n, 0.0);  // sum over w of p(u, w) p(w, x), by x
  for (NodeId u = 0; u < n; ++u) {
    if (Undefined(g, u)) continue;
    auto contacts = mutual.Contacts(u);
    auto weights = mutual.Weights(u);
    for (size_t i = 0; i < contacts.size(); ++i) {
      const NodeId w = contacts[i];
      if (mutual.sum[w] == 0.0 || mutual.sum[u] == 0.0) continue;
      const double p_uw = weights[i] / mutual.sum[u];
      auto next = mutual.Contacts(w);
      auto next_weights = mutual.Weights(w);
      for (size_t k = 0; k < next.size(); ++k)
        indirect[next[k]] += p_uw * next_weights[k] / mutual.sum[w];
    }
    double c = 0.0;
    for (size_t i = 0; i < contacts.size(); ++i) {
      const double p_uv = mutual.sum[u] == 0.0 ? 0.0 : weights[i] / mutual.sum[u];
      const double local = p_uv + indirect[contacts[i]];
      c += local * local;
    }
    out[u] = c;
    for (NodeId w : contacts)
      for (NodeId x : mutual.Contacts(w)) indirect[x] = 0.0;
  }
  return out;
}

std::vector<double> EffectiveSize(const Graph& g, bool weighted) {
  const NodeId n = g.node_count();
  const Mutual mutual(g, weighted && g.weighted());
  std::vector<double> out(n, kUndefined);
  std::vector<double> share(n, 0.0);  // p(u, w) for the contacts w of u
  for (NodeId u = 0; u < n; ++u) {
    if (Undefined(g, u)) continue;
    auto contacts = mutual.Contacts(u);
    auto weights = mutual.Weights(u);
    for (size_t i = 0; i < contacts.size(); ++i)
      share[contacts[i]] = mutual.sum[u] == 0.0 ? 0.0 : weights[i] / mutual.sum[u];
    double size = 0.0;
    for (NodeId v : contacts) {
      double redundancy = 0.0;
      if (mutual.max[v] != 0.0) {
        auto next = mutual.Contacts(v);
        auto next_weights = mutual.Weights(v);
        for (size_t k = 0; k < next.size(); ++k)
          redundancy += share[next[k]] * next_weights[k] / mutual.max[v];
      }
      size += 1.0 - redundancy;
    }
    out[u] = size;
    for (NodeId w : contacts) share[w] = 0.0;
  }
  return out;
}

}  // namespace vigil::graph
