// vigil screen | compare: sanctions screening and name comparison.
#include <csv.h>
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
};

Status KindArgument(const std::string& text, match::NameKind* kind) {
  if (match::ParseNameKind(text, kind)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      fmt::format("--kind: unknown '{}' (person or organization)", text));
}

Json CompareJson(const std::string& a, const std::string& b, match::NameKind kind,
                 double threshold) {
  match::NamePairComparison pair = match::CompareNames(a, b, kind, match::NameScorer());
  const match::AnalyzedName& qa = pair.a;
  const match::AnalyzedName& ca = pair.b;
  const match::NameComparison& c = pair.comparison;
  const char* kind_name = kind == match::NameKind::kPerson         ? "person"
                          : kind == match::NameKind::kOrganization ? "organization"
                                                                   : "any";
  return Json{{"name_a", a},
              {"name_b", b},
              {"kind", kind_name},
              {"score", c.score},
              {"threshold", threshold},
              {"match", c.score >= threshold},
              {"explanation", match::ComparisonJson(c)},
              {"analysis", {{"a", match::AnalysisJson(qa)}, {"b", match::AnalysisJson(ca)}}}};
}

void RenderComparison(const Json& explanation, std::ostream& out, const char* indent) {
  for (const auto& p : explanation["pairs"])
    out << fmt::format("{}{} ~ {}  {} {:.2f} (weight {:.2f}){}\n", indent,
                       p["query"].get<std::string>(), p["candidate"].get<std::string>(),
                       p["method"].get<std::string>(), p["similarity"].get<double>(),
                       p["weight"].get<double>(),
                       p.contains("note") ? " — " + p["note"].get<std::string>() : "");
  for (const auto& u : explanation["unmatched_query"])
    out << fmt::format("{}only in the query: {}\n", indent, u.get<std::string>());
  for (const auto& u : explanation["unmatched_candidate"])
    out << fmt::format("{}only in the listed name: {}\n", indent, u.get<std::string>());
  for (const auto& a : explanation["adjustments"])
    out << fmt::format("{}rule {}: {}\n", indent, a["rule"].get<std::string>(),
                       a["detail"].get<std::string>());
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
  for (const auto& p : rows->problems) std::cerr << "vigil: " << p << "\n";
  size_t written = 0;
  for (const auto& row : rows->rows) {
    const std::string& a = row.values.at("name_a");
    const std::string& b = row.values.at("name_b");
    auto kind_it = row.values.find("kind");
    std::string kind_name = kind_it != row.values.end() && !kind_it->second.empty()
                                ? kind_it->second
                                : args.kind;
    match::NameKind kind;
    if (a.empty() || b.empty() || !match::ParseNameKind(kind_name, &kind)) {
      std::cerr << fmt::format("vigil: {}:{}: {}; row skipped\n", args.pairs, row.line,
                               a.empty() || b.empty() ? "empty name" : "kind: unknown '" + kind_name + "'");
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
  if (!args.pairs.empty()) return RunPairs(args, context);
  if (args.a.empty() || args.b.empty())
    return Fail(absl::InvalidArgumentError("compare: give two names, or --pairs FILE"), context);
  match::NameKind kind;
  if (auto s = KindArgument(args.kind, &kind); !s.ok()) return Fail(s, context);
  Json j = CompareJson(args.a, args.b, kind, args.threshold);
  if (context.json) return Print(j);
  std::cout << fmt::format("score {:.3f}: {} at threshold {:.2f}\n", j["score"].get<double>(),
                           j["match"].get<bool>() ? "match" : "no match", args.threshold);
  RenderComparison(j["explanation"], std::cout, "  ");
  return 0;
}

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
                     r["hits"].size() == 1 ? "" : "s", r["query"]["name"].get<std::string>(),
                     r["threshold"].get<double>());
  out << "lists: " << ListsLine(r["lists"]) << "\n";
  for (const auto& h : r["hits"]) {
    std::string refs, programs;
    for (const auto& x : h["references"]) refs += (refs.empty() ? "" : ", ") + x.get<std::string>();
    for (const auto& x : h["programs"]) programs += (programs.empty() ? "" : ", ") + x.get<std::string>();
    out << fmt::format("\n{:>2}. {:.3f}  {} [{}] {} — {}{}{}\n", h["rank"].get<int>(),
                       h["score"].get<double>(), h["name"].get<std::string>(),
                       h["entity"].get<std::string>(), h["kind"].get<std::string>(),
                       h["dataset"].get<std::string>(), refs.empty() ? "" : ", ref " + refs,
                       programs.empty() ? "" : ", programs " + programs);
    if (!h["linked"].is_null())
      out << fmt::format("    same entity as [{}] (vigil show {})\n", h["linked"].get<std::string>(),
                         h["linked"].get<std::string>());
    const auto& m = h["matched_name"];
    out << fmt::format("    matched {} \"{}\" (name score {:.3f})\n", m["type"].get<std::string>(),
                       m["text"].get<std::string>(), h["explanation"]["name_score"].get<double>());
    RenderComparison(h["explanation"], out, "      ");
    for (const auto& e : h["explanation"]["evidence"])
      out << fmt::format("    {} {:+.3f}: {}\n", e["kind"].get<std::string>(),
                         e["effect"].get<double>(), e["detail"].get<std::string>());
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

std::string CsvField(const std::string& value) {
  std::string out(value.size() * 2 + 2, '\0');
  size_t n = csv_write(out.data(), out.size(), value.data(), value.size());
  out.resize(n);
  return out;
}

int RunBatch(ScreenArgs& args, const Context& context) {
  if (args.output.empty())
    return Fail(absl::InvalidArgumentError("screen --input: give --output FILE"), context);
  auto rows = ReadRows(args.input);
  if (!rows.ok()) return Fail(rows.status(), context);
  const auto& columns = rows->columns;
  auto check = [&](const std::string& column, const char* option) -> Status {
    if (column.empty() || std::find(columns.begin(), columns.end(), column) != columns.end())
      return absl::OkStatus();
    return absl::InvalidArgumentError(fmt::format("{}: {}: no column '{}' (columns: {})",
                                                  args.input, option, column,
                                                  fmt::join(columns, ", ")));
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

  auto engine = OpenForReading(context);
  if (!engine.ok()) return Fail(engine.status(), context);
  auto service = ScreeningService::Build((*engine)->db(), args.threads);
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
  if (!jsonl) {
    std::string header;
    for (const auto& c : columns) header += CsvField(c) + ",";
    header +=
        "vigil_hits,vigil_top_score,vigil_top_entity,vigil_top_name,vigil_top_matched_name,"
        "vigil_top_references,vigil_top_programs,vigil_top_dataset,vigil_lists\n";
    output->stream() << header;
  }

  std::vector<std::string> problems = rows->problems;
  const size_t n = rows->rows.size();
  std::vector<std::string> lines(n);
  std::vector<int> hit_counts(n, -1);
  std::vector<std::string> row_problems(n);
  auto start = std::chrono::steady_clock::now();
  Progress progress("screening", n);
  tbb::task_arena arena(args.threads ? static_cast<int>(args.threads) : tbb::task_arena::automatic);
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
      if (q.name.empty()) {
        row_problems[i] = fmt::format("{}:{}: {}: empty name; row skipped", args.input, row.line,
                                      fmt::join(args.name_columns, "+"));
        continue;
      }
      if (!q.birth_date.empty()) {
        match::DayRange ignored;
        if (!match::ParseDayRange(q.birth_date, &ignored)) {
          row_problems[i] = fmt::format("{}:{}: {}: '{}' is not a date; screened without it",
                                        args.input, row.line, args.dob_column, q.birth_date);
          q.birth_date.clear();
        }
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
        for (const auto& c : columns) text += CsvField(value(c)) + ",";
        if (result.hits.empty()) {
          text += "0,,,,,,,," + CsvField(lists_line) + "\n";
        } else {
          Json h = (*service)->HitJson(result.hits.front(), 1);
          std::string refs, programs;
          for (const auto& x : h["references"]) refs += (refs.empty() ? "" : ";") + x.get<std::string>();
          for (const auto& x : h["programs"]) programs += (programs.empty() ? "" : ";") + x.get<std::string>();
          text += fmt::format("{},{:.4f},{},{},{},{},{},{},{}\n", result.hits.size(),
                              result.hits.front().score, CsvField(h["entity"].get<std::string>()),
                              CsvField(h["name"].get<std::string>()),
                              CsvField(h["matched_name"]["text"].get<std::string>()),
                              CsvField(refs), CsvField(programs),
                              CsvField(h["dataset"].get<std::string>()), CsvField(lists_line));
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
    if (!row_problems[i].empty()) problems.push_back(row_problems[i]);
    if (hit_counts[i] < 0) continue;
    ++screened;
    with_hits += hit_counts[i] > 0;
    hits += static_cast<size_t>(hit_counts[i]);
    output->stream() << lines[i];
  }
  if (auto s = output->Commit(); !s.ok()) return Fail(s, context);
  std::sort(problems.begin(), problems.end());
  for (const auto& p : problems) std::cerr << "vigil: " << p << "\n";
  Json summary = {{"input", args.input},
                  {"output", args.output},
                  {"rows", n + rows->problems.size()},
                  {"screened", screened},
                  {"skipped", n + rows->problems.size() - screened},
                  {"rows_with_hits", with_hits},
                  {"hits", hits},
                  {"threshold", args.threshold},
                  {"seconds", elapsed},
                  {"rows_per_second", elapsed > 0 ? static_cast<double>(screened) / elapsed : 0},
                  {"lists", lists},
                  {"problems", problems}};
  if (context.json) return Print(summary);
  std::cout << fmt::format(
      "screened {} of {} rows in {:.2f}s ({:.0f} rows/s): {} with hits, {} skipped\n"
      "lists: {}\nwritten: {}\n",
      screened, summary["rows"].get<size_t>(), elapsed,
      summary["rows_per_second"].get<double>(), with_hits, summary["skipped"].get<size_t>(),
      lists_line, args.output);
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
  if (!q.birth_date.empty()) {
    match::DayRange ignored;
    if (!match::ParseDayRange(q.birth_date, &ignored))
      return Fail(absl::InvalidArgumentError(fmt::format(
                      "--dob: '{}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO)",
                      q.birth_date)),
                  context);
  }
  auto engine = OpenForReading(context);
  if (!engine.ok()) return Fail(engine.status(), context);
  auto service = ScreeningService::Build((*engine)->db(), args.threads);
  if (!service.ok()) return Fail(service.status(), context);
  Json result = (*service)->ScreenJson(q);
  if (context.json) return Print(result);
  RenderScreen(result, std::cout);
  return 0;
}

}  // namespace

void AddScreenCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto args = std::make_shared<CompareArgs>();
  auto* compare = app.add_subcommand("compare", "score and explain one pair of names");
  compare->add_option("NAME_A", args->a, "first name");
  compare->add_option("NAME_B", args->b, "second name");
  compare->add_option("--kind", args->kind, "person | organization (default: any)");
  compare->add_option("--threshold", args->threshold, "decision threshold")
      ->check(CLI::Range(0.0, 1.0));
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
  screen->add_option("--threshold", s->threshold, "lowest score reported (default 0.80)")
      ->check(CLI::Range(0.0, 1.0));
  screen->add_option("--top", s->top, "at most this many hits per name (default 10)")
      ->check(CLI::Range(1, 1000));
  screen->add_option("--input", s->input, "batch: a CSV (with header) or JSONL file of names");
  screen->add_option("--output", s->output, "batch: results as CSV, or JSONL (.jsonl)");
  screen->add_option("--name-column", s->name_columns,
                     "batch: column(s) holding the name, joined in order (default: name)");
  screen->add_option("--dob-column", s->dob_column, "batch: birth date column (default: dob)");
  screen->add_option("--country-column", s->country_column,
                     "batch: nationality column (default: country)");
  screen->add_option("--kind-column", s->kind_column, "batch: person/organization column");
  screen->add_option("--id-column", s->id_column, "batch: row id column, copied to the output");
  screen->add_option("--threads", s->threads, "worker threads (default: all cores)");
  AddCommonOptions(screen, context);
  commands.push_back({screen, [s, &context] { return RunScreen(*s, context); }});
}

}  // namespace vigil::cli
