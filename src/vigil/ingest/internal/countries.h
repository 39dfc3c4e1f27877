// Country names as official lists write them ("Iran (Islamic Republic of)",
// "Korea, North", "Russian Federation") to ISO 3166 alpha-2 codes.
//
//   CountryCode("Afghanistan") == "AF"; CountryCode("Korea, North") == "KP";
//   CountryCode("Atlantis") == ""
//
// Looks in vigil::CountryCode (text/country.h, shared with the screener)
// first, then in spellings the lists use that it lacks ("Bosnia and
// Herzegovina" where ICU writes "&", "Saint" for "St.", "Congo",
// "Palestinian"...). Thread-safe; results are cached per thread, which
// matters: the OFAC set holds some 100,000 country fields.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil::internal {

// The longest text looked up as a country name, in bytes; longer text is
// not a country (and is not folded, which is slow on very long text).
inline constexpr size_t kLongestCountryName = 200;

// ISO 3166 alpha-2 code, or empty when the name is not a known country.
std::string CountryCode(std::string_view name);

// The code when the name is a known country, else the name as written:
// what list readers store as a nationality or citizenship.
std::string CountryOrText(std::string_view name);

}  // namespace vigil::internal
