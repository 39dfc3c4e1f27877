// What every vigil subcommand shares: global options, output and errors.
//
// Each group of commands lives in its own file and registers itself with
// Add*Commands(); main() parses the command line and runs the one chosen.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "vigil/engine/engine.h"
#include "vigil/text/escape.h"

namespace vigil::cli {

struct Context {
  std::string db;     // --db, $VIGIL_DB, or ./vigil.db
  bool json = false;  // --json
  const CLI::App* command = nullptr;  // the subcommand being run
};

struct Command {
  CLI::App* app;
  std::function<int()> run;  // returns the exit code
};

// Adds --db and --json to a subcommand.
void AddCommonOptions(CLI::App* cmd, Context& context);

// Prints status to stderr (and as {"error"} JSON with --json); returns the
// exit code. A message that starts with a field's name ("as_of: ...", the
// library's way, base/status.h) names the command's flag instead
// ("--as-of: ...") when the command has that option, or its positional
// argument ("NAME: "); so does the field of an input error that names it
// after the input ("payees.csv: --name-column: ...").
int Fail(const Status& status, const Context& context);
// Prints a JSON value; returns 0.
int Print(const Json& value);
StatusOr<std::unique_ptr<Engine>> OpenForReading(const Context& context);
StatusOr<std::unique_ptr<Engine>> OpenForWriting(const Context& context);

// Text from the store or the user, made safe to print on a terminal (no
// control sequences, visible bidi controls): text/escape.h.
inline std::string Esc(std::string_view text) { return EscapeForTerminal(text); }

void AddKnowledgeCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddScreenCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddGraphCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddAccountCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddMonitorCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddReadingCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddEventCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddPsiCommands(CLI::App& app, Context& context, std::vector<Command>& commands);
void AddServeCommand(CLI::App& app, Context& context, std::vector<Command>& commands);

}  // namespace vigil::cli
