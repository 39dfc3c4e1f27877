// How Russian writes names of other languages, for matching a Latin spelling
// against a Cyrillic one.
//
//   CyrillicStyleSpellings("zedong");   // {"tszedun", "pinyin"}, ...
//   CyrillicStyleSpellings("heinrich"); // {"genrikh", "german"}, ...
//
// vigil reads Cyrillic through BGN/PCGN romanisation (Цзэдун -> tszedun,
// Генрих -> genrikh). A Chinese, Japanese, German, French or English name in
// Cyrillic follows that language's sounds, not its letters: pinyin zh, x, q
// become чж, с, ц (the Palladius system), Hepburn shi, chi, ji become си,
// ти, дзи (Polivanov), German ei, z, w become ай, ц, в, French ou, j, a
// final t become у, ж, nothing, English j, w, th become дж, у, т. Each
// reading here is the Latin spelling transcribed as Russian would write it
// if the name were of one language, then romanised as vigil romanises
// Cyrillic: when one of them is the Cyrillic spelling's reading, the two are
// one name. Pinyin and Hepburn readings are made only for words that
// divide into that system's syllables. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigil::match {

struct CyrillicReading {
  std::string text;     // romanised as vigil romanises Cyrillic (BGN/PCGN, ASCII)
  std::string_view as;  // the language it was read as: "pinyin", "german"...
};

// The readings of one folded Latin word (ASCII, lower case), each once and
// different from the word itself, pinyin and Hepburn first.
std::vector<CyrillicReading> CyrillicStyleSpellings(std::string_view folded);

// The word's pinyin syllables ("xiaoping" -> {"xiao", "ping"}), or none when
// it does not divide into them; fewest syllables first.
std::vector<std::string_view> PinyinSyllables(std::string_view folded);

}  // namespace vigil::match
