// Values every JSON writer of the engine writes the same way: an absent
// optional, or an empty text, is null.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace vigil::json_internal {

template <typename T>
nlohmann::ordered_json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

inline nlohmann::ordered_json OrNull(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

}  // namespace vigil::json_internal
