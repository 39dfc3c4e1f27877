// Text plumbing shared by the network readers: lines with numbers, CSV
// fields, numbers, node labels, the limits, and the size and UTF-8 check
// every reader starts with.
#pragma once

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/ingest/network/network.h"

namespace vigil::network::internal {

// Drops a UTF-8 byte-order mark.
std::string_view StripBom(std::string_view text);

// Nodes a file may declare by a count (Pajek *Vertices n, UCINET DL n=):
// declared nodes need no line of their own, so the count alone decides
// what is allocated (docs/network-analysis.md). Any file may declare a
// million; beyond that no more than it has bytes, and ten million at most.
inline constexpr int64_t kDeclaredNodesAnyFile = 1'000'000;
inline constexpr int64_t kMaxDeclaredNodes = 10'000'000;
int64_t DeclaredNodeLimit(size_t file_bytes);
// Whether count (a whole number as written) is within the limit; when it
// is not, problem says why ("20000000 vertices: more than ...").
bool DeclaredCountAllowed(double count, std::string_view written, std::string_view what,
                          size_t file_bytes, std::string* problem);

// What every reader checks first: InvalidArgument "path: the file is N
// bytes, more than ..." past kMaxInputBytes (2 GB), then "path:line: text:
// invalid UTF-8 ..." when text is not valid UTF-8.
Status CheckText(std::string_view text, const std::string& path);

// Iterates over lines ("\n", "\r\n" or "\r" endings), counting from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool Next(std::string_view* line);
  int number() const { return number_; }

 private:
  std::string_view text_;
  size_t at_ = 0;
  int number_ = 0;
};

std::string_view Trim(std::string_view s);

// Splits one line on delimiter (RFC 4180 quotes: "a, b" and "" inside
// quotes). delimiter ' ' splits on runs of blanks and tabs. Returns false
// on an unterminated quote.
bool SplitFields(std::string_view line, char delimiter, std::vector<std::string>* fields);

// A finite number, or nullopt.
std::optional<double> ParseNumber(std::string_view s);
// A whole number ("12", "12.0", "1.2e1") within [min, max], or nullopt: the
// range is checked before any conversion to an integer.
std::optional<int64_t> ParseWholeNumber(std::string_view s, int64_t min, int64_t max);

// The 1-based line of byte offsets in text, counted incrementally from the
// previous query: linear over a pass that asks in increasing order (a
// document-order walk of an XML tree), which is how the readers ask.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  // Offsets past the end give the last line; negative ones 0 (unknown).
  int LineAt(ptrdiff_t offset);

 private:
  std::string_view text_;
  size_t at_ = 0;  // text_[0, at_) holds line_ - 1 line breaks
  int line_ = 1;
};

// Labels to node indices in order of first appearance. Each label is stored
// once, in labels; the index is an absl::flat_hash_set of positions into
// it, looked up by text (heterogeneous lookup), so that a file of millions
// of distinct labels costs a few bytes a label and no allocation per label.
// absl's hash is seeded per process: a file cannot be made of labels that
// collide.
class LabelIndex {
 public:
  explicit LabelIndex(std::vector<std::string>* labels)
      : labels_(labels), index_(0, Hash{labels}, Equal{labels}) {}
  // The label's index, added at the end when new.
  int32_t Add(std::string_view label);
  // -1 when absent.
  int32_t Find(std::string_view label) const;

 private:
  struct Hash {
    using is_transparent = void;
    const std::vector<std::string>* labels;
    size_t operator()(std::string_view s) const { return absl::Hash<std::string_view>()(s); }
    size_t operator()(int32_t i) const { return (*this)(std::string_view((*labels)[i])); }
  };
  struct Equal {
    using is_transparent = void;
    const std::vector<std::string>* labels;
    std::string_view View(std::string_view s) const { return s; }
    std::string_view View(int32_t i) const { return (*labels)[i]; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return View(a) == View(b);
    }
  };
  std::vector<std::string>* labels_;
  absl::flat_hash_set<int32_t, Hash, Equal> index_;
};

Status Error(const std::string& path, int line, std::string_view field, std::string_view problem);

}  // namespace vigil::network::internal
