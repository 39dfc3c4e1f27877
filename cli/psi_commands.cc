// vigil psi export-setup|request|respond|finish|serve|query: private
// watchlist matching between two agencies (docs/psi.md). Over files, for
// those that exchange no network traffic: the list holder runs export-setup
// and respond on its store, the querier request and finish on its own
// machine, with no store. Over HTTP: the holder runs psi serve (or vigil
// serve, which has the same routes), the querier query.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "http_serving.h"
#include "vigil/base/file.h"
#include "vigil/ingest/table/row_reader.h"
#include "vigil/psi/exchange.h"

namespace vigil::cli {
namespace {

struct PsiArgs {
  // tolerant by default: other spellings and scripts are what a list
  // holder's partner needs found; exact is the cheaper, stricter choice.
  std::string list, mode = "tolerant", out;
  std::string input, name_column = "name", setup, state, request, response, output;
  size_t cap = 100000;
  std::string peer, token;
  bool verifiable = false;
  std::string epoch;  // psi serve: "" (the live one, or a new one), "new", or an epoch id
  HttpArgs http;
};

// A list holder's vigil serve at http://host[:port][/prefix].
struct Peer {
  std::string host, port = "80", prefix;
};

StatusOr<Peer> ParsePeer(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme)
    return absl::InvalidArgumentError(fmt::format(
        "peer: '{}' is not an http:// URL (put a TLS proxy such as stunnel in front of a "
        "remote peer)",
        url));
  std::string_view rest = url.substr(kScheme.size());
  Peer peer;
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) peer.prefix = std::string(rest.substr(slash));
  while (!peer.prefix.empty() && peer.prefix.back() == '/') peer.prefix.pop_back();
  size_t colon = authority.rfind(':');
  peer.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) peer.port = std::string(authority.substr(colon + 1));
  if (peer.host.empty() || peer.port.empty())
    return absl::InvalidArgumentError(fmt::format("peer: '{}' names no host", url));
  return peer;
}

// One HTTP/1.1 exchange with the peer: the body of a 200 answer, else the
// peer's error message with the status it maps to.
StatusOr<std::string> Call(const Peer& peer, const std::string& token,
                           boost::beast::http::verb verb, const std::string& target,
                           std::string body) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace http = beast::http;
  try {
    asio::io_context io;
    asio::ip::tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.connect(resolver.resolve(peer.host, peer.port));
    http::request<http::string_body> request(verb, peer.prefix + target, 11);
    request.set(http::field::host, peer.host);
    request.set(http::field::content_type, "application/json");
    if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
    request.body() = std::move(body);
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1ull << 32);
    http::read(stream, buffer, parser);
    auto response = parser.release();
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    const int code = static_cast<int>(response.result_int());
    if (code == 200) return std::move(response.body());
    std::string message = response.body();
    auto error = Json::parse(message, nullptr, false);
    if (error.is_object() && error.contains("error") && error["error"].is_object() &&
        error["error"].contains("message") && error["error"]["message"].is_string())
      message = error["error"]["message"].get<std::string>();
    std::string text = fmt::format("peer: {} {} answered {}: {}",
                                   verb == http::verb::get ? "GET" : "POST", target, code, message);
    if (code == 404) return absl::NotFoundError(text);
    if (code == 400 || code == 422) return absl::InvalidArgumentError(text);
    if (code == 409) return absl::FailedPreconditionError(text);
    return absl::UnavailableError(text);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        fmt::format("peer: http://{}:{}: {}", peer.host, peer.port, e.what()));
  }
}

// The setup a query asks for: the peer's offers (GET /v1/psi/setups)
// narrowed to the list and mode given, which must leave exactly one. A
// list and mode both given are asked for directly, so that a peer with no
// live setup says so in its own words.
StatusOr<psi::Offer> ChooseOffer(const Peer& peer, const std::string& token,
                                 const std::string& list, std::optional<psi::Mode> mode) {
  if (!list.empty() && mode) return psi::Offer{list, *mode, "", "", false};
  auto text = Call(peer, token, boost::beast::http::verb::get, "/v1/psi/setups", "");
  if (!text.ok()) return text.status();
  auto offers = psi::ParseOffers(*text, "peer offers");
  if (!offers.ok()) return offers.status();
  std::vector<std::string> all;
  for (const auto& o : *offers)
    all.push_back(fmt::format("{} ({})", o.list, psi::ModeName(o.mode)));
  std::erase_if(*offers, [&](const psi::Offer& o) {
    return (!list.empty() && o.list != list) || (mode && o.mode != *mode);
  });
  if (offers->size() == 1) return offers->front();
  std::string offered = all.empty() ? "none" : fmt::format("{}", fmt::join(all, ", "));
  if (offers->empty()) {
    return absl::NotFoundError(fmt::format("list: the peer offers no {}setup{} (offered: {})",
                                           mode ? std::string(psi::ModeName(*mode)) + " " : "",
                                           list.empty() ? "" : " of '" + list + "'", offered));
  }
  return absl::InvalidArgumentError(fmt::format(
      "list: the peer offers several setups ({}); choose one with --list and --mode", offered));
}

