// Reading whole files with errors that name the path.
#pragma once

#include <string>

#include "vigil/base/status.h"

namespace vigil {

// The bytes of a file; NotFound / InvalidArgument naming the path on failure.
StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace vigil
