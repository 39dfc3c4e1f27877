// Delimited text networks: edge lists (source, target[, weight]) and
// adjacency matrices whose first row and column hold the node labels.
#include <fmt/format.h>

#include <algorithm>

#include "vigil/ingest/network/internal/text.h"
#include "vigil/base/ascii.h"
#include "vigil/ingest/network/network.h"

namespace vigil::network {
namespace {

using internal::Error;

bool IsComment(std::string_view line) {
  line = internal::Trim(line);
  return line.empty() || line.front() == '#' || line.front() == '%';
}

char GuessDelimiter(std::string_view line) {
  if (line.find('\t') != std::string_view::npos) return '\t';
  if (line.find(',') != std::string_view::npos) return ',';
  if (line.find(';') != std::string_view::npos) return ';';
  return ' ';
}

bool LooksLikeHeader(const std::vector<std::string>& fields) {
  static const char* const kWords[] = {
      "source", "target", "from",  "to",    "node1",  "node2",   "node 1",  "node 2",
      "node_1", "node_2", "src",   "dst",   "u",      "v",       "id1",     "id2",
      "actor1", "actor2", "ego",   "alter", "head",   "tail",    "vertex1", "vertex2",
      "i",      "j",      "nodea", "nodeb", "sender", "receiver"};
  auto known = [](std::string_view s) {
    std::string lower = AsciiLower(s);
    for (const char* w : kWords)
      if (lower == w) return true;
    return false;
  };
  if (fields.size() >= 2 && known(fields[0]) && known(fields[1])) return true;
  return fields.size() >= 3 && !fields[2].empty() && !internal::ParseNumber(fields[2]);
}

Status Prepare(std::string_view* text, const ReadOptions& options) {
  if (auto s = internal::CheckText(*text, options.path); !s.ok()) return s;
  *text = internal::StripBom(*text);
  return absl::OkStatus();
}

}  // namespace

StatusOr<Network> ReadEdgeList(std::string_view text, const ReadOptions& options) {
  if (auto s = Prepare(&text, options); !s.ok()) return s;
  Network net;
  net.path = options.path;
  net.format = Format::kEdgeList;
  net.directed = options.directed;
  internal::LabelIndex index(&net.labels);
  internal::LineReader lines(text);
  std::string_view line;
  std::vector<std::string> fields;
  char delimiter = 0;
  bool first = true, warned_extra = false;
  while (lines.Next(&line)) {
    if (IsComment(line)) continue;
    if (!delimiter) delimiter = GuessDelimiter(line);
    if (!internal::SplitFields(line, delimiter, &fields))
      return Error(options.path, lines.number(), "line", "unterminated quoted field");
    if (first) {
      first = false;
      if (LooksLikeHeader(fields)) continue;
    }
    if (fields.size() < 2)
      return Error(options.path, lines.number(), "target",
                   fmt::format("expected at least two fields (source{}target[{}weight]), found "
                               "one; is the delimiter right?",
                               delimiter == ' ' ? " " : std::string(1, delimiter),
                               delimiter == ' ' ? " " : std::string(1, delimiter)));
    if (fields[0].empty()) return Error(options.path, lines.number(), "source", "empty node name");
    if (fields[1].empty()) return Error(options.path, lines.number(), "target", "empty node name");
    Edge edge;
    if (fields.size() >= 3 && !fields[2].empty()) {
      auto weight = internal::ParseNumber(fields[2]);
      if (!weight)
        return Error(options.path, lines.number(), "weight",
                     fmt::format("'{}' is not a number", fields[2]));
      edge.weight = *weight;
      net.weighted = true;
    }
    if (fields.size() > 3 && !warned_extra) {
      warned_extra = true;
      net.warnings.push_back(fmt::format("{}:{}: columns after the third (weight) are ignored",
                                         options.path, lines.number()));
    }
    edge.source = index.Add(fields[0]);
    edge.target = index.Add(fields[1]);
    net.edges.push_back(edge);
  }
  if (net.labels.empty())
    return Error(options.path, lines.number(), "", "no edges found (empty edge list)");
  return net;
}

StatusOr<Network> ReadMatrix(std::string_view text, const ReadOptions& options) {
  if (auto s = Prepare(&text, options); !s.ok()) return s;
  Network net;
  net.path = options.path;
  net.format = Format::kMatrix;
  net.directed = options.directed;
  internal::LabelIndex index(&net.labels);
  internal::LineReader lines(text);
  std::string_view line;
  std::vector<std::string> fields;
  char delimiter = 0;
  std::vector<int32_t> columns;  // node of each column
  int header_line = 0, rows = 0;
  std::vector<std::string> duplicates;
  while (lines.Next(&line)) {
    if (internal::Trim(line).empty()) continue;
    if (!delimiter) delimiter = GuessDelimiter(line);
    if (!internal::SplitFields(line, delimiter, &fields))
      return Error(options.path, lines.number(), "line", "unterminated quoted field");
    if (!header_line) {
      header_line = lines.number();
      while (fields.size() > 1 && fields.back().empty()) fields.pop_back();
      if (fields.size() < 2)
        return Error(options.path, header_line, "header",
                     "expected a row of column labels after an empty corner cell");
      for (size_t c = 1; c < fields.size(); ++c) {
        if (fields[c].empty())
          return Error(options.path, header_line, "header",
                       fmt::format("column {} has no label", c + 1));
        if (index.Find(fields[c]) >= 0) duplicates.push_back(fields[c]);
        columns.push_back(index.Add(fields[c]));
      }
      continue;
    }
    ++rows;
    const size_t expected = columns.size() + 1;
    if (fields.size() == expected + 1 && fields.back().empty()) fields.pop_back();
    if (fields.size() != expected)
      return Error(options.path, lines.number(), fmt::format("row '{}'", fields[0]),
                   fmt::format("{} values for {} columns", fields.size() - 1, columns.size()));
    if (fields[0].empty()) return Error(options.path, lines.number(), "row", "row has no label");
    int32_t row = index.Add(fields[0]);
    for (size_t c = 0; c < columns.size(); ++c) {
      const std::string& cell = fields[c + 1];
      if (cell.empty()) continue;
      auto value = internal::ParseNumber(cell);
      if (!value)
        return Error(options.path, lines.number(),
                     fmt::format("column '{}'", net.labels[columns[c]]),
                     fmt::format("'{}' is not a number", cell));
      if (*value == 0.0) continue;
      if (*value != 1.0) net.weighted = true;
      net.edges.push_back({row, columns[c], *value});
    }
  }
  if (!header_line) return Error(options.path, 0, "", "empty matrix");
  if (rows != static_cast<int>(columns.size()))
    return Error(options.path, header_line, "matrix",
                 fmt::format("not square: {} rows for {} columns (is this an attribute table?)",
                             rows, columns.size()));
  if (net.labels.size() > columns.size() - duplicates.size())
    net.warnings.push_back(
        fmt::format("{}: {} row labels are not column labels; they become nodes of their own",
                    options.path, net.labels.size() - (columns.size() - duplicates.size())));
  for (const auto& label : duplicates)
    net.warnings.push_back(fmt::format(
        "{}:{}: label '{}' appears twice; its rows and columns are merged into one node",
        options.path, header_line, label));
  if (!net.directed) {
    // Ties recorded in one direction only are kept (as either direction).
    std::vector<std::pair<int32_t, int32_t>> arcs;
    for (const auto& e : net.edges) arcs.emplace_back(e.source, e.target);
    std::sort(arcs.begin(), arcs.end());
    int64_t one_way = 0;
    for (const auto& [s, t] : arcs)
      if (s != t && !std::binary_search(arcs.begin(), arcs.end(), std::make_pair(t, s))) ++one_way;
    if (one_way > 0)
      net.warnings.push_back(fmt::format(
          "{}: the matrix is not symmetric ({} ties recorded in one direction only); read as "
          "undirected (pass --directed to keep directions)",
          options.path, one_way));
  }
  return net;
}

}  // namespace vigil::network