template <typename T>
StatusOr<T> ReadPsiFile(const std::string& path,
                        StatusOr<T> (*parse)(std::string_view, std::string_view)) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return parse(*text, path);
}

// --input and --name-column, of request and query.
void AddTravellerOptions(CLI::App* cmd, PsiArgs& args) {
  cmd->add_option("--input", args.input, "travellers, CSV or JSON lines")->required();
  cmd->add_option("--name-column", args.name_column, "the column of names")->default_str("name");
}

// The travellers of --input: each row's name, by its line. Rows that could
// not be read, or have no name, are reported on stderr and counted in
// *skipped.
StatusOr<std::vector<psi::Traveller>> ReadTravellers(const PsiArgs& args, size_t* skipped) {
  const std::string& path = args.input;
  const std::string& column = args.name_column;
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  auto rows = ParseRows(*text, path, RowFormatOf(path));
  if (!rows.ok()) return rows.status();
  if (std::find(rows->columns.begin(), rows->columns.end(), column) == rows->columns.end()) {
    // As batch screening says it: the field attached, so that the message
    // names the flag (--name-column).
    Status status = InputError(
        {path, 0}, "name_column",
        fmt::format("no column '{}' (columns: {})", column, fmt::join(rows->columns, ", ")));
    status.SetPayload(kFieldPayload, absl::Cord(std::string("name_column")));
    return status;
  }
  std::vector<std::string> problems = std::move(rows->problems);
  std::vector<psi::Traveller> out;
  for (const auto& row : rows->rows) {
    auto it = row.values.find(column);
    if (it == row.values.end() || it->second.empty()) {
      problems.push_back(fmt::format("{}:{}: {}: empty; row skipped", path, row.line, column));
      continue;
    }
    out.push_back({row.line, it->second});
  }
  for (const auto& p : problems) std::cerr << "vigil: " << Esc(p) << "\n";
  *skipped = problems.size();
  return out;
}

int Written(const Context& context, const std::string& what, const std::string& path, size_t bytes,
            Json detail) {
  detail["written"] = path;
  detail["bytes"] = bytes;
  if (context.json) return Print(detail);
  std::cerr << fmt::format("vigil: {} written to {} ({} bytes)\n", what, Esc(path), bytes);
  return 0;
}

// The hits as CSV (row,name,pseudonym,families,epoch) and the summary.
int WriteHits(const Context& context, const std::vector<psi::PsiHit>& hits, const psi::Setup& setup,
              const std::string& path, Json detail) {
  std::string csv = "row,name,pseudonym,families,epoch\n";
  std::set<int64_t> rows;
  for (const auto& h : hits) {
    rows.insert(h.row);
    csv += fmt::format("{},{},{},{},{}\n", h.row, CsvCell(h.name), h.pseudonym,
                       fmt::join(h.families, "+"), h.epoch);
  }
  if (auto s = WriteFileAtomically(path, csv); !s.ok()) return Fail(s, context);
  detail["epoch"] = setup.epoch;
  detail["hits"] = hits.size();
  detail["travellers_matched"] = rows.size();
  return Written(context, fmt::format("{} hits of {} travellers", hits.size(), rows.size()), path,
                 csv.size(), std::move(detail));
}

