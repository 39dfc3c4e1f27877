// Name analysis: transliteration, tokens, particles, compounds, structure.
#include "vigil/match/name_analysis.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "vigil/base/ascii.h"
#include "vigil/text/country.h"
#include "vigil/text/invisible.h"
#include "vigil/text/normalize.h"

namespace vigil::match {
namespace {

// Arabic-script letters (Arabic, Persian, Pashto, Urdu) to one Latin letter
// each, chosen to meet the consonant skeletons of Latin spellings (ش and
// Latin "sh" both give s; خ and "kh" give h; ق and "q" give k); short-vowel
// marks and tatweel dropped; the Arabic article split from its word
// ("الرحمن" -> "al rahman"); Urdu's word-final ہ is the vowel a (آمنہ,
// Amna). Letters not listed here go on to ICU.
constexpr const char* kArabicScriptRules = R"(
[:^L:] { ال } [:L:][:L:] > 'al ';
^ ال } [:L:][:L:] > 'al ';
عبد > 'abd'; ع > ; ء > ; ئ > y; ؤ > w; أ > a; إ > i; آ > a; ا > a; ى > a; ة > a; ۀ > a;
ب > b; ت > t; ث > t; ج > j; ح > h; خ > h; د > d; ذ > d; ر > r; ز > z; س > s; ش > s;
ص > s; ض > d; ط > t; ظ > z; غ > g; ف > f; ق > q; ك > k; ک > k; ل > l; م > m; ن > n;
ہ } [:^L:] > a; ہ $ > a; ہ > h; ۃ > a; ه > h; ھ > h; و > w; ي > y; ی > y; ې > y; ۍ > y; ے > y; گ > g; ګ > g; پ > p; چ > c;
ژ > j; ځ > z; څ > s; ډ > d; ټ > t; ړ > r; ښ > s; ږ > j; ڼ > n; ٹ > t; ڈ > d; ڑ > r;
ں > n; [\u064B-\u065F\u0670\u0640] > ;
)";

