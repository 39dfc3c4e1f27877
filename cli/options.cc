// Numeric option checks: finite, and not below a bound.
#include "options.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace vigil::cli {
namespace {

// The number the text holds, or NaN when it holds none.
double Number(const std::string& text) {
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0') return std::nan("");
  return value;
}

}  // namespace

CLI::Validator FiniteNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (std::isfinite(Number(text))) return "";
        return fmt::format("must be a finite number, got {}", text);
      },
      "FINITE");
}

CLI::Validator AtLeast(double least) {
  return CLI::Validator(
      [least](std::string& text) -> std::string {
        double value = Number(text);
        if (std::isfinite(value) && value >= least) return "";
        return fmt::format("must be a number no smaller than {}, got {}", least, text);
      },
      fmt::format("NUMBER >= {}", least));
}

}  // namespace vigil::cli
