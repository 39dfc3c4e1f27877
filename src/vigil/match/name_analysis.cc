// Name analysis: transliteration, tokens, particles, compounds, structure.
#include "vigil/match/name_analysis.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "vigil/text/normalize.h"

namespace vigil::match {
namespace {

// Letters of Persian, Pashto and Urdu that ICU's Arabic-Latin leaves alone,
// ta marbuta written as the vowel it is usually spelled with in Latin, and
// the Arabic article split from its word ("الرحمن" -> "al rahman").
constexpr const char* kArabicScriptRules = R"(
عبد > 'abd'; ع > ;
ګ > g; ځ > z; څ > s; ډ > d; ټ > t; ړ > r; ښ > sh; ږ > zh; ڼ > n; ې > y; ۍ > y;
ٹ > t; ڈ > d; ڑ > r; ں > n; ے > y; ھ > h; ۀ > a; ة > a; ى > a; ؤ > w; ئ > y; ء > ;
[:^L:] { ال } [:L:][:L:] > 'al ';
^ ال } [:L:][:L:] > 'al ';
)";

class Latinizer {
 public:
  Latinizer() {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    arabic_.reset(icu::Transliterator::createFromRules(
        "vigil-arabic-script", icu::UnicodeString::fromUTF8(kArabicScriptRules), UTRANS_FORWARD,
        parse_error, status));
    if (U_FAILURE(status) || !arabic_) throw std::runtime_error("ICU rules for Arabic script failed");
    status = U_ZERO_ERROR;
    chain_.reset(icu::Transliterator::createInstance(
        "Russian-Latin/BGN; Any-Latin; [[:Lm:][:Sk:][\\u00B7]] Remove; Latin-ASCII; Any-Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !chain_) throw std::runtime_error("ICU transliterator unavailable");
  }
  std::string Run(std::string_view text) {
    // Most listed names are plain ASCII: fold case without ICU.
    if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) {
      std::string out(text);
      for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      return out;
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    arabic_->transliterate(u);
    chain_->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
  }

 private:
  std::unique_ptr<icu::Transliterator> arabic_, chain_;
};

Latinizer& ThreadLatinizer() {
  thread_local Latinizer latinizer;
  return latinizer;
}

using WordSet = std::unordered_set<std::string_view>;

const WordSet& Honorifics() {
  static const WordSet words = {
      "mullah", "mulla",   "mullo",  "maulvi", "mawlawi", "molvi",  "moulvi", "maulana",
      "mawlana", "haji",   "hajji",  "alhaji", "alhajji", "sheikh", "shaikh", "shaykh",
      "sheik",  "shaykh",  "qari",   "hafiz",  "mufti",   "dr",     "doctor", "mr",
      "mrs",    "ms",      "prof",   "professor", "general", "gen",  "col",    "colonel",
      "capt",   "captain", "commander", "emir", "amir",   "imam",   "ustad",  "ustaz",
      "sir",    "lord",    "madam",  "mme",    "mlle",    "herr",   "frau"};
  return words;
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
      {"establishment", "est"},  {"trading", "trading"}, {"group", "group"},
      {"holding", "holding"},    {"holdings", "holding"}, {"enterprise", "enterprise"},
      {"enterprises", "enterprise"}, {"industries", "industries"},
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

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Canonical spelling of compounds written as one word.
std::string CanonicalWord(std::string word) {
  static constexpr std::array<std::string_view, 11> kDinSuffixes = {
      "uddeen", "uddin", "eddine", "eddin", "addin", "aldin", "eldin", "udin", "edin", "uddine",
      "deen"};
  for (auto suffix : kDinSuffixes)
    if (EndsWith(word, suffix) && word.size() >= suffix.size() + 3)
      return word.substr(0, word.size() - suffix.size()) + "din";
  static constexpr std::array<std::string_view, 5> kAllahSuffixes = {"ullah", "ulla", "allah",
                                                                     "ollah", "olla"};
  if (word.rfind("abd", 0) != 0)
    for (auto suffix : kAllahSuffixes)
      if (EndsWith(word, suffix) && word.size() >= suffix.size() + 3)
        return word.substr(0, word.size() - suffix.size()) + "lah";
  if (word.rfind("abd", 0) == 0 && word.size() > 5 && !AbdWords().count(word)) {
    std::string rest = word.substr(3);
    static constexpr std::array<std::string_view, 14> kLinks = {
        "oul", "ul", "el", "al", "ol", "ur", "ar", "us", "as", "ud", "ad", "u", "e", "o"};
    for (auto link : kLinks)
      if (rest.rfind(link, 0) == 0 && rest.size() > link.size() + 2) {
        rest = rest.substr(link.size());
        break;
      }
    if (rest.size() >= 2 && rest[0] == rest[1]) rest = rest.substr(1);
    return "abd" + rest;
  }
  return word;
}

}  // namespace

std::string ToLatin(std::string_view text) {
  std::string latin = ThreadLatinizer().Run(text);
  std::string cleaned = Clean(latin);
  std::string out;
  for (auto& w : SplitWords(cleaned)) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string Skeleton(std::string_view folded) {
  std::string s;
  s.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    char next = i + 1 < folded.size() ? folded[i + 1] : 0;
    char next2 = i + 2 < folded.size() ? folded[i + 2] : 0;
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
      s += c == 'k' ? 'h' : 'g';
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
    } else if (c == 'q' || c == 'c') {
      s += 'k';
    } else if (c == 'x') {
      s += "ks";
    } else if (c == 'v') {
      s += 'w';
    } else {
      s += c;
    }
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    bool glide = (c == 'w' || c == 'y') && i > 0;
    if (vowel || glide) continue;
    if (c == 'S') c = 's';  // sh and s meet: Arabic ش/س are often confused in Latin
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  if (out.empty() && !s.empty()) out = std::string(1, s[0]);  // "ali" -> "l" needs a key too
  return out;
}

AnalyzedName AnalyzeName(std::string_view name, NameKind kind) {
  AnalyzedName result;
  result.original = std::string(name);
  result.kind = kind;
  result.script = DetectScript(name);
  std::vector<std::string> words = SplitWords(Clean(ThreadLatinizer().Run(name)));
  bool organization = kind == NameKind::kOrganization;

  struct Pending {
    std::string text;
    bool after_particle = false;
    bool marker = false;  // nasab marker
  };
  std::vector<Pending> tokens;
  int nasab_markers = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    bool last = i + 1 == words.size();
    if (!organization && words.size() > 1 && Honorifics().count(w)) {
      result.honorifics.push_back(w);
      continue;
    }
    if (!organization && NasabMarkers().count(w) && !tokens.empty() && !last) {
      tokens.push_back({w, false, true});
      ++nasab_markers;
      continue;
    }
    if (Particles().count(w) && !last) {
      // Merge into a compound when the next word completes one (al-din, al-lah).
      const std::string& next = words[i + 1];
      if (!tokens.empty() && (DinWords().count(next) || AllahWords().count(next))) continue;
      if (!tokens.empty() && !tokens.back().marker && AbdWords().count(tokens.back().text)) continue;
      tokens.push_back({"", true, false});  // remembers the particle for the next word
      continue;
    }
    bool after_particle = !tokens.empty() && tokens.back().text.empty() && tokens.back().after_particle;
    if (after_particle) tokens.pop_back();
    if (!tokens.empty() && !tokens.back().marker && !tokens.back().text.empty()) {
      std::string& prev = tokens.back().text;
      if (DinWords().count(w) && !AbdWords().count(prev)) {
        prev = CanonicalWord(prev) + "din";
        continue;
      }
      if (AllahWords().count(w) && !AbdWords().count(prev) && prev != "abd") {
        prev = CanonicalWord(prev) + "lah";
        continue;
      }
      if (AbdWords().count(prev) || prev == "abd") {
        prev = CanonicalWord("abd" + w);
        if (prev == "abd" + w && AllahWords().count(w)) prev = "abdlah";
        continue;
      }
      if (AbuWords().count(prev) && !(w[0] >= '0' && w[0] <= '9')) {
        prev = "abu" + CanonicalWord(w);
        continue;
      }
    }
    tokens.push_back({CanonicalWord(w), after_particle, false});
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
    part.skeleton = Skeleton(t.text);
    if (part.folded.size() >= 5 && (part.folded.rfind("al", 0) == 0 || part.folded.rfind("el", 0) == 0))
      part.alt = part.folded.substr(2);
    part.initial = part.folded.size() == 1 && !organization;
    if (organization) {
      if (auto it = LegalForms().find(part.folded); it != LegalForms().end()) {
        part.folded = std::string(it->second);
        part.skeleton = Skeleton(part.folded);
        part.role = PartRole::kLegalForm;
      } else if (NoiseWords().count(part.folded)) {
        part.role = PartRole::kNoise;
      }
    } else if (seen_marker) {
      bool trailing_family = t.after_particle && i + 1 == tokens.size() && position >= 1;
      part.role = trailing_family ? PartRole::kNisba : PartRole::kNasab;
      part.nasab_position = trailing_family ? 0 : position;
    } else if (t.after_particle && i > 0) {
      part.role = PartRole::kNisba;
    }
    if (part.role == PartRole::kLegalForm || part.role == PartRole::kNoise)
      part.weight = 0.15;
    else if (part.initial)
      part.weight = 0.3;
    else if (CommonSkeletons().count(part.skeleton) || part.folded.size() <= 2)
      part.weight = 0.45;
    result.joined += part.folded;
    result.parts.push_back(std::move(part));
  }
  return result;
}

}  // namespace vigil::match
