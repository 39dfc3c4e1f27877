// Dates on arbitrary text: vigil's partial dates (base/date), "as of" days,
// and the screener's day ranges (match::ParseDayRange). A date that parses
// writes itself back unchanged and denotes a non-empty range of days.
#include "fuzz_check.h"
#include "vigil/base/date.h"
#include "vigil/match/watchlist.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vigil::fuzz::Text(data, size);
  auto date = vigil::PartialDate::Parse(text);
  if (date.ok()) {
    vigil::fuzz::Check(date->ToString() == text, "a date does not write itself back: " + text);
    vigil::fuzz::Check(date->Earliest() <= date->Latest(), "a date ends before it begins: " + text);
    auto again = vigil::PartialDate::Parse(date->ToString());
    vigil::fuzz::Check(again.ok() && *again == *date, "a written date does not read back");
  }
  auto as_of = vigil::PartialDate::ParseAsOf(text);
  if (as_of.ok()) vigil::fuzz::Check(vigil::PartialDate::Parse(*as_of).ok(), "bad as-of day");
  vigil::match::DayRange range;
  if (vigil::match::ParseDayRange(text, &range))
    vigil::fuzz::Check(range.first <= range.last, "a day range ends before it begins: " + text);
  return 0;
}
