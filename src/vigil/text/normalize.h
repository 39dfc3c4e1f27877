// Name folding for look-ups, and script detection (ICU).
//
// NameKey() turns any spelling of a name into a compact key that ignores case,
// diacritics, punctuation and spacing, and carries non-Latin scripts into
// Latin letters: "al-Qaeda", "Al Qaeda" and "ALQAEDA" all give "alqaeda";
// "Аль-Каида" gives "alkaida". It is the key `vigil show` resolves names by.
// Invisible characters (zero-width spaces and joiners, soft hyphens, bidi
// controls: text/invisible.h) are removed first, in the order written, by
// NameKey() and FoldText() alike.
// Thread-safe: each thread holds its own ICU transliterator.
#pragma once

#include <string>
#include <string_view>

namespace vigil {

// Folded look-up key; empty when the text has no letters or digits.
std::string NameKey(std::string_view utf8);

// Case- and diacritic-folded text that keeps spaces between words
// ("Sirajuddin  HAQQĀNI" -> "sirajuddin haqqani"): for display-side matching.
std::string FoldText(std::string_view utf8);

// ISO 15924 code of the dominant script of the letters in text ("Latn",
// "Arab", "Cyrl", "Hans"...); "Zyyy" when it has no letters.
std::string DetectScript(std::string_view utf8);

}  // namespace vigil
