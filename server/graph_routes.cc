// The knowledge base's graph for drawing it (reader role): GET /v1/graph,
// the neighbourhood of some entities as of a day, with every node's kind,
// designations and attributes and every relation's confidence and claims
// (Engine::Neighbourhood; docs/api.md). The web UI's network explorer and
// map read it. Answers are cached until a load changes the store.
#include "server/app.h"
#include "vigil/engine/json/analysis_json.h"
#include "vigil/engine/json/query_params.h"

namespace vigil::server {

void Api::AddGraphRoutes() {
  router_.Get("/v1/graph", [this](Request& request) {
    auto options = NeighbourhoodOptionsFromQuery(request.query);
    if (!options.ok()) return StatusResponse(options.status());
    return Cached(request, [&] {
      auto result = engine_.Neighbourhood(*options);
      if (!result.ok()) return StatusResponse(result.status());
      return JsonResponse(200, ToJson(*result));
    });
  }).required_level = static_cast<int>(Role::kReader);
}

}  // namespace vigil::server
