// Batch screening: settings and columns checked, rows read a chunk at a
// time, each chunk screened in parallel and written in input order;
// comparing pairs of names from a file.
#include "vigil/engine/batch.h"

#include <absl/strings/cord.h>
#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <unordered_map>

#include "vigil/base/ascii.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/json/screening_json.h"
#include "vigil/match/threads.h"

namespace vigil {
namespace {

// The first column whose name (case-insensitive) is one of the candidates.
std::string FindColumn(const std::vector<std::string>& columns,
                       std::initializer_list<std::string_view> candidates) {
  for (auto want : candidates)
    for (const auto& c : columns)
      if (AsciiLower(c) == want) return c;
  return "";
}

// Keeps problems up to kMaxBatchProblems and counts the rest.
struct RowProblems {
  std::vector<std::string> kept;
  size_t dropped = 0;
  void Add(std::string problem) {
    if (kept.size() < kMaxBatchProblems) kept.push_back(std::move(problem));
    else ++dropped;
  }
  std::vector<std::string> Take(bool sorted) {
    if (sorted) std::sort(kept.begin(), kept.end());
    if (dropped > 0)
      kept.push_back(fmt::format("... and {} more problems, not listed", dropped));
    return std::move(kept);
  }
};

}  // namespace

BatchFormat BatchFormatOf(const std::string& path) {
  return RowFormatOf(path) == RowFormat::kJsonLines ? BatchFormat::kJsonLines : BatchFormat::kCsv;
}

Status BatchRequest::Validate() const {
  ScreenRequest settings;
  settings.name = "x";  // rows give the names
  settings.threshold = threshold;
  settings.top = top;
  settings.dob = dob;
  settings.country = country;
  settings.kind = kind;
  if (auto s = settings.Validate(); !s.ok()) return s;
  if (chunk_rows == 0) return FieldError("chunk_rows", "must be at least 1");
  return absl::OkStatus();
}

namespace {

// The columns, chosen as ChooseBatchColumns() says; with check_given false
// (streams, whose keys are not all known yet) a column given by name is
// taken as it is.
StatusOr<BatchColumns> Choose(const BatchRequest& request, const std::vector<std::string>& columns,
                              const std::string& input, bool check_given) {
  auto check = [&](const std::string& column, std::string_view field) -> Status {
    if (!check_given || column.empty() ||
        std::find(columns.begin(), columns.end(), column) != columns.end())
      return absl::OkStatus();
    // "payees.csv: name_column: no column ...", an input error about the
    // field: the field is attached as FieldError() attaches it.
    Status status = InputError({input, 0}, field,
                               fmt::format("no column '{}' (columns: {})", column,
                                           fmt::join(columns, ", ")));
    status.SetPayload(kFieldPayload, absl::Cord(std::string(field)));
    return status;
  };
  BatchColumns chosen;
  chosen.name = request.name_columns;
  if (chosen.name.empty()) {
    std::string c = FindColumn(columns, {"name", "full_name", "fullname", "full name"});
    if (c.empty() && !columns.empty()) c = columns.front();
    chosen.name.push_back(c);
  }
  for (const auto& c : chosen.name)
    if (auto s = check(c, "name_column"); !s.ok()) return s;
  auto pick = [&](const std::string& given, std::initializer_list<std::string_view> names) {
    return given.empty() ? FindColumn(columns, names) : given;
  };
  chosen.dob = pick(request.dob_column, {"dob", "birth_date", "date_of_birth", "birthdate"});
  chosen.country = pick(request.country_column, {"country", "nationality", "citizenship"});
  chosen.kind = pick(request.kind_column, {"kind", "type", "schema"});
  chosen.id = pick(request.id_column, {"id", "ref", "reference"});
  for (auto [column, field] : {std::pair{&chosen.dob, "dob_column"},
                               {&chosen.country, "country_column"},
                               {&chosen.kind, "kind_column"},
                               {&chosen.id, "id_column"}})
    if (auto s = check(*column, field); !s.ok()) return s;
  return chosen;
}

}  // namespace

StatusOr<BatchColumns> ChooseBatchColumns(const BatchRequest& request,
                                          const std::vector<std::string>& columns,
                                          const std::string& input) {
  return Choose(request, columns, input, /*check_given=*/true);
}

namespace {

class FileRowSource final : public RowSource {
 public:
  explicit FileRowSource(std::unique_ptr<RowStream> stream) : stream_(std::move(stream)) {}
  const std::string& name() const override { return stream_->path(); }
  const std::vector<std::string>& columns() const override { return stream_->columns(); }
  StatusOr<bool> Next(size_t max_rows, std::vector<Row>* rows,
                      std::vector<std::string>* problems) override {
    return stream_->Next(max_rows, rows, problems);
  }
  double Fraction() const override { return stream_->Fraction(); }

