// The decisions and monitoring area of the SQLite store: a decision lands
// with its audit row, lookups by subject and record (kept statements reused
// with new values), monitors with their hits, updates and alerts.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/store/store.h"
#include "vigil/testing/store_fixture.h"

namespace vigil::store::sql {
namespace {

class MonitorStoreTest : public test_support::StoreFixture {
 protected:
  MonitorStoreTest() : StoreFixture("vigil-monitor-store") {}
  DecisionRecord Decision(const std::string& subject, const std::string& record) {
    DecisionRecord d;
    d.at = "2026-01-01T00:00:00.000Z";
    d.actor = "desk-1";
    d.subject_key = subject + "||";
    d.subject = subject;
    d.record_key = record;
    d.dataset = "un-consolidated";
    d.record_digest = std::string(64, 'a');
    d.decision = "match";
    return d;
  }
};

TEST_F(MonitorStoreTest, DecisionsLandWithTheirAuditRowAndAreFoundByEachFilter) {
  auto none = store_->HasDecisions();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
  ASSERT_TRUE(store_->AppendAudit({{"t", "desk-1", "screen", "{}"}}).ok());
  for (auto [subject, record] :
       {std::pair{"karim", "un-tai-901"}, {"karim", "un-tai-902"}, {"omar", "un-tai-901"}}) {
    auto made =
        store_->InsertDecision(Decision(subject, record), {"t", "desk-1", "decision", "{\"x\":1}"});
    ASSERT_TRUE(made.ok()) << made.status();
    EXPECT_GT(made->id, 0);
  }
  auto any = store_->HasDecisions();
  ASSERT_TRUE(any.ok());
  EXPECT_TRUE(*any);
  auto all = store_->FindDecisions("", "");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].audit_seq, 2);  // after the screening's row
  EXPECT_EQ((*all)[2].audit_seq, 4);
  EXPECT_EQ((*all)[0].list_version, "");  // NULL when unknown
  // The same (kept) statement, again and again with other values.
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(store_->FindDecisions("karim||", "")->size(), 2u);
    EXPECT_EQ(store_->FindDecisions("omar||", "")->size(), 1u);
    EXPECT_EQ(store_->FindDecisions("nobody||", "")->size(), 0u);
    EXPECT_EQ(store_->FindDecisions("", "un-tai-901")->size(), 2u);
    auto one = store_->FindDecisions("karim||", "un-tai-902");
    ASSERT_EQ(one->size(), 1u);
    EXPECT_EQ((*one)[0].record_key, "un-tai-902");
  }
  auto head = store_->AuditHead();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->substr(0, 2), "4:");
}

TEST_F(MonitorStoreTest, MonitorsKeepTheirHitsAndUpdatesAppendAlerts) {
  MonitorState a{{0, "a", "{\"name\":\"A\"}", "desk-1", "t0", std::nullopt},
                 {{"r2", "un", 0.9, "d2"}, {"r1", "un", 0.85, "d1"}}};
  MonitorState b{{0, "b", "{\"name\":\"B\"}", "desk-1", "t0", std::nullopt}, {}};
  auto ids = store_->InsertMonitors({a, b});
  ASSERT_TRUE(ids.ok()) << ids.status();
  ASSERT_EQ(*ids, (std::vector<int64_t>{1, 2}));
  auto read = store_->ReadMonitors();
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 2u);
  ASSERT_EQ((*read)[0].hits.size(), 2u);
  EXPECT_EQ((*read)[0].hits[0].record_key, "r1");  // by record key
  EXPECT_TRUE((*read)[1].hits.empty());

  AlertRecord removed{0, 0, "", "t1", "removed", "r1", "un", 0.85, std::nullopt, "c", "{}"};
  AlertRecord added{0, 0, "", "t1", "new", "r3", "un", std::nullopt, 0.95, "c", "{}"};
  auto alert_ids = store_->ApplyMonitorUpdates(
      {{1, {{"r2", "un", 0.9, "d2"}}, {removed}}, {2, {{"r3", "un", 0.95, "d3"}}, {added}}});
  ASSERT_TRUE(alert_ids.ok()) << alert_ids.status();
  EXPECT_EQ(*alert_ids, (std::vector<int64_t>{1, 2}));
  read = store_->ReadMonitors();
  EXPECT_EQ((*read)[0].hits.size(), 1u);
  EXPECT_EQ((*read)[1].hits[0].record_key, "r3");
  auto alerts = store_->ReadAlerts(0, 0, 100);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 2u);
  EXPECT_EQ((*alerts)[0].label, "a");
  EXPECT_FALSE((*alerts)[0].new_score.has_value());
  EXPECT_EQ((*alerts)[1].new_score, 0.95);
  EXPECT_EQ(store_->ReadAlerts(2, 0, 100)->size(), 1u);
  EXPECT_EQ(store_->ReadAlerts(0, 1, 100)->size(), 1u);
  EXPECT_EQ(store_->ReadAlerts(0, 0, 1)->size(), 1u);

  ASSERT_TRUE(store_->RemoveMonitor(1, "t2").ok());
  EXPECT_EQ(store_->RemoveMonitor(1, "t2").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->ReadMonitors()->size(), 1u);
  EXPECT_EQ(store_->ReadAlerts(0, 0, 100)->size(), 2u);  // alerts stay
}

}  // namespace
}  // namespace vigil::store::sql
