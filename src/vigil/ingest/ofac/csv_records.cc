// libcsv driven line by line, so that every record knows the line it began on.
#include "vigil/ingest/ofac/csv_records.h"

#include <csv.h>
#include <fmt/format.h>

#include <cstring>
#include <map>

#include "vigil/ingest/internal/csv_parser.h"

namespace vigil::ofac {
namespace {

struct ParseState {
  const std::function<bool(std::vector<std::string>&, int)>* visit;
  std::vector<std::string> fields;
  int line = 0;         // the line being fed
  int record_line = 0;  // where the current record began
  bool stopped = false;
};

void OnOfacField(void* data, size_t length, void* user) {
  auto* state = static_cast<ParseState*>(user);
  if (state->fields.empty()) state->record_line = state->line;
  std::string field(static_cast<const char*>(data), length);
  if (field == "-0-") field.clear();
  state->fields.push_back(std::move(field));
}

void OnRecordEnd(int, void* user) {
  auto* state = static_cast<ParseState*>(user);
  auto& fields = state->fields;
  bool empty = true;
  for (const auto& f : fields) empty = empty && (f.empty() || f == "\x1A");
  if (!empty && !state->stopped) state->stopped = !(*state->visit)(fields, state->record_line);
  fields.clear();
}

Status Parse(std::string_view bytes, const std::string& path,
             const std::function<bool(std::vector<std::string>&, int)>& visit) {
  internal::CsvParser csv;
  if (!csv.ok()) return absl::InternalError("libcsv: cannot initialise");
  csv_parser& parser = *csv.get();
  ParseState state;
  state.visit = &visit;
  size_t start = 0;
  while (start < bytes.size() && !state.stopped) {
    size_t end = bytes.find('\n', start);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    ++state.line;
    if (state.fields.empty()) state.record_line = state.line;
    size_t length = end - start;
    if (csv_parse(&parser, bytes.data() + start, length, OnOfacField, OnRecordEnd, &state) != length)
      return InputError({path, state.line}, "",
                        fmt::format("CSV syntax error: {}", csv_strerror(csv_error(&parser))));
    start = end;
  }
  if (!state.stopped) csv_fini(&parser, OnOfacField, OnRecordEnd, &state);
  return absl::OkStatus();
}

}  // namespace

Status ForEachCsvRecord(
    const internal::ListFile& file,
    const std::function<bool(std::vector<std::string>& fields, int line)>& visit) {
  return Parse(file.bytes(), file.path(), visit);
}

bool IsHeaderRow(const std::vector<std::string>& fields) {
  if (fields.empty() || fields[0].empty()) return true;
  for (char c : fields[0])
    if (c < '0' || c > '9') return true;
  return false;
}

CsvShape ClassifyOfacCsv(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 1 << 16);
  if (head.size() < bytes.size()) {
    size_t last = head.rfind('\n');
    if (last != std::string_view::npos) head = head.substr(0, last + 1);
  }
  // The shape most of the first records have, so that one damaged record
  // is reported by the reader at its line rather than hiding the file.
  constexpr int kLook = 20;
  std::map<CsvShape, int> votes;
  int seen = 0;
  std::function<bool(std::vector<std::string>&, int)> visit = [&](std::vector<std::string>& fields,
                                                                  int) {
    if (seen++ == 0 && IsHeaderRow(fields)) return true;
    if (IsHeaderRow(fields)) return seen < kLook;
    CsvShape shape = CsvShape::kUnknown;
    switch (fields.size()) {
      case 12:
        shape = CsvShape::kMain;
        break;
      case 5:
        shape = CsvShape::kAliases;
        break;
      case 6:
        shape = CsvShape::kAddresses;
        break;
      case 2:
        shape = CsvShape::kComments;
        break;
      default:
        break;
    }
    if (shape != CsvShape::kUnknown) ++votes[shape];
    return seen < kLook;
  };
  if (!Parse(head, "", visit).ok()) return CsvShape::kUnknown;
  CsvShape best = CsvShape::kUnknown;
  int most = 0;
  for (const auto& [shape, count] : votes)
    if (count > most) best = shape, most = count;
  return best;
}

std::string_view ShapeName(CsvShape shape) {
  switch (shape) {
    case CsvShape::kMain:
      return "SDN.CSV";
    case CsvShape::kAliases:
      return "ALT.CSV";
    case CsvShape::kAddresses:
      return "ADD.CSV";
    case CsvShape::kComments:
      return "SDN_COMMENTS.CSV";
    default:
      return "unknown CSV";
  }
}

size_t FieldCount(CsvShape shape) {
  switch (shape) {
    case CsvShape::kMain:
      return 12;
    case CsvShape::kAliases:
      return 5;
    case CsvShape::kAddresses:
      return 6;
    case CsvShape::kComments:
      return 2;
    default:
      return 0;
  }
}

}  // namespace vigil::ofac
