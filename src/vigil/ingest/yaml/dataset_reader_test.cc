// Unit tests for the YAML dataset reader: files that hold nothing, YAML
// that would lose data silently (a key or a document given twice, aliases),
// numbers that are not numbers, limits, and whole datasets against parts.
#include "vigil/ingest/yaml/dataset_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace vigil {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSourceYaml = "sources:\n  - {id: report, title: A report, publisher: tests}\n";
constexpr const char* kEntities =
    "entities:\n"
    "  - id: front\n"
    "    kind: organization\n"
    "    description: A group.\n"
    "    names: [{text: Front, kind: primary}]\n"
    "    claims: [{source: report, locator: p. 1}]\n";

class DatasetReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vigil-reader-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  static std::string Error(const StatusOr<Batch>& batch) {
    EXPECT_FALSE(batch.ok()) << "accepted";
    return batch.ok() ? "" : std::string(batch.status().message());
  }
  fs::path dir_;
};

TEST_F(DatasetReaderTest, AFileWithNoRecordIsRefusedNamingIt) {
  // Such a file used to replace the whole stored dataset with nothing.
  for (const char* text : {"", "# comments only\n", "null\n", "~\n", "{}\n", "entities: []\n",
                           "sources:\nentities:\n"}) {
    std::string path = Write("empty.yaml", text);
    auto batch = ReadYamlDataset({path});
    ASSERT_FALSE(batch.ok()) << "accepted: '" << text << "'";
    EXPECT_EQ(batch.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(batch.status().message(),
              path +
                  ": no sources, entities, relations, events, estimates or designations: "
                  "nothing loaded (an empty dataset never replaces a stored one)");
  }
  // Beside files that hold records, an empty one is harmless.
  Write("a.yaml", std::string(kSourceYaml) + kEntities);
  Write("b.yaml", "");
  EXPECT_TRUE(ReadYamlDataset({dir_.string()}).ok());
}

TEST_F(DatasetReaderTest, AKeyGivenTwiceIsRefused) {
  // yaml-cpp kept the first 'description' and dropped the second silently.
  std::string text = std::string(kSourceYaml) + kEntities + "    description: Another.\n";
  EXPECT_EQ(Error(ParseYamlDatasetText(text, "x.yaml")),
            "x.yaml:9: key 'description' appears twice in this mapping (first at line 6)");
  EXPECT_EQ(Error(ParseYamlDatasetText(std::string(kSourceYaml) + kSourceYaml, "x.yaml")),
            "x.yaml:3: key 'sources' appears twice in the top-level mapping (first at line 1)");
}

TEST_F(DatasetReaderTest, ASecondDocumentIsRefused) {
  // YAML::Load read the first document and ignored the rest.
  std::string text = std::string(kSourceYaml) + "---\n" + kEntities;
  EXPECT_EQ(Error(ParseYamlDatasetText(text, "x.yaml")),
            "x.yaml:3: a second YAML document ('---') starts here: a file holds one document");
}

TEST_F(DatasetReaderTest, AliasesAreRefused) {
  std::string text = "sources:\n  - &s {id: report, title: A report}\n  - *s\n";
  EXPECT_EQ(Error(ParseYamlDatasetText(text, "x.yaml")),
            "x.yaml:3: aliases (*name) are not supported: write the value out");
}

TEST_F(DatasetReaderTest, NumbersMustBeFinite) {
  // "nan" passed the range check and failed in SQLite (exit 4).
  std::string text = std::string(kSourceYaml) + kEntities;
  std::string nan = text;
  nan.replace(nan.find("locator: p. 1"), 13, "locator: p. 1, confidence: nan");
  EXPECT_NE(
      Error(ParseYamlDatasetText(nan, "x.yaml")).find("confidence: expected a number, got 'nan'"),
      std::string::npos);
  std::string inf =
      text +
      "estimates:\n  - {id: e, subject: front, quantity: fighters, value: inf, claims: "
      "[{source: report, locator: p. 2}]}\n";
  EXPECT_NE(Error(ParseYamlDatasetText(inf, "x.yaml")).find("value: expected a number, got 'inf'"),
            std::string::npos);
}

TEST_F(DatasetReaderTest, NestingIsLimited) {
  std::string text = std::string(kSourceYaml) + "entities:\n  - id: " + std::string(5000, '[') +
                     std::string(5000, ']') + "\n";
  EXPECT_EQ(Error(ParseYamlDatasetText(text, "x.yaml")), "x.yaml:4: nested deeper than 32 levels");
}

TEST_F(DatasetReaderTest, FilesLargerThanTheLimitAreRefusedUnread) {
  std::string path = Write("big.yaml", std::string(kSourceYaml) + kEntities);
  DatasetReadOptions options;
  options.max_file_bytes = 100;
  EXPECT_NE(Error(ReadYamlDataset({path}, options))
                .find(path + ": 1 MiB is more than a YAML file "
                             "may hold (0 MiB)"),
            std::string::npos);
}

TEST_F(DatasetReaderTest, AWholeDatasetIsCheckedAndAPartLeftForMerging) {
  std::string whole = Write("whole.yaml", std::string(kSourceYaml) + kEntities);
  auto batch = ReadYamlDataset({whole});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_FALSE(batch->merge);

  // People without their sources: a part, whose references the engine
  // checks against the stored dataset it is merged into.
  std::string part = Write("part.yaml", kEntities);
  batch = ReadYamlDataset({part});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_TRUE(batch->merge);
  EXPECT_EQ(batch->entities.size(), 1u);
  EXPECT_EQ(Error([&] {
              Batch b = *batch;
              auto s = CheckDatasetBatch(&b, "");
              return s.ok() ? StatusOr<Batch>(b) : StatusOr<Batch>(s);
            }()),
            part + ":6: claim.source: unknown source 'report'");

  DatasetReadOptions replace;
  replace.mode = CuratedMode::kReplace;  // the part is the whole dataset: checked now
  EXPECT_EQ(Error(ReadYamlDataset({part}, replace)),
            part + ":6: claim.source: unknown source 'report'");
  DatasetReadOptions merge;
  merge.mode = CuratedMode::kMerge;
  batch = ReadYamlDataset({whole}, merge);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->merge);
}

