// Reading new reporting over HTTP (docs/api.md, "Reading"): POST
// /v1/sources reads an article as `vigil read` does, GET /v1/review lists
// the review queue as `vigil review` does, and POST /v1/review/{id}/accept|reject|edit records an analyst's decision
// as `vigil review accept|reject|edit` does, decided by the token's name;
// all for the analyst role.
// Bodies are read into the engine's requests by engine/json/reading_json;
// each read and decision is recorded in the audit log.
#include "server/app.h"
#include "vigil/engine/json/query_params.h"
#include "vigil/engine/json/reading_json.h"

namespace vigil::server {

void Api::AddReadingRoutes() {
  const int analyst = static_cast<int>(Role::kAnalyst);

  auto& read = router_.Post("/v1/sources", [this](Request& request) {
    Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded())
      return ErrorResponse(400, "malformed_request", "the body is not valid JSON");
    auto article = ReadRequestFromJson(body);
    if (!article.ok()) return StatusResponse(article.status());
    auto result = engine_.ReadArticle(*article);
    if (!result.ok()) return StatusResponse(result.status());
    engine_.audit().Record(CallerOf(request).name, "read_article",
                           Json{{"source", result->source.key},
                                {"new_source", result->new_source},
                                {"proposals_added", result->proposals_added}});
    return JsonResponse(result->new_source ? 201 : 200, ToJson(*result));
  });
  read.required_level = analyst;
  read.body_limit = kMaxReadBodyBytes;

  router_.Get("/v1/review", [this](Request& request) {
    auto query = ReviewRequestFromQuery(request.query);
    if (!query.ok()) return StatusResponse(query.status());
    auto queue = engine_.Review(*query);
    if (!queue.ok()) return StatusResponse(queue.status());
    return JsonResponse(200, ToJson(*queue));
  }).required_level = analyst;

  for (const char* action : {"accept", "reject", "edit"}) {
    auto& decide = router_.Post(
        std::string("/v1/review/{id}/") + action,
        [this, action = std::string(action)](Request& request) {
          auto id = ProposalIdFromText(request.Param("id"));
          if (!id.ok()) return StatusResponse(id.status());
          Json body = nullptr;
          if (!request.body.empty()) {
            body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
            if (body.is_discarded())
              return ErrorResponse(400, "malformed_request", "the body is not valid JSON");
          }
          auto decision = ReviewDecisionFromJson(body, action, *id);
          if (!decision.ok()) return StatusResponse(decision.status());
          decision->actor = CallerOf(request).name;
          auto decided = engine_.Decide(*decision);
          if (!decided.ok()) return StatusResponse(decided.status());
          engine_.audit().Record(decision->actor, "review_" + action,
                                 Json{{"proposal", decided->id}, {"status", decided->status},
                                      {"source", decided->source_key}});
          return JsonResponse(200, ToJson(*decided));
        });
    decide.required_level = analyst;
    decide.body_limit = 64 << 10;
  }
}

}  // namespace vigil::server
