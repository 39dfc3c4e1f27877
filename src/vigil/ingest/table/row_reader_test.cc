#include "vigil/ingest/table/row_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>

namespace vigil {
namespace {

TEST(RowReaderTest, CsvWithQuotesCommasAndLineBreaks) {
  auto rows = ParseRows(
      "\xEF\xBB\xBFid,name,dob\n"
      "1,\"Haqqani, Sirajuddin\",1973\n"
      "2,\"Line\nbreak\",\n"
      "3,\"He said \"\"hi\"\"\",1980-01-02\n",
      "in.csv", RowFormat::kCsv);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->columns, (std::vector<std::string>{"id", "name", "dob"}));
  ASSERT_EQ(rows->rows.size(), 3u);
  EXPECT_EQ(rows->rows[0].values.at("name"), "Haqqani, Sirajuddin");
  EXPECT_EQ(rows->rows[0].line, 2);
  EXPECT_EQ(rows->rows[1].values.at("name"), "Line\nbreak");
  EXPECT_EQ(rows->rows[1].values.at("dob"), "");
  EXPECT_EQ(rows->rows[2].line, 5);  // the quoted line break moved it down
  EXPECT_EQ(rows->rows[2].values.at("name"), "He said \"hi\"");
  EXPECT_TRUE(rows->problems.empty());
}

TEST(RowReaderTest, BadRowsAreSkippedWithTheirLine) {
  auto rows = ParseRows("name,country\nAli,AF\nonly-one-field\nBad \xC3\x28,RU\nOmar,PK\n",
                        "in.csv", RowFormat::kCsv);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[1].values.at("name"), "Omar");
  ASSERT_EQ(rows->problems.size(), 2u);
  EXPECT_EQ(rows->problems[0], "in.csv:3: expected 2 fields, found 1; row skipped");
  EXPECT_EQ(rows->problems[1], "in.csv:4: name: invalid UTF-8; row skipped");
}

TEST(RowReaderTest, EmptyCsvHasNoHeader) {
  EXPECT_FALSE(ParseRows("", "in.csv", RowFormat::kCsv).ok());
  EXPECT_FALSE(ParseRows("\n\n", "in.csv", RowFormat::kCsv).ok());
}

TEST(RowReaderTest, JsonLines) {
  auto rows = ParseRows(
      "{\"name\": \"Ali\", \"dob\": 1970}\n\n[1,2]\n{broken\n{\"name\": \"Omar\", \"x\": null}\n",
      "in.jsonl", RowFormat::kJsonLines);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0].values.at("dob"), "1970");
  EXPECT_EQ(rows->rows[1].line, 5);
  EXPECT_EQ(rows->rows[1].values.count("x"), 0u);
  ASSERT_EQ(rows->problems.size(), 2u);
  EXPECT_EQ(rows->problems[0], "in.jsonl:3: not a JSON object; row skipped");
}

TEST(RowReaderTest, FormatFromExtension) {
  EXPECT_EQ(RowFormatOf("a.csv"), RowFormat::kCsv);
  EXPECT_EQ(RowFormatOf("a.jsonl"), RowFormat::kJsonLines);
  EXPECT_EQ(RowFormatOf("a.ndjson"), RowFormat::kJsonLines);
  EXPECT_EQ(RowFormatOf("a.txt"), RowFormat::kCsv);
}

}  // namespace
}  // namespace vigil

namespace vigil {
namespace {

std::string Nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// A deeply nested field used to overflow the stack when the row was turned
// back into JSON text; it is now refused while parsing, without recursion.
TEST(RowReaderLimitsTest, JsonRowsNestedTooDeeplyAreSkipped) {
  std::string text = "{\"name\": \"Ali\", \"deep\": " + Nested(100000) + "}\n" +
                     "{\"name\": \"Omar\", \"ok\": " + Nested(kMaxJsonDepth - 1) + "}\n" +
                     "{\"name\": \"Zaid\", \"deep\": " + Nested(kMaxJsonDepth) + "}\n" +
                     Nested(100000) + "\n";
  auto rows = ParseRows(text, "in.jsonl", RowFormat::kJsonLines);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0].values.at("name"), "Omar");
  EXPECT_EQ(rows->rows[0].values.at("ok"), Nested(kMaxJsonDepth - 1));
  EXPECT_EQ(rows->problems,
            (std::vector<std::string>{"in.jsonl:1: deep: nested deeper than 32 levels; row skipped",
                                      "in.jsonl:3: deep: nested deeper than 32 levels; row skipped",
                                      "in.jsonl:4: nested deeper than 32 levels; row skipped"}));
}

// Columns used to be looked up in a list for every key of every row.
TEST(RowReaderLimitsTest, JsonRowsWithManyDistinctKeysReadInLinearTime) {
  std::string text;
  for (int i = 0; i < 100000; ++i)
    text += fmt::format("{{\"name\": \"n{}\", \"a{}\": 1, \"b{}\": 2, \"c{}\": 3, \"d{}\": 4}}\n", i, i,
                        i, i, i);
  auto start = std::chrono::steady_clock::now();
  auto rows = ParseRows(text, "in.jsonl", RowFormat::kJsonLines);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->columns.size(), 400001u);
  EXPECT_EQ(rows->columns[400000], "d99999");
  EXPECT_LT(seconds, 30);  // linear: well under a second; quadratic: minutes
}

// libcsv grew its field buffer 128 bytes at a time: quadratic in a field's
// length wherever realloc copies (under AddressSanitizer, a field of a few
// megabytes took minutes).
TEST(RowReaderLimitsTest, CsvFieldOfManyMegabytesReadsInLinearTime) {
  std::string text = "name,note\nAli,\"" + std::string(32 << 20, 'x') + "\"\n";
  auto start = std::chrono::steady_clock::now();
  auto rows = ParseRows(text, "in.csv", RowFormat::kCsv);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0].values.at("note").size(), 32u << 20);
  EXPECT_LT(seconds, 30);
}

// Fields past the header's count are counted, not kept.
TEST(RowReaderLimitsTest, CsvRowsWithTooManyFieldsAreCountedNotKept) {
  std::string wide(1000000, ',');
  auto rows = ParseRows("\n\nname,dob\n" + wide + "\nAli,1970\n", "in.csv", RowFormat::kCsv);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0].line, 5);
  EXPECT_EQ(rows->problems,
            (std::vector<std::string>{"in.csv:4: expected 2 fields, found 1000001; row skipped"}));
}

}  // namespace
}  // namespace vigil
