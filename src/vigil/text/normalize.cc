// ICU-based folding and script detection.
#include "vigil/text/normalize.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "vigil/base/ascii.h"
#include "vigil/text/invisible.h"

namespace vigil {
namespace {

// Any script to Latin, then to plain ASCII, lower case. The rules are
// compiled once (expensive); each thread uses its own clone.
icu::Transliterator& Folder() {
  static const std::unique_ptr<icu::Transliterator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Any-Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !t) throw std::runtime_error("ICU transliterator unavailable");
    return t;
  }();
  thread_local std::unique_ptr<icu::Transliterator> folder(prototype->clone());
  return *folder;
}

// Invisible characters and control sequences removed first
// (text/invisible.h): "Siraj<U+200B>uddin" is "Sirajuddin".
std::string FoldToAscii(std::string_view utf8) {
  const std::string visible = CleanText(utf8).text;
  if (IsAscii(visible)) {
    std::string out = visible;
    for (auto& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(visible.data(), static_cast<int32_t>(visible.size())));
  Folder().transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string NameKey(std::string_view utf8) {
  std::string folded = FoldToAscii(utf8);
  std::string key;
  key.reserve(folded.size());
  for (unsigned char c : folded)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += static_cast<char>(c);
  return key;
}

std::string FoldText(std::string_view utf8) {
  std::string folded = FoldToAscii(utf8);
  std::string out;
  bool space = false;
  for (unsigned char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(c);
    } else if (c != '\'') {
      space = true;
    }
  }
  return out;
}

std::string DetectScript(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::map<UScriptCode, int> counts;
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalpha(c) || IsInvisible(static_cast<char32_t>(c))) continue;  // Hangul fillers
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
    ++counts[script];
  }
  UScriptCode best = USCRIPT_COMMON;
  int best_count = 0;
  for (auto [script, count] : counts)
    if (count > best_count) best = script, best_count = count;
  if (best == USCRIPT_HAN) return "Hani";
  return uscript_getShortName(best);
}

}  // namespace vigil
