// Network analysis: the graph snapshot read from the store, exposure and
// paths with their citations, and measures, communities, key players and
// exports on the store's graph view or on a network file.
#include "vigil/engine/analysis.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "vigil/base/date.h"
#include "vigil/base/file.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/facts.h"
#include "vigil/graph/brokerage.h"
#include "vigil/graph/centrality.h"
#include "vigil/graph/communities.h"
#include "vigil/graph/components.h"
#include "vigil/graph/key_players.h"
#include "vigil/graph/knowledge_graph.h"
#include "vigil/model/vocabulary.h"
#include "vigil/text/normalize.h"

namespace vigil {
namespace {

using graph::NodeId;

constexpr std::string_view kMeasures[] = {"degree",      "in-degree",  "out-degree",
                                          "betweenness", "closeness",  "harmonic",
                                          "eigenvector", "pagerank",   "kcore",
                                          "constraint",  "effective-size"};

// --- the snapshot ------------------------------------------------------------

struct Snapshot {
  graph::KnowledgeSnapshot graph;
  std::unordered_map<int64_t, NodeId> node_of;  // entity row id -> snapshot node
};

StatusOr<Snapshot> LoadSnapshot(Database& db) {
  Snapshot s;
  auto& g = s.graph;
  // Nodes: entities in a relation, entities on either side of a link, and
  // the designated entities among them.
  Statement nodes(db,
                  "WITH member(id, in_network) AS ("
                  "  SELECT subject_id, 1 FROM relations UNION SELECT object_id, 1 FROM relations"
                  "  UNION SELECT e.id, 0 FROM links l JOIN entities e ON e.key = l.entity_key"
                  "  UNION SELECT e.id, 0 FROM links l JOIN entities e ON e.key = l.target_key) "
                  "SELECT e.id, e.key, e.kind, (SELECT text FROM names n WHERE n.entity_id = e.id "
                  "ORDER BY n.kind != 'primary', n.position LIMIT 1), MAX(m.in_network) "
                  "FROM member m JOIN entities e ON e.id = m.id GROUP BY e.id ORDER BY e.key");
  while (nodes.Step()) {
    s.node_of[nodes.Int(0)] = static_cast<NodeId>(g.nodes.size());
    g.nodes.push_back(
        {nodes.Int(0), nodes.Text(1), nodes.Text(3), nodes.Text(2), nodes.Int(4) != 0});
  }
  if (!nodes.status().ok()) return nodes.status();

  std::unordered_map<int64_t, size_t> relation_of;
  Statement relations(db,
                      "SELECT id, subject_id, predicate, object_id, from_day, to_day FROM "
                      "relations ORDER BY id");
  while (relations.Step()) {
    graph::KnowledgeRelation r;
    r.fact_id = relations.Int(0);
    r.subject = s.node_of.at(relations.Int(1));
    r.predicate = relations.Text(2);
    r.object = s.node_of.at(relations.Int(3));
    const PredicateInfo* info = FindPredicate(r.predicate);
    r.symmetric = info && info->symmetric;
    r.from_day = relations.IsNull(4) ? "" : relations.Text(4);
    r.to_day = relations.IsNull(5) ? "" : relations.Text(5);
    relation_of[r.fact_id] = g.relations.size();
    g.relations.push_back(std::move(r));
  }
  if (!relations.status().ok()) return relations.status();
  Statement claims(db,
                   "SELECT c.fact_id, c.id, c.confidence, c.stance, c.party_entity_id, "
                   "c.party_label FROM claims c JOIN relations r ON r.id = c.fact_id "
                   "ORDER BY c.fact_id, c.position");
  while (claims.Step()) {
    graph::KnowledgeClaim c;
    c.claim_id = claims.Int(1);
    c.confidence = claims.Real(2);
    c.denies = claims.Text(3) == "denies";
    c.party_entity = claims.IsNull(4) ? 0 : claims.Int(4);
    c.party_label = claims.IsNull(5) ? "" : claims.Text(5);
    g.relations[relation_of.at(claims.Int(0))].claims.push_back(std::move(c));
  }
  if (!claims.status().ok()) return claims.status();

  Statement designations(db,
                         "SELECT id, entity_id, authority, program, list, reference, date FROM "
                         "designations ORDER BY id");
  while (designations.Step()) {
    auto node = s.node_of.find(designations.Int(1));
    if (node == s.node_of.end()) continue;  // neither in the network nor linked
    graph::KnowledgeDesignation d;
    d.fact_id = designations.Int(0);
    d.entity = node->second;
    d.authority = designations.Text(2);
    d.program = designations.Text(3);
    d.list = designations.IsNull(4) ? "" : designations.Text(4);
    d.reference = designations.IsNull(5) ? "" : designations.Text(5);
    d.date = designations.IsNull(6) ? "" : designations.Text(6);
    if (!d.date.empty())
      if (auto date = PartialDate::Parse(d.date); date.ok()) d.first_day = date->Earliest();
    g.designations.push_back(std::move(d));
  }
  if (!designations.status().ok()) return designations.status();

  Statement links(db,
                  "SELECT a.id, b.id, l.method, l.score, l.reason FROM links l JOIN entities a "
                  "ON a.key = l.entity_key JOIN entities b ON b.key = l.target_key ORDER BY l.id");
  while (links.Step())
    g.links.push_back({s.node_of.at(links.Int(0)), s.node_of.at(links.Int(1)), links.Text(2),
                       links.Text(4), links.Real(3)});
  if (!links.status().ok()) return links.status();
  return s;
}

// Resolve(), and when nothing is named exactly so, the one entity whose
// names contain the name (folded as Resolve folds it): "Ministry of
// Interior" finds "Taliban Ministry of Interior" when no other entity's
// name contains it. *how says "exact" or "partial (matched NAME)".
StatusOr<int64_t> ResolveEntity(Engine& engine, const std::string& name, std::string* how) {
  auto id = engine.Resolve(name);
  if (id.ok() || id.status().code() != absl::StatusCode::kNotFound) {
    *how = "exact";
    return id;
  }
  std::string key = NameKey(name);
  if (key.size() < 4) return id;
  Statement near(engine.db(),
                 "SELECT DISTINCT n.entity_id FROM names n WHERE instr(n.name_key, ?) > 0 AND "
                 "n.kind != 'weak_alias' LIMIT 2");
  near.Bind(1, key);
  std::vector<int64_t> found;
  while (near.Step()) found.push_back(near.Int(0));
  if (found.size() != 1) return id;
  Statement matched(engine.db(),
                    "SELECT text FROM names WHERE entity_id = ? AND instr(name_key, ?) > 0 "
                    "ORDER BY kind != 'primary', position LIMIT 1");
  matched.Bind(1, found[0]).Bind(2, key);
  *how = fmt::format("partial (matched '{}')", matched.Step() ? matched.Text(0) : name);
  return found[0];
}

// Resolves --party values: entity names or ids, else claims' party labels.
Status ResolveParties(Engine& engine, const std::vector<std::string>& parties,
                      graph::ViewFilter* filter) {
  for (const auto& party : parties) {
    auto id = engine.Resolve(party);
    if (id.ok()) {
      filter->party_entities.push_back(*id);
      continue;
    }
    if (id.status().code() != absl::StatusCode::kNotFound) return id.status();
    Statement label(engine.db(), "SELECT 1 FROM claims WHERE party_label = ? LIMIT 1");
    label.Bind(1, party);
    if (!label.Step())
      return absl::NotFoundError(
          fmt::format("--party: no entity and no claim's party label is '{}'", party));
    filter->party_labels.push_back(party);
  }
  return absl::OkStatus();
}

StatusOr<graph::ViewFilter> ViewFilterOf(Engine& engine, const GraphViewOptions& options) {
  graph::ViewFilter filter;
  filter.as_of = options.as_of;
  filter.min_confidence = options.min_confidence;
  filter.directed = options.directed;
  if (options.min_confidence < 0.0 || options.min_confidence > 1.0)
    return absl::InvalidArgumentError(
        fmt::format("--min-confidence: must lie in 0..1, got {}", options.min_confidence));
  for (const auto& predicate : options.predicates) {
    if (!FindPredicate(predicate)) {
      std::vector<std::string_view> names;
      for (const auto& p : Predicates()) names.push_back(p.name);
      std::string hint = NearestWord(names, predicate);
      return absl::InvalidArgumentError(
          fmt::format("--predicate: unknown predicate '{}'{}", predicate,
                      hint.empty() ? fmt::format(" (expected one of: {})", JoinWords(names))
                                   : fmt::format(" (did you mean '{}'?)", hint)));
    }
    filter.predicates.push_back(predicate);
  }
  if (auto s = ResolveParties(engine, options.parties, &filter); !s.ok()) return s;
  return filter;
}

Json NodeRef(const graph::KnowledgeNode& node) {
  return Json{{"id", node.key}, {"name", node.name}, {"kind", node.kind}};
}

Json DesignationsJson(const graph::KnowledgeSnapshot& s, NodeId node,
                      const std::vector<graph::DesignationRef>& refs) {
  Json out = Json::array();
  for (const auto& ref : refs) {
    const auto& d = s.designations[ref.designation];
    Json j{{"fact_id", d.fact_id},
           {"authority", d.authority},
           {"program", d.program},
           {"list", d.list.empty() ? Json(nullptr) : Json(d.list)},
           {"reference", d.reference.empty() ? Json(nullptr) : Json(d.reference)},
           {"date", d.date.empty() ? Json(nullptr) : Json(d.date)},
           {"via", ref.via < 0 ? Json(nullptr) : NodeRef(s.nodes[ref.via])}};
    if (ref.via >= 0)
      for (const auto& link : s.links)
        if ((link.entity == ref.via && link.target == node) ||
            (link.target == ref.via && link.entity == node))
          j["link"] = {{"method", link.method}, {"score", link.score}, {"reason", link.reason}};
    out.push_back(std::move(j));
  }
  return out;
}

// One step of a path: from -> to, with every relation that joins them.
// Relations as JSON with their claims, read once per query: the same
// relation (a minister's post) opens many paths.
class RelationCache {
 public:
  explicit RelationCache(Database& db) : db_(db) {}
  const Json& Get(int64_t fact_id) {
    auto it = cache_.find(fact_id);
    if (it == cache_.end())
      it = cache_.emplace(fact_id, internal::RelationJson(db_, fact_id)).first;
    return it->second;
  }

