// Invisible characters: ICU's properties, and its bidi algorithm for the
// displayed reading.
#include "vigil/text/invisible.h"

#include <fmt/format.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

namespace vigil {
namespace {

// Calls f(code point or -1, bytes) for each code point of text; an invalid
// byte comes alone with -1.
template <typename F>
void ForEachCodePoint(std::string_view text, F&& f) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    f(c, text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
  }
}

struct BidiCloser {
  void operator()(UBiDi* bidi) const { ubidi_close(bidi); }
};
using Bidi = std::unique_ptr<UBiDi, BidiCloser>;

// The text reordered by one pass of ICU's bidi algorithm, without bidi
// controls: to visual order, or (inverse) from visual back to logical.
// level: the paragraph level to use; set to the level found.
bool Reorder(const icu::UnicodeString& in, bool inverse, UBiDiLevel* level,
             icu::UnicodeString* out) {
  UErrorCode status = U_ZERO_ERROR;
  Bidi bidi(ubidi_open());
  if (!bidi) return false;
  if (inverse) ubidi_setReorderingMode(bidi.get(), UBIDI_REORDER_INVERSE_LIKE_DIRECT);
  ubidi_setPara(bidi.get(), in.getBuffer(), in.length(), *level, nullptr, &status);
  if (U_FAILURE(status)) return false;
  *level = ubidi_getParaLevel(bidi.get());
  const int32_t capacity = in.length() * 2 + 16;  // inverse may insert marks
  UChar* buffer = out->getBuffer(capacity);
  int32_t length =
      ubidi_writeReordered(bidi.get(), buffer, capacity, UBIDI_REMOVE_BIDI_CONTROLS, &status);
  out->releaseBuffer(U_SUCCESS(status) ? length : 0);
  return U_SUCCESS(status);
}

// How text with bidi controls reads on screen, in logical order.
std::string DisplayedReading(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  // One paragraph: a line break inside a name is a space.
  for (int32_t i = 0; i < text.length(); ++i)
    if (u_charDirection(text.charAt(i)) == U_BLOCK_SEPARATOR) text.setCharAt(i, u' ');
  UBiDiLevel level = UBIDI_DEFAULT_LTR;
  icu::UnicodeString visual, logical;
  if (!Reorder(text, false, &level, &visual)) return "";
  if (!Reorder(visual, true, &level, &logical)) return "";
  std::string out;
  logical.toUTF8String(out);
  return out;
}

void CountRemoved(char32_t c, std::vector<RemovedCharacter>* removed) {
  if (!removed) return;
  auto it = std::find_if(removed->begin(), removed->end(),
                         [&](const RemovedCharacter& r) { return r.code_point == c; });
  if (it == removed->end())
    removed->push_back({c, 1});
  else
    ++it->count;
}

// The text without invisible characters; counts them in removed when given.
std::string StripInvisible(std::string_view utf8, std::vector<RemovedCharacter>* removed,
                           bool* bidi_control) {
  std::string out;
  out.reserve(utf8.size());
  ForEachCodePoint(utf8, [&](UChar32 c, std::string_view bytes) {
    if (c < 0 || !IsInvisible(static_cast<char32_t>(c))) {
      out.append(bytes);
      return;
    }
    if (bidi_control && u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL)) *bidi_control = true;
    CountRemoved(static_cast<char32_t>(c), removed);
  });
  return out;
}

bool IsControl(UChar32 c) {
  return (c >= 0 && c < 0x20 && !(c >= '\t' && c <= '\r')) || (c >= 0x7F && c < 0xA0);
}

// Whether text may hold control characters: ASCII without them needs no work.
bool PlainAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) {
    auto c = static_cast<unsigned char>(ch);
    return c < 0x80 && !IsControl(c);
  });
}