 private:
  std::unique_ptr<RowStream> stream_;
};

}  // namespace

StatusOr<std::unique_ptr<RowSource>> OpenRowFile(const std::string& path) {
  auto stream = RowStream::Open(path);
  if (!stream.ok()) return stream.status();
  return std::unique_ptr<RowSource>(new FileRowSource(std::move(*stream)));
}

namespace {

// A chunk as the batch pipeline carries it: its rows as read, the problems
// of rows that could not be read, and what screening made of the rows.
template <typename Screened>
struct PipedChunk {
  std::vector<Row> rows;
  std::vector<std::string> problems;
  double fraction = 0;  // of the input read after it
  size_t first = 0;     // rows that earlier chunks held
  Screened screened;
};

// Reads source a chunk at a time (chunk_rows rows, looked at before each
// read), screens each chunk with screen() and hands it to take() in input
// order, all on the arena's threads; reading the next chunk and taking the
// last overlap with screening, with three chunks at most in memory (one
// being read, one screened, one taken), so memory stays bounded for any
// input. Stops at the first error of reading or of take() and returns it.
template <typename Screened, typename ScreenFn, typename TakeFn>
Status PipeChunks(tbb::task_arena& arena, RowSource& source,
                  const std::atomic<size_t>& chunk_rows, ScreenFn screen, TakeFn take) {
  using ChunkPtr = std::shared_ptr<PipedChunk<Screened>>;
  std::atomic<bool> stop = false;
  Status read_error, take_error;  // each set by its own stage only
  bool more = true;
  size_t read = 0;
  constexpr size_t kChunksInFlight = 3;
  arena.execute([&] {
    tbb::parallel_pipeline(
        kChunksInFlight,
        tbb::make_filter<void, ChunkPtr>(
            tbb::filter_mode::serial_in_order,
            [&](tbb::flow_control& flow) -> ChunkPtr {
              if (!more || stop.load()) {
                flow.stop();
                return nullptr;
              }
              auto chunk = std::make_shared<PipedChunk<Screened>>();
              chunk->first = read;
              auto next = source.Next(chunk_rows.load(), &chunk->rows, &chunk->problems);
              if (!next.ok()) {
                read_error = next.status();
                flow.stop();
                return nullptr;
              }
              more = *next;
              read += chunk->rows.size();
              chunk->fraction = source.Fraction();
              return chunk;
            }) &
            tbb::make_filter<ChunkPtr, ChunkPtr>(tbb::filter_mode::parallel,
                                                 [&](ChunkPtr chunk) {
                                                   if (!stop.load())
                                                     chunk->screened = screen(chunk->rows);
                                                   return chunk;
                                                 }) &
            tbb::make_filter<ChunkPtr, void>(tbb::filter_mode::serial_in_order,
                                             [&](ChunkPtr chunk) {
                                               if (stop.load()) return;
                                               if (Status taken = take(*chunk); !taken.ok()) {
                                                 take_error = std::move(taken);
                                                 stop = true;
                                               }
                                             }));
  });
  return read_error.ok() ? take_error : read_error;
}

}  // namespace

struct BatchScreener::State {
  std::shared_ptr<const ScreeningService> service;
  // Earlier decisions, attached to hits as screening attaches them; null
  // when the store holds none.
  std::shared_ptr<const DecisionBook> decisions;
  BatchRequest request;
  std::string input;
  match::NameKind default_kind = match::NameKind::kAny;
  unsigned threads = 1;
  std::unique_ptr<tbb::task_arena> arena;
  std::string lists_line;
  std::chrono::steady_clock::time_point start;

