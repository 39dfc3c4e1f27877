// JSON requests into the engine's typed requests (requests_json.h).
#include "vigil/engine/json/requests_json.h"

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <string_view>

#include "vigil/engine/json/internal/body.h"

namespace vigil {
namespace {

using json_internal::OnlyKnownFields;
using json_internal::ReadCount;
using json_internal::ReadNumber;
using json_internal::ReadText;

}  // namespace

StatusOr<ScreenRequest> ScreenRequestFromJson(const Json& body) {
  if (auto s = OnlyKnownFields(body, "", {"name", "birth_date", "dob", "country", "kind", "threshold", "top"});
      !s.ok())
    return s;
  ScreenRequest r;
  if (!body.contains("name")) return FieldError("name", "a name is required");
  if (body.contains("birth_date") && body.contains("dob"))
    return FieldError("dob", "give birth_date or dob, not both");
  for (auto s : {ReadText(body, "", "name", &r.name), ReadText(body, "", "birth_date", &r.dob),
                 ReadText(body, "", "dob", &r.dob), ReadText(body, "", "country", &r.country),
                 ReadText(body, "", "kind", &r.kind), ReadNumber(body, "", "threshold", &r.threshold),
                 ReadCount(body, "", "top", &r.top)})
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
  if (auto s = OnlyKnownFields(body, "", {"name_a", "name_b", "kind", "threshold"}); !s.ok()) return s;
  CompareRequest r;
  for (auto s : {ReadText(body, "", "name_a", &r.name_a), ReadText(body, "", "name_b", &r.name_b),
                 ReadText(body, "", "kind", &r.kind), ReadNumber(body, "", "threshold", &r.threshold)})
    if (!s.ok()) return s;
  if (auto s = r.Validate(); !s.ok()) return s;
  return r;
}

}  // namespace vigil
