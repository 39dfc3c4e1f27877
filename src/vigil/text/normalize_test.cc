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
  // ICU's Arabic-Latin: ح ḥ, ق q, ا ā, ن n, ي y; then to ASCII.
  EXPECT_EQ(NameKey("حقاني"), "hqany");
  EXPECT_EQ(NameKey("سراج الدين"), "srajaldyn");
  EXPECT_EQ(NameKey("!!"), "");
}

TEST(NameKey, IgnoresInvisibleCharacters) {
  EXPECT_EQ(NameKey("S\u200Birajuddin Haq\u2060qa\u00ADni"), "sirajuddinhaqqani");
  EXPECT_EQ(NameKey("\u202ESiraj\u202C Haqqani"), "sirajhaqqani");
  EXPECT_EQ(NameKey("سراج\u200Cالدين"), "srajaldyn");
  EXPECT_EQ(NameKey("\u200B\u200D"), "");
  EXPECT_EQ(NameKey("Northern Front\x1b[2J\x1b]0;owned\x07"), "northernfront");
}

TEST(FoldText, KeepsWordBoundaries) {
  EXPECT_EQ(FoldText("Sirajuddin  HAQQĀNI"), "sirajuddin haqqani");
  EXPECT_EQ(FoldText("al-Qa'ida"), "al qaida");
}

TEST(FoldText, InvisibleCharactersDoNotSplitWords) {
  EXPECT_EQ(FoldText("S\u200Bi\u200Draj\u00ADuddin Haq\u2060qani"), "sirajuddin haqqani");
  EXPECT_EQ(FoldText("Siraj\u00A0Haqqani"), "siraj haqqani");  // a visible space separates
}

TEST(DetectScript, NamesTheDominantScript) {
  EXPECT_EQ(DetectScript("\u3164\u3164Siraj"), "Latn");  // Hangul fillers show nothing
  EXPECT_EQ(DetectScript("Sirajuddin Haqqani"), "Latn");
  EXPECT_EQ(DetectScript("سراج الدين حقاني"), "Arab");
  EXPECT_EQ(DetectScript("Талибан"), "Cyrl");
  EXPECT_EQ(DetectScript("塔利班"), "Hani");
  EXPECT_EQ(DetectScript("1234"), "Zyyy");
}

}  // namespace
}  // namespace vigil
