// The decision and monitoring routes of the API: decisions on hits
// (/v1/decisions), subjects under monitoring (/v1/monitors) and the alerts
// that list updates raise (/v1/alerts). Each decision and each change to
// the monitors is recorded in the audit log with the caller's name
// (docs/api.md, "Decisions" and "Monitoring").
#include <fmt/format.h>

#include "server/app.h"
#include "vigil/engine/json/monitoring_json.h"

namespace vigil::server {

void Api::AddMonitoringRoutes() {
  const int screener = static_cast<int>(Role::kScreener);

  auto& decide = router_.Post("/v1/decisions", [this](Request& request) {
    Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded())
      return ErrorResponse(400, "malformed_request", "the body is not valid JSON");
    auto decision = DecisionRequestFromJson(body);
    if (!decision.ok()) return StatusResponse(decision.status());
    auto made = engine_.Decide(*decision, CallerOf(request).name);
    if (!made.ok()) return StatusResponse(made.status());
    return JsonResponse(201, ToJson(*made));
  });
  decide.required_level = screener;
  decide.needs_ready = true;

  auto& decisions = router_.Get("/v1/decisions", [this](Request& request) {
    auto query = DecisionQueryFromQuery(request.query);
    if (!query.ok()) return StatusResponse(query.status());
    auto found = engine_.Decisions(*query);
    if (!found.ok()) return StatusResponse(found.status());
    Json all = Json::array();
    for (const auto& d : *found) all.push_back(ToJson(d));
    return JsonResponse(200, Json{{"decisions", std::move(all)}});
  });
  decisions.required_level = screener;
  decisions.needs_ready = true;

  auto& add = router_.Post("/v1/monitors", [this](Request& request) {
    StatusOr<std::vector<MonitorSubject>> subjects;
    std::string type = request.Header("Content-Type").value_or("application/json");
    if (type.rfind("text/csv", 0) == 0) {
      subjects = MonitorSubjectsFromCsv(request.body, "body");
    } else {
      Json body = Json::parse(request.body, nullptr, /*allow_exceptions=*/false);
      if (body.is_discarded())
        return ErrorResponse(400, "malformed_request",
                             "the body is not valid JSON (send a CSV as Content-Type: text/csv)");
      subjects = MonitorSubjectsFromJson(body);
    }
    if (!subjects.ok()) return StatusResponse(subjects.status());
    auto added = engine_.AddMonitors(*subjects, CallerOf(request).name);
    if (!added.ok()) return StatusResponse(added.status());
    Json all = Json::array();
    for (const auto& m : *added) all.push_back(ToJson(m));
    return JsonResponse(201, Json{{"monitors", std::move(all)}});
  });
  add.required_level = screener;
  add.needs_ready = true;
  add.body_limit = 4 << 20;

  router_
      .Get(
          "/v1/monitors",
          [this](Request& request) {
            if (!request.query.empty())
              return StatusResponse(FieldError(request.query.front().first, "takes no parameters"));
            auto monitors = engine_.Monitors();
            if (!monitors.ok()) return StatusResponse(monitors.status());
            Json all = Json::array();
            for (const auto& m : *monitors) all.push_back(ToJson(m));
            return JsonResponse(200, Json{{"monitors", std::move(all)}});
          })
      .required_level = screener;

  router_
      .Delete("/v1/monitors/{id}",
              [this](Request& request) {
                auto id = MonitorIdFromText(request.Param("id"));
                if (!id.ok()) return StatusResponse(id.status());
                if (auto s = engine_.RemoveMonitor(*id, CallerOf(request).name); !s.ok())
                  return StatusResponse(s);
                return JsonResponse(200, Json{{"removed", *id}});
              })
      .required_level = screener;

  router_
      .Get("/v1/alerts",
           [this](Request& request) {
             auto query = AlertQueryFromQuery(request.query);
             if (!query.ok()) return StatusResponse(query.status());
             auto alerts = engine_.Alerts(*query);
             if (!alerts.ok()) return StatusResponse(alerts.status());
             Json all = Json::array();
             for (const auto& a : *alerts) all.push_back(ToJson(a));
             return JsonResponse(200, Json{{"alerts", std::move(all)}});
           })
      .required_level = screener;
}

}  // namespace vigil::server
