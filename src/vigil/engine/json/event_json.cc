// JSON of event analytics results.
#include "vigil/engine/json/event_json.h"
#include "vigil/engine/json/internal/values.h"

namespace vigil {
namespace {

using json_internal::OrNull;

using Json = nlohmann::ordered_json;


Json PartyJson(const store::ClaimPartyRecord& c) {
  return Json{{"party", OrNull(c.party)},
              {"party_label", OrNull(c.party_label)},
              {"stance", c.stance},
              {"source", c.source},
              {"locator", OrNull(c.locator)}};
}

Json LinkJson(const store::ActorLinkRecord& l) {
  return Json{{"entity", OrNull(l.entity)}, {"status", l.status}, {"method", l.method},
              {"score", l.score},           {"reason", l.reason}};
}

Json DeathsJson(const Deaths& d) {
  return Json{{"best", d.best}, {"low", d.low}, {"high", d.high},
              {"events_with_figures", d.with_figures}};
}

Json EventJson(const store::EventFactRecord& e) {
  Json participants = Json::array();
  for (const auto& p : e.participants) {
    Json links = Json::array();
    for (const auto& l : p.links) links.push_back(LinkJson(l));
    participants.push_back(Json{{"role", p.role},
                                {"entity", OrNull(p.entity)},
                                {"label", OrNull(p.label)},
                                {"links", links}});
  }
  Json claims = Json::array();
  for (const auto& c : e.claims) claims.push_back(PartyJson(c));
  return Json{{"id", e.id},
              {"dataset", e.dataset},
              {"type", e.type},
              {"title", e.title},
              {"first_day", OrNull(e.first_day)},
              {"last_day", OrNull(e.last_day)},
              {"place",
               {{"province", OrNull(e.province)},
                {"admin1", OrNull(e.admin1)},
                {"admin2", OrNull(e.admin2)},
                {"city", OrNull(e.city)},
                {"country", OrNull(e.country)},
                {"latitude", OrNull(e.latitude)},
                {"longitude", OrNull(e.longitude)},
                {"province_note", OrNull(e.province_note)}}},
              {"killed",
               {{"best", OrNull(e.killed_best)},
                {"low", OrNull(e.killed_low)},
                {"high", OrNull(e.killed_high)}}},
              {"participants", participants},
              {"claims", claims}};
}

}  // namespace

Json ToJson(const EventsResult& r) {
  Json events = Json::array();
  for (const auto& e : r.events) events.push_back(EventJson(e));
  Json out{{"actor", r.actor ? Json{{"id", r.actor->id}, {"name", r.actor->name}} : Json(nullptr)},
           {"actor_entities", r.actor_entities},
           {"count", r.events.size()},
           {"suggested_only", r.suggested_only},
           {"events", events}};
  if (!r.links.empty() || !r.link_status.empty()) {
    Json links = Json::array();
    for (const auto& l : r.links) {
      Json j = LinkJson(l.link);
      j["event"] = l.event;
      j["dataset"] = l.dataset;
      j["label"] = l.label;
      j["role"] = l.role;
      links.push_back(j);
    }
    Json status = Json::object();
    for (const auto& [k, v] : r.link_status) status[k] = v;
    out["actor_link_status"] = status;
    out["links"] = links;
  }
  return out;
}

Json ToJson(const EventCard& card) { return EventJson(card.event); }

Json ToJson(const ActivityResult& r) {
  Json periods = Json::array();
  for (const auto& p : r.periods)
    periods.push_back(Json{{"period", p.period},
                           {"events", p.events},
                           {"deaths", DeathsJson(p.deaths)},
                           {"baseline", p.baseline},
                           {"z", p.z},
                           {"signal", OrNull(p.signal)}});
  Json places = Json::array();
  for (const auto& p : r.places)
    places.push_back(
        Json{{"place", p.place}, {"events", p.events}, {"deaths", DeathsJson(p.deaths)}});
  Json dyads = Json::array();
  for (const auto& d : r.dyads) {
    Json years = Json::object();
    for (const auto& [y, n] : d.by_year) years[y] = n;
    dyads.push_back(Json{{"side", d.side},
                         {"opponent", d.opponent},
                         {"events", d.events},
                         {"deaths", DeathsJson(d.deaths)},
                         {"by_year", years},
                         {"trend", d.trend},
                         {"slope", d.slope}});
  }
  Json attributions = Json::array();
  for (const auto& a : r.attributions) {
    Json by = Json::array();
    for (const auto& c : a.by) by.push_back(PartyJson(c));
    attributions.push_back(Json{{"event", a.event},
                                {"title", a.title},
                                {"date", OrNull(a.date)},
                                {"entity", a.entity},
                                {"role", a.role},
                                {"by", by}});
  }
  Json signals = Json::array();
  for (const auto& p : r.periods)
    if (!p.signal.empty()) signals.push_back(Json{{"period", p.period}, {"signal", p.signal}, {"z", p.z}});
  return Json{{"actor", {{"id", r.actor.id}, {"name", r.actor.name}}},
              {"entities", r.entities},
              {"by", r.by},
              {"events", r.events},
              {"suggested_only", r.suggested_only},
              {"deaths", DeathsJson(r.deaths)},
              {"periods", periods},
              {"signals", signals},
              {"places", places},
              {"dyads", dyads},
              {"claimed_vs_attributed", attributions},
              {"signal_method",
               {{"window", kSignalWindow},
                {"min_history", kSignalMinHistory},
                {"threshold", kSignalThreshold}}}};
}

}  // namespace vigil
