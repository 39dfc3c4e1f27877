// Api: the guard (tokens, roles, readiness) and the routes that are not
// about one area of the engine (health, tokens, audit).
#include "server/app.h"

#include <fmt/format.h>

#include <sstream>

#include "server/openapi_document.h"
#include "vigil/base/clock.h"
#include "vigil/engine/json/accounts_json.h"

namespace vigil::server {
namespace {

constexpr char kCallerName[] = "caller.name";
constexpr char kCallerRole[] = "caller.role";

// The token in "Bearer X" or "Apikey X" (scheme case-insensitive).
std::optional<std::string> TokenOf(const Request& request) {
  auto header = request.Header("Authorization");
  if (!header) return std::nullopt;
  std::string_view value = *header;
  size_t space = value.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string scheme(value.substr(0, space));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer" && scheme != "apikey") return std::nullopt;
  std::string_view token = value.substr(space + 1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return std::string(token);
}

// The token in "?api_key=X", for routes that accept one there. OpenRefine
// appends its own parameters to a service path that already has a query
// string with "?", so a value ends at the first '?'.
std::optional<std::string> QueryTokenOf(const Request& request) {
  auto value = request.Query("api_key");
  if (!value) return std::nullopt;
  std::string token = value->substr(0, value->find('?'));
  if (token.empty()) return std::nullopt;
  return token;
}

Response Unauthorized(std::string_view message) {
  Response r = ErrorResponse(401, "unauthorized", message);
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"vigil\"");
  return r;
}

}  // namespace

const Caller& CallerOf(const Request& request) {
  thread_local Caller caller;
  caller.name = request.attributes.count(kCallerName) ? request.attributes.at(kCallerName)
                                                      : std::string("anonymous");
  auto role = request.attributes.count(kCallerRole)
                  ? ParseRole(request.attributes.at(kCallerRole))
                  : StatusOr<Role>(Role::kReader);
  caller.role = role.ok() ? *role : Role::kReader;
  return caller;
}

Response StatusResponse(const Status& status) {
  int http = HttpStatusFor(status);
  std::string code;
  switch (http) {
    case 400: code = "malformed_request"; break;
    case 401: code = "unauthorized"; break;
    case 403: code = "forbidden"; break;
    case 404: code = "not_found"; break;
    case 409: code = "conflict"; break;
    case 413: code = "too_large"; break;
    case 422: code = "invalid_field"; break;
    case 503: code = "unavailable"; break;
    default: code = "internal"; break;
  }
  std::string message = http == 500 ? "internal error" : std::string(status.message());
  Json body{{"error", {{"code", code}, {"message", message}}}};
  if (std::string field = FieldOf(status); !field.empty()) body["error"]["field"] = field;
  return JsonResponse(http, body);
}

Api::Api(Engine& engine, ApiOptions options) : engine_(engine), options_(options) {
  AddHealthRoutes();
  if (options_.psi_only) {
    AddPsiRoutes();
    return;
  }
  AddAccountRoutes();
  AddScreeningRoutes();
  AddKnowledgeRoutes();
  AddEventRoutes();
  AddReadingRoutes();
  AddSourceRoutes();
  AddGraphRoutes();
  AddListRoutes();
  AddBatchRoutes();
  AddPsiRoutes();
  AddSearchRoutes();
  AddReconcileRoutes();
  AddMonitoringRoutes();
  AddUiRoutes();
}

Api::~Api() = default;

Guard Api::guard() {
  return [this](Request& request, const Route& route) -> std::optional<Response> {
    if (route.public_route) return std::nullopt;
    auto token = TokenOf(request);
    if (!token && route.accepts_query_token) token = QueryTokenOf(request);
    if (!token) {
      if (request.Header("Authorization"))
        return Unauthorized("the Authorization header must be 'Bearer <token>' or 'Apikey <token>'");
      if (!options_.require_tokens) {
        auto tokens = engine_.accounts().List();
        bool none = tokens.ok() && std::none_of(tokens->begin(), tokens->end(),
                                                [](const TokenInfo& t) { return !t.revoked_at; });
        if (none) {
          request.attributes[kCallerName] = "anonymous";
          request.attributes[kCallerRole] = std::string(RoleName(Role::kAdmin));
          if (route.needs_ready && !ready_)
            return ErrorResponse(503, "unavailable", "the screening lists are still loading");
          return std::nullopt;
        }
      }
      return Unauthorized("a token is required: 'Authorization: Bearer <token>' (vigil token create)");
    }
    auto who = engine_.accounts().Authenticate(*token);
    if (!who.ok()) {
      if (who.status().code() == absl::StatusCode::kUnauthenticated)
        return Unauthorized(std::string(who.status().message()));
      return StatusResponse(who.status());
    }
    auto need = static_cast<Role>(route.required_level);
    if (!Allows(who->role, need))
      return ErrorResponse(403, "forbidden",
                           fmt::format("this needs the {} role; token '{}' is a {}", RoleName(need),
                                       who->name, RoleName(who->role)));
    request.attributes[kCallerName] = who->name;
    request.attributes[kCallerRole] = std::string(RoleName(who->role));
    if (route.needs_ready && !ready_)
      return ErrorResponse(503, "unavailable", "the screening lists are still loading");
    return std::nullopt;
  };
}

void Api::AddHealthRoutes() {
  router_.Get("/healthz", [](Request&) { return JsonResponse(200, Json{{"status", "ok"}}); })
      .public_route = true;
  router_.Get("/readyz", [this](Request&) {
    if (!ready_) return ErrorResponse(503, "unavailable", "the screening lists are still loading");
    return JsonResponse(200, Json{{"status", "ready"}});
  }).public_route = true;
  // docs/openapi.json, compiled in: every route above and in the other
  // route files is described there (server/openapi_test.cc checks it).
  router_.Get("/openapi.json", [](Request&) {
    Response r;
    r.body = OpenApiDocument();
    return r;
  }).public_route = true;
}

void Api::AddAccountRoutes() {
  const int admin = static_cast<int>(Role::kAdmin);

  // Who the caller is and what its role allows: the web UI shows only what
  // the token can do.
  router_.Get("/v1/me", [](Request& request) {
    const Caller& caller = CallerOf(request);
    Json can = Json::object();
    for (Role role : {Role::kReader, Role::kScreener, Role::kAnalyst, Role::kAdmin})
      can[std::string(RoleName(role))] = Allows(caller.role, role);
    return JsonResponse(200, Json{{"name", caller.name}, {"role", RoleName(caller.role)},
                                  {"allows", std::move(can)}});
  });

  router_.Get("/v1/tokens", [this](Request&) {
    auto tokens = engine_.accounts().List();
    if (!tokens.ok()) return StatusResponse(tokens.status());
    Json all = Json::array();
    for (const auto& t : *tokens) all.push_back(ToJson(t));
    return JsonResponse(200, Json{{"tokens", std::move(all)}});
  }).required_level = admin;

  router_.Post("/v1/tokens", [this](Request& request) {
    Json body = Json::parse(request.body, nullptr, false);
    if (!body.is_object())
      return ErrorResponse(400, "malformed_request", "the body must be a JSON object {\"name\", \"role\"}");
    if (!body.contains("name") || !body["name"].is_string())
      return StatusResponse(FieldError("name", "a string is required"));
    auto role = ParseRole(body.value("role", "reader"));
    if (!role.ok()) return StatusResponse(role.status());
    auto made = engine_.accounts().Create({body["name"].get<std::string>(), *role});
    if (!made.ok()) return StatusResponse(made.status());
    engine_.audit().Record(CallerOf(request).name, "token_create",
                           Json{{"name", made->info.name}, {"role", RoleName(made->info.role)}});
    return JsonResponse(201, ToJson(*made));
  }).required_level = admin;

  router_.Delete("/v1/tokens/{name}", [this](Request& request) {
    std::string name = request.Param("name");
    if (auto s = engine_.accounts().Revoke(name); !s.ok()) return StatusResponse(s);
    engine_.audit().Record(CallerOf(request).name, "token_revoke", Json{{"name", name}});
    return JsonResponse(200, Json{{"revoked", name}});
  }).required_level = admin;

  router_.Get("/v1/audit", [this](Request& request) {
    auto format = ParseAuditFormat(request.Query("format").value_or("jsonl"));
    if (!format.ok()) return StatusResponse(format.status());
    std::ostringstream out;
    if (auto s = engine_.audit().Export(request.Query("from").value_or(""),
                                        request.Query("to").value_or(""), *format, out);
        !s.ok())
      return StatusResponse(s);
    Response r;
    r.content_type = *format == AuditFormat::kCsv ? "text/csv" : "application/x-ndjson";
    r.body = std::move(out).str();
    return r;
  }).required_level = admin;

  router_.Get("/v1/audit/verify", [this](Request&) {
    auto v = engine_.audit().Verify();
    if (!v.ok()) return StatusResponse(v.status());
    return JsonResponse(200, ToJson(*v));
  }).required_level = admin;
}

}  // namespace vigil::server
