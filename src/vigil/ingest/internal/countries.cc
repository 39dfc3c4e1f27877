// Country names to ISO codes: ICU's English region names plus list spellings.
#include "vigil/ingest/internal/countries.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <unordered_map>

#include "vigil/text/country.h"
#include "vigil/text/normalize.h"

namespace vigil::internal {
namespace {

// Spellings used by the UN and OFAC lists that differ from ICU's English
// region names (or that ICU gives with "&" or "St.").
constexpr std::pair<std::string_view, std::string_view> kListSpellings[] = {
    {"Iran (Islamic Republic of)", "IR"},
    {"Islamic Republic of Iran", "IR"},
    {"Korea, North", "KP"},
    {"Democratic People's Republic of Korea", "KP"},
    {"DPRK", "KP"},
    {"Korea, South", "KR"},
    {"Republic of Korea", "KR"},
    {"Russian Federation", "RU"},
    {"Syrian Arab Republic", "SY"},
    {"United Republic of Tanzania", "TZ"},
    {"Viet Nam", "VN"},
    {"Democratic Republic of the Congo", "CD"},
    {"Congo, Democratic Republic of the", "CD"},
    {"Congo, Republic of the", "CG"},
    {"Republic of the Congo", "CG"},
    {"Congo", "CG"},
    {"Palestinian", "PS"},
    {"Palestine", "PS"},
    {"State of Palestine", "PS"},
    {"West Bank", "PS"},
    {"Gaza", "PS"},
    {"Gaza Strip", "PS"},
    {"Burma", "MM"},
    {"Myanmar", "MM"},
    {"Bolivia (Plurinational State of)", "BO"},
    {"Venezuela (Bolivarian Republic of)", "VE"},
    {"Lao People's Democratic Republic", "LA"},
    {"Libyan Arab Jamahiriya", "LY"},
    {"Republic of Moldova", "MD"},
    {"The former Yugoslav Republic of Macedonia", "MK"},
    {"Macedonia", "MK"},
    {"Cote d'Ivoire", "CI"},
    {"Ivory Coast", "CI"},
    {"Czech Republic", "CZ"},
    {"United States of America", "US"},
    {"USA", "US"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"Great Britain", "GB"},
    {"UK", "GB"},
    {"England", "GB"},
    {"Scotland", "GB"},
    {"Wales", "GB"},
    {"Northern Ireland", "GB"},
    {"Hong Kong", "HK"},
    {"Macau", "MO"},
    {"Macao", "MO"},
    {"Turkiye", "TR"},
    {"Swaziland", "SZ"},
    {"Cabo Verde", "CV"},
    {"Holy See", "VA"},
    {"Brunei Darussalam", "BN"},
    {"Timor Leste", "TL"},
    {"East Timor", "TL"},
    {"Micronesia (Federated States of)", "FM"},
    {"Micronesia, Federated States of", "FM"},
    {"Kyrgyz Republic", "KG"},
    {"Slovak Republic", "SK"},
    {"Gambia, The", "GM"},
    {"The Gambia", "GM"},
    {"Bahamas, The", "BS"},
    {"The Bahamas", "BS"},
    {"Netherlands, The", "NL"},
    {"Curacao", "CW"},
    {"Reunion", "RE"},
    {"Aland Islands", "AX"},
    {"Sao Tome and Principe", "ST"},
    {"Virgin Islands, British", "VG"},
    {"Virgin Islands, U.S.", "VI"},
    {"Saint Martin", "MF"},
    {"Sint Maarten (Dutch part)", "SX"},
    {"China, People's Republic of", "CN"},
    {"People's Republic of China", "CN"},
    {"Taiwan, Province of China", "TW"},
    {"Region: Crimea", "UA"},
    {"Crimea", "UA"},
};

// Lower-case ASCII letters and digits, "&" read as "and", a leading "the"
// dropped; other scripts and diacritics folded through NameKey.
std::string Fold(std::string_view name) {
  bool ascii = true;
  for (unsigned char c : name) ascii = ascii && c < 0x80;
  std::string key;
  if (ascii) {
    key.reserve(name.size());
    for (char c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
      if (c == '&') key += "and";
    }
  } else {
    std::string text;  // "&" read as "and", in one pass (replacing in place was quadratic)
    text.reserve(name.size());
    for (char c : name) {
      if (c == '&')
        text += " and ";
      else
        text += c;
    }
    key = NameKey(text);
  }
  if (key.size() > 3 && key.compare(0, 3, "the") == 0 && name.size() > 4 &&
      (name[3] == ' ' || name[3] == '\t'))
    key.erase(0, 3);
  return key;
}

const std::unordered_map<std::string, std::string>& ListCountryTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, std::string>();
    for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
      icu::UnicodeString display;
      icu::Locale("", *code).getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string name;
      display.toUTF8String(name);
      t->emplace(Fold(name), *code);
      if (name.compare(0, 4, "St. ") == 0) t->emplace(Fold("Saint " + name.substr(4)), *code);
      if (auto dash = name.find(" - "); dash != std::string::npos)  // "Congo - Kinshasa"
        t->emplace(Fold(name.substr(0, dash) + " (" + name.substr(dash + 3) + ")"), *code);
      t->emplace(Fold(*code), *code);  // an ISO code written as such
    }
    // Two-letter words that are also codes must not be read as codes in
    // running text, but lists only call this on country fields: keep them.
    for (const auto& [spelling, code] : kListSpellings) (*t)[Fold(spelling)] = std::string(code);
    return t;
  }();
  return *table;
}

}  // namespace

std::string CountryCode(std::string_view name) {
  // No country's name is this long; and folding a long text through ICU
  // takes time quadratic in its length, so a long field is never folded.
  if (name.size() > kLongestCountryName) return "";
  thread_local std::unordered_map<std::string, std::string> cache;
  std::string text(name);
  if (auto it = cache.find(text); it != cache.end()) return it->second;
  // The screener's table first, so that lists and queries agree on codes.
  std::string code = vigil::CountryCode(name);
  std::string key = code.empty() ? Fold(name) : "";
  if (!key.empty()) {
    const auto& table = ListCountryTable();
    if (auto it = table.find(key); it != table.end()) code = it->second;
  }
  if (cache.size() > 100000) cache.clear();
  cache.emplace(std::move(text), code);
  return code;
}

std::string CountryOrText(std::string_view name) {
  std::string code = CountryCode(name);
  return code.empty() ? std::string(name) : code;
}

}  // namespace vigil::internal