 private:
  Database& db_;
  std::unordered_map<int64_t, Json> cache_;
};

Json StepJson(RelationCache& db, const graph::KnowledgeSnapshot& s,
              const graph::KnowledgeView& view, NodeId from, NodeId to, int32_t edge) {
  const auto& a = s.nodes[view.snapshot_node[from]];
  const auto& b = s.nodes[view.snapshot_node[to]];
  Json relations = Json::array();
  for (int32_t r : view.RelationsOf(edge)) {
    const auto& relation = s.relations[r];
    Json j = db.Get(relation.fact_id);
    j["direction"] = s.nodes[relation.subject].key == a.key ? "forward" : "backward";
    j["predicate_weight"] = graph::PredicateWeight(relation.predicate);
    j["confidence"] = view.confidence[r];
    j["strength"] = view.strength[r];
    relations.push_back(std::move(j));
  }
  return Json{{"from", NodeRef(a)},
              {"to", NodeRef(b)},
              {"strength", view.graph.EdgeWeight(edge)},
              {"relations", std::move(relations)}};
}

Json PathJson(RelationCache& db, const graph::KnowledgeSnapshot& s,
              const graph::KnowledgeView& view, const graph::Path& path) {
  Json nodes = Json::array(), steps = Json::array();
  for (NodeId v : path.nodes) nodes.push_back(NodeRef(s.nodes[view.snapshot_node[v]]));
  for (size_t i = 0; i < path.edges.size(); ++i)
    steps.push_back(StepJson(db, s, view, path.nodes[i], path.nodes[i + 1], path.edges[i]));
  return Json{{"score", path.score},
              {"hops", path.edges.size()},
              {"nodes", std::move(nodes)},
              {"steps", std::move(steps)}};
}

graph::KnowledgeExposureOptions ExposureSearchOptions(const graph::ViewFilter& filter,
                                                      const ExposureOptions& options) {
  graph::KnowledgeExposureOptions search;
  search.view = filter;
  search.designations.as_of = options.view.as_of;
  search.designations.authorities = options.authorities;
  search.search.max_hops = options.max_hops;
  search.search.paths_per_target = options.paths_per_target;
  return search;
}

Status CheckExposureOptions(const ExposureOptions& options) {
  if (options.max_hops < 1 || options.max_hops > 12)
    return absl::InvalidArgumentError(
        fmt::format("--max-hops: must lie in 1..12, got {}", options.max_hops));
  if (options.paths_per_target < 1 || options.paths_per_target > 50)
    return absl::InvalidArgumentError(
        fmt::format("--paths: must lie in 1..50, got {}", options.paths_per_target));
  for (const auto& code : options.authorities)
    if (code.empty() || code.size() > 8 ||
        !std::all_of(code.begin(), code.end(),
                     [](unsigned char c) { return std::isupper(c) || std::isdigit(c); }))
      return absl::InvalidArgumentError(fmt::format(
          "--authority: '{}' is not an authority code (upper-case letters, as US, UN, RU, EU)",
          code));
  return absl::OkStatus();
}

// --- networks ------------------------------------------------------------------

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

// The graph a measure runs on: for weighted distance measures on the store,
// lengths are 1 / strength (ties of strength 0 left out).
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
          "{}: weighted distances need positive weights; the tie {} - {} weighs {} (drop "
          "--weighted, or fix the weight)",
          net.origin, net.network.labels[g.EdgeSource(e)], net.network.labels[g.EdgeTarget(e)], w));
    }
    edges.push_back({g.EdgeSource(e), g.EdgeTarget(e), w});
  }
  return graph::Graph::Build(g.node_count(), edges, {.directed = g.directed(), .weighted = true});
}

