#include "vigil/text/country.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(CountryCodeTest, CodesInAnyCase) {
  EXPECT_EQ(CountryCode("AF"), "AF");
  EXPECT_EQ(CountryCode("af"), "AF");
  EXPECT_EQ(CountryCode("AFG"), "AF");
  EXPECT_EQ(CountryCode("RUS"), "RU");
}

TEST(CountryCodeTest, EnglishAndFormalNames) {
  EXPECT_EQ(CountryCode("Afghanistan"), "AF");
  EXPECT_EQ(CountryCode("Pakistan"), "PK");
  EXPECT_EQ(CountryCode("Russian Federation"), "RU");
  EXPECT_EQ(CountryCode("Iran (Islamic Republic of)"), "IR");
  EXPECT_EQ(CountryCode("Democratic People's Republic of Korea"), "KP");
  EXPECT_EQ(CountryCode("Syrian Arab Republic"), "SY");
  EXPECT_EQ(CountryCode("united kingdom"), "GB");
  EXPECT_EQ(CountryCode("Tajikistan"), "TJ");
}

TEST(CountryCodeTest, UnknownIsEmpty) {
  EXPECT_EQ(CountryCode(""), "");
  EXPECT_EQ(CountryCode("Atlantis"), "");
  EXPECT_EQ(CountryCode("QQ"), "");
}

}  // namespace
}  // namespace vigil
