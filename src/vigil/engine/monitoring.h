// Monitoring: subjects that vigil screens again after every list update,
// and the alerts it raises when their hits change.
//
//   MonitorSubject s;  s.label = "supplier 17";  s.name = "Karim Yousufzai";
//   auto added = engine->AddMonitors({s}, "desk-1");   // screened at once
//   ... vigil load un-2026.xml ...                        // Engine::ApplyAll
//   auto run = engine->RescreenMonitors("un-consolidated 2025-11-20 -> 2026-02-27");
//   auto alerts = engine->Alerts({.since = 0});           // new | changed | removed
//
// A monitored subject keeps the hits of its last screening (record key,
// dataset, score and the record's digest, engine/decisions.h). Screening it
// again against the lists as they are now gives an alert for every record
// that is a hit now and was not (new), was and is not (removed: it fell
// below the threshold or out of the top hits, or left the list), or is both
// with a score that moved by at least kAlertScoreStep or a record whose
// digest changed (changed). Each alert names its cause: the list change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"

namespace vigil {

// Monitored subjects are screened with screening's default threshold and at
// most this many hits each.
inline constexpr size_t kMonitorTop = 10;
// A score that moves less than this is not a change (a list update shifts
// the rarity of name parts, and with it scores, by tiny amounts).
inline constexpr double kAlertScoreStep = 0.005;
inline constexpr size_t kMaxMonitorLabel = 200;  // bytes
inline constexpr size_t kMaxMonitorsPerRequest = 10000;
inline constexpr int64_t kMaxAlertsRead = 10000;  // alerts returned at most per call

struct MonitorSubject {
  std::string label;                      // "" -> the name
  std::string name, birth_date, country;  // as for screening ("" when none)
  std::string kind;                       // person | organization | any; "" for any

  // InvalidArgument naming the field (label, name, birth_date, country, kind).
  Status Validate() const;
};

struct MonitorHit {
  std::string record, dataset;
  double score = 0;
  std::string record_digest;
};

struct Monitor {
  int64_t id = 0;
  std::string label, created_by, created_at;
  MonitorSubject subject;
  std::vector<MonitorHit> hits;  // of its last screening, by record key
};

struct Alert {
  int64_t id = 0, monitor = 0;
  std::string label;     // the monitor's
  std::string at, kind;  // new | changed | removed
  std::string record, dataset;
  std::optional<double> old_score, new_score;
  std::string cause;
  std::string detail;  // JSON text: {"subject", "name"?, "digest_changed"?, "listed"?}
};

struct AlertQuery {
  int64_t monitor = 0;  // 0: every monitor
  int64_t since = 0;    // alerts with a greater id
  int64_t limit = kMaxAlertsRead;
};

// What one re-screening did.
struct RescreenSummary {
  std::string cause;
  int64_t monitors = 0;                         // subjects screened
  int64_t added = 0, changed = 0, removed = 0;  // alerts by kind
  std::vector<int64_t> alerts;                  // their ids
};

// Subjects from a CSV text with a header naming the columns: name
// (required), birth_date, country, kind, label (others are refused). Errors
// "input:line: column: problem".
StatusOr<std::vector<MonitorSubject>> MonitorSubjectsFromCsv(const std::string& text,
                                                             const std::string& input);

// "un-consolidated 2025-11-20 -> 2026-02-27": a dataset's change, for an
// alert's cause ("(none)" for a dataset that is new).
std::string ListChangeCause(const std::string& dataset, const std::string& old_version,
                            const std::string& new_version);

}  // namespace vigil
