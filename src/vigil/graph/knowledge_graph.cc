// Building filtered views of the knowledge snapshot, and exposure and path
// queries on them.
#include "vigil/graph/knowledge_graph.h"

#include <absl/algorithm/container.h>
#include <algorithm>
#include <cmath>
#include <utility>

namespace vigil::graph {
namespace {

struct PredicateWeightEntry {
  std::string_view predicate;
  double weight;
};

// Control, membership and material support are strong; alliances and
// political support medium; talks very weak; hostility, presence in a place
// and the act of designating carry no exposure.
constexpr PredicateWeightEntry kPredicateWeights[] = {
    {"leader_of", 0.95},
    {"holds_position_in", 0.9},
    {"member_of", 0.9},
    {"faction_of", 0.9},
    {"part_of", 0.9},
    {"funds", 0.9},
    {"arms", 0.9},
    {"affiliate_of", 0.85},
    {"founded", 0.8},
    {"shelters", 0.8},
    {"allied_with", 0.6},
    {"family_of", 0.6},
    {"supports", 0.5},
    {"shares_intelligence_with", 0.3},
    {"recruits_from", 0.3},
    {"split_from", 0.2},
    {"negotiates_with", 0.05},
    {"hostile_to", 0.0},
    {"operates_in", 0.0},
    {"designates", 0.0},
};

// Combined confidence of the claims that pass the party filter; -1 when no
// claim asserts the relation.
double Confidence(const KnowledgeRelation& r, const ViewFilter& filter) {
  double assert_miss = 1.0, deny_miss = 1.0;
  bool asserted = false;
  for (const auto& c : r.claims) {
    if (!PartyMatches(c, filter)) continue;
    if (c.denies) {
      deny_miss *= 1.0 - c.confidence;
    } else {
      asserted = true;
      assert_miss *= 1.0 - c.confidence;
    }
  }
  if (!asserted) return -1.0;
  return (1.0 - assert_miss) * deny_miss;
}

}  // namespace

bool PartyMatches(const KnowledgeClaim& c, const ViewFilter& filter) {
  if (filter.party_entities.empty() && filter.party_labels.empty()) return true;
  if (c.party_entity != 0 && std::find(filter.party_entities.begin(), filter.party_entities.end(),
                                       c.party_entity) != filter.party_entities.end())
    return true;
  return !c.party_label.empty() && absl::c_linear_search(filter.party_labels, c.party_label);
}

double PredicateWeight(std::string_view predicate) {
  for (const auto& entry : kPredicateWeights)
    if (entry.predicate == predicate) return entry.weight;
  return 0.0;
}

bool ValidDuring(const KnowledgeRelation& r, const DayRange& days) {
  if (days.Unbounded()) return true;
  if (!r.from_day.empty() && !r.to_day.empty() && r.from_day > r.to_day) return false;
  return days.Meets(r.from_day, r.to_day);
}

std::vector<int32_t> KnowledgeView::RelationsOf(int32_t edge) const {
  std::vector<int32_t> out;
  for (int32_t input : graph.EdgeInputs(edge)) out.push_back(inputs[input]);
  return out;
}

KnowledgeView BuildView(const KnowledgeSnapshot& snapshot, const ViewFilter& filter) {
  KnowledgeView view;
  const auto node_count = static_cast<NodeId>(snapshot.nodes.size());
  view.view_node.assign(node_count, -1);
  for (NodeId v = 0; v < node_count; ++v)
    if (snapshot.nodes[v].in_network) {
      view.view_node[v] = static_cast<NodeId>(view.snapshot_node.size());
      view.snapshot_node.push_back(v);
    }
  const size_t relation_count = snapshot.relations.size();
  view.confidence.assign(relation_count, -1.0);
  view.strength.assign(relation_count, -1.0);
  std::vector<InputEdge> edges;
  for (size_t i = 0; i < relation_count; ++i) {
    const auto& r = snapshot.relations[i];
    if (!ValidDuring(r, filter.days)) continue;
    if (!filter.predicates.empty() && !absl::c_linear_search(filter.predicates, r.predicate)) continue;
    double confidence = Confidence(r, filter);
    if (confidence < 0.0 || confidence < filter.min_confidence || confidence == 0.0) continue;
    double strength = PredicateWeight(r.predicate) * confidence;
    if (filter.drop_zero_strength && strength <= 0.0) continue;
    NodeId s = view.view_node[r.subject], t = view.view_node[r.object];
    if (s < 0 || t < 0) continue;
    view.confidence[i] = confidence;
    view.strength[i] = strength;
    edges.push_back({s, t, strength});
    view.inputs.push_back(static_cast<int32_t>(i));
    if (filter.directed && r.symmetric) {
      edges.push_back({t, s, strength});
      view.inputs.push_back(static_cast<int32_t>(i));
    }
  }
  view.graph = Graph::Build(static_cast<NodeId>(view.snapshot_node.size()), edges,
                            {.directed = filter.directed, .weighted = true, .record_inputs = true});
  return view;
}

std::vector<std::vector<DesignationRef>> DesignationsByNode(const KnowledgeSnapshot& snapshot,
                                                            const DesignationFilter& filter) {
  std::vector<std::vector<DesignationRef>> out(snapshot.nodes.size());
  for (size_t i = 0; i < snapshot.designations.size(); ++i) {
    const auto& d = snapshot.designations[i];
    if (!filter.as_of.empty() && !d.first_day.empty() && d.first_day > filter.as_of) continue;
    if (!filter.authorities.empty() && !absl::c_linear_search(filter.authorities, d.authority)) continue;
    out[d.entity].push_back({static_cast<int32_t>(i), -1});
  }
  // Designations of linked entities count for both sides (one step).
  std::vector<std::vector<DesignationRef>> own = out;
  for (const auto& link : snapshot.links) {
    for (auto [from, to] :
         {std::pair{link.entity, link.target}, std::pair{link.target, link.entity}})
      for (const auto& ref : own[from]) {
        bool known = false;
        for (const auto& have : out[to]) known = known || have.designation == ref.designation;
        if (!known) out[to].push_back({ref.designation, from});
      }
  }
  return out;
}

Neighbourhood NeighbourhoodOf(const KnowledgeSnapshot& snapshot, const KnowledgeView& view,
                              const std::vector<NodeId>& focus, int depth, size_t max_nodes) {
  Neighbourhood out;
  const size_t node_count = snapshot.nodes.size();
  // The view's relations by node (snapshot ids), in relation order.
  std::vector<std::vector<int32_t>> touching(node_count);
  for (size_t r = 0; r < snapshot.relations.size(); ++r) {
    if (view.strength[r] < 0.0) continue;  // filtered out
    const auto& relation = snapshot.relations[r];
    touching[relation.subject].push_back(static_cast<int32_t>(r));
    if (relation.object != relation.subject)
      touching[relation.object].push_back(static_cast<int32_t>(r));
  }
  std::vector<int32_t> hops(node_count, -1);
  auto take = [&](NodeId v, int32_t h) {
    if (hops[v] >= 0) return true;
    if (out.nodes.size() >= max_nodes) {
      out.truncated = true;
      return false;
    }
    hops[v] = h;
    out.nodes.push_back(v);
    out.hops.push_back(h);
    return true;
  };
  if (focus.empty()) {
    for (NodeId v = 0; v < static_cast<NodeId>(node_count); ++v)
      if (!touching[v].empty() && !take(v, 0)) break;
  } else {
    for (NodeId v : focus) take(v, 0);
    // Breadth first: a node's hops are its distance to the nearest focus.
    for (size_t next = 0; next < out.nodes.size() && !out.truncated; ++next) {
      const NodeId v = out.nodes[next];
      if (hops[v] >= depth) continue;
      for (int32_t r : touching[v]) {
        const auto& relation = snapshot.relations[r];
        const NodeId other = relation.subject == v ? relation.object : relation.subject;
        if (!take(other, hops[v] + 1)) break;
      }
    }
  }
  for (size_t r = 0; r < snapshot.relations.size(); ++r) {
    if (view.strength[r] < 0.0) continue;
    const auto& relation = snapshot.relations[r];
    if (hops[relation.subject] >= 0 && hops[relation.object] >= 0)
      out.relations.push_back(static_cast<int32_t>(r));
  }
  return out;
}

KnowledgeExposure KnowledgeExposureOf(const KnowledgeSnapshot& snapshot, NodeId start,
                                      const KnowledgeExposureOptions& options) {
  KnowledgeExposure result;
  ViewFilter filter = options.view;
  filter.directed = false;
  filter.drop_zero_strength = true;
  result.view = BuildView(snapshot, filter);
  result.designations = DesignationsByNode(snapshot, options.designations);
  const NodeId view_start = result.view.view_node[start];
  std::vector<char> flagged(result.view.snapshot_node.size(), 0);
  for (size_t v = 0; v < flagged.size(); ++v)
    flagged[v] = !result.designations[result.view.snapshot_node[v]].empty();
  if (view_start < 0) return result;  // not in the network: reaches nothing
  std::vector<double> strength(result.view.graph.edge_count());
  for (int32_t e = 0; e < result.view.graph.edge_count(); ++e)
    strength[e] = result.view.graph.EdgeWeight(e);
  result.hits = RankExposure(result.view.graph, view_start, flagged, strength, options.search);
  return result;
}

KnowledgePaths KnowledgePathsBetween(const KnowledgeSnapshot& snapshot, NodeId from, NodeId to,
                                     int k, const ViewFilter& options) {
  KnowledgePaths result;
  ViewFilter filter = options;
  filter.drop_zero_strength = true;
  result.view = BuildView(snapshot, filter);
  NodeId a = result.view.view_node[from], b = result.view.view_node[to];
  if (a < 0 || b < 0) return result;
  std::vector<double> cost(result.view.graph.edge_count());
  for (int32_t e = 0; e < result.view.graph.edge_count(); ++e)
    cost[e] = -std::log(result.view.graph.EdgeWeight(e));
  result.paths = KShortestPaths(result.view.graph, a, b, k, cost);
  for (auto& path : result.paths) path.score = std::exp(-path.cost);
  return result;
}

}  // namespace vigil::graph
