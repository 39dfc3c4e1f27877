#include "vigil/text/invisible.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(CleanText, RemovesInvisibleCharactersBetweenLettersAndCountsThem) {
  for (const char* invisible : {"\u200B", "\u200C", "\u200D", "\u00AD", "\u2060", "\uFEFF",
                                "\u180E", "\u034F", "\uFE0F", "\U000E0041"}) {
    std::string s = invisible;
    CleanedText c = CleanText("S" + s + "iraj" + s + "uddin Haq" + s + "qani");
    EXPECT_EQ(c.text, "Sirajuddin Haqqani") << c.text;
    ASSERT_EQ(c.removed.size(), 1u);
    EXPECT_EQ(c.removed[0].count, 3);
    EXPECT_TRUE(c.displayed.empty());
  }
  CleanedText c = CleanText("Si\u200Braj\u200B\u00ADuddin");
  EXPECT_EQ(c.text, "Sirajuddin");
  EXPECT_EQ(c.removed, (std::vector<RemovedCharacter>{{0x200B, 2}, {0x00AD, 1}}));
  EXPECT_EQ(DescribeRemoved(c.removed), "U+200B ZERO WIDTH SPACE x2, U+00AD SOFT HYPHEN");
}

TEST(CleanText, JoinersInsideAPersianWordAreRemovedNotTurnedIntoSpaces) {
  // ZWNJ parts two letters of one word: می\u200Cخواهم is one word, as میخواهم.
  EXPECT_EQ(CleanText("می\u200Cخواهم").text, "میخواهم");
  EXPECT_EQ(CleanText("عبد\u200Dالله").text, "عبدالله");
}

TEST(CleanText, VisibleSeparatorsStay) {
  for (const char* text : {"Siraj Haqqani", "Siraj\u00A0Haqqani", "Siraj\u2009Haqqani",
                           "Siraj\u3000Haqqani", "Siraj-Haqqani", "Siraj\u2010Haqqani",
                           "\u0600\u0661\u0662"}) {  // ARABIC NUMBER SIGN is visible
    CleanedText c = CleanText(text);
    EXPECT_EQ(c.text, text);
    EXPECT_TRUE(c.removed.empty()) << text;
  }
}

TEST(CleanText, BidiOverridesAreRemovedAndTheReadingShownIsKept) {
  // Shown as "Sirajuddin Haqqani", written backwards.
  CleanedText reversed = CleanText("\u202EinaqqaH niddujariS\u202C");
  EXPECT_EQ(reversed.text, "inaqqaH niddujariS");
  EXPECT_EQ(reversed.displayed, "Sirajuddin Haqqani");
  EXPECT_EQ(reversed.removed, (std::vector<RemovedCharacter>{{0x202E, 1}, {0x202C, 1}}));
  // Written forwards inside an override: shown backwards.
  CleanedText forwards = CleanText("\u202ESirajuddin Haqqani\u202C");
  EXPECT_EQ(forwards.text, "Sirajuddin Haqqani");
  EXPECT_EQ(forwards.displayed, "inaqqaH niddujariS");
  // Only part of the name overridden.
  EXPECT_EQ(CleanText("Siraj \u202Einaqqah\u202C").displayed, "Siraj haqqani");
  // Arabic script is right to left already: an override changes nothing
  // shown, and marks or isolates around Latin change nothing either.
  EXPECT_TRUE(CleanText("\u202Eسراج الدين حقاني\u202C").displayed.empty());
  EXPECT_EQ(CleanText("\u202Eسراج الدين حقاني\u202C").text, "سراج الدين حقاني");
  EXPECT_TRUE(CleanText("\u200FSirajuddin Haqqani\u200E").displayed.empty());
  EXPECT_TRUE(CleanText("\u2067Sirajuddin\u2069 Haqqani").displayed.empty());
  // Left-to-right override on Arabic letters: shown reversed.
  EXPECT_EQ(CleanText("\u202Dحقاني\u202C").displayed, "يناقح");
}

TEST(CleanText, ControlCharactersAndTerminalSequencesGo) {
  CleanedText c = CleanText("Haqqani\x1b[31m");
  EXPECT_EQ(c.text, "Haqqani");
  EXPECT_EQ(c.removed, (std::vector<RemovedCharacter>{{0x1B, 1}}));
  c = CleanText("Northern Front\x1b[2J\x1b]0;owned\x07");
  EXPECT_EQ(c.text, "Northern Front");
  EXPECT_EQ(DescribeRemoved(c.removed), "U+001B control x2");
  EXPECT_EQ(CleanText("Siraj\x1b]8;;http://x\x1b\\Haqqani\x1b]8;;\x1b\\").text, "SirajHaqqani");
  EXPECT_EQ(CleanText("a\x01"
                      "b\x7f"
                      "c\x1b(Bd")
                .text,
            "abcd");
  EXPECT_EQ(CleanText("a\u009b31mb\u0085c").text, "abc");  // C1 CSI, NEL
  EXPECT_EQ(CleanText("Name\x1b]0;unterminated").text, "Name");
  EXPECT_EQ(CleanText("a\tb\nc\rd").text, "a\tb\nc\rd");  // line breaks and tabs separate
  EXPECT_TRUE(CleanText("a\tb").removed.empty());
}

TEST(CleanText, PlainTextAndInvalidBytesPassThrough) {
  EXPECT_EQ(CleanText("Sirajuddin Haqqani").text, "Sirajuddin Haqqani");
  EXPECT_EQ(CleanText("سراج الدين حقاني").text, "سراج الدين حقاني");
  EXPECT_EQ(CleanText("a\xff\u200B"
                      "b")
                .text,
            "a\xff"
            "b");
  EXPECT_EQ(CleanText("").text, "");
}

TEST(IsInvisible, FollowsUnicodeProperties) {
  for (char32_t c : std::initializer_list<char32_t>{0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D,
                                                    0x200E, 0x200F, 0x202A, 0x202E, 0x2060, 0x2066,
                                                    0x2069, 0xFEFF, 0xFFF9, 0x1D173, 0xE0001})
    EXPECT_TRUE(IsInvisible(c)) << CodePointLabel(c);
  for (char32_t c : std::initializer_list<char32_t>{U'a', U' ', U'\t', 0x0085, 0x00A0, 0x0600,
                                                    0x0627, 0x2009, 0x2028, 0x3000})
    EXPECT_FALSE(IsInvisible(c)) << CodePointLabel(c);
}

TEST(HasLetterOrDigit, AnyScript) {
  EXPECT_TRUE(HasLetterOrDigit("حقاني"));
  EXPECT_TRUE(HasLetterOrDigit(" 7 "));
  EXPECT_FALSE(HasLetterOrDigit(" - !"));
  EXPECT_FALSE(HasLetterOrDigit("\u200B\u200B"));
  EXPECT_FALSE(HasLetterOrDigit(""));
}

TEST(CodePointName, LabelAndName) {
  EXPECT_EQ(CodePointLabel(0x200B), "U+200B");
  EXPECT_EQ(CodePointLabel(0xE0001), "U+E0001");
  EXPECT_EQ(CodePointName(0x202E), "U+202E RIGHT-TO-LEFT OVERRIDE");
}

}  // namespace
}  // namespace vigil
