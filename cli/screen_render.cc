// Screening results as text.
#include "screen_render.h"

#include <fmt/format.h>

#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

// A JSON string for the terminal.
std::string Text(const Json& value) { return EscapeForTerminal(value.get<std::string>()); }

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

// The list versions in one line, from their JSON.
std::string ListsLine(const Json& lists) {
  std::vector<match::ListVersion> versions;
  for (const auto& l : lists)
    versions.push_back({l["dataset"].get<std::string>(), l["kind"].get<std::string>(),
                        l["version"].get<std::string>(),
                        l["publish_date"].is_null() ? "" : l["publish_date"].get<std::string>(),
                        "", l["records"].get<int64_t>()});
  return vigil::ListsLine(versions);
}

}  // namespace

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
    if (h.contains("decisions"))
      for (const auto& d : h["decisions"])
        out << fmt::format("    decided {} by {} at {} (list {}){}{}\n", Text(d["decision"]),
                           Text(d["actor"]), Text(d["at"]),
                           d["list_version"].is_null() ? "?" : Text(d["list_version"]),
                           d["stale"].get<bool>() ? " STALE: the record changed since" : "",
                           d["note"].is_null() ? "" : ": " + Text(d["note"]));
  }
}

void RenderCompare(const Json& j, std::ostream& out) {
  out << fmt::format("score {:.3f}: {} at threshold {:.2f}\n", j["score"].get<double>(),
                     j["match"].get<bool>() ? "match" : "no match", j["threshold"].get<double>());
  RenderCleaning(j["explanation"]["cleaning"]["a"], "NAME_A", out, "  ");
  RenderCleaning(j["explanation"]["cleaning"]["b"], "NAME_B", out, "  ");
  RenderComparison(j["explanation"], out, "  ");
}

void RenderBatchSummary(const BatchSummary& s, std::ostream& out) {
  out << fmt::format(
      "screened {} of {} rows in {:.2f}s ({:.0f} rows/s, {} thread{}): {} with hits, {} "
      "skipped\nlists: {}\nwritten: {}\n",
      s.screened, s.rows, s.seconds, s.rows_per_second, s.threads, s.threads == 1 ? "" : "s",
      s.rows_with_hits, s.skipped, EscapeForTerminal(vigil::ListsLine(s.lists)),
      EscapeForTerminal(s.output));
}

}  // namespace vigil::cli
