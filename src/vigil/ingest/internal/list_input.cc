// List files, problems and warnings, and record helpers shared by the list readers.
#include "vigil/ingest/internal/list_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <unordered_set>
#include <utility>

#include "vigil/base/file.h"
#include "vigil/base/sha256.h"
#include "vigil/base/utf8.h"
#include "vigil/ingest/internal/limits.h"
#include "vigil/text/normalize.h"

namespace vigil::internal {

StatusOr<ListFile> ListFile::Read(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return FromText(std::move(*bytes), path);
}

StatusOr<ListFile> ListFile::FromText(std::string text, std::string path) {
  if (auto s = CheckInputSize(text, path); !s.ok()) return s;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return InputError({path, 1}, "",
                      text.empty() ? "the file is empty" : "the file holds only white space");
  if (auto bad = FindInvalidUtf8(text)) {
    // Quote a few readable bytes before the bad one so the place can be found.
    size_t from = bad->byte_offset > 24 ? bad->byte_offset - 24 : 0;
    std::string before;
    for (size_t i = from; i < bad->byte_offset; ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      before += c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '.';
    }
    return InputError(
        {path, bad->line}, "",
        fmt::format("invalid UTF-8: byte 0x{:02X} at byte offset {} (line {}, column {}, after "
                    "\"{}\"); the file was probably saved in another encoding, so its non-Latin "
                    "names are damaged: obtain a clean UTF-8 copy",
                    bad->byte, bad->byte_offset, bad->line, bad->column, before));
  }
  ListFile file;
  file.path_ = std::move(path);
  file.bytes_ = std::move(text);
  file.sha256_ = Sha256Hex(file.bytes_);
  file.line_starts_.push_back(0);
  for (size_t i = 0; i < file.bytes_.size(); ++i)
    if (file.bytes_[i] == '\n') file.line_starts_.push_back(i + 1);
  return file;
}

int ListFile::LineAt(size_t byte_offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  return static_cast<int>(it - line_starts_.begin());
}

void ReadProblems::Error(const FilePosition& where, std::string_view field,
                         std::string_view message) {
  if (errors_.size() < kMaxErrors) errors_.push_back(FormatInputError(where, field, message));
  ++error_count_;
}

void ReadProblems::Warn(std::string_view kind, const FilePosition& where, std::string_view field,
                        std::string_view message) {
  auto& quoted = quoted_[std::string(kind)];
  if (quoted.size() < kQuotedWarningsPerKind)
    quoted.push_back(FormatInputError(where, field, message));
  ++counts_[std::string(kind)];
}

void ReadProblems::Summarize(std::string_view, std::string message) {
  summaries_.push_back(std::move(message));
}

int64_t ReadProblems::WarningCount(std::string_view kind) const {
  auto it = counts_.find(kind);
  return it == counts_.end() ? 0 : it->second;
}

Status ReadProblems::ToStatus() const {
  if (ok()) return absl::OkStatus();
  std::string text;
  for (const auto& m : errors_) AppendJoined(&text, "\n", m);
  if (error_count_ > errors_.size())
    text += fmt::format("\n... and {} more problems", error_count_ - errors_.size());
  return absl::InvalidArgumentError(text);
}

void ReadProblems::MoveWarningsInto(Batch* batch) {
  for (auto& [kind, quoted] : quoted_) {
    for (auto& w : quoted) batch->warnings.push_back(std::move(w));
    batch->warning_counts[kind] += counts_[kind];
  }
  for (auto& s : summaries_) batch->warnings.push_back(std::move(s));
  quoted_.clear();
  counts_.clear();
  summaries_.clear();
}

void AppendJoined(std::string* out, std::string_view separator, std::string_view item) {
  if (!out->empty()) out->append(separator);
  out->append(item);
}

std::string CleanField(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void AddValue(Entity* entity, std::string_view key, std::string value) {
  if (value.empty()) return;
  entity->values.emplace_back(std::string(key), std::move(value));
}

std::string JoinParts(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) {
    std::string clean = CleanField(p);
    if (!clean.empty()) AppendJoined(&out, ", ", clean);
  }
  return out;
}

void AddIdentifier(Entity* entity, Identifier id) { entity->identifiers.push_back(std::move(id)); }

void AddName(Entity* entity, std::string text, std::string_view kind) {
  if (text.empty()) return;
  Name name;
  bool ascii = true, letters = false;
  for (unsigned char c : text) {
    ascii = ascii && c < 0x80;
    letters = letters || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
  // DetectScript without ICU for plain ASCII (most list names): same answer.
  name.script = !ascii ? DetectScript(text) : letters ? "Latn" : "Zyyy";
  name.text = std::move(text);
  name.kind = std::string(kind);
  entity->names.push_back(std::move(name));
}

namespace {

using KeyPair = std::pair<std::string_view, std::string_view>;

struct KeyPairHash {
  size_t operator()(const KeyPair& p) const {
    size_t a = std::hash<std::string_view>()(p.first);
    size_t b = std::hash<std::string_view>()(p.second);
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  }
};

// Keeps the first item of each key, in order: by comparing pairs when there
// are few items, through a hash set when there are many.
template <class T, class KeyOf>
void KeepFirstOfEachKey(std::vector<T>* items, KeyOf key_of) {
  const size_t n = items->size();
  if (n < 2) return;
  std::vector<bool> keep(n, true);
  if (n <= 16) {
    for (size_t i = 1; i < n; ++i)
      for (size_t j = 0; j < i && keep[i]; ++j)
        if (keep[j] && key_of((*items)[j]) == key_of((*items)[i])) keep[i] = false;
  } else {
    std::unordered_set<KeyPair, KeyPairHash> seen;
    seen.reserve(n);
    for (size_t i = 0; i < n; ++i) keep[i] = seen.insert(key_of((*items)[i])).second;
  }
  // Moved only once every key has been looked at: the set holds views.
  size_t out = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;
    if (out != i) (*items)[out] = std::move((*items)[i]);
    ++out;
  }
  items->erase(items->begin() + static_cast<ptrdiff_t>(out), items->end());
}

}  // namespace

void RemoveRepeats(Entity* entity) {
  KeepFirstOfEachKey(&entity->values, [](const std::pair<std::string, std::string>& v) {
    return KeyPair(v.first, v.second);
  });
  KeepFirstOfEachKey(&entity->names, [](const Name& n) { return KeyPair(n.text, n.kind); });
  KeepFirstOfEachKey(&entity->identifiers,
                     [](const Identifier& id) { return KeyPair(id.type, id.value); });
}

std::string KeyPart(std::string_view reference) {
  std::string out;
  bool dash = false;
  for (char c : reference) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += lower;
    } else {
      dash = true;
    }
  }
  return out;
}

std::string ListVersion(std::string_view publish_date, std::string_view sha256) {
  std::string digits(sha256.substr(0, 12));
  return publish_date.empty() ? digits : fmt::format("{}+{}", publish_date, digits);
}

std::string CombinedSha256(const std::vector<std::string>& file_hashes) {
  if (file_hashes.size() == 1) return file_hashes[0];
  std::string all;
  for (const auto& h : file_hashes) all += h;
  return Sha256Hex(all);
}

}  // namespace vigil::internal
