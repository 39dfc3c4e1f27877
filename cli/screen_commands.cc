// vigil screen | compare: sanctions screening and name comparison.
#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "command.h"
#include "progress.h"
#include "vigil/base/file.h"
#include "vigil/engine/screening.h"
#include "vigil/ingest/table/row_reader.h"
#include "vigil/match/explain.h"
#include "vigil/match/threads.h"
#include "vigil/text/escape.h"
#include "vigil/text/invisible.h"

namespace vigil::cli {
namespace {

struct CompareArgs {
  std::string a, b, kind, pairs, output;
  double threshold = match::kDefaultThreshold;
};

struct ScreenArgs {
  std::string name, dob, country, kind;
  double threshold = match::kDefaultScreenThreshold;
  size_t top = 10;
  std::string input, output;
  std::vector<std::string> name_columns;
  std::string dob_column, country_column, kind_column, id_column;
  unsigned threads = 0;
  bool raw_csv = false;
};

Status KindArgument(const std::string& text, match::NameKind* kind) {
  if (match::ParseNameKind(text, kind)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      fmt::format("--kind: unknown '{}' (person or organization)", EscapeForTerminal(text)));
}

// The library names the fields it checks ("threshold: must be..."); the
// user typed flags: the message says which flag. It may quote what was
// typed, so it is escaped for the terminal.
Status AsFlags(const Status& status,
               std::initializer_list<std::pair<std::string_view, std::string_view>> flags) {
  if (status.ok()) return status;
  std::string message = EscapeForTerminal(std::string(status.message()));
  for (auto [field, flag] : flags)
    if (message.size() > field.size() && message.compare(0, field.size(), field) == 0 &&
        message[field.size()] == ':') {
      message = std::string(flag) + message.substr(field.size());
      break;
    }
  return Status(status.code(), message);
}

// A JSON string for the terminal.
std::string Text(const Json& value) { return EscapeForTerminal(value.get<std::string>()); }

Json CompareJson(const std::string& a, const std::string& b, match::NameKind kind,
                 double threshold) {
  match::NamePairComparison pair = match::CompareNames(a, b, kind, match::NameScorer());
  const match::AnalyzedName& qa = pair.a;
  const match::AnalyzedName& ca = pair.b;
  const match::NameComparison& c = pair.comparison;
  const char* kind_name = kind == match::NameKind::kPerson         ? "person"
                          : kind == match::NameKind::kOrganization ? "organization"
                                                                   : "any";
  Json explanation = match::ComparisonJson(c);
  explanation["readings"] = {{"a", pair.displayed_a ? "displayed" : "written"},
                             {"b", pair.displayed_b ? "displayed" : "written"}};
  explanation["cleaning"] = {{"a", match::CleaningJson(CleanText(a))},
                             {"b", match::CleaningJson(CleanText(b))}};
  return Json{{"name_a", a},
              {"name_b", b},
              {"kind", kind_name},
              {"score", c.score},
              {"threshold", threshold},
              {"match", c.score >= threshold},
              {"explanation", std::move(explanation)},
              {"analysis", {{"a", match::AnalysisJson(qa)}, {"b", match::AnalysisJson(ca)}}}};
}

void RenderComparison(const Json& explanation, std::ostream& out, const char* indent) {
  for (const auto& p : explanation["pairs"])
    out << fmt::format("{}{} ~ {}  {} {:.2f} (weight {:.2f}){}\n", indent, Text(p["query"]),
                       Text(p["candidate"]), Text(p["method"]), p["similarity"].get<double>(),
                       p["weight"].get<double>(),
                       p.contains("note") ? " — " + Text(p["note"]) : "");
  for (const auto& u : explanation["unmatched_query"])
    out << fmt::format("{}only in the query: {}\n", indent, Text(u));
  for (const auto& u : explanation["unmatched_candidate"])
    out << fmt::format("{}only in the listed name: {}\n", indent, Text(u));
  for (const auto& a : explanation["adjustments"])
    out << fmt::format("{}rule {}: {}\n", indent, Text(a["rule"]), Text(a["detail"]));
}

// "removed from the query: U+200B ZERO WIDTH SPACE x3" and the displayed
// reading, when cleaning changed anything.
void RenderCleaning(const Json& cleaning, const std::string& what, std::ostream& out,
                    const char* indent) {
  if (!cleaning["removed"].empty())
    out << fmt::format("{}invisible characters removed from {}: {}\n", indent, what,
                       Text(cleaning["summary"]));
  if (!cleaning["displayed"].is_null())
    out << fmt::format(
        "{}bidi controls make {} show as \"{}\": read as written and as shown\n", indent, what,
        Text(cleaning["displayed"]));
}

int RunPairs(const CompareArgs& args, const Context& context) {
  auto rows = ReadRows(args.pairs);
  if (!rows.ok()) return Fail(rows.status(), context);
  const auto& columns = rows->columns;
  auto has = [&](const char* c) { return std::find(columns.begin(), columns.end(), c) != columns.end(); };
  if (!has("name_a") || !has("name_b"))
    return Fail(absl::InvalidArgumentError(fmt::format(
                    "{}:1: header: expected columns name_a,name_b[,kind]", args.pairs)),
                context);
  std::unique_ptr<AtomicFile> file;
  if (!args.output.empty()) {
    auto created = AtomicFile::Create(args.output);
    if (!created.ok()) return Fail(created.status(), context);
    file = std::move(*created);
  }
  std::ostream& out = file ? file->stream() : std::cout;
  for (const auto& p : rows->problems) std::cerr << "vigil: " << EscapeForTerminal(p) << "\n";
  size_t written = 0;
  for (const auto& row : rows->rows) {
    const std::string& a = row.values.at("name_a");
    const std::string& b = row.values.at("name_b");
    auto kind_it = row.values.find("kind");
    std::string kind_name = kind_it != row.values.end() && !kind_it->second.empty()
                                ? kind_it->second
                                : args.kind;
    std::string problem;
    if (std::string p = match::NameProblem(a); !p.empty()) problem = "name_a: " + p;
    else if (std::string q = match::NameProblem(b); !q.empty()) problem = "name_b: " + q;
    match::NameKind kind;
    if (problem.empty() && !match::ParseNameKind(kind_name, &kind))
      problem = "kind: unknown '" + kind_name + "'";
    if (!problem.empty()) {
      std::cerr << EscapeForTerminal(fmt::format("vigil: {}:{}: {}; row skipped", args.pairs,
                                                 row.line, problem))
                << "\n";
      continue;
    }
    Json j = CompareJson(a, b, kind, args.threshold);
    j["line"] = row.line;
    out << j.dump() << "\n";
    ++written;
  }
  if (file)
    if (auto s = file->Commit(); !s.ok()) return Fail(s, context);
  std::cerr << fmt::format("vigil: compared {} pairs\n", written);
  return 0;
}

int RunCompare(const CompareArgs& args, const Context& context) {
  if (auto s = AsFlags(match::ValidateThreshold(args.threshold), {{"threshold", "--threshold"}});
      !s.ok())
    return Fail(s, context);
  if (!args.pairs.empty()) return RunPairs(args, context);
  if (args.a.empty() || args.b.empty())
    return Fail(absl::InvalidArgumentError("compare: give two names, or --pairs FILE"), context);
  for (auto [name, label] : {std::pair{&args.a, "NAME_A"}, {&args.b, "NAME_B"}})
    if (std::string problem = match::NameProblem(*name); !problem.empty())
      return Fail(absl::InvalidArgumentError(fmt::format("{}: {}", label, problem)), context);
  match::NameKind kind;
  if (auto s = KindArgument(args.kind, &kind); !s.ok()) return Fail(s, context);
  Json j = CompareJson(args.a, args.b, kind, args.threshold);
  if (context.json) return Print(j);
  std::cout << fmt::format("score {:.3f}: {} at threshold {:.2f}\n", j["score"].get<double>(),
                           j["match"].get<bool>() ? "match" : "no match", args.threshold);
  RenderCleaning(j["explanation"]["cleaning"]["a"], "NAME_A", std::cout, "  ");
  RenderCleaning(j["explanation"]["cleaning"]["b"], "NAME_B", std::cout, "  ");
  RenderComparison(j["explanation"], std::cout, "  ");
  return 0;
}

// The list versions in one line (raw: escape it to print it).
std::string ListsLine(const Json& lists) {
  std::string out;
  for (const auto& l : lists) {
    std::string version = l["publish_date"].is_null() ? l["version"].get<std::string>()
                                                      : l["publish_date"].get<std::string>();
    out += fmt::format("{}{} ({}, {} records)", out.empty() ? "" : "; ",
                       l["dataset"].get<std::string>(), version, l["records"].get<int64_t>());
  }
  return out;
}

void RenderScreen(const Json& r, std::ostream& out) {
  out << fmt::format("{} hit{} for \"{}\" at threshold {:.2f}\n", r["hits"].size(),
                     r["hits"].size() == 1 ? "" : "s", Text(r["query"]["name"]),
                     r["threshold"].get<double>());
  RenderCleaning(r["query"]["cleaning"], "the query", out, "");
  out << "lists: " << EscapeForTerminal(ListsLine(r["lists"])) << "\n";
  for (const auto& h : r["hits"]) {
    std::string refs, programs;
    for (const auto& x : h["references"]) refs += (refs.empty() ? "" : ", ") + Text(x);
    for (const auto& x : h["programs"]) programs += (programs.empty() ? "" : ", ") + Text(x);
    out << fmt::format("\n{:>2}. {:.3f}  {} [{}] {} — {}{}{}\n", h["rank"].get<int>(),
                       h["score"].get<double>(), Text(h["name"]), Text(h["entity"]),
                       Text(h["kind"]), Text(h["dataset"]), refs.empty() ? "" : ", ref " + refs,
                       programs.empty() ? "" : ", programs " + programs);
    if (!h["linked"].is_null())
      out << fmt::format("    same entity as [{}] (vigil show {})\n", Text(h["linked"]),
                         Text(h["linked"]));
    const auto& m = h["matched_name"];
    out << fmt::format("    matched {} \"{}\" (name score {:.3f}){}\n", Text(m["type"]),
                       Text(m["text"]), h["explanation"]["name_score"].get<double>(),
                       h["explanation"]["query_reading"] == "displayed"
                           ? " by the query as shown on screen"
                           : "");
    RenderComparison(h["explanation"], out, "      ");
    for (const auto& e : h["explanation"]["evidence"])
      out << fmt::format("    {} {:+.3f}: {}\n", Text(e["kind"]), e["effect"].get<double>(),
                         Text(e["detail"]));
  }
}

// The first column whose name (case-insensitive) is one of the candidates.
std::string FindColumn(const std::vector<std::string>& columns,
                       std::initializer_list<std::string_view> candidates) {
  for (auto want : candidates)
    for (const auto& c : columns) {
      std::string lower = c;
      for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (lower == want) return c;
    }
  return "";
}

// Batch settings that hold for every row, checked before anything is read.
Status CheckBatchSettings(const ScreenArgs& args) {
  for (const Status& s : {match::ValidateThreshold(args.threshold), match::ValidateTop(args.top),
                          match::ValidateBirthDate(args.dob), match::ValidateCountry(args.country)})
    if (!s.ok())
      return AsFlags(s, {{"threshold", "--threshold"},
                         {"top", "--top"},
                         {"birth_date", "--dob"},
                         {"country", "--country"}});
  return absl::OkStatus();
}

int RunBatch(ScreenArgs& args, const Context& context) {
  if (args.output.empty())
    return Fail(absl::InvalidArgumentError("screen --input: give --output FILE"), context);
  if (auto s = CheckBatchSettings(args); !s.ok()) return Fail(s, context);
  auto rows = ReadRows(args.input);
  if (!rows.ok()) return Fail(rows.status(), context);
  const auto& columns = rows->columns;
  auto check = [&](const std::string& column, const char* option) -> Status {
    if (column.empty() || std::find(columns.begin(), columns.end(), column) != columns.end())
      return absl::OkStatus();
    return absl::InvalidArgumentError(EscapeForTerminal(
        fmt::format("{}: {}: no column '{}' (columns: {})", args.input, option, column,
                    fmt::join(columns, ", "))));
  };
  if (args.name_columns.empty()) {
    std::string c = FindColumn(columns, {"name", "full_name", "fullname", "full name"});
    if (c.empty() && !columns.empty()) c = columns.front();
    args.name_columns.push_back(c);
  }
  for (const auto& c : args.name_columns)
    if (auto s = check(c, "--name-column"); !s.ok()) return Fail(s, context);
  if (args.dob_column.empty())
    args.dob_column = FindColumn(columns, {"dob", "birth_date", "date_of_birth", "birthdate"});
  if (args.country_column.empty())
    args.country_column = FindColumn(columns, {"country", "nationality", "citizenship"});
  if (args.kind_column.empty()) args.kind_column = FindColumn(columns, {"kind", "type", "schema"});
  if (args.id_column.empty()) args.id_column = FindColumn(columns, {"id", "ref", "reference"});
  for (auto [c, o] : {std::pair{&args.dob_column, "--dob-column"},
                      {&args.country_column, "--country-column"},
                      {&args.kind_column, "--kind-column"},
                      {&args.id_column, "--id-column"}})
    if (auto s = check(*c, o); !s.ok()) return Fail(s, context);
  match::NameKind default_kind;
  if (auto s = KindArgument(args.kind, &default_kind); !s.ok()) return Fail(s, context);

  const unsigned threads = match::WorkerThreads(args.threads);
  auto engine = OpenForReading(context);
  if (!engine.ok()) return Fail(engine.status(), context);
  auto service = ScreeningService::Build((*engine)->db(), threads);
  if (!service.ok()) return Fail(service.status(), context);
  if ((*service)->list().records().empty())
    return Fail(absl::NotFoundError(
                    "no designated records in the database: load a list first (vigil load FILE)"),
                context);

  auto created = AtomicFile::Create(args.output);
  if (!created.ok()) return Fail(created.status(), context);
  std::unique_ptr<AtomicFile> output = std::move(*created);
  const bool jsonl = RowFormatOf(args.output) == RowFormat::kJsonLines;
  Json lists = (*service)->ListsJson();
  std::string lists_line = ListsLine(lists);
  // Cells that a spreadsheet would run as formulas are neutralised unless
  // --raw-csv (text/escape.h).
  const bool neutralise = !args.raw_csv;
  auto cell = [neutralise](std::string_view text) { return CsvCell(text, neutralise); };
  if (!jsonl) {
    std::string header;
    for (const auto& c : columns) header += cell(c) + ",";
    header +=
        "vigil_hits,vigil_top_score,vigil_top_entity,vigil_top_name,vigil_top_matched_name,"
        "vigil_top_references,vigil_top_programs,vigil_top_dataset,vigil_lists,"
        "vigil_name_cleaning\n";
    output->stream() << header;
  }

  std::vector<std::string> problems = rows->problems;
  const size_t n = rows->rows.size();
  std::vector<std::string> lines(n);
  std::vector<int> hit_counts(n, -1);
  std::vector<std::vector<std::string>> row_problems(n);
  auto start = std::chrono::steady_clock::now();
  Progress progress("screening", n);
  tbb::task_arena arena(static_cast<int>(threads));
  arena.execute([&] {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 64), [&](const tbb::blocked_range<size_t>& range) {
    for (size_t i = range.begin(); i < range.end(); ++i) {
      const Row& row = rows->rows[i];
      auto value = [&](const std::string& column) -> std::string {
        if (column.empty()) return "";
        auto it = row.values.find(column);
        return it == row.values.end() ? "" : it->second;
      };
      match::ScreenQuery q;
      for (const auto& c : args.name_columns) {
        std::string part = value(c);
        if (!part.empty()) q.name += (q.name.empty() ? "" : " ") + part;
      }
      q.birth_date = args.dob.empty() ? value(args.dob_column) : args.dob;
      q.country = args.country.empty() ? value(args.country_column) : args.country;
      q.kind = default_kind;
      if (std::string k = value(args.kind_column); !k.empty()) {
        std::string lower = k;
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (lower == "individual") lower = "person";
        if (lower == "entity" || lower == "company") lower = "organization";
        if (!match::ParseNameKind(lower, &q.kind)) q.kind = default_kind;
      }
      q.threshold = args.threshold;
      q.top = args.top;
      // Each row as ScreenQuery::Validate() checks a query: a name that
      // cannot be screened skips the row; a date or country that means
      // nothing is left out, and said.
      if (std::string problem = match::NameProblem(q.name); !problem.empty()) {
        row_problems[i].push_back(fmt::format("{}:{}: {}: {}; row skipped", args.input, row.line,
                                              fmt::join(args.name_columns, "+"), problem));
        continue;
      }
      if (!match::ValidateBirthDate(q.birth_date).ok()) {
        row_problems[i].push_back(fmt::format("{}:{}: {}: '{}' is not a date; screened without it",
                                              args.input, row.line, args.dob_column,
                                              q.birth_date));
        q.birth_date.clear();
      }
      if (!match::ValidateCountry(q.country).ok()) {
        row_problems[i].push_back(
            fmt::format("{}:{}: {}: '{}' names no country; screened without it", args.input,
                        row.line, args.country_column, q.country));
        q.country.clear();
      }
      auto t0 = std::chrono::steady_clock::now();
      match::ScreenResult result = (*service)->Screen(q);
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      hit_counts[i] = static_cast<int>(result.hits.size());
      if (jsonl) {
        Json j = (*service)->ResultJson(q, result, ms);
        j.erase("threshold");
        Json input = Json::object();
        for (const auto& c : columns)
          if (auto it = row.values.find(c); it != row.values.end()) input[c] = it->second;
        Json line = {{"line", row.line}};
        if (!args.id_column.empty()) line["id"] = value(args.id_column);
        line["input"] = std::move(input);
        for (auto& [k, v] : j.items()) line[k] = std::move(v);
        lines[i] = line.dump() + "\n";
      } else {
        std::string text;
        for (const auto& c : columns) text += cell(value(c)) + ",";
        // What cleaning did to the name: invisible characters removed, and
        // the reading shown on screen when bidi controls reorder it.
        std::string cleaning = DescribeRemoved(result.cleaning.removed);
        if (!result.cleaning.displayed.empty())
          cleaning += (cleaning.empty() ? "" : "; ") + std::string("shown as: ") +
                      result.cleaning.displayed;
        if (result.hits.empty()) {
          text += "0,,,,,,,," + cell(lists_line) + "," + cell(cleaning) + "\n";
        } else {
          Json h = (*service)->HitJson(result.hits.front(), 1);
          std::string refs, programs;
          for (const auto& x : h["references"]) refs += (refs.empty() ? "" : ";") + x.get<std::string>();
          for (const auto& x : h["programs"]) programs += (programs.empty() ? "" : ";") + x.get<std::string>();
          text += fmt::format("{},{:.4f},{},{},{},{},{},{},{},{}\n", result.hits.size(),
                              result.hits.front().score, cell(h["entity"].get<std::string>()),
                              cell(h["name"].get<std::string>()),
                              cell(h["matched_name"]["text"].get<std::string>()), cell(refs),
                              cell(programs), cell(h["dataset"].get<std::string>()),
                              cell(lists_line), cell(cleaning));
        }
        lines[i] = std::move(text);
      }
    }
    progress.Advance(range.size());
  });
  });
  progress.Finish();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  size_t screened = 0, with_hits = 0, hits = 0;
  for (size_t i = 0; i < n; ++i) {
    for (auto& p : row_problems[i]) problems.push_back(std::move(p));
    if (hit_counts[i] < 0) continue;
    ++screened;
    with_hits += hit_counts[i] > 0;
    hits += static_cast<size_t>(hit_counts[i]);
    output->stream() << lines[i];
  }
  if (auto s = output->Commit(); !s.ok()) return Fail(s, context);
  std::sort(problems.begin(), problems.end());
  for (const auto& p : problems) std::cerr << "vigil: " << EscapeForTerminal(p) << "\n";
  Json summary = {{"input", args.input},
                  {"output", args.output},
                  {"rows", n + rows->problems.size()},
                  {"screened", screened},
                  {"skipped", n + rows->problems.size() - screened},
                  {"rows_with_hits", with_hits},
                  {"hits", hits},
                  {"threshold", args.threshold},
                  {"threads", threads},
                  {"raw_csv", args.raw_csv},
                  {"seconds", elapsed},
                  {"rows_per_second", elapsed > 0 ? static_cast<double>(screened) / elapsed : 0},
                  {"lists", lists},
                  {"problems", problems}};
  if (context.json) return Print(summary);
  std::cout << fmt::format(
      "screened {} of {} rows in {:.2f}s ({:.0f} rows/s, {} thread{}): {} with hits, {} "
      "skipped\nlists: {}\nwritten: {}\n",
      screened, summary["rows"].get<size_t>(), elapsed, summary["rows_per_second"].get<double>(),
      threads, threads == 1 ? "" : "s", with_hits, summary["skipped"].get<size_t>(),
      EscapeForTerminal(lists_line), EscapeForTerminal(args.output));
  return 0;
}

