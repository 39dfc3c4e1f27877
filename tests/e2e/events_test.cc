// End to end: `vigil load` on the UCDP GED subset (../shared/data/events)
// over the bundled knowledge base, with the Natural Earth boundaries;
// idempotent re-import; `vigil events` and `vigil activity` on it; the
// hand-made UCDP and ACLED fixtures (tests/fixtures/events).
#include <filesystem>

#include "fixture.h"

namespace vigil::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Subset() {
  return SourceDir() + "/../shared/data/events/ucdp-ged-afghanistan-subset-310.geojson";
}
std::string Boundaries() {
  return SourceDir() + "/../shared/data/geo/afghanistan-admin1-naturalearth.geojson";
}

class EventsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(Subset())) return;
    dir_ = new std::string(TempDir());
    db_ = new std::string(*dir_ + "/vigil.db");
    auto r = RunVigil({"load", SourceDir() + "/data", "--db", *db_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto e = RunVigil({"load", Subset(), "--boundaries", Boundaries(), "--db", *db_, "--json"});
    ASSERT_EQ(e.exit_code, 0) << e.err;
    load_ = new json(json::parse(e.out));
  }
  static void TearDownTestSuite() {
    if (dir_) fs::remove_all(*dir_);
  }
  void SetUp() override {
    if (!fs::exists(Subset())) GTEST_SKIP() << "no shared data";
  }
  json Json(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", *db_, "--json"});
    auto r = RunVigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.empty() ? json() : json::parse(r.out);
  }
  static inline std::string* dir_ = nullptr;
  static inline std::string* db_ = nullptr;
  static inline json* load_ = nullptr;
};

TEST_F(EventsTest, EveryEventIsImportedAndEveryActorAccountedFor) {
  EXPECT_EQ((*load_)["dataset"], "ucdp-ged");
  EXPECT_EQ((*load_)["counts"]["events"], 310);
  EXPECT_EQ((*load_)["counts"]["participants"], 622);
  EXPECT_FALSE((*load_)["warnings"]["by_kind"].contains("event_skipped"));
  EXPECT_EQ((*load_)["warnings"]["by_kind"]["province_corrected"], 2);
  // Government of Afghanistan 299 + Taleban 279 + IS 14 + the United States 2.
  EXPECT_EQ((*load_)["actor_links"]["linked"], 594);
  // UIFSA 20 (acronym of the Northern Alliance's name) + the High Council 1.
  EXPECT_EQ((*load_)["actor_links"]["suggested"], 21);
  EXPECT_EQ((*load_)["actor_links"]["unlinked"], 7);  // no entity in the knowledge base
}

TEST_F(EventsTest, ReloadingTheSameFileWritesNothing) {
  auto again = Json({"load", Subset(), "--boundaries", Boundaries()});
  EXPECT_EQ(again["unchanged"], true);
}

TEST_F(EventsTest, TalibanEventsOfUcdp) {
  // Taleban in 270 + 7 + 1 + 1 dyads of the subset.
  auto events = Json({"events", "--actor", "Taliban", "--party", "UCDP GED"});
  EXPECT_EQ(events["count"], 279);
  EXPECT_EQ(events["actor"]["id"], "taliban");
  auto in_2001 = Json({"events", "--actor", "Taliban", "--party", "UCDP GED", "--to", "2001"});
  for (const auto& e : in_2001["events"]) EXPECT_LE(e["first_day"].get<std::string>(), "2001-12-31");
}

TEST_F(EventsTest, GovernmentOfAfghanistanDependsOnTheDate) {
  // 2001-11: the Taliban's emirate; later: the Republic.
  auto emirate = Json({"events", "--actor", "taliban-government", "--party", "UCDP GED"});
  auto republic = Json({"events", "--actor", "afghan-republic-government", "--party", "UCDP GED"});
  EXPECT_EQ(emirate["count"].get<int>() + republic["count"].get<int>(), 299);
  for (const auto& e : emirate["events"]) EXPECT_LT(e["first_day"].get<std::string>(), "2001-12");
}

TEST_F(EventsTest, IslamicStateIsLinkedAndIsisKSuggested) {
  auto events = Json({"events", "--actor", "Islamic State", "--party", "UCDP GED", "--links"});
  EXPECT_EQ(events["count"], 14);
  int isis_k = 0;
  for (const auto& l : events["links"])
    if (l["label"] == "IS" && l["entity"] == "isis-k") {
      EXPECT_EQ(l["status"], "suggested");
      EXPECT_EQ(l["method"], "affiliate");
      ++isis_k;
    }
  EXPECT_EQ(isis_k, 14);
}

TEST_F(EventsTest, ActivityByYearAndPlace) {
  auto a = Json({"activity", "Taliban", "--by", "year", "--by-place", "--party", "UCDP GED"});
  EXPECT_EQ(a["events"], 279);
  EXPECT_EQ(a["places"][0]["place"], "Hilmand");
  bool government = false;
  for (const auto& d : a["dyads"])
    government = government || d["opponent"] == "afghan-republic-government";
  EXPECT_TRUE(government);
}

TEST_F(EventsTest, BadOptionsExitTwo) {
  auto r = RunVigil({"events", "--kind", "batle", "--db", *db_});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("battle"), std::string::npos) << r.err;
  auto by = RunVigil({"activity", "Taliban", "--by", "week", "--db", *db_});
  EXPECT_EQ(by.exit_code, 2);
}

TEST(EventFixturesTest, AMissingColumnRefusesTheLoadAndWritesNothing) {
  std::string dir = TempDir();
  auto r = RunVigil({"load", SourceDir() + "/tests/fixtures/events/ucdp-ged-missing-columns.csv",
                     "--format", "ucdp-csv", "--db", dir + "/v.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing column side_b"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/v.db"));
  fs::remove_all(dir);
}

TEST(EventFixturesTest, AcledLoadsAsItsOwnDataset) {
  std::string dir = TempDir();
  auto r = RunVigil({"load", SourceDir() + "/tests/fixtures/events/acled-sample.csv", "--db",
                     dir + "/v.db", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = json::parse(r.out);
  EXPECT_EQ(j["dataset"], "acled");
  EXPECT_EQ(j["counts"]["events"], 4);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::e2e
