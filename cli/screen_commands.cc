// vigil screen | compare: sanctions screening and name comparison. Flags
// become the engine's requests (engine/screening.h, engine/batch.h); results
// are printed as their JSON or rendered (screen_render.h).
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "command.h"
#include "progress.h"
#include "screen_render.h"
#include "vigil/base/file.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/json/batch_stream_json.h"
#include "vigil/engine/json/screening_json.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

struct CompareArgs {
  std::string a, b, kind, pairs, output;
  double threshold = kDefaultCompareThreshold;
};

struct ScreenArgs {
  std::string name, dob, country, kind;
  double threshold = kDefaultScreenThreshold;
  size_t top = kDefaultTop;
  std::string input, output;
  std::vector<std::string> name_columns;
  std::string dob_column, country_column, kind_column, id_column;
  unsigned threads = 0;
  bool raw_csv = false;
  std::string actor = "cli";
};

// Screening is recorded in the store's audit log, from the CLI as from the
// API (docs/api.md, "The audit log"): the store is opened for writing.
StatusOr<std::unique_ptr<Engine>> OpenForScreening(const Context& context) {
  // A missing store is "not found" (exit 3), as for every reading command,
  // not a new empty store (a PostgreSQL database is there or not: opening
  // it says which).
  if (!store::IsPostgresLocation(context.db) && !std::filesystem::exists(context.db))
    return OpenForReading(context);
  return Engine::Open(context.db, store::AccessMode::kReadWrite);
}

// Writes the queued audit row; a screening that could not be recorded is
// an error, not a silent gap in the log.
Status RecordScreening(Engine& engine, const std::string& actor, std::string_view action,
                       const Json& detail) {
  engine.audit().Record(actor, action, detail);
  if (auto s = engine.audit().Flush(); !s.ok())
    return absl::InternalError(
        fmt::format("the screening could not be written to the audit log: {}",
                    std::string(s.message())));
  return absl::OkStatus();
}

// Output to a file written atomically (base/file.h), created by the first
// write so that a batch refused before it writes leaves nothing behind.
class FileSink final : public BatchSink {
 public:
  explicit FileSink(std::string path) : path_(std::move(path)) {}
  Status Write(std::string_view text) override {
    if (!file_) {
      auto created = AtomicFile::Create(path_);
      if (!created.ok()) return created.status();
      file_ = std::move(*created);
    }
    file_->stream() << text;
    return absl::OkStatus();
  }
  Status Commit() {
    if (auto s = Write(""); !s.ok()) return s;
    return file_->Commit();
  }

 private:
  std::string path_;
  std::unique_ptr<AtomicFile> file_;
};

class StreamSink final : public BatchSink {
 public:
  explicit StreamSink(std::ostream& out) : out_(out) {}
  Status Write(std::string_view text) override {
    out_ << text;
    return absl::OkStatus();
  }

 private:
  std::ostream& out_;
};

void PrintProblems(const std::vector<std::string>& problems) {
  for (const auto& p : problems) std::cerr << "vigil: " << EscapeForTerminal(p) << "\n";
}

int RunPairs(const CompareArgs& args, const Context& context) {
  auto rows = OpenRowFile(args.pairs);
  if (!rows.ok()) return Fail(rows.status(), context);
  CompareRequest defaults;
  defaults.kind = args.kind;
  defaults.threshold = args.threshold;
  std::unique_ptr<FileSink> file;
  if (!args.output.empty()) file = std::make_unique<FileSink>(args.output);
  StreamSink stdout_sink(std::cout);
  BatchSink& out = file ? static_cast<BatchSink&>(*file) : stdout_sink;
  auto summary = Engine::ComparePairs(defaults, **rows, out);
  if (!summary.ok()) return Fail(summary.status(), context);
  if (file)
    if (auto s = file->Commit(); !s.ok()) return Fail(s, context);
  PrintProblems(summary->problems);
  std::cerr << fmt::format("vigil: compared {} pairs\n", summary->compared);
  return 0;
}

int RunCompare(const CompareArgs& args, const Context& context) {
  CompareRequest request;
  request.name_a = args.a;
  request.name_b = args.b;
  request.kind = args.kind;
  request.threshold = args.threshold;
  if (!args.pairs.empty()) return RunPairs(args, context);
  if (args.a.empty() || args.b.empty())
    return Fail(absl::InvalidArgumentError("compare: give two names, or --pairs FILE"), context);
  auto comparison = Engine::Compare(request);
  if (!comparison.ok()) return Fail(comparison.status(), context);
  Json j = ToJson(*comparison);
  if (context.json) return Print(j);
  RenderCompare(j, std::cout);
  return 0;
}

