// Row reader: libcsv for CSV, nlohmann::json for JSON lines, fed a block at
// a time.
#include "vigil/ingest/table/row_reader.h"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "vigil/base/utf8.h"
#include "vigil/ingest/internal/csv_parser.h"
#include "vigil/ingest/internal/limits.h"

namespace vigil {
namespace {

// Rows are checked and kept as libcsv delivers them, so that the file's
// fields are held once; a row's fields past the header's count are counted,
// not kept.
struct CsvState {
  const std::string* path = nullptr;
  std::vector<std::string>* columns = nullptr;
  RowSet* out = nullptr;  // where rows and problems go, set for each Feed
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
  if (state->have_header && state->fields.size() > state->columns->size()) {
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

  RowSet& set = *state->out;
  const std::vector<std::string>& columns = *state->columns;
  const std::string& path = *state->path;
  const bool blank = found == 1 && fields[0].empty();
  if (!state->have_header) {
    if (blank || fields.empty()) return;  // blank lines before the header
    state->have_header = true;
    *state->columns = std::move(fields);
    for (auto& c : *state->columns) TrimColumnName(&c);
    return;
  }
  if (blank) return;
  if (found != columns.size()) {
    set.problems.push_back(fmt::format("{}:{}: expected {} fields, found {}; row skipped", path,
                                       line, columns.size(), found));
    return;
  }
  Row row;
  row.line = line;
  for (size_t c = 0; c < fields.size(); ++c) {
    if (FindInvalidUtf8(fields[c])) {
      set.problems.push_back(
          fmt::format("{}:{}: {}: invalid UTF-8; row skipped", path, line, columns[c]));
      return;
    }
    row.values[columns[c]] = std::move(fields[c]);
  }
  set.rows.push_back(std::move(row));
}

// Parses one JSON line. Nesting is counted as nlohmann's parser (which does
// not recurse) reports it; a value nested deeper than kMaxJsonDepth is
// dropped while parsing and the row refused, so that nothing later (dump,
// conversions, destruction) recurses deeply.
struct JsonLineValue {
  nlohmann::json value;
  bool too_deep = false;
  std::string deep_field;  // the row's key under which it was too deep
};

JsonLineValue ParseJsonLine(std::string_view content) {
  using Event = nlohmann::json::parse_event_t;
  JsonLineValue out;
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

}  // namespace

struct RowParser::State {
  std::string path;
  RowFormat format = RowFormat::kCsv;
  std::vector<std::string> columns;
  // CSV: libcsv's parser, fed line by line so that each row knows the line
  // it started on; the first bytes are held until a byte-order mark can be
  // told apart.
  internal::CsvParser csv;
  CsvState csv_state;
  std::string head;
  bool head_done = false;
  // JSON lines: the line not yet ended, and the keys seen.
  std::string partial;
  std::unordered_set<std::string> seen_columns;
  int line = 0;

  Status FeedCsv(std::string_view bytes, RowSet* out) {
    if (!csv.ok()) return absl::InternalError("libcsv: cannot initialise");
    csv_state.out = out;
    while (!bytes.empty()) {
      size_t newline = bytes.find('\n');
      size_t n = newline == std::string_view::npos ? bytes.size() : newline + 1;
      if (csv_parse(csv.get(), bytes.data(), n, OnField, OnRow, &csv_state) != n)
        return absl::InvalidArgumentError(
            fmt::format("{}:{}: {}", path, csv_state.line, csv_strerror(csv_error(csv.get()))));
      // A line counts once it has ended: a last line without a line break
      // keeps its number for the row that csv_fini completes.
      if (newline != std::string_view::npos) ++csv_state.line;
      bytes.remove_prefix(n);
    }
    return absl::OkStatus();
  }

