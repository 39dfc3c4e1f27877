// What every fuzz target checks besides "no crash, no leak, no undefined
// behaviour" (the sanitizers' part): a reader that refuses its input says so
// as bad input (exit code 2) naming the file, never as an internal error.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil::fuzz {

inline std::string Text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Aborts (a crash for libFuzzer) with a message when condition is false.
inline void Check(bool condition, std::string_view what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// A refusal must be InvalidArgument (exit code 2) and start with the path.
inline void CheckRefusal(const Status& status, std::string_view path) {
  if (status.ok()) return;
  Check(ExitCodeFor(status) == ExitCode::kBadInput,
        "refusal is not bad input: " + status.ToString());
  Check(std::string(status.message()).rfind(path, 0) == 0,
        "refusal does not name the file: " + status.ToString());
}

}  // namespace vigil::fuzz
