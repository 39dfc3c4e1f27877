// Shared pieces of the official-list readers (ingest/un, ingest/ofac): a list
// file checked for encoding and indexed by line, the collector of problems
// (which stop a read) and warnings (which do not), and small helpers for the
// records they build. Private to ingest/.
//
//   auto file = ListFile::Read("un.xml");   // refuses empty, huge (> 2 GB) and non-UTF-8 files
//   ReadProblems problems(file->path());
//   problems.Error(file->LineAt(offset), "REFERENCE_NUMBER", "missing");
//   problems.Warn("orphan_alias", 12, "ent_num", "refers to no record");
//   if (!problems.ok()) return problems.ToStatus();
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/model/model.h"

namespace vigil::internal {

// The bytes of one input file, with their SHA-256 and a line index.
class ListFile {
 public:
  // Reads path. InvalidArgument "path:line: ..." when the file is empty,
  // larger than kMaxInputBytes (2 GB) or not valid UTF-8 (naming the byte
  // offset and line of the first bad byte); NotFound when it cannot be read.
  static StatusOr<ListFile> Read(const std::string& path);
  // The same checks on text in memory (tests, fuzzers).
  static StatusOr<ListFile> FromText(std::string text, std::string path);

  const std::string& path() const { return path_; }
  const std::string& bytes() const { return bytes_; }
  const std::string& sha256() const { return sha256_; }
  // 1-based line of a byte offset (offsets past the end give the last line).
  int LineAt(size_t byte_offset) const;

 private:
  std::string path_, bytes_, sha256_;
  std::vector<size_t> line_starts_;
};

// Problems found while reading one or more files. Errors end the read (all
// are reported together, up to a limit); warnings are kept in the batch,
// each kind counted and its first few occurrences quoted.
class ReadProblems {
 public:
  static constexpr size_t kMaxErrors = 25;
  static constexpr size_t kQuotedWarningsPerKind = 10;

  void Error(const FilePosition& where, std::string_view field, std::string_view message);
  void Warn(std::string_view kind, const FilePosition& where, std::string_view field,
            std::string_view message);
  // A summary line added after the quoted warnings of a kind.
  void Summarize(std::string_view kind, std::string message);

  bool ok() const { return error_count_ == 0; }
  bool Full() const { return error_count_ >= kMaxErrors; }
  int64_t WarningCount(std::string_view kind) const;
  Status ToStatus() const;
  // Moves the warnings (quoted ones, then summaries) into the batch.
  void MoveWarningsInto(Batch* batch);

 private:
  std::vector<std::string> errors_;
  size_t error_count_ = 0;
  std::map<std::string, std::vector<std::string>, std::less<>> quoted_;
  std::map<std::string, int64_t, std::less<>> counts_;
  std::vector<std::string> summaries_;
};

// Appends item to out, preceded by separator unless out is empty. (Also
// keeps GCC 12 from a false -Wrestrict on `out += (a ? "" : ", ") + item`.)
void AppendJoined(std::string* out, std::string_view separator, std::string_view item);

// Trims ASCII white space and collapses inner runs of white space (line
// breaks included) to one space: list fields are often wrapped.
std::string CleanField(std::string_view text);

// The parts, cleaned (CleanField), joined with ", ", empty ones left out.
std::string JoinParts(std::initializer_list<std::string_view> parts);

// Appends (key, value) unless value is empty.
void AddValue(Entity* entity, std::string_view key, std::string value);
// Appends a name unless it is empty; detects its script.
void AddName(Entity* entity, std::string text, std::string_view kind);
// Appends an identifier.
void AddIdentifier(Entity* entity, Identifier id);
// Removes repeats, keeping the first of each: values with the same key and
// value, names with the same text and kind, identifiers with the same type
// and value. Readers call it once an entity is complete; checking at every
// Add would make a record with many names or values quadratic.
void RemoveRepeats(Entity* entity);

// "TAi.144" -> "tai-144": lower-case letters and digits, other runs as '-'.
std::string KeyPart(std::string_view reference);

// The dataset version: "<publish date>+<first 12 hex digits of sha256>", or
// the hash digits alone when the list states no date.
std::string ListVersion(std::string_view publish_date, std::string_view sha256);

// SHA-256 over several files: the file's own hash for one file, else the
// hash of their hashes joined in order.
std::string CombinedSha256(const std::vector<std::string>& file_hashes);

}  // namespace vigil::internal
