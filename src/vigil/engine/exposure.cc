// The engine's network analysis of the knowledge base: the graph snapshot
// built from the store's rows (store/graph_store.h), the graph view as an
// AnalysisNetwork, exposure and paths with the relations and claims behind
// every step, and the neighbourhood of some entities for drawing it.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_map>

#include "absl/strings/cord.h"
#include "vigil/base/date.h"
#include "vigil/engine/analysis.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/json/analysis_json.h"
#include "vigil/graph/knowledge_graph.h"
#include "vigil/model/vocabulary.h"
#include "vigil/text/normalize.h"

namespace vigil {
namespace {

using graph::NodeId;

// --- the snapshot ------------------------------------------------------------

struct Snapshot {
  graph::KnowledgeSnapshot graph;
  std::unordered_map<int64_t, NodeId> node_of;  // entity row id -> snapshot node
};

Status MissingNode(std::string_view what, int64_t fact_or_row, int64_t entity_row) {
  return absl::InternalError(fmt::format("the graph's {} {} names entity row {}, which is no node",
                                         what, fact_or_row, entity_row));
}

StatusOr<Snapshot> LoadSnapshot(store::GraphStore& store) {
  auto rows = store.GraphView();
  if (!rows.ok()) return rows.status();
  Snapshot s;
  auto& g = s.graph;
  for (auto& node : rows->nodes) {
    s.node_of[node.row_id] = static_cast<NodeId>(g.nodes.size());
    g.nodes.push_back(
        {node.row_id, std::move(node.id), std::move(node.name), std::move(node.kind),
         node.in_network});
  }
  auto node = [&](int64_t row) {
    auto it = s.node_of.find(row);
    return it == s.node_of.end() ? NodeId{-1} : it->second;
  };
  for (auto& row : rows->relations) {
    graph::KnowledgeRelation r;
    r.fact_id = row.fact_id;
    r.subject = node(row.subject_row);
    r.object = node(row.object_row);
    if (r.subject < 0) return MissingNode("relation", row.fact_id, row.subject_row);
    if (r.object < 0) return MissingNode("relation", row.fact_id, row.object_row);
    r.predicate = std::move(row.predicate);
    const PredicateInfo* info = FindPredicate(r.predicate);
    r.symmetric = info && info->symmetric;
    r.from_day = row.from_day.value_or("");
    r.to_day = row.to_day.value_or("");
    r.from_bound = row.from_bound;
    r.to_bound = row.to_bound;
    for (auto& claim : row.claims)
      r.claims.push_back({claim.claim_id, claim.confidence, claim.stance == "denies",
                          claim.party_row.value_or(0), claim.party_label.value_or("")});
    g.relations.push_back(std::move(r));
  }
  for (auto& row : rows->designations) {
    NodeId entity = node(row.entity_row);
    if (entity < 0) continue;  // neither in the network nor linked
    graph::KnowledgeDesignation d;
    d.fact_id = row.fact_id;
    d.entity = entity;
    d.authority = std::move(row.authority);
    d.program = std::move(row.program);
    d.list = row.list.value_or("");
    d.reference = row.reference.value_or("");
    d.date = row.date.value_or("");
    if (!d.date.empty())
      if (auto date = PartialDate::Parse(d.date); date.ok()) d.first_day = date->Earliest();
    g.designations.push_back(std::move(d));
  }
  for (auto& link : rows->links) {
    NodeId a = node(link.entity_row), b = node(link.target_row);
    if (a < 0 || b < 0) return MissingNode("link of", link.entity_row, link.target_row);
    g.links.push_back({a, b, std::move(link.method), std::move(link.reason), link.score});
  }
  return s;
}

// --- names and filters ---------------------------------------------------------

// A NotFound about a field: "field: message", with the field attached as
// FieldError attaches it.
Status FieldNotFound(std::string_view field, std::string_view message) {
  Status status = absl::NotFoundError(fmt::format("{}: {}", field, message));
  status.SetPayload(kFieldPayload, absl::Cord(std::string(field)));
  return status;
}

// Resolve(), and when nothing is named exactly so, the one entity whose
// names contain the name (folded as Resolve folds it): "Ministry of
// Interior" finds "Taliban Ministry of Interior" when no other entity's
// name contains it.
StatusOr<ResolvedEntity> ResolveEntity(Engine& engine, store::Store& store,
                                       const std::string& name) {
  auto id = engine.Resolve(name);
  std::string how = "exact";
  if (!id.ok()) {
    if (id.status().code() != absl::StatusCode::kNotFound) return id.status();
    std::string key = NameKey(name);
    if (key.size() < 4) return id.status();
    auto found = store.EntitiesNamedLike(key, 2);
    if (!found.ok()) return found.status();
    if (found->size() != 1) return id.status();
    id = found->front().entity_row;
    how = fmt::format("partial (matched '{}')",
                      found->front().name.empty() ? name : found->front().name);
  }
  auto ref = store.EntityRef(*id);
  if (!ref.ok()) return ref.status();
  if (!*ref) return absl::InternalError(fmt::format("entity row {} is missing", *id));
  return ResolvedEntity{std::move(**ref), std::move(how)};
}

// The graph filter of the view's options: the as_of day, and parties
// resolved to entities or else claims' party labels.
StatusOr<graph::ViewFilter> ViewFilterOf(Engine& engine, store::Store& store,
                                         const GraphViewOptions& options) {
  if (auto s = options.Validate(); !s.ok()) return s;
  graph::ViewFilter filter;
  filter.days = *ViewDays(options);
  filter.predicates = options.predicate;
  filter.min_confidence = options.min_confidence;
  filter.directed = options.directed;
  for (const auto& party : options.party) {
    auto id = engine.Resolve(party);
    if (id.ok()) {
      filter.party_entities.push_back(*id);
      continue;
    }
    if (id.status().code() != absl::StatusCode::kNotFound) return id.status();
    auto labelled = store.HasPartyLabel(party);
    if (!labelled.ok()) return labelled.status();
    if (!*labelled)
      return FieldNotFound("party",
                           fmt::format("no entity and no claim's party label is '{}'", party));
    filter.party_labels.push_back(party);
  }
  return filter;
}

std::optional<std::string> NoneIfEmpty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// --- paths with citations ------------------------------------------------------

store::EntityRefRecord RefOf(const graph::KnowledgeNode& node) {
  return {node.entity_id, node.key, node.name, node.kind};
}

std::vector<ExposureDesignation> DesignationsOf(const graph::KnowledgeSnapshot& s, NodeId node,
                                                const std::vector<graph::DesignationRef>& refs) {
  std::vector<ExposureDesignation> out;
  for (const auto& ref : refs) {
    const auto& d = s.designations[ref.designation];
    ExposureDesignation x{d.fact_id, d.authority, d.program, NoneIfEmpty(d.list),
                          NoneIfEmpty(d.reference), NoneIfEmpty(d.date), {}, {}};
    if (ref.via >= 0) {
      x.via = RefOf(s.nodes[ref.via]);
      for (const auto& link : s.links)
        if ((link.entity == ref.via && link.target == node) ||
            (link.target == ref.via && link.entity == node))
          x.link = ExposureDesignation::Link{link.method, link.score, link.reason};
    }
    out.push_back(std::move(x));
  }
  return out;
}

// Relations with their claims, read once per query: the same relation (a
// minister's post) opens many paths.
class RelationCache {
 public:
  explicit RelationCache(store::KnowledgeStore& store) : store_(store) {}
  StatusOr<std::shared_ptr<const store::RelationRecord>> Get(int64_t fact_id) {
    auto it = cache_.find(fact_id);
    if (it != cache_.end()) return it->second;
    auto relation = store_.Relation(fact_id);
    if (!relation.ok()) return relation.status();
    if (!*relation) return absl::InternalError(fmt::format("relation {} is missing", fact_id));
    auto shared = std::make_shared<const store::RelationRecord>(std::move(**relation));
    cache_.emplace(fact_id, shared);
    return shared;
  }