const Json& Ref(const AnalysisNetwork& net, NodeId v) { return net.refs[v]; }

}  // namespace

std::vector<std::string> MeasureNames() { return {std::begin(kMeasures), std::end(kMeasures)}; }

StatusOr<AnalysisNetwork> ReadNetworkFile(const NetworkFileOptions& options) {
  auto format = network::ParseFormat(options.format);
  if (!format.ok()) return format.status();
  auto text = ReadFile(options.path);
  if (!text.ok()) return text.status();
  auto read = network::ReadNetwork(
      *text, {.path = options.path, .format = *format, .directed = options.directed});
  if (!read.ok()) return read.status();
  AnalysisNetwork net;
  net.origin = options.path;
  net.network = std::move(*read);
  net.warnings = net.network.warnings;
  graph::BuildReport report;
  net.graph = BuildGraph(net.network, &report);
  AddBuildWarnings(options.path, report, net.warnings);
  for (const auto& label : net.network.labels) net.refs.push_back(Json{{"node", label}});
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
  std::vector<Json> refs;
  for (NodeId v : keep) refs.push_back(net.refs[v]);
  net.warnings.push_back(fmt::format("{}: kept the largest of {} components ({} of {} nodes)",
                                     net.origin, parts.count(), keep.size(),
                                     net.graph.node_count()));
  net.graph = net.graph.Induced(keep);
  net.network = std::move(kept);
  net.refs = std::move(refs);
}

