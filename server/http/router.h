// Routes: which handler answers a method and path, with {name} segments
// captured as parameters, and what each route accepts (body size, or a
// streamed body of lines).
//
//   Router router;
//   router.Get("/v1/entities/{id}", [&](const Request& r) { return Card(r.Param("id")); });
//   router.Post("/match/{dataset}", Match).body_limit = 4 << 20;
//   router.Stream("/v1/screen/batch", MakeBatchProcessor);  // NDJSON in, NDJSON out
//
// A path that matches no route is 404; a path that matches with another
// method is 405 with an Allow header. A route may end with "{name...}" to
// capture the rest of the path (static files).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/message.h"

namespace vigil::server {

// Turns the lines of a streamed request body into the chunks of a streamed
// response. Process() is called with complete lines (without their line
// ends) in order, from one thread at a time, and returns what to send for
// them; Finish() returns what to send after the last line. Both run on a
// worker thread, not on the network threads.
class StreamProcessor {
 public:
  virtual ~StreamProcessor() = default;
  virtual std::string Process(const std::vector<std::string>& lines) = 0;
  virtual std::string Finish() = 0;
};

using Handler = std::function<Response(Request&)>;
// Called with the request's head (no body yet). Returns the processor, or
// an error response sent instead of the stream.
using StreamHandler =
    std::function<std::unique_ptr<StreamProcessor>(Request&, std::optional<Response>* error)>;

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;               // for ordinary routes
  StreamHandler stream_handler;  // for streamed routes
  size_t body_limit = 1 << 20;   // bytes; ordinary routes
  size_t line_limit = 1 << 16;   // bytes per line; streamed routes
  std::string stream_content_type = "application/x-ndjson";
  // Set on routes that answer before the API is ready (health checks) and
  // that need no credentials.
  bool public_route = false;
  // What the application requires of a caller (a role), for its guard; the
  // transport never reads it.
  int required_level = 0;
  // Routes that need the screening snapshot answer 503 until it is loaded.
  bool needs_ready = false;
  // The application's guard may take the credentials from the query string
  // (OpenRefine cannot send headers); the transport never reads it.
  bool accepts_query_token = false;
};

class Router {
 public:
  Route& Get(std::string pattern, Handler handler);
  Route& Post(std::string pattern, Handler handler);
  Route& Delete(std::string pattern, Handler handler);
  Route& Add(std::string method, std::string pattern, Handler handler);
  Route& Stream(std::string pattern, StreamHandler handler);  // POST

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;  // methods of routes matching the path (405)
  };
  // The route for a method and a decoded path.
  Match Find(std::string_view method, std::string_view path) const;
  // Every route, in the order added (the API's description is checked
  // against them).
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace vigil::server
