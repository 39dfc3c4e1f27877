#include "vigil/text/normalize.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(NameKey, FoldsCasePunctuationAndSpacing) {
  EXPECT_EQ(NameKey("al-Qaeda"), "alqaeda");
  EXPECT_EQ(NameKey("Al Qaeda"), "alqaeda");
  EXPECT_EQ(NameKey("ALQAEDA"), "alqaeda");
  EXPECT_EQ(NameKey("  ISIS–K "), "isisk");
}

TEST(NameKey, FoldsDiacritics) {
  EXPECT_EQ(NameKey("Jalāluddīn Ḥaqqānī"), "jalaluddinhaqqani");
  EXPECT_EQ(NameKey("Zamir Kabulov"), NameKey("ZAMÍR KABÚLOV"));
}

TEST(NameKey, CarriesOtherScriptsIntoLatin) {
  EXPECT_EQ(NameKey("Кабулов"), "kabulov");
  EXPECT_FALSE(NameKey("حقاني").empty());
  EXPECT_EQ(NameKey("حقاني"), NameKey("حقاني"));
  EXPECT_EQ(NameKey("!!"), "");
}

TEST(FoldText, KeepsWordBoundaries) {
  EXPECT_EQ(FoldText("Sirajuddin  HAQQĀNI"), "sirajuddin haqqani");
  EXPECT_EQ(FoldText("al-Qa'ida"), "al qaida");
}

TEST(DetectScript, NamesTheDominantScript) {
  EXPECT_EQ(DetectScript("Sirajuddin Haqqani"), "Latn");
  EXPECT_EQ(DetectScript("سراج الدين حقاني"), "Arab");
  EXPECT_EQ(DetectScript("Талибан"), "Cyrl");
  EXPECT_EQ(DetectScript("塔利班"), "Hani");
  EXPECT_EQ(DetectScript("1234"), "Zyyy");
}

}  // namespace
}  // namespace vigil
