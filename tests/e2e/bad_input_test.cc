// End to end: every class of bad input is refused with file, line and
// field, exit code 2, and nothing written.
#include <filesystem>

#include "fixture.h"

namespace vigil::e2e {
namespace {

class BadInputTest : public CliTest {
 protected:
  // Loads the altered dataset and expects a refusal that names each part.
  void ExpectRefused(const std::vector<std::string>& parts, bool with_texts = true) {
    std::vector<std::string> args = {"load", data_};
    if (with_texts) {
      args.push_back("--texts");
      args.push_back(MiniTexts());
    }
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    for (const auto& part : parts) EXPECT_NE(r.err.find(part), std::string::npos) << part << " not in:\n" << r.err;
    EXPECT_FALSE(std::filesystem::exists(db_)) << "a refused load must not create the database";
  }
};

TEST_F(BadInputTest, MalformedYaml) {
  Edit("facts.yaml", "  - {subject: karim-yusufzai, predicate: leader_of",
       "  - {subject: [karim-yusufzai, predicate: leader_of");
  ExpectRefused({"facts.yaml:2:", "YAML syntax error"});
}

TEST_F(BadInputTest, UnknownPredicateSuggestsTheNearest) {
  Edit("facts.yaml", "predicate: leader_of", "predicate: leader_off");
  ExpectRefused({"facts.yaml:2:", "relations[0].predicate", "unknown predicate 'leader_off'",
                 "did you mean 'leader_of'"});
}

TEST_F(BadInputTest, UnknownEntityKind) {
  Edit("entities.yaml", "kind: organization", "kind: militia");
  ExpectRefused({"entities.yaml:", "entities[0].kind", "unknown value 'militia'"});
}

TEST_F(BadInputTest, UnknownField) {
  Edit("entities.yaml", "description:", "descripton:");
  ExpectRefused({"entities.yaml:4:", "entities[0].descripton", "unknown field"});
}

TEST_F(BadInputTest, ReferenceToAMissingEntity) {
  Edit("facts.yaml", "object: valley-brigade", "object: valley-brigades");
  ExpectRefused({"facts.yaml:4:", "relation.object", "unknown entity 'valley-brigades'",
                 "did you mean 'valley-brigade'"});
}

TEST_F(BadInputTest, ReferenceToAMissingSource) {
  Edit("facts.yaml", "{source: mini-report,", "{source: mini-reprt,");
  ExpectRefused({"facts.yaml:2:", "claim.source", "unknown source 'mini-reprt'"});
}

TEST_F(BadInputTest, InvalidDate) {
  Edit("facts.yaml", "date: 2018-05-03", "date: 2018-02-30");
  ExpectRefused({"facts.yaml:", "events[0].date", "invalid date '2018-02-30'"});
}

TEST_F(BadInputTest, SpanOutsideTheText) {
  Edit("facts.yaml", "span: [63, 131]", "span: [63, 99999]");
  ExpectRefused({"facts.yaml:2:", "claim.span", "outside the text"});
}

TEST_F(BadInputTest, SpanThatDriftedFromItsDigest) {
  Edit("facts.yaml", "span: [63, 131]", "span: [64, 131]");
  ExpectRefused({"facts.yaml:2:", "claim.digest", "does not hold the passage"});
}

TEST_F(BadInputTest, InvalidUtf8NamesLineAndByte) {
  Edit("entities.yaml", "Karim Yousafzai", "Karim Yousaf\xE2\x28zai");
  ExpectRefused({"entities.yaml:", "invalid UTF-8", "byte 0xE2"});
}

TEST_F(BadInputTest, DuplicateIds) {
  Edit("entities.yaml", "id: valley-brigade", "id: northern-front");
  ExpectRefused({"entities.yaml:", "duplicate entity id 'northern-front'"});
}

TEST_F(BadInputTest, RefusedLoadLeavesAnExistingDatabaseUntouched) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto before = Json({"list", "relations"});
  Edit("facts.yaml", "predicate: leader_of", "predicate: leads");
  auto r = Vigil({"load", data_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(Json({"list", "relations"}), before);
}

TEST_F(BadInputTest, UnrecognisedFileFormat) {
  WriteFile("notes.txt", "hello");
  auto r = Vigil({"load", data_ + "/notes.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unrecognised format"), std::string::npos) << r.err;
}

TEST_F(BadInputTest, BadArgumentsExitTwo) {
  EXPECT_EQ(Vigil({"list", "entities", "--as-of", "last year"}).exit_code, 2);
  EXPECT_EQ(Vigil({"frobnicate"}).exit_code, 2);
}

}  // namespace
}  // namespace vigil::e2e
