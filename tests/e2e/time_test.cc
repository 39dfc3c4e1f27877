// End to end on the bundled knowledge base: time that cannot lie (issue 14).
// No query as of a day or during a period shows a relation outside both of
// its ends' lifespans (every year from 1970 to 2026, through list, show and
// the graph view that exposure, paths, rank, communities, keyplayers and
// export share); --during covers a period where --as-of is one day; `vigil
// lint` finds no error in the bundled data; questions the sources answer
// differently are conflicts.
#include <fmt/format.h>

#include <map>
#include <set>

#include "fixture.h"
#include "vigil/engine/engine.h"

namespace vigil::e2e {
namespace {

class TimeTest : public SharedDatabaseTest<TimeTest> {
 public:
  static std::string Needs() { return SeedsDir(); }
  static std::vector<std::string> LoadPaths() {
    return {SourceDir() + "/data", "--texts", SeedsDir()};
  }

 protected:
  std::unique_ptr<Engine> OpenEngine() {
    auto engine = Engine::Open(db(), store::AccessMode::kReadOnly);
    EXPECT_TRUE(engine.ok()) << engine.status();
    return engine.ok() ? std::move(*engine) : nullptr;
  }
};

// Each entity's lifespan as days: start (earliest) and end (latest); "" when
// open. Read through the cards of every entity.
using TimeLifespans = std::map<std::string, std::pair<std::string, std::string>>;

TimeLifespans LifespansOf(Engine& engine) {
  TimeLifespans out;
  auto entities = engine.List({.what = ListTable::kEntities});
  EXPECT_TRUE(entities.ok()) << entities.status();
  if (!entities.ok()) return out;
  for (const auto& e : entities->entities) {
    auto card = engine.Show(e.ref.id);
    EXPECT_TRUE(card.ok()) << e.ref.id << ": " << card.status();
    if (!card.ok() || card->lifespan.empty()) continue;
    auto& span = out[e.ref.id];
    for (const auto& b : card->lifespan) (b.bound == "start" ? span.first : span.second) = b.day;
  }
  return out;
}

// Why a relation shown for days first..last lies outside an end's lifespan,
// or "" when it does not.
std::string OutsideLifespans(const TimeLifespans& lifespans, const store::RelationRecord& r,
                             const DayRange& days) {
  for (const auto* end : {&r.subject, &r.object}) {
    auto it = lifespans.find(end->id);
    if (it == lifespans.end()) continue;
    const auto& [start, finish] = it->second;
    if (!start.empty() && start > days.last)
      return fmt::format("{} {} {}: {} began {}", r.subject.id, r.predicate, r.object.id, end->id,
                         start);
    if (!finish.empty() && finish < days.first)
      return fmt::format("{} {} {}: {} ended {}", r.subject.id, r.predicate, r.object.id, end->id,
                         finish);
  }
  return "";
}

TEST_F(TimeTest, NoQueryShowsARelationOutsideItsEndsLifespans) {
  auto engine = OpenEngine();
  ASSERT_TRUE(engine);
  TimeLifespans lifespans = LifespansOf(*engine);
  // The lifespans the issue names, and more.
  for (const char* id : {"isis-k", "yunus-khalis", "osama-bin-laden", "abdul-rauf-zakir",
                         "ayman-al-zawahiri", "soviet-union", "afghan-republic-government"})
    EXPECT_TRUE(lifespans.count(id)) << id;
  ASSERT_GE(lifespans.size(), 10u);
  int64_t checked = 0;
  for (int year = 1970; year <= 2026; ++year) {
    for (bool during : {false, true}) {
      std::string period = std::to_string(year);
      DayRange days = during ? DayRange{period + "-01-01", period + "-12-31"}
                             : DayRange{period + "-12-31", period + "-12-31"};
      std::string as_of = during ? "" : period, in = during ? period : "";
      SCOPED_TRACE((during ? "during " : "as of ") + period);
      // list relations
      auto listed = engine->List({.what = ListTable::kRelations, .as_of = as_of, .during = in});
      ASSERT_TRUE(listed.ok()) << listed.status();
      for (const auto& r : listed->relations) {
        EXPECT_EQ(OutsideLifespans(lifespans, r, days), "");
        ++checked;
      }
      // show, for every entity with a lifespan
      for (const auto& [id, span] : lifespans) {
        auto card = engine->Show(id, {.as_of = as_of, .during = in});
        ASSERT_TRUE(card.ok()) << card.status();
        for (const auto* relations : {&card->outgoing, &card->incoming})
          for (const auto& r : *relations) {
            EXPECT_EQ(OutsideLifespans(lifespans, r, days), "") << "show " << id;
            ++checked;
          }
      }
      // the graph view (exposure, paths, rank, communities, keyplayers and
      // export build the same view from the same options)
      auto view = engine->Neighbourhood({.view = {.as_of = as_of, .during = in}, .claims = false});
      ASSERT_TRUE(view.ok()) << view.status();
      for (const auto& edge : view->edges) {
        EXPECT_EQ(OutsideLifespans(lifespans, *edge.relation, days), "") << "graph view";
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 10000);
}

TEST_F(TimeTest, TheRelationsTheAuditFoundOutOfTimeAreGone) {
  auto count = [&](std::vector<std::string> args, const std::string& entity) {
    args.insert(args.begin(), {"list", "relations"});
    int n = 0;
    for (const auto& r : Json(args))
      n += r["subject"]["id"] == entity || r["object"]["id"] == entity;
    return n;
  };
  EXPECT_EQ(count({"--as-of", "2012"}, "isis-k"), 0);  // founded January 2015
  EXPECT_EQ(count({"--as-of", "2008"}, "isis-k"), 0);  // hostile to the US, Russia, Iran...
  EXPECT_GE(count({"--as-of", "2016"}, "isis-k"), 10);
  EXPECT_EQ(count({"--as-of", "2020"}, "yunus-khalis"), 0);  // died July 2006
  EXPECT_EQ(count({"--as-of", "2012"}, "osama-bin-laden"), 0);  // died May 2011
  EXPECT_EQ(count({"--as-of", "2024"}, "abdul-rauf-zakir"), 0);  // "since deceased" in 2022
  EXPECT_GE(count({"--as-of", "2016"}, "abdul-rauf-zakir"), 1);
}

TEST_F(TimeTest, OutputSaysWhenABoundCameFromALifespan) {
  bool bounded = false;
  for (const auto& r : Json({"list", "relations", "--as-of", "2016", "--predicate", "hostile_to"})) {
    if (r["subject"]["id"] != "isis-k" || r["object"]["id"] != "iran") continue;
    EXPECT_TRUE(r["from"].is_null());  // undated in the data
    EXPECT_EQ(r["valid"]["from"]["by"], "lifespan");
    EXPECT_EQ(r["valid"]["from"]["entity"]["id"], "isis-k");
    EXPECT_EQ(r["valid"]["from"]["day"], "2015-01-01");
    bounded = true;
  }
  EXPECT_TRUE(bounded);
  auto text = Vigil({"show", "isis-k", "--as-of", "2016"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("from 2015-01 by the lifespan of isis-k"), std::string::npos);
  EXPECT_NE(text.out.find("Lifespan\n  began 2015-01"), std::string::npos);
  // A relation's own dates are its own.
  auto card = Json({"show", "sirajuddin-haqqani"});
  bool own = false;
  for (const auto& r : card["relations"]["outgoing"]) {
    if (r["predicate"] == "holds_position_in" && r["from"] == "2021-09-07") {
      EXPECT_EQ(r["valid"]["from"]["by"], "relation");
      own = true;
    }
  }
  EXPECT_TRUE(own);
}

TEST_F(TimeTest, DuringCoversThePeriodWhereAsOfIsItsLastDay) {
  auto summit = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"list", "relations", "--predicate", "negotiates_with"});
    for (const auto& r : Json(args))
      if (r["subject"]["id"] == "vladimir-putin" && r["object"]["id"] == "joe-biden") return true;
    return false;
  };
  EXPECT_FALSE(summit({"--as-of", "2021-06"}));  // the month's last day, documented
  EXPECT_TRUE(summit({"--during", "2021-06"}));
  EXPECT_TRUE(summit({"--during", "2021"}));
  EXPECT_TRUE(summit({"--during", "2020-01..2021-06-16"}));
  EXPECT_FALSE(summit({"--during", "2021-06-17.."}));
  auto both = Vigil({"list", "relations", "--as-of", "2021", "--during", "2021"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("--during: give as_of (a day) or during (a period), not both"),
            std::string::npos)
      << both.err;
  auto bad = Vigil({"rank", "--measure", "degree", "--during", "2016..2014"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--during: the period '2016..2014' ends before it begins"),
            std::string::npos)
      << bad.err;
  // every analysis command takes it
  for (std::vector<std::string> args :
       {std::vector<std::string>{"rank", "--measure", "degree", "--during", "2021"},
        {"communities", "--during", "2021"}, {"keyplayers", "--k", "2", "--during", "2021"},
        {"export", "--format", "graphml", "--during", "2021"},
        {"exposure", "Ministry of Interior", "--during", "2021..2023"},
        {"paths", "Ministry of Interior", "al Qaeda", "--during", "2021..2023"},
        {"show", "isis-k", "--during", "2015"}, {"events", "--during", "2021-06"},
        {"activity", "isis-k", "--during", "2021"}}) {
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
  }
  auto exposure = Json({"exposure", "Ministry of Interior", "--during", "2021..2023"});
  EXPECT_EQ(exposure["during"], "2021-01-01..2023-12-31");
  EXPECT_TRUE(exposure["as_of"].is_null());
}

TEST_F(TimeTest, LintFindsNoErrorInTheBundledData) {
  auto r = Vigil({"lint", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.out.substr(0, 3000);
  auto report = nlohmann::json::parse(r.out);
  EXPECT_EQ(report["errors"], 0);
  EXPECT_TRUE(report["ok"].get<bool>());
  for (const auto& f : report["findings"]) {
    EXPECT_EQ(f["severity"], "warning") << f.dump();
    EXPECT_FALSE(f["file"].is_null()) << f.dump();  // every finding names its file and line
    EXPECT_GT(f["line"].get<int>(), 0) << f.dump();
    EXPECT_FALSE(f["field"].get<std::string>().empty()) << f.dump();
  }
  EXPECT_EQ(report["rules"].size(), 8u);
}

TEST_F(TimeTest, QuestionsTheSourcesAnswerDifferentlyAreConflicts) {
  auto conflicts = Json({"conflicts"});
  EXPECT_GE(conflicts["by_kind"]["question"].get<int>(), 4);
  std::set<std::string> questions;
  for (const auto& c : conflicts["conflicts"]) {
    if (c["kind"] != "question") continue;
    questions.insert(c["fact"]["id"].get<std::string>());
    EXPECT_GE(c["sides"].size(), 2u);
    for (const auto& side : c["sides"])
      for (const auto& claim : side["claims"]) {
        EXPECT_EQ(claim["answer"].get<std::string>(), side["position"].get<std::string>());
        EXPECT_FALSE(claim["passage"].is_null());
      }
  }
  for (const char* id : {"taliban-eliminated-isis-k-threat", "russia-wants-us-forces-out-of-afghanistan",
                         "isis-k-complex-attacks-in-kabul-alone",
                         "militant-groups-ceased-under-taliban"})
    EXPECT_TRUE(questions.count(id)) << id;
}

}  // namespace
}  // namespace vigil::e2e
