// Name scoring: part similarities, greedy alignment, structure rules.
#include "vigil/match/name_scorer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cctype>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "vigil/match/cyrillic_readings.h"

namespace vigil::match {

const char* MethodName(MatchMethod method) {
  switch (method) {
    case MatchMethod::kExact: return "exact";
    case MatchMethod::kTransliterated: return "transliterated";
    case MatchMethod::kSkeleton: return "skeleton";
    case MatchMethod::kPhonetic: return "phonetic";
    case MatchMethod::kFuzzy: return "fuzzy";
    case MatchMethod::kPrefix: return "prefix";
    case MatchMethod::kInitial: return "initial";
    case MatchMethod::kJoined: return "joined";
    case MatchMethod::kNickname: return "nickname";
  }
  return "?";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  return BoundedEditDistance(a, b, std::max(a.size(), b.size()));
}

size_t BoundedEditDistance(std::string_view a, std::string_view b, size_t limit) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  // Only cells within `limit` of the diagonal are worked out: a path of
  // `limit` edits or fewer never leaves that band (each step off the
  // diagonal is an edit). Cells are capped at `far` = limit + 2, which
  // tells "over the limit" from "one over, a transposition may still come
  // back" (below); the two cells beside the band read as `far`.
  const size_t far = limit + 2;
  // Three rows; on the stack for the short strings that names are made of.
  constexpr size_t kStack = 64;
  size_t stack[3][kStack + 2];
  std::vector<size_t> heap;
  size_t *prev2 = stack[0], *prev = stack[1], *row = stack[2];
  if (m > kStack) {
    heap.assign(3 * (m + 2), 0);
    prev2 = heap.data();
    prev = prev2 + m + 2;
    row = prev + m + 2;
  }
  for (size_t j = 0; j <= std::min(m, limit + 1); ++j) prev[j] = std::min(j, far);
  for (size_t i = 1; i <= n; ++i) {
    const size_t lo = i > limit ? i - limit : 1, hi = std::min(m, i + limit);
    row[lo - 1] = lo == 1 ? std::min(i, far) : far;
    size_t best = row[lo - 1];
    for (size_t j = lo; j <= hi; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t cell = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cell = std::min(cell, prev2[j - 2] + 1);
      row[j] = std::min(cell, far);
      best = std::min(best, row[j]);
    }
    if (hi < m) row[hi + 1] = far;
    // Every later cell is at least the best of this row less one (a
    // transposition reaches back two rows): stop once nothing can come back
    // under the limit.
    if (best > limit + 1) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return std::min(prev[m], limit + 1);
}

namespace {

// An organisation's acronym against its name.
constexpr double kAcronymScore = 0.85;
// An acronym that the list itself gives in parentheses after the name
// ("TEHRIK-E TALIBAN PAKISTAN (TTP)"): as good as an alias of the name.
constexpr double kStatedAcronymScore = 0.95;

// What the Abd of a compound counts for when the other name has the bare
// name: a common part, left unmatched.
constexpr double kAbdWeight = 0.45;

// Two parts in one script with one consonant skeleton: each half vowel
// conflict (SameScriptVowelConflicts) takes this off their similarity, and
// from this many on they are other names.
constexpr double kVowelHalfPenalty = 0.08;
constexpr int kOtherNameVowelHalves = 3;
// Least share of letters in common (1 - edits / length) for two names of one
// script whose consonant skeletons meet by a ratio to count as one name.
constexpr double kSkeletonLettersFloor = 0.6;

double Ratio(std::string_view a, std::string_view b) {
  size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 0;
  return 1.0 - static_cast<double>(EditDistance(a, b)) / static_cast<double>(longest);
}

// The ratio when it is at least `floor`, else 0: cheap rejections first.
// a_letters and b_letters are LetterMask(a) and LetterMask(b).
double RatioAtLeast(std::string_view a, std::string_view b, double floor, uint64_t a_letters,
                    uint64_t b_letters) {
  size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 0;
  auto limit = static_cast<size_t>(static_cast<double>(longest) * (1.0 - floor) + 1e-9);
  if (longest - std::min(a.size(), b.size()) > limit) return 0;
  // Each edit changes the set of letters present by at most two: a cheap
  // rejection before the dynamic programme.
  if (static_cast<size_t>(std::popcount(a_letters ^ b_letters)) > 2 * limit) return 0;
  size_t distance = BoundedEditDistance(a, b, limit);
  if (distance > limit) return 0;
  return 1.0 - static_cast<double>(distance) / static_cast<double>(longest);
}

// One side of an alignment: a part, or two neighbouring parts read as one.
struct Unit {
  const NamePart* part;
  size_t first = 0, count = 1;
};

// Equal but for voicing: b/p, d/t, g/k, j/ch, z/s, v/f. Romanisations of
// Korean (Pak/Bak, Chin/Jin) and of Slavic names write the same sound both
// ways.
bool VoicingEqual(std::string_view a, std::string_view b) {
  auto next = [](std::string_view s, size_t& i) {
    char c = s[i++];
    if (c == 'c' && i < s.size() && s[i] == 'h') {
      ++i;
      return 'j';
    }
    switch (c) {
      case 'b': return 'p';
      case 'd': return 't';
      case 'g': return 'k';
      case 'z': return 's';
      case 'v': return 'f';
      default: return c;
    }
  };
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size())
    if (next(a, i) != next(b, j)) return false;
  return i == a.size() && j == b.size();
}

const std::string& BareKey(const NamePart& p) { return p.bare.empty() ? p.skeleton : p.bare; }

// Whether two neighbouring parts of `name` could be one part of `other`
// (about the length of both together): only then are joined units built.
bool MayJoin(const AnalyzedName& name, size_t i, const AnalyzedName& other) {
  size_t length = name.parts[i].folded.size() + name.parts[i + 1].folded.size();
  char first = name.parts[i].folded.empty() ? 0 : name.parts[i].folded[0];
  const NamePart& start = name.parts[i];
  const NamePart& end = name.parts[i + 1];
  for (const auto& p : other.parts) {
    if (p.folded.size() + 2 < length || p.folded.size() > length + 2) continue;
    // A joined pair starts as its first part does: same first letter, or
    // same first consonant across scripts; and ends as its second part
    // does: same last letter or same last consonant ("Abdul Rahman" /
    // "Abdulrahman", "Al Qaeda" / "Alqaida").
    if (p.folded[0] != first && (p.skeleton.empty() || start.skeleton.empty() ||
                                 p.skeleton[0] != start.skeleton[0]))
      continue;
    if (p.folded.back() == end.folded.back() ||
        (!p.skeleton.empty() && !end.skeleton.empty() && p.skeleton.back() == end.skeleton.back()))
      return true;
  }
  return false;
}

// The parts of `name`, then its neighbouring pairs that may meet one part of
// `other` (every pair when join_all: the syllables of a Chinese name in
// Wade-Giles, whose pinyin starts with other letters); joined parts are
// kept in `storage`.
void Units(const AnalyzedName& name, const AnalyzedName& other, std::vector<NamePart>& storage,
           std::vector<Unit>& units, bool join_all = false) {
  units.clear();
  const auto& parts = name.parts;
  for (size_t i = 0; i < parts.size(); ++i) units.push_back({&parts[i], i, 1});
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    // A word the name marks as its family name and a given name are never
    // one word ("SU Usama").
    if (parts[i].initial || parts[i + 1].initial || parts[i].family != parts[i + 1].family ||
        !(join_all || MayJoin(name, i, other)))
      continue;
    NamePart joined;
    joined.text = parts[i].text + "+" + parts[i + 1].text;
    joined.folded = parts[i].folded + parts[i + 1].folded;
    // The keys of the two parts end to end (a letter doubled across the
    // join read once), as if they were one word.
    auto concat = [](const std::string& x, const std::string& y) {
      return !x.empty() && !y.empty() && x.back() == y.front() ? x + y.substr(1) : x + y;
    };
    joined.skeleton = concat(parts[i].skeleton, parts[i + 1].skeleton);
    joined.bare = concat(BareKey(parts[i]), BareKey(parts[i + 1]));
    if (joined.bare == joined.skeleton) joined.bare.clear();
    joined.role = parts[i].role;
    joined.nasab_position = parts[i].nasab_position;
    joined.family = parts[i].family;
    joined.weight = parts[i].weight + parts[i + 1].weight;
    SetLetterMasks(joined);
    if (storage.capacity() < parts.size()) storage.reserve(parts.size());  // pointers stay valid
    storage.push_back(std::move(joined));
    units.push_back({&storage.back(), i, 2});
  }
}

struct Option {
  size_t q, c;
  PartSimilarity sim;
  double weight, value;
  bool role_mismatch;
};

struct Chosen {
  const Option* option;
  double similarity;
  bool mismatch;
};

// Working vectors of Compare(), kept per thread so that a comparison
// allocates nothing in the common case.
struct CompareScratch {
  std::vector<Unit> qu, cu;
  std::vector<Option> options;
  std::vector<Chosen> chosen;
  std::vector<bool> q_used, c_used;
};

// This thread's. Not inlined: where the library is a shared object (the
// Python package), each thread_local access inlined into a long function is
// its own call to __tls_get_addr; one call returns the address to keep.
[[gnu::noinline]] CompareScratch& ThreadCompareScratch() {
  thread_local CompareScratch scratch;
  return scratch;
}

// Parts of two Arabic names with a nasab chain meet only in the same place of
// the structure: the given name (ism) with the given name, the chain with the
// chain. Inside the chain a shorter name may skip ancestors ("Osama bin
// Laden" / "Usama bin Muhammad bin Awad bin Ladin"); order is checked after
// alignment.
bool RolesAgree(const NamePart& a, const NamePart& b) {
  auto group = [](const NamePart& p) {
    return p.role == PartRole::kNisba ? PartRole::kNasab : p.role;  // the family name ends the chain
  };
  return group(a) == group(b);
}

}  // namespace

