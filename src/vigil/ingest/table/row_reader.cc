// Row reader: libcsv for CSV, nlohmann::json for JSON lines.
#include "vigil/ingest/table/row_reader.h"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "vigil/base/file.h"
#include "vigil/base/utf8.h"

namespace vigil {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct CsvState {
  std::vector<std::string> fields;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_lines;
  int line = 1;           // line being fed
  int row_start = 1;      // line on which the current row started
  bool row_open = false;
};

void OnField(void* data, size_t size, void* state_ptr) {
  auto* state = static_cast<CsvState*>(state_ptr);
  if (!state->row_open) {
    state->row_open = true;
    state->row_start = state->line;
  }
  state->fields.push_back(size ? std::string(static_cast<const char*>(data), size) : std::string());
}

void OnRow(int, void* state_ptr) {
  auto* state = static_cast<CsvState*>(state_ptr);
  if (!state->row_open) state->row_start = state->line;
  state->rows.push_back(std::move(state->fields));
  state->row_lines.push_back(state->row_start);
  state->fields.clear();
  state->row_open = false;
}

StatusOr<RowSet> ParseCsv(const std::string& text, const std::string& path) {
  csv_parser parser;
  if (csv_init(&parser, 0) != 0) return absl::InternalError("libcsv: cannot initialise");
  CsvState state;
  size_t begin = 0;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) begin = 3;
  // Fed line by line so that each row knows the line it started on.
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    end = end == std::string::npos ? text.size() : end + 1;
    if (csv_parse(&parser, text.data() + begin, end - begin, OnField, OnRow, &state) != end - begin) {
      std::string message = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return absl::InvalidArgumentError(fmt::format("{}:{}: {}", path, state.line, message));
    }
    ++state.line;
    begin = end;
  }
  csv_fini(&parser, OnField, OnRow, &state);
  csv_free(&parser);

  RowSet set;
  size_t first = 0;
  while (first < state.rows.size() && state.rows[first].size() == 1 && state.rows[first][0].empty())
    ++first;  // blank lines before the header
  if (first == state.rows.size())
    return absl::InvalidArgumentError(fmt::format("{}: no header line", path));
  set.columns = state.rows[first];
  for (auto& c : set.columns) {
    while (!c.empty() && (c.back() == ' ' || c.back() == '\r')) c.pop_back();
    while (!c.empty() && c.front() == ' ') c.erase(c.begin());
  }
  for (size_t i = first + 1; i < state.rows.size(); ++i) {
    auto& fields = state.rows[i];
    int line = state.row_lines[i];
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != set.columns.size()) {
      set.problems.push_back(fmt::format("{}:{}: expected {} fields, found {}; row skipped", path,
                                         line, set.columns.size(), fields.size()));
      continue;
    }
    Row row;
    row.line = line;
    bool ok = true;
    for (size_t c = 0; c < fields.size() && ok; ++c) {
      if (FindInvalidUtf8(fields[c])) {
        set.problems.push_back(fmt::format("{}:{}: {}: invalid UTF-8; row skipped", path, line,
                                           set.columns[c]));
        ok = false;
      }
      row.values[set.columns[c]] = std::move(fields[c]);
    }
    if (ok) set.rows.push_back(std::move(row));
  }
  return set;
}

StatusOr<RowSet> ParseJsonLines(const std::string& text, const std::string& path) {
  RowSet set;
  size_t begin = 0;
  int line = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string_view content(text.data() + begin, end - begin);
    begin = end + 1;
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (FindInvalidUtf8(content)) {
      set.problems.push_back(fmt::format("{}:{}: invalid UTF-8; row skipped", path, line));
      continue;
    }
    auto value = nlohmann::json::parse(content, nullptr, false);
    if (value.is_discarded() || !value.is_object()) {
      set.problems.push_back(
          fmt::format("{}:{}: not a JSON object; row skipped", path, line));
      continue;
    }
    Row row;
    row.line = line;
    for (const auto& [key, v] : value.items()) {
      if (std::find(set.columns.begin(), set.columns.end(), key) == set.columns.end())
        set.columns.push_back(key);
      if (v.is_string()) row.values[key] = v.get<std::string>();
      else if (!v.is_null()) row.values[key] = v.dump();
    }
    set.rows.push_back(std::move(row));
  }
  return set;
}

}  // namespace

RowFormat RowFormatOf(const std::string& path) {
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"})
    if (EndsWith(path, ext)) return RowFormat::kJsonLines;
  return RowFormat::kCsv;
}

StatusOr<RowSet> ParseRows(const std::string& text, const std::string& path, RowFormat format) {
  return format == RowFormat::kCsv ? ParseCsv(text, path) : ParseJsonLines(text, path);
}

StatusOr<RowSet> ReadRows(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseRows(*text, path, RowFormatOf(path));
}

}  // namespace vigil
