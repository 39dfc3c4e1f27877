// UCINET DL: a header ("dl n=5 format=fullmatrix", "labels:", "labels
// embedded") and "data:" in fullmatrix, edgelist1 or nodelist1 layout.
// Tokens are separated by blanks, commas and line ends; '=' and ':' are
// tokens of their own; labels may be quoted. Tokens are read as the reader
// asks for them (a line ahead at most), and a declared n is checked against
// the limit and the file's size before anything is allocated for it.
#include <fmt/format.h>

#include <cmath>
#include <deque>

#include "vigil/ingest/network/internal/text.h"
#include "vigil/base/ascii.h"
#include "vigil/ingest/network/network.h"

namespace vigil::network {
namespace {

using internal::Error;

struct Token {
  std::string_view text;  // a view of the file's text, without quotes
  int line = 0;
  bool quoted = false;
};

// Ends a bare token. (Not strchr on a list of them: it finds a NUL byte too,
// which made a token of nothing and the tokenizer loop forever.)
bool IsSeparator(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == '=' || c == ':';
}

// The tokens of a DL file, read as they are asked for: the reader looks at
// most a line ahead, so memory does not grow with the file.
class Tokens {
 public:
  Tokens(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  // The k-th token from here (0: the next one), or nullptr at the end of
  // the file or after a tokenizing error (then status() says which).
  const Token* Peek(size_t k = 0) {
    while (buffer_.size() <= k && ReadOne()) {
    }
    return k < buffer_.size() ? &buffer_[k] : nullptr;
  }
  void Skip(size_t n = 1) {
    Peek(n - 1);
    for (size_t i = 0; i < n && !buffer_.empty(); ++i) buffer_.pop_front();
  }
  const Status& status() const { return status_; }
  // The line of the next token, else of the last one read.
  int line() {
    const Token* t = Peek();
    return t ? t->line : last_line_;
  }
  // Bytes of the file from the next token on: a bound on what is left.
  size_t RemainingBytes() {
    const Token* t = Peek();
    return t ? static_cast<size_t>(text_.data() + text_.size() - t->text.data()) : 0;
  }

 private:
  bool ReadOne() {
    while (status_.ok() && at_ < text_.size()) {
      char c = text_[at_];
      if (c == '\n') {
        ++line_;
        ++at_;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
        ++at_;
      } else if (c == '=' || c == ':') {
        Push(text_.substr(at_, 1), false);
        ++at_;
        return true;
      } else if (c == '"' || c == '\'') {
        size_t end = text_.find_first_of(c == '"' ? "\"\n" : "'\n", at_ + 1);
        if (end == std::string_view::npos || text_[end] == '\n') {
          status_ = Error(path_, line_, "label", "unterminated quoted label");
          return false;
        }
        Push(text_.substr(at_ + 1, end - at_ - 1), true);
        at_ = end + 1;
        return true;
      } else {
        size_t start = at_;
        while (at_ < text_.size() && !IsSeparator(text_[at_])) ++at_;
        Push(text_.substr(start, at_ - start), false);
        return true;
      }
    }
    return false;
  }
  void Push(std::string_view text, bool quoted) {
    buffer_.push_back({text, line_, quoted});
    last_line_ = line_;
  }

  std::string_view text_;
  const std::string& path_;
  size_t at_ = 0;
  int line_ = 1, last_line_ = 0;
  std::deque<Token> buffer_;
  Status status_;
};

}  // namespace

StatusOr<Network> ReadUcinetDl(std::string_view text, const ReadOptions& options) {
  if (auto s = internal::CheckText(text, options.path); !s.ok()) return s;
  text = internal::StripBom(text);
  Tokens tokens(text, options.path);
  // Where the file ends too early: the tokenizer's error when it stopped on
  // one, else what the caller expected.
  auto early = [&](std::string_view field, std::string_view problem) -> Status {
    if (!tokens.status().ok()) return tokens.status();
    return Error(options.path, tokens.line(), field, problem);
  };
  auto is = [&](size_t k, std::string_view word) {
    const Token* t = tokens.Peek(k);
    return t && !t->quoted && AsciiLower(t->text) == word;
  };
  if (!is(0, "dl")) return early("dl", "the file must start with DL");
  const int first_line = tokens.line();
  tokens.Skip();
  int64_t n = -1;
  std::string format = "fullmatrix";
  bool embedded = false;
  std::vector<std::string> labels;
  std::vector<int> label_lines;  // where each of labels was written
  while (true) {
    const Token* at = tokens.Peek();
    if (!at) return early("data", "missing 'data:'");
    std::string word = AsciiLower(at->text);
    if (word == "data" && is(1, ":")) {
      tokens.Skip(2);
      break;
    }
    if (is(1, "=")) {
      const Token* value = tokens.Peek(2);
      if (!value) return early(word, "missing value after '='");
      if (word == "n") {
        auto number = internal::ParseNumber(value->text);
        if (!number || *number < 1 || *number != std::floor(*number))
          return Error(options.path, value->line, "n",
                       fmt::format("'{}' is not a node count", value->text));
        if (std::string problem;
            !internal::DeclaredCountAllowed(*number, value->text, "nodes", text.size(), &problem))
          return Error(options.path, value->line, "n", problem);
        n = static_cast<int64_t>(*number);
      } else if (word == "format") {
        format = AsciiLower(value->text);
      } else if (word == "nm") {
        if (value->text != "1")
          return Error(options.path, value->line, "nm",
                       "several matrices in one file are not supported");
      } else if (word == "nr" || word == "nc") {
        return Error(options.path, value->line, word,
                     "two-mode (rectangular) data are not supported");
      } else if (word != "diagonal") {
        return Error(options.path, value->line, word, "unknown header setting");
      }
      tokens.Skip(3);
      continue;
    }
    if (word == "labels" && is(1, "embedded")) {
      embedded = true;
      tokens.Skip(2);
      if (is(0, ":")) tokens.Skip();
      continue;
    }
    if (word == "labels" && is(1, ":")) {
      tokens.Skip(2);
      while (const Token* label = tokens.Peek()) {
        if (is(1, "embedded")) break;
        if (is(1, ":") && !label->quoted &&
            (AsciiLower(label->text) == "data" || AsciiLower(label->text) == "labels"))
          break;
        if (static_cast<int64_t>(labels.size()) >= internal::kMaxDeclaredNodes)
          return Error(options.path, label->line, "labels",
                       fmt::format("more than the {} nodes a network file may declare",
                                   internal::kMaxDeclaredNodes));  // each label has its bytes
        labels.emplace_back(label->text);
        label_lines.push_back(label->line);
        tokens.Skip();
      }
      continue;
    }
    if (word == "row" || word == "col" || word == "column")
      return Error(options.path, at->line, word + " labels",
                   "two-mode (rectangular) data are not supported");
    return Error(options.path, at->line, "header",
                 fmt::format("unexpected '{}' (expected n=, format=, labels:, labels embedded or "
                             "data:)",
                             at->text));
  }
  if (n < 0) return Error(options.path, first_line, "n", "missing n=");
  if (!labels.empty() && static_cast<int64_t>(labels.size()) != n)
    return Error(options.path, tokens.line(), "labels",
                 fmt::format("{} labels for n={}", labels.size(), n));
  const bool full_matrix = format == "fullmatrix" || format == "fm";
  if (full_matrix) {
    // n x n values (and 2n labels when embedded) take a byte each at the
    // very least: refuse a count the file cannot hold before allocating.
    const int64_t values = n * n + (embedded ? 2 * n : 0);
    if (values > static_cast<int64_t>(tokens.RemainingBytes()))
      return early("data", fmt::format("the matrix ends early: n={} needs {} values, more than "
                                       "the {} bytes after 'data:' can hold",
                                       n, values, tokens.RemainingBytes()));
  }

  Network net;
  net.path = options.path;
  net.format = Format::kUcinetDl;
  net.directed = options.directed;
  // Embedded labels are looked up by text; numbered nodes by number only.
  internal::LabelIndex index(&net.labels);
  if (!labels.empty()) {
    // Rows and columns are the labels' positions: each must name a node of
    // its own (a repeated label would leave positions without a node).
    for (size_t i = 0; i < labels.size(); ++i)
      if (index.Find(labels[i]) >= 0 || index.Add(labels[i]) != static_cast<int32_t>(i))
        return Error(options.path, label_lines[i], "labels",
                     fmt::format("'{}' is given twice: each of the n labels names its own node",
                                 labels[i]));
  } else if (!embedded) {
    net.labels.reserve(n);
    for (int64_t i = 1; i <= n; ++i) net.labels.push_back(std::to_string(i));
  }

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
    auto value = internal::ParseWholeNumber(t.text, 1, n);
    if (!value)
      return Error(options.path, t.line, field,
                   fmt::format("'{}' is not a node number in 1..{}", t.text, n));
    return static_cast<int32_t>(*value - 1);
  };