bool ConsonantsMeetAcrossScripts(char x, char y, int arabic_side) {
  if ((x == 'z' ? 'd' : x) == (y == 'z' ? 'd' : y)) return true;
  if (!arabic_side) return false;
  const char arabic = arabic_side == 1 ? x : y, latin = arabic_side == 1 ? y : x;
  return (arabic == 'b' && (latin == 'p' || latin == 'v')) ||
         (arabic == 'f' && (latin == 'v' || latin == 'w')) || (arabic == 'z' && latin == 's');
}

namespace {

// Two skeletons of three consonants or more that meet in every place
// (ConsonantsMeetAcrossScripts).
bool SkeletonsMeet(std::string_view x, std::string_view y, int arabic_side) {
  if (x.size() < 3 || x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (!ConsonantsMeetAcrossScripts(x[i], y[i], arabic_side)) return false;
  return true;
}

}  // namespace

namespace {

// The ways a Latin spelling's letters may be read when Arabic script writes
// a foreign name. Each way is one class of letters read one way throughout
// the name; the first reading of a class is the first tried.
enum class Way : uint8_t {
  kCh,          // ch as تش, خ or ك (Chekhov, Schumacher, Chiellini)
  kSoftC,       // c before e, i, y as س or تش (Cecily, Acerra)
  kSlavicIc,    // a final ic (ić, ič folded) as تش (Pavic)
  kG,           // g as ج (Egyptian) or غ (Goldberg)
  kPalatal,     // gn as ny, gl before i as l (Magnin, Baglioni)
  kJ,           // j as ج, ي (Dutch, German, Slavic) or خ (Spanish)
  kW,           // w inside a word as v, which Arabic writes ف (Nowitzki)
  kV,           // v as و, the Persian way (Vahid)
  kZ,           // z, tz as تس, the German way (Herzog)
  kX,           // x as كس, ش (Chinese, Maltese) or خ (older Spanish)
  kSilentH,     // h after a vowel and before a consonant, not written (Mahler)
  kSilentEnd,   // a final t, d, s, x, z or an r after ie, not written (Cornet, Daladier)
  kMc,          // Mc as ماك (McCormick)
  kShortU,      // u before two consonants as ا, the English short u (Busby)
  kCount
};

bool LatinVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// One place of a spelling where a way applies: the letters it covers and
// the readings to choose from (the first one first, up to three).
struct Place {
  size_t at, length;
  Way way;
  std::array<std::string_view, 3> readings;
};

std::vector<Place> PlacesOf(std::string_view s) {
  std::vector<Place> places;
  auto at = [&](size_t i) { return i < s.size() ? s[i] : '\0'; };
  auto soft = [](char v) { return v == 'e' || v == 'i' || v == 'y'; };
  auto consonant = [&](size_t i) { return i < s.size() && !LatinVowel(s[i]) && s[i] != 'h'; };
  auto add = [&](size_t i, size_t length, Way way, std::array<std::string_view, 3> readings) {
    places.push_back({i, length, way, readings});
  };
  for (size_t i = 0; i < s.size();) {
    const char c = s[i], next = at(i + 1), next2 = at(i + 2);
    const bool after_vowel = i > 0 && LatinVowel(s[i - 1]);
    const bool last = i + 1 == s.size();
    if (i == 0 && c == 'm' && next == 'c' && s.size() > 4) {
      add(i, 2, Way::kMc, {"mc", "mac", {}});
      i += 2;
    } else if (last && i >= 3 && after_vowel &&
               std::string_view("tdsxz").find(c) != std::string_view::npos) {
      add(i, 1, Way::kSilentEnd, {std::string_view(&s[i], 1), "", {}});
      ++i;
    } else if (i + 2 == s.size() && i >= 3 && c == 'e' && next == 'r' && s[i - 1] == 'i') {
      add(i, 2, Way::kSilentEnd, {"er", "e", {}});
      i += 2;
    } else if (c == 'c' && next == 'h' && !(i > 0 && s[i - 1] == 's')) {
      add(i, 2, Way::kCh, {"tsh", "kh", "k"});  // sch is ش as written
      i += 2;
    } else if (c == 'c' && (soft(next) || (next == 'c' && soft(next2)))) {
      add(i, next == 'c' ? 2 : 1, Way::kSoftC, {"s", "tsh", {}});
      i += next == 'c' ? 2 : 1;
    } else if (c == 'c' && last && i > 0 && s[i - 1] == 'i') {
      add(i, 1, Way::kSlavicIc, {"tsh", {}, {}});
      ++i;
    } else if (c == 'g' && next == 'n' && after_vowel) {
      add(i, 2, Way::kPalatal, {"gn", "ny", {}});
      i += 2;
    } else if (c == 'g' && next == 'l' && next2 == 'i' && after_vowel) {
      add(i, 2, Way::kPalatal, {"gl", "l", {}});
      i += 2;
    } else if (c == 'g' && next != 'h') {
      add(i, 1, Way::kG, {"j", "g", {}});
      ++i;
    } else if (c == 'j') {
      add(i, 1, Way::kJ, {"j", "y", "kh"});
      ++i;
    } else if (c == 'w' && i > 0) {
      add(i, 1, Way::kW, {"w", "v", {}});
      ++i;
    } else if (c == 'v') {
      add(i, 1, Way::kV, {"v", "w", {}});
      ++i;
    } else if (c == 't' && next == 'z') {
      add(i, 2, Way::kZ, {"tz", "ts", {}});
      i += 2;
    } else if (c == 'z' && !(i > 0 && s[i - 1] == 'd')) {
      add(i, 1, Way::kZ, {"z", "ts", {}});
      ++i;
    } else if (c == 'x') {
      add(i, 1, Way::kX, {"x", "sh", "kh"});
      ++i;
    } else if (c == 'h' && after_vowel && (last || consonant(i + 1))) {
      add(i, 1, Way::kSilentH, {"h", "", {}});
      ++i;
    } else if (c == 'u' && i > 0 && !LatinVowel(s[i - 1]) && consonant(i + 1) &&
               consonant(i + 2)) {
      add(i, 1, Way::kShortU, {"u", "a", {}});
      ++i;
    } else {
      ++i;
    }
  }
  return places;
}

// A Cyrillic part against a Latin one read as Russian writes names of other
// languages: 0.95 when a reading is the Cyrillic spelling's, 0.9 when it has
// its consonant skeleton (three consonants, or fewer with most letters in
// common), 0.85 for a European reading a letter or two from it; 0 otherwise.
// What `make` derives from a part's folded spelling, kept per thread for
// the parts a screening meets again and again; the cache holds at most
// `capacity` spellings and is emptied when full. Each use (a type of value)
// has its own cache.
template <typename Value>
[[gnu::noinline]] std::unordered_map<std::string, Value>& ThreadCache() {
  thread_local std::unordered_map<std::string, Value> cache;  // one per Value (see ThreadCompareScratch)
  return cache;
}
template <typename Value, typename Make>
const Value& PerThread(const std::string& folded, size_t capacity, Make make) {
  std::unordered_map<std::string, Value>& cache = ThreadCache<Value>();
  if (auto it = cache.find(folded); it != cache.end()) return it->second;
  if (cache.size() >= capacity) cache.clear();
  return cache.emplace(folded, make(folded)).first->second;
}

// A Latin part's skeleton and vowels as written, then as Arabic script
// would write it if it were a foreign name (ArabicStyleSpellings).
struct StyledReading {
  std::string skeleton, vowels;
  bool as_written;
};

const std::vector<StyledReading>& ArabicReadingsOf(const std::string& folded) {
  constexpr size_t kCapacity = 2048;  // up to 49 readings each: a few MB a thread
  return PerThread<std::vector<StyledReading>>(folded, kCapacity, [](const std::string& f) {
    std::vector<StyledReading> readings = {{Skeleton(f), SkeletonVowels(f, true), true}};
    for (const std::string& r : ArabicStyleSpellings(f))
      readings.push_back({Skeleton(r), SkeletonVowels(r, true), false});
    return readings;
  });
}

// A Latin part's Cyrillic readings (CyrillicStyleSpellings) with their keys.
struct PreparedReading {
  std::string text, skeleton;
  uint64_t letters;
  bool exact_only;  // pinyin, Hepburn: count only when exact
};

const std::vector<PreparedReading>& ReadingsOf(const std::string& folded) {
  constexpr size_t kCapacity = 4096;
  return PerThread<std::vector<PreparedReading>>(folded, kCapacity, [](const std::string& f) {
    std::vector<PreparedReading> prepared;
    for (CyrillicReading& r : CyrillicStyleSpellings(f)) {
      std::string skeleton = Skeleton(r.text);
      const uint64_t letters = LetterMask(r.text);
      const bool exact_only = r.as == "pinyin" || r.as == "hepburn";
      prepared.push_back({std::move(r.text), std::move(skeleton), letters, exact_only});
    }
    return prepared;
  });
}

PartSimilarity ReadAsRussianWrites(const NamePart& cyrillic, const NamePart& latin) {
  PartSimilarity best{0, MatchMethod::kSkeleton};
  const size_t key = cyrillic.skeleton.size();
  for (const PreparedReading& reading : ReadingsOf(latin.folded)) {
    if (reading.text == cyrillic.folded) return {0.95, MatchMethod::kTransliterated};
    if (best.similarity >= 0.9 || reading.exact_only) continue;
    const bool same_key = key >= 2 && reading.skeleton == cyrillic.skeleton;
    const double floor = same_key ? (key >= 3 ? 0.7 : 0.75) : 0.8;
    const double ratio =
        RatioAtLeast(reading.text, cyrillic.folded, floor, reading.letters, cyrillic.letters);
    if (ratio == 0) continue;
    if (same_key)
      best = {0.9, MatchMethod::kSkeleton};
    else if (cyrillic.folded.size() >= 5 && best.similarity < 0.85)
      best = {0.85, MatchMethod::kFuzzy};
  }
  return best;
}

// A Slavic name as German writes it (Wolodymyr Selenskyj, Gorbatschow,
// Jelzin) read as English writes it (Volodymyr Zelenskyy, Gorbachov,
// Yeltsin): tsch ch, sch sh, ch kh, w v, j y, z ts, and s before a vowel
// at the start z. Empty when the reading is the word itself.
std::string GermanSlavicReading(std::string_view word) {
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
  std::string out;
  out.reserve(word.size() + 2);
  for (size_t i = 0; i < word.size(); ++i) {
    const std::string_view rest = word.substr(i);
    if (rest.starts_with("tsch")) out += "ch", i += 3;
    else if (rest.starts_with("sch")) out += "sh", i += 2;
    else if (rest.starts_with("ch")) out += "kh", ++i;
    else if (word[i] == 'w') out += 'v';
    else if (word[i] == 'j') out += 'y';
    else if (word[i] == 'z') out += "ts";
    else if (i == 0 && word[0] == 's' && word.size() > 1 && vowel(word[1])) out += 'z';
    else out += word[i];
  }
  return out == word ? std::string() : out;
}

const std::string& GermanSlavicReadingOf(const std::string& folded) {
  constexpr size_t kCapacity = 4096;
  return PerThread<std::string>(folded, kCapacity,
                                [](const std::string& f) { return GermanSlavicReading(f); });
}

// Usual short forms of given names, each with the names it shortens
// (folded, as name analysis writes them).
const std::unordered_map<std::string_view, std::vector<std::string_view>>& Nicknames() {
  static const auto* table = new std::unordered_map<std::string_view, std::vector<std::string_view>>{
      // English
      {"al", {"albert", "alfred", "alan", "allan"}}, {"abe", {"abraham"}},
      {"alex", {"alexander", "alexandra", "aleksandr"}}, {"andy", {"andrew"}},
      {"ben", {"benjamin"}}, {"bibi", {"benjamin"}}, {"bill", {"william"}},
      {"billy", {"william"}}, {"bob", {"robert"}}, {"bobby", {"robert"}},
      {"charlie", {"charles"}}, {"chuck", {"charles"}}, {"chris", {"christopher", "christian"}},
      {"dan", {"daniel"}}, {"danny", {"daniel"}}, {"dave", {"david"}}, {"dick", {"richard"}},
      {"don", {"donald"}}, {"doug", {"douglas"}}, {"ed", {"edward", "edwin"}},
      {"eddie", {"edward"}}, {"fred", {"frederick", "alfred"}}, {"frank", {"francis"}},
      {"greg", {"gregory"}}, {"hank", {"henry"}}, {"harry", {"henry", "harold"}},
      {"jack", {"john"}}, {"jeff", {"jeffrey"}}, {"jerry", {"gerald", "jerome"}},
      {"jim", {"james"}}, {"jimmy", {"james"}}, {"joe", {"joseph"}}, {"johnny", {"john"}},
      {"ken", {"kenneth"}}, {"larry", {"lawrence"}}, {"matt", {"matthew"}},
      {"mike", {"michael"}}, {"mick", {"michael"}}, {"nick", {"nicholas"}},
      {"pat", {"patrick", "patricia"}}, {"pete", {"peter"}}, {"rick", {"richard"}},
      {"rob", {"robert"}}, {"ron", {"ronald"}}, {"sam", {"samuel", "samantha"}},
      {"steve", {"steven", "stephen"}}, {"ted", {"edward", "theodore"}},
      {"teddy", {"edward", "theodore"}}, {"tim", {"timothy"}}, {"tom", {"thomas"}},
      {"tommy", {"thomas"}}, {"tony", {"anthony"}}, {"walt", {"walter"}},
      {"will", {"william"}}, {"kate", {"katherine", "catherine"}}, {"katie", {"katherine"}},
      {"liz", {"elizabeth"}}, {"beth", {"elizabeth"}}, {"betty", {"elizabeth"}},
      {"peggy", {"margaret"}}, {"maggie", {"margaret"}}, {"sue", {"susan"}},
      {"jenny", {"jennifer"}}, {"jen", {"jennifer"}},
      // Russian
      {"sasha", {"aleksandr", "alexander", "aleksandra"}}, {"misha", {"mikhail"}},
      {"volodya", {"vladimir"}}, {"vova", {"vladimir"}}, {"kolya", {"nikolay", "nikolai"}},
      {"dima", {"dmitriy", "dmitry", "dmitri"}}, {"seryozha", {"sergey", "sergei"}},
      {"lyosha", {"aleksey", "alexei"}}, {"pasha", {"pavel"}}, {"petya", {"petr", "pyotr"}},
      {"vanya", {"ivan"}}, {"kostya", {"konstantin"}}, {"zhenya", {"yevgeniy", "evgeny"}},
      {"yura", {"yuriy", "yuri"}}, {"tolya", {"anatoliy", "anatoly"}},
      {"slava", {"vyacheslav", "stanislav"}}, {"natasha", {"natalya", "natalia"}},
      {"masha", {"mariya", "maria"}}, {"katya", {"yekaterina", "ekaterina"}},
      {"tanya", {"tatyana", "tatiana"}}, {"sveta", {"svetlana"}}};
  return *table;
}

// Whether a folded part ends as an East Slavic father's name does.
// The endings of Russian, Ukrainian and Belarusian patronymics, a son's
// then a daughter's (kFeminineEndings on).
constexpr std::string_view kPatronymicEndings[] = {"ovich", "evich", "ovych", "evych", "avich",
                                                   "ich",   "ovna",  "evna",  "ivna",  "auna"};
constexpr size_t kFeminineEndings = 6;

// The ending of a patronymic `folded` ends with (an index into
// kPatronymicEndings), or -1.
int PatronymicEnding(std::string_view folded) {
  for (size_t i = 0; i < std::size(kPatronymicEndings); ++i) {
    std::string_view end = kPatronymicEndings[i];
    if (folded.size() > end.size() + 2 && folded.ends_with(end)) return static_cast<int>(i);
  }
  return -1;
}

bool IsPatronymic(std::string_view folded) { return PatronymicEnding(folded) >= 0; }

// Two patronymics name two fathers: they are compared by the fathers'
// names, since the ending they share proves nothing (Vitalyevich /
// Anatolyevich, Sergeyevich / Yevgenyevich: another name, 0). A son's and
// a daughter's of one father (Vladimirovich / Vladimirovna) are two people:
// 0.6, a part that does not carry a match. Otherwise (one father's name in
// two spellings or with a typo, or a part that is no patronymic) nullopt:
// the comparison goes on.
std::optional<PartSimilarity> ComparePatronymics(std::string_view a, std::string_view b) {
  // Every ending ends in -ch or -na: most pairs part here (this runs for
  // every pair of parts compared).
  auto may_be = [](std::string_view w) {
    return w.size() > 5 && (w.ends_with("ch") || w.ends_with("na"));
  };
  if (!may_be(a) || !may_be(b)) return std::nullopt;
  const int ea = PatronymicEnding(a), eb = PatronymicEnding(b);
  // One typo apart is one name misspelt (Petrovich / Pterovich), whichever
  // letters it changed.
  if (ea < 0 || eb < 0 || BoundedEditDistance(a, b, 1) <= 1) return std::nullopt;
  std::string_view fa = a.substr(0, a.size() - kPatronymicEndings[ea].size());
  std::string_view fb = b.substr(0, b.size() - kPatronymicEndings[eb].size());
  // The y or i before -evich, -evna belongs to the father's name
  // (Sergeyevich, Sergeevich): left out, as vowels of one name may vary.
  auto trim = [](std::string_view f) {
    return f.size() > 3 && (f.back() == 'y' || f.back() == 'i' || f.back() == 'e')
               ? f.substr(0, f.size() - 1)
               : f;
  };
  fa = trim(fa);
  fb = trim(fb);
  if (fa != fb && Ratio(fa, fb) < 0.6) return PartSimilarity{0, MatchMethod::kFuzzy};
  const bool feminine_a = static_cast<size_t>(ea) >= kFeminineEndings;
  const bool feminine_b = static_cast<size_t>(eb) >= kFeminineEndings;
  if (feminine_a != feminine_b) return PartSimilarity{0.6, MatchMethod::kFuzzy};
  return std::nullopt;
}

// Whether `baltic` is `other` with a Latvian or Lithuanian nominative
// ending, five letters or more ("lavrovs" / "lavrov", "sergejs" /
// "sergey", "andrejus" / "andrey", "petras" / "petr").
bool BalticEnding(std::string_view baltic, std::string_view other) {
  if (baltic.size() < 5 || baltic.back() != 's' || other.size() < 4 || other.size() >= baltic.size())
    return false;
  for (std::string_view end : {"jus", "js"})  // j for the y of Sergey, Andrey
    if (baltic.ends_with(end) && other.back() == 'y' &&
        baltic.substr(0, baltic.size() - end.size()) == other.substr(0, other.size() - 1))
      return true;
  for (std::string_view end : {"as", "us", "is", "s"})
    if (baltic.ends_with(end) && baltic.size() - end.size() == other.size() &&
        !LatinVowel(other.back()) && baltic.starts_with(other))
      return true;
  return false;
}

}  // namespace

bool IsNickname(std::string_view a, std::string_view b) {
  constexpr size_t kLongest = 8;  // seryozha
  // The first two letters of every short form with the first letter of
  // each full name it shortens, a bit each: most pairs of parts compared are
  // no short form and its name (and most short forms begin as their names
  // do), and this turns them away without hashing. Its index, or kNone.
  constexpr size_t kLetters = 26, kNone = kLetters * kLetters * kLetters;
  auto start = [](std::string_view nick, std::string_view full) {
    const auto x = static_cast<size_t>(static_cast<unsigned char>(nick[0]) - 'a');
    const auto y = static_cast<size_t>(static_cast<unsigned char>(nick[1]) - 'a');
    const auto z = static_cast<size_t>(static_cast<unsigned char>(full[0]) - 'a');
    return x < kLetters && y < kLetters && z < kLetters ? (x * kLetters + y) * kLetters + z
                                                        : kNone;
  };
  static const std::bitset<kNone> kStarts = [&] {
    std::bitset<kNone> starts;
    for (const auto& [nick, fulls] : Nicknames())
      for (std::string_view full : fulls)
        if (nick.size() >= 2 && !full.empty())
          if (size_t at = start(nick, full); at != kNone) starts[at] = true;
    return starts;
  }();
  auto shortens = [&](std::string_view nick, std::string_view full) {
    if (nick.size() < 2 || nick.size() > kLongest || nick.size() > full.size()) return false;
    if (size_t at = start(nick, full); at == kNone || !kStarts[at]) return false;
    auto it = Nicknames().find(nick);
    return it != Nicknames().end() &&
           std::find(it->second.begin(), it->second.end(), full) != it->second.end();
  };
  return shortens(a, b) || shortens(b, a);
}

std::string Initials(const AnalyzedName& name) {
  std::string out;
  for (const NamePart& p : name.parts) {
    if (p.role == PartRole::kLegalForm || p.role == PartRole::kNoise || p.folded.empty()) continue;
    out += p.folded[0];
  }
  return out.size() >= 2 ? out : std::string();
}

std::vector<std::string> ArabicStyleSpellings(std::string_view folded) {
  const std::vector<Place> places = PlacesOf(folded);
  if (places.empty()) return {};
  // The ways present and how many readings each has; a way is read one way
  // throughout the name, and the ways are combined, the first ones varying
  // fastest, up to kMaxReadings spellings.
  constexpr size_t kMaxReadings = 48;
  std::array<int, static_cast<int>(Way::kCount)> radix{};
  for (const Place& p : places) {
    int n = 0;
    for (auto r : p.readings) n += r.data() != nullptr;
    radix[static_cast<int>(p.way)] = std::max(radix[static_cast<int>(p.way)], n);
  }
  std::array<int, static_cast<int>(Way::kCount)> choice{};
  std::vector<std::string> out;
  for (size_t tried = 0; tried < 4 * kMaxReadings && out.size() < kMaxReadings; ++tried) {
    std::string s;
    s.reserve(folded.size() + 6);
    size_t from = 0;
    for (const Place& p : places) {
      s.append(folded.substr(from, p.at - from));
      int k = std::min(choice[static_cast<int>(p.way)], 2);
      while (k > 0 && p.readings[k].data() == nullptr) --k;
      s.append(p.readings[k]);
      from = p.at + p.length;
    }
    s.append(folded.substr(from));
    if (s != folded && std::find(out.begin(), out.end(), s) == out.end())
      out.push_back(std::move(s));
    // The next combination, mixed radix.
    size_t w = 0;
    for (; w < choice.size(); ++w) {
      if (radix[w] <= 1) continue;
      if (++choice[w] < radix[w]) break;
      choice[w] = 0;
    }
    if (w == choice.size()) break;
  }
  return out;
}

// Written Arabic vowels without their kind in the Latin spelling (0 unless
// exactly one side is in Arabic script).
int VowelConflicts(int arabic_side, const NamePart& a, const NamePart& b) {
  if (!arabic_side) return 0;
  const NamePart& arabic = arabic_side == 1 ? a : b;
  const NamePart& latin = arabic_side == 1 ? b : a;
  return VowelConflicts(SkeletonVowels(arabic.folded, false), SkeletonVowels(latin.folded, true));
}

PartSimilarity CompareParts(const NamePart& a, const NamePart& b, bool cross_script,
                            int arabic_side, int cyrillic_side) {
  const MatchMethod exact = cross_script ? MatchMethod::kTransliterated : MatchMethod::kExact;
  if (a.folded == b.folded) return {1.0, exact};
  if ((!a.alt.empty() && (a.alt == b.folded || a.alt == b.alt)) ||
      (!b.alt.empty() && b.alt == a.folded)) {
    // A glued article read off ("alqaeda" / "qaeda") is the same name; a
    // compound with Abd against the bare name ("Abdul Mohammed" /
    // "Mohammed") is a close but different one.
    bool a_abd = a.folded.rfind("abd", 0) == 0, b_abd = b.folded.rfind("abd", 0) == 0;
    if (a_abd != b_abd) return {0.9, exact, a_abd ? 1 : 2};
    return {0.95, exact};
  }
  if (a.has_digit || b.has_digit) return {0, MatchMethod::kExact};
  if (a.initial || b.initial) {
    if (a.folded[0] == b.folded[0]) return {0.8, MatchMethod::kInitial};
    return {0, MatchMethod::kInitial};
  }
  if (auto fathers = ComparePatronymics(a.folded, b.folded)) return *fathers;
  // Equal consonant skeletons: the shorter the key, the less it proves.
  // In one script, spellings of one name have about the same length: a
  // skeleton shared by "Schuster" and "Star" proves little.
  const double lengths = static_cast<double>(std::min(a.folded.size(), b.folded.size())) /
                         static_cast<double>(std::max<size_t>(1, std::max(a.folded.size(), b.folded.size())));
  const double length_factor = cross_script ? 1.0 : std::min(1.0, lengths / 0.7);
  const size_t key = std::min(a.skeleton.size(), b.skeleton.size());
  // A name of another language in Cyrillic: the Latin spelling read as
  // Russian writes that language (Zedong Цзэдун, Heinrich Генрих).
  // Made when first needed: most pairs meet or part before.
  std::optional<PartSimilarity> read_as_russian;
  auto russian = [&]() -> PartSimilarity {
    if (!read_as_russian)
      read_as_russian = !(cross_script && cyrillic_side) ? PartSimilarity{0, MatchMethod::kSkeleton}
                        : cyrillic_side == 1             ? ReadAsRussianWrites(a, b)
                                                         : ReadAsRussianWrites(b, a);
    return *read_as_russian;
  };
  // One skeleton whose written Arabic vowels do not fit the Latin ones: kept
  // unless a foreign name's reading of the Latin spelling fits them (below).
  PartSimilarity vowels_differ{0, MatchMethod::kSkeleton};
  if (a.skeleton == b.skeleton && !a.skeleton.empty()) {
    // Cyrillic writes its vowels: a short skeleton with other vowels is
    // another name (Гёте / Goto), and one vowel of another kind is enough
    // (Нина / Nana, Лора / Lara), where spellings in one script may differ
    // by more.
    const bool other_vowels =
        cyrillic_side && key <= 2 &&
        SameScriptVowelConflicts(SkeletonVowels(a.folded), SkeletonVowels(b.folded)) >=
            kOtherNameVowelHalves - 1;
    if (cross_script && !other_vowels) {
      const int conflicts = VowelConflicts(arabic_side, a, b);
      const double sim = (key >= 3 ? 0.95 : key == 2 ? 0.85 : 0.75) - 0.15 * conflicts;
      if (sim >= 0.6 && conflicts == 0)
        return sim >= 0.95 || sim >= russian().similarity
                   ? PartSimilarity{sim, MatchMethod::kSkeleton}
                   : russian();
      if (sim >= 0.6) vowels_differ.similarity = sim;
    } else if (!cross_script) {
      double ratio = Ratio(a.folded, b.folded);
      // One skeleton, other vowels: beyond what spellings of one name vary
      // by (SameScriptVowelConflicts), another name (Mahmoud / Muhammad),
      // unless the letters are a typo apart.
      const int halves =
          SameScriptVowelConflicts(SkeletonVowels(a.folded), SkeletonVowels(b.folded));
      const PartSimilarity typo =
          ratio >= 0.75 ? PartSimilarity{0.95 * ratio, MatchMethod::kFuzzy}
                        : PartSimilarity{0, MatchMethod::kSkeleton};
      if (halves >= kOtherNameVowelHalves) return typo;
      // One consonant in common proves little: Bwi / Bae are two words.
      if (key >= 3 || (key == 2 && ratio >= 0.5) || (a.folded[0] == b.folded[0] && (key >= 2 || ratio >= 0.5))) {
        const double sim =
            length_factor * std::clamp(0.65 + 0.35 * ratio, 0.75, key >= 3 ? 0.95 : 0.92) -
            kVowelHalfPenalty * halves;
        return sim >= typo.similarity ? PartSimilarity{sim, MatchMethod::kSkeleton} : typo;
      }
    }
  }
  const bool may_read_as_russian = cross_script && cyrillic_side;
  if (may_read_as_russian && russian().similarity >= 0.9) return russian();
  // Consonants that meet across scripts, position by position: Arabic ض, ذ
  // and ظ are d in Arabic spellings, z in Persian and Pashto ones (Fadl,
  // Fazl); and Arabic script, which has no p or v and writes a voiced s as
  // ز, writes foreign names with ب for p, ف for v and ز for s (Jospin
  // جوسبان, Dobrev دوبراف, Evans إفانز).
  if (cross_script && a.skeleton != b.skeleton &&
      SkeletonsMeet(a.skeleton, b.skeleton, arabic_side) && VowelConflicts(arabic_side, a, b) == 0)
    return {0.85, MatchMethod::kSkeleton};
  // A foreign name in Arabic script writes g as ج (as Egyptian Arabic does)
  // or غ, ch as تش, a soft c as س or تش: the Latin spelling read so
  // (Kroeger كروجر, Chanov تشانوف, Cecily سيسلي, Antic أنتيتش).
  if (cross_script && arabic_side) {
    const NamePart& arabic = arabic_side == 1 ? a : b;
    const NamePart& latin = arabic_side == 1 ? b : a;
    // A final ه after a letter is, in a foreign name, the vowel e (Cornet
    // كورنيه, Jaissle يايسله): the Arabic spelling is read both ways.
    const std::string& folded = arabic.folded;
    const bool final_e = folded.size() >= 4 && folded.back() == 'h' && !latin.skeleton.empty() &&
                         latin.skeleton.back() != 'h';
    if (arabic.skeleton.size() >= 3) {  // SkeletonsMeet needs three consonants
      const std::string e_read = final_e ? folded.substr(0, folded.size() - 1) + "e" : std::string();
      const std::string e_skeleton = final_e ? Skeleton(e_read, false) : std::string();
      const std::string e_vowels = final_e ? SkeletonVowels(e_read, false) : std::string();
      std::string arabic_vowels;
      for (const StyledReading& reading : ArabicReadingsOf(latin.folded)) {
        if (reading.as_written && !final_e) continue;  // compared above
        const bool as_written = SkeletonsMeet(arabic.skeleton, reading.skeleton, 1);
        if (!as_written && !(final_e && SkeletonsMeet(e_skeleton, reading.skeleton, 1))) continue;
        if (as_written && arabic_vowels.empty()) arabic_vowels = SkeletonVowels(folded, false);
        if (VowelConflicts(as_written ? arabic_vowels : e_vowels, reading.vowels) == 0)
          return {std::max(0.85, vowels_differ.similarity), MatchMethod::kSkeleton};
      }
    }
  }
  if (vowels_differ.similarity > 0) return vowels_differ;
  if (may_read_as_russian && russian().similarity > 0) return russian();
  // The same without w/y glides ("Awwad" / "Wad").
  if ((!a.bare.empty() || !b.bare.empty()) && BareKey(a) == BareKey(b) && !BareKey(a).empty()) {
    size_t bare = BareKey(a).size();
    if (cross_script && bare >= 3 && a.skeleton != b.skeleton &&
        VowelConflicts(arabic_side, a, b) == 0)
      return {0.85, MatchMethod::kSkeleton};
    if (bare >= 3) return {0.8 * length_factor, MatchMethod::kSkeleton};
  }
  if (!cross_script && IsNickname(a.folded, b.folded)) return {0.85, MatchMethod::kNickname};
  // Latvian and Lithuanian write foreign names with a nominative ending
  // (Sergejs Lavrovs, Sergey Lavrov).
  // (Only the longer of the two can carry the ending.)
  if (!cross_script && a.folded.size() != b.folded.size() &&
      (a.folded.size() > b.folded.size() ? BalticEnding(a.folded, b.folded)
                                         : BalticEnding(b.folded, a.folded)))
    return {0.9, MatchMethod::kFuzzy};
  if (!cross_script && a.folded.size() >= 3 && VoicingEqual(a.folded, b.folded))
    return {0.88, MatchMethod::kPhonetic};
  // A Slavic name in German spelling against its English spelling: read
  // the German way, the same letters (Selenskyj / Zelenskyy).
  if (!cross_script && a.folded.size() >= 4 && b.folded.size() >= 4) {
    // Most pairs part at the first letter the reading would start with,
    // before the reading is looked up.
    auto first_read = [](const std::string& w) {
      switch (w[0]) {
        case 'w': return 'v';
        case 'j': return 'y';
        case 'z': return 't';
        case 'c': return w[1] == 'h' ? 'k' : 'c';
        case 's':
          if (w.starts_with("sch")) return 's';
          return std::string_view("aeiouy").find(w[1]) != std::string_view::npos ? 'z' : 's';
        default: return w[0];
      }
    };
    constexpr uint64_t kGermanLetters = (uint64_t{1} << ('w' & 63)) | (uint64_t{1} << ('j' & 63)) |
                                        (uint64_t{1} << ('z' & 63)) | (uint64_t{1} << ('h' & 63));
    auto german = [&](const NamePart& x, const NamePart& y) {
      if (!(x.letters & kGermanLetters) || first_read(x.folded) != y.folded[0]) return false;
      const std::string& reading = GermanSlavicReadingOf(x.folded);
      return !reading.empty() && reading == y.folded;
    };
    if (german(a, b) || german(b, a)) return {0.9, MatchMethod::kTransliterated};
  }
  const std::string& shorter = a.folded.size() <= b.folded.size() ? a.folded : b.folded;
  const std::string& longer = a.folded.size() <= b.folded.size() ? b.folded : a.folded;
  // Two compounds with Abd are told apart by the name after it (Abd
  // al-Rahim / Abd al-Rahman): their shared Abd is no letters in common.
  constexpr std::string_view kAbd = "abd";
  if (a.folded.starts_with(kAbd) && b.folded.starts_with(kAbd) && a.folded.size() > 5 &&
      b.folded.size() > 5) {
    const std::string_view x = std::string_view(a.folded).substr(kAbd.size());
    const std::string_view y = std::string_view(b.folded).substr(kAbd.size());
    const double rest = RatioAtLeast(x, y, 0.75, LetterMask(x), LetterMask(y));
    return rest >= 0.75 ? PartSimilarity{0.95 * rest, MatchMethod::kFuzzy}
                        : PartSimilarity{0, MatchMethod::kFuzzy};
  }
  // Consonants nearly alike prove a spelling of one name only when the
  // letters as written are not much further apart than that: Kostin and
  // Celestin share most consonants but half their letters differ.
  double ratio = RatioAtLeast(a.folded, b.folded, 0.75, a.letters, b.letters);
  if (a.skeleton.size() >= 3 && b.skeleton.size() >= 3 && ratio < 0.95) {
    const double consonants = 0.95 * RatioAtLeast(a.skeleton, b.skeleton, 0.75 / 0.95,
                                                  a.skeleton_letters, b.skeleton_letters);
    if (consonants > ratio &&
        (cross_script || ratio > 0 ||
         RatioAtLeast(a.folded, b.folded, kSkeletonLettersFloor, a.letters, b.letters) > 0))
      ratio = consonants;
  }
  if (longer.size() >= 4 && ratio >= 0.75) return {0.95 * ratio, MatchMethod::kFuzzy};
  // A father's name made of the given name (Oleksandr / Oleksandrovych) is
  // another part of the name, not a longer spelling of it. Two words that
  // both names mark as their family names are two families when one only
  // begins the other (Shah / Shahriyari, Hassan / Hassanzadeh): family names
  // are written out, not shortened.
  if (shorter.size() >= 3 && longer.rfind(shorter, 0) == 0 &&
      !(IsPatronymic(longer) && !IsPatronymic(shorter)) && !(a.family && b.family))
    return {0.7, MatchMethod::kPrefix};
  const std::string& short_key = a.skeleton.size() <= b.skeleton.size() ? a.skeleton : b.skeleton;
  const std::string& long_key = a.skeleton.size() <= b.skeleton.size() ? b.skeleton : a.skeleton;
  if (cross_script && short_key.size() >= 3 && long_key.rfind(short_key, 0) == 0 &&
      !(IsPatronymic(longer) && !IsPatronymic(shorter)))
    return {0.7, MatchMethod::kPrefix};
  return {0, MatchMethod::kFuzzy};
}

namespace {

// Edit distance of two strings of code points, each code point standing for
// a byte (two names hold far fewer than 255 distinct characters).
size_t EditDistance32(std::u32string_view a, std::u32string_view b) {
  std::unordered_map<char32_t, char> bytes;
  auto encode = [&](std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {
      auto [it, added] = bytes.try_emplace(c, static_cast<char>(bytes.size() % 255 + 1));
      out += it->second;
    }
    return out;
  };
  const std::string x = encode(a), y = encode(b);
  return EditDistance(x, y);
}

// Korean names in Latin letters: Revised Romanization (Gim Jeong-eun), the
// McCune-Reischauer spellings of North Korean names (Kim Chong Un) and the
// spellings people use (Kim Jong Un, Park Geun-hye, Lee Jae-myung) differ
// in letters, not in the name: plain and aspirated consonants (g k, j ch),
// the vowels eo, eu, u and o, l and r. A Hangul syllable (read by ICU in
// Revised Romanization) and a Latin spelling meet when they give one key.
constexpr double kKoreanReading = 0.92;
std::string KoreanKey(std::string_view folded) {
  // Surnames whose usual spellings follow neither system.
  static const std::unordered_map<std::string_view, std::string_view> kSurnames = {
      {"lee", "i"},   {"rhee", "i"},  {"yi", "i"},    {"yee", "i"},   {"park", "bak"},
      {"pak", "bak"}, {"choi", "choe"}, {"oh", "o"},  {"ahn", "an"},  {"noh", "no"},
      {"roh", "no"},  {"suh", "seo"}, {"hur", "heo"}, {"sohn", "son"}, {"shin", "sin"},
      {"shim", "sim"}, {"lim", "im"}, {"rim", "im"},  {"kwak", "gwak"}, {"chey", "choe"}};
  std::string_view word = folded;
  if (auto it = kSurnames.find(word); it != kSurnames.end()) word = it->second;
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  std::string key;
  key.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    const char next = i + 1 < word.size() ? word[i + 1] : '\0';
    char out = c;
    if (vowel(c)) {
      // eo, eu, u, oo: one o (Jeong / Jong / Chung, Geun / Gun); ae: e;
      // ui, ee: i (Hui / Hee); oi: oe (Choi / Choe).
      if ((c == 'e' && (next == 'o' || next == 'u')) || (c == 'o' && next == 'o')) out = 'o', ++i;
      else if (c == 'a' && next == 'e') out = 'e', ++i;
      else if ((c == 'u' && next == 'i') || (c == 'e' && next == 'e')) out = 'i', ++i;
      else if (c == 'o' && next == 'i') {
        key += "oe";
        ++i;
        continue;
      } else if (c == 'u') out = 'o';
    } else if (c == 'n' && next == 'g') {
      out = 'N', ++i;  // ng, one sound
    } else if (c == 'g' || c == 'k' || c == 'q') {
      out = 'k';
    } else if (c == 'd' || c == 't') {
      out = 't';
      if (c == 't' && next == 'c') continue;  // tch
    } else if (c == 'b' || c == 'p' || c == 'f') {
      out = 'p';
    } else if (c == 'j' || c == 'c' || c == 'z') {
      out = 'c';
    } else if (c == 'r' || c == 'l') {
      out = 'l';
    } else if (c == 'h' && !key.empty() && !vowel(word[i - 1]) && word[i - 1] != 'n' &&
               word[i - 1] != 'm') {
      continue;  // ch, kh, ph, th, sh: aspiration or a spelling of one sound
    }
    if (!key.empty() && key.back() == out && !vowel(out)) continue;  // kk, ss, jj
    key += out;
  }
  return key;
}

// Chinese names in Wade-Giles (Mao Tse-tung, Hsi Chin-ping, Teng
// Hsiao-ping) and in pinyin (Mao Zedong, Xi Jinping, Deng Xiaoping).

// Whether a word divides into pinyin syllables (cyrillic_readings.h):
// Chinese names are made of them, most other words are not.
bool Pinyin(std::string_view word) { return !PinyinSyllables(word).empty(); }

// A Wade-Giles spelling rewritten in pinyin's letters, aspiration marks
// (lost with the apostrophes) left to SinoFold: hs x, ts and tz z, j r
// (at the start), ch before i j, -ung -ong, -ieh -ie, -ien -ian, -uei -ui,
// -ih -i, -erh -er.
std::string WadeGilesToPinyin(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    const std::string_view rest = word.substr(i);
    if (rest.starts_with("hs")) out += 'x', ++i;
    else if (rest.starts_with("ts") || rest.starts_with("tz")) out += 'z', ++i;
    else if (i == 0 && word[0] == 'j') out += 'r';
    else if (rest.starts_with("chi") && rest != "chih") out += 'j', ++i;  // Chin, Chiang: j or q
    else if (rest.starts_with("ung")) out += "ong", i += 2;
    else if (rest.starts_with("ieh")) out += "ie", i += 2;
    else if (rest.starts_with("ien")) out += "ian", i += 2;
    else if (rest.starts_with("uei")) out += "ui", i += 2;
    else if (rest == "ih") out += 'i', ++i;
    else if (rest == "erh") out += "er", i += 2;
    else out += word[i];
  }
  return out;
}

