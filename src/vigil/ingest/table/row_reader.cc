// Row reader: libcsv for CSV, nlohmann::json for JSON lines.
#include "vigil/ingest/table/row_reader.h"

#include <csv.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "vigil/base/file.h"
#include "vigil/base/utf8.h"
#include "vigil/ingest/internal/csv_parser.h"
#include "vigil/ingest/internal/limits.h"

namespace vigil {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Rows are checked and kept as libcsv delivers them, so that the file's
// fields are held once; a row's fields past the header's count are counted,
// not kept.
struct CsvState {
  const std::string* path = nullptr;
  RowSet* set = nullptr;
  bool have_header = false;
  std::vector<std::string> fields;
  size_t dropped_fields = 0;  // past the header's count
  int line = 1;               // line being fed
  int row_start = 1;          // line on which the current row started
  bool row_open = false;
};

void TrimColumnName(std::string* c) {
  while (!c->empty() && (c->back() == ' ' || c->back() == '\r')) c->pop_back();
  size_t lead = 0;
  while (lead < c->size() && (*c)[lead] == ' ') ++lead;
  c->erase(0, lead);
}

void OnField(void* data, size_t size, void* state_ptr) {
  auto* state = static_cast<CsvState*>(state_ptr);
  if (!state->row_open) {
    state->row_open = true;
    state->row_start = state->line;
  }
  if (state->have_header && state->fields.size() > state->set->columns.size()) {
    ++state->dropped_fields;
    return;
  }
  state->fields.push_back(size ? std::string(static_cast<const char*>(data), size) : std::string());
}

void OnRow(int, void* state_ptr) {
  auto* state = static_cast<CsvState*>(state_ptr);
  if (!state->row_open) state->row_start = state->line;
  std::vector<std::string> fields = std::move(state->fields);
  const size_t found = fields.size() + state->dropped_fields;
  const int line = state->row_start;
  state->fields.clear();
  state->dropped_fields = 0;
  state->row_open = false;

  RowSet& set = *state->set;
  const std::string& path = *state->path;
  const bool blank = found == 1 && fields[0].empty();
  if (!state->have_header) {
    if (blank || fields.empty()) return;  // blank lines before the header
    state->have_header = true;
    set.columns = std::move(fields);
    for (auto& c : set.columns) TrimColumnName(&c);
    return;
  }
  if (blank) return;
  if (found != set.columns.size()) {
    set.problems.push_back(fmt::format("{}:{}: expected {} fields, found {}; row skipped", path,
                                       line, set.columns.size(), found));
    return;
  }
  Row row;
  row.line = line;
  for (size_t c = 0; c < fields.size(); ++c) {
    if (FindInvalidUtf8(fields[c])) {
      set.problems.push_back(
          fmt::format("{}:{}: {}: invalid UTF-8; row skipped", path, line, set.columns[c]));
      return;
    }
    row.values[set.columns[c]] = std::move(fields[c]);
  }
  set.rows.push_back(std::move(row));
}

StatusOr<RowSet> ParseCsv(const std::string& text, const std::string& path) {
  internal::CsvParser csv;
  if (!csv.ok()) return absl::InternalError("libcsv: cannot initialise");
  csv_parser& parser = *csv.get();
  RowSet set;
  CsvState state;
  state.path = &path;
  state.set = &set;
  size_t begin = 0;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) begin = 3;
  // Fed line by line so that each row knows the line it started on.
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    end = end == std::string::npos ? text.size() : end + 1;
    if (csv_parse(&parser, text.data() + begin, end - begin, OnField, OnRow, &state) != end - begin)
      return absl::InvalidArgumentError(
          fmt::format("{}:{}: {}", path, state.line, csv_strerror(csv_error(&parser))));
    ++state.line;
    begin = end;
  }
  csv_fini(&parser, OnField, OnRow, &state);
  if (!state.have_header) return absl::InvalidArgumentError(fmt::format("{}: no header line", path));
  return set;
}

// Parses one JSON line. Nesting is counted as nlohmann's parser (which does
// not recurse) reports it; a value nested deeper than kMaxJsonDepth is
// dropped while parsing and the row refused, so that nothing later (dump,
// conversions, destruction) recurses deeply.
struct JsonLine {
  nlohmann::json value;
  bool too_deep = false;
  std::string deep_field;  // the row's key under which it was too deep
};

JsonLine ParseJsonLine(std::string_view content) {
  using Event = nlohmann::json::parse_event_t;
  JsonLine out;
  std::string key;
  out.value = nlohmann::json::parse(
      content,
      [&](int depth, Event event, nlohmann::json& parsed) {
        if (event == Event::key && depth == 1 && parsed.is_string()) key = parsed.get<std::string>();
        if ((event == Event::object_start || event == Event::array_start) &&
            depth + 1 > kMaxJsonDepth) {
          if (!out.too_deep) out.deep_field = key;
          out.too_deep = true;
          return false;
        }
        return true;
      },
      /*allow_exceptions=*/false);
  return out;
}

StatusOr<RowSet> ParseJsonLines(const std::string& text, const std::string& path) {
  RowSet set;
  std::unordered_set<std::string> seen_columns;
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
    JsonLine parsed = ParseJsonLine(content);
    if (parsed.too_deep) {
      set.problems.push_back(fmt::format("{}:{}: {}nested deeper than {} levels; row skipped",
                                         path, line,
                                         parsed.deep_field.empty() ? "" : parsed.deep_field + ": ",
                                         kMaxJsonDepth));
      continue;
    }
    const nlohmann::json& value = parsed.value;
    if (value.is_discarded() || !value.is_object()) {
      set.problems.push_back(fmt::format("{}:{}: not a JSON object; row skipped", path, line));
      continue;
    }
    Row row;
    row.line = line;
    for (const auto& [key, v] : value.items()) {
      if (seen_columns.insert(key).second) set.columns.push_back(key);
      if (v.is_string())
        row.values[key] = v.get<std::string>();
      else if (!v.is_null())
        row.values[key] = v.dump();
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
  if (auto s = internal::CheckInputSize(text, path); !s.ok()) return s;
  return format == RowFormat::kCsv ? ParseCsv(text, path) : ParseJsonLines(text, path);
}

StatusOr<RowSet> ReadRows(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseRows(*text, path, RowFormatOf(path));
}

}  // namespace vigil
