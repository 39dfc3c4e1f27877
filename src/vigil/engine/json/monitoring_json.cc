// Decisions and monitoring as JSON (monitoring_json.h).
#include "vigil/engine/json/monitoring_json.h"

#include <fmt/format.h>

#include <charconv>
#include <initializer_list>
#include <string_view>

#include "vigil/engine/json/internal/body.h"
#include "vigil/engine/json/internal/params.h"
#include "vigil/engine/json/internal/values.h"

namespace vigil {
namespace {

using json_internal::OrNull;

using json_internal::FieldPath;
using json_internal::OnlyKnownFields;
using json_internal::ReadText;

StatusOr<MonitorSubject> SubjectFromJson(const Json& body, std::string_view prefix) {
  if (auto s = OnlyKnownFields(body, prefix, {"label", "name", "birth_date", "country", "kind"});
      !s.ok())
    return s;
  MonitorSubject m;
  if (!body.contains("name")) return FieldError(FieldPath(prefix, "name"), "a name is required");
  for (auto s : {ReadText(body, prefix, "label", &m.label), ReadText(body, prefix, "name", &m.name),
                 ReadText(body, prefix, "birth_date", &m.birth_date),
                 ReadText(body, prefix, "country", &m.country), ReadText(body, prefix, "kind", &m.kind)})
    if (!s.ok()) return s;
  if (auto s = m.Validate(); !s.ok()) {
    if (prefix.empty()) return s;
    std::string field = FieldOf(s);
    std::string message(s.message());
    if (!field.empty() && message.rfind(field + ": ", 0) == 0) message.erase(0, field.size() + 2);
    return FieldError(FieldPath(prefix, field), message);
  }
  return m;
}

}  // namespace

StatusOr<DecisionRequest> DecisionRequestFromJson(const Json& body) {
  if (auto s = OnlyKnownFields(body, "", {"subject", "record", "decision", "note"}); !s.ok())
    return s;
  DecisionRequest r;
  auto subject = body.find("subject");
  if (subject == body.end() || subject->is_null())
    return FieldError("subject",
                      "a subject is required (the name screened, or {\"name\", "
                      "\"birth_date\", \"country\"})");
  if (subject->is_string()) {
    r.subject.name = subject->get<std::string>();
  } else if (subject->is_object()) {
    if (auto s = OnlyKnownFields(*subject, "subject", {"name", "birth_date", "country"}); !s.ok())
      return s;
    for (auto s : {ReadText(*subject, "subject", "name", &r.subject.name),
                   ReadText(*subject, "subject", "birth_date", &r.subject.birth_date),
                   ReadText(*subject, "subject", "country", &r.subject.country)})
      if (!s.ok()) return s;
  } else {
    return FieldError("subject",
                      "must be a name or an object {\"name\", \"birth_date\", \"country\"}");
  }
  if (!body.contains("record"))
    return FieldError("record", "a record is required (a hit's \"entity\")");
  if (!body.contains("decision"))
    return FieldError("decision", "a decision is required (match, false_positive or needs_review)");
  for (auto s : {ReadText(body, "", "record", &r.record), ReadText(body, "", "decision", &r.decision),
                 ReadText(body, "", "note", &r.note)})
    if (!s.ok()) return s;
  if (auto s = r.Validate(); !s.ok()) return s;
  return r;
}

Json ToJson(const Decision& d) {
  return {{"id", d.id},
          {"at", d.at},
          {"actor", d.actor},
          {"subject",
           {{"name", d.subject},
            {"birth_date", OrNull(d.birth_date)},
            {"country", OrNull(d.country)}}},
          {"record", d.record},
          {"dataset", d.dataset},
          {"list_version", OrNull(d.list_version)},
          {"decision", d.decision},
          {"note", OrNull(d.note)},
          {"record_digest", d.record_digest},
          {"audit_seq", d.audit_seq},
          {"stale", d.stale}};
}

Json HitDecisionJson(const Decision& d) {
  return {{"decision", d.decision},
          {"note", OrNull(d.note)},
          {"actor", d.actor},
          {"at", d.at},
          {"list_version", OrNull(d.list_version)},
          {"stale", d.stale}};
}

Json DecisionAuditDetail(const Decision& d) {
  Json subject{{"name", d.subject}};
  if (!d.birth_date.empty()) subject["birth_date"] = d.birth_date;
  if (!d.country.empty()) subject["country"] = d.country;
  return {{"subject", std::move(subject)},
          {"record", d.record},
          {"dataset", d.dataset},
          {"list_version", OrNull(d.list_version)},
          {"record_digest", d.record_digest},
          {"decision", d.decision},
          {"note", OrNull(d.note)}};
}

StatusOr<std::vector<MonitorSubject>> MonitorSubjectsFromJson(const Json& body) {
  if (!body.is_object()) return FieldError("body", "must be a JSON object");
  std::vector<MonitorSubject> out;
  if (!body.contains("subjects")) {
    auto one = SubjectFromJson(body, "");
    if (!one.ok()) return one.status();
    out.push_back(std::move(*one));
    return out;
  }
  if (auto s = OnlyKnownFields(body, "", {"subjects"}); !s.ok()) return s;
  const Json& subjects = body["subjects"];
  if (!subjects.is_array() || subjects.empty())
    return FieldError("subjects", "must be a non-empty array of subjects");
  if (subjects.size() > kMaxMonitorsPerRequest)
    return FieldError("subjects", fmt::format("{} subjects, more than the {} one request may add",
                                              subjects.size(), kMaxMonitorsPerRequest));
  for (size_t i = 0; i < subjects.size(); ++i) {
    auto one = SubjectFromJson(subjects[i], fmt::format("subjects[{}]", i));
    if (!one.ok()) return one.status();
    out.push_back(std::move(*one));
  }
  return out;
}

std::string MonitorQueryText(const MonitorSubject& s) {
  Json q{{"name", s.name},
         {"birth_date", OrNull(s.birth_date)},
         {"country", OrNull(s.country)},
         {"kind", OrNull(s.kind)}};
  return q.dump(-1, ' ', false, Json::error_handler_t::replace);
}

MonitorSubject MonitorSubjectFromQuery(const std::string& query, const std::string& label) {
  MonitorSubject s;
  s.label = label;
  Json q = Json::parse(query, nullptr, false);
  if (!q.is_object()) return s;
  auto text = [&](const char* key) {
    auto it = q.find(key);
    return it != q.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  s.name = text("name");
  s.birth_date = text("birth_date");
  s.country = text("country");
  s.kind = text("kind");
  return s;
}

Json ToJson(const Monitor& m) {
  Json hits = Json::array();
  for (const auto& h : m.hits)
    hits.push_back({{"record", h.record},
                    {"dataset", h.dataset},
                    {"score", h.score},
                    {"record_digest", h.record_digest}});
  return {{"id", m.id},
          {"label", m.label},
          {"query",
           {{"name", m.subject.name},
            {"birth_date", OrNull(m.subject.birth_date)},
            {"country", OrNull(m.subject.country)},
            {"kind", OrNull(m.subject.kind)}}},
          {"created_by", m.created_by},
          {"created_at", m.created_at},
          {"hits", std::move(hits)}};
}

Json MonitorAuditDetail(const std::vector<Monitor>& monitors) {
  Json all = Json::array();
  for (const auto& m : monitors) {
    Json one = ToJson(m);
    one.erase("created_by");
    one.erase("created_at");
    one["hits"] = m.hits.size();
    all.push_back(std::move(one));
  }
  return {{"monitors", std::move(all)}};
}

Json ToJson(const Alert& a) {
  Json detail = Json::parse(a.detail, nullptr, false);
  if (detail.is_discarded()) detail = a.detail;
  return {{"id", a.id},
          {"monitor", a.monitor},
          {"label", a.label},
          {"at", a.at},
          {"kind", a.kind},
          {"record", a.record},
          {"dataset", a.dataset},
          {"old_score", OrNull(a.old_score)},
          {"new_score", OrNull(a.new_score)},
          {"cause", a.cause},
          {"detail", std::move(detail)}};
}

Json ToJson(const RescreenSummary& s) {
  return {{"cause", s.cause},     {"monitors", s.monitors}, {"new", s.added},
          {"changed", s.changed}, {"removed", s.removed},   {"alerts", s.alerts}};
}

std::string AlertDetailText(const std::string& subject, const std::string& record_name, bool listed,
                            bool digest_changed) {
  Json d{{"subject", subject}};
  if (!record_name.empty()) d["name"] = record_name;
  d["listed"] = listed;
  d["digest_changed"] = digest_changed;
  return d.dump(-1, ' ', false, Json::error_handler_t::replace);
}

StatusOr<DecisionQuery> DecisionQueryFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query) {
  json_internal::Params params(query, {"subject", "birth_date", "country", "record"});
  if (!params.status().ok()) return params.status();
  DecisionQuery q;
  params.Text("subject", &q.subject.name);
  params.Text("birth_date", &q.subject.birth_date);
  params.Text("country", &q.subject.country);
  params.Text("record", &q.record);
  if (q.subject.name.empty() && (!q.subject.birth_date.empty() || !q.subject.country.empty()))
    return FieldError("subject", "birth_date and country go with a subject");
  return q;
}

StatusOr<AlertQuery> AlertQueryFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query) {
  json_internal::Params params(query, {"monitor", "since", "limit"});
  if (!params.status().ok()) return params.status();
  AlertQuery q;
  uint64_t monitor = 0, since = 0, limit = static_cast<uint64_t>(kMaxAlertsRead);
  for (auto s : {params.Unsigned("monitor", &monitor), params.Unsigned("since", &since),
                 params.Unsigned("limit", &limit)})
    if (!s.ok()) return s;
  if (monitor > static_cast<uint64_t>(INT64_MAX) || since > static_cast<uint64_t>(INT64_MAX))
    return FieldError(monitor > static_cast<uint64_t>(INT64_MAX) ? "monitor" : "since",
                      "is too large");
  if (limit < 1 || limit > static_cast<uint64_t>(kMaxAlertsRead))
    return FieldError("limit", fmt::format("must be between 1 and {}", kMaxAlertsRead));
  q.monitor = static_cast<int64_t>(monitor);
  q.since = static_cast<int64_t>(since);
  q.limit = static_cast<int64_t>(limit);
  return q;
}

StatusOr<int64_t> MonitorIdFromText(const std::string& text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1)
    return FieldError(
        "id", fmt::format("must be a monitor's id (a whole number from 1), got '{}'", text));
  return id;
}

}  // namespace vigil