// Whether a word is spelt in Wade-Giles: a letter group that pinyin never
// writes, and pinyin syllables once rewritten.
bool WadeGilesMarked(std::string_view word) {
  for (std::string_view group : {"hs", "ts", "tz", "ung", "ieh", "ien", "uei"})
    if (word.find(group) != std::string_view::npos) return true;
  return word.size() > 2 && word.ends_with("ih");
}

// A name with a word in Wade-Giles, every word a Chinese syllable or two.
// This runs for every pair of names compared: most turn away at the count
// of their parts, their lengths, or the letters they hold.
bool WadeGilesName(const AnalyzedName& name) {
  if (name.parts.size() < 2 || name.parts.size() > 4 || name.script != "Latn") return false;
  auto bit = [](char c) { return uint64_t{1} << (c & 63); };
  const uint64_t h = bit('h'), s = bit('s'), t = bit('t'), z = bit('z'), u = bit('u'),
                 n = bit('n'), g = bit('g'), i = bit('i'), e = bit('e');
  // Wade-Giles writes no b, d, q, v or x (p, t, ch, hs stand for them).
  const uint64_t never = bit('b') | bit('d') | bit('q') | bit('v') | bit('x');
  bool marked = false;
  for (const NamePart& p : name.parts) {
    if (p.folded.size() > 8 || (p.letters & never)) return false;
    const uint64_t l = p.letters;
    const bool may = ((l & h) && (l & s)) || ((l & t) && (l & (s | z))) ||
                     ((l & u) && (l & n) && (l & g)) || ((l & i) && (l & e)) ||
                     ((l & i) && (l & h));
    marked = marked || (may && WadeGilesMarked(p.folded));
  }
  if (!marked) return false;
  for (const NamePart& p : name.parts)
    if (!Pinyin(WadeGilesToPinyin(p.folded))) return false;
  return true;
}