StatusOr<Json> RankNetwork(const AnalysisNetwork& net, const RankOptions& options) {
  const std::string& m = options.measure;
  if (std::find(std::begin(kMeasures), std::end(kMeasures), m) == std::end(kMeasures)) {
    std::string hint = NearestWord(kMeasures, m);
    return absl::InvalidArgumentError(
        fmt::format("--measure: unknown measure '{}'{}", m,
                    hint.empty() ? fmt::format(" (expected one of: {})", JoinWords(kMeasures))
                                 : fmt::format(" (did you mean '{}'?)", hint)));
  }
  if (options.top < 0)
    return absl::InvalidArgumentError(fmt::format("--top: must be positive, got {}", options.top));
  const graph::Graph& g = net.graph;
  if (!g.directed() && (m == "in-degree" || m == "out-degree"))
    return absl::InvalidArgumentError(
        fmt::format("--measure: {} needs a directed network (pass --directed, or use degree)", m));
  const bool weighted = options.weighted && g.weighted();
  std::vector<double> values;
  if (m == "degree" || m == "in-degree" || m == "out-degree") {
    auto kind = m == "degree"      ? graph::DegreeKind::kTotal
                : m == "in-degree" ? graph::DegreeKind::kIn
                                   : graph::DegreeKind::kOut;
    values = graph::DegreeCentrality(g, kind, !options.raw);
  } else if (m == "betweenness" || m == "closeness" || m == "harmonic") {
    graph::Graph distances;
    if (weighted) {
      auto d = DistanceGraph(net);
      if (!d.ok()) return d.status();
      distances = std::move(*d);
    }
    const graph::Graph& h = weighted ? distances : g;
    if (m == "betweenness")
      values = graph::Betweenness(h, {.weighted = weighted, .normalized = !options.raw});
    else if (m == "closeness")
      values = graph::Closeness(h, weighted);
    else
      values = graph::Harmonic(h, weighted);
  } else if (m == "eigenvector") {
    auto r = graph::Eigenvector(g, {.weighted = weighted});
    if (!r.ok()) return r.status();
    values = std::move(*r);
  } else if (m == "pagerank") {
    auto r = graph::PageRank(g, {.weighted = weighted});
    if (!r.ok()) return r.status();
    values = std::move(*r);
  } else if (m == "constraint") {
    values = graph::Constraint(g, weighted);
  } else if (m == "effective-size") {
    values = graph::EffectiveSize(g, weighted);
  } else {  // kcore
    auto core = graph::CoreNumber(g);
    values.assign(core.begin(), core.end());
  }
  // Highest first, except constraint, where the least constrained (the
  // brokers) come first; undefined values (a node without ties) last.
  const bool ascending = m == "constraint";
  std::vector<NodeId> order(values.size());
  for (size_t v = 0; v < order.size(); ++v) order[v] = static_cast<NodeId>(v);
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
    if (std::isnan(values[a]) || std::isnan(values[b]))
      return !std::isnan(values[a]) && std::isnan(values[b]);
    return ascending ? values[a] < values[b] : values[a] > values[b];
  });
  size_t count = options.top > 0 ? std::min<size_t>(options.top, order.size()) : order.size();
  Json out = Json::array();
  for (size_t i = 0; i < count; ++i) {
    NodeId v = order[i];
    Json row{{"rank", i + 1}};
    for (const auto& [key, value] : Ref(net, v).items()) row[key] = value;
    if (m == "kcore")
      row["value"] = static_cast<int64_t>(values[v]);
    else if (std::isnan(values[v]))
      row["value"] = nullptr;  // undefined: a node without ties
    else
      row["value"] = values[v];
    out.push_back(std::move(row));
  }
  return out;
}

