// The store's single facts, turned into JSON, give the documented shapes
// (docs/cli.md, "Common shapes"), with the passages their claims cite, on
// the fixture dataset: known answers from tests/fixtures/mini.
#include "vigil/engine/json/facts_json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/engine/engine.h"
#include "vigil/store/store.h"

namespace vigil {
namespace {

class FactsJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("vigil-facts-json-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "vigil.db").string();
    std::string mini = std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/mini";
    LoadOptions options;
    options.texts_dir = mini + "/texts";
    auto loaded = Engine::LoadFiles(db_, {mini + "/data"}, options);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    auto engine = Engine::Open(db_, store::AccessMode::kReadOnly);
    ASSERT_TRUE(engine.ok()) << engine.status();
    ListRequest relations;
    relations.what = ListTable::kRelations;
    auto rows = (*engine)->List(relations);
    ASSERT_TRUE(rows.ok()) << rows.status();
    for (const auto& r : rows->relations)
      if (r.predicate == "arms") arms_id_ = r.fact_id;
    ASSERT_GT(arms_id_, 0);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string db_;
  int64_t arms_id_ = 0;
};

TEST_F(FactsJsonTest, ARelationCarriesItsDisagreeingClaimsSideBySide) {
  auto store = store::OpenStore(db_, store::AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  auto relation = (*store)->Relation(arms_id_);
  ASSERT_TRUE(relation.ok() && relation->has_value()) << relation.status();
  Json j = ToJson(**relation);
  EXPECT_EQ(j["fact_id"], arms_id_);
  EXPECT_EQ(j["subject"]["id"], "eastern-committee");
  EXPECT_EQ(j["object"]["id"], "northern-front");
  EXPECT_EQ(j["predicate"], "arms");
  EXPECT_TRUE(j["from"].is_null());
  ASSERT_EQ(j["claims"].size(), 2u);
  EXPECT_EQ(j["claims"][0]["source"], "mini-report");
  EXPECT_EQ(j["claims"][0]["span"], Json::array({208, 278}));
  EXPECT_EQ(j["claims"][0]["stance"], "asserts");
  EXPECT_DOUBLE_EQ(j["claims"][0]["confidence"].get<double>(), 0.6);
  EXPECT_EQ(j["claims"][0]["party"]["id"], "eastern-committee");
  EXPECT_EQ(j["claims"][1]["stance"], "denies");
  EXPECT_EQ(j["claims"][1]["span"], Json::array({279, 338}));
  // The passage is the cited span of the source text.
  EXPECT_EQ(j["claims"][0]["passage"].get<std::string>().size(), 278u - 208u);
  EXPECT_EQ(ToJsonArray(*(*store)->ClaimsOf(arms_id_)), j["claims"]);
}

TEST_F(FactsJsonTest, FactsOfAnotherTypeOrMissingAreAbsent) {
  auto store = store::OpenStore(db_, store::AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_FALSE((*(*store)->Event(arms_id_)).has_value());
  EXPECT_FALSE((*(*store)->Estimate(arms_id_)).has_value());
  EXPECT_FALSE((*(*store)->Relation(999999)).has_value());
}

}  // namespace
}  // namespace vigil
