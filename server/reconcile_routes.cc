// OpenRefine's reconciliation service (W3C Reconciliation API 0.2): the
// manifest and reconciliation queries at /reconcile, previews, entity
// suggestions, proposed properties and data extension (docs/api.md). The
// token may come as "?api_key=" on these routes only, since OpenRefine
// cannot send headers. Every reconciliation query is a screening, recorded
// in the audit log like /v1/screen's.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "server/app.h"
#include "vigil/engine/json/reconcile_json.h"
#include "vigil/engine/json/screening_json.h"

namespace vigil::server {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The request's parameters: the query string's, then a form body's
// (OpenRefine posts "queries=..." form-encoded). A value of api_key that
// carries "?x=y" (a service path with a query string to which OpenRefine
// appended its own) gives x=y as a parameter too.
std::optional<Pairs> ParametersOf(const Request& request) {
  Pairs pairs;
  for (const auto& [k, v] : request.query) {
    if (k == "api_key") {
      size_t q = v.find('?');
      if (q != std::string::npos) {
        Pairs more;
        if (ParseQuery(std::string_view(v).substr(q + 1), &more))
          pairs.insert(pairs.end(), more.begin(), more.end());
      }
      continue;
    }
    pairs.emplace_back(k, v);
  }
  auto type = request.Header("Content-Type");
  if (!request.body.empty() && type && type->rfind("application/x-www-form-urlencoded", 0) == 0) {
    Pairs form;
    if (!ParseQuery(request.body, &form)) return std::nullopt;
    for (auto& p : form)
      if (p.first != "api_key") pairs.push_back(std::move(p));
  }
  return pairs;
}

const std::string* Find(const Pairs& pairs, std::string_view name) {
  for (const auto& [k, v] : pairs)
    if (k == name) return &v;
  return nullptr;
}

// "http://host:port" as the client reached the server: "https" when a
// TLS-terminating proxy in front says so (X-Forwarded-Proto), and the Host
// header only when it is a host name or address with an optional port.
std::string BaseUrl(const Request& request) {
  std::string scheme = "http";
  if (auto proto = request.Header("X-Forwarded-Proto")) {
    std::string first = proto->substr(0, proto->find(','));
    first.erase(0, first.find_first_not_of(' '));
    first.erase(first.find_last_not_of(' ') + 1);
    for (auto& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (first == "https") scheme = "https";
  }
  std::string host = request.Header("Host").value_or("");
  bool plain = !host.empty() && host.size() <= 255 &&
               std::all_of(host.begin(), host.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                        c == ':' || c == '[' || c == ']';
               });
  return scheme + "://" + (plain ? host : std::string("127.0.0.1"));
}

// A parameter's JSON, or the 400 answer.
std::optional<Response> ParseJsonParameter(const std::string& text, const char* name, Json* out) {
  *out = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded())
    return ErrorResponse(400, "malformed_request", fmt::format("{} is not valid JSON", name));
  return std::nullopt;
}

Response Html(std::string body) {
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

}  // namespace

