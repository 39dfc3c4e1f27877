// Lines, fields, numbers and labels for the network readers.
#include "vigil/ingest/network/internal/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

#include "vigil/base/number.h"
#include "vigil/base/utf8.h"
#include "vigil/ingest/internal/limits.h"

namespace vigil::network::internal {

std::string_view StripBom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

Status CheckText(std::string_view text, const std::string& path) {
  if (auto s = vigil::internal::CheckInputSize(text, path); !s.ok()) return s;
  auto bad = FindInvalidUtf8(text);
  if (!bad) return absl::OkStatus();
  return Error(path, bad->line, "text",
               fmt::format("invalid UTF-8 (byte 0x{:02X} at column {}, byte offset {}); save the "
                           "file as UTF-8",
                           bad->byte, bad->column, bad->byte_offset));
}

bool LineReader::Next(std::string_view* line) {
  if (at_ >= text_.size()) return false;
  size_t end = at_;
  while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
  *line = text_.substr(at_, end - at_);
  if (end < text_.size() && text_[end] == '\r' && end + 1 < text_.size() && text_[end + 1] == '\n')
    ++end;
  at_ = end + 1;
  ++number_;
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool SplitFields(std::string_view line, char delimiter, std::vector<std::string>* fields) {
  fields->clear();
  const bool blanks = delimiter == ' ';
  size_t i = 0;
  const size_t n = line.size();
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  if (blanks)
    while (i < n && is_blank(line[i])) ++i;
  if (blanks && i == n) return true;
  while (true) {
    std::string field;
    if (!blanks)
      while (i < n && is_blank(line[i])) ++i;
    if (i < n && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (line[i] == '"') {
          if (i + 1 < n && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field += line[i++];
      }
      if (!closed) return false;
      while (i < n && (blanks ? false : is_blank(line[i]))) ++i;
      // Anything up to the delimiter after a closing quote is kept.
      while (i < n && !(blanks ? is_blank(line[i]) : line[i] == delimiter)) field += line[i++];
    } else {
      size_t start = i;
      while (i < n && !(blanks ? is_blank(line[i]) : line[i] == delimiter)) ++i;
      field.assign(Trim(line.substr(start, i - start)));
    }
    fields->push_back(std::move(field));
    if (i >= n) break;
    if (blanks) {
      while (i < n && is_blank(line[i])) ++i;
      if (i == n) break;
    } else {
      ++i;  // the delimiter
      if (i == n) {
        fields->emplace_back();
        break;
      }
    }
  }
  return true;
}

std::optional<double> ParseNumber(std::string_view s) { return ParseFiniteNumber(Trim(s)); }

std::optional<int64_t> ParseWholeNumber(std::string_view s, int64_t min, int64_t max) {
  auto value = ParseNumber(s);
  if (!value || *value != std::floor(*value)) return std::nullopt;
  // Compared as doubles first: converting an out-of-range double is undefined.
  if (*value < static_cast<double>(min) || *value > static_cast<double>(max)) return std::nullopt;
  auto whole = static_cast<int64_t>(*value);
  if (whole < min || whole > max) return std::nullopt;  // max rounded up as a double
  return whole;
}

int64_t DeclaredNodeLimit(size_t file_bytes) {
  return std::min(kMaxDeclaredNodes,
                  std::max(kDeclaredNodesAnyFile, static_cast<int64_t>(file_bytes)));
}

bool DeclaredCountAllowed(double count, std::string_view written, std::string_view what,
                          size_t file_bytes, std::string* problem) {
  const int64_t limit = DeclaredNodeLimit(file_bytes);
  if (count <= static_cast<double>(limit)) return true;
  *problem = limit == kMaxDeclaredNodes
                 ? fmt::format("{} {}: more than the {} a network file may declare", written,
                               what, kMaxDeclaredNodes)
                 : fmt::format("{} {}: more than the {} a file of {} bytes may declare (a "
                               "million, beyond that one per byte of the file)",
                               written, what, limit, file_bytes);
  return false;
}

int LineCounter::LineAt(ptrdiff_t offset) {
  if (offset < 0) return 0;
  size_t target = std::min(static_cast<size_t>(offset), text_.size());
  if (target < at_) {  // a new pass: start again
    at_ = 0;
    line_ = 1;
  }
  const char* begin = text_.data() + at_;
  line_ += static_cast<int>(std::count(begin, text_.data() + target, '\n'));
  at_ = target;
  return line_;
}

int32_t LabelIndex::Add(std::string_view label) {
  if (auto found = index_.find(label); found != index_.end()) return *found;
  const auto index = static_cast<int32_t>(labels_->size());
  labels_->emplace_back(label);
  index_.insert(index);
  return index;
}

int32_t LabelIndex::Find(std::string_view label) const {
  auto found = index_.find(label);
  return found == index_.end() ? -1 : *found;
}

Status Error(const std::string& path, int line, std::string_view field, std::string_view problem) {
  return InputError(FilePosition{path, line}, field, problem);
}

}  // namespace vigil::network::internal
