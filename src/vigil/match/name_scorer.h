// Scores how likely two names denote the same person or organisation, and
// explains why.
//
//   NameScorer scorer;
//   NameComparison c = scorer.Compare(AnalyzeName("Siraj Haqqani"),
//                                     AnalyzeName("سراج الدين حقاني"));
//   c.score;        // in [0, 1]
//   c.pairs;        // which part met which, by what method, with what weight
//
// Parts are aligned without regard to order (best pairs first), weighted by
// how much they identify (see NamePart::weight). Unmatched parts on both
// sides are contradictions and count fully; parts present on one side only
// (an omitted middle name) count a little. When both names carry an Arabic
// nasab chain, parts must meet at the same place in it: "Salman bin
// Muhammad" is not "Muhammad bin Salman". Thread-safe; keeps no state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vigil/match/name_analysis.h"
#include "vigil/text/invisible.h"

namespace vigil::match {

enum class MatchMethod {
  kExact,
  kTransliterated,
  kSkeleton,
  kPhonetic,
  kFuzzy,
  kPrefix,
  kInitial,
  kJoined,
  kNickname
};
const char* MethodName(MatchMethod method);

struct PartPair {
  std::string query, candidate;  // the parts as analysed (joined parts shown with '+')
  MatchMethod method = MatchMethod::kExact;
  double similarity = 0;         // of the two parts, in [0, 1]
  double weight = 0;             // what the pair counts for
  std::string note;              // e.g. "nasab position differs"
  // Which parts met: the first index into each name's parts, and how many
  // (2 for two neighbouring parts joined to meet one part).
  uint32_t query_first = 0, query_count = 1;
  uint32_t candidate_first = 0, candidate_count = 1;
};

struct Adjustment {
  std::string rule;    // nasab_order, nisba_conflict, nisba_omitted, legal_form...
  std::string detail;
};

struct NameComparison {
  double score = 0;
  std::vector<PartPair> pairs;
  std::vector<std::string> unmatched_query, unmatched_candidate;
  std::vector<Adjustment> adjustments;
};

struct ScorerOptions {
  double omitted_weight = 0.2;     // share of a person's name part present on one side only
  double omitted_weight_organization = 0.27;  // the same for organisations: an added word matters more
  double nasab_mismatch = 0.3;     // similarity factor for parts at different nasab places
  double nisba_conflict = 1.5;     // extra weight of a contradicting nisba/family name
  double single_part_omitted_weight = 0.6;  // omissions when only one distinctive part matched
  double contradiction_floor = 0.7;  // least weight of a part contradicted by the other name
  double number_weight = 1.0;      // weight of a number found in one name only
  // Multiplies the omitted weight of parts the query has and the candidate
  // lacks. A screener sets it above 1 for a dense list (DenseListFactor):
  // the more names a list holds, the likelier an unlisted name meets one of
  // them on all but one part by chance.
  double query_omitted_factor = 1.0;
};

// query_omitted_factor for a list of this many names: 1 up to 50,000 names
// (today's official lists), then half again per doubling.
double DenseListFactor(size_t listed_names);

class NameScorer {
 public:
  explicit NameScorer(ScorerOptions options = {}) : options_(options) {}
  // explain = false computes the score alone (no pairs, unmatched parts or
  // adjustments): what ranking candidates needs, without allocating.
  NameComparison Compare(const AnalyzedName& query, const AnalyzedName& candidate,
                         bool explain = true) const;

 private:
  ScorerOptions options_;
};

// Two names as written: analysed, and compared alternative by alternative
// when either is written with slashes ("Al-Qa'ida/Islamic Army"), and also
// as shown on screen when bidi controls reorder one (text/invisible.h); the
// best pair of readings wins.
struct NamePairComparison {
  AnalyzedName a, b;  // the alternatives that compared best
  NameComparison comparison;
  bool displayed_a = false, displayed_b = false;  // the reading shown on screen won
};
NamePairComparison CompareNames(std::string_view a, std::string_view b, NameKind kind,
                                const NameScorer& scorer);

// Similarity of two single parts, with the method that found it (tests).
struct PartSimilarity {
  double similarity = 0;
  MatchMethod method = MatchMethod::kExact;
  // 1 or 2 when that side (a or b) carries an Abd the other lacks ("Abdul
  // Mohammed" / "Mohammed"): the Abd counts as a part left unmatched.
  int abd_side = 0;
};
// arabic_side: 1 when a is spelled in Arabic script and b in Latin, 2 the
// other way round, 0 otherwise (then written long vowels are checked).
// cyrillic_side: the same for Cyrillic (then a Latin spelling is also read
// as Russian writes names of other languages: CyrillicStyleSpellings).
PartSimilarity CompareParts(const NamePart& a, const NamePart& b, bool cross_script,
                            int arabic_side = 0, int cyrillic_side = 0);
// Whether consonant x of a's skeleton and y of b's, in one place, meet
// across scripts (arabic_side as for CompareParts): the same, d and z (ض ذ
// ظ), or against Arabic script the letter it writes for a sound it lacks
// (ب for p and a Spanish v, ف for v and a German w, ز for a voiced s), in
// that direction only.
bool ConsonantsMeetAcrossScripts(char x, char y, int arabic_side);
// A Latin spelling as Arabic script may write a foreign name: g as ج (j) or
// غ (g), ch as تش (tsh) or خ (kh), a final ic (Slavic ić, ič) as تش, a
// soft c (before e, i, y) as س (s) or تش; each reading that differs from
// the spelling, once.
std::vector<std::string> ArabicStyleSpellings(std::string_view folded);

// Whether one given name is a usual short form of the other, both folded
// (Ted / Theodore, Bill / William, Sasha / Aleksandr), either way round.
bool IsNickname(std::string_view a, std::string_view b);
// The initials of an organisation's name that an acronym would spell
// ("People's Liberation Army" -> "pla"), legal forms and noise words left
// out; empty for fewer than two such parts.
std::string Initials(const AnalyzedName& name);

// Optimal-string-alignment edit distance (exposed for tests).
size_t EditDistance(std::string_view a, std::string_view b);
// The same, or limit + 1 as soon as it is known to exceed limit.
size_t BoundedEditDistance(std::string_view a, std::string_view b, size_t limit);

}  // namespace vigil::match
