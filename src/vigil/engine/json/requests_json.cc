// JSON requests into the engine's typed requests (requests_json.h).
#include "vigil/engine/json/requests_json.h"

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <string_view>

namespace vigil {
namespace {

// Every key of body must be one of known.
Status OnlyKnownFields(const Json& body, std::initializer_list<std::string_view> known) {
  if (!body.is_object()) return FieldError("body", "the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found)
      return FieldError(key, fmt::format("unknown field (expected one of: {})",
                                         fmt::join(known, ", ")));
  }
  return absl::OkStatus();
}

Status Text(const Json& body, const char* key, std::string* out) {
  auto found = body.find(key);
  if (found == body.end() || found->is_null()) return absl::OkStatus();
  if (!found->is_string()) return FieldError(key, "must be a string");
  *out = found->get<std::string>();
  return absl::OkStatus();
}

Status Number(const Json& body, const char* key, double* out) {
  auto found = body.find(key);
  if (found == body.end() || found->is_null()) return absl::OkStatus();
  if (!found->is_number()) return FieldError(key, "must be a number");
  *out = found->get<double>();
  return absl::OkStatus();
}

Status Count(const Json& body, const char* key, size_t* out) {
  auto found = body.find(key);
  if (found == body.end() || found->is_null()) return absl::OkStatus();
  if (!found->is_number_unsigned()) return FieldError(key, "must be a whole number of at least 1");
  *out = found->get<size_t>();
  return absl::OkStatus();
}

}  // namespace

StatusOr<ScreenRequest> ScreenRequestFromJson(const Json& body) {
  if (auto s = OnlyKnownFields(body, {"name", "birth_date", "dob", "country", "kind", "threshold", "top"});
      !s.ok())
    return s;
  ScreenRequest r;
  if (!body.contains("name")) return FieldError("name", "a name is required");
  if (body.contains("birth_date") && body.contains("dob"))
    return FieldError("dob", "give birth_date or dob, not both");
  for (auto s : {Text(body, "name", &r.name), Text(body, "birth_date", &r.dob),
                 Text(body, "dob", &r.dob), Text(body, "country", &r.country),
                 Text(body, "kind", &r.kind), Number(body, "threshold", &r.threshold),
                 Count(body, "top", &r.top)})
    if (!s.ok()) return s;
  if (auto s = r.Validate(); !s.ok()) {
    // The JSON field is birth_date; the request's member is dob.
    if (FieldOf(s) == "dob" && body.contains("birth_date")) {
      std::string message(s.message());
      if (message.rfind("dob: ", 0) == 0) message.erase(0, 5);
      return FieldError("birth_date", message);
    }
    return s;
  }
  return r;
}

StatusOr<CompareRequest> CompareRequestFromJson(const Json& body) {
  if (auto s = OnlyKnownFields(body, {"name_a", "name_b", "kind", "threshold"}); !s.ok()) return s;
  CompareRequest r;
  for (auto s : {Text(body, "name_a", &r.name_a), Text(body, "name_b", &r.name_b),
                 Text(body, "kind", &r.kind), Number(body, "threshold", &r.threshold)})
    if (!s.ok()) return s;
  if (auto s = r.Validate(); !s.ok()) return s;
  return r;
}

}  // namespace vigil
