// ASCII case folding for keywords, flags, file extensions and column or
// header names. Names of people and groups are folded by text/normalize
// (ICU), never by this.
#pragma once

#include <absl/strings/ascii.h>

#include <string>
#include <string_view>

namespace vigil {

// text with A-Z lowered; every other byte (UTF-8 included) as it was.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  absl::AsciiStrToLower(&out);
  return out;
}

// Whether every byte of text is ASCII (below 0x80).
inline bool IsAscii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace vigil
