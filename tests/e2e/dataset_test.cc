// End to end on the bundled knowledge base (data/) and the four source
// articles: it loads, every claim's span verifies, it holds what the issue
// asks for, and it answers time-dependent questions.
#include <filesystem>
#include <set>

#include "fixture.h"

namespace vigil::e2e {
namespace {

class DatasetTest : public SharedDatabaseTest<DatasetTest> {
 public:
  static std::string Needs() { return SeedsDir(); }
  static std::vector<std::string> LoadPaths() {
    return {SourceDir() + "/data", "--texts", SeedsDir()};
  }
};

TEST_F(DatasetTest, EveryClaimVerifiesAgainstTheSourceTexts) {
  auto r = RunVigil({"verify", "--texts", SeedsDir(), "--db", db(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out.substr(0, 2000);
  auto result = nlohmann::json::parse(r.out);
  EXPECT_TRUE(result["ok"].get<bool>());
}

TEST_F(DatasetTest, HoldsAtLeastWhatTheIssueAsksFor) {
  EXPECT_GE(Json({"list", "entities"}).size(), 60u);
  EXPECT_GE(Json({"list", "relations"}).size(), 80u);
  EXPECT_GE(Json({"list", "events"}).size(), 25u);
  EXPECT_GE(Json({"list", "estimates"}).size(), 12u);
  size_t designations = 0;
  for (const auto& e : Json({"list", "entities"})) designations += e["designations"].get<size_t>();
  EXPECT_GE(designations, 8u);
  std::set<std::string> kinds;
  for (const auto& e : Json({"list", "entities"})) kinds.insert(e["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"government_body", "organization", "person", "place",
                                          "state"}));
}

TEST_F(DatasetTest, DisagreementsOfEveryKindStaySideBySide) {
  auto conflicts = Json({"conflicts"});
  for (const char* kind : {"contested", "attribution", "estimate", "shared_name"})
    EXPECT_GE(conflicts["by_kind"][kind].get<int>(), 1) << kind;
  bool arms_denied = false, two_isis_k = false;
  for (const auto& c : conflicts["conflicts"]) {
    std::string summary = c["summary"];
    arms_denied |= c["kind"] == "contested" && summary.find("arms") != std::string::npos;
    two_isis_k |= c["kind"] == "shared_name" && summary.find("ISIS-K") != std::string::npos;
    for (const auto& side : c["sides"]) EXPECT_FALSE(side["claims"].empty()) << summary;
  }
  EXPECT_TRUE(arms_denied);
  EXPECT_TRUE(two_isis_k);
}

TEST_F(DatasetTest, MainPeopleAndGroupsResolveInEveryScript) {
  for (const char* name : {"Siraj Haqqani", "SIRAJUDDIN HAQQANI", "سراج الدين حقاني",
                           "Сираджуддин Хаккани"})
    EXPECT_EQ(Json({"show", name})["id"], "sirajuddin-haqqani") << name;
  EXPECT_EQ(Json({"show", "Taliban"})["kind"], "organization");
  EXPECT_EQ(Json({"show", "القاعدة"})["kind"], "organization");
  EXPECT_EQ(Json({"show", "ISIS-K"})["id"], "isis-k");
}

TEST_F(DatasetTest, TheNetworkChangesOverTime) {
  auto holds = [&](const char* as_of) {
    std::set<std::string> out;
    for (const auto& r : Json({"list", "relations", "--predicate", "holds_position_in", "--as-of", as_of}))
      out.insert(r["subject"]["id"].get<std::string>() + ">" + r["object"]["id"].get<std::string>());
    return out;
  };
  auto before = holds("2015"), after = holds("2023");
  EXPECT_NE(before, after);
  bool minister_2023 = false, minister_2015 = false;
  for (const auto& r : after) minister_2023 |= r.rfind("sirajuddin-haqqani>", 0) == 0;
  for (const auto& r : before) minister_2015 |= r.rfind("sirajuddin-haqqani>ministry", 0) == 0;
  EXPECT_TRUE(minister_2023);
  EXPECT_FALSE(minister_2015);
}

TEST_F(DatasetTest, ReloadingTheSameDataChangesNothing) {
  auto r = RunVigil({"load", SourceDir() + "/data", "--texts", SeedsDir(), "--db", db(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out)["unchanged"].get<bool>());
}

}  // namespace
}  // namespace vigil::e2e