StatusOr<Json> CommunitiesOf(const AnalysisNetwork& net, const CommunityOptions& options) {
  if (!(options.resolution > 0.0))
    return absl::InvalidArgumentError(
        fmt::format("--resolution: must be positive, got {}", options.resolution));
  const graph::Graph& g = net.graph;
  if (options.runs < 0 || options.runs > 1000)
    return absl::InvalidArgumentError(
        fmt::format("--runs: must lie in 0..1000, got {}", options.runs));
  auto partition = graph::Louvain(g, {.resolution = options.resolution,
                                      .weighted = options.weighted,
                                      .seed = options.seed,
                                      .runs = options.runs});
  std::vector<Json> groups(partition.count);
  for (auto& group : groups) group = Json{{"size", 0}, {"members", Json::array()}};
  for (NodeId v = 0; v < g.node_count(); ++v) {
    Json& group = groups[partition.community[v]];
    group["size"] = group["size"].get<int64_t>() + 1;
    group["members"].push_back(Ref(net, v));
  }
  Json communities = Json::array();
  for (int32_t c = 0; c < partition.count; ++c) {
    groups[c]["id"] = c;
    communities.push_back(
        Json{{"id", c}, {"size", groups[c]["size"]}, {"members", std::move(groups[c]["members"])}});
  }
  auto components = graph::ConnectedComponents(g);
  Json sizes = Json::array();
  std::vector<int64_t> sorted = components.sizes;
  std::sort(sorted.rbegin(), sorted.rend());
  for (int64_t size : sorted) sizes.push_back(size);
  return Json{{"origin", net.origin},
              {"nodes", g.node_count()},
              {"edges", g.edge_count()},
              {"directed_read_as_undirected", g.directed()},
              {"weighted", options.weighted && g.weighted()},
              {"resolution", options.resolution},
              {"modularity", partition.modularity},
              {"runs", partition.runs},
              {"count", partition.count},
              {"communities", std::move(communities)},
              {"components", {{"count", components.count()}, {"sizes", std::move(sizes)}}}};
}

