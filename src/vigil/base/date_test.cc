// Partial dates: parsing, written forms and the day ranges they denote.
#include "vigil/base/date.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

// The parsed date, or a test failure naming the text (never a dereference of
// an error).
PartialDate Parsed(std::string_view text) {
  auto date = PartialDate::Parse(text);
  EXPECT_TRUE(date.ok()) << text << ": " << date.status();
  return date.ok() ? *date : PartialDate{};
}

std::string AsOf(std::string_view text) {
  auto day = PartialDate::ParseAsOf(text);
  EXPECT_TRUE(day.ok()) << text << ": " << day.status();
  return day.ok() ? *day : "(error)";
}

TEST(PartialDate, ParsesEachPrecision) {
  EXPECT_EQ(Parsed("2024").ToString(), "2024");
  EXPECT_EQ(Parsed("2024-03").ToString(), "2024-03");
  EXPECT_EQ(Parsed("2024-03-22").ToString(), "2024-03-22");
  PartialDate about = Parsed("~1995");
  EXPECT_TRUE(about.approximate);
  EXPECT_EQ(about.year, 1995);
  EXPECT_EQ(about.ToString(), "~1995");
}

TEST(PartialDate, DayRanges) {
  EXPECT_EQ(Parsed("2024").Earliest(), "2024-01-01");
  EXPECT_EQ(Parsed("2024").Latest(), "2024-12-31");
  EXPECT_EQ(Parsed("2024-02").Latest(), "2024-02-29");
  EXPECT_EQ(Parsed("2023-02").Latest(), "2023-02-28");
  EXPECT_EQ(Parsed("~2015").Earliest(), "2014-01-01");
  EXPECT_EQ(Parsed("~2015").Latest(), "2016-12-31");
  EXPECT_EQ(Parsed("~2015-01").Earliest(), "2014-11-01");
  EXPECT_EQ(Parsed("~2015-12").Latest(), "2016-02-29");
  EXPECT_EQ(Parsed("~2015-03-31").Earliest(), "2015-02-28");
  EXPECT_EQ(Parsed("2001-09-09").Latest(), "2001-09-09");
}

TEST(PartialDate, RangesAtTheEdgesOfTheYearsAccepted) {
  EXPECT_EQ(Parsed("~1000").Earliest(), "0999-01-01");
  EXPECT_EQ(Parsed("~2999-12-31").Latest(), "3000-01-31");
  EXPECT_EQ(Parsed("~1000-01").Earliest(), "0999-11-01");
}

TEST(PartialDate, RejectsInvalidDates) {
  for (const char* bad : {"", "24", "2024-13", "2023-02-29", "2024-3-1", "abcd", "2024-03-22x",
                          "~", "0999", "3000", "2024/03", "2024-00", "2024-01-32", "~~2024",
                          "+202", "2024-", "2024-03-", " 2024", "2024-1a", "１９９５"})
    EXPECT_FALSE(PartialDate::Parse(bad).ok()) << bad;
  EXPECT_TRUE(PartialDate::Parse("2024-02-29").ok());
}

TEST(PartialDate, AsOfTakesTheLastDay) {
  EXPECT_EQ(AsOf("2015"), "2015-12-31");
  EXPECT_EQ(AsOf("2023-06-01"), "2023-06-01");
  EXPECT_FALSE(PartialDate::ParseAsOf("~2015").ok());
}

TEST(PartialDate, PeriodsCoverEveryDayTheyDenote) {
  auto period = [](std::string_view text) {
    auto range = PartialDate::ParsePeriod(text);
    EXPECT_TRUE(range.ok()) << text << ": " << range.status();
    return range.ok() ? *range : DayRange{"(error)", "(error)"};
  };
  EXPECT_EQ(period("2021"), (DayRange{"2021-01-01", "2021-12-31"}));
  EXPECT_EQ(period("2021-06"), (DayRange{"2021-06-01", "2021-06-30"}));
  EXPECT_EQ(period("2021-06-16"), (DayRange{"2021-06-16", "2021-06-16"}));
  EXPECT_EQ(period("2014..2016-02"), (DayRange{"2014-01-01", "2016-02-29"}));
  EXPECT_EQ(period("2021-06.."), (DayRange{"2021-06-01", ""}));
  EXPECT_EQ(period("..2001-09-11"), (DayRange{"", "2001-09-11"}));
  for (const char* bad : {"", "..", "~2015", "2016..2014", "2015...2016", "2015..~2016", "x..2016"})
    EXPECT_FALSE(PartialDate::ParsePeriod(bad).ok()) << bad;
}

TEST(DayRange, MeetsIntervalsThatOverlapIt) {
  DayRange june{"2021-06-01", "2021-06-30"};
  EXPECT_TRUE(june.Meets("2021-06-16", "2021-06-16"));  // a one-day event inside
  EXPECT_TRUE(june.Meets("", ""));                      // open both ways
  EXPECT_TRUE(june.Meets("2021-06-30", ""));
  EXPECT_FALSE(june.Meets("2021-07-01", ""));
  EXPECT_FALSE(june.Meets("", "2021-05-31"));
  EXPECT_TRUE(DayRange{}.Meets("1990-01-01", "1991-01-01"));
}

}  // namespace
}  // namespace vigil
