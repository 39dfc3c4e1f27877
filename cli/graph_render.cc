// Text rendering of exposure, paths, rankings, communities and key players.
#include "graph_render.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "render.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

// Text as printed: names and labels come from files, so what a terminal would
// act on is escaped (text/escape.h).
std::string ValueText(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return EscapeForTerminal(v.get<std::string>());
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return fmt::format("{:.4g}", v.get<double>());
  return EscapeForTerminal(v.dump());
}

// "Name [id]" for store references, the label for file nodes.
std::string Name(const Json& ref) {
  if (ref.contains("name") && ref.contains("id"))
    return fmt::format("{} [{}]", ValueText(ref["name"]), ValueText(ref["id"]));
  if (ref.contains("name") && ref.contains("node"))
    return fmt::format("{} [{}]", ValueText(ref["name"]), ValueText(ref["node"]));
  return ValueText(ref["node"]);
}

std::string Designations(const Json& list) {
  std::string out;
  for (const auto& d : list) {
    std::string one = ValueText(d["authority"]) + " " + ValueText(d["program"]);
    if (!d["reference"].is_null()) one += fmt::format(" {}", ValueText(d["reference"]));
    if (!d["date"].is_null()) one += fmt::format(" ({})", ValueText(d["date"]));
    if (!d["via"].is_null()) one += fmt::format(" via {}", Name(d["via"]));
    out += fmt::format("{}{}", out.empty() ? "" : " · ", one);
  }
  return out;
}

// "A ←holds_position_in— B —leader_of→ C  (score 0.77, 2 hops)"; with
// citations, every relation of every step and the passages behind it.
void RenderPath(const Json& path, std::ostream& out, const std::string& indent, bool citations) {
  std::string chain = ValueText(path["nodes"][0]["name"]);
  for (const auto& step : path["steps"]) {
    const auto& r = step["relations"][0];
    bool forward = r["direction"] == "forward";
    chain += fmt::format(" {}{}{} {}", forward ? "—" : "←", ValueText(r["predicate"]),
                         forward ? "→" : "—", ValueText(step["to"]["name"]));
  }
  fmt::print(out, "{}{}  (score {}, {} hop{})\n", indent, chain, ValueText(path["score"]),
             ValueText(path["hops"]), path["hops"] == 1 ? "" : "s");
  if (!citations) return;
  for (const auto& step : path["steps"])
    for (const auto& r : step["relations"]) {
      std::string period;
      if (!r["from"].is_null() || !r["to"].is_null())
        period = fmt::format(", {}–{}", ValueText(r["from"]), ValueText(r["to"]));
      fmt::print(out, "{}  {} {} {}{}{}  strength {} = weight {} × confidence {}\n", indent,
                 ValueText(r["subject"]["name"]), ValueText(r["predicate"]), ValueText(r["object"]["name"]),
                 r["role"].is_null() ? "" : " (" + ValueText(r["role"]) + ")", period, ValueText(r["strength"]),
                 ValueText(r["predicate_weight"]), ValueText(r["confidence"]));
      for (const auto& c : r["claims"]) {
        std::string where = c["span"].is_null()
                                ? ValueText(c["locator"])
                                : fmt::format("[{}, {}]", ValueText(c["span"][0]), ValueText(c["span"][1]));
        std::string party = !c["party"].is_null() ? ValueText(c["party"]["name"]) : ValueText(c["party_label"]);
        fmt::print(out, "{}    ↳ {} {}{}{} · conf {}{}\n", indent, ValueText(c["source"]), where,
                   party.empty() ? "" : " · " + party, c["stance"] == "denies" ? " · DENIES" : "",
                   ValueText(c["confidence"]),
                   c["passage"].is_null() ? "" : ": “" + Line(c["passage"], 220) + "”");
      }
    }
}

}  // namespace

