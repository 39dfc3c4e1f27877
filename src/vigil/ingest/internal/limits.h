// Limits every reader of ingest/ enforces before it allocates, so that no
// input file can exhaust memory or overflow a line counter. Documented in
// docs/lists.md, docs/network-analysis.md and docs/screening.md.
//
//   if (auto s = CheckInputSize(text, path); !s.ok()) return s;   // first thing
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil::internal {

// The largest input file a reader takes: 2 GB (2 × 10⁹ bytes), so that line
// numbers and counts fit an int.
inline constexpr int64_t kMaxInputBytes = 2'000'000'000;

// InvalidArgument "path: the file is N bytes, more than the 2 GB a reader
// takes" when text is larger than kMaxInputBytes.
Status CheckInputSize(std::string_view text, const std::string& path);
// The same for a file of `bytes` bytes read a block at a time.
Status CheckInputBytes(int64_t bytes, const std::string& path);

}  // namespace vigil::internal