  bool have_columns = false;
  bool streaming = false;  // columns chosen from the keys seen so far
  std::vector<std::string> columns;
  std::unordered_map<std::string, size_t> column_index;
  BatchColumns chosen;
  std::string name_label;  // the name columns, joined with '+'

  std::unique_ptr<RowParser> lines;  // JSON-lines streams
  size_t keys_seen = 0;               // of lines->columns()
  size_t rows = 0, unreadable = 0, screened = 0, rows_with_hits = 0, hits = 0;
  RowProblems problems;

  // each(i) for rows 0..n-1, on the worker threads.
  template <typename Each>
  void ForEachRow(size_t n, Each each) const {
    arena->execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 16),
                        [&](const tbb::blocked_range<size_t>& range) {
                          for (size_t i = range.begin(); i < range.end(); ++i) each(i);
                        });
    });
  }

  // A screened row counted into the summary: its problems kept, its hits
  // counted (hit_count < 0: the row was skipped).
  void CountRow(std::vector<std::string>& row_problems, long hit_count) {
    for (auto& p : row_problems) problems.Add(std::move(p));
    ++rows;
    if (hit_count < 0) return;
    ++screened;
    rows_with_hits += hit_count > 0;
    hits += static_cast<size_t>(hit_count);
  }

  std::string Value(const Row& row, const std::string& column) const {
    if (column.empty()) return "";
    auto it = row.values.find(column);
    return it == row.values.end() ? "" : it->second;
  }

  // One row screened, or std::nullopt when it is skipped (its problems
  // say why).
  // detail: how much of each hit its output needs.
  std::optional<ScreenResponse> ScreenOne(const Row& row, HitDetail detail,
                                          std::vector<std::string>* row_problems) const {
    match::ScreenQuery q;
    for (const auto& c : chosen.name) {
      std::string part = Value(row, c);
      if (!part.empty()) q.name += (q.name.empty() ? "" : " ") + part;
    }
    q.birth_date = request.dob.empty() ? Value(row, chosen.dob) : request.dob;
    q.country = request.country.empty() ? Value(row, chosen.country) : request.country;
    q.kind = default_kind;
    if (std::string k = Value(row, chosen.kind); !k.empty()) {
      std::string lower = AsciiLower(k);
      if (lower == "individual") lower = "person";
      if (lower == "entity" || lower == "company") lower = "organization";
      if (!match::ParseNameKind(lower, &q.kind)) q.kind = default_kind;
    }
    q.threshold = request.threshold;
    q.top = request.top;
    // Each row as ScreenRequest::Validate() checks a query: a name that
    // cannot be screened skips the row; a date or country that means
    // nothing is left out, and said.
    if (std::string problem = match::NameProblem(q.name); !problem.empty()) {
      row_problems->push_back(
          fmt::format("{}:{}: {}: {}; row skipped", input, row.line, name_label, problem));
      return std::nullopt;
    }
    if (!match::BirthDateProblem(q.birth_date).empty()) {
      row_problems->push_back(fmt::format("{}:{}: {}: '{}' is not a date; screened without it",
                                          input, row.line, chosen.dob, q.birth_date));
      q.birth_date.clear();
    }
    if (!match::CountryProblem(q.country).empty()) {
      row_problems->push_back(fmt::format("{}:{}: {}: '{}' names no country; screened without it",
                                          input, row.line, chosen.country, q.country));
      q.country.clear();
    }
    auto t0 = std::chrono::steady_clock::now();
    match::ScreenResult result = service->Screen(q);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ScreenResponse response = service->Respond(q, std::move(result), ms, false, detail);
    if (decisions && !response.hits.empty())
      decisions->Attach(SubjectKey(q.name, q.birth_date, q.country), &response.hits);
    return response;
  }

  // One row: its output line, or "" when it is skipped; hits < 0 then.
  void ScreenRow(const Row& row, std::string* line, int* hit_count,
                 std::vector<std::string>* row_problems) const {
    // CSV shows the top hit's columns; JSON lines every hit explained.
    const HitDetail detail =
        request.output == BatchFormat::kJsonLines ? HitDetail::kExplained : HitDetail::kColumns;
    std::optional<ScreenResponse> screened = ScreenOne(row, detail, row_problems);
    if (!screened) return;
    const ScreenResponse& response = *screened;
    *hit_count = static_cast<int>(response.hits.size());
    if (request.output == BatchFormat::kJsonLines) {
      // The row's values in the input's column order.
      std::vector<std::pair<size_t, const std::string*>> order;
      order.reserve(row.values.size());
      for (const auto& [column, value] : row.values) {
        auto it = column_index.find(column);
        order.emplace_back(it == column_index.end() ? columns.size() : it->second, &column);
      }
      std::stable_sort(order.begin(), order.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<std::pair<std::string, std::string>> values;
      values.reserve(order.size());
      for (const auto& [index, column] : order) values.emplace_back(*column, row.values.at(*column));
      std::string id = Value(row, chosen.id);
      *line = BatchJsonLine(row.line, chosen.id.empty() ? nullptr : &id, values, response);
    } else {
      std::vector<std::string> cells;
      cells.reserve(columns.size());
      for (const auto& c : columns) cells.push_back(Value(row, c));
      *line = BatchCsvLine(cells, response, lists_line, request.raw_csv);
    }
  }
};