// A scratch folder removed when it goes out of scope.
class ScratchDir {
 public:
  ScratchDir() {
    namespace fs = std::filesystem;
    std::string pattern = (fs::temp_directory_path() / "vigil-psi-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The dataset a list FILE makes, loaded into the store at db.
StatusOr<std::string> LoadListFile(const std::string& file, const std::string& db) {
  auto reports = Engine::LoadFiles(db, {file}, LoadOptions{});
  if (!reports.ok()) return reports.status();
  if (reports->size() != 1) {
    std::vector<std::string> names;
    for (const auto& r : *reports) names.push_back(r.dataset);
    return absl::InvalidArgumentError(fmt::format(
        "list: {} makes {} datasets ({}); load it (vigil load) and serve one by name with --db",
        file, names.size(), fmt::join(names, ", ")));
  }
  return reports->front().dataset;
}

int RunPsiServe(const PsiArgs& args, const CLI::Option* mode_option, const Context& context) {
  std::optional<psi::Mode> mode;
  if (mode_option->count() > 0) {
    auto parsed = psi::ParseMode(args.mode);
    if (!parsed.ok()) return Fail(parsed.status(), context);
    mode = *parsed;
  }
  std::string db = context.db, list = args.list;
  std::optional<ScratchDir> scratch;
  std::error_code ec;
  if (std::filesystem::exists(args.list, ec)) {
    // A list file: into the store named, else into a scratch one.
    const char* env_db = std::getenv("VIGIL_DB");
    const bool db_given = context.command->get_option("--db")->count() > 0 || (env_db && *env_db);
    if (!db_given) {
      scratch.emplace();
      if (scratch->path().empty())
        return Fail(absl::UnavailableError("list: no scratch folder could be made for the list"),
                    context);
      db = scratch->path() + "/psi.db";
    }
    auto dataset = LoadListFile(args.list, db);
    if (!dataset.ok()) return Fail(dataset.status(), context);
    list = *dataset;
  } else if (args.list.find('/') != std::string::npos) {
    // Dataset names have no slash: a path that is not there.
    return Fail(absl::NotFoundError(fmt::format("list: no such file: {}", args.list)), context);
  }
  auto engine = Engine::Open(db, store::AccessMode::kShared);
  if (!engine.ok()) return Fail(engine.status(), context);
  // A stored epoch has its own mode; a new or live one is tolerant unless
  // --mode says otherwise.
  const bool epoch_id = !args.epoch.empty() && args.epoch != "new";
  if (!mode && !epoch_id) mode = psi::Mode::kTolerant;
  auto offer = (*engine)->PsiServeEpoch(list, mode, args.epoch, args.verifiable, "cli");
  if (!offer.ok()) return Fail(offer.status(), context);
  HttpRun run;
  run.api.psi_only = *offer;
  run.what =
      fmt::format("offering the {}{} setup of '{}', epoch {}, from {}",
                  offer->verifiable ? "verifiable " : "", psi::ModeName(offer->mode), offer->list,
                  offer->epoch, db == context.db ? store::DisplayLocation(db) : "a scratch store");
  run.prepare = [](server::Api& api) { api.set_ready(true); };
  return RunHttp(**engine, args.http, std::move(run), context);
}

}  // namespace

void AddPsiCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto* psi = app.add_subcommand(
      "psi",
      "private watchlist matching, over files or HTTP: find the names two agencies share, "
      "and nothing else (docs/psi.md)");
  psi->require_subcommand(1);
  auto args = std::make_shared<PsiArgs>();

  auto* setup = psi->add_subcommand(
      "export-setup", "list holder: start a new epoch for a loaded list and write its setup");
  setup->add_option("--list", args->list, "the dataset to offer (vigil lists)")->required();
  setup->add_option("--mode", args->mode, "tolerant (other spellings and scripts) | exact")
      ->default_str("tolerant");
  setup->add_option("--out", args->out, "the setup file to give the querier")->required();
  setup->add_flag("--verifiable", args->verifiable,
                  "RFC 9497 VOPRF: every response proves that it was made with the setup's key");
  AddCommonOptions(setup, context);
  commands.push_back(
      {setup, [args, &context] {
         auto mode = psi::ParseMode(args->mode);
         if (!mode.ok()) return Fail(mode.status(), context);
         auto engine = OpenForWriting(context);
         if (!engine.ok()) return Fail(engine.status(), context);
         auto made = (*engine)->PsiExportSetup(args->list, *mode, "cli", args->verifiable);
         if (!made.ok()) return Fail(made.status(), context);
         std::string text = psi::WriteSetup(*made);
         if (auto s = WriteFileAtomically(args->out, text); !s.ok()) return Fail(s, context);
         return Written(context, "setup of epoch " + made->epoch, args->out, text.size(),
                        Json{{"epoch", made->epoch},
                             {"list", made->list},
                             {"mode", psi::ModeName(made->mode)},
                             {"entries", made->entries.size()}});
       }});

  auto* request = psi->add_subcommand(
      "request", "querier: blind the travellers' names into a request for the list holder");
  AddTravellerOptions(request, *args);
  request->add_option("--setup", args->setup, "the list holder's setup file")->required();
  request->add_option("--out", args->out, "the request file to send")->required();
  request
      ->add_option("--state", args->state,
                   "the querier's secret state, kept for finish (never sent)")
      ->required();
  AddCommonOptions(request, context);
  commands.push_back({request, [args, &context] {
                        auto setup = ReadPsiFile<psi::Setup>(args->setup, psi::ParseSetup);
                        if (!setup.ok()) return Fail(setup.status(), context);
                        size_t skipped = 0;
                        auto travellers = ReadTravellers(*args, &skipped);
                        if (!travellers.ok()) return Fail(travellers.status(), context);
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
                                            {"skipped", skipped}});
                      }});

  auto* respond = psi->add_subcommand(
      "respond", "list holder: answer a request with the current epoch's key (audited)");
  respond->add_option("--request", args->request, "the querier's request file")->required();
  respond->add_option("--out", args->out, "the response file to send back")->required();
  respond->add_option("--cap", args->cap, "the most keys one request may ask")
      ->default_str("100000");
  AddCommonOptions(respond, context);
  commands.push_back(
      {respond, [args, &context] {
         auto request = ReadPsiFile<psi::Request>(args->request, psi::ParseRequest);
         if (!request.ok()) return Fail(request.status(), context);
         auto engine = OpenForWriting(context);
         if (!engine.ok()) return Fail(engine.status(), context);
         auto response = (*engine)->PsiRespond(*request, args->cap, "cli");
         if (!response.ok()) return Fail(response.status(), context);
         std::string text = psi::WriteResponse(*response);
         if (auto s = WriteFileAtomically(args->out, text); !s.ok()) return Fail(s, context);
         return Written(context, "response", args->out, text.size(),
                        Json{{"epoch", response->epoch}, {"elements", response->elements.size()}});
       }});

  auto* query = psi->add_subcommand(
      "query", "querier: the whole exchange with a list holder's vigil serve, over HTTP");
  AddTravellerOptions(query, *args);
  query->add_option("--peer", args->peer, "the list holder's server, http://host:port")->required();
  query->add_option("--list", args->list,
                    "the list to match against (default: the one the peer offers)");
  auto* query_mode = query->add_option(
      "--mode", args->mode, "exact | tolerant (default: the mode the peer offers the list in)");
  query->add_option("--token", args->token, "a screener token of the peer (or $VIGIL_TOKEN)");
  query->add_option("--output", args->output, "hits, CSV: row,name,pseudonym,families,epoch")
      ->required();
  query->add_flag("--json", context.json, "print a summary as JSON");
  commands.push_back(
      {query, [args, &context, query_mode] {
         namespace http = boost::beast::http;
         std::optional<psi::Mode> mode;
         if (query_mode->count() > 0) {
           auto parsed = psi::ParseMode(args->mode);
           if (!parsed.ok()) return Fail(parsed.status(), context);
           mode = *parsed;
         }
         auto peer = ParsePeer(args->peer);
         if (!peer.ok()) return Fail(peer.status(), context);
         std::string token = args->token;
         if (const char* env = std::getenv("VIGIL_TOKEN"); token.empty() && env) token = env;
         size_t skipped = 0;
         auto travellers = ReadTravellers(*args, &skipped);
         if (!travellers.ok()) return Fail(travellers.status(), context);
         auto offer = ChooseOffer(*peer, token, args->list, mode);
         if (!offer.ok()) return Fail(offer.status(), context);
         auto setup_text = Call(
             *peer, token, http::verb::get,
             fmt::format("/v1/psi/setups/{}?mode={}", offer->list, psi::ModeName(offer->mode)), "");
         if (!setup_text.ok()) return Fail(setup_text.status(), context);
         auto setup = psi::ParseSetup(*setup_text, "peer setup");
         if (!setup.ok()) return Fail(setup.status(), context);
         auto made = psi::MakeRequest(*setup, *travellers);
         if (!made.ok()) return Fail(made.status(), context);
         std::string request = psi::WriteRequest(made->first);
         auto response_text = Call(*peer, token, http::verb::post, "/v1/psi/responses", request);
         if (!response_text.ok()) return Fail(response_text.status(), context);
         auto response = psi::ParseResponse(*response_text, "peer response");
         if (!response.ok()) return Fail(response.status(), context);
         auto hits = psi::Finish(*setup, made->second, *response);
         if (!hits.ok()) return Fail(hits.status(), context);
         return WriteHits(context, *hits, *setup, args->output,
                          Json{{"skipped", skipped},
                               {"setup_bytes", setup_text->size()},
                               {"request_bytes", request.size()},
                               {"response_bytes", response_text->size()}});
       }});

  auto* serve = psi->add_subcommand(
      "serve",
      "list holder: offer one list over HTTP for queriers (psi query), behind the store's "
      "tokens and audit log");
  serve
      ->add_option("--list", args->list,
                   "a loaded dataset (vigil lists), or a list FILE, loaded first (into --db "
                   "when given, else into a scratch store removed at exit)")
      ->required();
  auto* serve_mode =
      serve->add_option("--mode", args->mode, "tolerant | exact (default: tolerant)");
  serve->add_option("--epoch", args->epoch,
                    "the epoch to serve: an epoch id, or 'new' for a new one (default: the "
                    "list's live epoch, or a new one when none is)");
  serve->add_flag("--verifiable", args->verifiable,
                  "RFC 9497 VOPRF: every response proves that it was made with the setup's key");
  AddHttpOptions(serve, args->http);
  AddCommonOptions(serve, context);
  commands.push_back(
      {serve, [args, &context, serve_mode] { return RunPsiServe(*args, serve_mode, context); }});

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
                        return WriteHits(context, *hits, *setup, args->output, Json::object());
                      }});
}

}  // namespace vigil::cli