StatusOr<Json> KeyPlayersOf(const AnalysisNetwork& net, int k) {
  auto result = graph::KeyPlayers(net.graph, {.k = k});
  if (!result.ok()) return result.status();
  Json players = Json::array();
  for (NodeId v : result->players) players.push_back(Ref(net, v));
  Json articulation = Json::array();
  for (NodeId v : graph::ArticulationPoints(net.graph)) articulation.push_back(Ref(net, v));
  Json bridges = Json::array();
  for (auto [a, b] : graph::Bridges(net.graph))
    bridges.push_back(Json::array({Ref(net, a), Ref(net, b)}));
  return Json{{"origin", net.origin},
              {"nodes", net.graph.node_count()},
              {"edges", net.graph.edge_count()},
              {"k", k},
              {"players", std::move(players)},
              {"fragmentation", result->fragmentation},
              {"fragmentation_before", result->fragmentation_before},
              {"distance_fragmentation", result->distance_fragmentation},
              {"components_after", result->components},
              {"largest_component_after", result->largest_component},
              {"method", result->exhaustive ? "exhaustive" : "greedy+swap"},
              {"sets_evaluated", result->sets_evaluated},
              {"articulation_points", std::move(articulation)},
              {"bridges", std::move(bridges)}};
}

StatusOr<std::string> ExportNetwork(const AnalysisNetwork& net, const std::string& format) {
  if (format == "graphml") return network::WriteGraphMl(net.network);
  if (format == "gexf") return network::WriteGexf(net.network);
  return absl::InvalidArgumentError(
      fmt::format("--format: unknown export format '{}' (expected graphml or gexf)", format));
}

// --- the engine's store side ---------------------------------------------------

