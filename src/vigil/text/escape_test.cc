#include "vigil/text/escape.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(EscapeForTerminal, ControlSequencesBecomeVisible) {
  EXPECT_EQ(EscapeForTerminal("Haqqani\x1b[2J\x1b]0;pwned\x07"),
            "Haqqani\\x1b[2J\\x1b]0;pwned\\x07");
  EXPECT_EQ(EscapeForTerminal("a\tb\nc\rd\x7f"), "a\\tb\\nc\\rd\\x7f");
  EXPECT_EQ(EscapeForTerminal("\u009b31m"), "\\x9b31m");  // C1 CSI
  EXPECT_EQ(EscapeForTerminal("\u202EinaqqaH\u202C"), "<U+202E>inaqqaH<U+202C>");
  EXPECT_EQ(EscapeForTerminal("a\u2028b"), "a<U+2028>b");
  EXPECT_EQ(EscapeForTerminal("bad \xff byte"), "bad \\xff byte");
}

TEST(EscapeForTerminal, PrintableTextInAnyScriptIsKept) {
  for (const char* text : {"Sirajuddin Haqqani", "سراج الدين حقاني", "Сираджуддин Хаккани",
                           "می\u200Cخواهم", "塔利班", "“quoted” — dash", ""})
    EXPECT_EQ(EscapeForTerminal(text), text);
}

TEST(CsvCell, QuotesAndNeutralisesFormulas) {
  EXPECT_EQ(CsvCell("Sirajuddin Haqqani"), "\"Sirajuddin Haqqani\"");
  EXPECT_EQ(CsvCell("say \"hi\", twice"), "\"say \"\"hi\"\", twice\"");
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  for (const char* formula : {"=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"})
    EXPECT_EQ(CsvCell(formula), "\"'" + std::string(formula) + "\"") << formula;
  EXPECT_EQ(CsvCell("a=b"), "\"a=b\"");
  EXPECT_EQ(CsvCell(""), "\"\"");
}

TEST(CsvCell, RawForPrograms) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"x\")", /*neutralise=*/false), "\"=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvCell("-5", false), "\"-5\"");
}

}  // namespace
}  // namespace vigil