int RunBatch(const ScreenArgs& args, const Context& context) {
  if (args.output.empty())
    return Fail(absl::InvalidArgumentError("screen --input: give --output FILE"), context);
  BatchRequest request;
  request.name_columns = args.name_columns;
  request.dob_column = args.dob_column;
  request.country_column = args.country_column;
  request.kind_column = args.kind_column;
  request.id_column = args.id_column;
  request.dob = args.dob;
  request.country = args.country;
  request.kind = args.kind;
  request.threshold = args.threshold;
  request.top = args.top;
  request.threads = args.threads;
  request.output = BatchFormatOf(args.output);
  request.raw_csv = args.raw_csv;
  // Settings, the input and its columns are checked before the database is
  // opened.
  if (auto s = request.Validate(); !s.ok()) return Fail(s, context);
  auto rows = OpenRowFile(args.input);
  if (!rows.ok()) return Fail(rows.status(), context);
  if (auto s = Engine::CheckBatch(request, **rows); !s.ok()) return Fail(s, context);
  auto engine = OpenForScreening(context);
  if (!engine.ok()) return Fail(engine.status(), context);
  FileSink output(args.output);
  Progress progress("screening");
  auto summary = (*engine)->ScreenBatch(request, **rows, output, [&](const BatchProgress& p) {
    progress.Update(p.rows, p.fraction);
  });
  if (!summary.ok()) return Fail(summary.status(), context);
  progress.Finish();
  if (auto s = RecordScreening(**engine, args.actor, "screen_batch",
                               BatchAuditDetail(*summary, /*complete=*/true));
      !s.ok())
    return Fail(s, context);
  if (auto s = output.Commit(); !s.ok()) return Fail(s, context);
  summary->output = args.output;
  PrintProblems(summary->problems);
  if (context.json) return Print(ToJson(*summary));
  RenderBatchSummary(*summary, std::cout);
  return 0;
}

int RunScreen(const ScreenArgs& args, const Context& context) {
  if (!args.input.empty()) {
    if (!args.name.empty())
      return Fail(absl::InvalidArgumentError("screen: give a NAME or --input FILE, not both"),
                  context);
    return RunBatch(args, context);
  }
  if (args.name.empty())
    return Fail(absl::InvalidArgumentError("screen: give a NAME, or --input FILE --output FILE"),
                context);
  ScreenRequest request;
  request.name = args.name;
  request.dob = args.dob;
  request.country = args.country;
  request.kind = args.kind;
  request.threshold = args.threshold;
  request.top = args.top;
  request.part_sources = context.json;  // the JSON's parts name their written words
  // Checked before the database is opened.
  if (auto s = request.Validate(); !s.ok()) return Fail(s, context);
  auto engine = OpenForScreening(context);
  if (!engine.ok()) return Fail(engine.status(), context);
  if (auto s = (*engine)->PrepareScreening(args.threads); !s.ok()) return Fail(s, context);
  auto response = (*engine)->Screen(request);
  if (!response.ok()) return Fail(response.status(), context);
  if (auto s = RecordScreening(**engine, args.actor, "screen",
                               ScreeningAuditDetail(request, *response));
      !s.ok())
    return Fail(s, context);
  Json j = ToJson(*response);
  if (context.json) return Print(j);
  RenderScreen(j, std::cout);
  return 0;
}

}  // namespace

void AddScreenCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto args = std::make_shared<CompareArgs>();
  auto* compare = app.add_subcommand("compare", "score and explain one pair of names");
  compare->add_option("NAME_A", args->a, "first name");
  compare->add_option("NAME_B", args->b, "second name");
  compare->add_option("--kind", args->kind, "person | organization (default: any)");
  compare->add_option("--threshold", args->threshold, "decision threshold, 0 to 1 (default 0.80)");
  compare->add_option("--pairs", args->pairs,
                      "CSV with columns name_a,name_b[,kind]: one JSON line per pair");
  compare->add_option("--output", args->output, "with --pairs: write the JSON lines here");
  AddCommonOptions(compare, context);
  commands.push_back({compare, [args, &context] { return RunCompare(*args, context); }});

  auto s = std::make_shared<ScreenArgs>();
  auto* screen = app.add_subcommand(
      "screen", "screen a name (or a CSV/JSONL file of names) against the designation lists");
  screen->add_option("NAME", s->name, "the name to screen, in any script");
  screen->add_option("--dob", s->dob, "birth date: YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO");
  screen->add_option("--country", s->country, "nationality: ISO code or name");
  screen->add_option("--kind", s->kind, "person | organization (default: any)");
  // Ranges are checked by the engine (ScreenRequest::Validate()).
  screen->add_option("--threshold", s->threshold, "lowest score reported, 0 to 1 (default 0.80)");
  screen->add_option("--actor", s->actor, "who screens, for the audit log (default: cli)");
  screen->add_option("--top", s->top, "at most this many hits per name, 1 to 1000 (default 10)");
  screen->add_option("--input", s->input, "batch: a CSV (with header) or JSONL file of names");
  screen->add_option("--output", s->output, "batch: results as CSV, or JSONL (.jsonl)");
  screen->add_option("--name-column", s->name_columns,
                     "batch: column(s) holding the name, joined in order (default: name)");
  screen->add_option("--dob-column", s->dob_column, "batch: birth date column (default: dob)");
  screen->add_option("--country-column", s->country_column,
                     "batch: nationality column (default: country)");
  screen->add_option("--kind-column", s->kind_column, "batch: person/organization column");
  screen->add_option("--id-column", s->id_column, "batch: row id column, copied to the output");
  screen->add_option("--threads", s->threads,
                     "worker threads (default 0: all cores; more are lowered to the cores)");
  screen->add_flag("--raw-csv", s->raw_csv,
                   "batch CSV output: write cells as they are, without neutralising those that "
                   "a spreadsheet would run as formulas (=, +, -, @): for programs, not people");
  AddCommonOptions(screen, context);
  commands.push_back({screen, [s, &context] { return RunScreen(*s, context); }});
}

}  // namespace vigil::cli
