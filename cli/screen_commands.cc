// vigil compare: the score and explanation for a pair of names.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "command.h"
#include "vigil/match/explain.h"

namespace vigil::cli {
namespace {

struct CompareArgs {
  std::string a, b, kind, pairs, output;
  double threshold = match::kDefaultThreshold;
};

Json CompareJson(const std::string& a, const std::string& b, match::NameKind kind,
                 const std::string& kind_name, double threshold) {
  match::AnalyzedName qa = match::AnalyzeName(a, kind), ca = match::AnalyzeName(b, kind);
  match::NameComparison c = match::NameScorer().Compare(qa, ca);
  return Json{{"name_a", a},
              {"name_b", b},
              {"kind", kind_name.empty() ? "any" : kind_name},
              {"score", c.score},
              {"threshold", threshold},
              {"match", c.score >= threshold},
              {"explanation", match::ComparisonJson(c)},
              {"analysis", {{"a", match::AnalysisJson(qa)}, {"b", match::AnalysisJson(ca)}}}};
}

// Splits one CSV record (RFC 4180 quotes; no embedded newlines).
std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

int RunPairs(const CompareArgs& args, const Context& context) {
  std::ifstream in(args.pairs);
  if (!in)
    return Fail(absl::NotFoundError(fmt::format("{}: cannot open", args.pairs)), context);
  std::ofstream file;
  if (!args.output.empty()) file.open(args.output);
  std::ostream& out = args.output.empty() ? std::cout : file;
  std::string line;
  int line_number = 0, written = 0;
  while (std::getline(in, line)) {
    ++line_number;
    auto fields = CsvFields(line);
    if (line_number == 1 && fields.size() >= 2 && fields[0] == "name_a") continue;  // header
    if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) {
      std::cerr << fmt::format("vigil: {}:{}: expected name_a,name_b[,kind]; skipped\n",
                               args.pairs, line_number);
      continue;
    }
    match::NameKind kind = match::NameKind::kAny;
    std::string kind_name = fields.size() > 2 ? fields[2] : args.kind;
    if (!match::ParseNameKind(kind_name, &kind)) {
      std::cerr << fmt::format("vigil: {}:{}: kind: unknown '{}'; skipped\n", args.pairs,
                               line_number, kind_name);
      continue;
    }
    Json j = CompareJson(fields[0], fields[1], kind, kind_name, args.threshold);
    j["line"] = line_number;
    out << j.dump() << "\n";
    ++written;
  }
  std::cerr << fmt::format("vigil: compared {} pairs\n", written);
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
                      "CSV of name_a,name_b[,kind] pairs: one JSON line per pair");
  compare->add_option("--output", args->output, "with --pairs: write JSON lines here");
  AddCommonOptions(compare, context);
  commands.push_back({compare, [args, &context] {
                        if (!args->pairs.empty()) return RunPairs(*args, context);
                        if (args->a.empty() || args->b.empty())
                          return Fail(absl::InvalidArgumentError(
                                          "compare: give two names, or --pairs FILE"),
                                      context);
                        match::NameKind kind;
                        if (!match::ParseNameKind(args->kind, &kind))
                          return Fail(absl::InvalidArgumentError(fmt::format(
                                          "--kind: unknown '{}' (person or organization)", args->kind)),
                                      context);
                        Json j = CompareJson(args->a, args->b, kind, args->kind, args->threshold);
                        if (context.json) return Print(j);
                        fmt::print("score {:.3f} ({} at threshold {:.2f})\n", j["score"].get<double>(),
                                   j["match"].get<bool>() ? "match" : "no match", args->threshold);
                        for (const auto& p : j["explanation"]["pairs"])
                          fmt::print("  {} ~ {}  {} sim {:.2f} weight {:.2f}{}\n",
                                     p["query"].get<std::string>(), p["candidate"].get<std::string>(),
                                     p["method"].get<std::string>(), p["similarity"].get<double>(),
                                     p["weight"].get<double>(),
                                     p.contains("note") ? " (" + p["note"].get<std::string>() + ")" : "");
                        for (const auto& u : j["explanation"]["unmatched_query"])
                          fmt::print("  only in A: {}\n", u.get<std::string>());
                        for (const auto& u : j["explanation"]["unmatched_candidate"])
                          fmt::print("  only in B: {}\n", u.get<std::string>());
                        for (const auto& a : j["explanation"]["adjustments"])
                          fmt::print("  rule {}: {}\n", a["rule"].get<std::string>(),
                                     a["detail"].get<std::string>());
                        return 0;
                      }});
}

}  // namespace vigil::cli
