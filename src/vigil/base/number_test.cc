#include "vigil/base/number.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(ParseFiniteNumber, ReadsWholeNumbersDecimalsSignsAndExponents) {
  EXPECT_EQ(ParseFiniteNumber("12"), 12.0);
  EXPECT_EQ(ParseFiniteNumber("-0.5"), -0.5);
  EXPECT_EQ(ParseFiniteNumber("+3"), 3.0);
  EXPECT_EQ(ParseFiniteNumber("1e3"), 1000.0);
}

TEST(ParseFiniteNumber, RefusesWhatIsNotWhollyAFiniteNumber) {
  for (const char* text : {"", "+", " 12", "12 ", "12 km", "1,000", "nan", "inf", "-inf", "1e999",
                           "0x10", "--1", "+-1"})
    EXPECT_EQ(ParseFiniteNumber(text), std::nullopt) << text;
}

}  // namespace
}  // namespace vigil
