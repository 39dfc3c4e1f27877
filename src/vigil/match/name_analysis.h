// Name analysis: from a name as written, in any script, to the parts that
// matching compares.
//
// AnalyzeName("Mullah Siraj al-Din bin Jalal al-Haqqani", NameKind::kPerson)
// yields the parts siraj+din (joined, "sirajdin"), jalal (nasab position 1)
// and haqqani (nisba, written with al-), with "mullah" kept aside as an
// honorific and "bin" read as a nasab marker. Every part carries:
//   - folded: lower-case ASCII Latin (ICU transliteration of Cyrillic, Greek,
//     Han...; Arabic-script letters through ICU with extra rules for Persian,
//     Pashto and Urdu letters),
//   - skeleton: a consonant key that lets Arabic-script spellings (which
//     write few vowels) meet their Latin spellings: "محمد", "Mohammed" and
//     "Muhammad" all give "mhmd".
// Arabic name structure is first class: ism (given), the nasab chain after
// bin/ibn/bint in order, and the nisba or family name (al-...).
// Invisible characters (zero-width spaces and joiners, soft hyphens, bidi
// controls: text/invisible.h) are removed before anything else, for queries
// and listed names alike; `original` keeps the name as written.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigil::match {

enum class NameKind { kAny, kPerson, kOrganization };

enum class PartRole {
  kGiven,     // ism, or any part of a name without Arabic structure
  kNasab,     // after bin/ibn/bint: position says which ancestor
  kNisba,     // al-X / family or origin name
  kLegalForm, // ltd, llc, jsc... (organisations)
  kNoise,     // the, of, and...
  kPlace,     // a country named in an organisation's name (Banco Santander Mexico)
};

struct NamePart {
  std::string text;      // as written (one word, or joined words)
  std::string folded;    // ASCII Latin, lower case
  std::string skeleton;  // consonant key
  std::string bare;      // the key without a leading w/y, when it differs ("Awwad"/"Wad")
  std::string alt;       // folded without a leading al-/el- glued on ("alqaeda" -> "qaeda"), or empty
  PartRole role = PartRole::kGiven;
  int nasab_position = 0;  // 1 = father, 2 = grandfather...
  bool initial = false;    // a single letter
  // The name says this is (part of) the family name: written before the
  // comma ("MIN, Ali") or in capitals beside words that are not ("Ali Min
  // NIKONOV"). Most names say nothing; then no part is.
  bool family = false;
  double weight = 1.0;     // how much the part identifies: rare parts count more
  // The letters present in folded and in skeleton (bit c & 63 for each byte
  // c): a cheap bound on edit distance. Set by SetLetterMasks().
  uint64_t letters = 0, skeleton_letters = 0;
  bool has_digit = false;  // folded holds a digit ("7000", "2nd"): set by SetLetterMasks()
};

uint64_t LetterMask(std::string_view s);
// Sets letters, skeleton_letters and has_digit from folded and skeleton.
void SetLetterMasks(NamePart& part);

struct AnalyzedName {
  std::string original;  // as written, invisible characters included
  std::string script;  // dominant script of the original (ISO 15924)
  NameKind kind = NameKind::kAny;
  std::vector<NamePart> parts;
  std::vector<std::string> honorifics;  // mullah, haji, sheikh... (removed)
  bool has_nasab = false;               // bin/ibn/bint seen
  std::string joined;                   // every part's folded form concatenated ("alqaeda")
};

AnalyzedName AnalyzeName(std::string_view name, NameKind kind = NameKind::kAny);

// The text each part of AnalyzeName(name, kind) was read from, in the name
// as written (invisible characters removed, punctuation around it
// trimmed): for "Siraj al-Din Haqqani" {"Siraj al-Din", "Haqqani"}, for
// "سراج الدين حقاني" {"سراج الدين", "حقاني"}, for "Alfa Open Joint Stock
// Company" {"Alfa", "Open Joint Stock Company"}. One entry per part; a part
// read from the words around a comma ("HAQQANI, Siraj") gets its own word.
// All entries are empty when the words cannot be traced (a transliteration
// that reads across spaces differently from word by word). It analyses the
// name again and transliterates each word on its own: for explanations
// (screening hits drawn as an alignment), never for matching.
std::vector<std::string> PartSources(std::string_view name, NameKind kind = NameKind::kAny);

// The vowels that follow each consonant of the skeleton, one slot per
// consonant plus one for the vowels before the first: '@' with a bit for
// each class seen there (1 a, 2 e, 4 i, 8 u). "haqqani" -> "@AAD" (h+a, q+a,
// n+i). In a Latin spelling (digraphs), a y or w glide and the long ee and
// oo also set kLongI or kLongU ("husayn" -> "@HU@"). Arabic script
// writes only long vowels (alif, waw, ya), and always writes w and y, so a
// written Arabic vowel must meet one in the Latin spelling at the same
// place, and a Latin glide must meet its letter.
inline constexpr int kLongI = 16;
inline constexpr int kLongU = 32;
std::string SkeletonVowels(std::string_view folded, bool digraphs = true);
// How many written vowels of an Arabic-script spelling find no vowel of
// their kind in a Latin spelling with the same skeleton, plus the Latin
// glides that find no waw or ya.
int VowelConflicts(std::string_view arabic, std::string_view latin);
// The same for two spellings in one script (SkeletonVowels of each, with
// digraphs), in half conflicts: a slot whose vowels share no class or a
// neighbouring one (a~e, e~i, o~u) counts 2, a vowel on one side only 1.
// Spellings of one name vary within those bounds (Mohammed / Muhammad,
// Hekmatyar / Hikmatyar); different names with one consonant skeleton do
// not (Mahmoud / Muhammad, Ramon / Roman, Maira / Muro). 0 when the slots
// do not line up.
int SameScriptVowelConflicts(std::string_view a, std::string_view b);

// "Al-Qa'ida/Islamic Army" -> {"Al-Qa'ida", "Islamic Army"}: lists write
// alternative names with slashes. A name without one comes back whole.
std::vector<std::string> SplitAlternatives(std::string_view name);

// The consonant key of an ASCII lower-case word (exposed for tests and the
// index). digraphs: read sh, kh, th, dzh... as one sound (Latin and Cyrillic
// spellings; not for Arabic-script names, already one letter per sound).
// glides: keep a w or y that starts the word ("Wali" -> "wl"; without: "l").
std::string Skeleton(std::string_view folded, bool digraphs = true, bool glides = true);

// Whether `form` stands in `text` as a whole word (no letter either side):
// a word as written, in capitals ("PLA China", "JC Juncker").
bool WrittenAsWord(std::string_view text, std::string_view form);

// The characters of a name written in Han characters or Hangul alone, Han
// characters in their simplified form (習近平 -> 习近平), spaces and
// punctuation left out; empty when the name has letters of another script.
// Two such names are compared by their characters: the Latin reading of
// a character stands for many (石 and 市 are both "shi").
std::u32string CjkCharacters(std::string_view name);
// The letters, digits and vowel signs of a name as written: names in a
// script without a Latin reading (Khmer) are compared by them.
std::u32string WrittenCharacters(std::string_view name);

// Latin ASCII lower-case rendering of any text, words separated by spaces.
std::string ToLatin(std::string_view text);

}  // namespace vigil::match
