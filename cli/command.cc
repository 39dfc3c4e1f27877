// Shared plumbing of the vigil subcommands.
#include "command.h"

#include <algorithm>
#include <cctype>
#include <iostream>

#include "vigil/text/escape.h"

namespace vigil::cli {

void AddCommonOptions(CLI::App* cmd, Context& context) {
  cmd->add_option("--db", context.db, "database file (default: $VIGIL_DB or ./vigil.db)");
  cmd->add_flag("--json", context.json, "print the documented JSON shape");
}

namespace {

// "as_of: ..." -> "--as-of: ..." when the command has --as-of. An input
// error about a field ("payees.csv: name_column: ...", base/status.h
// InputError with the field attached) names it after the input: there,
// the attached field is rewritten the same way.
std::string AsFlag(std::string message, const std::string& attached, const CLI::App* command) {
  if (!attached.empty() && message.compare(0, attached.size() + 2, attached + ": ") != 0) {
    size_t at = message.find(": " + attached + ": ");
    if (at == std::string::npos || !command) return message;
    std::string rewritten = AsFlag(message.substr(at + 2), attached, command);
    return message.substr(0, at + 2) + rewritten;
  }
  size_t colon = message.find(": ");
  if (!command || colon == std::string::npos || colon == 0) return message;
  std::string field = message.substr(0, colon);
  for (char c : field)
    if (!(std::islower(static_cast<unsigned char>(c)) || c == '_')) return message;
  std::string flag = "--" + field;
  std::replace(flag.begin(), flag.end(), '_', '-');
  std::string positional = field;
  for (auto& c : positional) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (command->get_option_no_throw(flag)) return flag + message.substr(colon);
  if (command->get_option_no_throw(positional)) return positional + message.substr(colon);
  return message;
}

}  // namespace

int Fail(const Status& status, const Context& context) {
  auto code = ExitCodeFor(status);
  // Messages quote input (names, file content): escaped line by line so
  // that they cannot drive the terminal (text/escape.h).
  const std::string message =
      AsFlag(std::string(status.message()), FieldOf(status), context.command);
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
    std::cout << Json{{"error", {{"code", kind}, {"message", message}}}}.dump(
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
  return Engine::Open(context.db, store::AccessMode::kReadOnly);
}

StatusOr<std::unique_ptr<Engine>> OpenForWriting(const Context& context) {
  return Engine::Open(context.db, store::AccessMode::kReadWrite);
}

}  // namespace vigil::cli
