// Country look-up table from ICU locale data and the UN's formal names.
#include "vigil/text/country.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <string>
#include <unordered_map>

#include "vigil/text/normalize.h"

namespace vigil {
namespace {

// Formal and alternative names that ICU's English display names lack.
constexpr std::pair<const char*, const char*> kVariants[] = {
    {"Russian Federation", "RU"},
    {"Iran (Islamic Republic of)", "IR"},
    {"Islamic Republic of Iran", "IR"},
    {"Syrian Arab Republic", "SY"},
    {"Democratic People's Republic of Korea", "KP"},
    {"Korea, North", "KP"},
    {"North Korea", "KP"},
    {"Republic of Korea", "KR"},
    {"Korea, South", "KR"},
    {"South Korea", "KR"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"Great Britain", "GB"},
    {"England", "GB"},
    {"United States of America", "US"},
    {"USA", "US"},
    {"Lao People's Democratic Republic", "LA"},
    {"Viet Nam", "VN"},
    {"Bolivia (Plurinational State of)", "BO"},
    {"Venezuela (Bolivarian Republic of)", "VE"},
    {"United Republic of Tanzania", "TZ"},
    {"Republic of Moldova", "MD"},
    {"Democratic Republic of the Congo", "CD"},
    {"Congo, Democratic Republic of the", "CD"},
    {"Republic of the Congo", "CG"},
    {"Libyan Arab Jamahiriya", "LY"},
    {"Palestinian Territories", "PS"},
    {"State of Palestine", "PS"},
    {"West Bank", "PS"},
    {"Gaza", "PS"},
    {"Burma", "MM"},
    {"Ivory Coast", "CI"},
    {"Cote d'Ivoire", "CI"},
    {"Czech Republic", "CZ"},
    {"Swaziland", "SZ"},
    {"The Gambia", "GM"},
    {"Gambia, The", "GM"},
    {"Bahamas, The", "BS"},
    {"Holland", "NL"},
    {"Kosovo", "XK"},
    {"Turkey", "TR"},
    {"Macedonia", "MK"},
    {"The former Yugoslav Republic of Macedonia", "MK"},
    {"Micronesia (Federated States of)", "FM"},
    {"Sudan, South", "SS"},
    {"Soviet Union", "SU"},
    {"USSR", "SU"},
    {"Yugoslavia", "YU"},
};

class Table {
 public:
  Table() {
    for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
      std::string alpha2(*code);
      codes_[NameKey(alpha2)] = alpha2;
      icu::Locale locale("", *code);
      std::string alpha3 = locale.getISO3Country();
      if (!alpha3.empty()) codes_[NameKey(alpha3)] = alpha2;
      icu::UnicodeString display;
      locale.getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string name;
      display.toUTF8String(name);
      if (!name.empty()) Add(name, alpha2);
    }
    for (auto [name, code] : kVariants) Add(name, code);
  }

  std::string Find(std::string_view text) const {
    std::string key = NameKey(text);
    if (key.empty()) return "";
    if (text.size() <= 3)
      if (auto it = codes_.find(key); it != codes_.end()) return it->second;
    if (auto it = names_.find(key); it != names_.end()) return it->second;
    return "";
  }

 private:
  void Add(std::string_view name, std::string code) {
    names_.emplace(NameKey(name), code);
    // "Bahamas, The" and "Congo (Brazzaville)": also without the qualifier.
    auto cut = name.find_first_of(",(");
    if (cut != std::string_view::npos && cut > 2) names_.emplace(NameKey(name.substr(0, cut)), code);
  }

  std::unordered_map<std::string, std::string> codes_, names_;
};

}  // namespace

std::string CountryCode(std::string_view name_or_code) {
  static const Table table;
  return table.Find(name_or_code);
}

}  // namespace vigil