 private:
  store::KnowledgeStore& store_;
  std::unordered_map<int64_t, std::shared_ptr<const store::RelationRecord>> cache_;
};

StatusOr<CitedPath> PathOf(RelationCache& relations, const graph::KnowledgeSnapshot& s,
                           const graph::KnowledgeView& view, const graph::Path& path) {
  CitedPath out;
  out.score = path.score;
  for (NodeId v : path.nodes) out.nodes.push_back(RefOf(s.nodes[view.snapshot_node[v]]));
  for (size_t i = 0; i < path.edges.size(); ++i) {
    const int32_t edge = path.edges[i];
    const auto& from = s.nodes[view.snapshot_node[path.nodes[i]]];
    PathStep step{RefOf(from), RefOf(s.nodes[view.snapshot_node[path.nodes[i + 1]]]),
                  view.graph.EdgeWeight(edge), {}};
    for (int32_t r : view.RelationsOf(edge)) {
      const auto& relation = s.relations[r];
      auto record = relations.Get(relation.fact_id);
      if (!record.ok()) return record.status();
      step.relations.push_back({std::move(*record), s.nodes[relation.subject].key == from.key,
                                graph::PredicateWeight(relation.predicate), view.confidence[r],
                                view.strength[r]});
    }
    out.steps.push_back(std::move(step));
  }
  return out;
}

// The as_of day or the during period's days ("FIRST..LAST") a result
// reports, as the options asked.
void SetTimeOf(const GraphViewOptions& options, const graph::ViewFilter& filter,
               std::optional<std::string>* as_of, std::optional<std::string>* during) {
  if (filter.days.Unbounded()) return;
  if (!options.during.empty())
    *during = filter.days.first + ".." + filter.days.last;
  else
    *as_of = filter.days.last;
}

graph::KnowledgeExposureOptions ExposureSearchOptions(const graph::ViewFilter& filter,
                                                      const ExposureOptions& options) {
  graph::KnowledgeExposureOptions search;
  search.view = filter;
  search.designations.as_of = filter.days.last;
  search.designations.authorities = options.authority;
  search.search.max_hops = options.max_hops;
  search.search.paths_per_target = options.paths;
  return search;
}

}  // namespace

// --- the engine's side -----------------------------------------------------------

StatusOr<AnalysisNetwork> Engine::Network(const GraphViewOptions& options) {
  auto filter = ViewFilterOf(*this, *store_, options);
  if (!filter.ok()) return filter.status();
  auto snapshot = LoadSnapshot(*store_);
  if (!snapshot.ok()) return snapshot.status();
  const auto& s = snapshot->graph;
  graph::KnowledgeView view = graph::BuildView(s, *filter);
  auto designations = graph::DesignationsByNode(s, {.as_of = filter->days.last, .authorities = {}});

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
    net.refs.push_back({node.key, node.name, node.kind});
  }
  out.node_attributes = {std::move(name), std::move(kind), std::move(designated)};
  network::Attribute predicate{"predicate", "string", {}}, confidence{"confidence", "double", {}},
      from{"from", "string", {}}, to{"to", "string", {}}, fact{"fact_id", "int", {}},
      from_by{"from_by", "string", {}}, to_by{"to_by", "string", {}};
  // What set a bound of a relation's effective validity: its own dates
  // ("relation"), or an end's lifespan ("lifespan:ENTITY"); "" when open.
  auto bound_by = [&](const graph::KnowledgeRelation& r, const std::string& bound) {
    if (bound == "subject") return "lifespan:" + s.nodes[r.subject].key;
    if (bound == "object") return "lifespan:" + s.nodes[r.object].key;
    return bound;
  };
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
    from_by.values.push_back(bound_by(relation, relation.from_bound));
    to_by.values.push_back(bound_by(relation, relation.to_bound));
  }
  out.edge_attributes = {std::move(predicate), std::move(confidence), std::move(from),
                         std::move(to),        std::move(fact),       std::move(from_by),
                         std::move(to_by)};
  return net;
}