TEST_F(DatasetReaderTest, DesignationsTakeTheAuthorityCodeOfTheirAuthority) {
  std::string text = std::string(kSourceYaml) + kEntities +
                     "  - id: council\n    kind: government_body\n"
                     "    names: [{text: Council, kind: primary}]\n"
                     "    attributes: {authority_code: UN}\n"
                     "    claims: [{source: report, locator: p. 1}]\n"
                     "designations:\n"
                     "  - {entity: front, authority: council, program: P, claims: [{source: "
                     "report, locator: p. 3}]}\n"
                     "  - {entity: front, authority: front, program: Q, claims: [{source: "
                     "report, locator: p. 3}]}\n";
  auto batch = ParseYamlDatasetText(text, "x.yaml");
  ASSERT_TRUE(batch.ok()) << batch.status();
  Status s = CheckDatasetBatch(&*batch, "");
  EXPECT_EQ(batch->designations[0].authority_code, "UN");
  EXPECT_EQ(std::string(s.message()),
            "x.yaml:16: designation.authority_code: 'front' has no authority_code attribute (US, "
            "UN, RU...): give one on the entity or on the designation");
}

TEST_F(DatasetReaderTest, ATextAlreadyInASourceGivesItsLength) {
  auto batch = ParseYamlDatasetText(std::string(kSourceYaml) + kEntities, "x.yaml");
  ASSERT_TRUE(batch.ok());
  batch->sources[0].text = "één tekst";  // 9 code points, 11 bytes
  ASSERT_TRUE(CheckDatasetBatch(&*batch, "").ok());
  EXPECT_EQ(batch->sources[0].length, 9);
  batch->sources[0].length = 10;
  EXPECT_EQ(std::string(CheckDatasetBatch(&*batch, "").message()),
            "x.yaml:2: sources.length: declared 10 but the text has 9 code points");
}

