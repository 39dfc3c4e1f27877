// Network analysis on a network file or on the store's graph view: reading
// and trimming networks, and the measures, communities, key players and
// exports that work alike on both. The store's side (the graph snapshot,
// exposure, paths) is in engine/exposure.cc.
#include "vigil/engine/analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "vigil/base/file.h"
#include "vigil/engine/engine.h"
#include "vigil/graph/brokerage.h"
#include "vigil/graph/centrality.h"
#include "vigil/graph/communities.h"
#include "vigil/graph/components.h"
#include "vigil/graph/key_players.h"

namespace vigil {
namespace {

using graph::NodeId;

graph::Graph BuildGraph(const network::Network& net, graph::BuildReport* report) {
  std::vector<graph::InputEdge> edges;
  edges.reserve(net.edges.size());
  for (const auto& e : net.edges) edges.push_back({e.source, e.target, e.weight});
  return graph::Graph::Build(static_cast<NodeId>(net.labels.size()), edges,
                             {.directed = net.directed, .weighted = net.weighted}, report);
}

void AddBuildWarnings(const std::string& origin, const graph::BuildReport& report,
                      std::vector<std::string>& warnings) {
  if (report.self_loops > 0)
    warnings.push_back(fmt::format("{}: {} self-loop{} ignored", origin, report.self_loops,
                                   report.self_loops == 1 ? "" : "s"));
  if (report.merged > 0)
    warnings.push_back(fmt::format("{}: {} repeated tie{} merged (the largest weight kept)", origin,
                                   report.merged, report.merged == 1 ? "" : "s"));
}

// The graph a distance measure runs on when weighted: lengths are the
// weights, or on the store 1 / strength (ties of strength 0 left out).
StatusOr<graph::Graph> DistanceGraph(const AnalysisNetwork& net) {
  const auto& g = net.graph;
  std::vector<graph::InputEdge> edges;
  for (int32_t e = 0; e < g.edge_count(); ++e) {
    double w = g.EdgeWeight(e);
    if (net.strengths) {
      if (w <= 0.0) continue;
      w = 1.0 / w;
    } else if (!(w > 0.0)) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: weight: the tie {} - {} weighs {}; weighted distances need positive weights "
          "(rank it unweighted, or fix the weight)",
          net.origin, net.network.labels[g.EdgeSource(e)], net.network.labels[g.EdgeTarget(e)], w));
    }
    edges.push_back({g.EdgeSource(e), g.EdgeTarget(e), w});
  }
  return graph::Graph::Build(g.node_count(), edges, {.directed = g.directed(), .weighted = true});
}

// Betweenness, closeness or harmonic centrality: on lengths when weighted.
StatusOr<std::vector<double>> DistanceMeasure(const AnalysisNetwork& net,
                                              const RankOptions& options, bool weighted) {
  graph::Graph lengths;
  if (weighted) {
    auto d = DistanceGraph(net);
    if (!d.ok()) return d.status();
    lengths = std::move(*d);
  }
  const graph::Graph& h = weighted ? lengths : net.graph;
  if (options.measure == Measure::kBetweenness)
    return graph::Betweenness(h, {.weighted = weighted, .normalized = !options.raw});
  if (options.measure == Measure::kCloseness) return graph::Closeness(h, weighted);
  return graph::Harmonic(h, weighted);
}

// The measure's value for every node; NaN where it is undefined.
StatusOr<std::vector<double>> MeasureValues(const AnalysisNetwork& net,
                                            const RankOptions& options) {
  const graph::Graph& g = net.graph;
  const bool weighted = options.weighted && g.weighted();
  switch (options.measure) {
    case Measure::kDegree:
      return graph::DegreeCentrality(g, graph::DegreeKind::kTotal, !options.raw);
    case Measure::kInDegree:
      return graph::DegreeCentrality(g, graph::DegreeKind::kIn, !options.raw);
    case Measure::kOutDegree:
      return graph::DegreeCentrality(g, graph::DegreeKind::kOut, !options.raw);
    case Measure::kBetweenness:
    case Measure::kCloseness:
    case Measure::kHarmonic:
      return DistanceMeasure(net, options, weighted);
    case Measure::kEigenvector:
      return graph::Eigenvector(g, {.weighted = weighted});
    case Measure::kPageRank:
      return graph::PageRank(g, {.weighted = weighted});
    case Measure::kConstraint:
      return graph::Constraint(g, weighted);
    case Measure::kEffectiveSize:
      return graph::EffectiveSize(g, weighted);
    case Measure::kKCore: {
      auto core = graph::CoreNumber(g);
      return std::vector<double>(core.begin(), core.end());
    }
  }
  return absl::InternalError("unknown measure");
}

}  // namespace

