// The input size limit shared by the readers.
#include "vigil/ingest/internal/limits.h"

#include <fmt/format.h>

namespace vigil::internal {

Status CheckInputSize(std::string_view text, const std::string& path) {
  if (static_cast<int64_t>(text.size()) <= kMaxInputBytes) return absl::OkStatus();
  return InputError({path, 0}, "",
                    fmt::format("the file is {} bytes, more than the {} a reader takes (2 GB)",
                                text.size(), kMaxInputBytes));
}

}  // namespace vigil::internal
