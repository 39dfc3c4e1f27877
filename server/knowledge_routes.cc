// The knowledge base and its analysis over HTTP (reader role): entity
// cards, the tables of `vigil list`, conflicts, exposure, paths, rank,
// communities and key players, each with the JSON of the CLI's --json
// (docs/api.md). Query parameters are read into the engine's options by
// engine/json/query_params; networks are always the knowledge base's graph
// view: a request never names a file on the server. Answers are kept in a
// cache until a load changes the store (server/response_cache.h).
#include "server/app.h"
#include "vigil/engine/json/analysis_json.h"
#include "vigil/engine/json/knowledge_json.h"
#include "vigil/engine/json/query_params.h"

namespace vigil::server {
namespace {

template <typename T>
Response JsonOr(const StatusOr<T>& result) {
  if (!result.ok()) return StatusResponse(result.status());
  return JsonResponse(200, ToJson(*result));
}

}  // namespace

Response Api::Cached(const Request& request, const std::function<Response()>& make) {
  auto generation = engine_.Generation();
  if (!generation.ok()) return make();
  if (auto hit = cache_.Get(request.target, *generation)) return *std::move(hit);
  Response made = make();
  cache_.Put(request.target, *generation, &made);
  return made;
}

void Api::AddKnowledgeRoutes() {
  const int reader = static_cast<int>(Role::kReader);

  router_.Get("/v1/entities/{id}", [this](Request& request) {
    auto options = ShowOptionsFromQuery(request.query);
    if (!options.ok()) return StatusResponse(options.status());
    return Cached(request, [&] { return JsonOr(engine_.Show(request.Param("id"), *options)); });
  }).required_level = reader;

  // The tables of `vigil list WHAT`, each also at /v1/WHAT but events:
  // /v1/events is `vigil events` (event_routes.cc).
  router_.Get("/v1/list/{what}", [this](Request& request) {
    auto list = ListRequestFromQuery(request.Param("what"), request.query);
    if (!list.ok()) return StatusResponse(list.status());
    return Cached(request, [&] { return JsonOr(engine_.List(*list)); });
  }).required_level = reader;
  for (const char* what : {"entities", "relations", "estimates", "sources"}) {
    router_.Get(std::string("/v1/") + what, [this, what = std::string(what)](Request& request) {
      auto list = ListRequestFromQuery(what, request.query);
      if (!list.ok()) return StatusResponse(list.status());
      return Cached(request, [&] { return JsonOr(engine_.List(*list)); });
    }).required_level = reader;
  }

  router_.Get("/v1/conflicts",
              [this](Request& request) {
                return Cached(request, [&] { return JsonOr(engine_.Conflicts()); });
              })
      .required_level = reader;

  router_.Get("/v1/exposure/{name}", [this](Request& request) {
    auto options = ExposureOptionsFromQuery(request.query);
    if (!options.ok()) return StatusResponse(options.status());
    return Cached(request,
                  [&] { return JsonOr(engine_.Exposure(request.Param("name"), *options)); });
  }).required_level = reader;

  router_.Get("/v1/paths/{from}/{to}", [this](Request& request) {
    auto options = PathsOptionsFromQuery(request.query);
    if (!options.ok()) return StatusResponse(options.status());
    return Cached(request, [&] {
      return JsonOr(engine_.Paths(request.Param("from"), request.Param("to"), *options));
    });
  }).required_level = reader;

  // The knowledge base's graph view, filtered by the request's view.
  auto network = [this](const GraphViewOptions& view) {
    NetworkSource source;
    source.view = view;
    return OpenNetwork(source, &engine_);
  };

  router_.Get("/v1/rank", [this, network](Request& request) {
    GraphViewOptions view;
    auto options = RankOptionsFromQuery(request.query, &view);
    if (!options.ok()) return StatusResponse(options.status());
    return Cached(request, [&] {
      auto net = network(view);
      if (!net.ok()) return StatusResponse(net.status());
      return JsonOr(RankNetwork(*net, *options));
    });
  }).required_level = reader;

  router_.Get("/v1/communities", [this, network](Request& request) {
    GraphViewOptions view;
    auto options = CommunityOptionsFromQuery(request.query, &view);
    if (!options.ok()) return StatusResponse(options.status());
    return Cached(request, [&] {
      auto net = network(view);
      if (!net.ok()) return StatusResponse(net.status());
      return JsonOr(CommunitiesOf(*net, *options));
    });
  }).required_level = reader;

  router_.Get("/v1/keyplayers", [this, network](Request& request) {
    GraphViewOptions view;
    auto options = KeyPlayerOptionsFromQuery(request.query, &view);
    if (!options.ok()) return StatusResponse(options.status());
    return Cached(request, [&] {
      auto net = network(view);
      if (!net.ok()) return StatusResponse(net.status());
      return JsonOr(KeyPlayersOf(*net, *options));
    });
  }).required_level = reader;
}

}  // namespace vigil::server
