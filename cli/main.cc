// The vigil command: a thin front end over vigil::Engine.
//
// Every command prints text for people, or with --json the documented JSON
// shape (docs/cli.md). Errors go to stderr as "vigil: message" (and, with
// --json, as {"error": {...}} on stdout); the exit code follows ExitCodeFor().
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "render.h"
#include "vigil/base/date.h"
#include "vigil/engine/engine.h"

namespace {

using vigil::Engine;
using vigil::Json;
using vigil::Status;

struct Options {
  std::string db;
  bool json = false;
};

int Fail(const Status& status, const Options& options) {
  auto code = vigil::ExitCodeFor(status);
  std::cerr << "vigil: " << status.message() << "\n";
  if (options.json) {
    std::string kind = code == vigil::ExitCode::kBadInput   ? "bad_input"
                       : code == vigil::ExitCode::kNotFound ? "not_found"
                                                            : "internal";
    std::cout << Json{{"error", {{"code", kind}, {"message", std::string(status.message())}}}}.dump(2) << "\n";
  }
  return static_cast<int>(code);
}

int Print(const Json& value) {
  std::cout << value.dump(2) << "\n";
  return 0;
}

vigil::StatusOr<std::unique_ptr<Engine>> OpenForReading(const Options& options) {
  return Engine::Open(options.db, vigil::Database::Mode::kReadOnly);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"vigil: sourced knowledge graph of militant networks, sanctions screening and "
               "network analysis"};
  app.require_subcommand(1);
  Options options;
  const char* env_db = std::getenv("VIGIL_DB");
  options.db = env_db && *env_db ? env_db : "vigil.db";
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--db", options.db, "database file (default: $VIGIL_DB or ./vigil.db)");
    cmd->add_flag("--json", options.json, "print the documented JSON shape");
  };

  std::vector<std::string> load_paths;
  vigil::LoadOptions load_options;
  auto* load = app.add_subcommand("load", "load a dataset (YAML files or folder) into the database");
  load->add_option("PATH", load_paths, "files or folders")->required();
  load->add_option("--dataset", load_options.dataset, "dataset name (default: curated)");
  load->add_option("--texts", load_options.texts_dir,
                   "folder of source texts: check every span against them and store them");
  add_common(load);

  std::string show_name;
  auto* show = app.add_subcommand("show", "an entity's card: names, designations, relations, "
                                          "events, estimates, each with its citations");
  show->add_option("NAME_OR_ID", show_name, "entity id or any of its names")->required();
  add_common(show);

  std::string list_what;
  vigil::ListFilter filter;
  std::string as_of;
  auto* list = app.add_subcommand("list", "list entities, relations, events, estimates or sources");
  list->add_option("WHAT", list_what, "entities | relations | events | estimates | sources")
      ->required();
  list->add_option("--kind", filter.kind, "entity kind, or event type for events");
  list->add_option("--predicate", filter.predicate, "relation predicate");
  list->add_option("--as-of", as_of, "what held (relations) or had happened (events, estimates) on "
                                     "that date: YYYY, YYYY-MM or YYYY-MM-DD");
  add_common(list);

  auto* conflicts = app.add_subcommand("conflicts", "claims that disagree, side by side");
  add_common(conflicts);

  std::string texts_dir;
  bool quiet = false;
  auto* verify = app.add_subcommand(
      "verify", "check every claim's span against the source texts; fails listing bad spans");
  verify->add_option("--texts", texts_dir, "folder holding the source texts")->required();
  verify->add_flag("--quiet,-q", quiet, "print only bad spans and the summary");
  add_common(verify);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(vigil::ExitCode::kBadInput);
  }

  try {
    if (*load) {
      auto batch = Engine::Read(load_paths, load_options);
      if (!batch.ok()) return Fail(batch.status(), options);
      auto engine = Engine::Open(options.db, vigil::Database::Mode::kReadWrite);
      if (!engine.ok()) return Fail(engine.status(), options);
      auto report = (*engine)->Apply(*batch);
      if (!report.ok()) return Fail(report.status(), options);
      if (options.json) return Print(vigil::cli::LoadReportJson(*report));
      vigil::cli::RenderLoad(*report, std::cout);
      return 0;
    }
    if (*list && !as_of.empty()) {  // arguments are checked before the database is opened
      auto day = vigil::PartialDate::ParseAsOf(as_of);
      if (!day.ok())
        return Fail(absl::InvalidArgumentError(
                        fmt::format("--as-of: {}", std::string(day.status().message()))),
                    options);
      filter.as_of = *day;
    }
    auto engine = OpenForReading(options);
    if (!engine.ok()) return Fail(engine.status(), options);
    if (*show) {
      auto card = (*engine)->Show(show_name);
      if (!card.ok()) return Fail(card.status(), options);
      if (options.json) return Print(*card);
      vigil::cli::RenderCard(*card, std::cout);
      return 0;
    }
    if (*list) {
      auto items = (*engine)->List(list_what, filter);
      if (!items.ok()) return Fail(items.status(), options);
      if (options.json) return Print(*items);
      vigil::cli::RenderList(list_what, *items, std::cout);
      return 0;
    }
    if (*conflicts) {
      auto result = (*engine)->Conflicts();
      if (!result.ok()) return Fail(result.status(), options);
      if (options.json) return Print(*result);
      vigil::cli::RenderConflicts(*result, std::cout);
      return 0;
    }
    if (*verify) {
      auto result = (*engine)->Verify(texts_dir);
      if (!result.ok()) return Fail(result.status(), options);
      if (options.json)
        Print(*result);
      else
        vigil::cli::RenderVerify(*result, quiet, std::cout);
      return (*result)["ok"].get<bool>() ? 0 : static_cast<int>(vigil::ExitCode::kCheckFailed);
    }
  } catch (const std::exception& e) {
    return Fail(absl::InternalError(e.what()), options);
  }
  return 0;
}
