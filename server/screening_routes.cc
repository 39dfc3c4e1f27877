// The screening routes of the API: vigil's own (/v1/screen, /v1/compare,
// /v1/lists) and yente's (/match/{dataset}, /catalog). Every screening is
// recorded in the audit log with the caller's name, the query, the list
// versions and the hits (docs/api.md).
#include <fmt/format.h>

#include "server/app.h"
#include "vigil/engine/json/list_update_json.h"
#include "vigil/engine/json/requests_json.h"
#include "vigil/engine/json/screening_json.h"
#include "vigil/engine/json/yente_json.h"

namespace vigil::server {
namespace {

// The body as JSON, or the 400 answer.
std::optional<Response> ParseBody(const Request& request, Json* body) {
  *body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body->is_discarded())
    return ErrorResponse(400, "malformed_request", "the body is not valid JSON");
  return std::nullopt;
}

}  // namespace

void Api::AddScreeningRoutes() {
  const int screener = static_cast<int>(Role::kScreener);
  const int reader = static_cast<int>(Role::kReader);

  auto& screen = router_.Post("/v1/screen", [this](Request& request) {
    Json body;
    if (auto bad = ParseBody(request, &body)) return *bad;
    auto screen_request = ScreenRequestFromJson(body);
    if (!screen_request.ok()) return StatusResponse(screen_request.status());
    screen_request->part_sources = true;  // explanations drawn as alignments (the web UI)
    auto response = engine_.Screen(*screen_request);
    if (!response.ok()) return StatusResponse(response.status());
    engine_.audit().Record(CallerOf(request).name, "screen", ScreeningAuditDetail(*screen_request, *response));
    return JsonResponse(200, ToJson(*response));
  });
  screen.required_level = screener;
  screen.needs_ready = true;

  router_.Post("/v1/compare", [](Request& request) {
    Json body;
    if (auto bad = ParseBody(request, &body)) return *bad;
    auto compare = CompareRequestFromJson(body);
    if (!compare.ok()) return StatusResponse(compare.status());
    auto result = Engine::Compare(*compare);
    if (!result.ok()) return StatusResponse(result.status());
    return JsonResponse(200, ToJson(*result));
  }).required_level = screener;

  router_.Get("/v1/lists", [this](Request&) {
    auto lists = engine_.ListVersions();
    if (!lists.ok()) return StatusResponse(lists.status());
    return JsonResponse(200, ListsJson(*lists, engine_.SnapshotInfo()));
  }).required_level = reader;

  router_.Get("/catalog", [this](Request&) {
    auto lists = engine_.ListVersions();
    if (!lists.ok()) return StatusResponse(lists.status());
    return JsonResponse(200, YenteCatalog(*lists));
  }).required_level = reader;

  auto& match = router_.Post("/match/{dataset}", [this](Request& request) {
    Json body;
    if (auto bad = ParseBody(request, &body)) return *bad;
    auto lists = engine_.ListVersions();
    if (!lists.ok()) return StatusResponse(lists.status());
    std::vector<std::string> known;
    for (const auto& l : *lists) known.push_back(l.dataset);
    auto parsed = ParseYenteMatch(body, request.Param("dataset"), request.query, known);
    if (!parsed.ok()) return StatusResponse(parsed.status());
    std::vector<std::vector<ScreenHit>> merged;
    std::vector<match::ListVersion> screened;
    const std::string& caller = CallerOf(request).name;
    for (const auto& query : parsed->queries) {
      std::vector<ScreenResponse> answers;
      for (const auto& r : query.requests) {
        auto answer = engine_.Screen(r);
        if (!answer.ok()) return StatusResponse(answer.status());
        engine_.audit().Record(caller, "screen", ScreeningAuditDetail(r, *answer));
        if (screened.empty()) screened = answer->lists;
        answers.push_back(std::move(*answer));
      }
      merged.push_back(MergeYenteHits(*parsed, answers));
    }
    return JsonResponse(200, YenteMatchResponse(*parsed, merged, screened));
  });
  match.required_level = screener;
  match.needs_ready = true;
  match.body_limit = 4 << 20;
}

}  // namespace vigil::server
