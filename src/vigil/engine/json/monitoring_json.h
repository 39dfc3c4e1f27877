// The JSON shapes of decisions and monitoring (docs/api.md, "Decisions" and
// "Monitoring"): decisions as recorded and as shown on hits, monitors,
// alerts and re-screenings; the requests that create them, parsed with
// errors naming the JSON field; and what the audit log and the store keep
// of them.
//
//   auto request = DecisionRequestFromJson(body);  // {"subject", "record", "decision", "note"}
//   Json j = ToJson(*engine->Decide(*request, "desk-1"));
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/decisions.h"
#include "vigil/engine/monitoring.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// {"subject": "NAME" | {"name", "birth_date", "country"}, "record",
//  "decision", "note"}; an unknown field is an error naming it.
StatusOr<DecisionRequest> DecisionRequestFromJson(const Json& body);
// {"id", "at", "actor", "subject": {"name", "birth_date", "country"},
//  "record", "dataset", "list_version", "decision", "note", "record_digest",
//  "audit_seq", "stale"}
Json ToJson(const Decision& decision);
// On a hit: {"decision", "note", "actor", "at", "list_version", "stale"}.
Json HitDecisionJson(const Decision& decision);
// The audit row's detail: {"subject", "record", "dataset", "list_version",
// "record_digest", "decision", "note"}.
Json DecisionAuditDetail(const Decision& decision);

// One subject {"label", "name", "birth_date", "country", "kind"}, or
// {"subjects": [subject, ...]}; errors name the field
// ("subjects[2].name: ...").
StatusOr<std::vector<MonitorSubject>> MonitorSubjectsFromJson(const Json& body);
// What the store keeps of a subject: {"name", "birth_date", "country",
// "kind"}; and back (label from the monitor's row).
std::string MonitorQueryText(const MonitorSubject& subject);
MonitorSubject MonitorSubjectFromQuery(const std::string& query, const std::string& label);
// {"id", "label", "query": {"name", "birth_date", "country", "kind"},
//  "created_by", "created_at", "hits": [{"record", "dataset", "score",
//  "record_digest"}]}
Json ToJson(const Monitor& monitor);
// The audit row's detail of monitors added: {"monitors": [{"id", "label",
//  "query", "hits"}]} (hits: how many).
Json MonitorAuditDetail(const std::vector<Monitor>& monitors);
// {"id", "monitor", "label", "at", "kind", "record", "dataset",
//  "old_score", "new_score", "cause", "detail": {...}}
Json ToJson(const Alert& alert);
// {"cause", "monitors", "new", "changed", "removed", "alerts": [ids]}
Json ToJson(const RescreenSummary& summary);
// An alert's detail as stored: {"subject", "name" (the record's, when
// listed), "listed" (false once the record left the list), "digest_changed"}.
std::string AlertDetailText(const std::string& subject, const std::string& record_name, bool listed,
                            bool digest_changed);

// Query-string parameters (the HTTP API): subject, birth_date, country,
// record for decisions; monitor, since, limit for alerts. Unknown
// parameters are field errors naming them.
StatusOr<DecisionQuery> DecisionQueryFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query);
StatusOr<AlertQuery> AlertQueryFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query);
// A monitor's id as a path or argument gives it; a field error on "id".
StatusOr<int64_t> MonitorIdFromText(const std::string& text);

}  // namespace vigil
