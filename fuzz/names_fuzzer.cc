// Name analysis and the name scorer (match/) on arbitrary text: the input
// is analysed whole (each part also read as Arabic script and Russian write
// foreign names), and its two halves (cut at the first newline, else in
// the middle) are compared; a score is a number in [0, 1].
#include <cmath>

#include "fuzz_check.h"
#include "vigil/base/utf8.h"
#include "vigil/match/cyrillic_readings.h"
#include "vigil/match/name_analysis.h"
#include "vigil/match/name_scorer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vigil::match;
  std::string text = vigil::fuzz::Text(data, size);
  if (vigil::FindInvalidUtf8(text)) return 0;  // the front ends refuse it before analysis
  const NameKind kinds[] = {NameKind::kAny, NameKind::kPerson, NameKind::kOrganization};
  NameKind kind = kinds[size % 3];
  AnalyzedName whole = AnalyzeName(text, kind);
  for (const auto& part : whole.parts) {
    Skeleton(part.folded);
    SkeletonVowels(part.folded);
    // Readings of a foreign name in Arabic script and in Cyrillic: each a
    // new spelling, never empty.
    for (const auto& r : CyrillicStyleSpellings(part.folded))
      vigil::fuzz::Check(!r.text.empty() && r.text != part.folded, "cyrillic reading: " + r.text);
    for (const auto& r : ArabicStyleSpellings(part.folded))
      vigil::fuzz::Check(r != part.folded, "arabic reading equals the word: " + r);
  }
  SplitAlternatives(text);
  ToLatin(text);
  size_t cut = text.find('\n');
  if (cut == std::string::npos) cut = text.size() / 2;
  // Cut at a character boundary.
  while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  std::string a = text.substr(0, cut), b = text.substr(std::min(cut + 1, text.size()));
  NameScorer scorer;
  NamePairComparison pair = CompareNames(a, b, kind, scorer);
  double score = pair.comparison.score;
  vigil::fuzz::Check(std::isfinite(score) && score >= 0 && score <= 1,
                     "score outside [0, 1]: " + std::to_string(score));
  NameComparison fast = scorer.Compare(AnalyzeName(a, kind), AnalyzeName(b, kind), false);
  vigil::fuzz::Check(std::isfinite(fast.score) && fast.score >= 0 && fast.score <= 1,
                     "score without explanation outside [0, 1]");
  return 0;
}
