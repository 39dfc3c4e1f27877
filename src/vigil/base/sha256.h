// SHA-256 of byte strings (OpenSSL), as lower-case hex.
#pragma once

#include <string>
#include <string_view>

namespace vigil {

std::string Sha256Hex(std::string_view bytes);

}  // namespace vigil