StatusOr<AnalysisNetwork> Engine::Network(const GraphViewOptions& options) {
  auto filter = ViewFilterOf(*this, options);
  if (!filter.ok()) return filter.status();
  auto snapshot = LoadSnapshot(*db_);
  if (!snapshot.ok()) return snapshot.status();
  const auto& s = snapshot->graph;
  graph::KnowledgeView view = graph::BuildView(s, *filter);
  auto designations = graph::DesignationsByNode(s, {.as_of = options.as_of, .authorities = {}});

  AnalysisNetwork net;
  net.origin = "store";
  net.strengths = true;
  net.graph = view.graph;
  auto& out = net.network;
  out.path = "store";
  out.directed = options.directed;
  out.weighted = true;
  network::Attribute name{"name", "string", {}}, kind{"kind", "string", {}},
      designated{"designations", "string", {}};
  for (NodeId v : view.snapshot_node) {
    const auto& node = s.nodes[v];
    out.labels.push_back(node.key);
    name.values.push_back(node.name);
    kind.values.push_back(node.kind);
    std::set<std::string> codes;
    for (const auto& ref : designations[v]) codes.insert(s.designations[ref.designation].authority);
    std::string joined;
    for (const auto& code : codes) joined += (joined.empty() ? "" : " ") + code;
    designated.values.push_back(joined);
    net.refs.push_back(Json{{"node", node.key}, {"name", node.name}, {"kind", node.kind}});
  }
  out.node_attributes = {std::move(name), std::move(kind), std::move(designated)};
  network::Attribute predicate{"predicate", "string", {}}, confidence{"confidence", "double", {}},
      from{"from", "string", {}}, to{"to", "string", {}}, fact{"fact_id", "int", {}};
  for (size_t r = 0; r < s.relations.size(); ++r) {
    if (view.strength[r] < 0.0) continue;  // filtered out
    const auto& relation = s.relations[r];
    out.edges.push_back(
        {view.view_node[relation.subject], view.view_node[relation.object], view.strength[r]});
    predicate.values.push_back(relation.predicate);
    confidence.values.push_back(fmt::format("{}", view.confidence[r]));
    from.values.push_back(relation.from_day);
    to.values.push_back(relation.to_day);
    fact.values.push_back(std::to_string(relation.fact_id));
  }
  out.edge_attributes = {std::move(predicate), std::move(confidence), std::move(from),
                         std::move(to), std::move(fact)};
  return net;
}

StatusOr<Json> Engine::Exposure(const std::string& name, const ExposureOptions& options) {
  if (auto s = CheckExposureOptions(options); !s.ok()) return s;
  auto filter = ViewFilterOf(*this, options.view);
  if (!filter.ok()) return filter.status();
  std::string how;
  auto id = ResolveEntity(*this, name, &how);
  if (!id.ok()) return id.status();
  auto snapshot = LoadSnapshot(*db_);
  if (!snapshot.ok()) return snapshot.status();
  const auto& s = snapshot->graph;
  Json start = internal::EntityRef(*db_, *id);
  start["resolved"] = how;
  auto at = snapshot->node_of.find(*id);
  Json result{{"start", start},
              {"as_of", options.view.as_of.empty() ? Json(nullptr) : Json(options.view.as_of)},
              {"max_hops", options.max_hops},
              {"authorities", options.authorities},
              {"in_network", at != snapshot->node_of.end() && s.nodes[at->second].in_network}};
  if (at == snapshot->node_of.end()) {
    result["start_designations"] = Json::array();
    result["count"] = 0;
    result["exposures"] = Json::array();
    return result;
  }
  auto found = graph::KnowledgeExposureOf(s, at->second, ExposureSearchOptions(*filter, options));
  result["start_designations"] = DesignationsJson(s, at->second, found.designations[at->second]);
  Json exposures = Json::array();
  RelationCache relations(*db_);
  int reported = 0;
  for (const auto& hit : found.hits) {
    NodeId node = found.view.snapshot_node[hit.target];
    if (node == at->second) continue;  // the start itself: start_designations
    if (options.top > 0 && reported >= options.top) break;
    ++reported;
    Json paths = Json::array();
    for (const auto& path : hit.paths) paths.push_back(PathJson(relations, s, found.view, path));
    exposures.push_back(Json{{"entity", NodeRef(s.nodes[node])},
                             {"score", hit.score},
                             {"hops", hit.hops},
                             {"designations", DesignationsJson(s, node, found.designations[node])},
                             {"paths", std::move(paths)}});
  }
  result["count"] = exposures.size();
  result["exposures"] = std::move(exposures);
  return result;
}