StatusOr<ExposureResult> Engine::Exposure(const std::string& name,
                                          const ExposureOptions& options) {
  if (auto s = options.Validate(); !s.ok()) return s;
  auto filter = ViewFilterOf(*this, *store_, options.view);
  if (!filter.ok()) return filter.status();
  auto start = ResolveEntity(*this, *store_, name);
  if (!start.ok()) return start.status();
  auto snapshot = LoadSnapshot(*store_);
  if (!snapshot.ok()) return snapshot.status();
  const auto& s = snapshot->graph;
  ExposureResult result;
  result.start = std::move(*start);
  SetTimeOf(options.view, *filter, &result.as_of, &result.during);
  result.max_hops = options.max_hops;
  result.authorities = options.authority;
  auto at = snapshot->node_of.find(result.start.entity.row_id);
  if (at == snapshot->node_of.end()) return result;
  result.in_network = s.nodes[at->second].in_network;
  auto found = graph::KnowledgeExposureOf(s, at->second, ExposureSearchOptions(*filter, options));
  result.start_designations = DesignationsOf(s, at->second, found.designations[at->second]);
  RelationCache relations(*store_);
  for (const auto& hit : found.hits) {
    NodeId node = found.view.snapshot_node[hit.target];
    if (node == at->second) continue;  // the start itself: start_designations
    if (options.top > 0 && static_cast<int>(result.exposures.size()) >= options.top) break;
    ExposedEntity exposed{RefOf(s.nodes[node]), hit.score, hit.hops,
                          DesignationsOf(s, node, found.designations[node]), {}};
    for (const auto& path : hit.paths) {
      auto cited = PathOf(relations, s, found.view, path);
      if (!cited.ok()) return cited.status();
      exposed.paths.push_back(std::move(*cited));
    }
    result.exposures.push_back(std::move(exposed));
  }
  return result;
}

