// vigil exposure | paths | rank | communities | keyplayers | export: network
// analysis of the knowledge base, or of a network file with --graph.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "command.h"
#include "options.h"
#include "render.h"
#include "vigil/base/date.h"
#include "vigil/base/file.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

// Options every store-based graph command shares.
struct ViewArgs {
  std::string as_of;
  std::vector<std::string> predicates, parties;
  double min_confidence = 0.0;
  bool directed = false;
};

// --graph FILE and what goes with it.
struct FileArgs {
  std::string graph, format = "auto";
  bool largest_component = false;
};

void AddViewOptions(CLI::App* cmd, ViewArgs& view, bool directed) {
  cmd->add_option("--as-of", view.as_of,
                  "the network as it stood on that date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--predicate", view.predicates, "only relations of these predicates")
      ->delimiter(',');
  cmd->add_option("--min-confidence", view.min_confidence,
                  "only relations whose claims support them at least this much (0..1)")
      ->check(FiniteNumber());
  cmd->add_option("--party", view.parties,
                  "only claims asserted by these parties (entity names or party labels)");
  if (directed)
    cmd->add_flag("--directed", view.directed,
                  "follow predicates' direction (default: every tie undirected)");
}

void AddFileOptions(CLI::App* cmd, FileArgs& file, const std::string& format_flag) {
  cmd->add_option("--graph", file.graph,
                  "analyse this network file instead of the knowledge base (edge list, "
                  "adjacency matrix CSV, GraphML, Pajek .net, UCINET DL)");
  cmd->add_option(format_flag, file.format,
                  "the file's format: auto (default), edgelist, matrix, graphml, pajek, dl");
  cmd->add_flag("--largest-component", file.largest_component,
                "keep only the largest connected component");
}

StatusOr<GraphViewOptions> ViewOf(const ViewArgs& args) {
  GraphViewOptions view;
  if (!args.as_of.empty()) {
    auto day = PartialDate::ParseAsOf(args.as_of);
    if (!day.ok())
      return absl::InvalidArgumentError(
          fmt::format("--as-of: {}", std::string(day.status().message())));
    view.as_of = *day;
  }
  view.predicates = args.predicates;
  view.parties = args.parties;
  view.min_confidence = args.min_confidence;
  view.directed = args.directed;
  return view;
}

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::cerr << "vigil: warning: " << EscapeForTerminal(w) << "\n";
}

// The network a command analyses: --graph FILE, or the store's view.
StatusOr<AnalysisNetwork> Load(const Context& context, const ViewArgs& view_args,
                               const FileArgs& file) {
  if (!file.graph.empty()) {
    if (!view_args.as_of.empty() || !view_args.predicates.empty() || !view_args.parties.empty() ||
        view_args.min_confidence != 0.0)
      return absl::InvalidArgumentError(
          "--as-of, --predicate, --party and --min-confidence filter the knowledge base; they do "
          "not apply to --graph files");
    auto net = ReadNetworkFile(
        {.path = file.graph, .format = file.format, .directed = view_args.directed});
    if (!net.ok()) return net.status();
    if (file.largest_component) KeepLargestComponent(*net);
    PrintWarnings(net->warnings);
    return net;
  }
  if (file.format != "auto")
    return absl::InvalidArgumentError("the input format applies to --graph files only");
  auto view = ViewOf(view_args);
  if (!view.ok()) return view.status();
  auto engine = OpenForReading(context);
  if (!engine.ok()) return engine.status();
  auto net = (*engine)->Network(*view);
  if (!net.ok()) return net.status();
  if (file.largest_component) KeepLargestComponent(*net);
  PrintWarnings(net->warnings);
  return net;
}

// --- text rendering ----------------------------------------------------------

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
    if (!d["reference"].is_null()) one += " " + Str(d["reference"]);
    if (!d["date"].is_null()) one += " (" + Str(d["date"]) + ")";
    if (!d["via"].is_null()) one += " via " + Name(d["via"]);
    out += (out.empty() ? "" : " · ") + one;
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
  for (const auto& row : rows)
    fmt::print(out, "{:>4}  {:>12}  {}\n", Str(row["rank"]),
               row["value"].is_number_integer() ? Str(row["value"])
                                                : fmt::format("{:.6f}", row["value"].get<double>()),
               Name(row));
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

