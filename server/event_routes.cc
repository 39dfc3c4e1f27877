// The event analytics over HTTP (reader role), each with the JSON of the
// CLI's --json (docs/api.md, "Events"): GET /v1/events (`vigil events`),
// GET /v1/events/{id} (`vigil show EVENT_ID`: one event with its actors'
// links) and GET /v1/activity/{name} (`vigil activity`). Query parameters
// are read into the engine's queries by engine/json/query_params; answers
// are kept in the response cache until a load changes the store.
#include "server/app.h"
#include "vigil/engine/json/event_json.h"
#include "vigil/engine/json/query_params.h"

namespace vigil::server {

void Api::AddEventRoutes() {
  const int reader = static_cast<int>(Role::kReader);

  router_.Get("/v1/events", [this](Request& request) {
    auto query = EventQueryFromQuery(request.query);
    if (!query.ok()) return StatusResponse(query.status());
    return Cached(request, [&] {
      auto events = engine_.Events(*query);
      if (!events.ok()) return StatusResponse(events.status());
      return JsonResponse(200, ToJson(*events));
    });
  }).required_level = reader;

  router_.Get("/v1/events/{id}", [this](Request& request) {
    if (!request.query.empty())
      return StatusResponse(FieldError(request.query.front().first, "takes no parameters"));
    return Cached(request, [&] {
      auto card = engine_.ShowEvent(request.Param("id"));
      if (!card.ok()) return StatusResponse(card.status());
      return JsonResponse(200, ToJson(*card));
    });
  }).required_level = reader;

  router_.Get("/v1/activity/{name}", [this](Request& request) {
    auto query = ActivityQueryFromQuery(request.Param("name"), request.query);
    if (!query.ok()) return StatusResponse(query.status());
    return Cached(request, [&] {
      auto activity = engine_.Activity(*query);
      if (!activity.ok()) return StatusResponse(activity.status());
      return JsonResponse(200, ToJson(*activity));
    });
  }).required_level = reader;
}

}  // namespace vigil::server
