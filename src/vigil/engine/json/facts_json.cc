// JSON of entity references, names, claims and facts.
#include "vigil/engine/json/facts_json.h"
#include "vigil/engine/json/internal/values.h"

namespace vigil {
namespace {

using json_internal::OrNull;

Json QuantityJson(const std::optional<store::QuantityRecord>& q) {
  if (!q) return nullptr;
  return Json{{"best", OrNull(q->best)}, {"low", OrNull(q->low)}, {"high", OrNull(q->high)}};
}

}  // namespace

Json ToJson(const store::EntityRefRecord& ref) {
  return Json{{"id", ref.id}, {"name", ref.name}, {"kind", ref.kind}};
}

Json ToJson(const std::optional<store::EntityRefRecord>& ref) {
  return ref ? ToJson(*ref) : Json(nullptr);
}

Json ToJson(const store::NameRecord& name) {
  return Json{{"text", name.text}, {"kind", name.kind}, {"script", OrNull(name.script)},
              {"lang", OrNull(name.lang)}};
}

Json ToJson(const store::ClaimRecord& c) {
  Json j;
  j["claim_id"] = c.claim_id;
  j["source"] = c.source;
  j["source_title"] = c.source_title;
  j["publisher"] = OrNull(c.publisher);
  j["author"] = OrNull(c.author);
  j["source_date"] = OrNull(c.source_date);
  j["span"] = c.span_start && c.span_end ? Json::array({*c.span_start, *c.span_end}) : Json(nullptr);
  j["passage"] = OrNull(c.passage);
  j["digest"] = OrNull(c.digest);
  j["locator"] = OrNull(c.locator);
  j["party"] = ToJson(c.party);
  j["party_label"] = OrNull(c.party_label);
  j["stance"] = c.stance;
  j["confidence"] = c.confidence;
  j["note"] = OrNull(c.note);
  if (c.answer) j["answer"] = *c.answer;
  return j;
}

Json ToJson(const store::RelationRecord& r) {
  auto bound = [](const std::optional<store::ValidityBoundRecord>& b) -> Json {
    if (!b) return nullptr;
    Json j{{"day", b->day}, {"date", b->date}, {"by", b->lifespan_of ? "lifespan" : "relation"}};
    if (b->lifespan_of) j["entity"] = ToJson(*b->lifespan_of);
    return j;
  };
  return Json{{"fact_id", r.fact_id},
              {"subject", ToJson(r.subject)},
              {"predicate", r.predicate},
              {"object", ToJson(r.object)},
              {"role", OrNull(r.role)},
              {"from", OrNull(r.from)},
              {"to", OrNull(r.to)},
              {"valid", {{"from", bound(r.valid_from)}, {"to", bound(r.valid_to)}}},
              {"claims", ToJsonArray(r.claims)}};
}

Json ToJson(const store::QuestionRecord& q) {
  return Json{{"id", q.id},
              {"fact_id", q.fact_id},
              {"question", q.text},
              {"about", ToJsonArray(q.about)},
              {"note", OrNull(q.note)},
              {"claims", ToJsonArray(q.claims)}};
}

Json ToJson(const store::LifespanBoundRecord& b) {
  return Json{{"bound", b.bound},
              {"date", b.date},
              {"day", b.day},
              {"general_knowledge", OrNull(b.general_knowledge)},
              {"claims", ToJsonArray(b.claims)}};
}

Json ToJson(const store::EventRecord& e) {
  Json event{{"id", e.id},
             {"fact_id", e.fact_id},
             {"type", e.type},
             {"title", e.title},
             {"date", OrNull(e.date)},
             {"from", OrNull(e.from)},
             {"to", OrNull(e.to)},
             {"place",
              {{"city", OrNull(e.city)},
               {"province", OrNull(e.province)},
               {"country", OrNull(e.country)},
               {"entity", ToJson(e.place_entity)},
               {"detail", OrNull(e.place_detail)}}},
             {"killed", QuantityJson(e.killed)},
             {"wounded", QuantityJson(e.wounded)}};
  Json perpetrators = Json::array(), targets = Json::array();
  for (const auto& p : e.participants) {
    Json j{{"entity", ToJson(p.entity)},
           {"label", OrNull(p.label)},
           {"role", p.role},
           {"claims", ToJsonArray(p.claims)}};
    (p.role == "target" ? targets : perpetrators).push_back(std::move(j));
  }
  event["perpetrators"] = std::move(perpetrators);
  event["targets"] = std::move(targets);
  event["claims"] = ToJsonArray(e.claims);
  return event;
}

Json ToJson(const store::EstimateRecord& e) {
  return Json{{"id", e.id},
              {"fact_id", e.fact_id},
              {"subject", ToJson(e.subject)},
              {"quantity", e.quantity},
              {"value", OrNull(e.value)},
              {"low", OrNull(e.low)},
              {"high", OrNull(e.high)},
              {"of", OrNull(e.of)},
              {"qualifier", OrNull(e.qualifier)},
              {"unit", OrNull(e.unit)},
              {"scope", OrNull(e.scope)},
              {"scope_entity", ToJson(e.scope_entity)},
              {"as_of", OrNull(e.as_of)},
              {"claims", ToJsonArray(e.claims)}};
}

Json ToJson(const store::DesignationRecord& d) {
  return Json{{"fact_id", d.fact_id},
              {"entity", ToJson(d.entity)},
              {"authority", ToJson(d.authority)},
              {"authority_code", d.authority_code},
              {"list", OrNull(d.list)},
              {"program", d.program},
              {"reference", OrNull(d.reference)},
              {"date", OrNull(d.date)},
              {"claims", ToJsonArray(d.claims)}};
}

Json ToJson(const store::ClaimedAttributeRecord& a) {
  return Json{{"fact_id", a.fact_id},
              {"entity", ToJson(a.entity)},
              {"key", a.key},
              {"value", a.value},
              {"dataset", a.dataset},
              {"entity_value", OrNull(a.entity_value)},
              {"claims", ToJsonArray(a.claims)}};
}

}  // namespace vigil
