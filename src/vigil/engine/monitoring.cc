// Monitoring: adding subjects (screened at once), re-screening them after a
// list update and turning what changed into alerts.
#include "vigil/engine/monitoring.h"

#include <absl/strings/cord.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "vigil/base/clock.h"
#include "vigil/engine/decisions.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/json/monitoring_json.h"
#include "vigil/ingest/table/row_reader.h"
#include "vigil/match/screener.h"
#include "vigil/match/threads.h"

namespace vigil {
namespace {

// A field's problem in a row of an input: "input:line: field: problem",
// still naming the field for the HTTP API (422).
Status RowError(const std::string& input, int line, const Status& status) {
  std::string field = FieldOf(status);
  std::string message(status.message());
  if (!field.empty() && message.rfind(field + ": ", 0) == 0) message.erase(0, field.size() + 2);
  Status out = InputError({input, line}, field, message);
  if (!field.empty()) out.SetPayload(kFieldPayload, absl::Cord(field));
  return out;
}

// The watch list's records by key.
using RecordsByKey = std::unordered_map<std::string_view, const match::ListedRecord*>;
RecordsByKey IndexRecords(const match::WatchList& list) {
  RecordsByKey out;
  out.reserve(list.records().size());
  for (const auto& r : list.records()) out.emplace(r.key, &r);
  return out;
}

// A subject screened as monitoring screens it; hits by record key.
std::vector<MonitorHit> ScreenSubject(const ScreeningService& service,
                                      const MonitorSubject& subject) {
  match::ScreenQuery query;
  query.name = subject.name;
  query.birth_date = subject.birth_date;
  query.country = subject.country;
  query.kind = ParseKind(subject.kind).value_or(match::NameKind::kAny);
  query.threshold = kDefaultScreenThreshold;
  query.top = kMonitorTop;
  match::ScreenResult result = service.Screen(query);
  std::vector<MonitorHit> hits;
  for (const auto& h : result.hits) {
    const match::ListedRecord& record = service.list().records()[h.record];
    hits.push_back({record.key, record.dataset, h.score, RecordDigest(service.list(), record)});
  }
  std::sort(hits.begin(), hits.end(),
            [](const MonitorHit& a, const MonitorHit& b) { return a.record < b.record; });
  return hits;
}

store::MonitorHitRecord ToRecord(const MonitorHit& h) {
  return {h.record, h.dataset, h.score, h.record_digest};
}

Monitor MonitorOf(const store::MonitorState& state) {
  Monitor m;
  m.id = state.monitor.id;
  m.label = state.monitor.label;
  m.created_by = state.monitor.created_by;
  m.created_at = state.monitor.created_at;
  m.subject = MonitorSubjectFromQuery(state.monitor.query, state.monitor.label);
  for (const auto& h : state.hits)
    m.hits.push_back({h.record_key, h.dataset, h.score, h.record_digest});
  return m;
}

}  // namespace

Status MonitorSubject::Validate() const {
  if (label.size() > kMaxMonitorLabel)
    return FieldError("label", fmt::format("is {} bytes long, more than the {} a label may have",
                                           label.size(), kMaxMonitorLabel));
  if (auto s = FieldProblem("name", match::NameProblem(name)); !s.ok()) return s;
  if (auto s = FieldProblem("birth_date", match::BirthDateProblem(birth_date)); !s.ok()) return s;
  if (auto s = FieldProblem("country", match::CountryProblem(country)); !s.ok()) return s;
  return ParseKind(kind).status();
}

StatusOr<std::vector<MonitorSubject>> MonitorSubjectsFromCsv(const std::string& text,
                                                             const std::string& input) {
  auto rows = ParseRows(text, input, RowFormat::kCsv);
  if (!rows.ok()) return rows.status();
  if (!rows->problems.empty()) return absl::InvalidArgumentError(rows->problems.front());
  static constexpr const char* kColumns[] = {"name", "birth_date", "country", "kind", "label"};
  bool has_name = false;
  for (const auto& c : rows->columns) {
    if (std::find(std::begin(kColumns), std::end(kColumns), c) == std::end(kColumns))
      return InputError({input, 1}, c,
                        "unknown column (expected name, birth_date, country, kind, label)");
    has_name = has_name || c == "name";
  }
  if (!has_name) return InputError({input, 1}, "name", "the header has no name column");
  if (rows->rows.empty()) return InputError({input, 0}, "", "no subjects after the header");
  if (rows->rows.size() > kMaxMonitorsPerRequest)
    return InputError({input, 0}, "",
                      fmt::format("{} subjects, more than the {} one request may add",
                                  rows->rows.size(), kMaxMonitorsPerRequest));
  std::vector<MonitorSubject> out;
  for (const auto& row : rows->rows) {
    auto value = [&](const char* column) {
      auto it = row.values.find(column);
      return it == row.values.end() ? std::string() : it->second;
    };
    MonitorSubject s{value("label"), value("name"), value("birth_date"), value("country"),
                     value("kind")};
    if (auto v = s.Validate(); !v.ok()) return RowError(input, row.line, v);
    out.push_back(std::move(s));
  }
  return out;
}

std::string ListChangeCause(const std::string& dataset, const std::string& old_version,
                            const std::string& new_version) {
  return fmt::format("{} {} -> {}", dataset, old_version.empty() ? "(none)" : old_version,
                     new_version);
}

StatusOr<std::vector<Monitor>> Engine::AddMonitors(const std::vector<MonitorSubject>& subjects,
                                                   const std::string& actor) {
  if (subjects.empty()) return FieldError("subjects", "no subject given");
  if (subjects.size() > kMaxMonitorsPerRequest)
    return FieldError("subjects", fmt::format("{} subjects, more than the {} one request may add",
                                              subjects.size(), kMaxMonitorsPerRequest));
  for (const auto& s : subjects)
    if (auto v = s.Validate(); !v.ok()) return v;
  auto service = Screening();
  if (!service.ok()) return service.status();
  std::string at = UtcTimestamp();
  std::vector<store::MonitorState> states;
  std::vector<Monitor> out;
  for (const auto& s : subjects) {
    Monitor m;
    m.label = s.label.empty() ? s.name : s.label;
    m.subject = s;
    m.subject.label = m.label;
    m.created_by = actor;
    m.created_at = at;
    m.hits = ScreenSubject(**service, s);
    store::MonitorState state;
    state.monitor = {0, m.label, MonitorQueryText(s), actor, at, std::nullopt};
    for (const auto& h : m.hits) state.hits.push_back(ToRecord(h));
    states.push_back(std::move(state));
    out.push_back(std::move(m));
  }
  auto ids = store_->InsertMonitors(states);
  if (!ids.ok()) return ids.status();
  for (size_t i = 0; i < out.size(); ++i) out[i].id = (*ids)[i];
  audit().Record(actor, "monitor_add", MonitorAuditDetail(out));
  return out;
}

StatusOr<std::vector<Monitor>> Engine::Monitors() {
  auto states = store_->ReadMonitors();
  if (!states.ok()) return states.status();
  std::vector<Monitor> out;
  for (const auto& s : *states) out.push_back(MonitorOf(s));
  return out;
}

Status Engine::RemoveMonitor(int64_t id, const std::string& actor) {
  if (auto s = store_->RemoveMonitor(id, UtcTimestamp()); !s.ok()) return s;
  audit().Record(actor, "monitor_remove", Json{{"id", id}});
  return absl::OkStatus();
}

StatusOr<std::vector<Alert>> Engine::Alerts(const AlertQuery& query) {
  if (query.monitor < 0) return FieldError("monitor", "must be a monitor's id (1 or more)");
  if (query.since < 0) return FieldError("since", "must be an alert's id (0 or more)");
  if (query.limit < 1 || query.limit > kMaxAlertsRead)
    return FieldError("limit", fmt::format("must be between 1 and {}", kMaxAlertsRead));
  auto found = store_->ReadAlerts(query.monitor, query.since, query.limit);
  if (!found.ok()) return found.status();
  std::vector<Alert> out;
  for (auto& a : *found)
    out.push_back({a.id, a.monitor_id, std::move(a.label), std::move(a.at), std::move(a.kind),
                   std::move(a.record_key), std::move(a.dataset), a.old_score, a.new_score,
                   std::move(a.cause), std::move(a.detail)});
  return out;
}

StatusOr<RescreenSummary> Engine::RescreenMonitors(const std::string& cause) {
  RescreenSummary summary;
  summary.cause = cause;
  auto states = store_->ReadMonitors();
  if (!states.ok()) return states.status();
  if (states->empty()) return summary;
  // The lists as the store holds them now (this Engine's own watch list may
  // be older: a load does not rebuild it).
  auto built = ScreeningService::Build(*store_, match::WorkerThreads(0));
  if (!built.ok()) return built.status();
  const ScreeningService& service = **built;
  RecordsByKey records = IndexRecords(service.list());
  std::string at = UtcTimestamp();
  std::vector<store::MonitorUpdate> updates;
  std::vector<const char*> kinds;  // of the alerts, in order
  for (const auto& state : *states) {
    MonitorSubject subject = MonitorSubjectFromQuery(state.monitor.query, state.monitor.label);
    ++summary.monitors;
    if (!subject.Validate().ok()) continue;  // written by hand? leave it alone
    std::vector<MonitorHit> now = ScreenSubject(service, subject);
    std::map<std::string, const store::MonitorHitRecord*> before;
    for (const auto& h : state.hits) before[h.record_key] = &h;
    store::MonitorUpdate update;
    update.monitor_id = state.monitor.id;
    auto alert = [&](const char* kind, const std::string& record, const std::string& dataset,
                     std::optional<double> old_score, std::optional<double> new_score,
                     bool digest_changed) {
      auto listed = records.find(record);
      store::AlertRecord a;
      a.at = at;
      a.kind = kind;
      a.record_key = record;
      a.dataset = dataset;
      a.old_score = old_score;
      a.new_score = new_score;
      a.cause = cause;
      a.detail =
          AlertDetailText(subject.name, listed == records.end() ? "" : listed->second->display_name,
                          listed != records.end(), digest_changed);
      update.alerts.push_back(std::move(a));
      kinds.push_back(kind);
    };
    for (const auto& h : now) {
      auto old = before.find(h.record);
      if (old == before.end()) {
        alert("new", h.record, h.dataset, std::nullopt, h.score, false);
        update.hits.push_back(ToRecord(h));
        continue;
      }
      const store::MonitorHitRecord& was = *old->second;
      bool digest_changed = was.record_digest != h.record_digest;
      if (digest_changed || std::abs(was.score - h.score) >= kAlertScoreStep) {
        alert("changed", h.record, h.dataset, was.score, h.score, digest_changed);
        update.hits.push_back(ToRecord(h));
      } else {
        update.hits.push_back(was);  // small drifts add up until they count
      }
      before.erase(old);
    }
    for (const auto& [record, was] : before)
      alert("removed", record, was->dataset, was->score, std::nullopt, false);
    if (!update.alerts.empty()) updates.push_back(std::move(update));
  }
  auto ids = store_->ApplyMonitorUpdates(updates);
  if (!ids.ok()) return ids.status();
  summary.alerts = std::move(*ids);
  for (const char* kind : kinds) {
    std::string_view k(kind);
    if (k == "new")
      ++summary.added;
    else if (k == "changed")
      ++summary.changed;
    else
      ++summary.removed;
  }
  audit().Record("vigil", "rescreen", ToJson(summary));
  return summary;
}

void Engine::RescreenAfterLoad(std::vector<LoadReport>* reports) {
  std::vector<std::string> causes;
  LoadReport* first = nullptr;
  for (auto& r : *reports) {
    if (r.unchanged) continue;
    if (!first) first = &r;
    causes.push_back(
        ListChangeCause(r.dataset, r.changes ? r.changes->previous_version : "", r.version));
  }
  if (!first) return;
  auto monitored = store_->ReadMonitors();
  if (monitored.ok() && monitored->empty()) return;
  auto run = monitored.ok() ? RescreenMonitors(fmt::format("{}", fmt::join(causes, "; ")))
                            : StatusOr<RescreenSummary>(monitored.status());
  if (run.ok()) {
    first->monitoring = std::move(*run);
  } else {
    first->warnings.push_back(
        fmt::format("monitoring: re-screening failed: {}", std::string(run.status().message())));
    first->warning_counts["monitoring"] += 1;
  }
  (void)audit().Flush();
}

}  // namespace vigil