// Compiling ICU's transliteration rules is expensive (a good part of a
// second for Any-Latin); it is done once, and each thread works on its own
// clone, which shares the compiled rules.
// Serbian and Macedonian Cyrillic are read by their own Latin alphabets
// (Вучић Vučić, not the Russian Vuchich; Ѓорѓе Gjorgje), chosen by the
// letters only they have; Russian's reading stays the default.
struct LatinizerRules {
  std::unique_ptr<icu::Transliterator> arabic, chain, serbian, macedonian;
  LatinizerRules() {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    serbian.reset(icu::Transliterator::createInstance("Serbian-Latin/BGN", UTRANS_FORWARD, status));
    macedonian.reset(
        icu::Transliterator::createInstance("Macedonian-Latin/BGN", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !serbian || !macedonian)
      throw std::runtime_error("ICU transliterators for Serbian and Macedonian unavailable");
    arabic.reset(icu::Transliterator::createFromRules(
        "vigil-arabic-script", icu::UnicodeString::fromUTF8(kArabicScriptRules), UTRANS_FORWARD,
        parse_error, status));
    if (U_FAILURE(status) || !arabic) throw std::runtime_error("ICU rules for Arabic script failed");
    status = U_ZERO_ERROR;
    chain.reset(icu::Transliterator::createInstance(
        "Russian-Latin/BGN; Any-Latin; [[:Lm:][:Sk:][\\u00B7]] Remove; Latin-ASCII; Any-Lower",
        UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !chain) throw std::runtime_error("ICU transliterator unavailable");
  }
};

// Letters that Serbian or Macedonian Cyrillic has and Russian lacks.
bool IsSerbianLetter(UChar32 c) {
  switch (c) {
    case 0x0452: case 0x0402:  // ђ
    case 0x0458: case 0x0408:  // ј
    case 0x0459: case 0x0409:  // љ
    case 0x045A: case 0x040A:  // њ
    case 0x045B: case 0x040B:  // ћ
    case 0x045F: case 0x040F:  // џ
      return true;
    default:
      return false;
  }
}
bool IsMacedonianLetter(UChar32 c) {
  return c == 0x0453 || c == 0x0403 || c == 0x045C || c == 0x040C || c == 0x0455 || c == 0x0405;
}
bool IsHangulSyllable(UChar32 c) { return c >= 0xAC00 && c <= 0xD7A3; }

const LatinizerRules& SharedRules() {
  static const LatinizerRules rules;  // thread-safe initialisation
  return rules;
}

class Latinizer {
 public:
  std::string Run(std::string_view text) {
    // Most listed names are plain ASCII: fold case without ICU.
    if (IsAscii(text)) {
      std::string out(text);
      for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      return out;
    }
    if (!arabic_) {
      arabic_.reset(SharedRules().arabic->clone());
      chain_.reset(SharedRules().chain->clone());
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    // A Korean name is written without spaces between its syllables
    // (김정은), Latin spellings part them (Kim Jong Un, Kim Jong-un): each
    // Hangul syllable is read as a word of its own.
    bool serbian = false, macedonian = false;
    icu::UnicodeString spaced;
    UChar32 previous = 0;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
      const UChar32 c = u.char32At(i);
      serbian |= IsSerbianLetter(c);
      macedonian |= IsMacedonianLetter(c);
      if (IsHangulSyllable(c) && IsHangulSyllable(previous)) spaced.append(UChar32{' '});
      spaced.append(c);
      previous = c;
    }
    u = std::move(spaced);
    if (macedonian) {
      if (!macedonian_) macedonian_.reset(SharedRules().macedonian->clone());
      macedonian_->transliterate(u);
    } else if (serbian) {
      if (!serbian_) serbian_.reset(SharedRules().serbian->clone());
      serbian_->transliterate(u);
    }
    arabic_->transliterate(u);
    chain_->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
  }

 private:
  std::unique_ptr<icu::Transliterator> arabic_, chain_, serbian_, macedonian_;
};

Latinizer& ThreadLatinizer() {
  thread_local Latinizer latinizer;
  return latinizer;
}

using WordSet = std::unordered_set<std::string_view>;

const WordSet& Honorifics() {
  static const WordSet words = {
      "mullah", "mulla",   "mullo",  "hafez",  "maulvi", "mawlawi", "molvi",  "moulvi", "maulana",
      "mawlana", "haji",   "hajji",  "alhaji", "alhajji", "sheikh", "shaikh", "shaykh",
      "sheik",  "shaykh",  "qari",   "hafiz",  "mufti",   "dr",     "doctor", "mr",
      "mrs",    "ms",      "prof",   "professor", "general", "gen",  "col",    "colonel",
      "capt",   "captain", "commander", "emir", "amir",   "imam",   "ustad",  "ustaz",
      "sir",    "lord",    "madam",  "mme",    "mlle",    "herr",   "frau"};
  return words;
}

// The honorifics of names written in Arabic script, as kArabicScriptRules
// romanise them: ملا (mla), مولوی, مولانا, حاجی, حاج, شیخ, قاری, حافظ, مفتی,
// دکتر, استاد, امیر, امام, حضرت, جنرال, قومندان. The Latin ones do not apply
// to such names: عمر (Umar) romanises to "mr", which is no "Mr".
const WordSet& ArabicScriptHonorifics() {
  static const WordSet words = {"mla",   "mlla",  "mwlwy", "mwlwa", "mwlana", "hajy", "haj",
                                "syh",   "qary",  "hafz",  "mfty",  "dktr",   "dktwr", "astad",
                                "amyr",  "amam",  "hdrt",  "jnral", "qwmndan"};
  return words;
}

// A descendant of the Prophet: a title that Iranian and South Asian names
// carry as a part (Seyed Ali Hosseini, Syed Ali Geelani). Kept, as lists
// write it, but it identifies as little as a legal form.
const WordSet& LineageTitles() {
  static const WordSet words = {"sayyid", "sayyed", "seyyed", "seyed", "syed", "sayid", "seyyid"};
  return words;
}

// Titles that come before a name and are not part of it; unlike the
// honorifics above, also family names elsewhere (King, Major, Judge), so
// dropped only at the start of a name with a word left after them.
const WordSet& LeadingTitles() {
  static const WordSet words = {
      "president",  "vice",      "prime",     "minister",   "chancellor", "premier",
      "king",       "queen",     "prince",    "princess",   "sultan",     "emperor",
      "monsieur",   "madame",    "mademoiselle", "mister",  "miss",       "senor",
      "senora",     "senorita",  "signor",    "signora",    "lady",       "dame",
      "rev",        "reverend",  "judge",     "justice",    "senator",    "sen",
      "governor",   "gov",       "mayor",     "ambassador", "lt",         "lieutenant",
      "maj",        "major",     "sgt",       "sergeant",   "admiral",    "adm",
      "marshal",    "brigadier", "brig",      "ayatollah",  "hojatoleslam", "hon",
      "honorable",  "honourable", "excellency", "hrh",      "comrade",    "gospodin",
      "gospozha",   "tovarishch", "hr"};
  return words;
}

// A word that writes letters with look-alike digits ("Ig0r", "Sech1n",
// "I9or"): each digit between two letters read as the letter it imitates.
std::string ReadLookAlikeDigits(std::string word) {
  static constexpr std::string_view kDigits = "01345789", kLetters = "oieastbg";
  auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
  for (size_t i = 1; i + 1 < word.size(); ++i) {
    if (!letter(word[i - 1]) || kDigits.find(word[i]) == std::string_view::npos) continue;
    size_t end = i;  // a run of look-alike digits, then a letter
    while (end < word.size() && kDigits.find(word[end]) != std::string_view::npos) ++end;
    if (end == word.size() || !letter(word[end])) continue;
    for (; i < end; ++i) word[i] = kLetters[kDigits.find(word[i])];
  }
  return word;
}

const WordSet& NasabMarkers() {
  static const WordSet words = {"bin", "ibn", "bint", "bn", "bnt", "ould", "walad", "binti", "ben"};
  return words;
}

const WordSet& Particles() {
  static const WordSet words = {"al", "el", "ad", "ar", "as", "at", "az", "an", "ash",
                                "ath", "ud", "ul", "ed", "es", "et", "ez", "ur", "adh"};
  return words;
}

const WordSet& DinWords() {
  static const WordSet words = {"din", "deen", "dine", "dyn", "dien", "uddin", "addin", "eddin",
                                "eddine", "uddeen", "ud-din", "aldin", "eldin", "udin"};
  return words;
}

const WordSet& AbdWords() {
  static const WordSet words = {"abd", "abdul", "abdel", "abdal", "abdol", "abdur", "abdus",
                                "abdu", "abdoul"};
  return words;
}

const WordSet& AbuWords() {
  static const WordSet words = {"abu", "abou", "abo", "abw", "aboo"};
  return words;
}

const WordSet& AllahWords() {
  static const WordSet words = {"allah", "ullah", "ulla", "ollah", "olla", "lah", "lh", "alla"};
  return words;
}

const std::unordered_map<std::string_view, std::string_view>& LegalForms() {
  static const std::unordered_map<std::string_view, std::string_view> forms = {
      {"limited", "ltd"},        {"ltd", "ltd"},       {"incorporated", "inc"},
      {"inc", "inc"},            {"corporation", "corp"}, {"corp", "corp"},
      {"company", "co"},         {"co", "co"},         {"llc", "llc"},
      {"llp", "llp"},            {"lp", "lp"},         {"plc", "plc"},
      {"gmbh", "gmbh"},          {"ag", "ag"},         {"aktiengesellschaft", "ag"},
      {"sa", "sa"},              {"sas", "sas"},       {"sarl", "sarl"},
      {"srl", "srl"},            {"spa", "spa"},       {"bv", "bv"},
      {"nv", "nv"},              {"ab", "ab"},         {"oy", "oy"},
      {"kg", "kg"},              {"jsc", "jsc"},       {"ojsc", "ojsc"},
      {"pjsc", "pjsc"},          {"cjsc", "cjsc"},     {"ooo", "llc"},
      {"oao", "ojsc"},           {"zao", "cjsc"},      {"pao", "pjsc"},
      {"ao", "jsc"},             {"pte", "pte"},       {"pvt", "pvt"},
      {"bhd", "bhd"},            {"fze", "fze"},       {"fzco", "fzco"},
      {"fzc", "fzc"},            {"tov", "llc"},       {"sdn", "sdn"},
      {"kft", "kft"},            {"zrt", "zrt"},       {"sp", "sp"},
      {"zoo", "zoo"},            {"as", "as"},         {"asa", "asa"},
      {"aps", "aps"},            {"sae", "sae"},       {"est", "est"},
      {"se", "se"},              {"kgaa", "kgaa"},
      {"establishment", "est"},  {"trading", "trading"}, {"group", "group"},
      {"holding", "holding"},    {"holdings", "holding"}, {"enterprise", "enterprise"},
      {"enterprises", "enterprise"}, {"industries", "industries"},
      // A continent names a regional arm ("FABERLIC EUROPE"): as little
      // part of the name as a legal form. A country tells branches apart
      // (PartRole::kPlace).
      {"europe", "europe"},      {"asia", "asia"},     {"africa", "africa"},
      {"eurasia", "eurasia"},
  };
  return forms;
}

const WordSet& NoiseWords() {
  static const WordSet words = {"the", "of", "and", "for", "de", "la", "le", "du", "des",
                                "del", "da", "di", "y", "et", "und", "i", "e", "des", "a"};
  return words;
}

// Frequent name parts, by skeleton: they identify little.
const WordSet& CommonSkeletons() {
  static const WordSet words = {
      "mhmd", "hmd",  "l",    "hsn",  "hsyn", "hsn",  "bd",   "b",    "hn",  "sd",  "mr",
      "brhm", "sml",  "ysf",  "mstf", "mhmd", "bdlh", "rhmn", "krm",  "zz",  "nr",  "sh",
      "gl",   "jn",   "lh",   "dn",   "jhn",  "jms",  "mkl",  "dvd",  "rbrt", "wlm", "mr",
      "mr",   "js",   "jn",   "krls", "vn",   "srg",  "vldmr", "lksndr", "ndr", "dmtr", "km",
      "l",    "prk",  "wng",  "zhng", "shn",  "l",    "ngn",  "khn",  "hmd", "rhm", "sf",
      "hmdn", "slm",  "lm",   "mn",   "ftm",  "khdj", "snt",  "mhmt", "mhmmd", "bkr", "sln"};
  return words;
}

// Folds Latin words further: what a person reading them aloud would not hear.
std::string Clean(std::string_view latin) {
  std::string out;
  out.reserve(latin.size());
  for (unsigned char c : latin) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += static_cast<char>(c);
    else if (c == '&')
      out += " and ";
    else if (c == '\'' || c == '.' || c == '`')
      continue;  // apostrophes, dots of initials and abbreviations
    else
      out += ' ';
  }
  return out;
}

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// Canonical spelling of compounds written as one word. Arabic script
// joins them too, in Persian and Pashto often with a zero-width non-joiner
// (text/invisible.h), which the romanisation reads as nothing: سراج‌الدین
// gives "srajaldyn" and هبت‌الله "hbtallh", to meet "Sirajuddin" and
// "Hibatullah" as the spaced forms (سراج الدين, "sraj al dyn") do.
std::string CanonicalWord(std::string word) {
  static constexpr std::array<std::string_view, 12> kDinSuffixes = {
      "uddeen", "uddin", "eddine", "eddin", "addin", "aldin", "aldyn", "eldin", "udin", "edin",
      "uddine", "deen"};
  for (auto suffix : kDinSuffixes)
    if (word.ends_with(suffix) && word.size() >= suffix.size() + 3)
      return word.substr(0, word.size() - suffix.size()) + "din";
  static constexpr std::array<std::string_view, 6> kAllahSuffixes = {"ullah", "ulla", "allah",
                                                                     "allh", "ollah", "olla"};
  if (word.rfind("abd", 0) != 0)
    for (auto suffix : kAllahSuffixes)
      if (word.ends_with(suffix) && word.size() >= suffix.size() + 3)
        return word.substr(0, word.size() - suffix.size()) + "lah";
  if (word.rfind("abd", 0) == 0 && word.size() > 5 && !AbdWords().count(word)) {
    std::string rest = word.substr(3);
    static constexpr std::array<std::string_view, 14> kLinks = {
        "oul", "ul", "el", "al", "ol", "ur", "ar", "us", "as", "ud", "ad", "u", "e", "o"};
    for (auto link : kLinks)
      if (rest.rfind(link, 0) == 0 && rest.size() >= link.size() + 2) {
        rest = rest.substr(link.size());
        break;
      }
    if (rest.size() >= 2 && rest[0] == rest[1]) rest = rest.substr(1);
    return "abd" + rest;
  }
  return word;
}

// Legal forms written in several words, folded ("open joint stock company").
const std::vector<std::pair<std::vector<std::string_view>, std::string_view>>& LegalPhrases() {
  static const std::vector<std::pair<std::vector<std::string_view>, std::string_view>> phrases = {
      {{"open", "joint", "stock", "company"}, "ojsc"},
      {{"closed", "joint", "stock", "company"}, "cjsc"},
      {{"public", "joint", "stock", "company"}, "pjsc"},
      {{"joint", "stock", "company"}, "jsc"},
      {{"limited", "liability", "company"}, "llc"},
      {{"limited", "liability", "partnership"}, "llp"},
      {{"limited", "partnership"}, "lp"},
      {{"public", "limited", "company"}, "plc"},
      {{"private", "limited", "company"}, "ltd"},
      {{"gesellschaft", "mit", "beschrankter", "haftung"}, "gmbh"},
      {{"otkrytoye", "aktsionernoye", "obshchestvo"}, "ojsc"},
      {{"zakrytoye", "aktsionernoye", "obshchestvo"}, "cjsc"},
      {{"publichnoye", "aktsionernoye", "obshchestvo"}, "pjsc"},
      {{"nepublichnoye", "aktsionernoye", "obshchestvo"}, "jsc"},
      {{"aktsionernoye", "obshchestvo"}, "jsc"},
      {{"obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"}, "llc"},
      {{"tovarystvo", "z", "obmezhenoyu", "vidpovidalnistyu"}, "llc"},
      {{"societatea", "cu", "raspundere", "limitata"}, "srl"},
      {{"sociedad", "por", "acciones", "simplificada"}, "sas"},
      {{"sociedad", "anonima", "de", "capital", "variable"}, "sa"},
      {{"sociedad", "de", "responsabilidad", "limitada"}, "srl"},
      {{"foreign", "limited", "liability", "company"}, "llc"},
      {{"inostrannoye", "obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"}, "llc"},
      {{"sociedad", "anonima"}, "sa"},
      {{"societe", "anonyme"}, "sa"},
      {{"sociedade", "anonima"}, "sa"},
      {{"societa", "per", "azioni"}, "spa"},
      {{"sp", "z", "o", "o"}, "zoo"},
      {{"sp", "z", "oo"}, "zoo"},
      {{"sp", "zoo"}, "zoo"},
      {{"s", "a", "r", "l"}, "sarl"},
      {{"s", "a", "s"}, "sas"},
      {{"s", "r", "l"}, "srl"},
      {{"s", "a"}, "sa"},
      {{"l", "l", "c"}, "llc"},
      {{"l", "p"}, "lp"},
      {{"n", "v"}, "nv"},
      {{"b", "v"}, "bv"},
  };
  return phrases;
}

// A long legal form misspelled by a letter doubled or left single, or a
// vowel ("Aktiengeselschaft", "Corporaton", "Incorperated"): the same first
// letter and consonant skeleton as the form, ten letters or more.
std::string LegalFormSpelledAnotherWay(std::string word) {
  constexpr size_t kLong = 10;
  if (word.size() < kLong - 1 || LegalForms().count(word)) return word;
  static const auto* by_skeleton = [] {
    auto* m = new std::unordered_map<std::string, std::string_view>;
    for (const auto& [form, code] : LegalForms())
      if (form.size() >= kLong) m->emplace(Skeleton(form), form);
    return m;
  }();
  const auto it = by_skeleton->find(Skeleton(word));
  if (it == by_skeleton->end() || it->second[0] != word[0]) return word;
  return std::string(it->second);
}

// Legal forms that are never a name part, recognised even when the kind of
// the name is not known.
const WordSet& UnambiguousLegalForms() {
  static const WordSet words = {"ltd", "llc", "inc", "gmbh", "jsc", "ojsc", "cjsc", "pjsc",
                                "plc", "corp", "corporation", "incorporated", "limited",
                                "llp", "sarl", "srl", "bhd", "fze", "fzco", "ooo", "zao",
                                "oao", "pao", "ojsc", "cjsc", "jsc", "ojsc", "pvt", "pte"};
  return words;
}

// Words that organisations abbreviate.
const std::unordered_map<std::string_view, std::string_view>& Abbreviations() {
  static const std::unordered_map<std::string_view, std::string_view> words = {
      {"intl", "international"}, {"int", "international"}, {"natl", "national"},
      {"dept", "department"},    {"assn", "association"},  {"assoc", "association"},
      {"bros", "brothers"},      {"mfg", "manufacturing"}, {"univ", "university"},
      {"govt", "government"},    {"ministery", "ministry"}, {"st", "saint"},
      {"mt", "mount"},           {"svc", "services"},      {"svcs", "services"},
      {"tech", "technology"},    {"sys", "systems"},
  };
  return words;
}

int NumberWord(std::string_view w) {
  static const std::unordered_map<std::string_view, int> numbers = {
      {"zero", 0},     {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},
      {"five", 5},     {"six", 6},        {"seven", 7},      {"eight", 8},     {"nine", 9},
      {"ten", 10},     {"eleven", 11},    {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
      {"fifteen", 15}, {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
      {"twenty", 20},  {"thirty", 30},    {"forty", 40},     {"fourty", 40},   {"fifty", 50},
      {"sixty", 60},   {"seventy", 70},   {"eighty", 80},    {"ninety", 90},   {"hundred", 100},
      {"first", 1},    {"second", 2},     {"third", 3},      {"fourth", 4},    {"fifth", 5},
      {"sixth", 6},    {"seventh", 7},    {"eighth", 8},     {"ninth", 9},     {"tenth", 10},
      {"1st", 1},      {"2nd", 2},        {"3rd", 3},        {"4th", 4},       {"5th", 5},
      {"6th", 6},      {"7th", 7},        {"8th", 8},        {"9th", 9},       {"10th", 10}};
  auto it = numbers.find(w);
  return it == numbers.end() ? -1 : it->second;
}

int RomanNumeral(std::string_view w) {
  static const std::unordered_map<std::string_view, int> numerals = {
      {"ii", 2}, {"iii", 3}, {"iv", 4},  {"vi", 6},  {"vii", 7},
      {"viii", 8}, {"ix", 9}, {"xi", 11}, {"xii", 12}};
  auto it = numerals.find(w);
  return it == numerals.end() ? -1 : it->second;
}

bool IsNumber(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Where a word of the analysis was read from in the name as written (byte
// offsets into the text without invisible characters), when traced
// (PartSources); begin > end when not known.
struct WordSpan {
  size_t begin = std::string_view::npos, end = 0;
  void Merge(const WordSpan& other) {
    begin = std::min(begin, other.begin);
    end = std::max(end, other.end);
  }
};

// Organisation words made comparable: multi-word legal forms to one code,
// abbreviations spelled out, numbers as digits ("forty four" -> "44").
// spans, when given, holds each word's span and comes back with each new
// word's (the span of the words it was made of).
std::vector<std::string> NormalizeOrganizationWords(std::vector<std::string> words,
                                                    std::vector<WordSpan>* spans = nullptr) {
  std::vector<std::string> out;
  std::vector<WordSpan> out_spans;
  auto span_of = [&](size_t from, size_t to) {
    WordSpan s;
    if (spans)
      for (size_t k = from; k < to; ++k) s.Merge((*spans)[k]);
    return s;
  };
  auto emit = [&](std::string word, size_t from, size_t to) {
    out.push_back(std::move(word));
    if (spans) out_spans.push_back(span_of(from, to));
  };
  for (size_t i = 0; i < words.size();) {
    bool replaced = false;
    for (const auto& [phrase, code] : LegalPhrases()) {
      if (i + phrase.size() > words.size()) continue;
      bool equal = true;
      // Words of four letters or more meet by consonant skeleton, so that
      // "ogranichennoi" and "obschestvo" read as "ogranichennoy", "obshchestvo".
      for (size_t k = 0; k < phrase.size() && equal; ++k)
        equal = words[i + k] == phrase[k] ||
                (phrase[k].size() >= 4 && !words[i + k].empty() && words[i + k][0] == phrase[k][0] &&
                 Skeleton(words[i + k]) == Skeleton(phrase[k]));
      if (!equal) continue;
      emit(std::string(code), i, i + phrase.size());
      i += phrase.size();
      replaced = true;
      break;
    }
    if (replaced) continue;
    const size_t start = i;
    std::string w = words[i++];
    if (auto it = Abbreviations().find(w); it != Abbreviations().end()) w = std::string(it->second);
    w = LegalFormSpelledAnotherWay(std::move(w));
    if (w == "us" || w == "usa") {
      emit("united", start, i);
      emit("states", start, i);
      continue;
    }
    int n = NumberWord(w);
    if (n < 0 && !out.empty()) n = RomanNumeral(w);
    if (n >= 0) {
      // "forty four", "forty-four": tens then units.
      if (n >= 20 && n % 10 == 0 && i < words.size()) {
        int units = NumberWord(words[i]);
        if (units > 0 && units < 10) {
          n += units;
          ++i;
        }
      }
      // "forty 4"
      if (n >= 20 && n % 10 == 0 && i < words.size() && words[i].size() == 1 && IsNumber(words[i])) {
        n += words[i][0] - '0';
        ++i;
      }
      emit(std::to_string(n), start, i);
      continue;
    }
    emit(std::move(w), start, i);
  }
  if (spans) *spans = std::move(out_spans);
  return out;
}

// "HAQQANI, Sirajuddin" -> "Sirajuddin HAQQANI" for people: lists write the
// family name first followed by a comma.
std::string_view::size_type InvertedNameComma(std::string_view name) {
  auto comma = name.find(',');
  if (comma == std::string_view::npos || name.find(',', comma + 1) != std::string_view::npos)
    return std::string_view::npos;
  auto words = [](std::string_view s) {
    int n = 0;
    bool in = false;
    for (char c : s) {
      bool space = c == ' ' || c == '\t';
      if (!space && !in) ++n;
      in = !space;
    }
    return n;
  };
  int before = words(name.substr(0, comma)), after = words(name.substr(comma + 1));
  if (before < 1 || before > 4 || after < 1 || after > 5) return std::string_view::npos;
  return comma;
}

}  // namespace

std::vector<std::string> SplitAlternatives(std::string_view name) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= name.size()) {
    size_t end = name.find('/', begin);
    if (end == std::string_view::npos) end = name.size();
    std::string_view piece = name.substr(begin, end - begin);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
    if (!piece.empty()) out.emplace_back(piece);
    begin = end + 1;
  }
  // "A/S", "S/O": a slash inside a short token is not an alternative.
  for (const auto& piece : out)
    if (piece.size() <= 2) return {std::string(name)};
  if (out.empty()) out.emplace_back(name);
  return out;
}

namespace {

// The letters and digits of a name; with cjk, those of a name written in Han
// characters or Hangul alone (CjkCharacters), or none.
std::u32string Characters(std::string_view name, bool cjk) {
  thread_local std::unique_ptr<icu::Transliterator> simplify;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  bool han = false;
  for (int32_t i = 0; cjk && i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (!u_isalnum(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) return {};
    if (script == USCRIPT_HAN) han = true;
    else if (script != USCRIPT_HANGUL) return {};
  }
  if (han) {
    if (!simplify) {
      UErrorCode status = U_ZERO_ERROR;
      simplify.reset(
          icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status));
      if (U_FAILURE(status) || !simplify)
        throw std::runtime_error("ICU transliterator Traditional-Simplified unavailable");
    }
    simplify->transliterate(u);
  }
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
    if (const UChar32 c = u.char32At(i); u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
                                          u_charType(c) == U_COMBINING_SPACING_MARK)
      out += static_cast<char32_t>(c);
  return out;
}

}  // namespace

bool WrittenAsWord(std::string_view text, std::string_view form) {
  auto letter = [&](size_t i) { return std::isalpha(static_cast<unsigned char>(text[i])) != 0; };
  for (size_t at = text.find(form); at != std::string_view::npos; at = text.find(form, at + 1)) {
    const size_t end = at + form.size();
    if ((at == 0 || !letter(at - 1)) && (end == text.size() || !letter(end))) return true;
  }
  return false;
}

std::u32string CjkCharacters(std::string_view name) { return Characters(name, true); }
std::u32string WrittenCharacters(std::string_view name) { return Characters(name, false); }

std::string ToLatin(std::string_view text) {
  std::string latin = ThreadLatinizer().Run(CleanText(text).text);
  std::string cleaned = Clean(latin);
  std::string out;
  for (auto& w : SplitWords(cleaned)) out += (out.empty() ? "" : " ") + w;
  return out;
}

namespace {

// Latin spellings of one sound written as one letter (sh -> S, kh -> h...).
std::string MapSounds(std::string_view folded, bool digraphs) {
  std::string s;
  s.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    char next = digraphs && i + 1 < folded.size() ? folded[i + 1] : 0;
    char next2 = digraphs && i + 2 < folded.size() ? folded[i + 2] : 0;
    if (c == 'd' && next == 'z' && next2 == 'h') {  // Russian дж
      s += 'j';
      i += 2;
    } else if (c == 's' && next == 'c' && next2 == 'h') {
      s += 'S';
      i += 2;
    } else if ((c == 'c' || c == 's') && next == 'h') {
      s += 'S';
      ++i;
    } else if ((c == 'k' || c == 'g') && next == 'h') {
      s += c == 'k' ? 'h' : 'k';
      ++i;
    } else if ((c == 't' || c == 'd') && next == 'h') {
      s += c;
      ++i;
    } else if (c == 'z' && next == 'h') {
      s += 'j';
      ++i;
    } else if (c == 'd' && next == 'j') {
      s += 'j';
      ++i;
    } else if (c == 'p' && next == 'h') {
      s += 'f';
      ++i;
    } else if (c == 'c' && next == 'k') {
      s += 'k';
      ++i;
    } else if (c == 'q' || c == 'c' || c == 'g') {
      s += 'k';  // ق is written q, k and g (Qaddafi, Gaddafi); Cyrillic г is g
    } else if (c == 'x') {
      s += "ks";
    } else {
      s += c;
    }
  }
  return s;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

std::string Skeleton(std::string_view folded, bool digraphs, bool glides) {
  std::string s = MapSounds(folded, digraphs);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    bool glide = (c == 'w' || c == 'y') && (i > 0 || !glides);
    if (vowel || glide) continue;
    if (c == 'S') c = 's';  // sh and s meet: Arabic ش/س are often confused in Latin
    // A doubled letter is one consonant (Hassan, حسن); the same consonant
    // twice with a vowel between is two (Hanan, حنان).
    if (i > 0 && (s[i - 1] == c || (c == 's' && s[i - 1] == 'S'))) continue;
    out += c;
  }
  if (out.empty() && !s.empty()) out = std::string(1, s[0]);  // "ali" -> "l" needs a key too
  return out;
}

std::string SkeletonVowels(std::string_view folded, bool digraphs) {
  // One character per slot: '@' plus a bit per vowel class seen there
  // (1 a, 2 e, 4 i, 8 u), so "@" means none.
  std::string s = MapSounds(folded, digraphs);
  // In Latin spellings, a w or y glide and the English long vowels ee and
  // oo also set kLongI or kLongU: Arabic script writes those sounds.
  std::string vowels = "@";  // before the first consonant
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool glide = (c == 'w' || c == 'y') && i > 0;
    if (IsVowel(c) || glide) {
      int bit = c == 'a' ? 1 : c == 'e' ? 2 : (c == 'i' || c == 'y') ? 4 : 8;
      if (digraphs) {
        if (c == 'y' || (c == 'e' && i > 0 && s[i - 1] == 'e')) bit |= kLongI;
        if (c == 'w' || (c == 'o' && i > 0 && s[i - 1] == 'o')) bit |= kLongU;
      }
      vowels.back() = static_cast<char>(vowels.back() | bit);
      continue;
    }
    if (c == 'S') c = 's';
    if (i > 0 && (s[i - 1] == c || (c == 's' && s[i - 1] == 'S'))) continue;  // as in Skeleton()
    vowels += '@';
  }
  return vowels;
}

int VowelConflicts(std::string_view arabic, std::string_view latin) {
  if (arabic.size() != latin.size()) return 0;
  int conflicts = 0;
  for (size_t i = 0; i < arabic.size(); ++i) {
    int a = arabic[i] & 15, l = latin[i] & 15;
    // w and y are consonants in Arabic script, always written: a Latin
    // glide without its letter is another name (Husna / Husayn).
    if (((latin[i] & kLongI) && !(a & 4)) || ((latin[i] & kLongU) && !(a & 8))) {
      ++conflicts;
      continue;
    }
    if (a == 0) continue;                    // short vowels are not written
    if (i == 0 && a == 1 && l) continue;     // a word-initial alif carries any vowel
    bool fits = ((a & 1) && (l & 3)) || ((a & 4) && (l & 6)) || ((a & 8) && (l & 8)) ||
                ((a & 2) && l);
    // A word that starts with alif starts with a vowel: Ahmad is not Hamid.
    if (!fits) conflicts += i == 0 ? 2 : 1;
  }
  return conflicts;
}

int SameScriptVowelConflicts(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return 0;
  // A class and its neighbours: a~e, e~i (Ahmad / Ahmed, Seraj / Siraj);
  // o and u are one class already.
  auto near = [](int v) {
    return v | ((v & 1) ? 2 : 0) | ((v & 2) ? 5 : 0) | ((v & 4) ? 2 : 0);
  };
  int halves = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int x = a[i] & 15, y = b[i] & 15;
    if (x == 0 && y == 0) continue;
    if (x == 0 || y == 0) {
      halves += 1;
      // A vowel moved across one consonant (Appel / Apple): one half.
      if (i + 1 < a.size()) {
        int next_x = a[i + 1] & 15, next_y = b[i + 1] & 15;
        bool moved = x == 0 ? next_x && !next_y && (near(next_x) & y)
                            : next_y && !next_x && (near(next_y) & x);
        if (moved) ++i;
      }
      continue;
    }
    if (!(near(x) & y)) halves += 2;
  }
  return halves;
}