// Pinyin with the distinctions Wade-Giles loses without its apostrophes
// folded away: b p, d t, g k, z c, and zh ch j q.
std::string SinoFold(std::string_view pinyin) {
  std::string out;
  out.reserve(pinyin.size());
  for (size_t i = 0; i < pinyin.size(); ++i) {
    const char c = pinyin[i];
    const char next = i + 1 < pinyin.size() ? pinyin[i + 1] : '\0';
    if ((c == 'z' || c == 'c') && next == 'h') out += 'j', ++i;
    else if (c == 'q') out += 'j';
    else if (c == 'p') out += 'b';
    else if (c == 't') out += 'd';
    else if (c == 'k') out += 'g';
    else if (c == 'c') out += 'z';
    else out += c;
  }
  return out;
}

constexpr double kWadeGilesReading = 0.88;

}  // namespace

double DenseListFactor(size_t listed_names) {
  constexpr double kDenseFrom = 50000, kPerDoubling = 0.5;
  if (listed_names <= kDenseFrom) return 1.0;
  return 1.0 + kPerDoubling * std::log2(static_cast<double>(listed_names) / kDenseFrom);
}

namespace {

// The acronym in parentheses that ends a name, folded ("HAQQANI NETWORK
// (HQN)" -> "hqn", "... - KHORASAN (ISIL-K)" -> "isilk"); empty when there
// is none. An acronym: 3 to 10 letters and digits (hyphens and dots aside),
// at least three of them capitals and none in lower case, whose first letter
// begins the name and at least half of whose letters begin one of its
// written words: not a country ("... FOUNDATION (PAKISTAN)") nor a word
// such as "(OFFSHORE)" added to tell a branch apart. Written words, not the
// parts' Initials(): an acronym keeps the article that analysis drops
// ("AL-QAIDA IN THE ARABIAN PENINSULA (AQAP)").
std::string StatedAcronym(const AnalyzedName& name) {
  std::string_view text = name.original;
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.size() < 4 || text.back() != ')') return {};
  const size_t open = text.rfind('(');
  if (open == std::string_view::npos) return {};
  std::string folded;
  int capitals = 0;
  for (char c : text.substr(open + 1, text.size() - open - 2)) {
    if (c >= 'A' && c <= 'Z') {
      ++capitals;
      folded += static_cast<char>(c - 'A' + 'a');
    } else if (c >= '0' && c <= '9') {
      folded += c;
    } else if (c != '-' && c != '.') {
      return {};  // lower case, spaces, other signs: not an acronym
    }
  }
  if (capitals < 3 || folded.size() > 10) return {};
  std::string initials;
  bool in_word = false;
  for (char c : text.substr(0, open)) {
    const bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (letter && !in_word) initials += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    in_word = letter || c == '\'' || c == '.';
  }
  if (initials.size() < 2 || folded[0] != initials[0]) return {};
  size_t begins = 0;
  for (char c : folded) begins += initials.find(c) != std::string::npos;
  return 2 * begins >= folded.size() ? folded : std::string();
}

}  // namespace

