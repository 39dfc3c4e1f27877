// Engine::RefreshScreening, WatchStore and LoadUpload: a list loaded by
// another Engine (another process) is swapped in, work that began on the
// old snapshot finishes on it, and an upload is checked and refused as
// `vigil load` refuses a file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "vigil/base/file.h"
#include "vigil/engine/engine.h"
#include "vigil/testing/support.h"

namespace vigil {
namespace {

using test_support::FixturePath;


class ListSwapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vigil-list-swap-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto loaded = Engine::LoadFiles(Db(), {FixturePath("lists") + "/un-good.xml"}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    auto engine = Engine::Open(Db(), store::AccessMode::kReadWrite);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string Db() const { return (dir_ / "vigil.db").string(); }
  std::string Served() {
    auto lists = engine_->ListVersions();
    EXPECT_TRUE(lists.ok()) << lists.status();
    return lists.ok() && !lists->empty() ? lists->front().publish_date : "";
  }
  static std::vector<std::string> Entities(const ScreenResponse& r) {
    std::vector<std::string> out;
    for (const auto& h : r.hits) out.push_back(h.entity);
    return out;
  }
  std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(ListSwapTest, ALoadByAnotherEngineIsSwappedInAndWorkInFlightKeepsTheOldList) {
  ASSERT_TRUE(engine_->PrepareScreening(1).ok());
  EXPECT_EQ(Served(), "2025-01-02");
  ScreeningSnapshotInfo before = engine_->SnapshotInfo();
  EXPECT_TRUE(before.built);
  EXPECT_EQ(before.swaps, 0);
  // Nothing changed: nothing is rebuilt.
  auto same = engine_->RefreshScreening(1);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_FALSE(*same);

  // A batch begun now holds the old snapshot.
  BatchRequest request;
  request.output = BatchFormat::kJsonLines;
  request.threads = 1;
  auto batch = engine_->StartBatch(request, std::nullopt, "body");
  ASSERT_TRUE(batch.ok()) << batch.status();

  // `vigil load` of the newer version, from elsewhere.
  auto loaded = Engine::LoadFiles(Db(), {FixturePath("lists") + "/un-good-v2.xml"}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(Served(), "2025-01-02");  // until the refresh
  auto swapped = engine_->RefreshScreening(1);
  ASSERT_TRUE(swapped.ok()) << swapped.status();
  EXPECT_TRUE(*swapped);
  EXPECT_EQ(Served(), "2025-06-30");
  ScreeningSnapshotInfo after = engine_->SnapshotInfo();
  EXPECT_GT(after.generation, before.generation);
  EXPECT_EQ(after.swaps, 1);

  // The removed record (TAe.901, Northern Front) is gone from screening,
  // the added one (TAe.902, Valley Brigade) is there.
  ScreenRequest northern;
  northern.name = "Northern Front";
  auto gone = engine_->Screen(northern);
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(Entities(*gone).empty());
  ScreenRequest valley;
  valley.name = "Valley Brigade";
  auto added = engine_->Screen(valley);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(Entities(*added), std::vector<std::string>{"un-tae-902"});

  // The batch begun before the swap still screens against the old list.
  auto out = (*batch)->ProcessJsonLines({R"({"name": "Northern Front"})"});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_NE(out->find("un-tae-901"), std::string::npos) << *out;
  BatchSummary summary = (*batch)->Finish();
  ASSERT_EQ(summary.lists.size(), 1u);
  EXPECT_EQ(summary.lists[0].publish_date, "2025-01-02");
}

TEST_F(ListSwapTest, TheWatcherPicksUpALoadWithinItsInterval) {
  ASSERT_TRUE(engine_->PrepareScreening(1).ok());
  engine_->WatchStore(std::chrono::milliseconds(20), 1);
  auto loaded = Engine::LoadFiles(Db(), {FixturePath("lists") + "/un-good-v2.xml"}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  std::string served;
  for (int i = 0; i < 500 && served != "2025-06-30"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    served = Served();
  }
  EXPECT_EQ(served, "2025-06-30");
  engine_->StopWatching();
  engine_->StopWatching();  // twice is harmless
}

TEST_F(ListSwapTest, ScreeningNeverFailsWhileSnapshotsAreSwapped) {
  ASSERT_TRUE(engine_->PrepareScreening(1).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> failed{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&] {
      ScreenRequest request;
      request.name = "Karim Yusufzai";
      while (!stop) {
        auto r = engine_->Screen(request);
        if (!r.ok() || r->hits.empty() || r->hits[0].entity != "un-tai-901") ++failed;
        ++done;
      }
    });
  const std::string files[] = {"/un-good-v2.xml", "/un-good.xml"};
  LoadOptions older;
  older.allow_older = true;
  for (int round = 0; round < 6; ++round) {
    auto loaded = Engine::LoadFiles(Db(), {FixturePath("lists") + files[round % 2]}, older);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    auto swapped = engine_->RefreshScreening(1);
    ASSERT_TRUE(swapped.ok()) << swapped.status();
    EXPECT_TRUE(*swapped);
  }
  stop = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(done, 0);
  EXPECT_EQ(engine_->SnapshotInfo().swaps, 6);
}

TEST_F(ListSwapTest, AnUploadIsLoadedAsVigilLoadLoadsAFileAndSwappedIn) {
  ASSERT_TRUE(engine_->PrepareScreening(1).ok());
  auto v2 = ReadFile(FixturePath("lists") + "/un-good-v2.xml");
  ASSERT_TRUE(v2.ok());
  ListUpload upload;
  upload.body = *v2;
  upload.label = "un.xml";
  auto reports = engine_->LoadUpload(upload);
  ASSERT_TRUE(reports.ok()) << reports.status();
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].dataset, "un-consolidated");
  EXPECT_EQ((*reports)[0].publish_date, "2025-06-30");
  EXPECT_EQ((*reports)[0].files, std::vector<std::string>{"un.xml"});
  ASSERT_TRUE((*reports)[0].changes);
  EXPECT_EQ((*reports)[0].changes->added, 1);
  EXPECT_EQ((*reports)[0].changes->removed, 1);
  EXPECT_EQ(Served(), "2025-06-30");  // swapped before it returned

  // The older version is refused as vigil load refuses it, naming the
  // upload and the option; nothing changes.
  auto v1 = ReadFile(FixturePath("lists") + "/un-good.xml");
  ASSERT_TRUE(v1.ok());
  upload.body = *v1;
  auto refused = engine_->LoadUpload(upload);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("un.xml: dataset 'un-consolidated' not replaced"),
            std::string::npos)
      << refused.status();
  EXPECT_NE(refused.status().message().find("(allow_older)"), std::string::npos);
  EXPECT_EQ(Served(), "2025-06-30");
  upload.allow_older = true;
  auto allowed = engine_->LoadUpload(upload);
  ASSERT_TRUE(allowed.ok()) << allowed.status();
  EXPECT_EQ(Served(), "2025-01-02");
}

TEST_F(ListSwapTest, AnUploadThatIsNoListIsRefusedNamingTheUploadNotATemporaryFile) {
  ListUpload upload;
  upload.label = "list.xml";
  upload.body = "<html><body>not a list</body></html>";
  auto bad = engine_->LoadUpload(upload);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(bad.status().message()).rfind("list.xml:", 0), 0u) << bad.status();
  EXPECT_EQ(std::string(bad.status().message()).find("vigil-upload"), std::string::npos);

  upload.body = "";
  EXPECT_EQ(FieldOf(engine_->LoadUpload(upload).status()), "body");
  upload.body = "x";
  upload.label = "../escape.xml";
  EXPECT_EQ(FieldOf(engine_->LoadUpload(upload).status()), "filename");
  upload.label = "list.xml";
  upload.format = "yaml";
  EXPECT_EQ(FieldOf(engine_->LoadUpload(upload).status()), "format");
  upload.format = "pdf";
  EXPECT_EQ(FieldOf(engine_->LoadUpload(upload).status()), "format");
}

}  // namespace
}  // namespace vigil