StatusOr<PathsResult> Engine::Paths(const std::string& from, const std::string& to,
                                    const PathsOptions& options) {
  if (auto s = options.Validate(); !s.ok()) return s;
  auto filter = ViewFilterOf(*this, *store_, options.view);
  if (!filter.ok()) return filter.status();
  auto a = ResolveEntity(*this, *store_, from);
  if (!a.ok()) return a.status();
  auto b = ResolveEntity(*this, *store_, to);
  if (!b.ok()) return b.status();
  auto snapshot = LoadSnapshot(*store_);
  if (!snapshot.ok()) return snapshot.status();
  PathsResult result{std::move(*a), std::move(*b), options.k, std::nullopt, std::nullopt, {}};
  SetTimeOf(options.view, *filter, &result.as_of, &result.during);
  const int64_t row_a = result.from.entity.row_id, row_b = result.to.entity.row_id;
  auto na = snapshot->node_of.find(row_a), nb = snapshot->node_of.find(row_b);
  if (na == snapshot->node_of.end() || nb == snapshot->node_of.end() || row_a == row_b)
    return result;
  const auto& s = snapshot->graph;
  auto found = graph::KnowledgePathsBetween(s, na->second, nb->second, options.k, *filter);
  RelationCache relations(*store_);
  for (const auto& path : found.paths) {
    auto cited = PathOf(relations, s, found.view, path);
    if (!cited.ok()) return cited.status();
    result.paths.push_back(std::move(*cited));
  }
  return result;
}

