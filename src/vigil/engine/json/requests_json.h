// Requests as JSON, the way the HTTP API and the Python package send them:
// the same fields as the typed requests (engine/screening.h), checked the
// same way, with errors that name the JSON field.
//
//   auto request = ScreenRequestFromJson(Json::parse(body));  // {"name": "...", "birth_date": ...}
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/base/status.h"
#include "vigil/engine/screening.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// {"name", "birth_date" (or "dob"), "country", "kind", "threshold", "top"}:
// name is required; an unknown field is an error naming it.
StatusOr<ScreenRequest> ScreenRequestFromJson(const Json& body);

// {"name_a", "name_b", "kind", "threshold"}.
StatusOr<CompareRequest> CompareRequestFromJson(const Json& body);

}  // namespace vigil
