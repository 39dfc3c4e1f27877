// End to end: show, list, conflicts and verify on the mini fixture.
#include <filesystem>
#include <fstream>
#include <regex>

#include "fixture.h"

namespace vigil::e2e {
namespace {

class QueryTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    auto r = LoadMini();
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
};

TEST_F(QueryTest, ShowResolvesAliasesCaseDiacriticsAndScripts) {
  for (const char* name : {"karim-yusufzai", "Karim Yusufzai", "KARIM YOUSAFZAI", "Karīm Yūsufzai",
                           "karim-yousafzai", "كريم يوسفزی"}) {
    auto r = Vigil({"show", name, "--json"});
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["id"], "karim-yusufzai") << name;
  }
  auto r = Vigil({"show", "Северный фронт", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["id"], "northern-front");
}

TEST_F(QueryTest, ShowCardCarriesEveryFactWithCitations) {
  auto card = Json({"show", "Northern Front"});
  EXPECT_EQ(card["kind"], "organization");
  ASSERT_EQ(card["designations"].size(), 1u);
  EXPECT_EQ(card["designations"][0]["authority"]["id"], "the-council");
  EXPECT_EQ(card["relations"]["incoming"].size(), 3u);  // leader_of, founded, arms
  EXPECT_EQ(card["relations"]["outgoing"].size(), 1u);  // allied_with
  ASSERT_EQ(card["events"].size(), 1u);
  EXPECT_EQ(card["events"][0]["roles"][0], "attributed");
  EXPECT_EQ(card["estimates"].size(), 2u);
  const auto& claim = card["relations"]["outgoing"][0]["claims"][0];
  EXPECT_EQ(claim["source"], "mini-report");
  EXPECT_EQ(claim["passage"], "In 2016 the Northern Front allied with the Valley Brigade");
  EXPECT_EQ(claim["stance"], "asserts");
  EXPECT_EQ(card["shares_names_with"][0]["entity"]["id"], "valley-brigade");
  auto text = Vigil({"show", "Northern Front"});
  EXPECT_NE(text.out.find("Designations"), std::string::npos);
  EXPECT_NE(text.out.find("“In 2016 the Northern Front allied with the Valley Brigade”"),
            std::string::npos) << text.out;
}

TEST_F(QueryTest, ShowUnknownOrAmbiguousNames) {
  auto missing = Vigil({"show", "Northern"});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("did you mean"), std::string::npos) << missing.err;
  EXPECT_NE(missing.err.find("northern-front"), std::string::npos) << missing.err;
  auto ambiguous = Vigil({"show", "Front", "--json"});
  EXPECT_EQ(ambiguous.exit_code, 2);
  EXPECT_NE(ambiguous.err.find("ambiguous"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(ambiguous.out)["error"]["code"], "bad_input");
}

TEST_F(QueryTest, ListFiltersByKindPredicateAndDate) {
  EXPECT_EQ(Json({"list", "entities"}).size(), 6u);
  EXPECT_EQ(Json({"list", "entities", "--kind", "person"}).size(), 1u);
  EXPECT_EQ(Json({"list", "relations", "--predicate", "arms"}).size(), 1u);
  // The alliance dates from 2016: absent in 2010, present in 2017.
  EXPECT_EQ(Json({"list", "relations", "--predicate", "allied_with", "--as-of", "2010"}).size(), 0u);
  EXPECT_EQ(Json({"list", "relations", "--predicate", "allied_with", "--as-of", "2017-01"}).size(), 1u);
  EXPECT_EQ(Json({"list", "events", "--as-of", "2018-05-02"}).size(), 0u);
  EXPECT_EQ(Json({"list", "events", "--as-of", "2018-05-03"}).size(), 1u);
  EXPECT_EQ(Json({"list", "events", "--kind", "bombing"}).size(), 1u);
  EXPECT_EQ(Json({"list", "estimates"}).size(), 2u);
  auto bad = Vigil({"list", "relations", "--predicate", "leads"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown predicate"), std::string::npos);
  EXPECT_EQ(Vigil({"list", "things"}).exit_code, 2);
}

TEST_F(QueryTest, ConflictsShowEachKindSideBySide) {
  auto result = Json({"conflicts"});
  EXPECT_EQ(result["count"], 4);
  for (const char* kind : {"contested", "attribution", "estimate", "shared_name"})
    EXPECT_EQ(result["by_kind"][kind], 1) << kind;
  for (const auto& c : result["conflicts"]) {
    ASSERT_GE(c["sides"].size(), 2u);
    for (const auto& side : c["sides"]) EXPECT_FALSE(side["claims"].empty()) << c["summary"];
    if (c["kind"] == "contested") {
      EXPECT_EQ(c["sides"][1]["position"], "denies");
      EXPECT_EQ(c["sides"][1]["claims"][0]["party"]["id"], "eastern-committee");
    }
  }
}

TEST_F(QueryTest, VerifyPassesAndPrintsPassages) {
  auto r = Vigil({"verify", "--texts", MiniTexts()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("“The Eastern Committee denies supplying anyone with weapons.”"),
            std::string::npos);
  auto j = Json({"verify", "--texts", MiniTexts()});
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_EQ(j["checked"], 17);
  EXPECT_EQ(j["bad"], 0);
}

TEST_F(QueryTest, VerifyFailsListingEveryBadSpan) {
  // Load, without texts, a copy whose spans no longer match their digests.
  Edit("facts.yaml", "span: [63, 131]", "span: [64, 131]");
  Edit("facts.yaml", "span: [132, 189]", "span: [132, 9999]");
  auto load = Vigil({"load", data_, "--dataset", "curated"});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  auto r = Vigil({"verify", "--texts", MiniTexts(), "--json"});
  EXPECT_EQ(r.exit_code, 1);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["ok"].get<bool>());
  EXPECT_EQ(j["bad"], 2);
  auto text = Vigil({"verify", "--texts", MiniTexts(), "--quiet"});
  EXPECT_NE(text.out.find("BAD"), std::string::npos);
  EXPECT_NE(text.out.find("outside the text"), std::string::npos);
  EXPECT_NE(text.out.find("digest"), std::string::npos);
  // A folder without the source's text fails too.
  auto empty = TempDir();
  EXPECT_EQ(Vigil({"verify", "--texts", empty}).exit_code, 1);
  std::filesystem::remove_all(empty);
}

// Issue 10: names from a list or dataset can carry terminal control
// sequences and bidi overrides; text output shows them, escaped.
TEST_F(QueryTest, ControlSequencesInListedNamesArePrintedEscaped) {
  Edit("entities.yaml", "{text: Northern Front, kind: primary}",
       "{text: \"Northern Front\\e[2J\\e]0;owned\\a\", kind: primary}");
  Edit("entities.yaml", "{text: Front, kind: weak_alias}",
       "{text: Front, kind: weak_alias}\n"
       "      - {text: \"\\u202Etnorf nrehtron\\u202C\", kind: alias}");
  auto load = Vigil({"load", data_, "--dataset", "curated"});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  for (std::vector<std::string> command :
       {std::vector<std::string>{"show", "northern-front"}, {"screen", "Northern Front"},
        {"list", "entities"}, {"conflicts"}}) {
    auto r = Vigil(command);
    ASSERT_EQ(r.exit_code, 0) << command[0] << ": " << r.err;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << command[0] << " printed ESC raw";
    EXPECT_EQ(r.out.find('\x07'), std::string::npos) << command[0];
    EXPECT_EQ(r.out.find("\u202E"), std::string::npos) << command[0];
    EXPECT_NE(r.out.find("Northern Front\\x1b[2J\\x1b]0;owned\\x07"), std::string::npos)
        << command[0] << ":\n" << r.out;
  }
  EXPECT_NE(Vigil({"show", "northern-front"}).out.find("<U+202E>tnorf nrehtron<U+202C>"),
            std::string::npos);
  // JSON carries the name exactly as listed (its writer escapes controls).
  auto card = Json({"show", "northern-front"});
  EXPECT_EQ(card["name"], "Northern Front\x1b[2J\x1b]0;owned\x07");
}

// Issue 10: every numeric option refuses NaN, infinities and values out of
// range with exit 2 (CLI11 reads "nan" into a double and CLI::Range lets it
// through).
TEST_F(QueryTest, NumericOptionsRefuseNanInfinitiesAndOutOfRangeValues) {
  const std::vector<std::vector<std::string>> refused = {
      {"exposure", "Karim Yusufzai", "--min-confidence", "nan"},
      {"exposure", "Karim Yusufzai", "--min-confidence", "inf"},
      {"exposure", "Karim Yusufzai", "--min-confidence", "1.5"},
      {"exposure", "Karim Yusufzai", "--top", "-5"},
      {"exposure", "Karim Yusufzai", "--max-hops", "0"},
      {"exposure", "Karim Yusufzai", "--paths", "nan"},
      {"paths", "Karim Yusufzai", "Northern Front", "--k", "0"},
      {"paths", "Karim Yusufzai", "Northern Front", "--min-confidence", "-inf"},
      {"rank", "--measure", "degree", "--top", "-1"},
      {"rank", "--measure", "degree", "--min-confidence", "NaN"},
      {"communities", "--resolution", "nan"},
      {"communities", "--resolution", "inf"},
      {"communities", "--resolution", "0"},
      {"communities", "--seed", "-1"},
      {"communities", "--runs", "100000"},
      {"keyplayers", "--k", "0"},
      {"keyplayers", "--k", "nan"},
      {"export", "--format", "graphml", "--min-confidence", "nan"},
      {"compare", "a", "b", "--threshold", "nan"},
  };
  for (const auto& command : refused) {
    auto r = Vigil(command);
    EXPECT_EQ(r.exit_code, 2) << command[0] << " " << command[command.size() - 2] << " "
                              << command.back() << ": " << r.out << r.err;
    EXPECT_FALSE(r.err.empty());
  }
  auto nan = Vigil({"communities", "--resolution", "nan"});
  EXPECT_NE(nan.err.find("--resolution"), std::string::npos) << nan.err;
  EXPECT_NE(nan.err.find("nan"), std::string::npos) << nan.err;
  for (const auto& command : std::vector<std::vector<std::string>>{
           {"exposure", "Karim Yusufzai", "--top", "0", "--min-confidence", "0.5"},
           {"communities", "--resolution", "1.5", "--seed", "7"},
           {"rank", "--measure", "degree", "--top", "2"}})
    EXPECT_EQ(Vigil(command).exit_code, 0) << command[0];
}

TEST_F(QueryTest, MissingDatabaseIsReported) {
  auto r = RunVigil({"show", "x", "--db", dir_ + "/nope.db"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("vigil load"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/nope.db"));
}

// The version is the project's (CMakeLists.txt), the one the Python
// package's __version__ gives too (vigil/base/version.h).
TEST(VersionTest, PrintsTheProjectsVersionAndExitsZero) {
  std::smatch m;
  std::string cmake = ReadText(SourceDir() + "/CMakeLists.txt");
  ASSERT_TRUE(std::regex_search(cmake, m, std::regex(R"(project\(vigil VERSION ([0-9.]+))")));
  auto r = RunVigil({"--version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "vigil " + m[1].str() + "\n");
}

}  // namespace
}  // namespace vigil::e2e
