// vigil serve: the engine over HTTP (server/), until SIGINT or SIGTERM; and
// RunHttp, which vigil psi serve shares (http_serving.h).
#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "http_serving.h"
#include "server/http/server.h"
#include "vigil/base/clock.h"

namespace vigil::cli {
namespace {

struct ServeArgs {
  HttpArgs http;
  int watch_ms = 1000;  // how often the store is checked for a newer list; 0: never
  std::string ui;     // the built web UI; empty: the default below, if built
  bool no_ui = false;
};

// Where the built web UI is when --ui is not given: beside an installed
// binary (PREFIX/share/vigil/ui), else the source tree's web/dist that
// scripts/build-ui writes (a build tree's binary).
std::string DefaultUiDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "vigil" / "ui";
    if (fs::exists(installed / "index.html", ec)) return installed.string();
  }
  fs::path source = fs::path(VIGIL_SOURCE_DIR) / "web" / "dist";
  if (fs::exists(source / "index.html", ec)) return source.string();
  return "";
}

// "HOST:PORT" or "[V6]:PORT".
Status ParseListen(const std::string& text, server::ServerOptions* options) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 >= text.size())
    return FieldError("listen", fmt::format("'{}' is not HOST:PORT", text));
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  for (char c : text.substr(colon + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535)
      return FieldError("listen", fmt::format("'{}': the port is not a number from 0 to 65535", text));
    port = port * 10 + (c - '0');
  }
  if (port > 65535)
    return FieldError("listen", fmt::format("'{}': the port is not a number from 0 to 65535", text));
  options->host = host.empty() ? "127.0.0.1" : host;
  options->port = static_cast<uint16_t>(port);
  return absl::OkStatus();
}

bool IsLoopback(const std::string& host) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

}  // namespace

int RunHttp(Engine& engine, const HttpArgs& args, HttpRun run, const Context& context) {
  server::ServerOptions options;
  if (auto s = ParseListen(args.listen, &options); !s.ok()) return Fail(s, context);
  if (args.threads < 0 || args.threads > 1024)
    return Fail(FieldError("threads", "must be from 0 (one per core) to 1024"), context);
  options.threads = args.threads;
  auto tokens = engine.accounts().List();
  if (!tokens.ok()) return Fail(tokens.status(), context);
  bool any_token = std::any_of(tokens->begin(), tokens->end(),
                               [](const TokenInfo& t) { return !t.revoked_at; });
  const bool loopback = IsLoopback(options.host);
  if (!any_token && !loopback)
    return Fail(FieldError("listen", fmt::format(
                                         "refusing to serve on {} with no API token: anyone who "
                                         "can reach it would have every right. Create one first: "
                                         "vigil token create --name NAME --role admin",
                                         options.host)),
                context);
  run.api.require_tokens = !loopback;
  server::Api api(engine, run.api);
  server::HttpServer http(options, api.router(), api.guard());
  std::mutex log_mutex;
  if (!args.quiet)
    http.set_access_log([&log_mutex](const server::AccessRecord& r) {
      std::lock_guard lock(log_mutex);
      std::cerr << fmt::format("{} {} {} {} {} {:.2f}ms {}B{}\n", UtcTimestamp(), r.remote,
                               r.method, r.path, r.status, r.milliseconds, r.bytes_sent,
                               r.note.empty() ? "" : " (" + r.note + ")");
    });
  if (auto s = http.Listen(); !s.ok()) return Fail(s, context);
  http.StopOnSignals();
  std::thread preparing;
  if (run.prepare) preparing = std::thread([&] { run.prepare(api); });
  std::cerr << fmt::format("vigil: listening on http://{}:{} ({}){}\n",
                           options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                                                      : options.host,
                           http.port(), run.what,
                           any_token ? ""
                                     : "; no API token exists, so requests from this machine "
                                       "need none until one is created (vigil token create)");
  http.Run();
  if (preparing.joinable()) preparing.join();
  if (run.stopped) run.stopped();
  if (auto s = engine.audit().Flush(); !s.ok()) return Fail(s, context);
  std::cerr << "vigil: stopped\n";
  return 0;
}

namespace {

int RunServe(const ServeArgs& args, const Context& context) {
  if (args.watch_ms < 0 || args.watch_ms > 3600 * 1000)
    return Fail(FieldError("watch_interval", "must be from 0 (never) to 3600000 ms"), context);
  auto engine = Engine::Open(context.db, store::AccessMode::kShared);
  if (!engine.ok()) return Fail(engine.status(), context);
  HttpRun run;
  if (!args.no_ui) {
    std::string ui_dir = args.ui.empty() ? DefaultUiDir() : args.ui;
    if (!ui_dir.empty()) {
      auto ui = server::LoadUiFiles(ui_dir);
      if (!ui.ok()) return Fail(ui.status(), context);
      run.api.ui = *ui;
    } else if (!args.http.quiet) {
      std::cerr << "vigil: the web UI is not built (scripts/build-ui); serving the API only\n";
    }
  }
  run.what = "store " + store::DisplayLocation(context.db);
  // The watch list is built (or read back from its snapshot) while the
  // server already answers /healthz; /readyz and screening say 503 until
  // it is in memory.
  Engine& e = **engine;
  run.prepare = [&e, &args](server::Api& api) {
    if (auto s = e.PrepareScreening(); !s.ok()) {
      std::cerr << fmt::format("vigil: screening is unavailable: {}\n", std::string(s.message()));
      return;
    }
    api.set_ready(true);
    // Lists loaded by another process (vigil load) are picked up and
    // swapped in without a restart (engine/list_swap.h).
    if (args.watch_ms > 0) e.WatchStore(std::chrono::milliseconds(args.watch_ms));
  };
  run.stopped = [&e] { e.StopWatching(); };
  return RunHttp(e, args.http, std::move(run), context);
}

}  // namespace

void AddHttpOptions(CLI::App* cmd, HttpArgs& args) {
  cmd->add_option("--listen", args.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->default_str("127.0.0.1:8080");
  cmd->add_option("--threads", args.threads, "network threads (default: one per core)");
  cmd->add_flag("--quiet", args.quiet, "no access log on stderr");
}

void AddServeCommand(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "serve the engine over HTTP (docs/api.md)");
  AddHttpOptions(serve, args->http);
  serve->add_option("--watch-interval", args->watch_ms,
                    "check the store for newly loaded lists every MS milliseconds and serve "
                    "them without a restart (0: never)")
      ->default_str("1000");
  serve->add_option("--ui", args->ui,
                    "folder of the built web UI to serve under /ui/ (default: the one "
                    "scripts/build-ui built, if any)");
  serve->add_flag("--no-ui", args->no_ui, "serve the API only");
  AddCommonOptions(serve, context);
  commands.push_back({serve, [args, &context] { return RunServe(*args, context); }});
}

}  // namespace vigil::cli
