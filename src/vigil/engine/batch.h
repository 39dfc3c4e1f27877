// Batch screening: rows in (a CSV or JSON-lines file, or lines of a request
// body), one output row per screened row out (CSV or JSON lines), in input
// order, screened in parallel a chunk at a time so that memory stays
// bounded whatever the input's size.
//
//   BatchRequest request;  request.output = BatchFormat::kJsonLines;
//   auto rows = OpenRowFile("payees.csv");
//   auto summary = engine->ScreenBatch(request, **rows, sink);   // Engine, engine.h
//
// What a front end that streams (the HTTP server) uses instead: a
// BatchScreener from Engine::StartBatch(), fed rows or JSON lines as they
// arrive, each call returning the output lines for them:
//
//   auto screener = engine->StartBatch(request, std::nullopt, "request");
//   std::string out = *(*screener)->ProcessJsonLines(lines);   // per received batch
//   BatchSummary summary = (*screener)->Finish();
//
// Rows are checked as `vigil screen` checks one name: a row whose name
// cannot be screened is skipped, a birth date or country that means nothing
// is dropped from the row's query; both are reported as
// "path:line: column: problem; ...". Docs: docs/screening.md, "Batch".
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/screening.h"
#include "vigil/ingest/table/row_reader.h"

namespace vigil {

enum class BatchFormat { kCsv, kJsonLines };
// .jsonl, .ndjson, .json -> JSON lines; anything else CSV.
BatchFormat BatchFormatOf(const std::string& path);

// Rows screened at once, at most; fewer when their output would pass
// kBatchChunkBytes. Problems kept for the summary, at most.
inline constexpr size_t kBatchChunkRows = 2500;
inline constexpr size_t kBatchChunkBytes = 32 << 20;
inline constexpr size_t kMaxBatchProblems = 10000;

struct BatchRequest {
  // Columns; "" (or empty) picks one by its name: name/full_name/fullname/
  // "full name" (else the first column), dob/birth_date/date_of_birth/
  // birthdate, country/nationality/citizenship, kind/type/schema, id/ref/
  // reference; case-insensitive.
  std::vector<std::string> name_columns;  // several are joined in order
  std::string dob_column, country_column, kind_column, id_column;
  // For every row: dob and country replace the columns' values; kind is the
  // default where the kind column is empty or unknown.
  std::string dob, country, kind;
  double threshold = kDefaultScreenThreshold;
  size_t top = kDefaultTop;
  unsigned threads = 0;  // 0: all cores; lowered to the cores (match::WorkerThreads)
  BatchFormat output = BatchFormat::kCsv;
  // CSV output: cells written as they are, even those that a spreadsheet
  // would run as formulas (text/escape.h CsvCell).
  bool raw_csv = false;
  size_t chunk_rows = kBatchChunkRows;

  // The settings that hold for every row; InvalidArgument naming the field
  // (threshold, top, dob, country, kind, chunk_rows).
  Status Validate() const;
};

// The columns a batch reads, chosen from the input's.
struct BatchColumns {
  std::vector<std::string> name;
  std::string dob, country, kind, id;  // "" when none
};
// The request's columns checked against the input's: InvalidArgument
// about the input and naming the field ("payees.csv: name_column: no column
// 'nom' (columns: id, name)"; FieldOf() gives the field).
StatusOr<BatchColumns> ChooseBatchColumns(const BatchRequest& request,
                                          const std::vector<std::string>& columns,
                                          const std::string& input);

// Where rows come from, a chunk at a time, in order.
class RowSource {
 public:
  virtual ~RowSource() = default;
  // The input's name in messages ("payees.csv").
  virtual const std::string& name() const = 0;
  // Every column the rows may have, known before the first row.
  virtual const std::vector<std::string>& columns() const = 0;
  // Appends up to max_rows rows to *rows and the problems of rows that
  // cannot be read ("path:line: ...; row skipped") to *problems; false once
  // every row was given.
  virtual StatusOr<bool> Next(size_t max_rows, std::vector<Row>* rows,
                              std::vector<std::string>* problems) = 0;
  // The share of the input read, in [0, 1] (for progress), 0 when unknown.
  virtual double Fraction() const { return 0; }
};

// A CSV or JSON-lines file (by its extension), read a block at a time
// (ingest/table/row_reader.h RowStream). NotFound when it cannot be opened;
// InvalidArgument when it is over 2 GB or, CSV, has no header.
StatusOr<std::unique_ptr<RowSource>> OpenRowFile(const std::string& path);

// Where output goes, in order: the CSV header first, then rows.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  virtual Status Write(std::string_view text) = 0;
};

struct BatchProgress {
  size_t rows = 0;        // rows handled so far
  double fraction = 0;    // of the input read, 0 when unknown
};
using BatchProgressCallback = std::function<void(const BatchProgress&)>;

