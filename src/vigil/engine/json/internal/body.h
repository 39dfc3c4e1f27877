// Reading a JSON request body's fields by name, with field errors that name
// each field by its path ("subject.name"): the one reader behind the
// engine's request parsers (requests_json, monitoring_json).
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vigil/base/status.h"

namespace vigil::json_internal {

using BodyJson = nlohmann::ordered_json;

// key inside the object at prefix: "prefix.key", or key at the top.
inline std::string FieldPath(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
}

// body, at prefix ("" for the top), must be an object whose every key is
// one of known.
inline Status OnlyKnownFields(const BodyJson& body, std::string_view prefix,
                              std::initializer_list<std::string_view> known) {
  if (!body.is_object())
    return FieldError(prefix.empty() ? "body" : prefix, "must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found)
      return FieldError(FieldPath(prefix, key),
                        fmt::format("unknown field (expected one of: {})", fmt::join(known, ", ")));
  }
  return absl::OkStatus();
}

// The optional fields: absent or null leaves *out as it was.
inline Status ReadText(const BodyJson& body, std::string_view prefix, const char* key,
                       std::string* out) {
  auto found = body.find(key);
  if (found == body.end() || found->is_null()) return absl::OkStatus();
  if (!found->is_string()) return FieldError(FieldPath(prefix, key), "must be a string");
  *out = found->get<std::string>();
  return absl::OkStatus();
}

inline Status ReadNumber(const BodyJson& body, std::string_view prefix, const char* key,
                         double* out) {
  auto found = body.find(key);
  if (found == body.end() || found->is_null()) return absl::OkStatus();
  if (!found->is_number()) return FieldError(FieldPath(prefix, key), "must be a number");
  *out = found->get<double>();
  return absl::OkStatus();
}

inline Status ReadCount(const BodyJson& body, std::string_view prefix, const char* key,
                        size_t* out) {
  auto found = body.find(key);
  if (found == body.end() || found->is_null()) return absl::OkStatus();
  if (!found->is_number_unsigned())
    return FieldError(FieldPath(prefix, key), "must be a whole number of at least 1");
  *out = found->get<size_t>();
  return absl::OkStatus();
}

}  // namespace vigil::json_internal