namespace {

// The length of the space character at text[i] (ASCII white space, no-break
// and typographic spaces), 0 when there is none.
size_t SpaceAt(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  auto byte = [&](size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
  };
  // U+00A0; U+2000 to U+200A and U+202F; U+205F; U+3000.
  if (c == 0xC2 && byte(1) == 0xA0) return 2;
  if (c == 0xE2 && byte(1) == 0x80 && (byte(2) <= 0x8A || byte(2) == 0xAF)) return 3;
  if (c == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) return 3;
  if (c == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;
  return 0;
}

// The words of text[begin, end) as the analysis reads them (latinised,
// cleaned, split), appended to words, each with the span of the written
// word (between spaces) it comes from.
void TraceWords(std::string_view text, size_t begin, size_t end, std::vector<std::string>* words,
                std::vector<WordSpan>* spans) {
  size_t i = begin;
  while (i < end) {
    if (size_t space = SpaceAt(text, i)) {
      i += space;
      continue;
    }
    size_t word_end = i;
    while (word_end < end && SpaceAt(text, word_end) == 0) ++word_end;
    for (auto& w : SplitWords(Clean(ThreadLatinizer().Run(text.substr(i, word_end - i))))) {
      words->push_back(std::move(w));
      spans->push_back({i, word_end});
    }
    i = word_end;
  }
}

// The written text of a span, without the punctuation around it ("HAQQANI,"
// -> "HAQQANI").
std::string SourceText(std::string_view text, const WordSpan& span) {
  if (span.begin >= span.end || span.end > text.size()) return "";
  std::string_view s = text.substr(span.begin, span.end - span.begin);
  constexpr std::string_view kAround = " \t,;:()[]{}\"";
  while (!s.empty() && kAround.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && kAround.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return std::string(s);
}

// The words of a Latin name written "Given Names FAMILY" (or "FAMILY Given
// Names"): the words of two letters or more in capitals, when others are
// not. One flag per word of `words` (the name as Clean and SplitWords read
// it); all false when the name is in one case, or not plain ASCII.
std::vector<bool> CapitalWords(std::string_view name, const std::vector<std::string>& words) {
  std::vector<bool> capital(words.size(), false);
  if (!IsAscii(name)) return capital;
  // Read the name as Clean does (apostrophes and dots inside words, & as a
  // word, anything else not a letter or digit between words), keeping case.
  std::vector<std::string> written;
  std::string current;
  auto end_word = [&] {
    if (!current.empty()) written.push_back(std::move(current));
    current.clear();
  };
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) current += c;
    else if (c == '\'' || c == '.' || c == '`') continue;
    else if (c == '&') end_word(), written.emplace_back("and");
    else end_word();
  }
  end_word();
  if (written.size() != words.size()) return capital;
  bool lower = false, upper = false;
  for (size_t i = 0; i < written.size(); ++i) {
    const std::string& w = written[i];
    const bool has_lower = std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    const size_t letters = static_cast<size_t>(
        std::count_if(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }));
    capital[i] = !has_lower && letters >= 2;
    lower |= has_lower;
    upper |= capital[i];
  }
  if (!lower || !upper) capital.assign(words.size(), false);
  return capital;
}

