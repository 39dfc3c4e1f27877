// The time filter that every query of the knowledge base shares: `as_of`
// (a day: "2021" means 2021-12-31, its last day) or `during` (everything
// valid at any time within a year, a month or FROM..TO). Parsed and checked
// here once, for the CLI (--as-of, --during) and the HTTP API (as_of,
// during) alike; a relation, an entity or an event is kept when its
// interval meets the days returned (DayRange::Meets).
//
//   auto days = QueryDays("", "2021-06");   // {2021-06-01, 2021-06-30}
//   auto days = QueryDays("2021-06", "");   // {2021-06-30, 2021-06-30}
#pragma once

#include <string>

#include "vigil/base/date.h"
#include "vigil/base/status.h"

namespace vigil {

// The days a query covers: as_of's day (YYYY, YYYY-MM or YYYY-MM-DD, the
// last day it denotes) or during's period (base/date.h ParsePeriod);
// unbounded when both are empty. Field errors: as_of or during when one
// does not parse, during when both are given.
StatusOr<DayRange> QueryDays(const std::string& as_of, const std::string& during);

// "as of 2021-12-31", "during 2021-06-01..2021-06-30", "" when unbounded:
// how text output names the days a query covered.
std::string DescribeDays(const DayRange& days, bool during);

}  // namespace vigil
