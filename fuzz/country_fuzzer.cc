// Country names and codes on arbitrary text: the screener's table
// (text/country) and the list readers' (ingest/internal/countries). A code
// is two upper-case letters or empty.
#include "fuzz_check.h"
#include "vigil/base/utf8.h"
#include "vigil/ingest/internal/countries.h"
#include "vigil/text/country.h"

namespace {

void CheckCode(const std::string& code) {
  vigil::fuzz::Check(code.empty() || (code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' &&
                                      code[1] >= 'A' && code[1] <= 'Z'),
                     "not a country code: " + code);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vigil::fuzz::Text(data, size);
  if (vigil::FindInvalidUtf8(text)) return 0;  // readers refuse such files first
  CheckCode(vigil::CountryCode(text));
  CheckCode(vigil::internal::CountryCode(text));
  vigil::internal::CountryOrText(text);
  return 0;
}