// Two consonants in capitals beside a name written in both cases are two
// initials ("JC Juncker", "J.C. Juncker": Jean-Claude); a name written all
// in capitals says nothing by its case ("MD ABDUL KARIM": Md is Mohammad).
void SplitCapitalInitials(std::string_view name, std::vector<std::string>& words,
                          std::vector<WordSpan>* spans, std::vector<bool>* family) {
  if (words.size() < 2 ||
      std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    // Not a name or an abbreviation of two consonants: Ng (a family name),
    // Md (Mohammad), Sk (Sheikh), Ch (Chaudhry), Jr, St...
    static const WordSet kNotInitials = {"ng", "md", "mh", "sk", "ch", "kh", "sh", "th",
                                         "mr", "dr", "st", "jr", "sr", "hj"};
    // After a particle the word is a family name (AL-DJ), and so is a word
    // before the comma.
    if (w.size() != 2 || w.find_first_of("aeiouy0123456789") != std::string::npos ||
        kNotInitials.count(w) || (i > 0 && Particles().count(words[i - 1])) ||
        (family && i < family->size() && (*family)[i] && name.find(',') != std::string_view::npos))
      continue;
    const char upper[2] = {static_cast<char>(w[0] - 'a' + 'A'), static_cast<char>(w[1] - 'a' + 'A')};
    const std::string together{upper[0], upper[1]}, dotted{upper[0], '.', upper[1]};
    if (!WrittenAsWord(name, together) && !WrittenAsWord(name, dotted)) continue;
    std::string second(1, w[1]);
    words[i].resize(1);
    words.insert(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(second));
    if (spans) spans->insert(spans->begin() + static_cast<std::ptrdiff_t>(i) + 1, (*spans)[i]);
    if (family && family->size() + 1 == words.size()) {
      (*family)[i] = false;  // initials, not a family name in capitals
      family->insert(family->begin() + static_cast<std::ptrdiff_t>(i) + 1, false);
    }
    ++i;
  }
}

