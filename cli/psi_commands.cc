// vigil psi export-setup|request|respond|finish: private watchlist
// matching between two agencies over files, for those that exchange no
// network traffic (docs/psi.md). The list holder runs export-setup and
// respond on its store; the querier runs request and finish on its own
// machine, with no store.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <algorithm>
#include <memory>
#include <set>

#include "command.h"
#include "vigil/base/file.h"
#include "vigil/ingest/table/row_reader.h"
#include "vigil/psi/exchange.h"

namespace vigil::cli {
namespace {

struct PsiArgs {
  std::string list, mode = "exact", out;
  std::string input, name_column = "name", setup, state, request, response, output;
  size_t cap = 100000;
};

template <typename T>
StatusOr<T> ReadPsiFile(const std::string& path,
                        StatusOr<T> (*parse)(std::string_view, std::string_view)) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return parse(*text, path);
}

// The travellers of a CSV or JSON-lines file: each row's name, by its line.
StatusOr<std::vector<psi::Traveller>> ReadTravellers(const std::string& path,
                                                     const std::string& column,
                                                     std::vector<std::string>* problems) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  auto rows = ParseRows(*text, path, RowFormatOf(path));
  if (!rows.ok()) return rows.status();
  if (std::find(rows->columns.begin(), rows->columns.end(), column) == rows->columns.end())
    return absl::InvalidArgumentError(fmt::format("{}: name_column: no column '{}' (columns: {})",
                                                  path, column, fmt::join(rows->columns, ", ")));
  *problems = std::move(rows->problems);
  std::vector<psi::Traveller> out;
  for (const auto& row : rows->rows) {
    auto it = row.values.find(column);
    if (it == row.values.end() || it->second.empty()) {
      problems->push_back(fmt::format("{}:{}: {}: empty; row skipped", path, row.line, column));
      continue;
    }
    out.push_back({row.line, it->second});
  }
  return out;
}

int Written(const Context& context, const std::string& what, const std::string& path,
            size_t bytes, Json detail) {
  detail["written"] = path;
  detail["bytes"] = bytes;
  if (context.json) return Print(detail);
  std::cerr << fmt::format("vigil: {} written to {} ({} bytes)\n", what, Esc(path), bytes);
  return 0;
}

}  // namespace

void AddPsiCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto* psi = app.add_subcommand(
      "psi", "private watchlist matching over files: find the names two agencies share, "
             "and nothing else (docs/psi.md)");
  psi->require_subcommand(1);
  auto args = std::make_shared<PsiArgs>();

  auto* setup = psi->add_subcommand(
      "export-setup", "list holder: start a new epoch for a loaded list and write its setup");
  setup->add_option("--list", args->list, "the dataset to offer (vigil lists)")->required();
  setup->add_option("--mode", args->mode, "exact | tolerant (other spellings and scripts)")
      ->default_str("exact");
  setup->add_option("--out", args->out, "the setup file to give the querier")->required();
  AddCommonOptions(setup, context);
  commands.push_back({setup, [args, &context] {
                        auto mode = psi::ParseMode(args->mode);
                        if (!mode.ok()) return Fail(mode.status(), context);
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto made = (*engine)->PsiExportSetup(args->list, *mode, "cli");
                        if (!made.ok()) return Fail(made.status(), context);
                        std::string text = psi::WriteSetup(*made);
                        if (auto s = WriteFileAtomically(args->out, text); !s.ok())
                          return Fail(s, context);
                        return Written(context, "setup of epoch " + made->epoch, args->out,
                                       text.size(),
                                       Json{{"epoch", made->epoch},
                                            {"list", made->list},
                                            {"mode", psi::ModeName(made->mode)},
                                            {"entries", made->entries.size()}});
                      }});

  auto* request = psi->add_subcommand(
      "request", "querier: blind the travellers' names into a request for the list holder");
  request->add_option("--input", args->input, "travellers, CSV or JSON lines")->required();
  request->add_option("--name-column", args->name_column, "the column of names")
      ->default_str("name");
  request->add_option("--setup", args->setup, "the list holder's setup file")->required();
  request->add_option("--out", args->out, "the request file to send")->required();
  request->add_option("--state", args->state,
                      "the querier's secret state, kept for finish (never sent)")
      ->required();
  AddCommonOptions(request, context);
  commands.push_back({request, [args, &context] {
                        auto setup = ReadPsiFile<psi::Setup>(args->setup, psi::ParseSetup);
                        if (!setup.ok()) return Fail(setup.status(), context);
                        std::vector<std::string> problems;
                        auto travellers = ReadTravellers(args->input, args->name_column, &problems);
                        if (!travellers.ok()) return Fail(travellers.status(), context);
                        for (const auto& p : problems) std::cerr << "vigil: " << Esc(p) << "\n";
                        auto made = psi::MakeRequest(*setup, *travellers);
                        if (!made.ok()) return Fail(made.status(), context);
                        std::string state = psi::WriteState(made->second);
                        if (auto s = WriteFileAtomically(args->state, state); !s.ok())
                          return Fail(s, context);
                        std::string text = psi::WriteRequest(made->first);
                        if (auto s = WriteFileAtomically(args->out, text); !s.ok())
                          return Fail(s, context);
                        return Written(context, "request", args->out, text.size(),
                                       Json{{"epoch", made->first.epoch},
                                            {"travellers", travellers->size()},
                                            {"keys", made->second.queries.size()},
                                            {"elements", made->first.elements.size()},
                                            {"skipped", problems.size()}});
                      }});

  auto* respond = psi->add_subcommand(
      "respond", "list holder: answer a request with the current epoch's key (audited)");
  respond->add_option("--request", args->request, "the querier's request file")->required();
  respond->add_option("--out", args->out, "the response file to send back")->required();
  respond->add_option("--cap", args->cap, "the most keys one request may ask")
      ->default_str("100000");
  AddCommonOptions(respond, context);
  commands.push_back({respond, [args, &context] {
                        auto request = ReadPsiFile<psi::Request>(args->request, psi::ParseRequest);
                        if (!request.ok()) return Fail(request.status(), context);
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto response = (*engine)->PsiRespond(*request, args->cap, "cli");
                        if (!response.ok()) return Fail(response.status(), context);
                        std::string text = psi::WriteResponse(*response);
                        if (auto s = WriteFileAtomically(args->out, text); !s.ok())
                          return Fail(s, context);
                        return Written(context, "response", args->out, text.size(),
                                       Json{{"epoch", response->epoch},
                                            {"elements", response->elements.size()}});
                      }});

  auto* finish = psi->add_subcommand(
      "finish", "querier: the travellers on the list, from the response, as CSV");
  finish->add_option("--state", args->state, "the state written by request")->required();
  finish->add_option("--setup", args->setup, "the list holder's setup file")->required();
  finish->add_option("--response", args->response, "the list holder's response")->required();
  finish->add_option("--output", args->output, "hits, CSV: row,name,pseudonym,families,epoch")
      ->required();
  AddCommonOptions(finish, context);
  commands.push_back({finish, [args, &context] {
                        auto setup = ReadPsiFile<psi::Setup>(args->setup, psi::ParseSetup);
                        if (!setup.ok()) return Fail(setup.status(), context);
                        auto state = ReadPsiFile<psi::ClientState>(args->state, psi::ParseState);
                        if (!state.ok()) return Fail(state.status(), context);
                        auto response =
                            ReadPsiFile<psi::Response>(args->response, psi::ParseResponse);
                        if (!response.ok()) return Fail(response.status(), context);
                        auto hits = psi::Finish(*setup, *state, *response);
                        if (!hits.ok()) return Fail(hits.status(), context);
                        std::string csv = "row,name,pseudonym,families,epoch\n";
                        std::set<int64_t> rows;
                        for (const auto& h : *hits) {
                          rows.insert(h.row);
                          csv += fmt::format("{},{},{},{},{}\n", h.row, CsvCell(h.name),
                                             h.pseudonym, fmt::join(h.families, "+"), h.epoch);
                        }
                        if (auto s = WriteFileAtomically(args->output, csv); !s.ok())
                          return Fail(s, context);
                        return Written(context,
                                       fmt::format("{} hits of {} travellers", hits->size(),
                                                   rows.size()),
                                       args->output, csv.size(),
                                       Json{{"epoch", setup->epoch},
                                            {"hits", hits->size()},
                                            {"travellers_matched", rows.size()}});
                      }});
}

}  // namespace vigil::cli
