// JSON of load reports, entity cards, lists, conflicts and verification.
#include "vigil/engine/json/knowledge_json.h"

#include <type_traits>

#include "vigil/engine/json/event_json.h"
#include "vigil/engine/json/internal/values.h"
#include "vigil/engine/json/monitoring_json.h"

namespace vigil {
namespace {

using json_internal::OrNull;

template <typename Map>
Json Object(const Map& map) {
  Json out = Json::object();
  for (const auto& [key, value] : map) out[key] = value;
  return out;
}

// A record's JSON without its claims (they are given beside it).
template <typename T>
Json WithoutClaims(const T& record) {
  Json j = ToJson(record);
  j.erase("claims");
  return j;
}

// A row of `list sources`.
Json SourceJson(const store::SourceRecord& s) {
  return Json{{"id", s.id},
              {"title", s.title},
              {"publisher", OrNull(s.publisher)},
              {"author", OrNull(s.author)},
              {"date", OrNull(s.date)},
              {"url", OrNull(s.url)},
              {"sha256", OrNull(s.sha256)},
              {"kind", s.kind},
              {"length", s.length ? Json(*s.length) : Json(nullptr)},
              {"file", OrNull(s.file)},
              {"dataset", s.dataset},
              {"claims", s.claims},
              {"text_stored", s.text_stored}};
}

// The fact a source's claim is on: what it is, the entities it names, and
// the record under its type's name.
Json CitedFactJson(const CitedFact& f) {
  Json j{{"fact_id", f.fact_id},
         {"type", f.type},
         {"summary", f.summary},
         {"entities", ToJsonArray(f.entities)}};
  if (f.entity) j["entity"] = ToJson(*f.entity);
  if (f.relation) j["relation"] = WithoutClaims(*f.relation);
  if (f.event) {
    Json event = WithoutClaims(*f.event);
    for (const char* side : {"perpetrators", "targets"})
      for (auto& p : event[side]) p.erase("claims");
    j["event"] = std::move(event);
  }
  if (f.participant)
    j["participant"] = {{"event", {{"id", f.participant->event_id},
                                   {"title", f.participant->event_title}}},
                        {"entity", ToJson(f.participant->entity)},
                        {"label", OrNull(f.participant->label)},
                        {"role", f.participant->role}};
  if (f.estimate) j["estimate"] = WithoutClaims(*f.estimate);
  if (f.designation) j["designation"] = WithoutClaims(*f.designation);
  if (f.attribute) j["attribute"] = WithoutClaims(*f.attribute);
  return j;
}

Json ChangesJson(const DatasetChanges& c) {
  auto entities = [](const std::vector<EntityChange>& list, bool names) {
    Json items = Json::array();
    for (const auto& e : list) {
      Json item{{"id", e.key}, {"reference", OrNull(e.reference)}, {"name", e.name}};
      if (names) {
        item["names_added"] = e.names_added;
        item["names_removed"] = e.names_removed;
      }
      items.push_back(std::move(item));
    }
    return items;
  };
  return Json{{"previous_version", OrNull(c.previous_version)},
              {"previous_publish_date", OrNull(c.previous_publish_date)},
              {"counts",
               {{"added", c.added},
                {"removed", c.removed},
                {"names_changed", c.names_changed},
                {"unchanged", c.unchanged}}},
              {"added", entities(c.added_entities, false)},
              {"removed", entities(c.removed_entities, false)},
              {"names_changed", entities(c.renamed_entities, true)}};
}

// Keys in alphabetical order, as they have always been written.
Json LinksJson(const LinkCounts& l) {
  return Json{{"ambiguous", l.ambiguous},
              {"manual", l.manual},
              {"name", l.by_name},
              {"name+dob", l.by_name_and_birth_date},
              {"reference", l.by_reference},
              {"refused", l.refused},
              {"total", l.total}};
}

Json FactJson(const Conflict& conflict) {
  return std::visit(
      [&conflict](const auto& fact) -> Json {
        using T = std::decay_t<decltype(fact)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else if constexpr (std::is_same_v<T, store::EntityRefRecord>) {
          return ToJson(fact);
        } else if constexpr (std::is_same_v<T, store::ParticipantFactRecord>) {
          return Json{{"event", {{"id", fact.event_id}, {"title", fact.event_title}}},
                      {"entity", ToJson(fact.entity)},
                      {"label", OrNull(fact.label)},
                      {"role", fact.role}};
        } else if constexpr (std::is_same_v<T, EstimatedQuantity>) {
          return Json{{"subject", ToJson(fact.subject)}, {"quantity", fact.quantity}};
        } else if constexpr (std::is_same_v<T, AttributeOfEntity>) {
          return Json{{"entity", ToJson(fact.entity)}, {"key", fact.key}};
        } else if constexpr (std::is_same_v<T, SharedNameFact>) {
          return Json{{"name", fact.name}};
        } else {
          Json j = WithoutClaims(fact);
          if constexpr (std::is_same_v<T, store::EventRecord>) {
            // An attribution shows the perpetrators' claims as its sides.
            if (conflict.kind == ConflictKind::kAttribution)
              for (const char* group : {"perpetrators", "targets"})
                for (auto& p : j[group]) p.erase("claims");
          }
          return j;
        }
      },
      conflict.fact);
}

Json SideJson(const ConflictSide& side) {
  Json j{{"position", side.position}};
  if (side.entity) j["entity"] = ToJson(*side.entity);
  if (side.role) j["role"] = *side.role;
  if (side.estimate) j["estimate"] = WithoutClaims(*side.estimate);
  if (side.name_kind) j["name_kind"] = *side.name_kind;
  if (side.value) {
    j["value"] = *side.value;
    j["datasets"] = side.datasets;
  }
  j["claims"] = ToJsonArray(side.claims);
  return j;
}

}  // namespace

Json ToJson(const LoadReport& report) {
  int64_t warning_total = 0;
  for (const auto& [kind, count] : report.warning_counts) warning_total += count;
  Json out{{"dataset", report.dataset},
              {"kind", OrNull(report.kind)},
              {"version", report.version},
              {"publish_date", OrNull(report.publish_date)},
              {"sha256", OrNull(report.sha256)},
              {"files", report.files},
              {"unchanged", report.unchanged},
              {"merged", report.merged},
              {"counts", Object(report.counts)},
              {"warnings",
               {{"count", warning_total},
                {"by_kind", Object(report.warning_counts)},
                {"messages", report.warnings}}},
              {"changes", report.changes ? ChangesJson(*report.changes) : Json(nullptr)},
              {"links", report.links ? LinksJson(*report.links) : Json(nullptr)}};
  // Only for event data (docs/cli.md, "Event data").
  if (report.actor_links)
    out["actor_links"] = Json{{"actors", report.actor_links->actors},
                              {"linked", report.actor_links->linked},
                              {"suggested", report.actor_links->suggested},
                              {"unlinked", report.actor_links->unlinked}};
  // Only when subjects are monitored (docs/api.md, "Monitoring").
  if (report.monitoring) out["monitoring"] = ToJson(*report.monitoring);
  return out;
}

Json ToJson(const std::vector<LoadReport>& reports) {
  if (reports.size() == 1) return ToJson(reports.front());
  return Json{{"datasets", ToJsonArray(reports)}};
}

Json ToJson(const EntityCard& card) {
  Json j = ToJson(card.entity);
  j["matched_name"] = card.matched_name;
  j["description"] = card.description;
  j["names"] = ToJsonArray(card.names);
  j["attributes"] = Object(card.attributes);
  j["claimed_attributes"] = ToJsonArray(card.claimed_attributes);
  j["dataset"] = card.dataset;
  j["reference"] = OrNull(card.reference);
  Json values = Json::array();
  for (const auto& v : card.values) values.push_back({{"key", v.key}, {"value", v.value}});
  j["values"] = std::move(values);
  Json identifiers = Json::array();
  for (const auto& i : card.identifiers)
    identifiers.push_back({{"type", i.type},
                           {"value", i.value},
                           {"country", OrNull(i.country)},
                           {"note", OrNull(i.note)}});
  j["identifiers"] = std::move(identifiers);
  j["claims"] = ToJsonArray(card.claims);
  j["lifespan"] = ToJsonArray(card.lifespan);
  j["designations"] = ToJsonArray(card.designations);
  j["designates"] = ToJsonArray(card.designates);
  j["relations"] = {{"as_of", OrNull(card.as_of)},
                    {"during", OrNull(card.during)},
                    {"outgoing", ToJsonArray(card.outgoing)},
                    {"incoming", ToJsonArray(card.incoming)}};
  Json events = Json::array();
  for (const auto& e : card.events) {
    Json event = ToJson(e.event);
    event["roles"] = e.roles;
    events.push_back(std::move(event));
  }
  j["events"] = std::move(events);
  j["estimates"] = ToJsonArray(card.estimates);
  Json shared = Json::array();
  for (const auto& s : card.shares_names_with)
    shared.push_back({{"name", s.name}, {"entity", ToJson(s.entity)}});
  j["shares_names_with"] = std::move(shared);
  Json linked = Json::array();
  for (const auto& l : card.linked)
    linked.push_back({{"entity", ToJson(l.link.other)},
                      {"dataset", l.link.dataset},
                      {"reference", OrNull(l.link.reference)},
                      {"role", l.link.other_is_curated_card ? "curated_card" : "list_record"},
                      {"method", l.link.method},
                      {"score", l.link.score},
                      {"reason", l.link.reason},
                      {"names", ToJsonArray(l.names)},
                      {"designations", ToJsonArray(l.designations)}});
  j["linked"] = std::move(linked);
  return j;
}

Json ToJson(const ListResult& result) {
  switch (result.what) {
    case ListTable::kEntities: {
      Json out = Json::array();
      for (const auto& e : result.entities) {
        Json j = ToJson(e.ref);
        j["designations"] = e.designations;
        j["relations"] = e.relations;
        out.push_back(std::move(j));
      }
      return out;
    }
    case ListTable::kRelations:
      return ToJsonArray(result.relations);
    case ListTable::kEvents:
      return ToJsonArray(result.events);
    case ListTable::kEstimates:
      return ToJsonArray(result.estimates);
    case ListTable::kSources: {
      Json out = Json::array();
      for (const auto& s : result.sources) out.push_back(SourceJson(s));
      return out;
    }
  }
  return Json::array();
}

Json ToJson(const SourceDocument& doc) {
  Json claims = Json::array();
  for (const auto& c : doc.claims) {
    Json j = ToJson(c.claim);
    j["fact"] = CitedFactJson(c.fact);
    claims.push_back(std::move(j));
  }
  return Json{{"source", SourceJson(doc.source)},
              {"text", OrNull(doc.text)},
              {"offset", doc.offset},
              {"limit", doc.limit},
              {"claims", std::move(claims)}};
}

Json ToJson(const ConflictReport& report) {
  Json by_kind = Json::object();
  for (ConflictKind kind : kConflictKinds) by_kind[std::string(ConflictKindName(kind))] = 0;
  Json conflicts = Json::array();
  for (const auto& c : report.conflicts) {
    std::string kind(ConflictKindName(c.kind));
    by_kind[kind] = by_kind[kind].get<int>() + 1;
    Json sides = Json::array();
    for (const auto& side : c.sides) sides.push_back(SideJson(side));
    conflicts.push_back({{"kind", kind},
                         {"summary", c.summary},
                         {"fact_type", c.fact_type},
                         {"fact", FactJson(c)},
                         {"sides", std::move(sides)}});
  }
  return Json{{"count", report.conflicts.size()},
              {"by_kind", std::move(by_kind)},
              {"conflicts", std::move(conflicts)}};
}

Json ToJson(const LintReport& report) {
  Json findings = Json::array();
  for (const auto& f : report.findings)
    findings.push_back({{"file", f.file.empty() ? Json(nullptr) : Json(f.file)},
                        {"line", f.line > 0 ? Json(f.line) : Json(nullptr)},
                        {"field", f.field},
                        {"severity", LintSeverityName(f.severity)},
                        {"rule", f.rule},
                        {"fact", f.fact},
                        {"message", f.message}});
  Json rules = Json::array();
  for (const auto& r : LintRules())
    rules.push_back(
        {{"name", r.name}, {"severity", LintSeverityName(r.severity)}, {"summary", r.summary}});
  return Json{{"ok", report.ok()},
              {"errors", report.errors},
              {"warnings", report.warnings},
              {"findings", std::move(findings)},
              {"rules", std::move(rules)}};
}

Json ToJson(const VerifyReport& report) {
  Json sources = Json::array();
  for (const auto& s : report.sources)
    sources.push_back({{"id", s.id}, {"sha256", s.sha256}, {"file", OrNull(s.file)}});
  Json claims = Json::array();
  for (const auto& c : report.claims) {
    Json j{{"claim_id", c.claim_id}, {"fact", c.fact}, {"source", c.source}};
    if (c.span) j["span"] = Json::array({c.span->first, c.span->second});
    j["passage"] = OrNull(c.passage);
    j["status"] = c.problem.empty() ? "ok" : "bad";
    if (!c.problem.empty()) j["problem"] = c.problem;
    claims.push_back(std::move(j));
  }
  return Json{{"ok", report.ok()},
              {"texts", report.texts},
              {"checked", report.checked},
              {"bad", report.bad},
              {"skipped_without_text", report.skipped_without_text},
              {"sources", std::move(sources)},
              {"claims", std::move(claims)}};
}

Json ToJson(const std::variant<EntityCard, EventCard>& card) {
  return std::visit([](const auto& c) { return ToJson(c); }, card);
}

}  // namespace vigil
