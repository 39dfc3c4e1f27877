// Rows of a CSV file (with a header line) or of a JSON-lines file, for batch
// screening: each row as column -> text, with the line it started on.
//
//   auto rows = ParseRows(text, "partners.csv", RowFormat::kCsv);
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
//
// Files of any size are read a block at a time by RowStream, which holds
// only the rows not yet taken (batch screening, engine/batch.h):
//
//   auto stream = RowStream::Open("payees.csv");
//   std::vector<Row> rows;
//   std::vector<std::string> problems;
//   for (bool more = true; more;) {
//     more = *(*stream)->Next(10000, &rows, &problems);   // (check the StatusOr)
//     use(rows);
//     rows.clear();
//   }
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
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

// The rows of text already in memory; path is used in messages.
StatusOr<RowSet> ParseRows(const std::string& text, const std::string& path, RowFormat format);

// Rows from bytes fed in pieces of any size (a block of a file, a line of
// a request): the rows, problems and messages of ParseRows. Feed() appends
// the rows that the bytes complete to out->rows and the rows skipped to
// out->problems (out->columns is left alone: see columns()).
class RowParser {
 public:
  RowParser(std::string path, RowFormat format);
  ~RowParser();
  RowParser(const RowParser&) = delete;
  RowParser& operator=(const RowParser&) = delete;

  // InvalidArgument "path:line: ..." when CSV cannot be parsed at all.
  Status Feed(std::string_view bytes, RowSet* out);
  // The end of the input: its last row; InvalidArgument "path: no header
  // line" for CSV without one.
  Status Finish(RowSet* out);
  // The CSV header once read; JSON lines: the keys seen so far, in
  // first-seen order.
  const std::vector<std::string>& columns() const;
  bool has_header() const;  // CSV: the header was read; JSON lines: true
  const std::string& path() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A file of rows read a block at a time, with the rows, problems, messages
// and limits of ParseRows; at most one block's rows beyond those taken are
// held.
class RowStream {
 public:
  // Format from the extension (RowFormatOf). The columns are known once it
  // is open: a CSV file's header is read, a JSON-lines file is read through
  // once for its keys. NotFound when the file cannot be opened;
  // InvalidArgument when it is larger than 2 GB or, CSV, has no header.
  static StatusOr<std::unique_ptr<RowStream>> Open(const std::string& path);

  // Every column: the CSV header, or the keys of every JSON line in
  // first-seen order.
  const std::vector<std::string>& columns() const { return columns_; }
  // Appends up to max_rows rows to *rows (and the problems of the rows
  // skipped on the way to *problems); false once the file is done.
  StatusOr<bool> Next(size_t max_rows, std::vector<Row>* rows, std::vector<std::string>* problems);
  // The share of the file read so far, in [0, 1].
  double Fraction() const;
  const std::string& path() const { return path_; }

 private:
  RowStream(std::string path, RowFormat format);
  Status ReadBlock();  // feeds the next block, or finishes at the end

  std::string path_;
  std::ifstream in_;
  RowParser parser_;
  std::vector<std::string> columns_;
  RowSet pending_;  // parsed, not yet taken
  size_t taken_ = 0;
  int64_t size_ = -1, read_ = 0;  // bytes; size_ -1 when unknown
  bool done_ = false;
};

}  // namespace vigil
