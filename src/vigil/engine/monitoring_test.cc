// Decisions, decision memory and monitoring through the Engine, across two
// versions of a small UN list (tests/fixtures/lists/un-good.xml and
// un-good-v2.xml: Karim Yusufzai gains an alias, Northern Front leaves the
// list, Valley Brigade joins it).
#include "vigil/engine/monitoring.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "vigil/engine/decisions.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/json/monitoring_json.h"
#include "vigil/engine/json/screening_json.h"
#include "vigil/testing/support.h"

namespace vigil {
namespace {

using test_support::FixturePath;


class MonitoringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vigil-monitoring-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::string mini = std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/mini/data";
    auto loaded = Engine::LoadFiles(Db(), {mini, FixturePath("lists") + "/un-good.xml"}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Db() const { return (dir_ / "vigil.db").string(); }
  std::unique_ptr<Engine> Open() {
    auto engine = Engine::Open(Db(), store::AccessMode::kReadWrite);
    EXPECT_TRUE(engine.ok()) << engine.status();
    return engine.ok() ? std::move(*engine) : nullptr;
  }
  // The hit on the listed record with this UN reference.
  static const ScreenHit* HitWithReference(const ScreenResponse& r, const std::string& reference) {
    for (const auto& h : r.hits)
      if (std::find(h.references.begin(), h.references.end(), reference) != h.references.end())
        return &h;
    return nullptr;
  }
  static ScreenResponse Screen(Engine& engine, const std::string& name,
                               const std::string& dob = "") {
    ScreenRequest request;
    request.name = name;
    request.dob = dob;
    auto r = engine.Screen(request);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? std::move(*r) : ScreenResponse();
  }
  std::filesystem::path dir_;
};

TEST(SubjectKeyTest, CaseSpacingAndPunctuationAreOneSubjectDatesAndCountriesAnother) {
  EXPECT_EQ(SubjectKey("Karim Yusufzai", "", ""), SubjectKey("  KARIM   yusufzai ", "", ""));
  EXPECT_EQ(SubjectKey("Karim Yusufzai", "", ""), SubjectKey("Karim Yúsufzai", "", ""));
  EXPECT_EQ(SubjectKey("Karim Yusufzai", "1970", "Afghanistan"),
            SubjectKey("karim yusufzai", "1970", "AF"));
  EXPECT_EQ(SubjectKey("Karim Yusufzai", "1970", "af"), "karimyusufzai|1970|AF");
  EXPECT_NE(SubjectKey("Karim Yusufzai", "1970", ""), SubjectKey("Karim Yusufzai", "", ""));
  EXPECT_NE(SubjectKey("Karim Yusufzai", "", "AF"), SubjectKey("Karim Yusufzai", "", "PK"));
}

TEST(DecisionRequestTest, EveryCheckNamesItsField) {
  auto field = [](DecisionRequest r) { return FieldOf(r.Validate()); };
  DecisionRequest good{{"Karim", "", ""}, "un-tai-901", "match", ""};
  EXPECT_TRUE(good.Validate().ok());
  auto r = good;
  r.subject.name = " ";
  EXPECT_EQ(field(r), "subject.name");
  r = good;
  r.subject.birth_date = "last year";
  EXPECT_EQ(field(r), "subject.birth_date");
  r = good;
  r.subject.country = "Atlantis";
  EXPECT_EQ(field(r), "subject.country");
  r = good;
  r.record = "";
  EXPECT_EQ(field(r), "record");
  r = good;
  r.decision = "maybe";
  EXPECT_EQ(field(r), "decision");
  r = good;
  r.note = std::string(kMaxDecisionNote + 1, 'x');
  EXPECT_EQ(field(r), "note");
}

TEST_F(MonitoringTest, ADecisionShowsOnTheNextScreeningOfTheSameSubjectAndGoesStale) {
  auto engine = Open();
  ASSERT_TRUE(engine);
  ScreenResponse first = Screen(*engine, "Karim Yusufzai");
  const ScreenHit* karim = HitWithReference(first, "TAi.901");
  ASSERT_NE(karim, nullptr);
  EXPECT_TRUE(karim->decisions.empty());
  EXPECT_FALSE(ToJson(*karim).contains("decisions"));  // no decision: no key

  DecisionRequest request{
      {"Karim Yusufzai", "", ""}, karim->entity, "false_positive", "our Karim was born in 1990"};
  auto made = engine->Decide(request, "desk-1");
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(made->id, 1);
  EXPECT_EQ(made->dataset, "un-consolidated");
  EXPECT_EQ(made->list_version.substr(0, 11), "2025-01-02+");  // date + content hash
  EXPECT_EQ(made->record_digest.size(), 64u);
  EXPECT_GT(made->audit_seq, 0);

  // Unknown records are NotFound, naming the field.
  request.record = "un-tai-999";
  auto unknown = engine->Decide(request, "desk-1");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(std::string(unknown.status().message()).rfind("record: ", 0), 0u);

  // The same subject written otherwise finds it, in this engine and in another.
  auto another = Open();
  for (auto* e : {engine.get(), another.get()}) {
    ScreenResponse again = Screen(*e, "  karim   YUSUFZAI");
    const ScreenHit* hit = HitWithReference(again, "TAi.901");
    ASSERT_NE(hit, nullptr);
    ASSERT_EQ(hit->decisions.size(), 1u);
    EXPECT_EQ(hit->decisions[0].decision, "false_positive");
    EXPECT_EQ(hit->decisions[0].actor, "desk-1");
    EXPECT_EQ(hit->decisions[0].note, "our Karim was born in 1990");
    EXPECT_FALSE(hit->decisions[0].stale);
    Json j = ToJson(*hit)["decisions"][0];
    EXPECT_EQ(j["decision"], "false_positive");
    EXPECT_EQ(j["list_version"], made->list_version);
    EXPECT_EQ(j["stale"], false);
  }
  // Another subject (a birth date given) does not.
  ScreenResponse other = Screen(*engine, "Karim Yusufzai", "1970");
  ASSERT_NE(HitWithReference(other, "TAi.901"), nullptr);
  EXPECT_TRUE(HitWithReference(other, "TAi.901")->decisions.empty());

  // The newer list gives the record an alias: the decision is stale there.
  auto loaded = Engine::LoadFiles(Db(), {FixturePath("lists") + "/un-good-v2.xml"}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  auto later = Open();
  ScreenResponse after = Screen(*later, "Karim Yusufzai");
  const ScreenHit* hit = HitWithReference(after, "TAi.901");
  ASSERT_NE(hit, nullptr);
  ASSERT_EQ(hit->decisions.size(), 1u);
  EXPECT_TRUE(hit->decisions[0].stale);
  EXPECT_EQ(hit->decisions[0].list_version, made->list_version);
  auto listed = later->Decisions({{"KARIM YUSUFZAI", "", ""}, ""});
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].stale);

