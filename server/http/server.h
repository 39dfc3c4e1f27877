// The HTTP/1.1 server under `vigil serve`: Boost.Beast on Asio, one
// io_context run by a few network threads, every connection a strand.
//
//   Router router;  ... routes ...
//   HttpServer server(options, router);
//   if (auto s = server.Listen(); !s.ok()) ...;   // binds; port() is known
//   server.StopOnSignals();                        // SIGINT, SIGTERM: drain
//   server.Run();                                  // returns when stopped
//
// What it guarantees (each tested in server/http/server_test.cc):
//  * keep-alive; pipelined requests are answered in order;
//  * limits: request head (options.header_limit, 431), body per route
//    (Route::body_limit, 413), line length in streamed bodies (413 before
//    the stream starts, an error line after), open connections
//    (options.max_connections: further ones get 503 and are closed);
//  * timeouts: a request head and body must arrive within read_timeout, a
//    connection idle between requests is kept for idle_timeout, a response
//    must be taken within write_timeout; past them the connection is
//    closed (and logged as 408);
//  * malformed requests get 400, unknown paths 404, other methods 405, all
//    as {"error": {"code", "message"}};
//  * a handler that throws gets 500 with a generic message (the exception's
//    text goes to the log callback, not to the client);
//  * Stop() (and the signals) stop accepting, close idle connections, let
//    requests in flight finish and be answered (with Connection: close),
//    then Run() returns; after options.drain_timeout it closes the rest.
//
// Streamed routes (Router::Stream) read the body as lines and answer with a
// chunked body produced batch by batch on a worker pool, so that neither
// the request nor the response is ever whole in memory.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "server/http/router.h"
#include "vigil/base/status.h"

namespace vigil::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see HttpServer::port())
  int threads = 0;       // network threads; 0: one per core
  int stream_workers = 0;  // streamed requests processed at once; 0: one per core
  size_t header_limit = 16 * 1024;
  size_t max_connections = 4096;
  std::chrono::milliseconds read_timeout{15000};
  std::chrono::milliseconds idle_timeout{60000};
  std::chrono::milliseconds write_timeout{60000};
  std::chrono::milliseconds drain_timeout{30000};
};

// One line of the access log. Never carries the query string or the body:
// screened names must not reach the server's log.
struct AccessRecord {
  std::string remote, method, path;
  int status = 0;
  double milliseconds = 0;
  uint64_t bytes_sent = 0;
  std::string note;  // an internal error's text, a timeout...
};

// Runs before a request's body is read, once its route is known; returns a
// response to send instead (authentication, readiness).
using Guard = std::function<std::optional<Response>(Request& head, const Route& route)>;

class Session;

class HttpServer {
 public:
  HttpServer(ServerOptions options, const Router& router, Guard guard = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. InvalidArgument for an address that cannot be bound.
  Status Listen();
  uint16_t port() const;
  // Serves until Stop(); returns when every connection is closed.
  void Run();
  // Thread-safe; returns at once (Run() returns when drained).
  void Stop();
  // Calls Stop() on SIGINT and SIGTERM (through the server's own loop).
  void StopOnSignals();

  void set_access_log(std::function<void(const AccessRecord&)> log);
  size_t open_connections() const;

 private:
  friend class Session;
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil::server