int RunScreen(ScreenArgs& args, const Context& context) {
  if (!args.input.empty()) {
    if (!args.name.empty())
      return Fail(absl::InvalidArgumentError("screen: give a NAME or --input FILE, not both"),
                  context);
    return RunBatch(args, context);
  }
  if (args.name.empty())
    return Fail(absl::InvalidArgumentError("screen: give a NAME, or --input FILE --output FILE"),
                context);
  match::ScreenQuery q;
  q.name = args.name;
  q.birth_date = args.dob;
  q.country = args.country;
  q.threshold = args.threshold;
  q.top = args.top;
  if (auto s = KindArgument(args.kind, &q.kind); !s.ok()) return Fail(s, context);
  // Checked before the database is opened.
  if (auto s = AsFlags(q.Validate(), {{"name", "NAME"},
                                      {"threshold", "--threshold"},
                                      {"top", "--top"},
                                      {"birth_date", "--dob"},
                                      {"country", "--country"}});
      !s.ok())
    return Fail(s, context);
  auto engine = OpenForReading(context);
  if (!engine.ok()) return Fail(engine.status(), context);
  auto service = ScreeningService::Build((*engine)->db(), match::WorkerThreads(args.threads));
  if (!service.ok()) return Fail(service.status(), context);
  auto result = (*service)->ScreenJson(q);
  if (!result.ok()) return Fail(result.status(), context);
  if (context.json) return Print(*result);
  RenderScreen(*result, std::cout);
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
  // Ranges are checked by the library (match::ScreenQuery::Validate()).
  screen->add_option("--threshold", s->threshold, "lowest score reported, 0 to 1 (default 0.80)");
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