BatchScreener::BatchScreener(std::shared_ptr<const ScreeningService> service,
                             BatchRequest request, std::string input)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.service = std::move(service);
  s.request = std::move(request);
  s.input = std::move(input);
  auto kind = ParseKind(s.request.kind);
  s.default_kind = kind.ok() ? *kind : match::NameKind::kAny;
  s.threads = match::WorkerThreads(s.request.threads);
  s.arena = std::make_unique<tbb::task_arena>(static_cast<int>(s.threads));
  s.lists_line = ListsLine(s.service->list().versions());
  s.start = std::chrono::steady_clock::now();
}

BatchScreener::~BatchScreener() = default;

const std::vector<std::string>& BatchScreener::columns() const { return state_->columns; }

Status BatchScreener::SetColumns(std::vector<std::string> columns) {
  State& s = *state_;
  auto chosen = ChooseBatchColumns(s.request, columns, s.input);
  if (!chosen.ok()) return chosen.status();
  s.chosen = std::move(*chosen);
  s.name_label = fmt::format("{}", fmt::join(s.chosen.name, "+"));
  s.columns = std::move(columns);
  s.column_index.clear();
  for (size_t i = 0; i < s.columns.size(); ++i) s.column_index.emplace(s.columns[i], i);
  s.have_columns = true;
  return absl::OkStatus();
}

void BatchScreener::SetDecisions(std::shared_ptr<const DecisionBook> decisions) {
  state_->decisions = std::move(decisions);
}

std::string BatchScreener::Header() const {
  const State& s = *state_;
  if (s.request.output != BatchFormat::kCsv) return "";
  return BatchCsvHeader(s.columns, s.request.raw_csv);
}

// A chunk's rows screened, not yet counted: each row's output line, its
// number of hits (-1: skipped) and its problems.
struct BatchScreener::Screened {
  std::vector<std::string> lines;
  std::vector<int> hit_counts;
  std::vector<std::vector<std::string>> row_problems;
};

