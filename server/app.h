// The HTTP API of `vigil serve`: routes over one Engine, with tokens and
// roles, the audit log, readiness and the JSON error shape.
//
//   Api api(engine, {});
//   HttpServer server(options, api.router(), api.guard());
//
// Every route but /healthz, /readyz and /openapi.json needs a token
// ("Authorization: Bearer <token>", or yente's "Apikey <token>"; on the
// /reconcile routes also "?api_key=<token>", for OpenRefine) of a role that
// allows it (engine/accounts.h). Handlers only parse the request into
// the engine's option structs and turn results into JSON with the engine's
// ToJson: the API speaks the same shapes as `vigil ... --json`
// (docs/api.md). Screened names never reach the access log; they reach the
// audit log, with the token's name.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "server/http/router.h"
#include "server/http/server.h"
#include "server/response_cache.h"
#include "vigil/engine/engine.h"

namespace vigil::server {

// The web UI's built files (web/dist), read into memory by LoadUiFiles.
struct UiFiles {
  struct File {
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzip_body;  // when worth it
    std::string content_type;
    std::string etag;
  };
  std::map<std::string, File> files;  // by path under the folder, "/"-separated
};

// Reads a built UI folder (it must hold index.html); the error names the
// field "ui".
StatusOr<std::shared_ptr<const UiFiles>> LoadUiFiles(const std::string& dir);

struct ApiOptions {
  // Refuse requests without a token even when the store holds no token at
  // all (the default); false only for loopback development setups.
  bool require_tokens = true;
  // The web UI served under /ui/ (ui_routes.cc); none: / and /ui/ say 404.
  std::shared_ptr<const UiFiles> ui;
  // vigil psi serve: the health routes and the private-matching routes
  // only, for this one list and mode.
  std::optional<psi::Offer> psi_only;
};

// What a request is allowed to do: set by the guard, read by handlers.
struct Caller {
  std::string name;  // the token's name ("anonymous" when tokens are off)
  Role role = Role::kReader;
};

class Api {
 public:
  Api(Engine& engine, ApiOptions options);
  ~Api();

  const Router& router() const { return router_; }
  Guard guard();
  // Ready once the screening snapshot is loaded; until then /readyz and
  // screening answer 503.
  void set_ready(bool ready) { ready_ = ready; }
  bool ready() const { return ready_; }

 private:
  void AddHealthRoutes();
  void AddAccountRoutes();
  void AddScreeningRoutes();  // screening_routes.cc
  void AddKnowledgeRoutes();  // knowledge_routes.cc
  void AddEventRoutes();      // event_routes.cc: events, one event, an actor's activity
  void AddReadingRoutes();    // reading_routes.cc: articles read, the review queue
  void AddSourceRoutes();     // source_routes.cc: a source's text and the claims citing it
  void AddGraphRoutes();      // graph_routes.cc: the graph around entities, for drawing it
  void AddListRoutes();       // list_routes.cc
  void AddBatchRoutes();      // batch_routes.cc
  void AddPsiRoutes();        // psi_routes.cc: private matching, the list holder's side
  // The answer of a read-only route over the knowledge base: from the
  // cache while the store's generation holds, else made and kept.
  Response Cached(const Request& request, const std::function<Response()>& make);
  void AddSearchRoutes();     // search_routes.cc
  void AddReconcileRoutes();  // reconcile_routes.cc
  void AddMonitoringRoutes();  // monitoring_routes.cc: decisions, monitors, alerts
  void AddUiRoutes();          // ui_routes.cc: the web UI's files

  Engine& engine_;
  ApiOptions options_;
  Router router_;
  std::atomic<bool> ready_{false};
  ResponseCache cache_{64 << 20};
};

// The caller the guard authenticated for this request.
const Caller& CallerOf(const Request& request);

// A Status as the API's error response: HttpStatusFor(status), with the
// field an InvalidArgument names.
Response StatusResponse(const Status& status);

}  // namespace vigil::server
