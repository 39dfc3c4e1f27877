// Shared plumbing of the vigil subcommands.
#include "command.h"

#include <iostream>

namespace vigil::cli {

void AddCommonOptions(CLI::App* cmd, Context& context) {
  cmd->add_option("--db", context.db, "database file (default: $VIGIL_DB or ./vigil.db)");
  cmd->add_flag("--json", context.json, "print the documented JSON shape");
}

int Fail(const Status& status, const Context& context) {
  auto code = ExitCodeFor(status);
  std::cerr << "vigil: " << status.message() << "\n";
  if (context.json) {
    std::string kind = code == ExitCode::kBadInput   ? "bad_input"
                       : code == ExitCode::kNotFound ? "not_found"
                                                     : "internal";
    std::cout << Json{{"error", {{"code", kind}, {"message", std::string(status.message())}}}}.dump(2)
              << "\n";
  }
  return static_cast<int>(code);
}

int Print(const Json& value) {
  std::cout << value.dump(2) << "\n";
  return 0;
}

StatusOr<std::unique_ptr<Engine>> OpenForReading(const Context& context) {
  return Engine::Open(context.db, Database::Mode::kReadOnly);
}

}  // namespace vigil::cli