StatusOr<NeighbourhoodResult> Engine::Neighbourhood(const NeighbourhoodOptions& options) {
  if (auto s = options.Validate(); !s.ok()) return s;
  GraphViewOptions view_options = options.view;
  view_options.directed = false;  // a neighbour is one either way
  auto filter = ViewFilterOf(*this, *store_, view_options);
  if (!filter.ok()) return filter.status();
  auto snapshot = LoadSnapshot(*store_);
  if (!snapshot.ok()) return snapshot.status();
  const auto& s = snapshot->graph;

  NeighbourhoodResult result;
  SetTimeOf(view_options, *filter, &result.as_of, &result.during);
  result.depth = options.depth;
  result.limit = options.limit;
  // The focus: snapshot nodes, or entities outside the graph (shown alone).
  std::vector<NodeId> focus;
  std::vector<store::EntityRefRecord> outside;
  for (const auto& name : options.focus) {
    auto found = ResolveEntity(*this, *store_, name);
    if (!found.ok()) {
      if (found.status().code() == absl::StatusCode::kNotFound)
        return FieldNotFound("focus", std::string(found.status().message()));
      return found.status();
    }
    auto at = snapshot->node_of.find(found->entity.row_id);
    if (at == snapshot->node_of.end() || !s.nodes[at->second].in_network) {
      // A list record stands for the curated card linked to it.
      auto cards = store_->CuratedCardsOf(found->entity.row_id);
      if (!cards.ok()) return cards.status();
      if (!cards->empty()) {
        auto card = store_->EntityRef(cards->front());
        if (!card.ok()) return card.status();
        if (*card) {
          found->resolved = fmt::format("linked (list record {})", found->entity.id);
          found->entity = std::move(**card);
          at = snapshot->node_of.find(found->entity.row_id);
        }
      }
    }
    if (at != snapshot->node_of.end()) {
      if (std::find(focus.begin(), focus.end(), at->second) == focus.end())
        focus.push_back(at->second);
    } else if (std::none_of(outside.begin(), outside.end(),
                            [&](const auto& e) { return e.row_id == found->entity.row_id; })) {
      outside.push_back(found->entity);
    }
    result.focus.push_back(std::move(*found));
  }
  const bool whole = options.focus.empty();

  graph::KnowledgeView view = graph::BuildView(s, *filter);
  size_t room = static_cast<size_t>(options.limit);
  room = outside.size() >= room ? 0 : room - outside.size();
  // Focus entities all outside the graph have no neighbourhood (an empty
  // focus would be the whole view).
  graph::Neighbourhood near;
  if (whole || !focus.empty()) near = graph::NeighbourhoodOf(s, view, focus, options.depth, room);
  result.truncated = near.truncated || outside.size() > static_cast<size_t>(options.limit);
  if (result.truncated && outside.size() > static_cast<size_t>(options.limit))
    outside.resize(static_cast<size_t>(options.limit));

  // Nodes: relations of the view per node, designations, attributes.
  std::vector<int64_t> relation_count(s.nodes.size(), 0);
  for (size_t r = 0; r < s.relations.size(); ++r) {
    if (view.strength[r] < 0.0) continue;
    ++relation_count[s.relations[r].subject];
    if (s.relations[r].object != s.relations[r].subject) ++relation_count[s.relations[r].object];
  }
  auto designations = graph::DesignationsByNode(s, {.as_of = filter->days.last, .authorities = {}});
  std::vector<int64_t> rows;
  for (const auto& e : outside) rows.push_back(e.row_id);
  for (NodeId v : near.nodes) rows.push_back(s.nodes[v].entity_id);
  auto attributes = store_->AttributesOf(rows);
  if (!attributes.ok()) return attributes.status();
  size_t row = 0;
  for (const auto& e : outside)
    result.nodes.push_back({e, 0, 0, {}, std::move((*attributes)[row++])});
  for (size_t i = 0; i < near.nodes.size(); ++i) {
    const NodeId v = near.nodes[i];
    std::set<std::string> codes;
    for (const auto& ref : designations[v]) codes.insert(s.designations[ref.designation].authority);
    result.nodes.push_back({RefOf(s.nodes[v]),
                            whole ? 0 : near.hops[i],
                            relation_count[v],
                            {codes.begin(), codes.end()},
                            std::move((*attributes)[row++])});
  }

  // Edges: each relation with the claims that count.
  RelationCache relations(*store_);
  for (int32_t r : near.relations) {
    const auto& relation = s.relations[r];
    auto record = relations.Get(relation.fact_id);
    if (!record.ok()) return record.status();
    std::set<int64_t> counted;
    bool disputed = false;
    for (const auto& claim : relation.claims)
      if (graph::PartyMatches(claim, *filter)) {
        counted.insert(claim.claim_id);
        disputed = disputed || claim.denies;
      }
    std::shared_ptr<const store::RelationRecord> shown = *record;
    if (!options.claims || counted.size() != (*record)->claims.size()) {
      auto copy = std::make_shared<store::RelationRecord>(**record);
      std::erase_if(copy->claims, [&](const store::ClaimRecord& c) {
        return !options.claims || !counted.count(c.claim_id);
      });
      shown = std::move(copy);
    }
    result.edges.push_back({std::move(shown), view.confidence[r], view.strength[r], disputed});
  }
  return result;
}

StatusOr<ExposureTimingResult> Engine::ExposureTiming(const std::string& name,
                                                const ExposureOptions& options, int runs) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
  };
  if (auto s = options.Validate(); !s.ok()) return s;
  auto filter = ViewFilterOf(*this, *store_, options.view);
  if (!filter.ok()) return filter.status();
  auto start = ResolveEntity(*this, *store_, name);
  if (!start.ok()) return start.status();
  auto t0 = Clock::now();
  auto snapshot = LoadSnapshot(*store_);
  if (!snapshot.ok()) return snapshot.status();
  double snapshot_ms = ms(t0);
  auto at = snapshot->node_of.find(start->entity.row_id);
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
    Json json = ToJson(*result);  // as the front ends serve it
    full.push_back(ms(t));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  return ExposureTimingResult{median(query),
                               median(full),
                               snapshot_ms,
                               static_cast<int64_t>(query.size()),
                               static_cast<int64_t>(reached),
                               static_cast<int64_t>(snapshot->graph.nodes.size()),
                               static_cast<int64_t>(snapshot->graph.relations.size())};
}

}  // namespace vigil
