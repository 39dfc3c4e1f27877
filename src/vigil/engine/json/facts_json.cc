// JSON of entity references, names, claims and facts.
#include "vigil/engine/json/facts_json.h"

namespace vigil {
namespace {

template <typename T>
Json Opt(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json Quantity(const std::optional<store::QuantityRecord>& q) {
  if (!q) return nullptr;
  return Json{{"best", Opt(q->best)}, {"low", Opt(q->low)}, {"high", Opt(q->high)}};
}

}  // namespace

Json ToJson(const store::EntityRefRecord& ref) {
  return Json{{"id", ref.id}, {"name", ref.name}, {"kind", ref.kind}};
}

Json ToJson(const std::optional<store::EntityRefRecord>& ref) {
  return ref ? ToJson(*ref) : Json(nullptr);
}

Json ToJson(const store::NameRecord& name) {
  return Json{{"text", name.text}, {"kind", name.kind}, {"script", Opt(name.script)},
              {"lang", Opt(name.lang)}};
}

Json ToJson(const store::ClaimRecord& c) {
  Json j;
  j["claim_id"] = c.claim_id;
  j["source"] = c.source;
  j["source_title"] = c.source_title;
  j["publisher"] = Opt(c.publisher);
  j["author"] = Opt(c.author);
  j["source_date"] = Opt(c.source_date);
  j["span"] = c.span_start && c.span_end ? Json::array({*c.span_start, *c.span_end}) : Json(nullptr);
  j["passage"] = Opt(c.passage);
  j["digest"] = Opt(c.digest);
  j["locator"] = Opt(c.locator);
  j["party"] = ToJson(c.party);
  j["party_label"] = Opt(c.party_label);
  j["stance"] = c.stance;
  j["confidence"] = c.confidence;
  j["note"] = Opt(c.note);
  return j;
}

Json ToJson(const store::RelationRecord& r) {
  return Json{{"fact_id", r.fact_id},           {"subject", ToJson(r.subject)},
              {"predicate", r.predicate},       {"object", ToJson(r.object)},
              {"role", Opt(r.role)},            {"from", Opt(r.from)},
              {"to", Opt(r.to)},                {"claims", ToJsonArray(r.claims)}};
}

Json ToJson(const store::EventRecord& e) {
  Json event{{"id", e.id},
             {"fact_id", e.fact_id},
             {"type", e.type},
             {"title", e.title},
             {"date", Opt(e.date)},
             {"from", Opt(e.from)},
             {"to", Opt(e.to)},
             {"place",
              {{"city", Opt(e.city)},
               {"province", Opt(e.province)},
               {"country", Opt(e.country)},
               {"entity", ToJson(e.place_entity)},
               {"detail", Opt(e.place_detail)}}},
             {"killed", Quantity(e.killed)},
             {"wounded", Quantity(e.wounded)}};
  Json perpetrators = Json::array(), targets = Json::array();
  for (const auto& p : e.participants) {
    Json j{{"entity", ToJson(p.entity)},
           {"label", Opt(p.label)},
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
              {"value", Opt(e.value)},
              {"low", Opt(e.low)},
              {"high", Opt(e.high)},
              {"of", Opt(e.of)},
              {"qualifier", Opt(e.qualifier)},
              {"unit", Opt(e.unit)},
              {"scope", Opt(e.scope)},
              {"scope_entity", ToJson(e.scope_entity)},
              {"as_of", Opt(e.as_of)},
              {"claims", ToJsonArray(e.claims)}};
}

Json ToJson(const store::DesignationRecord& d) {
  return Json{{"fact_id", d.fact_id},
              {"entity", ToJson(d.entity)},
              {"authority", ToJson(d.authority)},
              {"authority_code", d.authority_code},
              {"list", Opt(d.list)},
              {"program", d.program},
              {"reference", Opt(d.reference)},
              {"date", Opt(d.date)},
              {"claims", ToJsonArray(d.claims)}};
}

}  // namespace vigil