  // The decision is an audit row, and the chain holds.
  auto verified = later->audit().Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
}

TEST_F(MonitoringTest, ALoadOfANewerListRaisesAlertsNamingTheChange) {
  auto engine = Open();
  ASSERT_TRUE(engine);
  std::vector<MonitorSubject> subjects = {
      {"supplier 1", "Karim Yusufzai", "", "", "person"},
      {"", "Northern Front", "", "", ""},
      {"", "Valley Brigade", "", "", ""},
  };
  auto added = engine->AddMonitors(subjects, "desk-1");
  ASSERT_TRUE(added.ok()) << added.status();
  ASSERT_EQ(added->size(), 3u);
  EXPECT_EQ((*added)[0].label, "supplier 1");
  EXPECT_EQ((*added)[1].label, "Northern Front");
  EXPECT_FALSE((*added)[0].hits.empty());
  EXPECT_TRUE((*added)[2].hits.empty());  // nothing listed by that name yet

  auto loaded = Engine::LoadFiles(Db(), {FixturePath("lists") + "/un-good-v2.xml"}, {});
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(loaded->front().monitoring);
  EXPECT_EQ(loaded->front().monitoring->monitors, 3);

  auto alerts = Open()->Alerts({});
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  std::vector<std::string> seen;
  for (const auto& a : *alerts) {
    seen.push_back(fmt::format("{} {} {}", a.label, a.kind, a.record));
    EXPECT_EQ(a.cause.substr(0, 27), "un-consolidated 2025-01-02+") << a.cause;
    EXPECT_NE(a.cause.find(" -> 2025-06-30+"), std::string::npos) << a.cause;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"supplier 1 changed un-tai-901",
                                            "Northern Front removed un-tae-901",
                                            "Valley Brigade new un-tae-902"}));
  // Reading from an id on.
  auto since = Open()->Alerts({0, (*alerts)[1].id, kMaxAlertsRead});
  ASSERT_TRUE(since.ok());
  ASSERT_EQ(since->size(), 1u);
  EXPECT_EQ((*since)[0].kind, "new");

  // A removed monitor is not screened again.
  ASSERT_TRUE(engine->RemoveMonitor((*added)[0].id, "desk-1").ok());
  EXPECT_EQ(engine->RemoveMonitor((*added)[0].id, "desk-1").code(), absl::StatusCode::kNotFound);
  auto monitors = engine->Monitors();
  ASSERT_TRUE(monitors.ok());
  EXPECT_EQ(monitors->size(), 2u);
}

TEST(MonitorSubjectsFromCsvTest, ReadsTheColumnsAndNamesTheLineOfABadValue) {
  auto read = MonitorSubjectsFromCsv("name,birth_date,label\nKarim Yusufzai,1970,s1\nAcme Ltd,,\n",
                                     "subjects.csv");
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0].birth_date, "1970");
  EXPECT_EQ((*read)[0].label, "s1");
  EXPECT_EQ((*read)[1].name, "Acme Ltd");
  auto bad =
      MonitorSubjectsFromCsv("name,birth_date\nKarim,1970\nOmar,last year\n", "subjects.csv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(FieldOf(bad.status()), "birth_date");
  EXPECT_EQ(std::string(bad.status().message()).rfind("subjects.csv:3: birth_date: ", 0), 0u)
      << bad.status();
  auto unknown = MonitorSubjectsFromCsv("name,colour\nKarim,red\n", "subjects.csv");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(std::string(unknown.status().message()).find("colour"), std::string::npos);
  EXPECT_FALSE(MonitorSubjectsFromCsv("label\nx\n", "subjects.csv").ok());
}

}  // namespace
}  // namespace vigil
