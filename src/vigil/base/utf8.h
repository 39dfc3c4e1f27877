// UTF-8 validation with positions a person can find, and code-point offsets.
//
// Claims locate passages by Unicode code-point offsets (what Python's str
// indexing and most editors count), while files are bytes; this converts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct Utf8Error {
  size_t byte_offset = 0;
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points
  unsigned char byte = 0;
};

// The first invalid sequence in text (overlong forms, surrogates and code
// points above U+10FFFF are invalid), or nullopt when text is valid UTF-8.
std::optional<Utf8Error> FindInvalidUtf8(std::string_view text);

// Byte offset of every code point of a valid UTF-8 text, plus text.size() at
// the end, so that code points [a, b) are bytes [offsets[a], offsets[b]).
std::vector<size_t> CodePointOffsets(std::string_view text);

}  // namespace vigil
