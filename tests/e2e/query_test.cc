// End to end: show, list, conflicts and verify on the mini fixture.
#include <filesystem>
#include <fstream>

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

TEST_F(QueryTest, MissingDatabaseIsReported) {
  auto r = RunVigil({"show", "x", "--db", dir_ + "/nope.db"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("vigil load"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/nope.db"));
}

}  // namespace
}  // namespace vigil::e2e
