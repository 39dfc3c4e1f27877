// Event analytics helpers on hand-computed answers: periods and the change
// signal (docs/data-model.md, "Event analytics").
#include "vigil/engine/events.h"

#include <gtest/gtest.h>

namespace vigil::internal {
namespace {

TEST(EventPeriodsTest, PeriodsOfADay) {
  EXPECT_EQ(PeriodOf("2016-05-03", "month"), "2016-05");
  EXPECT_EQ(PeriodOf("2016-05-03", "quarter"), "2016-Q2");
  EXPECT_EQ(PeriodOf("2016-12-31", "quarter"), "2016-Q4");
  EXPECT_EQ(PeriodOf("2016-05-03", "year"), "2016");
}

TEST(EventPeriodsTest, EveryPeriodBetweenIncludingEmptyOnes) {
  EXPECT_EQ(PeriodsBetween("2015-11-20", "2016-02-01", "month"),
            (std::vector<std::string>{"2015-11", "2015-12", "2016-01", "2016-02"}));
  EXPECT_EQ(PeriodsBetween("2015-11-20", "2016-04-01", "quarter"),
            (std::vector<std::string>{"2015-Q4", "2016-Q1", "2016-Q2"}));
  EXPECT_EQ(PeriodsBetween("2014-01-01", "2016-01-01", "year"),
            (std::vector<std::string>{"2014", "2015", "2016"}));
}

TEST(ChangeSignalTest, PoissonZAgainstTheTrailingMean) {
  // Counts 2, 2, 2, 2, 11, 0: at index 4 the baseline is 2 (4 periods), z =
  // (11 - 2) / sqrt(2) = 6.36: a rise. At index 5 the baseline is
  // (2+2+2+2+11)/5 = 3.8, z = -3.8 / sqrt(3.8) = -1.95: no signal.
  std::vector<ActivityPeriod> p(6);
  int counts[] = {2, 2, 2, 2, 11, 0};
  for (int i = 0; i < 6; ++i) p[i].events = counts[i];
  MarkChanges(&p);
  EXPECT_EQ(p[2].signal, "");       // not enough history at index 2
  EXPECT_DOUBLE_EQ(p[3].baseline, 2.0);
  EXPECT_DOUBLE_EQ(p[3].z, 0.0);
  EXPECT_NEAR(p[4].z, 6.364, 1e-3);
  EXPECT_EQ(p[4].signal, "rise");
  EXPECT_NEAR(p[5].baseline, 3.8, 1e-12);
  EXPECT_NEAR(p[5].z, -1.949, 1e-3);
  EXPECT_EQ(p[5].signal, "");
}

TEST(ChangeSignalTest, AFallNeedsABaselineOfAtLeastNine) {
  // Baseline 10 over six periods, then 0: z = -10 / sqrt(10) = -3.16.
  std::vector<ActivityPeriod> p(7);
  for (int i = 0; i < 6; ++i) p[i].events = 10;
  MarkChanges(&p);
  EXPECT_EQ(p[6].signal, "fall");
  EXPECT_NEAR(p[6].z, -3.162, 1e-3);
}

}  // namespace
}  // namespace vigil::internal
