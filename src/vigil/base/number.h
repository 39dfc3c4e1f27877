// Numbers written as text in input files: one strict reading for every
// reader (network files, event tables, the YAML dataset).
#pragma once

#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <system_error>

namespace vigil {

// The finite number that text is, whole ("12", "-0.5", "+3", "1e3"); nullopt
// for anything else: empty text, surrounding spaces (trim first), trailing
// bytes ("12 km"), "nan", "inf", or a value beyond a double's range.
inline std::optional<double> ParseFiniteNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return std::nullopt;  // "+-1"
  }
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

}  // namespace vigil
