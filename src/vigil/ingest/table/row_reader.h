// Rows of a CSV file (with a header line) or of a JSON-lines file, for batch
// screening: each row as column -> text, with the line it started on.
//
//   auto rows = ReadRows("partners.csv");
//   for (const auto& row : rows->rows) row.values.at("name");
//   for (const auto& bad : rows->problems) std::cerr << bad;   // "partners.csv:17: ..."
//
// A row that cannot be read (invalid UTF-8, a wrong number of fields, a JSON
// line that is not an object) is skipped and reported with its line number;
// only a file that cannot be opened or has no usable header fails the whole
// read. CSV follows RFC 4180 (quoted fields may hold commas, quotes and line
// breaks), parsed by libcsv; a UTF-8 byte-order mark is ignored.
//
// Limits (docs/screening.md): a file of at most 2 GB; a JSON line nested
// deeper than kMaxJsonDepth levels (the row object counts as one) is a row
// problem "path:line: field: nested deeper than 32 levels; row skipped".
// Reading is linear in the file's size, and holds each field once.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "vigil/base/status.h"

namespace vigil {

struct Row {
  int line = 0;  // 1-based line on which the row starts
  std::map<std::string, std::string> values;
};

struct RowSet {
  std::vector<std::string> columns;  // CSV header, or keys in first-seen order (JSONL)
  std::vector<Row> rows;
  std::vector<std::string> problems;  // "path:line: problem", rows skipped
};

enum class RowFormat { kCsv, kJsonLines };

// The deepest nesting of a JSON-lines row, the row object included.
inline constexpr int kMaxJsonDepth = 32;

// Format from the extension: .jsonl / .ndjson / .json -> JSON lines, else CSV.
RowFormat RowFormatOf(const std::string& path);

StatusOr<RowSet> ReadRows(const std::string& path);
// The same, on text already in memory (tests); path is used in messages.
StatusOr<RowSet> ParseRows(const std::string& text, const std::string& path, RowFormat format);

}  // namespace vigil