BatchScreener::Screened BatchScreener::Screen(const std::vector<Row>& rows) const {
  State& s = *state_;
  const size_t n = rows.size();
  Screened out{std::vector<std::string>(n), std::vector<int>(n, -1),
               std::vector<std::vector<std::string>>(n)};
  s.ForEachRow(n, [&](size_t i) {
    s.ScreenRow(rows[i], &out.lines[i], &out.hit_counts[i], &out.row_problems[i]);
  });
  return out;
}

void BatchScreener::Count(Screened& screened) {
  for (size_t i = 0; i < screened.lines.size(); ++i) {
    state_->CountRow(screened.row_problems[i], screened.hit_counts[i]);
    if (screened.hit_counts[i] < 0) std::string().swap(screened.lines[i]);
  }
}

std::string BatchScreener::Process(const std::vector<Row>& rows) {
  Screened screened = Screen(rows);
  Count(screened);
  size_t bytes = 0;
  for (const auto& line : screened.lines) bytes += line.size();
  std::string out;
  out.reserve(bytes);
  for (const auto& line : screened.lines) out += line;
  return out;
}

Status BatchScreener::Stream(RowSource& source, BatchSink& out, size_t max_rows,
                             const BatchProgressCallback& progress) {
  // The first chunk is small: its output tells how many rows fit
  // kBatchChunkBytes. Set by the taking stage, read by the reading one.
  std::atomic<size_t> chunk_rows = std::min<size_t>(max_rows, 256);
  size_t done = 0;
  return PipeChunks<Screened>(
      *state_->arena, source, chunk_rows,
      [&](const std::vector<Row>& rows) { return Screen(rows); },
      [&](PipedChunk<Screened>& chunk) -> Status {
        AddProblems(std::move(chunk.problems));
        Count(chunk.screened);
        // Line by line: the sink buffers them, so a chunk's output is
        // never copied whole into one fresh string.
        size_t bytes = 0;
        for (const auto& line : chunk.screened.lines) {
          if (line.empty()) continue;
          bytes += line.size();
          if (auto written = out.Write(line); !written.ok()) return written;
        }
        chunk.screened = {};
        done += chunk.rows.size();
        if (progress) progress({done, chunk.fraction});
        // Fewer rows at once when their output is large (JSON lines with
        // many hits), so that a chunk's output stays near kBatchChunkBytes.
        if (!chunk.rows.empty()) {
          size_t per_row = std::max<size_t>(1, bytes / chunk.rows.size());
          chunk_rows = std::clamp<size_t>(kBatchChunkBytes / per_row, 1, max_rows);
        }
        return absl::OkStatus();
      });
}

namespace {

// A chunk's responses as screening leaves them, with each row's problems
// until they are counted.
struct ScreenedResponses {
  BatchScreener::ResponseChunk chunk;
  std::vector<std::vector<std::string>> row_problems;
};

}  // namespace

Status BatchScreener::StreamResponses(RowSource& source, size_t max_rows, HitDetail detail,
                                      const HitTextFunction& hit_text,
                                      const ChunkConsumer& take) {
  State& s = *state_;
  if (!s.have_columns) return absl::FailedPreconditionError("StreamResponses before SetColumns");
  std::atomic<size_t> chunk_rows = std::max<size_t>(1, max_rows);
  auto screen = [&](const std::vector<Row>& rows) {
    const size_t n = rows.size();
    ScreenedResponses out;
    out.chunk.responses.resize(n);
    out.chunk.hit_texts.resize(n);
    out.row_problems.resize(n);
    s.ForEachRow(n, [&](size_t i) {
      auto& response = out.chunk.responses[i];
      response = s.ScreenOne(rows[i], detail, &out.row_problems[i]);
      if (!hit_text || !response) return;
      out.chunk.hit_texts[i].reserve(response->hits.size());
      for (const auto& hit : response->hits)
        out.chunk.hit_texts[i].push_back(hit_text(*response, hit));
    });
    return out;
  };
  auto count = [&](PipedChunk<ScreenedResponses>& piped) -> Status {
    AddProblems(std::move(piped.problems));
    ResponseChunk& chunk = piped.screened.chunk;
    for (size_t i = 0; i < chunk.responses.size(); ++i)
      s.CountRow(piped.screened.row_problems[i],
                 chunk.responses[i] ? static_cast<long>(chunk.responses[i]->hits.size()) : -1);
    chunk.first = piped.first;
    Status taken = take(chunk);
    piped.screened = {};
    return taken;
  };
  return PipeChunks<ScreenedResponses>(*s.arena, source, chunk_rows, screen, count);
}

