// The screening area of the SQLite store, on the mini fixture: which
// records screening reads, with what, the list versions, and the
// fingerprint that decides whether a cached watch list is current.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/engine/engine.h"
#include "vigil/store/store.h"
#include "vigil/testing/store_fixture.h"

namespace vigil::store::sql {
namespace {

class ScreeningStoreTest : public test_support::StoreFixture {
 protected:
  ScreeningStoreTest() : StoreFixture("vigil-screening-store", /*open=*/false) {}
  void SetUp() override {
    StoreFixture::SetUp();
    db_ = location();
    auto loaded = Engine::LoadFiles(db_, {Mini() + "/data"}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }
  static std::string Mini() { return std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/mini"; }

  std::string db_;
};

TEST_F(ScreeningStoreTest, ReadsEveryDesignatedEntityWithItsNamesDatesAndDesignations) {
  auto store = OpenStore(db_, AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  auto records = (*store)->ReadScreeningRecords();
  ASSERT_TRUE(records.ok()) << records.status();
  // Only the designated group; the undesignated person and groups are not read.
  ASSERT_EQ(records->size(), 1u);
  const ScreeningRecord& r = records->front();
  EXPECT_EQ(r.key, "northern-front");
  EXPECT_EQ(r.dataset, "curated");
  EXPECT_EQ(r.kind, "organization");
  EXPECT_EQ(r.reference, "");
  EXPECT_EQ(r.linked, "");
  ASSERT_EQ(r.names.size(), 3u);
  EXPECT_EQ(r.names[0].text, "Northern Front");
  EXPECT_EQ(r.names[0].kind, "primary");
  EXPECT_EQ(r.names[1].kind, "weak_alias");
  EXPECT_EQ(r.names[2].text, "Северный фронт");
  EXPECT_EQ(r.names[2].kind, "transliteration");
  EXPECT_TRUE(r.birth_dates.empty());
  ASSERT_EQ(r.designations.size(), 1u);
  EXPECT_EQ(r.designations[0].authority, "XC");
  EXPECT_EQ(r.designations[0].program, "COUNCIL-TERROR");
  EXPECT_EQ(r.designations[0].date, "2019");
  EXPECT_EQ(r.designations[0].list, "");
}

TEST_F(ScreeningStoreTest, ListVersionsAreTheDatasetsThatDesignate) {
  auto store = OpenStore(db_, AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  auto versions = (*store)->ReadListVersions();
  ASSERT_TRUE(versions.ok()) << versions.status();
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].dataset, "curated");
  EXPECT_EQ((*versions)[0].kind, "curated");
  EXPECT_EQ((*versions)[0].records, 1);
  EXPECT_EQ((*versions)[0].publish_date, "");
  EXPECT_FALSE((*versions)[0].version.empty());
}

TEST_F(ScreeningStoreTest, TheFingerprintChangesWithALoadAndTheCacheSitsBesideTheFile) {
  std::string before;
  {
    auto store = OpenStore(db_, AccessMode::kReadOnly);
    ASSERT_TRUE(store.ok()) << store.status();
    // No cache file for a database on a server: each process builds its own.
    EXPECT_EQ((*store)->ScreeningCachePath(), where_->postgres() ? "" : db_ + ".screening");
    auto fingerprint = (*store)->ScreeningFingerprint();
    ASSERT_TRUE(fingerprint.ok()) << fingerprint.status();
    before = *fingerprint;
    EXPECT_EQ(before.rfind("schema ", 0), 0u) << before;
    EXPECT_NE(before.find("|curated@"), std::string::npos) << before;
    EXPECT_EQ(*(*store)->ScreeningFingerprint(), before);  // stable while nothing changes
  }
  // Another dataset: the generation and the datasets change.
  auto loaded = Engine::LoadFiles(
      db_, {std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/lists/un-good.xml"}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  auto store = OpenStore(db_, AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok());
  EXPECT_NE(*(*store)->ScreeningFingerprint(), before);
  auto versions = (*store)->ReadListVersions();
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);  // by dataset name
  EXPECT_EQ((*versions)[0].dataset, "curated");
  EXPECT_FALSE((*versions)[1].sha256.empty());
  auto records = (*store)->ReadScreeningRecords();
  ASSERT_TRUE(records.ok());
  EXPECT_GT(records->size(), 1u);
}

}  // namespace
}  // namespace vigil::store::sql