// AnalyzeName, and with sources the written text of each part (PartSources).
AnalyzedName Analyze(std::string_view written, NameKind kind, std::vector<std::string>* sources) {
  AnalyzedName result;
  result.original = std::string(written);
  result.kind = kind;
  // Characters nobody sees never reach the analysis: between letters they
  // would split a name into one-letter words (text/invisible.h).
  const std::string visible = CleanText(written).text;
  const std::string_view name = visible;
  result.script = DetectScript(name);
  bool organization = kind == NameKind::kOrganization;
  // Arabic-script letters were mapped one to one: no Latin digraphs to read.
  const bool arabic_script = result.script == "Arab";
  std::vector<std::string> words;
  // Which words the name marks as its family name (FamilyWords).
  std::vector<bool> family_words;
  // The pieces of the name read in order ([begin, end) of name): the whole
  // name, or the given names after the comma then the family name before.
  std::array<std::pair<size_t, size_t>, 2> pieces = {{{0, name.size()}, {0, 0}}};
  if (auto comma = organization ? std::string_view::npos : InvertedNameComma(name);
      comma != std::string_view::npos) {
    words = SplitWords(Clean(ThreadLatinizer().Run(name.substr(comma + 1))));
    bool legal_tail = std::all_of(words.begin(), words.end(), [](const std::string& w) {
      return UnambiguousLegalForms().count(w) || LegalForms().count(w) || NoiseWords().count(w);
    });
    if (legal_tail) {
      words = SplitWords(Clean(ThreadLatinizer().Run(name)));
    } else {
      family_words.assign(words.size(), false);
      for (auto& w : SplitWords(Clean(ThreadLatinizer().Run(name.substr(0, comma))))) {
        words.push_back(std::move(w));
        family_words.push_back(true);
      }
      pieces = {{{comma + 1, name.size()}, {0, comma}}};
    }
  } else {
    words = SplitWords(Clean(ThreadLatinizer().Run(name)));
    if (!organization) family_words = CapitalWords(name, words);
  }
  // Tracing: each word's span in the name as written, found by reading the
  // written words one at a time. When that reading differs from the whole
  // name's (a transliteration that looks across spaces), nothing is traced.
  std::vector<WordSpan> spans;
  bool traced = false;
  if (sources) {
    std::vector<std::string> traced_words;
    for (const auto& [begin, end] : pieces) TraceWords(name, begin, end, &traced_words, &spans);
    traced = traced_words == words;
  }
  if (kind != NameKind::kPerson) {
    const size_t count = words.size();
    words = NormalizeOrganizationWords(std::move(words), traced ? &spans : nullptr);
    if (words.size() != count) family_words.clear();
  }
  if (!organization) SplitCapitalInitials(name, words, traced ? &spans : nullptr, &family_words);
  if (family_words.size() != words.size()) family_words.assign(words.size(), false);
  auto span_of = [&](size_t i) { return traced ? spans[i] : WordSpan{}; };

  struct Pending {
    std::string text;
    bool after_particle = false;
    bool marker = false;  // nasab marker
    WordSpan span;        // of the words it was made of, when traced
    bool family = false;  // made of words the name marks as its family name
  };
  std::vector<Pending> tokens;
  int nasab_markers = 0;
  bool leading = true;  // every word so far was a leading title
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = organization ? words[i] : ReadLookAlikeDigits(words[i]);
    bool last = i + 1 == words.size();
    if (!organization && leading && !last && !arabic_script && LeadingTitles().count(w)) {
      result.honorifics.push_back(w);
      continue;
    }
    leading = false;
    // Amir and Emir are titles and given names: kept when the name would be
    // left with one word ("HAMZA, Amir"). A word the name marks as its
    // family name (before a comma, or in capitals beside words that are
    // not) is the family's name, not a title: "Majeed HAJJI", "HAFIZ, Ramiro".
    const bool title = (arabic_script ? ArabicScriptHonorifics() : Honorifics()).count(w) &&
                       !family_words[i] &&
                       (words.size() > 2 || (w != "amir" && w != "emir" && w != "amyr"));
    if (!organization && words.size() > 1 && title) {
      result.honorifics.push_back(w);
      continue;
    }
    if (!organization && NasabMarkers().count(w) && !tokens.empty() && !last) {
      tokens.push_back({w, false, true, span_of(i), family_words[i]});
      ++nasab_markers;
      continue;
    }
    if (Particles().count(w) && !last) {
      // Merge into a compound when the next word completes one (al-din, al-lah).
      const std::string& next = words[i + 1];
      // A particle inside a compound belongs to the part before it.
      if (!tokens.empty() && (DinWords().count(next) || AllahWords().count(next))) {
        tokens.back().span.Merge(span_of(i));
        continue;
      }
      if (!tokens.empty() && !tokens.back().marker && AbdWords().count(tokens.back().text)) {
        tokens.back().span.Merge(span_of(i));
        continue;
      }
      // Remembers the particle for the next word.
      tokens.push_back({"", true, false, span_of(i), family_words[i]});
      continue;
    }
    WordSpan span = span_of(i);
    bool family = family_words[i];
    bool after_particle = !tokens.empty() && tokens.back().text.empty() && tokens.back().after_particle;
    if (after_particle) {
      span.Merge(tokens.back().span);
      tokens.pop_back();
    }
    if (!tokens.empty() && !tokens.back().marker && !tokens.back().text.empty()) {
      std::string& prev = tokens.back().text;
      WordSpan& prev_span = tokens.back().span;
      bool& prev_family = tokens.back().family;  // a compound with a family word is one
      if (DinWords().count(w) && !AbdWords().count(prev)) {
        prev = CanonicalWord(prev) + "din";
        prev_span.Merge(span);
        prev_family = prev_family || family;
        continue;
      }
      if (AllahWords().count(w) && !AbdWords().count(prev) && prev != "abd") {
        prev = CanonicalWord(prev) + "lah";
        prev_span.Merge(span);
        prev_family = prev_family || family;
        continue;
      }
      if (AbdWords().count(prev) || prev == "abd") {
        prev = CanonicalWord("abd" + CanonicalWord(w));
        if (prev == "abd" + w && AllahWords().count(w)) prev = "abdlah";
        prev_span.Merge(span);
        prev_family = prev_family || family;
        continue;
      }
      if (AbuWords().count(prev) && !(w[0] >= '0' && w[0] <= '9')) {
        prev = "abu" + CanonicalWord(w);
        prev_span.Merge(span);
        prev_family = prev_family || family;
        continue;
      }
    }
    tokens.push_back({CanonicalWord(w), after_particle, false, span, family});
  }
  // A lone particle at the end stays a word ("Al" as a name).
  for (auto& t : tokens)
    if (t.text.empty() && t.after_particle) t.text = "al";

  result.has_nasab = nasab_markers > 0;
  int position = 0;
  bool seen_marker = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.marker) {
      ++position;
      seen_marker = true;
      continue;
    }
    NamePart part;
    part.text = t.text;
    part.folded = t.text;
    part.skeleton = Skeleton(t.text, !arabic_script);
    if (std::string bare = Skeleton(t.text, !arabic_script, false); bare != part.skeleton)
      part.bare = std::move(bare);
    if (part.folded.size() >= 5 && (part.folded.rfind("al", 0) == 0 || part.folded.rfind("el", 0) == 0))
      part.alt = part.folded.substr(2);
    else if (part.folded.size() >= 6 && part.folded.rfind("abd", 0) == 0 && !organization)
      part.alt = part.folded.substr(3);  // "abdhanif" also meets "hanif"
    part.initial = part.folded.size() == 1 && !organization;
    part.family = t.family && !organization;
    if (!organization && kind == NameKind::kAny && tokens.size() > 1 &&
        UnambiguousLegalForms().count(part.folded)) {
      part.folded = std::string(LegalForms().count(part.folded) ? LegalForms().at(part.folded)
                                                                 : std::string_view(part.folded));
      part.skeleton = Skeleton(part.folded);
      part.role = PartRole::kLegalForm;
    } else if (organization) {
      if (auto it = LegalForms().find(part.folded); it != LegalForms().end()) {
        part.folded = std::string(it->second);
        part.skeleton = Skeleton(part.folded);
        part.role = PartRole::kLegalForm;
      } else if (NoiseWords().count(part.folded)) {
        part.role = PartRole::kNoise;
      } else if (part.folded.size() >= 4 && !CountryCode(part.folded).empty()) {
        part.role = PartRole::kPlace;  // names, not codes: "co" and "ag" are legal forms here
      }
    } else if (seen_marker) {
      bool trailing_family = t.after_particle && i + 1 == tokens.size() && position >= 1;
      part.role = trailing_family ? PartRole::kNisba : PartRole::kNasab;
      part.nasab_position = trailing_family ? 0 : position;
    } else if (t.after_particle && i > 0) {
      part.role = PartRole::kNisba;
    }
    if (part.role == PartRole::kLegalForm || part.role == PartRole::kNoise ||
        (!organization && LineageTitles().count(part.folded)))
      part.weight = 0.15;
    else if (part.initial)
      part.weight = 0.3;
    else if (CommonSkeletons().count(part.skeleton) || part.folded.size() <= 2)
      part.weight = 0.45;
    // The whole name without spaces, and without a glued article, so that
    // "al Qaeda", "al-Qaeda" and "Alqaeda" give one key.
    bool glued_article = !part.alt.empty() && part.folded.rfind("abd", 0) != 0;
    result.joined += glued_article ? part.alt : part.folded;
    result.parts.push_back(std::move(part));
    if (sources) sources->push_back(SourceText(name, t.span));
  }
  for (auto& part : result.parts) SetLetterMasks(part);
  return result;
}

}  // namespace

AnalyzedName AnalyzeName(std::string_view written, NameKind kind) {
  return Analyze(written, kind, nullptr);
}

std::vector<std::string> PartSources(std::string_view written, NameKind kind) {
  std::vector<std::string> sources;
  Analyze(written, kind, &sources);
  return sources;
}

uint64_t LetterMask(std::string_view s) {
  uint64_t mask = 0;
  for (unsigned char c : s) mask |= uint64_t{1} << (c & 63);
  return mask;
}

void SetLetterMasks(NamePart& part) {
  part.letters = LetterMask(part.folded);
  part.skeleton_letters = LetterMask(part.skeleton);
  part.has_digit = std::any_of(part.folded.begin(), part.folded.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace vigil::match

namespace vigil::match {
// When this file was compiled: analyses saved by another build are not reused.
const char* NameAnalysisBuildId() { return __DATE__ " " __TIME__; }
}  // namespace vigil::match
