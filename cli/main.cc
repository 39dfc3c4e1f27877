// The vigil command: a thin front end over vigil::Engine.
//
// Every command prints text for people, or with --json the documented JSON
// shape (docs/cli.md). Errors go to stderr as "vigil: message" (and, with
// --json, as {"error": {...}} on stdout); the exit code follows ExitCodeFor().
// Running out of memory is exit code 4 with "out of memory while running
// 'vigil CMD'".
#include <cstdlib>
#include <exception>
#include <new>
#include <string>

#include "command.h"
#include "vigil/base/file.h"
#include "vigil/base/version.h"

int main(int argc, char** argv) {
  CLI::App app{"vigil: sourced knowledge graph of militant networks, sanctions screening and "
               "network analysis"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("vigil ") + vigil::kVersion,
                       "print vigil's version and exit");
  vigil::cli::Context context;
  const char* env_db = std::getenv("VIGIL_DB");
  context.db = env_db && *env_db ? env_db : "vigil.db";

  // Interrupted writes leave no temporaries (base/file.h).
  vigil::RemoveTemporariesOnSignal();
  std::vector<vigil::cli::Command> commands;
  vigil::cli::AddKnowledgeCommands(app, context, commands);
  vigil::cli::AddScreenCommands(app, context, commands);
  vigil::cli::AddGraphCommands(app, context, commands);
  vigil::cli::AddAccountCommands(app, context, commands);
  vigil::cli::AddMonitorCommands(app, context, commands);
  vigil::cli::AddReadingCommands(app, context, commands);
  vigil::cli::AddEventCommands(app, context, commands);
  vigil::cli::AddPsiCommands(app, context, commands);
  vigil::cli::AddServeCommand(app, context, commands);

  // What vigil was doing, for the message when memory runs out.
  std::string doing = "reading the command line";
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      app.exit(e);
      return static_cast<int>(vigil::ExitCode::kBadInput);
    }
    for (auto& command : commands)
      if (command.app->parsed()) {
        context.command = command.app;  // Fail() names its flags for the library's fields
        doing = "running 'vigil " + command.app->get_name() + "'";
        context.command = command.app;  // Fail() names its flags (cli/command.h)
        return command.run();
      }
  } catch (const std::bad_alloc&) {
    // Exit code 4 (internal) as documented; never a bare "std::bad_alloc".
    return vigil::cli::Fail(
        absl::ResourceExhaustedError("out of memory while " + doing +
                                     ": the input needs more memory than the system gives vigil"),
        context);
  } catch (const std::exception& e) {
    return vigil::cli::Fail(absl::InternalError(e.what()), context);
  }
  return 0;
}
