// Reading a query string's key=value pairs by name, with field errors: the
// one reader behind engine/json/query_params and the yente parameters of
// engine/json/yente_json.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/base/status.h"

namespace vigil::json_internal {

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

// Reads query-string pairs by name; every parameter must be one of the
// names given, else status() is a field error naming it.
class Params {
 public:
  Params(const QueryPairs& query, std::vector<std::string_view> known) : query_(query) {
    for (const auto& [key, value] : query) {
      if (std::find(known.begin(), known.end(), key) != known.end() || !status_.ok()) continue;
      status_ = FieldError(key, known.empty() ? std::string("takes no parameters")
                                              : fmt::format("unknown parameter (expected: {})",
                                                            fmt::join(known, ", ")));
    }
  }
  const Status& status() const { return status_; }

  const std::string* First(std::string_view key) const {
    for (const auto& [k, v] : query_)
      if (k == key) return &v;
    return nullptr;
  }
  // Every value, repeated or comma-separated.
  std::vector<std::string> All(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : query_) {
      if (k != key) continue;
      size_t start = 0;
      while (start <= v.size()) {
        size_t comma = v.find(',', start);
        if (comma == std::string::npos) comma = v.size();
        if (comma > start) out.push_back(v.substr(start, comma - start));
        start = comma + 1;
      }
    }
    return out;
  }
  void Text(std::string_view key, std::string* out) const {
    if (const auto* v = First(key)) *out = *v;
  }
  Status Int(std::string_view key, int* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    int value = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || end != v->data() + v->size())
      return FieldError(key, fmt::format("must be a whole number, got '{}'", *v));
    *out = value;
    return absl::OkStatus();
  }
  Status Unsigned(std::string_view key, uint64_t* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || end != v->data() + v->size())
      return FieldError(key, fmt::format("must be a whole number, got '{}'", *v));
    *out = value;
    return absl::OkStatus();
  }
  Status Number(std::string_view key, double* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    double value = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || end != v->data() + v->size() || !std::isfinite(value))
      return FieldError(key, fmt::format("must be a number, got '{}'", *v));
    *out = value;
    return absl::OkStatus();
  }
  Status Bool(std::string_view key, bool* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    if (*v == "true" || *v == "1" || v->empty()) {
      *out = true;
    } else if (*v == "false" || *v == "0") {
      *out = false;
    } else {
      return FieldError(key, fmt::format("must be true or false, got '{}'", *v));
    }
    return absl::OkStatus();
  }

 private:
  const QueryPairs& query_;
  Status status_;
};

}  // namespace vigil::json_internal
