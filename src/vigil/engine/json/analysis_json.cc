// JSON of rankings, communities, key players, exports, exposure and paths.
#include "vigil/engine/json/analysis_json.h"

#include <unordered_map>

#include "vigil/engine/json/facts_json.h"
#include "vigil/engine/json/internal/values.h"

namespace vigil {
namespace {

using json_internal::OrNull;

// A node reference's fields, added to out.
void AddNodeRef(const NodeRef& node, Json& out) {
  out["node"] = node.node;
  if (node.name) out["name"] = *node.name;
  if (node.kind) out["kind"] = *node.kind;
}

// Paths' JSON, each relation's shape built once: the same relation (a
// minister's post) stands on many paths of one result.
class PathWriter {
 public:
  Json Relation(const StepRelation& r) {
    auto it = relations_.find(r.relation.get());
    if (it == relations_.end()) it = relations_.emplace(r.relation.get(), ToJson(*r.relation)).first;
    Json out = it->second;
    out["direction"] = r.forward ? "forward" : "backward";
    out["predicate_weight"] = r.predicate_weight;
    out["confidence"] = r.confidence;
    out["strength"] = r.strength;
    return out;
  }
  Json Step(const PathStep& step) {
    Json relations = Json::array();
    for (const auto& r : step.relations) relations.push_back(Relation(r));
    return Json{{"from", ToJson(step.from)},
                {"to", ToJson(step.to)},
                {"strength", step.strength},
                {"relations", std::move(relations)}};
  }
  Json Path(const CitedPath& path) {
    Json steps = Json::array();
    for (const auto& step : path.steps) steps.push_back(Step(step));
    return Json{{"score", path.score},
                {"hops", path.steps.size()},
                {"nodes", ToJsonArray(path.nodes)},
                {"steps", std::move(steps)}};
  }
  Json Paths(const std::vector<CitedPath>& paths) {
    Json out = Json::array();
    for (const auto& path : paths) out.push_back(Path(path));
    return out;
  }
  Json Exposed(const ExposedEntity& e) {
    return Json{{"entity", ToJson(e.entity)},
                {"score", e.score},
                {"hops", e.hops},
                {"designations", ToJsonArray(e.designations)},
                {"paths", Paths(e.paths)}};
  }