void Api::AddReconcileRoutes() {
  const int screener = static_cast<int>(Role::kScreener);
  const int reader = static_cast<int>(Role::kReader);

  // Data extension: {"ids", "properties"} -> {"meta", "rows"}.
  auto extend = [this](const std::string& text) {
    Json body;
    if (auto bad = ParseJsonParameter(text, "extend", &body)) return *bad;
    auto parsed = ParseReconcileExtend(body);
    if (!parsed.ok()) return StatusResponse(parsed.status());
    auto records = engine_.Records(parsed->ids);
    if (!records.ok()) return StatusResponse(records.status());
    return JsonResponse(200, ReconcileExtendResponse(*parsed, *records));
  };

  // The manifest, a batch of queries, or (as OpenRefine sends it to the
  // service's own URL) a data extension.
  Handler service = [this, extend](Request& request) {
    auto params = ParametersOf(request);
    if (!params)
      return ErrorResponse(400, "malformed_request", "the form body is not well encoded");
    if (const auto* text = Find(*params, "extend")) return extend(*text);
    const auto* text = Find(*params, "queries");
    if (!text) {
      std::string key;
      if (auto k = request.Query("api_key")) key = "api_key=" + k->substr(0, k->find('?'));
      return JsonResponse(200, ReconcileManifest(BaseUrl(request), key));
    }
    Json queries;
    if (auto bad = ParseJsonParameter(*text, "queries", &queries)) return *bad;
    auto parsed = ParseReconcileQueries(queries);
    if (!parsed.ok()) return StatusResponse(parsed.status());
    const std::string& caller = CallerOf(request).name;
    Json answers = Json::object();
    for (const auto& q : *parsed) {
      if (q.empty) {
        answers[q.key] = {{"result", Json::array()}};
        continue;
      }
      auto answer = engine_.Screen(q.request);
      if (!answer.ok()) return StatusResponse(answer.status());
      engine_.audit().Record(caller, "screen", ScreeningAuditDetail(q.request, *answer));
      answers[q.key] = ReconcileCandidates(*answer);
    }
    return JsonResponse(200, answers);
  };
  for (const char* method : {"GET", "POST"}) {
    auto& route = router_.Add(method, "/reconcile", service);
    route.required_level = screener;
    route.needs_ready = true;
    route.accepts_query_token = true;
    route.body_limit = 4 << 20;
  }

  auto& extend_route = router_.Post("/reconcile/extend", [extend](Request& request) {
    auto params = ParametersOf(request);
    if (!params)
      return ErrorResponse(400, "malformed_request", "the form body is not well encoded");
    if (const auto* text = Find(*params, "extend")) return extend(*text);
    return extend(request.body);  // a JSON body
  });
  extend_route.required_level = reader;
  extend_route.needs_ready = true;
  extend_route.accepts_query_token = true;

  auto& preview = router_.Get("/reconcile/preview", [this](Request& request) {
    auto params = ParametersOf(request);
    const std::string* id = params ? Find(*params, "id") : nullptr;
    if (!id) return StatusResponse(FieldError("id", "an entity id is required"));
    auto records = engine_.Records({*id});
    if (!records.ok()) return StatusResponse(records.status());
    if (!records->empty()) return Html(ReconcilePreviewHtml(records->front()));
    auto card = engine_.Show(*id);
    if (!card.ok() && card.status().code() != absl::StatusCode::kNotFound &&
        card.status().code() != absl::StatusCode::kInvalidArgument)
      return StatusResponse(card.status());
    if (!card.ok() || card->entity.id != *id)
      return ErrorResponse(404, "not_found", "no entity with id '" + *id + "'");
    return Html(ReconcilePreviewHtml(*card));
  });
  preview.required_level = reader;
  preview.needs_ready = true;
  preview.accepts_query_token = true;

  auto& suggest = router_.Get("/reconcile/suggest/entity", [this](Request& request) {
    auto params = ParametersOf(request);
    const std::string* prefix = params ? Find(*params, "prefix") : nullptr;
    if (!prefix) return StatusResponse(FieldError("prefix", "a prefix is required"));
    auto found = engine_.Suggest(*prefix, 10);
    if (!found.ok()) return StatusResponse(found.status());
    return JsonResponse(200, ReconcileSuggestions(*found));
  });
  suggest.required_level = reader;
  suggest.accepts_query_token = true;

  auto& properties = router_.Get("/reconcile/properties", [](Request& request) {
    auto params = ParametersOf(request);
    std::string type;
    size_t limit = 50;
    if (params) {
      if (const auto* t = Find(*params, "type")) type = *t;
      if (const auto* l = Find(*params, "limit")) {
        char* end = nullptr;
        long value = std::strtol(l->c_str(), &end, 10);
        if (end == l->c_str() || *end != '\0' || value < 1)
          return StatusResponse(FieldError("limit", "must be a whole number of at least 1"));
        limit = static_cast<size_t>(value);
      }
    }
    return JsonResponse(200, ReconcileProperties(type, limit));
  });
  properties.required_level = reader;
  properties.accepts_query_token = true;
}

}  // namespace vigil::server