struct BatchSummary {
  std::string input;   // the source's name
  std::string output;  // where the sink wrote, as the front end names it
  size_t rows = 0;     // rows read, those that could not be read included
  size_t screened = 0, skipped = 0, rows_with_hits = 0, hits = 0;
  double threshold = kDefaultScreenThreshold;
  unsigned threads = 1;  // worker threads used
  bool raw_csv = false;
  double seconds = 0, rows_per_second = 0;
  std::vector<match::ListVersion> lists;
  // Sorted; at most kMaxBatchProblems, then one line saying how many more.
  std::vector<std::string> problems;
};

// Screens a batch incrementally: Process() each chunk of rows as it comes,
// write what it returns, then Finish(). One thread at a time may call it;
// each call screens its rows on the request's worker threads. Made by
// Engine::StartBatch(); uses the Engine's watch list, so the Engine must
// outlive it.
class BatchScreener {
 public:
  BatchScreener(std::shared_ptr<const ScreeningService> service, BatchRequest request,
                std::string input);
  ~BatchScreener();
  BatchScreener(const BatchScreener&) = delete;
  BatchScreener& operator=(const BatchScreener&) = delete;

  // Sets the input's columns and chooses the request's among them
  // (ChooseBatchColumns). Needed before Process(); ProcessJsonLines() calls
  // it with the first call's keys when it was not called.
  Status SetColumns(std::vector<std::string> columns);
  // Earlier decisions to show on hits (Engine::StartBatch reads them); none
  // by default.
  void SetDecisions(std::shared_ptr<const DecisionBook> decisions);
  // The CSV header line for the output ("" for JSON lines); after
  // SetColumns().
  std::string Header() const;
  // Screens the rows and returns their output lines in the rows' order;
  // rows that are skipped write nothing and leave a problem.
  std::string Process(const std::vector<Row>& rows);
  // Reads source a chunk at a time (at most max_rows rows, fewer when their
  // output passes kBatchChunkBytes), screens each chunk and writes its
  // lines to out in input order, as Process() does; reading the next chunk
  // and writing the last overlap with screening, on the request's worker
  // threads, with at most three chunks in memory. Stops at the first error
  // of reading or writing and returns it.
  Status Stream(RowSource& source, BatchSink& out, size_t max_rows,
                const BatchProgressCallback& progress);
  // A chunk of rows screened, as StreamResponses() hands it over.
  struct ResponseChunk {
    size_t first = 0;  // the chunk's first row: how many rows earlier chunks held
    // Each row's response in input order; std::nullopt for a row skipped
    // (its problem kept for the summary).
    std::vector<std::optional<ScreenResponse>> responses;
    // Per row, per hit: hit_text's text for it (empty without hit_text).
    std::vector<std::vector<std::string>> hit_texts;
  };
  using HitTextFunction = std::function<std::string(const ScreenResponse&, const ScreenHit&)>;
  using ChunkConsumer = std::function<Status(ResponseChunk&)>;
  // Screens source as Stream() does (the same chunks of at most max_rows,
  // the same overlap and bound on memory, counted alike in the summary) but
  // hands each chunk's responses to take() instead of writing lines: for
  // front ends that take results as data (the Python package's
  // screen_batch). detail: how much of each hit to fill in. hit_text, when
  // given, runs on the worker threads for every hit as its row is screened
  // (the text a front end keeps per hit, such as its explanation). take()
  // sees the chunks in input order, one at a time, beside the screening of
  // the next; its error stops the batch and is returned, as is the
  // source's. Needs SetColumns() first.
  Status StreamResponses(RowSource& source, size_t max_rows, HitDetail detail,
                         const HitTextFunction& hit_text, const ChunkConsumer& take);
  // Problems of rows that could not be read, for the summary.
  void AddProblems(std::vector<std::string> problems);
  // Lines of a JSON-lines stream (line ends removed), numbered on from the
  // previous calls', parsed as a JSON-lines file is and screened. Without
  // SetColumns() (a stream whose keys are not known ahead), columns are
  // chosen from the keys seen so far: one given by name is taken as it is
  // (rows without it have no value), one left to be found is looked for
  // among each call's new keys until found, then kept. JSON lines output.
  StatusOr<std::string> ProcessJsonLines(const std::vector<std::string>& lines);
  // The summary (seconds: since the screener was made).
  BatchSummary Finish();

  const std::vector<std::string>& columns() const;

 private:
  struct State;
  struct Screened;
  // A chunk screened on the worker threads (may run beside Count() of
  // another chunk), then counted into the summary; its output lines, those
  // of skipped rows emptied, stay in screened.lines in input order.
  Screened Screen(const std::vector<Row>& rows) const;
  void Count(Screened& screened);

  std::unique_ptr<State> state_;
};

// Pairs of names, each compared (compare --pairs): one JSON line per pair,
// with its "line".
struct PairsSummary {
  size_t compared = 0;
  // Rows that could not be read, then rows skipped, each in input order,
  // "path:line: problem; row skipped"; capped as BatchSummary's.
  std::vector<std::string> problems;
};

}  // namespace vigil