StatusOr<AnalysisNetwork> ReadNetworkFile(const NetworkFileOptions& options) {
  auto text = ReadFile(options.path);
  if (!text.ok()) return text.status();
  auto read = network::ReadNetwork(
      *text, {.path = options.path, .format = options.format, .directed = options.directed});
  if (!read.ok()) return read.status();
  AnalysisNetwork net;
  net.origin = options.path;
  net.network = std::move(*read);
  net.warnings = net.network.warnings;
  graph::BuildReport report;
  net.graph = BuildGraph(net.network, &report);
  AddBuildWarnings(options.path, report, net.warnings);
  for (const auto& label : net.network.labels) net.refs.push_back({label, {}, {}});
  return net;
}

void KeepLargestComponent(AnalysisNetwork& net) {
  auto parts = graph::ConnectedComponents(net.graph);
  int32_t largest = parts.Largest();
  if (largest < 0 || parts.count() == 1) return;
  std::vector<NodeId> keep;
  std::vector<int32_t> index(net.graph.node_count(), -1);
  for (NodeId v = 0; v < net.graph.node_count(); ++v)
    if (parts.component[v] == largest) {
      index[v] = static_cast<int32_t>(keep.size());
      keep.push_back(v);
    }
  network::Network kept;
  kept.path = net.network.path;
  kept.format = net.network.format;
  kept.directed = net.network.directed;
  kept.weighted = net.network.weighted;
  for (NodeId v : keep) kept.labels.push_back(net.network.labels[v]);
  for (const auto& column : net.network.node_attributes) {
    network::Attribute a{column.name, column.type, {}};
    for (NodeId v : keep)
      a.values.push_back(v < static_cast<NodeId>(column.values.size()) ? column.values[v] : "");
    kept.node_attributes.push_back(std::move(a));
  }
  for (const auto& column : net.network.edge_attributes)
    kept.edge_attributes.push_back({column.name, column.type, {}});
  for (size_t e = 0; e < net.network.edges.size(); ++e) {
    const auto& edge = net.network.edges[e];
    if (index[edge.source] < 0 || index[edge.target] < 0) continue;
    kept.edges.push_back({index[edge.source], index[edge.target], edge.weight});
    for (size_t c = 0; c < net.network.edge_attributes.size(); ++c) {
      const auto& values = net.network.edge_attributes[c].values;
      kept.edge_attributes[c].values.push_back(e < values.size() ? values[e] : "");
    }
  }
  std::vector<NodeRef> refs;
  for (NodeId v : keep) refs.push_back(net.refs[v]);
  net.warnings.push_back(fmt::format("{}: kept the largest of {} components ({} of {} nodes)",
                                     net.origin, parts.count(), keep.size(),
                                     net.graph.node_count()));
  net.graph = net.graph.Induced(keep);
  net.network = std::move(kept);
  net.refs = std::move(refs);
}

StatusOr<AnalysisNetwork> OpenNetwork(const NetworkSource& source, Engine* engine) {
  if (auto s = source.Validate(); !s.ok()) return s;
  StatusOr<AnalysisNetwork> net = absl::InternalError("no network");
  if (!source.graph.empty())
    net = ReadNetworkFile(
        {.path = source.graph, .format = source.format, .directed = source.view.directed});
  else if (engine)
    net = engine->Network(source.view);
  else
    return absl::InternalError("the knowledge base's network needs an open engine");
  if (net.ok() && source.largest_component) KeepLargestComponent(*net);
  return net;
}