NameComparison NameScorer::Compare(const AnalyzedName& query, const AnalyzedName& candidate,
                                   bool explain) const {
  NameComparison result;
  const bool cross_script = query.script != candidate.script && query.script != "Zyyy" &&
                            candidate.script != "Zyyy";
  const bool structured = query.has_nasab && candidate.has_nasab;
  const int arabic_side = !cross_script                                            ? 0
                          : query.script == "Arab" && candidate.script == "Latn" ? 1
                          : candidate.script == "Arab" && query.script == "Latn" ? 2
                                                                                 : 0;
  const int cyrillic_side = !cross_script                                            ? 0
                            : query.script == "Cyrl" && candidate.script == "Latn" ? 1
                            : candidate.script == "Cyrl" && query.script == "Latn" ? 2
                                                                                   : 0;
  const bool korean = cross_script && ((query.script == "Hang" && candidate.script == "Latn") ||
                                        (candidate.script == "Hang" && query.script == "Latn"));
  // 1 when the query is written in Wade-Giles and the listed name not, 2
  // the other way round (a name in Han characters is read in pinyin).
  const bool q_wade_giles = WadeGilesName(query), c_wade_giles = WadeGilesName(candidate);
  const int wade_giles = q_wade_giles == c_wade_giles ? 0 : q_wade_giles ? 1 : 2;
  const double joined_floor = korean ? kKoreanReading : wade_giles ? kWadeGilesReading : 1.0;
  CompareScratch& scratch = ThreadCompareScratch();
  std::vector<NamePart> q_joined, c_joined;  // usually empty: no allocation
  std::vector<Unit>& qu = scratch.qu;
  std::vector<Unit>& cu = scratch.cu;
  Units(query, candidate, q_joined, qu, wade_giles == 1);
  Units(candidate, query, c_joined, cu, wade_giles == 2);
  std::vector<Option>& options = scratch.options;
  options.clear();
  for (size_t i = 0; i < qu.size(); ++i) {
    for (size_t j = 0; j < cu.size(); ++j) {
      if (qu[i].count == 2 && cu[j].count == 2) continue;
      PartSimilarity sim =
          CompareParts(*qu[i].part, *cu[j].part, cross_script, arabic_side, cyrillic_side);
      if (korean && sim.similarity < kKoreanReading &&
          KoreanKey(qu[i].part->folded) == KoreanKey(cu[j].part->folded))
        sim = {kKoreanReading, MatchMethod::kTransliterated};
      if (wade_giles && sim.similarity < kWadeGilesReading) {
        const std::string& wg = (wade_giles == 1 ? qu[i] : cu[j]).part->folded;
        const std::string& pinyin = (wade_giles == 1 ? cu[j] : qu[i]).part->folded;
        if (Pinyin(pinyin) && SinoFold(WadeGilesToPinyin(wg)) == SinoFold(pinyin))
          sim = {kWadeGilesReading, MatchMethod::kTransliterated};
      }
      if (sim.similarity <= 0) continue;
      bool joined = qu[i].count == 2 || cu[j].count == 2;
      if (joined) {
        if (sim.similarity < 0.85) continue;
        // Skeletons of two words prove little across scripts; a reading
        // of one romanisation as another (Korean, Wade-Giles) holds across
        // two joined words as across one.
        if (cross_script && sim.similarity < joined_floor) continue;
        sim.method = MatchMethod::kJoined;
      }
      if ((qu[i].part->role == PartRole::kLegalForm) != (cu[j].part->role == PartRole::kLegalForm))
        continue;
      bool mismatch = structured && !RolesAgree(*qu[i].part, *cu[j].part);
      if (mismatch) sim.similarity *= options_.nasab_mismatch;
      double weight = (qu[i].part->weight + cu[j].part->weight) / 2;
      options.push_back({i, j, sim, weight, sim.similarity * weight, mismatch});
    }
  }
  std::stable_sort(options.begin(), options.end(),
                   [](const Option& a, const Option& b) { return a.value > b.value; });
  std::vector<bool>& q_used = scratch.q_used;
  std::vector<bool>& c_used = scratch.c_used;
  q_used.assign(query.parts.size(), false);
  c_used.assign(candidate.parts.size(), false);
  std::vector<Chosen>& chosen = scratch.chosen;
  chosen.clear();
  for (const auto& o : options) {
    const Unit& a = qu[o.q];
    const Unit& b = cu[o.c];
    bool free = true;
    for (size_t k = 0; k < a.count; ++k) free &= !q_used[a.first + k];
    for (size_t k = 0; k < b.count; ++k) free &= !c_used[b.first + k];
    if (!free) continue;
    for (size_t k = 0; k < a.count; ++k) q_used[a.first + k] = true;
    for (size_t k = 0; k < b.count; ++k) c_used[b.first + k] = true;
    chosen.push_back({&o, o.sim.similarity, o.role_mismatch});
  }
  if (structured) {
    // Inside the chain, order must hold: X bin Y never meets Y bin X.
    auto place = [](const NamePart& p) { return p.role == PartRole::kNisba ? 1000 : p.nasab_position; };
    for (size_t x = 0; x < chosen.size(); ++x)
      for (size_t y = 0; y < chosen.size(); ++y) {
        const NamePart& qx = *qu[chosen[x].option->q].part;
        const NamePart& qy = *qu[chosen[y].option->q].part;
        const NamePart& cx = *cu[chosen[x].option->c].part;
        const NamePart& cy = *cu[chosen[y].option->c].part;
        if (chosen[x].mismatch || chosen[y].mismatch) continue;
        if (qx.role == PartRole::kGiven || qy.role == PartRole::kGiven) continue;
        if (cx.role == PartRole::kGiven || cy.role == PartRole::kGiven) continue;
        if (place(qx) < place(qy) && place(cx) > place(cy)) {
          auto& weaker = chosen[x].similarity <= chosen[y].similarity ? chosen[x] : chosen[y];
          weaker.mismatch = true;
          weaker.similarity *= options_.nasab_mismatch;
        }
      }
  }
  double matched = 0, matched_weight = 0;
  bool any_mismatch = false;
  double q_abd = 0, c_abd = 0;  // Abd of a compound met by the bare name: unmatched
  for (const auto& c : chosen) {
    const Option& o = *c.option;
    if (o.sim.abd_side == 1) q_abd += kAbdWeight;
    if (o.sim.abd_side == 2) c_abd += kAbdWeight;
    matched += c.similarity * o.weight;
    matched_weight += o.weight;
    any_mismatch |= c.mismatch;
    if (explain)
      result.pairs.push_back(
          {qu[o.q].part->text, cu[o.c].part->text, o.sim.method, c.similarity, o.weight,
           c.mismatch ? "at a different place in the nasab chain" : "",
           static_cast<uint32_t>(qu[o.q].first), static_cast<uint32_t>(qu[o.q].count),
           static_cast<uint32_t>(cu[o.c].first), static_cast<uint32_t>(cu[o.c].count)});
  }

  // A title set aside in one name and kept in the other, where it was left
  // as a word of a short name ("AMIR ABDULLAH" / "Amir Sayyid Abdullah"),
  // is the same word: neither matched nor missing.
  bool titles = false;
  auto title_kept = [&](const AnalyzedName& name, const AnalyzedName& other,
                        std::vector<bool>& used) {
    if (other.honorifics.empty()) return;
    for (size_t i = 0; i < name.parts.size(); ++i)
      if (!used[i] && std::find(other.honorifics.begin(), other.honorifics.end(),
                                name.parts[i].folded) != other.honorifics.end())
        used[i] = titles = true;
  };
  title_kept(query, candidate, q_used);
  title_kept(candidate, query, c_used);
  if (titles && explain)
    result.adjustments.push_back(
        {"title", "a title set aside in one name is a word of the other: left out of both"});

  // When both names say which part is the family name (a comma, or
  // capitals), a family name met by a given name of the other, while the
  // other's own family name goes unmatched, names another family ("Ali Min
  // NIKONOV" / "MIN, Ali"); and when only family names meet, the given
  // names that one name adds count as more than omitted.
  const bool organization =
      query.kind == NameKind::kOrganization || candidate.kind == NameKind::kOrganization;
  double family_conflict = 0;
  bool family_only = false;
  auto has_family = [](const AnalyzedName& n) {
    return std::any_of(n.parts.begin(), n.parts.end(), [](const NamePart& p) { return p.family; });
  };
  if (!organization && !chosen.empty() && has_family(query) && has_family(candidate)) {
    auto unmatched_family = [](const AnalyzedName& n, const std::vector<bool>& used) {
      double weight = 0;
      for (size_t i = 0; i < n.parts.size(); ++i)
        if (!used[i] && n.parts[i].family) weight = std::max(weight, n.parts[i].weight);
      return weight;
    };
    bool query_family_crossed = false, listed_family_crossed = false;
    family_only = !titles;  // a title in both names is a word in common beside the family name
    for (const auto& c : chosen) {
      const NamePart& q = *qu[c.option->q].part;
      const NamePart& l = *cu[c.option->c].part;
      listed_family_crossed |= l.family && !q.family;
      query_family_crossed |= q.family && !l.family;
      family_only &= q.family && l.family;
    }
    const double q_family = unmatched_family(query, q_used), l_family = unmatched_family(candidate, c_used);
    if ((listed_family_crossed && q_family > 0) || (query_family_crossed && l_family > 0)) {
      family_conflict = std::max({q_family, l_family, options_.contradiction_floor});
      if (explain)
        result.adjustments.push_back(
            {"family_name", "a family name met a given name of the other name, whose own family "
                            "name is left unmatched: another family"});
    }
  }

  // Unmatched parts: on both sides they contradict each other (a different
  // father's name counts even when the name is common); on one side only
  // they were omitted, which counts little, except numbers, which always
  // tell entities apart.
  double q_unmatched = 0, c_unmatched = 0, q_contradicting = 0, c_contradicting = 0;
  double numbers = 0;
  double q_nisba = 0, c_nisba = 0;
  bool q_has_nisba = false, c_has_nisba = false;
  // An initial left unmatched while the other name also has a part left
  // unmatched is another middle name ("William G. Frost" / "William W.
  // Frost"): in a person's name it contradicts as a part does.
  auto contradicting_weight = [&](const NamePart& p) {
    if (p.role == PartRole::kLegalForm || p.role == PartRole::kNoise) return p.weight;
    // In an organisation's name a letter is rarely an initial (Tehrik-e).
    if (p.initial && organization) return p.weight;
    return std::max(p.weight, options_.contradiction_floor);
  };
  q_unmatched += q_abd, c_unmatched += c_abd;
  if ((q_abd > 0 || c_abd > 0) && explain)
    result.adjustments.push_back(
        {"abd", "a compound with Abd met the bare name: its Abd is left unmatched"});
  q_contradicting += q_abd > 0 ? std::max(q_abd, options_.contradiction_floor) : 0;
  c_contradicting += c_abd > 0 ? std::max(c_abd, options_.contradiction_floor) : 0;
  for (size_t i = 0; i < query.parts.size(); ++i) {
    q_has_nisba |= query.parts[i].role == PartRole::kNisba;
    if (q_used[i]) continue;
    const NamePart& p = query.parts[i];
    if (p.has_digit || p.role == PartRole::kPlace) numbers += p.weight;
    else q_unmatched += p.weight, q_contradicting += contradicting_weight(p);
    if (explain) result.unmatched_query.push_back(p.text);
    if (p.role == PartRole::kNisba) q_nisba += p.weight;
  }
  for (size_t j = 0; j < candidate.parts.size(); ++j) {
    c_has_nisba |= candidate.parts[j].role == PartRole::kNisba;
    if (c_used[j]) continue;
    const NamePart& p = candidate.parts[j];
    if (p.has_digit || p.role == PartRole::kPlace) numbers += p.weight;
    else c_unmatched += p.weight, c_contradicting += contradicting_weight(p);
    if (explain) result.unmatched_candidate.push_back(p.text);
    if (p.role == PartRole::kNisba) c_nisba += p.weight;
  }
  if (numbers > 0 && explain)
    result.adjustments.push_back(
        {"number_or_place", "a number or a country appears in one name only, or differs"});
  double contradiction = 0;
  // Two chains that name different ancestors at one place (X bin A bin C /
  // X bin B bin C) name cousins or brothers, not one person: each such
  // place contradicts as a family name does.
  if (structured) {
    for (size_t i = 0; i < query.parts.size(); ++i) {
      const NamePart& q = query.parts[i];
      if (q_used[i] || q.role != PartRole::kNasab) continue;
      for (size_t j = 0; j < candidate.parts.size(); ++j) {
        const NamePart& c = candidate.parts[j];
        if (c_used[j] || c.role != PartRole::kNasab || c.nasab_position != q.nasab_position)
          continue;
        contradiction += options_.nisba_conflict - 1;
        if (explain)
          result.adjustments.push_back(
              {"ancestor_conflict",
               fmt::format("the chains name different ancestors at place {}", q.nasab_position)});
        break;
      }
    }
  }
  if (q_nisba > 0 && c_nisba > 0) {
    contradiction += (options_.nisba_conflict - 1) * std::min(q_nisba, c_nisba);
    if (explain) result.adjustments.push_back(
        {"nisba_conflict", "the family or origin names (al-...) differ: contradicting evidence"});
  } else if ((q_nisba > 0 && !c_has_nisba) || (c_nisba > 0 && !q_has_nisba)) {
    if (explain) result.adjustments.push_back(
        {"nisba_omitted", "one name has a family or origin name the other omits: weak evidence"});
  }
  if (any_mismatch && explain)
    result.adjustments.push_back(
        {"nasab_order", "parts meet at different places of the bin/ibn chain"});
  double low = std::min(q_unmatched, c_unmatched), high = std::max(q_unmatched, c_unmatched);
  double conflicting = q_contradicting > 0 && c_contradicting > 0
                           ? std::min(q_contradicting, c_contradicting)
                           : 0;
  double omitted = organization ? options_.omitted_weight_organization : options_.omitted_weight;
  // One distinctive part in common is thin evidence when either name has
  // another distinctive part the other lacks ("Emma Hahn" / "Emma"): then
  // what is missing counts more.
  int distinctive_pairs = 0, equal_pairs = 0;
  for (const auto& c : chosen) {
    distinctive_pairs += qu[c.option->q].part->weight >= 0.45 && cu[c.option->c].part->weight >= 0.45;
    // A legal form is no part of the name proper: "CRYSTALORD LTD" holds
    // one word of a name, whatever its LTD meets.
    equal_pairs += c.similarity >= 1.0 && qu[c.option->q].part->role != PartRole::kLegalForm;
  }
  auto distinctive_unmatched = [](const AnalyzedName& name, const std::vector<bool>& used) {
    for (size_t i = 0; i < name.parts.size(); ++i)
      if (!used[i] && name.parts[i].weight >= 0.45) return true;
    return false;
  };
  // A common part spelled the same way beside it ("KOROBOV, Igor" /
  // "KOROBOV, Igor Valentinovich") makes a full name with a part left out.
  const bool thin = distinctive_pairs == 0 || (distinctive_pairs == 1 && equal_pairs < 2);
  // With only family names in common, any given name one side adds counts,
  // however common (a list caps the weight of common given names under
  // the 0.45 that makes a part distinctive).
  auto given_unmatched = [](const AnalyzedName& name, const std::vector<bool>& used) {
    for (size_t i = 0; i < name.parts.size(); ++i)
      if (!used[i] && !name.parts[i].family && name.parts[i].weight > 0.15) return true;
    return false;
  };
  if ((thin && (distinctive_unmatched(query, q_used) || distinctive_unmatched(candidate, c_used))) ||
      (family_only && (given_unmatched(query, q_used) || given_unmatched(candidate, c_used)))) {
    omitted = std::max(omitted, options_.single_part_omitted_weight);
    if (explain)
      result.adjustments.push_back(
          family_only ? Adjustment{"family_only", "only the family names meet: the given names "
                                                  "one name adds count more"}
                      : Adjustment{"single_part", "only one distinctive part in common: what the "
                                                  "other name adds counts more"});
  }
  // Parts only the query has count more on a dense list, and more again
  // when a part the names share meets only by a spelling that differs: the
  // factor once for the added part, twice more for the other spelling (a
  // spelling has many neighbours on a dense list, each a chance). An
  // unlisted name that adds a part and spells another otherwise takes those
  // chances at once, and on a list of 100,000 names or more often wins.
  double omitted_share = omitted * (high - low);
  if (q_unmatched > c_unmatched && options_.query_omitted_factor > 1) {
    const bool inexact = std::any_of(chosen.begin(), chosen.end(),
                                     [](const Chosen& c) { return c.similarity < 1.0; });
    const double f = options_.query_omitted_factor;
    const double factor = inexact ? f * f * f : f;
    omitted_share *= factor;
    if (explain)
      result.adjustments.push_back(
          {"dense_list",
           fmt::format("the query has parts the listed name lacks; on a list this large they "
                       "count {:.2f} times as much{}",
                       factor, inexact ? ", as a part met is spelled otherwise" : "")});
  }
  double denominator = matched_weight + conflicting + omitted_share + contradiction +
                       family_conflict + options_.number_weight * numbers;
  result.score = denominator > 0 ? matched / denominator : 0;
  if (!query.joined.empty() && query.joined == candidate.joined && result.score < 0.98) {
    result.score = 0.98;
    if (explain)
      result.adjustments.push_back({"joined", "the names are equal once spaces are removed"});
  }
  // An organisation written as its acronym, in capitals, against its name
  // ("PLA" / "People's Liberation Army").
  if (organization && result.score < kAcronymScore) {
    // One word beside, at most, countries ("PLA China"), written in
    // capitals where the name is written.
    auto acronym_of = [](const AnalyzedName& a, const AnalyzedName& b) {
      if (b.parts.size() < 3) return false;
      const NamePart* word = nullptr;
      for (const NamePart& p : a.parts) {
        if (p.role == PartRole::kPlace) continue;
        if (word) return false;
        word = &p;
      }
      if (!word || word->has_digit || word->folded.size() < 3 || word->folded.size() > 8 ||
          word->folded != Initials(b))
        return false;
      std::string capitals = word->folded;
      for (char& c : capitals) c = static_cast<char>(c - 'a' + 'A');
      return WrittenAsWord(a.original, capitals);
    };
    if (acronym_of(query, candidate) || acronym_of(candidate, query)) {
      result.score = kAcronymScore;
      if (explain)
        result.adjustments.push_back(
            {"acronym", "one name, in capitals, is the initials of the other's words"});
    }
  }
  // One name is the acronym that the other gives in parentheses after
  // itself, written in capitals ("TTP", "ISIL-K").
  if (organization && result.score < kStatedAcronymScore) {
    auto stated_by = [](const AnalyzedName& a, const AnalyzedName& b) {
      if (a.parts.empty() || a.parts.size() > 2 || b.parts.size() < 3 ||
          a.joined.size() < 3 || a.joined.size() > 10)
        return false;
      int capitals = 0;
      for (char c : a.original) capitals += c >= 'A' && c <= 'Z';
      return capitals >= 3 && a.joined == StatedAcronym(b);
    };
    if (stated_by(query, candidate) || stated_by(candidate, query)) {
      result.score = kStatedAcronymScore;
      if (explain)
        result.adjustments.push_back(
            {"stated_acronym",
             "one name is the acronym that the other gives in parentheses after itself"});
    }
  }
  // Two names in Han characters or in Hangul are compared by their
  // characters as well: their Latin readings meet where the characters
  // differ (高石 / 高市, both "gao shi"; 김종은 / 김정은). Two names in a
  // script that has no Latin reading (Khmer) only so.
  const bool unread = query.parts.empty() && candidate.parts.empty() && !cross_script &&
                      query.script == candidate.script && query.script != "Zyyy";
  if (unread || (!cross_script && query.script == candidate.script &&
                 (query.script == "Hani" || query.script == "Hang"))) {
    const std::u32string a = unread ? WrittenCharacters(query.original) : CjkCharacters(query.original);
    const std::u32string b =
        unread ? WrittenCharacters(candidate.original) : CjkCharacters(candidate.original);
    if (!a.empty() && !b.empty() && (a != b || unread)) {
      const double characters =
          1.0 - static_cast<double>(EditDistance32(a, b)) / static_cast<double>(std::max(a.size(), b.size()));
      if (characters < result.score || unread) {
        result.score = characters;
        if (explain)
          result.adjustments.push_back(
              {"characters",
               unread ? fmt::format("written in a script without a Latin reading ({}), the names "
                                    "are compared by their characters: they differ in {:.0f} %",
                                    query.script, 100 * (1 - characters))
                      : fmt::format("written in {} characters, the names differ in {:.0f} % of "
                                    "them: their Latin readings meet where the characters do not",
                                    query.script == "Hani" ? "Han" : "Hangul",
                                    100 * (1 - characters))});
      }
    }
  }
  result.score = std::clamp(result.score, 0.0, 1.0);
  return result;
}