struct ExposureArgs {
  std::string name;
  ViewArgs view;
  ExposureOptions options;
};
struct PathsArgs {
  std::string from, to;
  ViewArgs view;
  PathsOptions options;
};
struct RankArgs {
  ViewArgs view;
  FileArgs file;
  RankOptions options;
};
struct CommunityArgs {
  ViewArgs view;
  FileArgs file;
  CommunityOptions options;
};
struct KeyPlayerArgs {
  ViewArgs view;
  FileArgs file;
  int k = 0;
};
struct ExportArgs {
  ViewArgs view;
  FileArgs file;
  std::string format, output;
};

}  // namespace

void AddGraphCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto exposure_args = std::make_shared<ExposureArgs>();
  auto* exposure = app.add_subcommand(
      "exposure",
      "designated entities reachable from an entity, by the strongest paths, with "
      "the passages behind every step");
  exposure->add_option("NAME", exposure_args->name, "entity id or any of its names")->required();
  exposure->add_option("--max-hops", exposure_args->options.max_hops, "longest path (default 4)");
  exposure
      ->add_option("--authority", exposure_args->options.authorities,
                   "only designations by these authorities (US, UN, RU...)")
      ->delimiter(',');
  exposure->add_option("--paths", exposure_args->options.paths_per_target,
                       "paths shown per designated entity (default 3)");
  exposure
      ->add_option("--top", exposure_args->options.top,
                   "only the N most exposed designated entities (default 0: all)")
      ->check(AtLeast(0));
  AddViewOptions(exposure, exposure_args->view, false);
  AddCommonOptions(exposure, context);
  commands.push_back({exposure, [exposure_args, &context] {
                        auto view = ViewOf(exposure_args->view);
                        if (!view.ok()) return Fail(view.status(), context);
                        exposure_args->options.view = *view;
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result =
                            (*engine)->Exposure(exposure_args->name, exposure_args->options);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(*result);
                        RenderExposure(*result, std::cout);
                        return 0;
                      }});

  auto paths_args = std::make_shared<PathsArgs>();
  auto* paths = app.add_subcommand("paths", "the k strongest paths between two entities");
  paths->add_option("A", paths_args->from, "entity id or name")->required();
  paths->add_option("B", paths_args->to, "entity id or name")->required();
  paths->add_option("--k", paths_args->options.k, "how many paths (default 3)");
  AddViewOptions(paths, paths_args->view, true);
  AddCommonOptions(paths, context);
  commands.push_back({paths, [paths_args, &context] {
                        auto view = ViewOf(paths_args->view);
                        if (!view.ok()) return Fail(view.status(), context);
                        paths_args->options.view = *view;
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result =
                            (*engine)->Paths(paths_args->from, paths_args->to, paths_args->options);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(*result);
                        RenderPaths(*result, std::cout);
                        return 0;
                      }});

  auto rank_args = std::make_shared<RankArgs>();
  auto* rank = app.add_subcommand("rank", "nodes ranked by a centrality measure");
  rank->add_option("--measure", rank_args->options.measure,
                   "degree, in-degree, out-degree, betweenness, closeness, harmonic, "
                   "eigenvector, pagerank, kcore, or the brokerage measures constraint "
                   "(least constrained first) and effective-size")
      ->required();
  rank->add_option("--top", rank_args->options.top, "only the first N nodes");
  rank->add_flag("--weighted", rank_args->options.weighted,
                 "use tie weights (lengths for distance measures, strengths otherwise)");
  rank->add_flag("--raw", rank_args->options.raw, "degree and betweenness without normalisation");
  AddViewOptions(rank, rank_args->view, true);
  AddFileOptions(rank, rank_args->file, "--format");
  AddCommonOptions(rank, context);
  commands.push_back({rank, [rank_args, &context] {
                        auto net = Load(context, rank_args->view, rank_args->file);
                        if (!net.ok()) return Fail(net.status(), context);
                        auto rows = RankNetwork(*net, rank_args->options);
                        if (!rows.ok()) return Fail(rows.status(), context);
                        if (context.json) return Print(*rows);
                        RenderRank(rank_args->options.measure, *rows, std::cout);
                        return 0;
                      }});

  auto community_args = std::make_shared<CommunityArgs>();
  auto* communities = app.add_subcommand(
      "communities", "cohesive subgroups (Louvain), their modularity, and connected components");
  communities
      ->add_option("--resolution", community_args->options.resolution,
                   "modularity resolution (default 1; larger: smaller communities)")
      ->check(FiniteNumber());
  communities->add_option("--seed", community_args->options.seed, "random seed (default 1)")
      ->check(AtLeast(0));
  communities->add_option("--runs", community_args->options.runs,
                          "Louvain runs, the best kept (default: up to 64 on small networks, "
                          "one on a million ties)");
  communities->add_flag("--weighted", community_args->options.weighted, "use tie weights");
  AddViewOptions(communities, community_args->view, true);
  AddFileOptions(communities, community_args->file, "--format");
  AddCommonOptions(communities, context);
  commands.push_back({communities, [community_args, &context] {
                        auto net = Load(context, community_args->view, community_args->file);
                        if (!net.ok()) return Fail(net.status(), context);
                        auto result = CommunitiesOf(*net, community_args->options);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(*result);
                        RenderCommunities(*result, std::cout);
                        return 0;
                      }});

  auto key_args = std::make_shared<KeyPlayerArgs>();
  auto* keyplayers = app.add_subcommand(
      "keyplayers",
      "the k nodes whose removal fragments the network most, articulation points "
      "and bridges");
  keyplayers->add_option("--k", key_args->k, "size of the key-player set")->required();
  AddViewOptions(keyplayers, key_args->view, true);
  AddFileOptions(keyplayers, key_args->file, "--format");
  AddCommonOptions(keyplayers, context);
  commands.push_back({keyplayers, [key_args, &context] {
                        auto net = Load(context, key_args->view, key_args->file);
                        if (!net.ok()) return Fail(net.status(), context);
                        auto result = KeyPlayersOf(*net, key_args->k);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(*result);
                        RenderKeyPlayers(*result, std::cout);
                        return 0;
                      }});

  auto export_args = std::make_shared<ExportArgs>();
  auto* exporter = app.add_subcommand("export", "write the network as GraphML or GEXF (Gephi)");
  exporter->add_option("--format", export_args->format, "graphml or gexf")->required();
  exporter->add_option("--output,-o", export_args->output, "file to write (default: stdout)");
  AddViewOptions(exporter, export_args->view, true);
  AddFileOptions(exporter, export_args->file, "--input-format");
  AddCommonOptions(exporter, context);
  commands.push_back(
      {exporter, [export_args, &context] {
         if (export_args->format != "graphml" && export_args->format != "gexf")
           return Fail(absl::InvalidArgumentError(
                           fmt::format("--format: unknown export format '{}' (expected "
                                       "graphml or gexf)",
                                       export_args->format)),
                       context);
         auto net = Load(context, export_args->view, export_args->file);
         if (!net.ok()) return Fail(net.status(), context);
         auto document = ExportNetwork(*net, export_args->format);
         if (!document.ok()) return Fail(document.status(), context);
         if (!export_args->output.empty()) {
           if (auto s = WriteFileAtomically(export_args->output, *document); !s.ok())
             return Fail(s, context);
         }
         Json summary{
             {"format", export_args->format},
             {"origin", net->origin},
             {"nodes", net->network.labels.size()},
             {"edges", net->network.edges.size()},
             {"directed", net->network.directed},
             {"output", export_args->output.empty() ? Json(nullptr) : Json(export_args->output)}};
         if (export_args->output.empty()) {
           if (context.json) {
             summary["document"] = *document;
             return Print(summary);
           }
           std::cout << *document;
           return 0;
         }
         if (context.json) return Print(summary);
         fmt::print("wrote {} nodes and {} ties to {} ({})\n", Str(summary["nodes"]),
                    Str(summary["edges"]), export_args->output, export_args->format);
         return 0;
       }});
}

}  // namespace vigil::cli
