// Pajek .net: *Vertices n, then vertex lines (number "label" ...), then
// *Arcs / *Edges (one tie per line), *Arcslist / *Edgeslist (a vertex and
// its neighbours) or *Matrix sections. Lines starting with % are comments.
#include <fmt/format.h>

#include <cmath>

#include "vigil/ingest/network/internal/text.h"
#include "vigil/base/ascii.h"
#include "vigil/ingest/network/network.h"

namespace vigil::network {
namespace {

using internal::Error;

enum class Section { kNone, kVertices, kArcs, kEdges, kArcsList, kEdgesList, kMatrix };

}  // namespace

StatusOr<Network> ReadPajek(std::string_view text, const ReadOptions& options) {
  if (auto s = internal::CheckText(text, options.path); !s.ok()) return s;
  text = internal::StripBom(text);
  Network net;
  net.path = options.path;
  net.format = Format::kPajek;
  internal::LineReader lines(text);
  std::string_view line;
  std::vector<std::string> fields;
  Section section = Section::kNone;
  int64_t vertex_count = -1;
  int matrix_row = 0;
  bool has_arcs = false, has_edges = false;
  std::vector<Edge> undirected;  // from *Edges sections

  auto vertex = [&](const std::string& token, std::string_view field) -> StatusOr<int32_t> {
    auto number = internal::ParseNumber(token);
    if (!number || *number != std::floor(*number))
      return Error(options.path, lines.number(), field,
                   fmt::format("'{}' is not a vertex number", token));
    auto index = internal::ParseWholeNumber(token, 1, vertex_count);
    if (!index)
      return Error(options.path, lines.number(), field,
                   fmt::format("vertex {} is outside 1..{} (*Vertices {})", token, vertex_count,
                               vertex_count));
    return static_cast<int32_t>(*index - 1);
  };
  auto add = [&](int32_t s, int32_t t, double w, bool directed_section) {
    Edge e{s, t, w};
    if (directed_section)
      net.edges.push_back(e);
    else
      undirected.push_back(e);
  };

  while (lines.Next(&line)) {
    std::string_view trimmed = internal::Trim(line);
    if (trimmed.empty() || trimmed.front() == '%') continue;
    if (trimmed.front() == '*') {
      std::string keyword = AsciiLower(trimmed.substr(0, trimmed.find_first_of(" \t")));
      if (keyword == "*network") continue;
      if (keyword == "*vertices") {
        if (!internal::SplitFields(trimmed, ' ', &fields) || fields.size() < 2)
          return Error(options.path, lines.number(), "*Vertices", "missing the vertex count");
        if (vertex_count >= 0)
          return Error(options.path, lines.number(), "*Vertices",
                       "given twice (one network per file)");
        auto n = internal::ParseNumber(fields[1]);
        if (!n || *n < 0 || *n != std::floor(*n))
          return Error(options.path, lines.number(), "*Vertices",
                       fmt::format("'{}' is not a vertex count", fields[1]));
        if (std::string problem;
            !internal::DeclaredCountAllowed(*n, fields[1], "vertices", text.size(), &problem))
          return Error(options.path, lines.number(), "*Vertices", problem);
        if (fields.size() > 2)
          return Error(options.path, lines.number(), "*Vertices",
                       "two-mode networks are not supported");
        vertex_count = static_cast<int64_t>(*n);
        net.labels.resize(vertex_count);
        for (int64_t i = 0; i < vertex_count; ++i) net.labels[i] = std::to_string(i + 1);
        section = Section::kVertices;
        continue;
      }
      if (vertex_count < 0)
        return Error(options.path, lines.number(), keyword, "comes before *Vertices");
      if (keyword == "*arcs")
        section = Section::kArcs, has_arcs = true;
      else if (keyword == "*edges")
        section = Section::kEdges, has_edges = true;
      else if (keyword == "*arcslist")
        section = Section::kArcsList, has_arcs = true;
      else if (keyword == "*edgeslist")
        section = Section::kEdgesList, has_edges = true;
      else if (keyword == "*matrix")
        section = Section::kMatrix, has_arcs = true, matrix_row = 0;
      else
        return Error(options.path, lines.number(), "section",
                     fmt::format("unknown section '{}'", std::string(trimmed)));
      continue;
    }
    if (!internal::SplitFields(trimmed, ' ', &fields))
      return Error(options.path, lines.number(), "line", "unterminated quoted label");
    switch (section) {
      case Section::kNone:
        return Error(options.path, lines.number(), "line", "data before *Vertices");
      case Section::kVertices: {
        auto v = vertex(fields[0], "vertex");
        if (!v.ok()) return v.status();
        if (fields.size() > 1) net.labels[*v] = fields[1];
        break;
      }
      case Section::kArcs:
      case Section::kEdges: {
        if (fields.size() < 2)
          return Error(options.path, lines.number(), "target", "expected two vertex numbers");
        auto s = vertex(fields[0], "source");
        if (!s.ok()) return s.status();
        auto t = vertex(fields[1], "target");
        if (!t.ok()) return t.status();
        double w = 1.0;
        if (fields.size() > 2) {
          auto parsed = internal::ParseNumber(fields[2]);
          if (!parsed)
            return Error(options.path, lines.number(), "weight",
                         fmt::format("'{}' is not a number", fields[2]));
          w = *parsed;
          net.weighted = true;
        }
        add(*s, *t, w, section == Section::kArcs);
        break;
      }
      case Section::kArcsList:
      case Section::kEdgesList: {
        auto s = vertex(fields[0], "source");
        if (!s.ok()) return s.status();
        for (size_t i = 1; i < fields.size(); ++i) {
          auto t = vertex(fields[i], "target");
          if (!t.ok()) return t.status();
          add(*s, *t, 1.0, section == Section::kArcsList);
        }
        break;
      }
      case Section::kMatrix: {
        if (matrix_row >= vertex_count)
          return Error(options.path, lines.number(), "*Matrix",
                       fmt::format("more than {} rows", vertex_count));
        if (static_cast<int64_t>(fields.size()) != vertex_count)
          return Error(options.path, lines.number(), "*Matrix",
                       fmt::format("row {} has {} values for {} vertices", matrix_row + 1,
                                   fields.size(), vertex_count));
        for (int64_t c = 0; c < vertex_count; ++c) {
          auto value = internal::ParseNumber(fields[c]);
          if (!value)
            return Error(options.path, lines.number(), "*Matrix",
                         fmt::format("'{}' is not a number", fields[c]));
          if (*value == 0.0) continue;
          if (*value != 1.0) net.weighted = true;
          add(matrix_row, static_cast<int32_t>(c), *value, true);
        }
        ++matrix_row;
        break;
      }
    }
  }
  if (vertex_count < 0) return Error(options.path, lines.number(), "*Vertices", "missing");
  net.directed = has_arcs || options.directed;
  if (has_arcs && has_edges)
    net.warnings.push_back(fmt::format(
        "{}: both *Arcs and *Edges: read as directed, each edge as two arcs", options.path));
  for (const auto& e : undirected) {
    net.edges.push_back(e);
    if (net.directed) net.edges.push_back({e.target, e.source, e.weight});
  }
  return net;
}

}  // namespace vigil::network