void BatchScreener::AddProblems(std::vector<std::string> problems) {
  State& s = *state_;
  s.unreadable += problems.size();
  for (auto& p : problems) s.problems.Add(std::move(p));
}

StatusOr<std::string> BatchScreener::ProcessJsonLines(const std::vector<std::string>& lines) {
  State& s = *state_;
  if (!s.lines) s.lines = std::make_unique<RowParser>(s.input, RowFormat::kJsonLines);
  RowSet parsed;
  for (const auto& line : lines) {
    if (auto st = s.lines->Feed(line, &parsed); !st.ok()) return st;
    if (auto st = s.lines->Feed("\n", &parsed); !st.ok()) return st;
  }
  const std::vector<std::string>& keys = s.lines->columns();
  const bool streaming = !s.have_columns || s.streaming;
  if (keys.size() > s.keys_seen || !s.have_columns) {
    // Keys first seen in this piece join the column order.
    for (; s.keys_seen < keys.size(); ++s.keys_seen)
      if (s.column_index.emplace(keys[s.keys_seen], s.columns.size()).second)
        s.columns.push_back(keys[s.keys_seen]);
    if (streaming) {
      // Columns not found so far may be among the new keys; those found
      // are kept.
      auto chosen = Choose(s.request, s.columns, s.input, /*check_given=*/false);
      if (!chosen.ok()) return chosen.status();
      if (s.have_columns) {
        for (auto [was, now] : {std::pair{&s.chosen.dob, &chosen->dob},
                                {&s.chosen.country, &chosen->country},
                                {&s.chosen.kind, &chosen->kind},
                                {&s.chosen.id, &chosen->id}})
          if (!was->empty()) *now = *was;
        if (s.chosen.name != std::vector<std::string>{""}) chosen->name = s.chosen.name;
      }
      s.chosen = std::move(*chosen);
      s.name_label = fmt::format("{}", fmt::join(s.chosen.name, "+"));
      s.have_columns = s.streaming = true;
    }
  }
  AddProblems(std::move(parsed.problems));
  return Process(parsed.rows);
}

BatchSummary BatchScreener::Finish() {
  State& s = *state_;
  BatchSummary summary;
  summary.input = s.input;
  summary.rows = s.rows + s.unreadable;
  summary.screened = s.screened;
  summary.skipped = summary.rows - s.screened;
  summary.rows_with_hits = s.rows_with_hits;
  summary.hits = s.hits;
  summary.threshold = s.request.threshold;
  summary.threads = s.threads;
  summary.raw_csv = s.request.raw_csv;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - s.start).count();
  summary.rows_per_second =
      summary.seconds > 0 ? static_cast<double>(s.screened) / summary.seconds : 0;
  summary.lists = s.service->list().versions();
  summary.problems = s.problems.Take(/*sorted=*/true);
  return summary;
}

Status Engine::CheckBatch(const BatchRequest& request, const RowSource& rows) {
  if (auto s = request.Validate(); !s.ok()) return s;
  return ChooseBatchColumns(request, rows.columns(), rows.name()).status();
}

