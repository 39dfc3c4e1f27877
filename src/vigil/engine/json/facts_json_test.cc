// The store's records, turned into JSON, give the documented shapes: checked
// fact by fact on the fixture dataset against the shapes the engine built
// before the store layer existed (engine/facts.h), while both exist.
#include "vigil/engine/json/facts_json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/engine/engine.h"
#include "vigil/engine/facts.h"
#include "vigil/store/sqlite/sqlite_store.h"

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
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(FactsJsonTest, EveryFactReadsBackAsBefore) {
  auto store = store::SqliteStore::Open(db_, store::AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  Database& db = **(*store)->Connection();
  Statement facts(db, "SELECT id, type FROM facts ORDER BY id");
  int compared = 0;
  while (facts.Step()) {
    int64_t id = facts.Int(0);
    std::string type = facts.Text(1);
    EXPECT_EQ(ToJsonArray(*(*store)->ClaimsOf(id)), internal::ClaimsOf(db, id)) << id;
    EXPECT_EQ(*(*store)->FactSummary(id), internal::FactSummary(db, id)) << id;
    if (type == "entity") {
      EXPECT_EQ(ToJson(*(*store)->EntityRef(id)), internal::EntityRef(db, id));
      EXPECT_EQ(ToJsonArray(*(*store)->NamesOf(id)), internal::NamesOf(db, id));
    } else if (type == "relation") {
      EXPECT_EQ(ToJson(**(*store)->Relation(id)), internal::RelationJson(db, id));
    } else if (type == "event") {
      EXPECT_EQ(ToJson(**(*store)->Event(id)), internal::EventJson(db, id));
    } else if (type == "estimate") {
      EXPECT_EQ(ToJson(**(*store)->Estimate(id)), internal::EstimateJson(db, id));
    } else if (type == "designation") {
      EXPECT_EQ(ToJson(**(*store)->Designation(id)), internal::DesignationJson(db, id));
    }
    ++compared;
  }
  EXPECT_GT(compared, 10);
  EXPECT_FALSE((*(*store)->Relation(999999)).has_value());
}

}  // namespace
}  // namespace vigil
