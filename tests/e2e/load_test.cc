// End to end: vigil load, its idempotence, and a load killed midway.
#include <fstream>

#include "fixture.h"

namespace vigil::e2e {
namespace {

TEST_F(CliTest, LoadReportsCountsAsTextAndJson) {
  auto r = LoadMini();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("loaded dataset 'curated'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("6 entities"), std::string::npos) << r.out;
  auto j = Json({"list", "sources"});
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], "mini-report");
  EXPECT_TRUE(j[0]["text_stored"].get<bool>());
}

TEST_F(CliTest, LoadingTheSameDataTwiceChangesNothing) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto before_entities = Json({"list", "entities"});
  auto before_relations = Json({"list", "relations"});
  auto before_conflicts = Json({"conflicts"});
  auto again = Vigil({"load", data_, "--texts", MiniTexts(), "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto report = nlohmann::json::parse(again.out);
  EXPECT_TRUE(report["unchanged"].get<bool>());
  EXPECT_EQ(Json({"list", "entities"}), before_entities);
  EXPECT_EQ(Json({"list", "relations"}), before_relations);
  EXPECT_EQ(Json({"conflicts"}), before_conflicts);
}

TEST_F(CliTest, ReloadingChangedDataReplacesTheDataset) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  Edit("entities.yaml", "id: the-council", "id: the-assembly");
  Edit("facts.yaml", "authority: the-council", "authority: the-assembly");
  auto r = LoadMini();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto entities = Json({"list", "entities", "--kind", "government_body"});
  std::vector<std::string> ids;
  for (const auto& e : entities) ids.push_back(e["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"eastern-committee", "the-assembly"}));
  EXPECT_EQ(Json({"list", "entities"}).size(), 6u);
}

TEST_F(CliTest, ALoadKilledMidwayLeavesThePreviousDatabase) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto before = Json({"show", "northern-front"});
  Edit("entities.yaml", "A fictional armed group used by the tests.", "Changed description.");
  auto killed = Vigil({"load", data_, "--texts", MiniTexts()},
                      {{"VIGIL_FAULT_KILL_AFTER_ROWS", "12"}});
  EXPECT_EQ(killed.exit_code, -9) << "the load should have been killed: " << killed.out << killed.err;
  EXPECT_EQ(Json({"show", "northern-front"}), before);
  auto r = LoadMini();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json({"show", "northern-front"})["description"], "Changed description.");
}

TEST_F(CliTest, AKilledFirstLoadLeavesNoData) {
  auto killed = Vigil({"load", data_}, {{"VIGIL_FAULT_KILL_AFTER_ROWS", "3"}});
  EXPECT_EQ(killed.exit_code, -9);
  auto r = Vigil({"list", "entities", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 0u);
}

}  // namespace
}  // namespace vigil::e2e
