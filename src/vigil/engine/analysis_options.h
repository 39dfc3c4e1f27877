// The typed options of network analysis (engine/analysis.h), as every front
// end fills them: the CLI from its flags, the HTTP API from request fields.
//
// Field names are the API's. An error about an option is a FieldError
// (base/status.h) that starts with the field's name ("min_confidence: must
// be a number between 0 and 1, got nan"); the CLI shows it as its flag
// (--min-confidence), the HTTP API as the field. So the fields below are
// named as the CLI's flags are (predicate, party, authority: lists of
// them). Validate() checks what needs neither the store nor the network;
// the engine's calls run it too, so a front end need not, but may call it
// to refuse bad input before doing any work.
//
//   auto measure = ParseMeasure("betweenness");          // or a field error
//   RankOptions options{.measure = *measure, .top = 10};
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/period.h"
#include "vigil/ingest/network/network.h"

namespace vigil {

// Which part of the knowledge base becomes the graph
// (docs/network-analysis.md, "The graph view").
struct GraphViewOptions {
  // Relations valid on that day: YYYY, YYYY-MM or YYYY-MM-DD (the last day
  // it denotes); empty: every relation, whatever its dates. Validity is
  // effective validity: a relation's own interval within both ends'
  // lifespans (engine/period.h).
  std::string as_of{};
  // Or relations valid on some day of a period: a year, a month, or
  // FROM..TO (engine/period.h); not with as_of.
  std::string during{};
  std::vector<std::string> predicate{};  // only these predicates; empty: all
  double min_confidence = 0.0;           // in [0, 1]
  std::vector<std::string> party{};      // entity names or ids, or claims' party labels
  bool directed = false;                 // default: every tie undirected

  Status Validate() const;
};

// The days a view covers (engine/period.h QueryDays of as_of and during).
StatusOr<DayRange> ViewDays(const GraphViewOptions& view);

struct ExposureOptions {
  GraphViewOptions view{};  // directed is ignored: exposure follows ties both ways
  int max_hops = 4;         // 1..12
  int paths = 3;            // paths shown per designated entity, 1..50
  std::vector<std::string> authority{};  // designation codes (US, UN...); empty: all
  int top = 0;                           // designated entities to report; 0: all

  Status Validate() const;
};

struct PathsOptions {
  GraphViewOptions view{};
  int k = 3;  // 1..100

  Status Validate() const;
};

// The part of the graph view around some entities, for drawing it
// (Engine::Neighbourhood, GET /v1/graph).
struct NeighbourhoodOptions {
  // Entity ids or names (any script), resolved as exposure resolves them;
  // a list record's id stands for the curated card linked to it. Empty: the
  // whole view.
  std::vector<std::string> focus{};
  int depth = 1;            // hops from the focus, 0..6
  int limit = 2000;         // most nodes, 1..kNeighbourhoodMaxLimit
  GraphViewOptions view{};  // directed is ignored: a neighbour is one either way
  bool claims = true;       // each relation with its claims (and passages)

  Status Validate() const;
};
inline constexpr int kNeighbourhoodMaxDepth = 6;
inline constexpr int kNeighbourhoodMaxLimit = 20000;

// The measures of `rank` (docs/network-analysis.md, "Measures").
enum class Measure {
  kDegree,
  kInDegree,
  kOutDegree,
  kBetweenness,
  kCloseness,
  kHarmonic,
  kEigenvector,
  kPageRank,
  kKCore,
  kConstraint,
  kEffectiveSize,
};
// "betweenness" -> Measure::kBetweenness; a field error (measure) with the
// nearest name otherwise.
StatusOr<Measure> ParseMeasure(std::string_view name);
std::string_view MeasureName(Measure measure);
std::span<const Measure> Measures();

struct RankOptions {
  Measure measure = Measure::kDegree;
  int top = 0;            // only the first N nodes; 0: every node
  bool weighted = false;  // use tie weights (see docs/network-analysis.md)
  bool raw = false;       // degree and betweenness without normalisation

  Status Validate() const;
};

struct CommunityOptions {
  double resolution = 1.0;  // finite, above 0
  bool weighted = false;
  uint64_t seed = 1;
  int runs = 0;  // seeded Louvain runs, the best kept, 0..1000; 0: up to 64 by size

  Status Validate() const;
};

struct KeyPlayerOptions {
  int k = 1;  // at least 1, and less than the network's nodes minus one

  Status Validate() const;
};

enum class ExportFormat { kGraphMl, kGexf };
// "graphml" | "gexf"; a field error (format) otherwise.
StatusOr<ExportFormat> ParseExportFormat(std::string_view name);
std::string_view ExportFormatName(ExportFormat format);

struct ExportOptions {
  ExportFormat format = ExportFormat::kGraphMl;
};

// The formats of network files (ingest/network/network.h).
using NetworkFormat = network::Format;
// "auto", "edgelist", "matrix", "graphml", "pajek", "dl" (and their aliases);
// a field error naming field otherwise: the request's name for the file's
// format ("input_format" where "format" names an export's).
StatusOr<NetworkFormat> ParseNetworkFormat(std::string_view name,
                                           std::string_view field = "format");

struct NetworkFileOptions {
  std::string path;
  NetworkFormat format = NetworkFormat::kAuto;  // auto: recognised by content
  bool directed = false;                        // for formats that do not say
};

// The network an analysis runs on: a network file when graph is set, else
// the knowledge base's graph view.
struct NetworkSource {
  std::string graph{};  // a network file's path; empty: the knowledge base
  NetworkFormat format = NetworkFormat::kAuto;  // the file's
  GraphViewOptions view{};  // its filters apply to the knowledge base only; directed to both
  bool largest_component = false;  // keep only the largest (weakly) connected component
  // The request field that names format, for errors: "input_format" where
  // "format" names something else (export's output format).
  std::string_view format_field = "format";

  // The view's checks, and that a network file is not filtered as the
  // knowledge base is, nor the knowledge base given a file format.
  Status Validate() const;
};

}  // namespace vigil
