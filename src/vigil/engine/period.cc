// The as_of / during time filter of every knowledge-base query.
#include "vigil/engine/period.h"

#include <fmt/format.h>

namespace vigil {

StatusOr<DayRange> QueryDays(const std::string& as_of, const std::string& during) {
  if (!as_of.empty() && !during.empty())
    return FieldError("during", "give as_of (a day) or during (a period), not both");
  if (!as_of.empty()) {
    auto day = PartialDate::ParseAsOf(as_of);
    if (!day.ok()) return FieldError("as_of", std::string(day.status().message()));
    return DayRange{*day, *day};
  }
  if (!during.empty()) {
    auto range = PartialDate::ParsePeriod(during);
    if (!range.ok()) return FieldError("during", std::string(range.status().message()));
    return *range;
  }
  return DayRange{};
}

std::string DescribeDays(const DayRange& days, bool during) {
  if (days.Unbounded()) return "";
  if (!during) return "as of " + days.last;
  return fmt::format("during {}..{}", days.first, days.last);
}

}  // namespace vigil