// The text without control characters, nor the terminal control sequences
// (ECMA-48) that ESC and the C1 introducers start: "Haqqani\x1b[31m" shows
// as "Haqqani". Each sequence counts as its introducer.
std::string StripControls(std::string_view utf8, std::vector<RemovedCharacter>* removed) {
  struct CodePoint {
    UChar32 c;
    std::string_view bytes;
  };
  std::vector<CodePoint> text;
  ForEachCodePoint(utf8, [&](UChar32 c, std::string_view bytes) { text.push_back({c, bytes}); });
  std::string out;
  out.reserve(utf8.size());
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    const UChar32 c = text[i].c;
    if (!IsControl(c)) {
      out.append(text[i].bytes);
      continue;
    }
    CountRemoved(static_cast<char32_t>(c), removed);
    // What the introducer opens: ESC X is the 7-bit form of C1 control X + 0x40.
    UChar32 kind = c;
    if (c == 0x1B && i + 1 < n && text[i + 1].c >= 0x40 && text[i + 1].c <= 0x5F) {
      kind = text[i + 1].c + 0x40;
      ++i;
    } else if (c == 0x1B) {
      // ESC, intermediates (0x20-0x2F), then one final byte (0x30-0x7E).
      while (i + 1 < n && text[i + 1].c >= 0x20 && text[i + 1].c <= 0x2F) ++i;
      if (i + 1 < n && text[i + 1].c >= 0x30 && text[i + 1].c <= 0x7E) ++i;
      continue;
    }
    if (kind == 0x9B) {  // CSI: parameters and intermediates, then a final byte
      while (i + 1 < n && text[i + 1].c >= 0x20 && text[i + 1].c <= 0x3F) ++i;
      if (i + 1 < n && text[i + 1].c >= 0x40 && text[i + 1].c <= 0x7E) ++i;
    } else if (kind == 0x90 || kind == 0x98 || kind == 0x9D || kind == 0x9E || kind == 0x9F) {
      // DCS, SOS, OSC, PM, APC: a string up to BEL or ST (ESC \ or U+009C),
      // all of it swallowed by a terminal, to the end when unterminated.
      while (i + 1 < n) {
        const UChar32 next = text[++i].c;
        if (next == 0x07 || next == 0x9C) break;
        if (next == 0x1B && i + 1 < n && text[i + 1].c == '\\') {
          ++i;
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace

bool IsInvisible(char32_t c) {
  if (c < 0xA0) return false;  // ASCII and the C1 controls (Cc) are not format characters
  const auto u = static_cast<UChar32>(c);
  if (u_hasBinaryProperty(u, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
      u_hasBinaryProperty(u, UCHAR_BIDI_CONTROL))
    return true;
  // Other format characters, except the visible marks that prefix numbers
  // (U+0600 ARABIC NUMBER SIGN, U+06DD ARABIC END OF AYAH...).
  return u_charType(u) == U_FORMAT_CHAR &&
         !u_hasBinaryProperty(u, UCHAR_PREPENDED_CONCATENATION_MARK);
}

CleanedText CleanText(std::string_view utf8) {
  CleanedText cleaned;
  if (PlainAscii(utf8)) {  // nothing invisible, no control characters
    cleaned.text = std::string(utf8);
    return cleaned;
  }
  const std::string visible = StripControls(utf8, &cleaned.removed);
  bool bidi_control = false;
  cleaned.text = StripInvisible(visible, &cleaned.removed, &bidi_control);
  if (bidi_control) {
    std::string displayed = StripInvisible(DisplayedReading(visible), nullptr, nullptr);
    if (displayed != cleaned.text) cleaned.displayed = std::move(displayed);
  }
  return cleaned;
}

std::string CodePointLabel(char32_t c) { return fmt::format("U+{:04X}", static_cast<uint32_t>(c)); }

std::string CharacterName(char32_t c) {
  char name[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = u_charName(static_cast<UChar32>(c), U_UNICODE_CHAR_NAME, name,
                              static_cast<int32_t>(sizeof name), &status);
  if (U_SUCCESS(status) && length > 0) return std::string(name, static_cast<size_t>(length));
  // Unicode gives control characters no name, only aliases ICU does not hold.
  return u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR ? "control" : "";
}

std::string CodePointName(char32_t c) {
  std::string name = CharacterName(c);
  return name.empty() ? CodePointLabel(c) : CodePointLabel(c) + " " + name;
}

std::string DescribeRemoved(const std::vector<RemovedCharacter>& removed) {
  std::string out;
  for (const auto& r : removed) {
    if (!out.empty()) out += ", ";
    out += CodePointName(r.code_point);
    if (r.count > 1) out += fmt::format(" x{}", r.count);
  }
  return out;
}

bool HasLetterOrDigit(std::string_view utf8) {
  bool found = false;
  ForEachCodePoint(utf8,
                   [&](UChar32 c, std::string_view) { found = found || (c >= 0 && u_isalnum(c)); });
  return found;
}

}  // namespace vigil
