// Network analysis for the front ends: the options of the graph commands,
// networks read from files, and the measures, communities, key players and
// exports that work alike on the store's graph view and on a file.
//
// The store side (Engine::Network, Engine::Exposure, Engine::Paths) is
// declared in engine.h and defined in analysis.cc, which is also where the
// graph snapshot is read from SQLite. Results are JSON values whose shapes
// docs/cli.md documents.
//
//   auto net = ReadNetworkFile({.path = "9_11.csv"});
//   auto top = RankNetwork(*net, {.measure = "betweenness", .top = 10});
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/graph/graph.h"
#include "vigil/ingest/network/network.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// Which part of the knowledge base becomes the graph (graph/knowledge_graph.h).
struct GraphViewOptions {
  std::string as_of{};                    // "YYYY-MM-DD": relations valid that day
  std::vector<std::string> predicates{};  // empty: all
  double min_confidence = 0.0;
  std::vector<std::string> parties{};  // entity names or ids, or claims' party labels
  bool directed = false;               // default: every tie undirected
};

struct ExposureOptions {
  GraphViewOptions view{};
  int max_hops = 4;
  int paths_per_target = 3;
  std::vector<std::string> authorities{};  // designation codes (US, UN...); empty: all
  int top = 0;                             // designated entities to report; 0: all
};

struct PathsOptions {
  GraphViewOptions view{};
  int k = 3;
};

// A network ready for analysis: what is exported (every tie, with
// attributes) and the simple graph the measures run on.
struct AnalysisNetwork {
  std::string origin;        // "store" or the file's path
  network::Network network;  // nodes, ties and attributes as exported
  graph::Graph graph;        // simple graph: parallel ties merged, self-loops dropped
  std::vector<Json> refs;    // per node: {"node": label or id, ...}
  bool strengths = false;    // weights are tie strengths in (0, 1] (the store)
  std::vector<std::string> warnings;
};

struct NetworkFileOptions {
  std::string path;
  std::string format = "auto";  // auto | edgelist | matrix | graphml | pajek | dl
  bool directed = false;        // for formats that do not say
};

// Reads and checks a network file (see ingest/network/network.h).
StatusOr<AnalysisNetwork> ReadNetworkFile(const NetworkFileOptions& options);

// Keeps only the largest connected component (weakly, when directed).
void KeepLargestComponent(AnalysisNetwork& network);

struct RankOptions {
  // degree | in-degree | out-degree | betweenness | closeness | harmonic |
  // eigenvector | pagerank | kcore
  std::string measure;
  int top = 0;            // 0: every node
  bool weighted = false;  // use tie weights (see docs/network-analysis.md)
  bool raw = false;       // degree and betweenness without normalisation
};
// [{"rank", "node", "value", ...}] by value, highest first.
StatusOr<Json> RankNetwork(const AnalysisNetwork& network, const RankOptions& options);
// The measure names RankNetwork accepts.
std::vector<std::string> MeasureNames();

struct CommunityOptions {
  double resolution = 1.0;
  bool weighted = false;
  uint64_t seed = 1;
  int runs = 0;  // seeded Louvain runs, the best kept; 0: up to 64 by size
};
StatusOr<Json> CommunitiesOf(const AnalysisNetwork& network, const CommunityOptions& options);

StatusOr<Json> KeyPlayersOf(const AnalysisNetwork& network, int k);

// format: graphml | gexf.
StatusOr<std::string> ExportNetwork(const AnalysisNetwork& network, const std::string& format);

}  // namespace vigil
