// Partial and uncertain dates: "2024", "2024-03", "2024-03-22", "~1995".
//
// Sources rarely give full dates ("in the mid-1990s", "late last year"), so
// every date in vigil may be partial and may be marked approximate. A date is
// compared through the range of days it may denote (Earliest()..Latest()),
// written as ISO "YYYY-MM-DD" strings so that they also sort in SQL.
//
//   auto d = PartialDate::Parse("~2015");   // about 2015
//   d->Earliest() == "2014-01-01"; d->Latest() == "2016-12-31"
#pragma once

#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil {

// A closed range of days ("YYYY-MM-DD"), for filtering by time: as of a day
// (first == last) or during a period. An empty end is open.
struct DayRange {
  std::string first, last;

  bool Unbounded() const { return first.empty() && last.empty(); }
  // Whether a closed interval from..to (days; empty: open) meets the range.
  bool Meets(std::string_view from, std::string_view to) const {
    if (!last.empty() && !from.empty() && from > last) return false;
    if (!first.empty() && !to.empty() && to < first) return false;
    return true;
  }
  friend bool operator==(const DayRange&, const DayRange&) = default;
};

struct PartialDate {
  int year = 0;   // 0: no date
  int month = 0;  // 0: unknown
  int day = 0;    // 0: unknown
  bool approximate = false;

  // Parses the forms above; InvalidArgument on anything else, including
  // impossible days (2023-02-29) and years outside 1000..2999.
  static StatusOr<PartialDate> Parse(std::string_view text);
  // Parses a complete or partial date given on a command line and returns
  // the day it denotes for "as of" filtering: the latest day it may denote.
  static StatusOr<std::string> ParseAsOf(std::string_view text);
  // Parses a period given on a command line: a year ("2021"), a month
  // ("2021-06"), a day, or FROM..TO with either end a date or left open
  // ("2014..2016", "2021-06..", "..2001-09-11"); the days from the first
  // day FROM may denote to the last day TO may denote. Approximate dates
  // and an end before the start are refused.
  static StatusOr<DayRange> ParsePeriod(std::string_view text);

  bool IsSet() const { return year != 0; }
  std::string ToString() const;  // the canonical written form
  std::string Earliest() const;  // "YYYY-MM-DD"
  std::string Latest() const;    // "YYYY-MM-DD"

  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

}  // namespace vigil
