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
std::string Str(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return EscapeForTerminal(v.get<std::string>());
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return fmt::format("{:.4g}", v.get<double>());
  return EscapeForTerminal(v.dump());
}

// "Name [id]" for store references, the label for file nodes.
std::string Name(const Json& ref) {
  if (ref.contains("name") && ref.contains("id"))
    return fmt::format("{} [{}]", Str(ref["name"]), Str(ref["id"]));
  if (ref.contains("name") && ref.contains("node"))
    return fmt::format("{} [{}]", Str(ref["name"]), Str(ref["node"]));
  return Str(ref["node"]);
}

std::string Designations(const Json& list) {
  std::string out;
  for (const auto& d : list) {
    std::string one = Str(d["authority"]) + " " + Str(d["program"]);
    if (!d["reference"].is_null()) one += fmt::format(" {}", Str(d["reference"]));
    if (!d["date"].is_null()) one += fmt::format(" ({})", Str(d["date"]));
    if (!d["via"].is_null()) one += fmt::format(" via {}", Name(d["via"]));
    out += fmt::format("{}{}", out.empty() ? "" : " · ", one);
  }
  return out;
}

// "A ←holds_position_in— B —leader_of→ C  (score 0.77, 2 hops)"; with
// citations, every relation of every step and the passages behind it.
void RenderPath(const Json& path, std::ostream& out, const std::string& indent, bool citations) {
  std::string chain = Str(path["nodes"][0]["name"]);
  for (const auto& step : path["steps"]) {
    const auto& r = step["relations"][0];
    bool forward = r["direction"] == "forward";
    chain += fmt::format(" {}{}{} {}", forward ? "—" : "←", Str(r["predicate"]),
                         forward ? "→" : "—", Str(step["to"]["name"]));
  }
  fmt::print(out, "{}{}  (score {}, {} hop{})\n", indent, chain, Str(path["score"]),
             Str(path["hops"]), path["hops"] == 1 ? "" : "s");
  if (!citations) return;
  for (const auto& step : path["steps"])
    for (const auto& r : step["relations"]) {
      std::string period;
      if (!r["from"].is_null() || !r["to"].is_null())
        period = fmt::format(", {}–{}", Str(r["from"]), Str(r["to"]));
      fmt::print(out, "{}  {} {} {}{}{}  strength {} = weight {} × confidence {}\n", indent,
                 Str(r["subject"]["name"]), Str(r["predicate"]), Str(r["object"]["name"]),
                 r["role"].is_null() ? "" : " (" + Str(r["role"]) + ")", period, Str(r["strength"]),
                 Str(r["predicate_weight"]), Str(r["confidence"]));
      for (const auto& c : r["claims"]) {
        std::string where = c["span"].is_null()
                                ? Str(c["locator"])
                                : fmt::format("[{}, {}]", Str(c["span"][0]), Str(c["span"][1]));
        std::string party = !c["party"].is_null() ? Str(c["party"]["name"]) : Str(c["party_label"]);
        fmt::print(out, "{}    ↳ {} {}{}{} · conf {}{}\n", indent, Str(c["source"]), where,
                   party.empty() ? "" : " · " + party, c["stance"] == "denies" ? " · DENIES" : "",
                   Str(c["confidence"]),
                   c["passage"].is_null() ? "" : ": “" + Line(c["passage"], 220) + "”");
      }
    }
}

}  // namespace

void RenderExposure(const Json& r, std::ostream& out) {
  fmt::print(out, "Exposure of {}{}{}, up to {} hops{}\n", Name(r["start"]),
             r["start"]["resolved"] == "exact" ? "" : " — " + Str(r["start"]["resolved"]),
             r["as_of"].is_null() ? "" : " as of " + Str(r["as_of"]), Str(r["max_hops"]),
             r["authorities"].empty() ? "" : ", authorities " + Str(r["authorities"]));
  if (!r["start_designations"].empty())
    fmt::print(out, "  itself designated: {}\n", Designations(r["start_designations"]));
  if (!r["in_network"].get<bool>()) fmt::print(out, "  takes part in no relation\n");
  fmt::print(out, "{} designated entit{} reachable\n", Str(r["count"]),
             r["count"] == 1 ? "y" : "ies");
  int i = 0;
  for (const auto& e : r["exposures"]) {
    fmt::print(out, "\n{:>2}. {}  score {}, {} hop{}\n    designated: {}\n", ++i, Name(e["entity"]),
               Str(e["score"]), Str(e["hops"]), e["hops"] == 1 ? "" : "s",
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
             r["as_of"].is_null() ? "" : " as of " + Str(r["as_of"]), r["paths"].size());
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
                        : value.is_number_integer() ? Str(value)
                                                    : fmt::format("{:.6f}", value.get<double>());
    fmt::print(out, "{:>4}  {:>12}  {}\n", Str(row["rank"]), shown, Name(row));
  }
}

void RenderCommunities(const Json& r, std::ostream& out) {
  fmt::print(out, "{} communities, modularity {:.4f} ({} nodes, {} ties, {} component{})\n",
             Str(r["count"]), r["modularity"].get<double>(), Str(r["nodes"]), Str(r["edges"]),
             Str(r["components"]["count"]), r["components"]["count"] == 1 ? "" : "s");
  for (const auto& c : r["communities"]) {
    std::string members;
    for (const auto& m : c["members"]) members += (members.empty() ? "" : ", ") + Name(m);
    fmt::print(out, "\n{:>3}. {} member{}: {}\n", Str(c["id"]), Str(c["size"]),
               c["size"] == 1 ? "" : "s", members);
  }
}

void RenderKeyPlayers(const Json& r, std::ostream& out) {
  std::string players;
  for (const auto& p : r["players"]) players += (players.empty() ? "" : ", ") + Name(p);
  fmt::print(out,
             "Key players (k = {}, {}): {}\n  fragmentation {:.4f} → {:.4f}, distance-weighted "
             "{:.4f}; {} components left, the largest {} nodes\n",
             Str(r["k"]), Str(r["method"]), players, r["fragmentation_before"].get<double>(),
             r["fragmentation"].get<double>(), r["distance_fragmentation"].get<double>(),
             Str(r["components_after"]), Str(r["largest_component_after"]));
  std::string cut;
  for (const auto& p : r["articulation_points"]) cut += (cut.empty() ? "" : ", ") + Name(p);
  fmt::print(out, "Articulation points ({}): {}\n", r["articulation_points"].size(),
             cut.empty() ? "none" : cut);
  fmt::print(out, "Bridges ({}):\n", r["bridges"].size());
  for (const auto& b : r["bridges"]) fmt::print(out, "  {} — {}\n", Name(b[0]), Name(b[1]));
}

}  // namespace vigil::cli
