// Search and look-up routes (reader role): vigil's /v1/search, and yente's
// GET /search/{dataset} and GET /entities/{id}. Each search is recorded in
// the audit log with the caller's name and the query (docs/api.md).
#include "server/app.h"
#include "vigil/engine/json/search_json.h"

namespace vigil::server {
namespace {

void AuditSearch(Engine& engine, const Request& request, const SearchRequest& search,
                 const SearchResult& result) {
  engine.audit().Record(CallerOf(request).name, "search",
                        Json{{"query", search.query},
                             {"kind", search.kind},
                             {"datasets", search.datasets},
                             {"total", result.total}});
}

}  // namespace

void Api::AddSearchRoutes() {
  const int reader = static_cast<int>(Role::kReader);

  auto& search = router_.Get("/v1/search", [this](Request& request) {
    auto search_request = SearchRequestFromQuery(request.query);
    if (!search_request.ok()) return StatusResponse(search_request.status());
    auto result = engine_.Search(*search_request);
    if (!result.ok()) return StatusResponse(result.status());
    AuditSearch(engine_, request, *search_request, *result);
    return JsonResponse(200, ToJson(*result));
  });
  search.required_level = reader;
  search.needs_ready = true;

  auto& yente_search = router_.Get("/search/{dataset}", [this](Request& request) {
    auto lists = engine_.ListVersions();
    if (!lists.ok()) return StatusResponse(lists.status());
    std::vector<std::string> known;
    for (const auto& l : *lists) known.push_back(l.dataset);
    auto search_request = YenteSearchFromQuery(request.Param("dataset"), request.query, known);
    if (!search_request.ok()) return StatusResponse(search_request.status());
    auto result = engine_.Search(*search_request);
    if (!result.ok()) return StatusResponse(result.status());
    AuditSearch(engine_, request, *search_request, *result);
    return JsonResponse(200, YenteSearchResponse(*result));
  });
  yente_search.required_level = reader;
  yente_search.needs_ready = true;

  auto& entity = router_.Get("/entities/{id}", [this](Request& request) {
    const std::string id = request.Param("id");
    auto records = engine_.Records({id});
    if (!records.ok()) return StatusResponse(records.status());
    if (!records->empty()) {
      auto lists = engine_.ListVersions();
      if (!lists.ok()) return StatusResponse(lists.status());
      return JsonResponse(200, YenteEntity(records->front(), *lists));
    }
    // Not on a list: an entity of the knowledge base, by its id only.
    auto card = engine_.Show(id);
    if (!card.ok() && card.status().code() != absl::StatusCode::kNotFound &&
        card.status().code() != absl::StatusCode::kInvalidArgument)
      return StatusResponse(card.status());
    if (!card.ok() || card->entity.id != id)
      return ErrorResponse(404, "not_found", "no entity with id '" + id + "'");
    return JsonResponse(200, YenteEntity(*card));
  });
  entity.required_level = reader;
  entity.needs_ready = true;
}

}  // namespace vigil::server
