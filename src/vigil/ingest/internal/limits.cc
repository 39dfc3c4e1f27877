// The input size limit shared by the readers.
#include "vigil/ingest/internal/limits.h"

#include <fmt/format.h>

namespace vigil::internal {

Status CheckInputSize(std::string_view text, const std::string& path) {
  return CheckInputBytes(static_cast<int64_t>(text.size()), path);
}

Status CheckInputBytes(int64_t bytes, const std::string& path) {
  if (bytes <= kMaxInputBytes) return absl::OkStatus();
  return InputError({path, 0}, "",
                    fmt::format("the file is {} bytes, more than the {} a reader takes (2 GB)",
                                bytes, kMaxInputBytes));
}

}  // namespace vigil::internal
