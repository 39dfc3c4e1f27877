// Format names, detection and dispatch for the network readers.
#include "vigil/ingest/network/network.h"

#include <fmt/format.h>

#include <algorithm>

#include "vigil/base/ascii.h"
#include "vigil/ingest/network/internal/text.h"

namespace vigil::network {
namespace {

std::string_view Extension(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return path.substr(dot + 1);
}

// The first line that is not blank or a comment, trimmed.
std::string_view FirstLine(std::string_view text) {
  internal::LineReader lines(text);
  std::string_view line;
  while (lines.Next(&line)) {
    line = internal::Trim(line);
    if (!line.empty() && line.front() != '%' && line.front() != '#') return line;
  }
  return {};
}

}  // namespace

StatusOr<Format> ParseFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "auto" || n.empty()) return Format::kAuto;
  if (n == "edgelist" || n == "edges" || n == "csv" || n == "tsv") return Format::kEdgeList;
  if (n == "matrix" || n == "adjacency") return Format::kMatrix;
  if (n == "graphml") return Format::kGraphMl;
  if (n == "pajek" || n == "net") return Format::kPajek;
  if (n == "dl" || n == "ucinet") return Format::kUcinetDl;
  return absl::InvalidArgumentError(fmt::format(
      "unknown network format '{}' (expected edgelist, matrix, graphml, pajek or dl)",
      name));
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kAuto:
      return "auto";
    case Format::kEdgeList:
      return "edgelist";
    case Format::kMatrix:
      return "matrix";
    case Format::kGraphMl:
      return "graphml";
    case Format::kPajek:
      return "pajek";
    case Format::kUcinetDl:
      return "dl";
  }
  return "auto";
}

Format DetectFormat(std::string_view text, std::string_view path) {
  std::string ext = AsciiLower(Extension(path));
  if (ext == "graphml") return Format::kGraphMl;
  if (ext == "net" || ext == "paj") return Format::kPajek;
  if (ext == "dl") return Format::kUcinetDl;
  std::string_view first = FirstLine(internal::StripBom(text));
  if (!first.empty() && first.front() == '<') return Format::kGraphMl;
  if (!first.empty() && first.front() == '*') return Format::kPajek;
  std::string head = AsciiLower(first.substr(0, 3));
  if (head == "dl" ||
      (head.size() == 3 && head.substr(0, 2) == "dl" && (head[2] == ' ' || head[2] == '\t')))
    return Format::kUcinetDl;
  // A delimited table whose first cell is empty is an adjacency matrix.
  std::vector<std::string> fields;
  char delimiter = first.find('\t') != std::string_view::npos  ? '\t'
                   : first.find(',') != std::string_view::npos ? ','
                   : first.find(';') != std::string_view::npos ? ';'
                                                               : ' ';
  if (delimiter != ' ' && internal::SplitFields(first, delimiter, &fields) && fields.size() >= 2 &&
      fields[0].empty())
    return Format::kMatrix;
  return Format::kEdgeList;
}

namespace {

StatusOr<Network> ReadAs(Format format, std::string_view text, const ReadOptions& options) {
  switch (format) {
    case Format::kEdgeList:
    case Format::kAuto:
      return ReadEdgeList(text, options);
    case Format::kMatrix:
      return ReadMatrix(text, options);
    case Format::kGraphMl:
      return ReadGraphMl(text, options);
    case Format::kPajek:
      return ReadPajek(text, options);
    case Format::kUcinetDl:
      return ReadUcinetDl(text, options);
  }
  return ReadEdgeList(text, options);
}

}  // namespace

StatusOr<Network> ReadNetwork(std::string_view text, const ReadOptions& options) {
  Format format =
      options.format == Format::kAuto ? DetectFormat(text, options.path) : options.format;
  auto net = ReadAs(format, text, options);
  // Every tie must join two nodes the file made: a reader that let one
  // through would have the graph built from it read out of bounds.
  if (net.ok()) {
    const auto nodes = static_cast<int64_t>(net->labels.size());
    for (const auto& e : net->edges)
      if (e.source < 0 || e.target < 0 || e.source >= nodes || e.target >= nodes)
        return absl::InternalError(fmt::format(
            "{}: the {} reader made a tie to a node that does not exist ({} -> {} of {} nodes)",
            options.path, FormatName(format), e.source, e.target, nodes));
  }
  return net;
}

}  // namespace vigil::network
