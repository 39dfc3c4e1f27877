// libsodium's start-up and its byte encodings, for the parts of vigil that
// use it (tokens: engine/accounts.cc; private matching: psi/).
#pragma once

#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil {

// Starts libsodium once per process; Internal if it cannot start.
Status InitSodium();

// n bytes from libsodium's random generator (InitSodium first).
std::string RandomBytes(size_t n);

// Bytes as lower-case hex, and back (InvalidArgument naming what on an odd
// length or a character that is not a hex digit).
std::string HexOf(std::string_view bytes);
StatusOr<std::string> BytesOfHex(std::string_view hex, std::string_view what);

// Bytes as URL-safe base64 without padding, and back (InvalidArgument
// naming what when text is not that encoding).
std::string Base64Url(std::string_view bytes);
StatusOr<std::string> BytesOfBase64Url(std::string_view text, std::string_view what);

}  // namespace vigil
