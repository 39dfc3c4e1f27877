// SqlStore, decisions and monitoring area: decisions (with their audit
// row), monitors, their hits and alerts.
#include <fmt/format.h>

#include "vigil/store/sql/internal/audit_chain.h"
#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {
namespace {

constexpr char kDecisionColumns[] =
    "id, at, actor, subject_key, subject, record_key, dataset, list_version, record_digest, "
    "decision, note, audit_seq";

DecisionRecord DecisionFrom(const Statement& st) {
  DecisionRecord d;
  d.id = st.Int(0);
  d.at = st.Text(1);
  d.actor = st.Text(2);
  d.subject_key = st.Text(3);
  d.subject = st.Text(4);
  d.record_key = st.Text(5);
  d.dataset = st.Text(6);
  d.list_version = st.IsNull(7) ? "" : st.Text(7);
  d.record_digest = st.Text(8);
  d.decision = st.Text(9);
  d.note = st.IsNull(10) ? "" : st.Text(10);
  d.audit_seq = st.Int(11);
  return d;
}

Status InsertHits(Connection& db, int64_t monitor_id, const std::vector<MonitorHitRecord>& hits) {
  Statement insert(db,
                   "INSERT INTO monitor_hits(monitor_id, record_key, dataset, score, record_digest) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT(monitor_id, record_key) DO UPDATE SET "
                   "dataset = excluded.dataset, score = excluded.score, "
                   "record_digest = excluded.record_digest");
  for (const auto& h : hits) {
    insert.Bind(1, monitor_id).Bind(2, h.record_key).Bind(3, h.dataset).Bind(4, h.score);
    insert.Bind(5, h.record_digest);
    if (auto s = insert.Run(); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace

StatusOr<DecisionRecord> SqlStore::InsertDecision(DecisionRecord decision,
                                                     const AuditEntry& audit) {
  VIGIL_SQL_CONNECTION(db);
  Transaction tx(db);
  if (auto s = tx.Begin(); !s.ok()) return s;
  auto seqs = internal::AppendAuditRows(db, {audit});
  if (!seqs.ok()) return seqs.status();
  decision.audit_seq = seqs->front();
  Statement insert(db,
                   "INSERT INTO decisions(at, actor, subject_key, subject, record_key, dataset, "
                   "list_version, record_digest, decision, note, audit_seq) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.Bind(1, decision.at).Bind(2, decision.actor).Bind(3, decision.subject_key);
  insert.Bind(4, decision.subject).Bind(5, decision.record_key).Bind(6, decision.dataset);
  insert.BindOptional(7, decision.list_version).Bind(8, decision.record_digest);
  insert.Bind(9, decision.decision).BindOptional(10, decision.note).Bind(11, decision.audit_seq);
  auto id = insert.Insert();
  if (!id.ok()) return id.status();
  decision.id = *id;
  if (auto s = tx.Commit(); !s.ok()) return s;
  return decision;
}

StatusOr<bool> SqlStore::HasDecisions() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "SELECT EXISTS (SELECT 1 FROM decisions)");
  bool any = st.Step() && st.Int(0) != 0;
  if (!st.status().ok()) return st.status();
  return any;
}

StatusOr<std::vector<DecisionRecord>> SqlStore::FindDecisions(const std::string& subject_key,
                                                                 const std::string& record_key) {
  VIGIL_SQL_CONNECTION(db);
  // One statement per filter, so that a subject's lookup uses the index
  // decisions_subject (an OR of filters would scan the table).
  // Screening looks its subject up each time: the statements are kept.
  static const std::string kQueries[] = {
      fmt::format("SELECT {} FROM decisions ORDER BY id", kDecisionColumns),
      fmt::format("SELECT {} FROM decisions WHERE record_key = ?2 ORDER BY id", kDecisionColumns),
      fmt::format("SELECT {} FROM decisions WHERE subject_key = ?1 ORDER BY id", kDecisionColumns),
      fmt::format("SELECT {} FROM decisions WHERE subject_key = ?1 AND record_key = ?2 ORDER BY id",
                  kDecisionColumns)};
  Statement st(db, kQueries[(subject_key.empty() ? 0 : 2) + (record_key.empty() ? 0 : 1)]);
  if (!subject_key.empty()) st.Bind(1, subject_key);
  if (!record_key.empty()) st.Bind(2, record_key);
  std::vector<DecisionRecord> out;
  while (st.Step()) out.push_back(DecisionFrom(st));
  if (!st.status().ok()) return st.status();
  return out;
}

StatusOr<std::vector<int64_t>> SqlStore::InsertMonitors(
    const std::vector<MonitorState>& monitors) {
  VIGIL_SQL_CONNECTION(db);
  Transaction tx(db);
  if (auto s = tx.Begin(); !s.ok()) return s;
  Statement insert(
      db, "INSERT INTO monitors(label, query, created_by, created_at) VALUES (?, ?, ?, ?) "
      "RETURNING id");
  std::vector<int64_t> ids;
  for (const auto& m : monitors) {
    insert.Bind(1, m.monitor.label).Bind(2, m.monitor.query).Bind(3, m.monitor.created_by);
    insert.Bind(4, m.monitor.created_at);
    auto id = insert.Insert();
    if (!id.ok()) return id.status();
    if (auto s = InsertHits(db, *id, m.hits); !s.ok()) return s;
    ids.push_back(*id);
  }
  if (auto s = tx.Commit(); !s.ok()) return s;
  return ids;
}

StatusOr<std::vector<MonitorState>> SqlStore::ReadMonitors() {
  VIGIL_SQL_CONNECTION(db);
  std::vector<MonitorState> out;
  {
    Statement st(db,
                 "SELECT id, label, query, created_by, created_at FROM monitors WHERE removed_at "
                 "IS NULL ORDER BY id");
    while (st.Step())
      out.push_back(
          {{st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), std::nullopt}, {}});
    if (!st.status().ok()) return st.status();
  }
  Statement hits(db,
                 "SELECT h.monitor_id, h.record_key, h.dataset, h.score, h.record_digest FROM "
                 "monitor_hits h JOIN monitors m ON m.id = h.monitor_id WHERE m.removed_at IS NULL "
                 "ORDER BY h.monitor_id, h.record_key");
  size_t at = 0;
  while (hits.Step()) {
    int64_t id = hits.Int(0);
    while (at < out.size() && out[at].monitor.id < id) ++at;
    if (at == out.size() || out[at].monitor.id != id) continue;
    out[at].hits.push_back({hits.Text(1), hits.Text(2), hits.Real(3), hits.Text(4)});
  }
  if (!hits.status().ok()) return hits.status();
  return out;
}

Status SqlStore::RemoveMonitor(int64_t id, const std::string& at) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "UPDATE monitors SET removed_at = ? WHERE id = ? AND removed_at IS NULL");
  st.Bind(1, at).Bind(2, id);
  if (auto s = st.Run(); !s.ok()) return s;
  if (st.Changes() == 0)
    return absl::NotFoundError(fmt::format("id: no monitor {}", id));
  return absl::OkStatus();
}

