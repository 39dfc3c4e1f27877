// Country names and codes: "Afghanistan", "AFG", "af", "Russian Federation",
// "Iran (Islamic Republic of)" all become "AF" / "RU" / "IR".
//
// Official lists write countries as English names (UN), names inside remarks
// (OFAC) or codes; users type ISO codes or names. CountryCode() maps any of
// them to ISO 3166-1 alpha-2, from ICU's own English display names plus the
// UN's formal names and common variants. Thread-safe; the table is built on
// first use.
//
//   CountryCode("Democratic People's Republic of Korea") == "KP"
//   CountryCode("xx") == ""   // unknown
#pragma once

#include <string>
#include <string_view>

namespace vigil {

// ISO 3166-1 alpha-2 (upper case), or empty when the text names no country.
std::string CountryCode(std::string_view name_or_code);

}  // namespace vigil
