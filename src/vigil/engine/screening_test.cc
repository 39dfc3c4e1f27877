// Engine::Screen, Compare and ListVersions on the mini fixture: typed
// results, requests that name the field they get wrong, one watch list
// shared by many threads.
#include "vigil/engine/screening.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "vigil/engine/engine.h"

namespace vigil {
namespace {

class EngineScreeningTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                     ("vigil-engine-screening-" + std::to_string(getpid())));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    std::string mini = std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/mini";
    auto loaded = Engine::LoadFiles(Db(), {mini + "/data"}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string Db() { return (*dir_ / "vigil.db").string(); }
  static std::unique_ptr<Engine> Open() {
    auto engine = Engine::Open(Db(), store::AccessMode::kReadOnly);
    EXPECT_TRUE(engine.ok()) << engine.status();
    return engine.ok() ? std::move(*engine) : nullptr;
  }
  static std::filesystem::path* dir_;
};
std::filesystem::path* EngineScreeningTest::dir_ = nullptr;

TEST_F(EngineScreeningTest, ScreenFindsTheDesignatedGroupAndSaysAgainstWhat) {
  auto engine = Open();
  ScreenRequest request;
  request.name = "Northern Front";
  request.kind = "organization";
  auto r = engine->Screen(request);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->query.name, "Northern Front");
  EXPECT_EQ(r->query.kind, match::NameKind::kOrganization);
  EXPECT_FALSE(r->query.displayed_analysis);
  EXPECT_EQ(r->threshold, kDefaultScreenThreshold);
  ASSERT_EQ(r->lists.size(), 1u);
  EXPECT_EQ(r->lists[0].dataset, "curated");
  EXPECT_EQ(r->lists[0].records, 1);
  ASSERT_EQ(r->hits.size(), 1u);
  const ScreenHit& hit = r->hits[0];
  EXPECT_EQ(hit.rank, 1u);
  EXPECT_EQ(hit.entity, "northern-front");
  EXPECT_EQ(hit.name, "Northern Front");
  EXPECT_EQ(hit.kind, "organization");
  EXPECT_EQ(hit.score, 1.0);
  EXPECT_EQ(hit.matched_name.type, "primary");
  EXPECT_TRUE(hit.references.empty());
  EXPECT_EQ(hit.programs, std::vector<std::string>{"COUNCIL-TERROR"});
  ASSERT_EQ(hit.designations.size(), 1u);
  EXPECT_EQ(hit.designations[0].authority, "XC");
  EXPECT_FALSE(hit.comparison.pairs.empty());
  // The other kind is not screened.
  request.kind = "person";
  EXPECT_TRUE(engine->Screen(request)->hits.empty());
  auto versions = engine->ListVersions();
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ((*versions)[0].dataset, "curated");
}

TEST_F(EngineScreeningTest, ManyThreadsShareOneWatchListBuiltOnFirstUse) {
  std::filesystem::remove(Db() + ".screening");  // built, not read back
  auto engine = Open();
  ScreenRequest request;
  request.name = "Северный фронт";
  std::vector<std::thread> threads;
  std::vector<StatusOr<ScreenResponse>> results(8, absl::UnknownError("not run"));
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] { results[i] = engine->Screen(request); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    ASSERT_EQ(r->hits.size(), 1u);
    EXPECT_EQ(r->hits[0].entity, "northern-front");
    EXPECT_EQ(r->hits[0].score, results[0]->hits[0].score);
  }
  auto stats = engine->ScreeningStatistics();
  ASSERT_TRUE(stats.ok());
  EXPECT_FALSE(stats->from_snapshot);
  EXPECT_EQ(stats->records, 1u);
  EXPECT_TRUE(std::filesystem::exists(Db() + ".screening"));
  // The next Engine reads the cache back.
  auto again = Open();
  ASSERT_TRUE(again->PrepareScreening(1).ok());
  EXPECT_TRUE(again->ScreeningStatistics()->from_snapshot);
}

// Each wrong field is named, as the CLI (--flag) and the HTTP API (the JSON
// field) show it.
TEST(ScreenRequestTest, EveryCheckNamesItsField) {
  struct Case {
    ScreenRequest request;
    std::string field, message;
  };
  auto with = [](auto change) {
    ScreenRequest r;
    r.name = "Ali";
    change(r);
    return r;
  };
  std::vector<Case> cases = {
      {with([](ScreenRequest& r) { r.name = "\u200B\u200B"; }), "name",
       "name: has no letters or digits once invisible characters are removed (U+200B ZERO WIDTH "
       "SPACE x2)"},
      {with([](ScreenRequest& r) { r.threshold = 1.5; }), "threshold",
       "threshold: must be a number between 0 and 1, got 1.5"},
      {with([](ScreenRequest& r) { r.top = 0; }), "top",
       "top: must be a whole number between 1 and 1000, got 0"},
      {with([](ScreenRequest& r) { r.dob = "last year"; }), "dob",
       "dob: 'last year' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO)"},
      {with([](ScreenRequest& r) { r.country = "Narnia"; }), "country",
       "country: 'Narnia' names no country (an ISO code or an English name: AF, Afghanistan)"},
      {with([](ScreenRequest& r) { r.kind = "vessel"; }), "kind",
       "kind: unknown 'vessel' (person or organization)"},
  };
  for (const auto& c : cases) {
    Status s = c.request.Validate();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(s.message(), c.message);
    EXPECT_EQ(FieldOf(s), c.field);
  }
  EXPECT_TRUE(with([](ScreenRequest& r) { r.kind = "organisation"; }).Validate().ok());
}

TEST(CompareRequestTest, ComparesWithoutAStoreAndNamesItsFields) {
  CompareRequest request;
  request.name_a = "Salman bin Muhammad al-Rawi";
  request.name_b = "Muhammad bin Salman al-Rawi";
  request.kind = "person";
  auto c = Engine::Compare(request);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_FALSE(c->match);
  EXPECT_LT(c->score, 0.8);
  EXPECT_EQ(c->kind, match::NameKind::kPerson);
  bool nasab = false;
  for (const auto& a : c->pair.comparison.adjustments) nasab |= a.rule == "nasab_order";
  EXPECT_TRUE(nasab);
  request = {};
  request.name_a = "Usama bin Ladin";
  request.name_b = "أسامة بن لادن";
  EXPECT_TRUE(Engine::Compare(request)->match);

  request.name_a = " ";
  EXPECT_EQ(FieldOf(request.Validate()), "name_a");
  EXPECT_EQ(request.Validate().message(), "name_a: is blank");
  request.name_a = "a";
  request.kind = "vessel";
  EXPECT_EQ(FieldOf(request.Validate()), "kind");
  request.threshold = -1;  // checked first
  EXPECT_EQ(FieldOf(Engine::Compare(request).status()), "threshold");
}

}  // namespace
}  // namespace vigil
