// UCINET DL: a header ("dl n=5 format=fullmatrix", "labels:", "labels
// embedded") and "data:" in fullmatrix, edgelist1 or nodelist1 layout.
// Tokens are separated by blanks, commas and line ends; '=' and ':' are
// tokens of their own; labels may be quoted.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstring>

#include "vigil/ingest/network/internal/text.h"
#include "vigil/ingest/network/network.h"

namespace vigil::network {
namespace {

using internal::Error;

struct Token {
  std::string text;
  int line = 0;
  bool quoted = false;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

StatusOr<std::vector<Token>> Tokenize(std::string_view text, const std::string& path) {
  std::vector<Token> tokens;
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
      ++i;
    } else if (c == '=' || c == ':') {
      tokens.push_back({std::string(1, c), line, false});
      ++i;
    } else if (c == '"' || c == '\'') {
      size_t end = text.find(c, i + 1);
      if (end == std::string_view::npos ||
          text.substr(i, end - i).find('\n') != std::string_view::npos)
        return Error(path, line, "label", "unterminated quoted label");
      tokens.push_back({std::string(text.substr(i + 1, end - i - 1)), line, true});
      i = end + 1;
    } else {
      size_t start = i;
      while (i < text.size() && !std::strchr(" \t\r\n,=:", text[i])) ++i;
      tokens.push_back({std::string(text.substr(start, i - start)), line, false});
    }
  }
  return tokens;
}

}  // namespace