TEST_F(DatasetReaderTest, LifespansAreReadWithTheirClaimsOrGeneralKnowledge) {
  std::string path = Write("lifespans.yaml", std::string(kSourceYaml) +
                                                 "entities:\n"
                                                 "  - id: front\n"
                                                 "    kind: organization\n"
                                                 "    names: [{text: Front, kind: primary}]\n"
                                                 "    lifespan:\n"
                                                 "      start:\n"
                                                 "        date: \"2015-01\"\n"
                                                 "        claims: [{source: report, locator: p. 2}]\n"
                                                 "      end: {date: \"2020\", general_knowledge: "
                                                 "Dissolved in 2020.}\n");
  auto batch = ReadYamlDataset({path});
  ASSERT_TRUE(batch.ok()) << batch.status();
  const Lifespan& l = batch->entities[0].lifespan;
  EXPECT_EQ(l.start.date.ToString(), "2015-01");
  EXPECT_EQ(l.start.claims.size(), 1u);
  EXPECT_GE(l.start.where.line, 8);  // the start's mapping
  EXPECT_EQ(l.end.general_knowledge, "Dissolved in 2020.");
  EXPECT_TRUE(l.end.claims.empty());
}

TEST_F(DatasetReaderTest, ALifespanBoundNeedsADateAndSomethingBehindIt) {
  auto entity = [](const std::string& lifespan) {
    return std::string(kSourceYaml) +
           "entities:\n  - id: front\n    kind: organization\n    names: [{text: Front, kind: "
           "primary}]\n    lifespan: " +
           lifespan + "\n";
  };
  std::string bare = Write("bare.yaml", entity("{end: {date: \"2020\"}}"));
  EXPECT_EQ(Error(ReadYamlDataset({bare})),
            bare + ":7: entities[0].lifespan.end.claims: a lifespan bound needs claims citing a "
                   "passage, or a general_knowledge note");
  std::string undated =
      Write("undated.yaml", entity("{start: {general_knowledge: founded long ago}}"));
  EXPECT_EQ(Error(ReadYamlDataset({undated})),
            undated + ":7: entities[0].lifespan.start.date: missing required field");
  std::string reversed = Write(
      "reversed.yaml", entity("{start: {date: \"2020\", general_knowledge: a}, end: {date: "
                              "\"2010\", general_knowledge: b}}"));
  EXPECT_EQ(Error(ReadYamlDataset({reversed})),
            reversed + ":7: entities[0].lifespan.end: ends before it begins");
  std::string unknown = Write("unknown.yaml", entity("{died: {date: \"2020\"}}"));
  EXPECT_NE(Error(ReadYamlDataset({unknown})).find("entities[0].lifespan.died: unknown field"),
            std::string::npos);
}

TEST_F(DatasetReaderTest, QuestionsNeedAnswersAndKnownEntities) {
  std::string good = Write("q.yaml", std::string(kSourceYaml) + kEntities +
                                         "questions:\n"
                                         "  - id: front-spent\n"
                                         "    question: Is the front spent?\n"
                                         "    about: [front]\n"
                                         "    claims:\n"
                                         "      - {source: report, locator: p. 3, answer: \"yes\"}\n"
                                         "      - {source: report, locator: p. 4, answer: \"no\"}\n");
  auto batch = ReadYamlDataset({good});
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_EQ(batch->questions.size(), 1u);
  EXPECT_EQ(batch->questions[0].about, std::vector<std::string>{"front"});
  EXPECT_EQ(batch->questions[0].claims[1].answer, "no");

  std::string bad = Write("bad.yaml", std::string(kSourceYaml) + kEntities +
                                          "questions:\n"
                                          "  - id: front-spent\n"
                                          "    question: Is the front spent?\n"
                                          "    about: [frnt]\n"
                                          "    claims:\n"
                                          "      - {source: report, locator: p. 3}\n"
                                          "      - {source: report, locator: p. 4, answer: no}\n");
  EXPECT_EQ(Error(ReadYamlDataset({bad})),
            bad + ":14: questions[0].claims[0].answer: missing required field");
  // An answer outside a question is an unknown field.
  std::string stray = Write("stray.yaml", std::string(kSourceYaml) +
                                              "entities:\n  - id: front\n    kind: organization\n"
                                              "    names: [{text: Front, kind: primary}]\n"
                                              "    claims: [{source: report, locator: p. 1, "
                                              "answer: yes}]\n");
  EXPECT_NE(Error(ReadYamlDataset({stray})).find("claims[0].answer: unknown field"),
            std::string::npos);
}

}  // namespace
}  // namespace vigil