StatusOr<std::vector<int64_t>> SqlStore::ApplyMonitorUpdates(
    const std::vector<MonitorUpdate>& updates) {
  VIGIL_SQL_CONNECTION(db);
  std::vector<int64_t> ids;
  if (updates.empty()) return ids;
  Transaction tx(db);
  if (auto s = tx.Begin(); !s.ok()) return s;
  Statement clear(db, "DELETE FROM monitor_hits WHERE monitor_id = ?");
  Statement alert(db,
                  "INSERT INTO alerts(monitor_id, at, kind, record_key, dataset, old_score, "
                  "new_score, cause, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  for (const auto& u : updates) {
    clear.Bind(1, u.monitor_id);
    if (auto s = clear.Run(); !s.ok()) return s;
    if (auto s = InsertHits(db, u.monitor_id, u.hits); !s.ok()) return s;
    for (const auto& a : u.alerts) {
      alert.Bind(1, u.monitor_id).Bind(2, a.at).Bind(3, a.kind).Bind(4, a.record_key);
      alert.Bind(5, a.dataset).BindOptional(6, a.old_score).BindOptional(7, a.new_score);
      alert.Bind(8, a.cause).Bind(9, a.detail);
      auto id = alert.Insert();
      if (!id.ok()) return id.status();
      ids.push_back(*id);
    }
  }
  if (auto s = tx.Commit(); !s.ok()) return s;
  return ids;
}

StatusOr<std::vector<AlertRecord>> SqlStore::ReadAlerts(int64_t monitor_id, int64_t since_id,
                                                           int64_t limit) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT a.id, a.monitor_id, m.label, a.at, a.kind, a.record_key, a.dataset, "
               "a.old_score, a.new_score, a.cause, a.detail FROM alerts a JOIN monitors m ON m.id "
               "= a.monitor_id WHERE a.id > ?1 AND (?2 = 0 OR a.monitor_id = ?2) ORDER BY a.id "
               "LIMIT ?3");
  st.Bind(1, since_id).Bind(2, monitor_id).Bind(3, limit);
  std::vector<AlertRecord> out;
  while (st.Step()) {
    AlertRecord a;
    a.id = st.Int(0);
    a.monitor_id = st.Int(1);
    a.label = st.Text(2);
    a.at = st.Text(3);
    a.kind = st.Text(4);
    a.record_key = st.Text(5);
    a.dataset = st.Text(6);
    a.old_score = st.OptionalReal(7);
    a.new_score = st.OptionalReal(8);
    a.cause = st.Text(9);
    a.detail = st.Text(10);
    out.push_back(std::move(a));
  }
  if (!st.status().ok()) return st.status();
  return out;
}

}  // namespace vigil::store::sql