void RenderExposure(const Json& r, std::ostream& out) {
  fmt::print(out, "Exposure of {}{}{}, up to {} hops{}\n", Name(r["start"]),
             r["start"]["resolved"] == "exact" ? "" : " — " + ValueText(r["start"]["resolved"]),
             r["as_of"].is_null() ? "" : " as of " + ValueText(r["as_of"]), ValueText(r["max_hops"]),
             r["authorities"].empty() ? "" : ", authorities " + ValueText(r["authorities"]));
  if (!r["start_designations"].empty())
    fmt::print(out, "  itself designated: {}\n", Designations(r["start_designations"]));
  if (!r["in_network"].get<bool>()) fmt::print(out, "  takes part in no relation\n");
  fmt::print(out, "{} designated entit{} reachable\n", ValueText(r["count"]),
             r["count"] == 1 ? "y" : "ies");
  int i = 0;
  for (const auto& e : r["exposures"]) {
    fmt::print(out, "\n{:>2}. {}  score {}, {} hop{}\n    designated: {}\n", ++i, Name(e["entity"]),
               ValueText(e["score"]), ValueText(e["hops"]), e["hops"] == 1 ? "" : "s",
               Designations(e["designations"]));
    bool first = true;  // the best path with its citations, the others in brief
    for (const auto& path : e["paths"]) {
      if (!first && e["paths"].size() > 1) fmt::print(out, "    also: ");
      RenderPath(path, out, first ? "    " : "", first);
      first = false;
    }
  }
}

void RenderPaths(const Json& r, std::ostream& out) {
  fmt::print(out, "Paths from {} to {}{}: {} found\n", Name(r["from"]), Name(r["to"]),
             r["as_of"].is_null() ? "" : " as of " + ValueText(r["as_of"]), r["paths"].size());
  int i = 0;
  for (const auto& path : r["paths"]) {
    fmt::print(out, "\n{:>2}. ", ++i);
    RenderPath(path, out, "", true);
  }
}

void RenderRank(const std::string& measure, const Json& rows, std::ostream& out) {
  fmt::print(out, "{:>4}  {:>12}  {}\n", "rank", measure, "node");
  for (const auto& row : rows) {
    const Json& value = row["value"];
    // null: the measure is undefined there (a node without ties).
    std::string shown = value.is_null()             ? "undefined"
                        : value.is_number_integer() ? ValueText(value)
                                                    : fmt::format("{:.6f}", value.get<double>());
    fmt::print(out, "{:>4}  {:>12}  {}\n", ValueText(row["rank"]), shown, Name(row));
  }
}

void RenderCommunities(const Json& r, std::ostream& out) {
  fmt::print(out, "{} communities, modularity {:.4f} ({} nodes, {} ties, {} component{})\n",
             ValueText(r["count"]), r["modularity"].get<double>(), ValueText(r["nodes"]), ValueText(r["edges"]),
             ValueText(r["components"]["count"]), r["components"]["count"] == 1 ? "" : "s");
  for (const auto& c : r["communities"]) {
    std::string members;
    for (const auto& m : c["members"]) members += (members.empty() ? "" : ", ") + Name(m);
    fmt::print(out, "\n{:>3}. {} member{}: {}\n", ValueText(c["id"]), ValueText(c["size"]),
               c["size"] == 1 ? "" : "s", members);
  }
}

void RenderKeyPlayers(const Json& r, std::ostream& out) {
  std::string players;
  for (const auto& p : r["players"]) players += (players.empty() ? "" : ", ") + Name(p);
  fmt::print(out,
             "Key players (k = {}, {}): {}\n  fragmentation {:.4f} → {:.4f}, distance-weighted "
             "{:.4f}; {} components left, the largest {} nodes\n",
             ValueText(r["k"]), ValueText(r["method"]), players, r["fragmentation_before"].get<double>(),
             r["fragmentation"].get<double>(), r["distance_fragmentation"].get<double>(),
             ValueText(r["components_after"]), ValueText(r["largest_component_after"]));
  std::string cut;
  for (const auto& p : r["articulation_points"]) cut += (cut.empty() ? "" : ", ") + Name(p);
  fmt::print(out, "Articulation points ({}): {}\n", r["articulation_points"].size(),
             cut.empty() ? "none" : cut);
  fmt::print(out, "Bridges ({}):\n", r["bridges"].size());
  for (const auto& b : r["bridges"]) fmt::print(out, "  {} — {}\n", Name(b[0]), Name(b[1]));
}

}  // namespace vigil::cli
