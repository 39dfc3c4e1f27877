// What `vigil serve` and `vigil psi serve` share: the listening options and
// the loop that runs an Api over one engine until SIGINT or SIGTERM
// (serve_command.cc).
#pragma once

#include <functional>
#include <string>

#include "command.h"
#include "server/app.h"

namespace vigil::cli {

struct HttpArgs {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  bool quiet = false;
};

// --listen, --threads and --quiet.
void AddHttpOptions(CLI::App* cmd, HttpArgs& args);

struct HttpRun {
  server::ApiOptions api;
  // What the banner says after "listening on http://HOST:PORT".
  std::string what;
  // Runs on its own thread once the server listens (vigil serve builds the
  // screening lists there and then sets the Api ready).
  std::function<void(server::Api&)> prepare;
  // Runs after the server stopped, before the audit log is flushed.
  std::function<void()> stopped;
};

// Listens and serves until a signal. Refuses (exit 2) a host that is not
// loopback while the store holds no live token; on loopback with no token,
// requests need none (the banner says so).
int RunHttp(Engine& engine, const HttpArgs& args, HttpRun run, const Context& context);

}  // namespace vigil::cli
