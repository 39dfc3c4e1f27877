// Shared plumbing of the vigil subcommands.
#include "command.h"

#include <iostream>

#include "vigil/text/escape.h"

namespace vigil::cli {

void AddCommonOptions(CLI::App* cmd, Context& context) {
  cmd->add_option("--db", context.db, "database file (default: $VIGIL_DB or ./vigil.db)");
  cmd->add_flag("--json", context.json, "print the documented JSON shape");
}

int Fail(const Status& status, const Context& context) {
  auto code = ExitCodeFor(status);
  // Messages quote input (names, file content): escaped line by line so
  // that they cannot drive the terminal (text/escape.h).
  const std::string message(status.message());
  std::string printed;
  for (size_t start = 0; start <= message.size();) {
    size_t end = message.find('\n', start);
    if (end == std::string_view::npos) end = message.size();
    if (start > 0) printed.push_back('\n');
    printed += EscapeForTerminal(message.substr(start, end - start));
    start = end + 1;
  }
  std::cerr << "vigil: " << printed << "\n";
  if (context.json) {
    std::string kind = code == ExitCode::kBadInput   ? "bad_input"
                       : code == ExitCode::kNotFound ? "not_found"
                                                     : "internal";
    std::cout << Json{{"error", {{"code", kind}, {"message", std::string(status.message())}}}}.dump(
                     2, ' ', false, Json::error_handler_t::replace)
              << "\n";
  }
  return static_cast<int>(code);
}

int Print(const Json& value) {
  std::cout << value.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
  return 0;
}

StatusOr<std::unique_ptr<Engine>> OpenForReading(const Context& context) {
  return Engine::Open(context.db, Database::Mode::kReadOnly);
}

}  // namespace vigil::cli