StatusOr<std::unique_ptr<BatchScreener>> Engine::StartBatch(
    const BatchRequest& request, std::optional<std::vector<std::string>> columns,
    const std::string& input) {
  if (auto s = request.Validate(); !s.ok()) return s;
  if (!columns && request.output == BatchFormat::kCsv)
    return FieldError("output", "CSV output needs the input's columns before its first row");
  auto service = Screening(request.threads);
  if (!service.ok()) return service.status();
  if ((*service)->list().records().empty())
    return absl::NotFoundError(
        "no designated records in the database: load a list first (vigil load FILE)");
  auto decisions = DecisionsFor(*service);
  if (!decisions.ok()) return decisions.status();
  auto screener = std::make_unique<BatchScreener>(std::move(*service), request, input);
  screener->SetDecisions(std::move(*decisions));
  if (columns)
    if (auto s = screener->SetColumns(std::move(*columns)); !s.ok()) return s;
  return screener;
}

StatusOr<BatchSummary> Engine::ScreenBatch(const BatchRequest& request, RowSource& rows,
                                           BatchSink& out, const BatchProgressCallback& progress) {
  if (auto s = CheckBatch(request, rows); !s.ok()) return s;
  auto screener = StartBatch(request, rows.columns(), rows.name());
  if (!screener.ok()) return screener.status();
  BatchScreener& batch = **screener;
  if (auto s = out.Write(batch.Header()); !s.ok()) return s;
  if (auto s = batch.Stream(rows, out, request.chunk_rows, progress); !s.ok()) return s;
  return batch.Finish();
}

StatusOr<PairsSummary> Engine::ComparePairs(const CompareRequest& defaults, RowSource& rows,
                                            BatchSink& out) {
  CompareRequest settings;  // rows give the names; a row's kind is checked with the row
  settings.name_a = "x";
  settings.name_b = "x";
  settings.threshold = defaults.threshold;
  if (auto s = settings.Validate(); !s.ok()) return s;
  const auto& columns = rows.columns();
  auto has = [&](const char* c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); };
  if (!has("name_a") || !has("name_b"))
    return absl::InvalidArgumentError(
        fmt::format("{}:1: header: expected columns name_a,name_b[,kind]", rows.name()));
  PairsSummary summary;
  RowProblems unreadable, skipped;
  std::vector<Row> chunk;
  std::vector<std::string> problems;
  for (bool more = true; more;) {
    chunk.clear();
    problems.clear();
    auto next = rows.Next(kBatchChunkRows, &chunk, &problems);
    if (!next.ok()) return next.status();
    more = *next;
    for (auto& p : problems) unreadable.Add(std::move(p));
    std::string text;
    for (const auto& row : chunk) {
      auto value = [&](const char* column) {
        auto it = row.values.find(column);
        return it == row.values.end() ? std::string() : it->second;
      };
      CompareRequest pair = defaults;
      pair.name_a = value("name_a");
      pair.name_b = value("name_b");
      if (std::string kind = value("kind"); !kind.empty()) pair.kind = kind;
      std::string problem;
      if (std::string p = match::NameProblem(pair.name_a); !p.empty()) problem = "name_a: " + p;
      else if (std::string q = match::NameProblem(pair.name_b); !q.empty()) problem = "name_b: " + q;
      match::NameKind kind = match::NameKind::kAny;
      if (problem.empty() && !match::ParseNameKind(pair.kind, &kind))
        problem = "kind: unknown '" + pair.kind + "'";
      if (!problem.empty()) {
        skipped.Add(fmt::format("{}:{}: {}; row skipped", rows.name(), row.line, problem));
        continue;
      }
      Json j = ToJson(ComparePair(pair, kind));
      j["line"] = row.line;
      text += j.dump() + "\n";
      ++summary.compared;
    }
    if (auto s = out.Write(text); !s.ok()) return s;
  }
  summary.problems = unreadable.Take(/*sorted=*/false);
  for (auto& p : skipped.Take(/*sorted=*/false)) summary.problems.push_back(std::move(p));
  return summary;
}

}  // namespace vigil