namespace {

struct Reading {
  std::string text;
  bool displayed = false;
};

// A name's alternatives as written and, when bidi controls reorder it on
// screen, as shown.
std::vector<Reading> Readings(std::string_view name) {
  CleanedText cleaned = CleanText(name);
  std::vector<Reading> out;
  for (auto& x : SplitAlternatives(cleaned.text)) out.push_back({std::move(x), false});
  if (!cleaned.displayed.empty())
    for (auto& x : SplitAlternatives(cleaned.displayed)) out.push_back({std::move(x), true});
  return out;
}

}  // namespace

NamePairComparison CompareNames(std::string_view a, std::string_view b, NameKind kind,
                                const NameScorer& scorer) {
  NamePairComparison best;
  bool first = true;
  const std::vector<Reading> readings_b = Readings(b);
  for (const auto& x : Readings(a)) {
    AnalyzedName ax = AnalyzeName(x.text, kind);
    for (const auto& y : readings_b) {
      AnalyzedName by = AnalyzeName(y.text, kind);
      NameComparison c = scorer.Compare(ax, by);
      if (first || c.score > best.comparison.score) {
        best = {ax, std::move(by), std::move(c), x.displayed, y.displayed};
        first = false;
      }
    }
  }
  best.a.original = std::string(a);
  best.b.original = std::string(b);
  return best;
}

}  // namespace vigil::match
