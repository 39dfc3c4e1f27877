// vigil exposure | paths | rank | communities | keyplayers | export: network
// analysis of the knowledge base, or of a network file with --graph. Flags
// are read into the engine's option structs (engine/analysis_options.h),
// which check themselves; results print as their JSON or as text
// (graph_render.h).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "command.h"
#include "graph_render.h"
#include "options.h"
#include "vigil/base/file.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

void AddViewOptions(CLI::App* cmd, GraphViewOptions& view, bool directed) {
  cmd->add_option("--as-of", view.as_of,
                  "the network as it stood on that date: YYYY, YYYY-MM or YYYY-MM-DD (a year or "
                  "month means its last day)");
  cmd->add_option("--during", view.during,
                  "every relation valid at any time in a period: YYYY, YYYY-MM or FROM..TO");
  cmd->add_option("--predicate", view.predicate, "only relations of these predicates")
      ->delimiter(',');
  cmd->add_option("--min-confidence", view.min_confidence,
                  "only relations whose claims support them at least this much (0..1)");
  cmd->add_option("--party", view.party,
                  "only claims asserted by these parties (entity names or party labels)");
  if (directed)
    cmd->add_flag("--directed", view.directed,
                  "follow predicates' direction (default: every tie undirected)");
}

// The network a command analyses: --graph FILE and what goes with it, or
// the knowledge base's view. The file's format is read at run time.
struct SourceArgs {
  NetworkSource source;
  std::string format = "auto";
};

// format_field: the source's format field, whose flag it is.
void AddSourceOptions(CLI::App* cmd, SourceArgs& args, std::string_view format_field) {
  args.source.format_field = format_field;
  std::string format_flag = "--" + std::string(format_field);
  std::replace(format_flag.begin(), format_flag.end(), '_', '-');
  cmd->add_option("--graph", args.source.graph,
                  "analyse this network file instead of the knowledge base (edge list, "
                  "adjacency matrix CSV, GraphML, Pajek .net, UCINET DL)");
  cmd->add_option(format_flag, args.format,
                  "the file's format: auto (default), edgelist, matrix, graphml, pajek, dl");
  cmd->add_flag("--largest-component", args.source.largest_component,
                "keep only the largest connected component");
  AddViewOptions(cmd, args.source.view, true);
}

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::cerr << "vigil: warning: " << EscapeForTerminal(w) << "\n";
}

// The network: the file, or the store's view (the store is opened only
// then, and only once the options passed their checks).
StatusOr<AnalysisNetwork> Load(const Context& context, SourceArgs& args) {
  auto format = ParseNetworkFormat(args.format, args.source.format_field);
  if (!format.ok()) return format.status();
  args.source.format = *format;
  if (auto s = args.source.Validate(); !s.ok()) return s;
  std::unique_ptr<Engine> engine;
  if (args.source.graph.empty()) {
    auto opened = OpenForReading(context);
    if (!opened.ok()) return opened.status();
    engine = std::move(*opened);
  }
  auto net = OpenNetwork(args.source, engine.get());
  if (net.ok()) PrintWarnings(net->warnings);
  return net;
}

struct ExposureArgs {
  std::string name;
  ExposureOptions options;
};
struct PathsArgs {
  std::string from, to;
  PathsOptions options;
};
struct RankArgs {
  std::string measure;
  SourceArgs source;
  RankOptions options;
};
struct CommunityArgs {
  SourceArgs source;
  CommunityOptions options;
};
struct KeyPlayerArgs {
  SourceArgs source;
  KeyPlayerOptions options;
};
struct ExportArgs {
  SourceArgs source;
  std::string format, output;
};