StatusOr<Network> ReadUcinetDl(std::string_view text, const ReadOptions& options) {
  if (auto s = internal::CheckUtf8(text, options.path); !s.ok()) return s;
  text = internal::StripBom(text);
  auto tokenized = Tokenize(text, options.path);
  if (!tokenized.ok()) return tokenized.status();
  const std::vector<Token>& tokens = *tokenized;
  size_t at = 0;
  auto line_here = [&] {
    return at < tokens.size() ? tokens[at].line : (tokens.empty() ? 0 : tokens.back().line);
  };
  auto is = [&](size_t i, std::string_view word) {
    return i < tokens.size() && !tokens[i].quoted && Lower(tokens[i].text) == word;
  };
  if (!is(0, "dl")) return Error(options.path, line_here(), "dl", "the file must start with DL");
  at = 1;
  int64_t n = -1;
  std::string format = "fullmatrix";
  bool embedded = false;
  std::vector<std::string> labels;
  while (true) {
    if (at >= tokens.size()) return Error(options.path, line_here(), "data", "missing 'data:'");
    std::string word = Lower(tokens[at].text);
    if (word == "data" && is(at + 1, ":")) {
      at += 2;
      break;
    }
    if (is(at + 1, "=")) {
      if (at + 2 >= tokens.size())
        return Error(options.path, line_here(), word, "missing value after '='");
      const Token& value = tokens[at + 2];
      if (word == "n") {
        auto number = internal::ParseNumber(value.text);
        if (!number || *number < 1 || *number != std::floor(*number))
          return Error(options.path, value.line, "n",
                       fmt::format("'{}' is not a node count", value.text));
        n = static_cast<int64_t>(*number);
      } else if (word == "format") {
        format = Lower(value.text);
      } else if (word == "nm") {
        if (value.text != "1")
          return Error(options.path, value.line, "nm",
                       "several matrices in one file are not supported");
      } else if (word == "nr" || word == "nc") {
        return Error(options.path, value.line, word,
                     "two-mode (rectangular) data are not supported");
      } else if (word != "diagonal") {
        return Error(options.path, value.line, word, "unknown header setting");
      }
      at += 3;
      continue;
    }
    if (word == "labels" && is(at + 1, "embedded")) {
      embedded = true;
      at += 2;
      if (is(at, ":")) ++at;
      continue;
    }
    if (word == "labels" && is(at + 1, ":")) {
      at += 2;
      while (at < tokens.size() &&
             !(is(at + 1, ":") && !tokens[at].quoted &&
               (Lower(tokens[at].text) == "data" || Lower(tokens[at].text) == "labels")) &&
             !is(at + 1, "embedded"))
        labels.push_back(tokens[at++].text);
      continue;
    }
    if (word == "row" || word == "col" || word == "column")
      return Error(options.path, tokens[at].line, word + " labels",
                   "two-mode (rectangular) data are not supported");
    return Error(options.path, tokens[at].line, "header",
                 fmt::format("unexpected '{}' (expected n=, format=, labels:, labels embedded or "
                             "data:)",
                             tokens[at].text));
  }
  if (n < 0) return Error(options.path, tokens.empty() ? 0 : tokens[0].line, "n", "missing n=");
  if (!labels.empty() && static_cast<int64_t>(labels.size()) != n)
    return Error(options.path, line_here(), "labels",
                 fmt::format("{} labels for n={}", labels.size(), n));

  Network net;
  net.path = options.path;
  net.format = Format::kUcinetDl;
  net.directed = options.directed;
  internal::LabelIndex index(&net.labels);
  if (!labels.empty())
    for (const auto& label : labels) index.Add(label);
  else if (!embedded)
    for (int64_t i = 1; i <= n; ++i) index.Add(std::to_string(i));

  auto number = [&](const Token& t, std::string_view field) -> StatusOr<double> {
    auto value = internal::ParseNumber(t.text);
    if (!value)
      return Error(options.path, t.line, field, fmt::format("'{}' is not a number", t.text));
    return *value;
  };
  // A node named by an embedded label, or by its number 1..n.
  auto node = [&](const Token& t, std::string_view field) -> StatusOr<int32_t> {
    if (embedded) {
      int32_t id = index.Find(t.text);
      if (id >= 0) return id;
      if (static_cast<int64_t>(net.labels.size()) >= n)
        return Error(
            options.path, t.line, field,
            fmt::format("'{}' would be node {} of n={}", t.text, net.labels.size() + 1, n));
      return index.Add(t.text);
    }
    auto value = internal::ParseNumber(t.text);
    if (!value || *value != std::floor(*value) || *value < 1 || *value > static_cast<double>(n))
      return Error(options.path, t.line, field,
                   fmt::format("'{}' is not a node number in 1..{}", t.text, n));
    return static_cast<int32_t>(*value) - 1;
  };

  if (format == "fullmatrix" || format == "fm") {
    std::vector<int32_t> columns(n);
    if (embedded) {
      for (int64_t c = 0; c < n; ++c) {
        if (at >= tokens.size())
          return Error(options.path, line_here(), "data", "fewer column labels than n");
        auto id = node(tokens[at++], "label");
        if (!id.ok()) return id.status();
        columns[c] = *id;
      }
    } else {
      for (int64_t c = 0; c < n; ++c) columns[c] = static_cast<int32_t>(c);
    }
    for (int64_t r = 0; r < n; ++r) {
      int32_t row = static_cast<int32_t>(r);
      if (embedded) {
        if (at >= tokens.size())
          return Error(options.path, line_here(), "data", fmt::format("row {} is missing", r + 1));
        auto id = node(tokens[at++], "row label");
        if (!id.ok()) return id.status();
        row = *id;
      }
      for (int64_t c = 0; c < n; ++c) {
        if (at >= tokens.size())
          return Error(
              options.path, line_here(), "data",
              fmt::format("the matrix ends early (row {}, column {} of {})", r + 1, c + 1, n));
        auto value = number(tokens[at++], "data");
        if (!value.ok()) return value.status();
        if (*value == 0.0) continue;
        if (*value != 1.0) net.weighted = true;
        net.edges.push_back({row, columns[c], *value});
      }
    }
    if (at < tokens.size())
      return Error(options.path, tokens[at].line, "data",
                   fmt::format("more values than an {}x{} matrix holds", n, n));
  } else if (format == "edgelist1" || format == "el1" || format == "nodelist1" || format == "nl1") {
    const bool edge_list = format == "edgelist1" || format == "el1";
    while (at < tokens.size()) {
      int line = tokens[at].line;
      size_t end = at;
      while (end < tokens.size() && tokens[end].line == line) ++end;
      auto source = node(tokens[at], "source");
      if (!source.ok()) return source.status();
      if (edge_list) {
        if (end - at < 2) return Error(options.path, line, "target", "expected source and target");
        auto target = node(tokens[at + 1], "target");
        if (!target.ok()) return target.status();
        double weight = 1.0;
        if (end - at >= 3) {
          auto w = number(tokens[at + 2], "weight");
          if (!w.ok()) return w.status();
          weight = *w;
          net.weighted = true;
        }
        net.edges.push_back({*source, *target, weight});
      } else {
        for (size_t i = at + 1; i < end; ++i) {
          auto target = node(tokens[i], "target");
          if (!target.ok()) return target.status();
          net.edges.push_back({*source, *target, 1.0});
        }
      }
      at = end;
    }
    while (static_cast<int64_t>(net.labels.size()) < n)
      index.Add(fmt::format("{}", net.labels.size() + 1));
  } else {
    return Error(options.path, tokens.empty() ? 0 : tokens[0].line, "format",
                 fmt::format("'{}' is not supported (fullmatrix, edgelist1 or nodelist1)", format));
  }
  return net;
}

}  // namespace vigil::network
