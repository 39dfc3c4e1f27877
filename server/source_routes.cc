// The source reader over HTTP (reader role): GET /v1/sources/{id}, a
// source's stored text with the claims citing it, each with its span and
// the fact it is on (engine/source_reader.h; docs/api.md). Answers are kept
// in the response cache until a load changes the store.
#include "server/app.h"
#include "vigil/engine/json/knowledge_json.h"
#include "vigil/engine/json/query_params.h"

namespace vigil::server {

void Api::AddSourceRoutes() {
  router_.Get("/v1/sources/{id}", [this](Request& request) {
    auto source = SourceRequestFromQuery(request.Param("id"), request.query);
    if (!source.ok()) return StatusResponse(source.status());
    return Cached(request, [&] {
      auto doc = engine_.Source(*source);
      if (!doc.ok()) return StatusResponse(doc.status());
      return JsonResponse(200, ToJson(*doc));
    });
  }).required_level = static_cast<int>(Role::kReader);
}

}  // namespace vigil::server
