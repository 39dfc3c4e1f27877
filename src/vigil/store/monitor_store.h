// The decisions and monitoring area of the store (store/store.h): what
// screeners decided about listed records for a subject (decision memory),
// the subjects under monitoring with the hits they had when last screened,
// and the alerts raised when a list update changed those hits. The engine
// decides what to write (engine/decisions.h, engine/monitoring.h); the store
// keeps each write in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/account_store.h"

namespace vigil::store {

// One decision (table decisions). subject_key is the subject as the engine
// normalises it; subject is the name as the screener gave it.
struct DecisionRecord {
  int64_t id = 0;
  std::string at, actor;
  std::string subject_key, subject;
  std::string record_key, dataset, list_version;  // list_version "" when unknown
  std::string record_digest;
  std::string decision;   // match | false_positive | needs_review
  std::string note;       // "" when none
  int64_t audit_seq = 0;  // the audit row that records it
};

// A subject under monitoring (table monitors); query is its JSON.
struct MonitorRecord {
  int64_t id = 0;
  std::string label, query, created_by, created_at;
  std::optional<std::string> removed_at;
};

// A hit a monitored subject had when last screened.
struct MonitorHitRecord {
  std::string record_key, dataset;
  double score = 0;
  std::string record_digest;
};

struct MonitorState {
  MonitorRecord monitor;
  std::vector<MonitorHitRecord> hits;  // by record key
};

struct AlertRecord {
  int64_t id = 0, monitor_id = 0;
  std::string label;     // the monitor's (read only)
  std::string at, kind;  // kind: new | changed | removed
  std::string record_key, dataset;
  std::optional<double> old_score, new_score;
  std::string cause, detail;  // detail: JSON text
};

// What re-screening one monitored subject changed: its hits now, and the
// alerts to raise.
struct MonitorUpdate {
  int64_t monitor_id = 0;
  std::vector<MonitorHitRecord> hits;
  std::vector<AlertRecord> alerts;
};

class MonitorStore {
 public:
  virtual ~MonitorStore() = default;

  // Appends the audit row and inserts the decision, citing its seq, in one
  // transaction; returns the decision with id and audit_seq set.
  virtual StatusOr<DecisionRecord> InsertDecision(DecisionRecord decision,
                                                  const AuditEntry& audit) = 0;
  // Whether any decision is stored at all.
  virtual StatusOr<bool> HasDecisions() = 0;
  // Decisions with this subject key and record key ("" for any; an empty
  // subject key with a record key scans the table), oldest first.
  virtual StatusOr<std::vector<DecisionRecord>> FindDecisions(const std::string& subject_key,
                                                              const std::string& record_key) = 0;

  // Inserts monitors with their first hits in one transaction; their ids.
  virtual StatusOr<std::vector<int64_t>> InsertMonitors(
      const std::vector<MonitorState>& monitors) = 0;
  // The monitors not removed, by id, with their hits.
  virtual StatusOr<std::vector<MonitorState>> ReadMonitors() = 0;
  // Marks a monitor removed (its alerts stay); NotFound naming "id" when no
  // live monitor has it.
  virtual Status RemoveMonitor(int64_t id, const std::string& at) = 0;
  // Replaces each monitor's hits and appends its alerts, all in one
  // transaction; the ids of the alerts appended, in order.
  virtual StatusOr<std::vector<int64_t>> ApplyMonitorUpdates(
      const std::vector<MonitorUpdate>& updates) = 0;
  // Alerts with id > since_id, of one monitor (0: every monitor), by id, at
  // most limit.
  virtual StatusOr<std::vector<AlertRecord>> ReadAlerts(int64_t monitor_id, int64_t since_id,
                                                        int64_t limit) = 0;
};

}  // namespace vigil::store
