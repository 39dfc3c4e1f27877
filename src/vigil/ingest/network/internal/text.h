// Text plumbing shared by the network readers: lines with numbers, CSV
// fields, numbers, node labels, and the UTF-8 check every reader starts with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/ingest/network/network.h"

namespace vigil::network::internal {

// Drops a UTF-8 byte-order mark.
std::string_view StripBom(std::string_view text);

// InvalidArgument "path:line: text: invalid UTF-8 ..." when text is not
// valid UTF-8.
Status CheckUtf8(std::string_view text, const std::string& path);

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

// Labels to node indices in order of first appearance.
class LabelIndex {
 public:
  explicit LabelIndex(std::vector<std::string>* labels) : labels_(labels) {}
  int32_t Add(std::string_view label);
  // -1 when unknown.
  int32_t Find(std::string_view label) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::vector<std::string>* labels_;
  std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> index_;
};

Status Error(const std::string& path, int line, std::string_view field, std::string_view problem);

}  // namespace vigil::network::internal