StatusOr<RankResult> RankNetwork(const AnalysisNetwork& net, const RankOptions& options) {
  if (auto s = options.Validate(); !s.ok()) return s;
  const Measure m = options.measure;
  if (!net.graph.directed() && (m == Measure::kInDegree || m == Measure::kOutDegree))
    return FieldError("measure", fmt::format("{} needs a directed network (read the network as "
                                             "directed, or use degree)",
                                             MeasureName(m)));
  auto values = MeasureValues(net, options);
  if (!values.ok()) return values.status();
  const std::vector<double>& value = *values;
  // Highest first, except constraint, where the least constrained (the
  // brokers) come first; undefined values (a node without ties) last.
  const bool ascending = m == Measure::kConstraint;
  std::vector<NodeId> order(value.size());
  for (size_t v = 0; v < order.size(); ++v) order[v] = static_cast<NodeId>(v);
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
    if (std::isnan(value[a]) || std::isnan(value[b]))
      return !std::isnan(value[a]) && std::isnan(value[b]);
    return ascending ? value[a] < value[b] : value[a] > value[b];
  });
  size_t count = options.top > 0 ? std::min<size_t>(options.top, order.size()) : order.size();
  RankResult result;
  result.measure = m;
  for (size_t i = 0; i < count; ++i) {
    NodeId v = order[i];
    std::optional<double> x;
    if (!std::isnan(value[v])) x = value[v];
    result.rows.push_back({static_cast<int64_t>(i + 1), net.refs[v], x});
  }
  return result;
}

StatusOr<CommunitiesResult> CommunitiesOf(const AnalysisNetwork& net,
                                          const CommunityOptions& options) {
  if (auto s = options.Validate(); !s.ok()) return s;
  const graph::Graph& g = net.graph;
  auto partition = graph::Louvain(g, {.resolution = options.resolution,
                                      .weighted = options.weighted,
                                      .seed = options.seed,
                                      .runs = options.runs});
  CommunitiesResult result;
  result.origin = net.origin;
  result.nodes = g.node_count();
  result.edges = g.edge_count();
  result.directed_read_as_undirected = g.directed();
  result.weighted = options.weighted && g.weighted();
  result.resolution = options.resolution;
  result.modularity = partition.modularity;
  result.runs = partition.runs;
  result.communities.resize(partition.count);
  for (int32_t c = 0; c < partition.count; ++c) result.communities[c].id = c;
  for (NodeId v = 0; v < g.node_count(); ++v)
    result.communities[partition.community[v]].members.push_back(net.refs[v]);
  result.component_sizes = graph::ConnectedComponents(g).sizes;
  std::sort(result.component_sizes.rbegin(), result.component_sizes.rend());
  return result;
}

StatusOr<KeyPlayersResult> KeyPlayersOf(const AnalysisNetwork& net,
                                        const KeyPlayerOptions& options) {
  if (auto s = options.Validate(); !s.ok()) return s;
  auto found = graph::KeyPlayers(net.graph, {.k = options.k});
  if (!found.ok()) return found.status();
  KeyPlayersResult result;
  result.origin = net.origin;
  result.nodes = net.graph.node_count();
  result.edges = net.graph.edge_count();
  result.k = options.k;
  for (NodeId v : found->players) result.players.push_back(net.refs[v]);
  result.fragmentation = found->fragmentation;
  result.fragmentation_before = found->fragmentation_before;
  result.distance_fragmentation = found->distance_fragmentation;
  result.components_after = found->components;
  result.largest_component_after = found->largest_component;
  result.exhaustive = found->exhaustive;
  result.sets_evaluated = found->sets_evaluated;
  for (NodeId v : graph::ArticulationPoints(net.graph))
    result.articulation_points.push_back(net.refs[v]);
  for (auto [a, b] : graph::Bridges(net.graph))
    result.bridges.emplace_back(net.refs[a], net.refs[b]);
  return result;
}

StatusOr<ExportResult> ExportNetwork(const AnalysisNetwork& net, const ExportOptions& options) {
  ExportResult result;
  result.format = options.format;
  result.origin = net.origin;
  result.nodes = static_cast<int64_t>(net.network.labels.size());
  result.edges = static_cast<int64_t>(net.network.edges.size());
  result.directed = net.network.directed;
  result.document = options.format == ExportFormat::kGexf ? network::WriteGexf(net.network)
                                                          : network::WriteGraphMl(net.network);
  return result;
}

}  // namespace vigil
