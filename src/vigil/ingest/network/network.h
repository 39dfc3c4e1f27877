// External network files: readers for edge lists (CSV/TSV/space separated,
// with or without weights and header), adjacency matrices saved as CSV,
// GraphML, Pajek .net and UCINET DL; writers for GraphML and GEXF.
//
// Readers take the file's text and a path used only in messages, and return
// a Network: node labels as the file gives them, edges by node index, and
// whether the file stated a direction. Errors are InvalidArgument naming
// "path:line: field: problem"; recoverable oddities (duplicate labels,
// asymmetric matrices, self-loops) become warnings.
//
// Direction: GraphML and Pajek state it; CSV edge lists, CSV matrices and
// UCINET DL do not, and are read as undirected unless options.directed.
//
//   auto text = ReadFile("net.csv");
//   auto network = ReadNetwork(*text, {.path = "net.csv"});
//   network->labels[network->edges[0].source]
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"

namespace vigil::network {

enum class Format { kAuto, kEdgeList, kMatrix, kGraphMl, kPajek, kUcinetDl };

struct Edge {
  int32_t source = 0;
  int32_t target = 0;
  double weight = 1.0;
};

// A column of per-node or per-edge values for GraphML/GEXF (type: string,
// double, int or boolean).
struct Attribute {
  std::string name;
  std::string type = "string";
  std::vector<std::string> values;  // one per node / edge; "" when absent
};

struct Network {
  std::string path;
  Format format = Format::kAuto;
  bool directed = false;
  bool weighted = false;            // the file gave weights
  std::vector<std::string> labels;  // node i's label (or id) as in the file
  std::vector<Edge> edges;
  std::vector<Attribute> node_attributes, edge_attributes;
  std::vector<std::string> warnings;
};

struct ReadOptions {
  std::string path;  // for messages only
  Format format = Format::kAuto;
  bool directed = false;  // for formats that do not say
};

// "edgelist" (also "csv", "tsv"), "matrix", "graphml", "pajek" ("net"),
// "dl" ("ucinet"); InvalidArgument naming the accepted values otherwise.
StatusOr<Format> ParseFormat(std::string_view name);
std::string_view FormatName(Format format);
// From the file name's extension and the first bytes of text.
Format DetectFormat(std::string_view text, std::string_view path);

StatusOr<Network> ReadNetwork(std::string_view text, const ReadOptions& options);
StatusOr<Network> ReadEdgeList(std::string_view text, const ReadOptions& options);
StatusOr<Network> ReadMatrix(std::string_view text, const ReadOptions& options);
StatusOr<Network> ReadGraphMl(std::string_view text, const ReadOptions& options);
StatusOr<Network> ReadPajek(std::string_view text, const ReadOptions& options);
StatusOr<Network> ReadUcinetDl(std::string_view text, const ReadOptions& options);

// GraphML (nx.read_graphml and Gephi read it) and GEXF 1.2 (for Gephi).
std::string WriteGraphMl(const Network& network);
std::string WriteGexf(const Network& network);

}  // namespace vigil::network