StatusOr<Json> Engine::Paths(const std::string& from, const std::string& to,
                             const PathsOptions& options) {
  if (options.k < 1 || options.k > 100)
    return absl::InvalidArgumentError(fmt::format("--k: must lie in 1..100, got {}", options.k));
  auto filter = ViewFilterOf(*this, options.view);
  if (!filter.ok()) return filter.status();
  std::string how_a, how_b;
  auto a = ResolveEntity(*this, from, &how_a);
  if (!a.ok()) return a.status();
  auto b = ResolveEntity(*this, to, &how_b);
  if (!b.ok()) return b.status();
  auto snapshot = LoadSnapshot(*db_);
  if (!snapshot.ok()) return snapshot.status();
  const auto& s = snapshot->graph;
  Json from_ref = internal::EntityRef(*db_, *a), to_ref = internal::EntityRef(*db_, *b);
  from_ref["resolved"] = how_a;
  to_ref["resolved"] = how_b;
  Json result{{"from", std::move(from_ref)},
              {"to", std::move(to_ref)},
              {"k", options.k},
              {"as_of", options.view.as_of.empty() ? Json(nullptr) : Json(options.view.as_of)},
              {"paths", Json::array()}};
  auto na = snapshot->node_of.find(*a), nb = snapshot->node_of.find(*b);
  if (na == snapshot->node_of.end() || nb == snapshot->node_of.end() || *a == *b) return result;
  auto found = graph::KnowledgePathsBetween(s, na->second, nb->second, options.k, *filter);
  RelationCache relations(*db_);
  for (const auto& path : found.paths)
    result["paths"].push_back(PathJson(relations, s, found.view, path));
  return result;
}

StatusOr<Json> Engine::ExposureTiming(const std::string& name, const ExposureOptions& options,
                                      int runs) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
  };
  auto filter = ViewFilterOf(*this, options.view);
  if (!filter.ok()) return filter.status();
  std::string how;
  auto id = ResolveEntity(*this, name, &how);
  if (!id.ok()) return id.status();
  auto t0 = Clock::now();
  auto snapshot = LoadSnapshot(*db_);
  if (!snapshot.ok()) return snapshot.status();
  double snapshot_ms = ms(t0);
  auto at = snapshot->node_of.find(*id);
  if (at == snapshot->node_of.end())
    return absl::NotFoundError(fmt::format("'{}' takes part in no relation", name));
  std::vector<double> query;
  size_t reached = 0;
  for (int i = 0; i < std::max(1, runs); ++i) {
    auto t = Clock::now();
    auto found = graph::KnowledgeExposureOf(snapshot->graph, at->second,
                                            ExposureSearchOptions(*filter, options));
    query.push_back(ms(t));
    reached = found.hits.size();
  }
  std::vector<double> full;
  for (int i = 0; i < std::max(1, runs / 20); ++i) {
    auto t = Clock::now();
    auto result = Exposure(name, options);
    if (!result.ok()) return result.status();
    full.push_back(ms(t));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  return Json{{"query_ms", median(query)},
              {"with_citations_ms", median(full)},
              {"snapshot_ms", snapshot_ms},
              {"runs", query.size()},
              {"designated_reached", reached},
              {"nodes", snapshot->graph.nodes.size()},
              {"relations", snapshot->graph.relations.size()}};
}

}  // namespace vigil