  // The head once it is long enough (or the input ended), without a BOM.
  Status FeedHead(RowSet* out) {
    head_done = true;
    std::string bytes = std::move(head);
    std::string_view view(bytes);
    if (view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
    return FeedCsv(view, out);
  }

  void JsonLine(std::string_view content, RowSet* out) {
    ++line;
    if (content.find_first_not_of(" \t\r") == std::string_view::npos) return;
    if (FindInvalidUtf8(content)) {
      out->problems.push_back(fmt::format("{}:{}: invalid UTF-8; row skipped", path, line));
      return;
    }
    JsonLineValue parsed = ParseJsonLine(content);
    if (parsed.too_deep) {
      out->problems.push_back(fmt::format("{}:{}: {}nested deeper than {} levels; row skipped",
                                          path, line,
                                          parsed.deep_field.empty() ? "" : parsed.deep_field + ": ",
                                          kMaxJsonDepth));
      return;
    }
    const nlohmann::json& value = parsed.value;
    if (value.is_discarded() || !value.is_object()) {
      out->problems.push_back(fmt::format("{}:{}: not a JSON object; row skipped", path, line));
      return;
    }
    Row row;
    row.line = line;
    for (const auto& [key, v] : value.items()) {
      if (seen_columns.insert(key).second) columns.push_back(key);
      if (v.is_string())
        row.values[key] = v.get<std::string>();
      else if (!v.is_null())
        row.values[key] = v.dump();
    }
    out->rows.push_back(std::move(row));
  }

  void FeedJson(std::string_view bytes, RowSet* out) {
    while (!bytes.empty()) {
      size_t newline = bytes.find('\n');
      if (newline == std::string_view::npos) {
        partial.append(bytes);
        return;
      }
      if (partial.empty()) {
        JsonLine(bytes.substr(0, newline), out);
      } else {
        partial.append(bytes.substr(0, newline));
        JsonLine(partial, out);
        partial.clear();
      }
      bytes.remove_prefix(newline + 1);
    }
  }
};

RowParser::RowParser(std::string path, RowFormat format) : state_(std::make_unique<State>()) {
  state_->path = std::move(path);
  state_->format = format;
  state_->csv_state.path = &state_->path;
  state_->csv_state.columns = &state_->columns;
}

RowParser::~RowParser() = default;

const std::vector<std::string>& RowParser::columns() const { return state_->columns; }
const std::string& RowParser::path() const { return state_->path; }
bool RowParser::has_header() const {
  return state_->format == RowFormat::kJsonLines || state_->csv_state.have_header;
}

Status RowParser::Feed(std::string_view bytes, RowSet* out) {
  State& s = *state_;
  if (s.format == RowFormat::kJsonLines) {
    s.FeedJson(bytes, out);
    return absl::OkStatus();
  }
  if (s.head_done) return s.FeedCsv(bytes, out);
  s.head.append(bytes);
  if (s.head.size() < 3) return absl::OkStatus();
  return s.FeedHead(out);
}

Status RowParser::Finish(RowSet* out) {
  State& s = *state_;
  if (s.format == RowFormat::kJsonLines) {
    if (!s.partial.empty()) s.JsonLine(s.partial, out);
    s.partial.clear();
    return absl::OkStatus();
  }
  if (!s.head_done)
    if (auto st = s.FeedHead(out); !st.ok()) return st;
  if (!s.csv.ok()) return absl::InternalError("libcsv: cannot initialise");
  s.csv_state.out = out;
  csv_fini(s.csv.get(), OnField, OnRow, &s.csv_state);
  if (!s.csv_state.have_header)
    return absl::InvalidArgumentError(fmt::format("{}: no header line", s.path));
  return absl::OkStatus();
}

RowFormat RowFormatOf(const std::string& path) {
  for (std::string_view ext : {".jsonl", ".ndjson", ".json"})
    if (path.ends_with(ext)) return RowFormat::kJsonLines;
  return RowFormat::kCsv;
}

StatusOr<RowSet> ParseRows(const std::string& text, const std::string& path, RowFormat format) {
  if (auto s = internal::CheckInputSize(text, path); !s.ok()) return s;
  RowParser parser(path, format);
  RowSet set;
  if (auto s = parser.Feed(text, &set); !s.ok()) return s;
  if (auto s = parser.Finish(&set); !s.ok()) return s;
  set.columns = parser.columns();
  return set;
}

namespace {

constexpr size_t kBlockBytes = 1 << 20;

}  // namespace

RowStream::RowStream(std::string path, RowFormat format)
    : path_(path), parser_(std::move(path), format) {}

StatusOr<std::unique_ptr<RowStream>> RowStream::Open(const std::string& path) {
  const RowFormat format = RowFormatOf(path);
  std::unique_ptr<RowStream> stream(new RowStream(path, format));
  stream->in_.open(path, std::ios::binary);
  if (!stream->in_)
    return absl::NotFoundError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    stream->size_ = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    if (ec) stream->size_ = -1;
    if (auto s = internal::CheckInputBytes(stream->size_, path); !s.ok()) return s;
  }
  if (format == RowFormat::kJsonLines) {
    // The keys of every line, before the first row is given out: read
    // through once, keeping no row.
    RowParser scan(path, format);
    RowSet discard;
    std::string block(kBlockBytes, '\0');
    int64_t read = 0;
    while (stream->in_) {
      stream->in_.read(block.data(), static_cast<std::streamsize>(block.size()));
      auto n = static_cast<size_t>(stream->in_.gcount());
      read += static_cast<int64_t>(n);
      if (auto s = internal::CheckInputBytes(read, path); !s.ok()) return s;
      if (auto s = scan.Feed(std::string_view(block.data(), n), &discard); !s.ok()) return s;
      discard.rows.clear();
      discard.problems.clear();
    }
    if (stream->in_.bad()) return absl::InvalidArgumentError(fmt::format("{}: read error", path));
    if (auto s = scan.Finish(&discard); !s.ok()) return s;
    stream->columns_ = scan.columns();
    stream->in_.clear();
    if (!stream->in_.seekg(0))
      return absl::InvalidArgumentError(
          fmt::format("{}: cannot read the file twice (JSON lines are read once for their "
                      "keys, then screened): give a regular file",
                      path));
    return stream;
  }
  while (!stream->done_ && !stream->parser_.has_header())
    if (auto s = stream->ReadBlock(); !s.ok()) return s;
  stream->columns_ = stream->parser_.columns();
  return stream;
}

Status RowStream::ReadBlock() {
  if (done_) return absl::OkStatus();
  std::string block(kBlockBytes, '\0');
  in_.read(block.data(), static_cast<std::streamsize>(block.size()));
  auto n = static_cast<size_t>(in_.gcount());
  if (in_.bad()) return absl::InvalidArgumentError(fmt::format("{}: read error", path_));
  read_ += static_cast<int64_t>(n);
  if (auto s = internal::CheckInputBytes(read_, path_); !s.ok()) return s;
  if (auto s = parser_.Feed(std::string_view(block.data(), n), &pending_); !s.ok()) return s;
  if (n < block.size()) {
    done_ = true;
    return parser_.Finish(&pending_);
  }
  return absl::OkStatus();
}

StatusOr<bool> RowStream::Next(size_t max_rows, std::vector<Row>* rows,
                                std::vector<std::string>* problems) {
  while (!done_ && pending_.rows.size() - taken_ < max_rows)
    if (auto s = ReadBlock(); !s.ok()) return s;
  for (auto& p : pending_.problems) problems->push_back(std::move(p));
  pending_.problems.clear();
  size_t take = std::min(max_rows, pending_.rows.size() - taken_);
  for (size_t i = 0; i < take; ++i) rows->push_back(std::move(pending_.rows[taken_ + i]));
  taken_ += take;
  if (taken_ == pending_.rows.size()) {
    pending_.rows.clear();
    taken_ = 0;
  }
  return !(done_ && pending_.rows.empty());
}

double RowStream::Fraction() const {
  if (done_) return 1.0;
  if (size_ <= 0) return 0.0;
  return std::min(1.0, static_cast<double>(read_) / static_cast<double>(size_));
}

}  // namespace vigil
