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

  bool IsSet() const { return year != 0; }
  std::string ToString() const;  // the canonical written form
  std::string Earliest() const;  // "YYYY-MM-DD"
  std::string Latest() const;    // "YYYY-MM-DD"

  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

}  // namespace vigil