  if (full_matrix) {
    std::vector<int32_t> columns(n);
    if (embedded) {
      for (int64_t c = 0; c < n; ++c) {
        const Token* t = tokens.Peek();
        if (!t) return early("data", "fewer column labels than n");
        auto id = node(*t, "label");
        if (!id.ok()) return id.status();
        columns[c] = *id;
        tokens.Skip();
      }
    } else {
      for (int64_t c = 0; c < n; ++c) columns[c] = static_cast<int32_t>(c);
    }
    for (int64_t r = 0; r < n; ++r) {
      int32_t row = static_cast<int32_t>(r);
      if (embedded) {
        const Token* t = tokens.Peek();
        if (!t) return early("data", fmt::format("row {} is missing", r + 1));
        auto id = node(*t, "row label");
        if (!id.ok()) return id.status();
        row = *id;
        tokens.Skip();
      }
      for (int64_t c = 0; c < n; ++c) {
        const Token* t = tokens.Peek();
        if (!t)
          return early("data", fmt::format("the matrix ends early (row {}, column {} of {})",
                                           r + 1, c + 1, n));
        auto value = number(*t, "data");
        if (!value.ok()) return value.status();
        tokens.Skip();
        if (*value == 0.0) continue;
        if (*value != 1.0) net.weighted = true;
        net.edges.push_back({row, columns[c], *value});
      }
    }
    if (const Token* extra = tokens.Peek())
      return Error(options.path, extra->line, "data",
                   fmt::format("more values than an {}x{} matrix holds", n, n));
  } else if (format == "edgelist1" || format == "el1" || format == "nodelist1" || format == "nl1") {
    const bool edge_list = format == "edgelist1" || format == "el1";
    while (const Token* first = tokens.Peek()) {
      const int line = first->line;
      auto source = node(*first, "source");
      if (!source.ok()) return source.status();
      tokens.Skip();
      size_t on_line = 1;  // tokens of this line consumed
      while (const Token* t = tokens.Peek()) {
        if (t->line != line) break;
        if (edge_list && on_line == 1) {
          auto target = node(*t, "target");
          if (!target.ok()) return target.status();
          net.edges.push_back({*source, *target, 1.0});
        } else if (edge_list && on_line == 2) {
          auto w = number(*t, "weight");
          if (!w.ok()) return w.status();
          net.edges.back().weight = *w;
          net.weighted = true;
        } else if (!edge_list) {
          auto target = node(*t, "target");
          if (!target.ok()) return target.status();
          net.edges.push_back({*source, *target, 1.0});
        }  // an edge list's tokens after the weight are ignored
        tokens.Skip();
        ++on_line;
      }
      if (edge_list && on_line < 2)
        return tokens.status().ok()
                   ? Error(options.path, line, "target", "expected source and target")
                   : tokens.status();
    }
    // Nodes declared by n but named nowhere: numbered after the others,
    // skipping numbers an embedded label already took.
    for (int64_t number = static_cast<int64_t>(net.labels.size()) + 1;
         static_cast<int64_t>(net.labels.size()) < n; ++number) {
      std::string label = std::to_string(number);
      if (index.Find(label) < 0) index.Add(label);
    }
  } else {
    return Error(options.path, first_line, "format",
                 fmt::format("'{}' is not supported (fullmatrix, edgelist1 or nodelist1)", format));
  }
  if (!tokens.status().ok()) return tokens.status();
  return net;
}

}  // namespace vigil::network
