// The graph view of the knowledge base: an in-memory snapshot of entities,
// relations (with their claims and valid time), designations and links, and
// the filtered Graph built from it for measures, exposure and paths.
//
// The engine fills a KnowledgeSnapshot from the store; nothing here knows
// where it came from. A view keeps the relations valid on a day (as_of),
// of some predicates, whose claims by the chosen parties support them with
// at least a minimum confidence:
//
//   support     = 1 - prod(1 - c) over asserting claims
//   doubt       = 1 - prod(1 - c) over denying claims
//   confidence  = support * (1 - doubt)   (no asserting claim: dropped)
//
// and weighs each by strength = PredicateWeight(predicate) * confidence.
// Several relations between one pair become one edge of the largest
// strength; the edge remembers all of them for citations.
//
//   KnowledgeView view = BuildView(snapshot, {.as_of = "2023-12-31"});
//   auto hits = KnowledgeExposureOf(snapshot, start, options);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/date.h"
#include "vigil/graph/graph.h"
#include "vigil/graph/paths.h"

namespace vigil::graph {

struct KnowledgeClaim {
  int64_t claim_id = 0;
  double confidence = 0.8;
  bool denies = false;
  int64_t party_entity = 0;  // store id of the asserting entity; 0 when none
  std::string party_label;
};

struct KnowledgeRelation {
  int64_t fact_id = 0;
  NodeId subject = 0, object = 0;  // snapshot node indices
  std::string predicate;
  bool symmetric = false;
  // Its effective validity: its own dates within both ends' lifespans
  // ("YYYY-MM-DD"; empty when open), and what set each bound ("relation",
  // "subject", "object": whose lifespan; empty when open).
  std::string from_day, to_day;
  std::string from_bound, to_bound;
  std::vector<KnowledgeClaim> claims;
};

struct KnowledgeDesignation {
  int64_t fact_id = 0;
  NodeId entity = 0;
  std::string authority;  // code: US, UN, RU...
  std::string program, list, reference, date;
  std::string first_day;  // earliest day the date may denote; empty when unknown
};

struct KnowledgeNode {
  int64_t entity_id = 0;
  std::string key, name, kind;
  bool in_network = false;  // takes part in at least one relation
};

// entity_key's entity (say a UN list record) is the same as target_key's.
struct KnowledgeLink {
  NodeId entity = 0, target = 0;
  std::string method, reason;
  double score = 0.0;
};

struct KnowledgeSnapshot {
  std::vector<KnowledgeNode> nodes;
  std::vector<KnowledgeRelation> relations;
  std::vector<KnowledgeDesignation> designations;
  std::vector<KnowledgeLink> links;
};

// Strength in [0, 1] of a tie of this predicate for exposure and weighted
// measures; 0 means the predicate carries no exposure (hostile_to,
// operates_in, designates). See docs/network-analysis.md for the table.
double PredicateWeight(std::string_view predicate);

struct ViewFilter {
  DayRange days{};  // relations valid on some day of them (as of a day: first == last); open: all
  std::vector<std::string> predicates{};  // empty: all
  double min_confidence = 0.0;
  std::vector<int64_t> party_entities{};    // only claims by these parties...
  std::vector<std::string> party_labels{};  // ...or with these labels; both empty: all
  bool directed = false;                    // subject -> object for directed predicates
  bool drop_zero_strength = false;          // leave out ties of weight-0 predicates
};

struct KnowledgeView {
  Graph graph;                        // edge weights are strengths; edge inputs index `inputs`
  std::vector<NodeId> snapshot_node;  // view node -> snapshot node
  std::vector<NodeId> view_node;      // snapshot node -> view node, -1 when absent
  std::vector<int32_t> inputs;        // Graph input edge -> relation index
  std::vector<double> confidence;     // per relation; -1 when filtered out
  std::vector<double> strength;       // per relation; -1 when filtered out

  // Relations behind graph edge e, strongest first.
  std::vector<int32_t> RelationsOf(int32_t edge) const;
};

// Nodes: every snapshot node in the network (in_network), whether or not a
// relation survives the filter, so that measures normalise over the same
// node set on every date.
KnowledgeView BuildView(const KnowledgeSnapshot& snapshot, const ViewFilter& filter);

// Whether relation r holds on some day of days (unbounded: always). A
// relation that its ends' lifespans leave no day (from after to) never does.
bool ValidDuring(const KnowledgeRelation& r, const DayRange& days);

// Whether a claim counts under the filter's parties (every claim when the
// filter names none).
bool PartyMatches(const KnowledgeClaim& claim, const ViewFilter& filter);

// The part of a view around some nodes: every node within `depth` hops of
// a focus node over the view's relations (either direction, whatever their
// strength), nearest first, at most max_nodes of them, and every relation
// of the view between two of them.
struct Neighbourhood {
  std::vector<NodeId> nodes;       // snapshot nodes: the focus, then by hops, then as found
  std::vector<int32_t> hops;       // per node: hops from the nearest focus node
  std::vector<int32_t> relations;  // relation indices, ascending
  bool truncated = false;          // more nodes were within reach than max_nodes
};
// An empty focus: the whole view (every node some relation of the view
// touches; depth is ignored).
Neighbourhood NeighbourhoodOf(const KnowledgeSnapshot& snapshot, const KnowledgeView& view,
                              const std::vector<NodeId>& focus, int depth, size_t max_nodes);

// A designation that counts for a node: its own (via == -1) or one of an
// entity linked to it (via = that snapshot node).
struct DesignationRef {
  int32_t designation = 0;
  NodeId via = -1;
};

struct DesignationFilter {
  std::string as_of{};                     // designations dated after it do not count
  std::vector<std::string> authorities{};  // codes; empty: every authority
};

// Per snapshot node, the designations that count for it.
std::vector<std::vector<DesignationRef>> DesignationsByNode(const KnowledgeSnapshot& snapshot,
                                                            const DesignationFilter& filter);

struct KnowledgeExposureOptions {
  ViewFilter view;  // directed is ignored: exposure follows ties both ways
  DesignationFilter designations;
  ExposureOptions search;
};

struct KnowledgeExposure {
  KnowledgeView view;
  std::vector<std::vector<DesignationRef>> designations;  // per snapshot node
  std::vector<Exposure> hits;                             // node ids are view nodes
};

// Designated entities reachable from snapshot node start, ranked.
KnowledgeExposure KnowledgeExposureOf(const KnowledgeSnapshot& snapshot, NodeId start,
                                      const KnowledgeExposureOptions& options);

// The k strongest paths between two snapshot nodes (cost -log strength).
struct KnowledgePaths {
  KnowledgeView view;
  std::vector<Path> paths;  // view node ids; score = product of strengths
};
KnowledgePaths KnowledgePathsBetween(const KnowledgeSnapshot& snapshot, NodeId from, NodeId to,
                                     int k, const ViewFilter& filter);

}  // namespace vigil::graph