 private:
  std::unordered_map<const store::RelationRecord*, Json> relations_;
};

}  // namespace

Json ToJson(const ResolvedEntity& resolved) {
  Json out = ToJson(resolved.entity);
  out["resolved"] = resolved.resolved;
  return out;
}

Json ToJson(const StepRelation& relation) { return PathWriter().Relation(relation); }

Json ToJson(const PathStep& step) { return PathWriter().Step(step); }

Json ToJson(const ExposedEntity& exposed) { return PathWriter().Exposed(exposed); }

Json ToJson(const Community& c) {
  return Json{{"id", c.id}, {"size", c.members.size()}, {"members", ToJsonArray(c.members)}};
}

Json ToJson(const NodeRef& node) {
  Json out = Json::object();
  AddNodeRef(node, out);
  return out;
}

Json ToJson(const RankResult& result) {
  Json out = Json::array();
  for (const auto& row : result.rows) {
    Json j{{"rank", row.rank}};
    AddNodeRef(row.node, j);
    if (!row.value)
      j["value"] = nullptr;  // undefined: a node without ties
    else if (result.measure == Measure::kKCore)
      j["value"] = static_cast<int64_t>(*row.value);
    else
      j["value"] = *row.value;
    out.push_back(std::move(j));
  }
  return out;
}

Json ToJson(const CommunitiesResult& r) {
  return Json{{"origin", r.origin},
              {"nodes", r.nodes},
              {"edges", r.edges},
              {"directed_read_as_undirected", r.directed_read_as_undirected},
              {"weighted", r.weighted},
              {"resolution", r.resolution},
              {"modularity", r.modularity},
              {"runs", r.runs},
              {"count", r.communities.size()},
              {"communities", ToJsonArray(r.communities)},
              {"components", {{"count", r.component_sizes.size()}, {"sizes", r.component_sizes}}}};
}

Json ToJson(const KeyPlayersResult& r) {
  Json bridges = Json::array();
  for (const auto& [a, b] : r.bridges) bridges.push_back(Json::array({ToJson(a), ToJson(b)}));
  return Json{{"origin", r.origin},
              {"nodes", r.nodes},
              {"edges", r.edges},
              {"k", r.k},
              {"players", ToJsonArray(r.players)},
              {"fragmentation", r.fragmentation},
              {"fragmentation_before", r.fragmentation_before},
              {"distance_fragmentation", r.distance_fragmentation},
              {"components_after", r.components_after},
              {"largest_component_after", r.largest_component_after},
              {"method", r.exhaustive ? "exhaustive" : "greedy+swap"},
              {"sets_evaluated", r.sets_evaluated},
              {"articulation_points", ToJsonArray(r.articulation_points)},
              {"bridges", std::move(bridges)}};
}

Json ToJson(const ExportResult& r) {
  Json out{{"format", ExportFormatName(r.format)},
           {"origin", r.origin},
           {"nodes", r.nodes},
           {"edges", r.edges},
           {"directed", r.directed},
           {"output", OrNull(r.output)}};
  if (!r.output) out["document"] = r.document;
  return out;
}

Json ToJson(const ExposureDesignation& d) {
  Json out{{"fact_id", d.fact_id},
           {"authority", d.authority},
           {"program", d.program},
           {"list", OrNull(d.list)},
           {"reference", OrNull(d.reference)},
           {"date", OrNull(d.date)},
           {"via", ToJson(d.via)}};
  if (d.link)
    out["link"] = {{"method", d.link->method}, {"score", d.link->score}, {"reason", d.link->reason}};
  return out;
}

Json ToJson(const CitedPath& path) { return PathWriter().Path(path); }

Json ToJson(const ExposureResult& r) {
  PathWriter writer;
  Json exposures = Json::array();
  for (const auto& e : r.exposures) exposures.push_back(writer.Exposed(e));
  return Json{{"start", ToJson(r.start)},
              {"as_of", OrNull(r.as_of)},
              {"during", OrNull(r.during)},
              {"max_hops", r.max_hops},
              {"authorities", r.authorities},
              {"in_network", r.in_network},
              {"start_designations", ToJsonArray(r.start_designations)},
              {"count", r.exposures.size()},
              {"exposures", std::move(exposures)}};
}

Json ToJson(const PathsResult& r) {
  return Json{{"from", ToJson(r.from)},
              {"to", ToJson(r.to)},
              {"k", r.k},
              {"as_of", OrNull(r.as_of)},
              {"during", OrNull(r.during)},
              {"paths", PathWriter().Paths(r.paths)}};
}

Json ToJson(const NeighbourhoodResult& r) {
  Json focus = Json::array();
  for (const auto& f : r.focus) focus.push_back(ToJson(f));
  Json nodes = Json::array();
  for (const auto& n : r.nodes) {
    Json node = ToJson(n.entity);
    node["hops"] = n.hops;
    node["relations"] = n.relations;
    node["designations"] = n.designations;
    node["attributes"] = Json::object();
    for (const auto& [key, value] : n.attributes) node["attributes"][key] = value;
    nodes.push_back(std::move(node));
  }
  Json edges = Json::array();
  for (const auto& e : r.edges) {
    Json edge = ToJson(*e.relation);
    edge["confidence"] = e.confidence;
    edge["strength"] = e.strength;
    edge["disputed"] = e.disputed;
    edges.push_back(std::move(edge));
  }
  return Json{{"focus", std::move(focus)},
              {"as_of", OrNull(r.as_of)},
              {"during", OrNull(r.during)},
              {"depth", r.depth},
              {"limit", r.limit},
              {"truncated", r.truncated},
              {"count", {{"nodes", r.nodes.size()}, {"edges", r.edges.size()}}},
              {"nodes", std::move(nodes)},
              {"edges", std::move(edges)}};
}

Json ToJson(const ExposureTimingResult& t) {
  return Json{{"query_ms", t.query_ms},
              {"with_citations_ms", t.with_citations_ms},
              {"snapshot_ms", t.snapshot_ms},
              {"runs", t.runs},
              {"designated_reached", t.designated_reached},
              {"nodes", t.nodes},
              {"relations", t.relations}};
}

}  // namespace vigil
