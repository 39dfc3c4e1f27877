#include "vigil/match/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "vigil/match/screener.h"

namespace vigil::match {
namespace {

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("vigil-snapshot-" + std::to_string(getpid()) + ".bin"))
                .string();
    RecordInput r;
    r.key = "un-tai-144";
    r.dataset = "un";
    r.entity_kind = "person";
    r.names = {{"Sirajuddin Jallaloudine Haqqani", ListedNameType::kPrimary},
               {"سراج الدین حقانی", ListedNameType::kOriginalScript},
               {"Khalifa", ListedNameType::kWeakAlias}};
    r.birth_dates = {"1977/1978"};
    r.countries = {"Afghanistan"};
    r.designations = {{"UN", "1988 Taliban", "UN list", "TAi.144", "2007-07-31"}};
    RecordInput o = r;
    o.key = "hqn";
    o.entity_kind = "organization";
    o.names = {{"Haqqani Network", ListedNameType::kPrimary}};
    list_ = WatchList::Build({r, o}, {{"un", "un-list", "v1", "2025-04-19", "abc", 2}}, 1);
    index_ = CandidateIndex::Build(list_);
  }
  void TearDown() override { std::filesystem::remove(path_); }

  std::string path_;
  WatchList list_;
  CandidateIndex index_;
};

TEST_F(SnapshotTest, ReadsBackWhatWasSavedAndScreensTheSame) {
  ASSERT_TRUE(SaveSnapshot(path_, "fp-1", list_, index_));
  auto snapshot = LoadSnapshot(path_, "fp-1");
  ASSERT_TRUE(snapshot.has_value());
  EXPECT_EQ(snapshot->list.records().size(), 2u);
  EXPECT_EQ(snapshot->list.versions()[0].publish_date, "2025-04-19");
  EXPECT_EQ(snapshot->index.key_count(), index_.key_count());
  for (const char* name : {"Serajuddin Haqani", "سراج الدين حقاني", "Haqqani Netwrok", "Khalifa"}) {
    ScreenQuery q;
    q.name = name;
    q.birth_date = "1977";
    q.threshold = 0.5;
    auto a = Screener(list_, index_).Screen(q);
    auto b = Screener(snapshot->list, snapshot->index).Screen(q);
    ASSERT_EQ(a.hits.size(), b.hits.size()) << name;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].record, b.hits[i].record);
      EXPECT_DOUBLE_EQ(a.hits[i].score, b.hits[i].score);
    }
  }
}

TEST_F(SnapshotTest, OtherDataOrADamagedFileIsNotUsed) {
  ASSERT_TRUE(SaveSnapshot(path_, "fp-1", list_, index_));
  EXPECT_FALSE(LoadSnapshot(path_, "fp-2").has_value());
  std::filesystem::resize_file(path_, std::filesystem::file_size(path_) - 7);
  EXPECT_FALSE(LoadSnapshot(path_, "fp-1").has_value());
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << "garbage";
  EXPECT_FALSE(LoadSnapshot(path_, "fp-1").has_value());
  EXPECT_FALSE(LoadSnapshot(path_ + ".missing", "fp-1").has_value());
}

// Regression (issue 10): editing a listed name inside the cache changed what
// `vigil screen` reported.
TEST_F(SnapshotTest, AnEditedNameIsRejected) {
  ASSERT_TRUE(SaveSnapshot(path_, "fp-1", list_, index_));
  std::string bytes;
  {
    std::ifstream in(path_, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  size_t at = bytes.find("Haqqani Network");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 7, "Haqqanx");
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_FALSE(LoadSnapshot(path_, "fp-1").has_value());
}

TEST_F(SnapshotTest, TheFileDoesNotRevealItsFingerprint) {
  ASSERT_TRUE(SaveSnapshot(path_, "store 5f2a9c|generation 7", list_, index_));
  std::ifstream in(path_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("5f2a9c"), std::string::npos);
  EXPECT_TRUE(LoadSnapshot(path_, "store 5f2a9c|generation 7").has_value());
  EXPECT_FALSE(LoadSnapshot(path_, "store 5f2a9c|generation 8").has_value());
}

}  // namespace
}  // namespace vigil::match
