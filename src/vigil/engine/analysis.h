// Network analysis for the front ends: networks read from files or from the
// store's graph view, and the measures, communities, key players and
// exports that work alike on both. Options are typed
// (engine/analysis_options.h), results too (engine/analysis_results.h);
// engine/json/analysis_json.h gives their documented JSON.
//
// The store side (Engine::Network, Engine::Exposure, Engine::Paths) is
// declared in engine.h and defined in engine/exposure.cc.
//
//   auto net = ReadNetworkFile({.path = "9_11.csv"});
//   auto top = RankNetwork(*net, {.measure = Measure::kBetweenness, .top = 10});
//   std::cout << ToJson(*top);
#pragma once

#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/analysis_options.h"
#include "vigil/engine/analysis_results.h"
#include "vigil/graph/graph.h"
#include "vigil/ingest/network/network.h"

namespace vigil {

class Engine;

// A network ready for analysis: what is exported (every tie, with
// attributes) and the simple graph the measures run on.
struct AnalysisNetwork {
  std::string origin;        // "store" or the file's path
  network::Network network;  // nodes, ties and attributes as exported
  graph::Graph graph;        // simple graph: parallel ties merged, self-loops dropped
  std::vector<NodeRef> refs;  // per node
  bool strengths = false;     // weights are tie strengths in (0, 1] (the store)
  std::vector<std::string> warnings;  // for the user: ties merged, nodes dropped...
};

// Reads and checks a network file (see ingest/network/network.h).
StatusOr<AnalysisNetwork> ReadNetworkFile(const NetworkFileOptions& options);

// Keeps only the largest connected component (weakly, when directed).
void KeepLargestComponent(AnalysisNetwork& network);

// The network a source names, checked (NetworkSource::Validate): the file,
// or engine's view of the store (engine may be null for a file), with only
// its largest component when asked.
StatusOr<AnalysisNetwork> OpenNetwork(const NetworkSource& source, Engine* engine);

// Nodes by the measure (see RankResult).
StatusOr<RankResult> RankNetwork(const AnalysisNetwork& network, const RankOptions& options);

// Louvain communities of the undirected graph, and its components.
StatusOr<CommunitiesResult> CommunitiesOf(const AnalysisNetwork& network,
                                          const CommunityOptions& options);

// The k nodes whose removal fragments the network most; articulation points
// and bridges. A field error (k) unless 1 <= k < nodes - 1.
StatusOr<KeyPlayersResult> KeyPlayersOf(const AnalysisNetwork& network,
                                        const KeyPlayerOptions& options);

// The network as a GraphML or GEXF document.
StatusOr<ExportResult> ExportNetwork(const AnalysisNetwork& network, const ExportOptions& options);

}  // namespace vigil
