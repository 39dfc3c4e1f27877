#include "vigil/base/date.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(PartialDate, ParsesEachPrecision) {
  EXPECT_EQ(PartialDate::Parse("2024")->ToString(), "2024");
  EXPECT_EQ(PartialDate::Parse("2024-03")->ToString(), "2024-03");
  EXPECT_EQ(PartialDate::Parse("2024-03-22")->ToString(), "2024-03-22");
  auto about = PartialDate::Parse("~1995");
  ASSERT_TRUE(about.ok());
  EXPECT_TRUE(about->approximate);
  EXPECT_EQ(about->ToString(), "~1995");
}

TEST(PartialDate, DayRanges) {
  EXPECT_EQ(PartialDate::Parse("2024")->Earliest(), "2024-01-01");
  EXPECT_EQ(PartialDate::Parse("2024")->Latest(), "2024-12-31");
  EXPECT_EQ(PartialDate::Parse("2024-02")->Latest(), "2024-02-29");
  EXPECT_EQ(PartialDate::Parse("2023-02")->Latest(), "2023-02-28");
  EXPECT_EQ(PartialDate::Parse("~2015")->Earliest(), "2014-01-01");
  EXPECT_EQ(PartialDate::Parse("~2015")->Latest(), "2016-12-31");
  EXPECT_EQ(PartialDate::Parse("~2015-01")->Earliest(), "2014-11-01");
  EXPECT_EQ(PartialDate::Parse("~2015-12")->Latest(), "2016-02-29");
  EXPECT_EQ(PartialDate::Parse("~2015-03-31")->Earliest(), "2015-02-28");
  EXPECT_EQ(PartialDate::Parse("2001-09-09")->Latest(), "2001-09-09");
}

TEST(PartialDate, RejectsInvalidDates) {
  for (const char* bad : {"", "24", "2024-13", "2023-02-29", "2024-3-1", "abcd", "2024-03-22x",
                          "~", "0999", "2024/03", "2024-00", "2024-01-32"})
    EXPECT_FALSE(PartialDate::Parse(bad).ok()) << bad;
  EXPECT_TRUE(PartialDate::Parse("2024-02-29").ok());
}

TEST(PartialDate, AsOfTakesTheLastDay) {
  EXPECT_EQ(*PartialDate::ParseAsOf("2015"), "2015-12-31");
  EXPECT_EQ(*PartialDate::ParseAsOf("2023-06-01"), "2023-06-01");
  EXPECT_FALSE(PartialDate::ParseAsOf("~2015").ok());
}

}  // namespace
}  // namespace vigil
