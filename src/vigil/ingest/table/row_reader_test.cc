#include "vigil/ingest/table/row_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "vigil/testing/support.h"

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

namespace vigil {
namespace {

// Feeds text to a RowParser in pieces of `piece` bytes.
RowSet FeedInPieces(const std::string& text, RowFormat format, size_t piece) {
  RowParser parser("in", format);
  RowSet set;
  for (size_t at = 0; at < text.size(); at += piece) {
    Status s = parser.Feed(std::string_view(text).substr(at, piece), &set);
    EXPECT_TRUE(s.ok()) << s;
  }
  EXPECT_TRUE(parser.Finish(&set).ok());
  set.columns = parser.columns();
  return set;
}

void ExpectSameRows(const RowSet& a, const RowSet& b, const std::string& what) {
  EXPECT_EQ(a.columns, b.columns) << what;
  EXPECT_EQ(a.problems, b.problems) << what;
  ASSERT_EQ(a.rows.size(), b.rows.size()) << what;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].line, b.rows[i].line) << what << " row " << i;
    EXPECT_EQ(a.rows[i].values, b.rows[i].values) << what << " row " << i;
  }
}

// However the bytes are split (a block of a file ending anywhere), the
// rows, their lines and the problems are those of the whole text.
TEST(RowParserTest, PiecesOfAnySizeGiveTheRowsOfTheWhole) {
  const std::string csv =
      "\xEF\xBB\xBFid,name,dob\n1,\"Haqqani, Sirajuddin\",1973\n2,\"Line\nbreak\",\n"
      "only-one\n\n3,\"Bad \xC3\x28\",x\n4,Omar,1980\n";
  const std::string jsonl =
      "{\"name\": \"Ali\", \"dob\": 1970}\n\n[1,2]\n{broken\n{\"name\": \"Omar\", \"x\": null, "
      "\"z\": [1]}\n  \n{\"b\": \"\xC3\x28\"}\n{\"a\": \"last\"}";
  for (auto [text, format] : {std::pair{csv, RowFormat::kCsv}, {jsonl, RowFormat::kJsonLines}}) {
    auto whole = ParseRows(text, "in", format);
    ASSERT_TRUE(whole.ok()) << whole.status();
    for (size_t piece : {1u, 2u, 3u, 5u, 7u, 64u})
      ExpectSameRows(FeedInPieces(text, format, piece), *whole, "piece " + std::to_string(piece));
  }
}

// Regression: the last row of a CSV text without a final line break was
// reported one line too far down ("in.csv:4" for a row on line 3).
TEST(RowParserTest, ALastLineWithoutLineBreakKeepsItsNumber) {
  auto rows = ParseRows("name\nfoo\nNorthern Front", "in.csv", RowFormat::kCsv);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[1].line, 3);
  auto bad = ParseRows("name,dob\nAli,1970\n\"Bad,x", "in.csv", RowFormat::kCsv);
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->problems, (std::vector<std::string>{"in.csv:3: expected 2 fields, found 1; row skipped"}));
}

class RowStreamTest : public test_support::TempFiles {
 protected:
  RowStreamTest() : TempFiles("row-stream") {}

  // Every row of the file, taken max_rows at a time.
  static RowSet Drain(RowStream& stream, size_t max_rows) {
    RowSet set;
    set.columns = stream.columns();
    for (bool more = true; more;) {
      size_t before = set.rows.size();
      auto next = stream.Next(max_rows, &set.rows, &set.problems);
      EXPECT_TRUE(next.ok()) << next.status();
      if (!next.ok()) break;
      EXPECT_LE(set.rows.size() - before, max_rows);
      more = *next;
    }
    return set;
  }
};

TEST_F(RowStreamTest, AFileReadInChunksGivesTheRowsOfTheWhole) {
  // Over two blocks of 1 MB, so that rows and lines cross block ends.
  std::string csv = "id,name\n", jsonl;
  for (int i = 0; i < 60000; ++i) {
    csv += fmt::format("{},\"Name {}\nsecond line\"\n", i, i);
    jsonl += i % 1000 == 7 ? "not json\n" : fmt::format("{{\"name\": \"N{}\", \"k{}\": 1}}\n", i, i % 5);
  }
  jsonl += "{\"late\": \"key\"}\n";
  for (auto [name, text] : {std::pair{"rows.csv", csv}, {"rows.jsonl", jsonl}}) {
    std::string path = Write(name, text);
    auto whole = ParseRows(text, path, RowFormatOf(path));
    ASSERT_TRUE(whole.ok());
    auto stream = RowStream::Open(path);
    ASSERT_TRUE(stream.ok()) << stream.status();
    // JSON lines: every key is known before the first row, the last line's too.
    EXPECT_EQ((*stream)->columns(), whole->columns) << name;
    // The share of the file read: for CSV, the block that held the header.
    EXPECT_LT((*stream)->Fraction(), 1.0) << name;
    ExpectSameRows(Drain(**stream, 999), *whole, name);
    EXPECT_EQ((*stream)->Fraction(), 1.0);
  }
}

TEST_F(RowStreamTest, OpenFailsAsReadingTheWholeFileWould) {
  auto missing = RowStream::Open((dir_ / "missing.csv").string());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("missing.csv: cannot open"), std::string::npos);
  auto empty = RowStream::Open(Write("empty.csv", "\n\n"));
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(empty.status().message().find("empty.csv: no header line"), std::string::npos);
  // A header without a line break, and no rows.
  auto header = RowStream::Open(Write("header.csv", "id,name"));
  ASSERT_TRUE(header.ok()) << header.status();
  EXPECT_EQ((*header)->columns(), (std::vector<std::string>{"id", "name"}));
  EXPECT_TRUE(Drain(**header, 10).rows.empty());
}

}  // namespace
}  // namespace vigil