int RunExport(ExportArgs& args, const Context& context) {
  auto format = ParseExportFormat(args.format);
  if (!format.ok()) return Fail(format.status(), context);
  auto net = Load(context, args.source);
  if (!net.ok()) return Fail(net.status(), context);
  auto result = ExportNetwork(*net, {.format = *format});
  if (!result.ok()) return Fail(result.status(), context);
  if (!args.output.empty()) {
    if (auto s = WriteFileAtomically(args.output, result->document); !s.ok())
      return Fail(s, context);
    result->output = args.output;
  }
  if (context.json) return Print(ToJson(*result));
  if (args.output.empty()) {
    std::cout << result->document;
    return 0;
  }
  fmt::print("wrote {} nodes and {} ties to {} ({})\n", result->nodes, result->edges, args.output,
             args.format);
  return 0;
}

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
      ->add_option("--authority", exposure_args->options.authority,
                   "only designations by these authorities (US, UN, RU...)")
      ->delimiter(',');
  exposure->add_option("--paths", exposure_args->options.paths,
                       "paths shown per designated entity (default 3)");
  exposure->add_option("--top", exposure_args->options.top,
                       "only the N most exposed designated entities (default 0: all)");
  AddViewOptions(exposure, exposure_args->options.view, false);
  AddCommonOptions(exposure, context);
  commands.push_back({exposure, [exposure_args, &context] {
                        if (auto s = exposure_args->options.Validate(); !s.ok())
                          return Fail(s, context);
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result =
                            (*engine)->Exposure(exposure_args->name, exposure_args->options);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(ToJson(*result));
                        RenderExposure(ToJson(*result), std::cout);
                        return 0;
                      }});

  auto paths_args = std::make_shared<PathsArgs>();
  auto* paths = app.add_subcommand("paths", "the k strongest paths between two entities");
  paths->add_option("A", paths_args->from, "entity id or name")->required();
  paths->add_option("B", paths_args->to, "entity id or name")->required();
  paths->add_option("--k", paths_args->options.k, "how many paths (default 3)");
  AddViewOptions(paths, paths_args->options.view, true);
  AddCommonOptions(paths, context);
  commands.push_back({paths, [paths_args, &context] {
                        if (auto s = paths_args->options.Validate(); !s.ok())
                          return Fail(s, context);
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result =
                            (*engine)->Paths(paths_args->from, paths_args->to, paths_args->options);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(ToJson(*result));
                        RenderPaths(ToJson(*result), std::cout);
                        return 0;
                      }});

  auto rank_args = std::make_shared<RankArgs>();
  auto* rank = app.add_subcommand("rank", "nodes ranked by a centrality measure");
  rank->add_option("--measure", rank_args->measure,
                   "degree, in-degree, out-degree, betweenness, closeness, harmonic, "
                   "eigenvector, pagerank, kcore, or the brokerage measures constraint "
                   "(least constrained first) and effective-size")
      ->required();
  rank->add_option("--top", rank_args->options.top, "only the first N nodes");
  rank->add_flag("--weighted", rank_args->options.weighted,
                 "use tie weights (lengths for distance measures, strengths otherwise)");
  rank->add_flag("--raw", rank_args->options.raw, "degree and betweenness without normalisation");
  AddSourceOptions(rank, rank_args->source, "format");
  AddCommonOptions(rank, context);
  commands.push_back({rank, [rank_args, &context] {
                        auto measure = ParseMeasure(rank_args->measure);
                        if (!measure.ok()) return Fail(measure.status(), context);
                        rank_args->options.measure = *measure;
                        if (auto s = rank_args->options.Validate(); !s.ok())
                          return Fail(s, context);
                        auto net = Load(context, rank_args->source);
                        if (!net.ok()) return Fail(net.status(), context);
                        auto rows = RankNetwork(*net, rank_args->options);
                        if (!rows.ok()) return Fail(rows.status(), context);
                        if (context.json) return Print(ToJson(*rows));
                        RenderRank(rank_args->measure, ToJson(*rows), std::cout);
                        return 0;
                      }});

  auto community_args = std::make_shared<CommunityArgs>();
  auto* communities = app.add_subcommand(
      "communities", "cohesive subgroups (Louvain), their modularity, and connected components");
  communities->add_option("--resolution", community_args->options.resolution,
                          "modularity resolution (default 1; larger: smaller communities)");
  communities->add_option("--seed", community_args->options.seed, "random seed (default 1)")
      ->check(AtLeast(0));
  communities->add_option("--runs", community_args->options.runs,
                          "Louvain runs, the best kept (default: up to 64 on small networks, "
                          "one on a million ties)");
  communities->add_flag("--weighted", community_args->options.weighted, "use tie weights");
  AddSourceOptions(communities, community_args->source, "format");
  AddCommonOptions(communities, context);
  commands.push_back({communities, [community_args, &context] {
                        if (auto s = community_args->options.Validate(); !s.ok())
                          return Fail(s, context);
                        auto net = Load(context, community_args->source);
                        if (!net.ok()) return Fail(net.status(), context);
                        auto result = CommunitiesOf(*net, community_args->options);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(ToJson(*result));
                        RenderCommunities(ToJson(*result), std::cout);
                        return 0;
                      }});

  auto key_args = std::make_shared<KeyPlayerArgs>();
  auto* keyplayers = app.add_subcommand(
      "keyplayers",
      "the k nodes whose removal fragments the network most, articulation points "
      "and bridges");
  keyplayers->add_option("--k", key_args->options.k, "size of the key-player set")->required();
  AddSourceOptions(keyplayers, key_args->source, "format");
  AddCommonOptions(keyplayers, context);
  commands.push_back({keyplayers, [key_args, &context] {
                        if (auto s = key_args->options.Validate(); !s.ok())
                          return Fail(s, context);
                        auto net = Load(context, key_args->source);
                        if (!net.ok()) return Fail(net.status(), context);
                        auto result = KeyPlayersOf(*net, key_args->options);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(ToJson(*result));
                        RenderKeyPlayers(ToJson(*result), std::cout);
                        return 0;
                      }});

  auto export_args = std::make_shared<ExportArgs>();
  auto* exporter = app.add_subcommand("export", "write the network as GraphML or GEXF (Gephi)");
  exporter->add_option("--format", export_args->format, "graphml or gexf")->required();
  exporter->add_option("--output,-o", export_args->output, "file to write (default: stdout)");
  AddSourceOptions(exporter, export_args->source, "input_format");
  AddCommonOptions(exporter, context);
  commands.push_back({exporter, [export_args, &context] { return RunExport(*export_args, context); }});
}

}  // namespace vigil::cli
