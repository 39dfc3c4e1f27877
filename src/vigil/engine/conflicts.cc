// Conflicts: claims that disagree, side by side.
//
// Four kinds: "contested" (one fact asserted by some parties and denied by
// others), "attribution" (an event claimed by one perpetrator and attributed
// to another), "estimate" (figures for the same quantity of the same subject
// whose ranges do not overlap) and "shared_name" (one name used by sources
// for different entities).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "vigil/engine/engine.h"
#include "vigil/engine/facts.h"

namespace vigil {

using internal::ClaimsOf;
using internal::EntityRef;

namespace {

Json FactJson(Database& db, int64_t fact_id, std::string* type_out) {
  Statement type(db, "SELECT type FROM facts WHERE id = ?");
  type.Bind(1, fact_id);
  std::string type_name = type.Step() ? type.Text(0) : "";
  *type_out = type_name;
  if (type_name == "relation") return internal::RelationJson(db, fact_id);
  if (type_name == "event") return internal::EventJson(db, fact_id);
  if (type_name == "estimate") return internal::EstimateJson(db, fact_id);
  if (type_name == "designation") return internal::DesignationJson(db, fact_id);
  if (type_name == "entity") return EntityRef(db, fact_id);
  if (type_name == "participant") {
    Statement st(db, "SELECT event_id, entity_id, label, role FROM participants WHERE id = ?");
    st.Bind(1, fact_id);
    if (!st.Step()) return nullptr;
    Statement key(db, "SELECT key, title FROM events WHERE id = ?");
    key.Bind(1, st.Int(0));
    key.Step();
    return Json{{"event", {{"id", key.Text(0)}, {"title", key.Text(1)}}},
                {"entity", st.IsNull(1) ? Json(nullptr) : EntityRef(db, st.Int(1))},
                {"label", st.IsNull(2) ? Json(nullptr) : Json(st.Text(2))},
                {"role", st.Text(3)}};
  }
  return nullptr;
}

Json Split(const Json& claims, const std::string& stance) {
  Json out = Json::array();
  for (const auto& c : claims)
    if (c["stance"] == stance) out.push_back(c);
  return out;
}

void Contested(Database& db, Json* conflicts) {
  Statement st(db,
               "SELECT fact_id FROM claims GROUP BY fact_id HAVING SUM(stance = 'asserts') > 0 "
               "AND SUM(stance = 'denies') > 0 ORDER BY fact_id");
  while (st.Step()) {
    int64_t fact_id = st.Int(0);
    std::string type;
    Json fact = FactJson(db, fact_id, &type);
    Json claims = ClaimsOf(db, fact_id);
    fact.erase("claims");
    conflicts->push_back(
        {{"kind", "contested"},
         {"summary", fmt::format("{}: asserted by some, denied by others",
                                 internal::FactSummary(db, fact_id))},
         {"fact_type", type},
         {"fact", std::move(fact)},
         {"sides",
          Json::array({{{"position", "asserts"}, {"claims", Split(claims, "asserts")}},
                       {{"position", "denies"}, {"claims", Split(claims, "denies")}}})}});
  }
}

// Who stands behind a claim: its party entity, else its party label, else
// its source.
std::string PartyOf(const Json& claim) {
  if (!claim["party"].is_null()) return claim["party"]["id"].get<std::string>();
  if (!claim["party_label"].is_null()) return claim["party_label"].get<std::string>();
  return "source:" + claim["source"].get<std::string>();
}

// Perpetrator links disagree when one entity claimed the event and another
// is named by someone else, or when different parties name different
// entities. Several perpetrators named together by the same party (two
// brothers, two groups acting jointly) are not a disagreement.
bool Disagree(const Json& sides) {
  std::vector<std::pair<std::string, std::set<std::string>>> named;  // entity, parties
  std::set<std::string> claimed;
  for (const auto& side : sides) {
    std::string entity = side["entity"]["id"];
    if (side["role"] == "claimed") claimed.insert(entity);
    std::set<std::string> parties;
    for (const auto& c : side["claims"])
      if (c["stance"] == "asserts") parties.insert(PartyOf(c));
    named.emplace_back(entity, std::move(parties));
  }
  for (const auto& [entity, parties] : named)
    if (!claimed.empty() && !claimed.count(entity)) return true;
  for (size_t i = 0; i < named.size(); ++i)
    for (size_t j = i + 1; j < named.size(); ++j) {
      if (named[i].first == named[j].first) continue;
      bool shared = false;
      for (const auto& p : named[i].second) shared |= named[j].second.count(p) > 0;
      if (!shared) return true;
    }
  return false;
}

void Attribution(Database& db, Json* conflicts) {
  Statement events(db,
                   "SELECT event_id FROM participants WHERE role != 'target' AND entity_id IS NOT "
                   "NULL GROUP BY event_id HAVING COUNT(DISTINCT entity_id) >= 2 AND "
                   "(SUM(role = 'claimed') > 0 OR COUNT(DISTINCT CASE WHEN role = 'attributed' "
                   "THEN entity_id END) >= 2) ORDER BY event_id");
  while (events.Step()) {
    Json event = internal::EventJson(db, events.Int(0));
    Json sides = Json::array();
    std::vector<std::string> names;
    for (const auto& p : event["perpetrators"]) {
      if (p["entity"].is_null() || p["role"] == "facilitated") continue;
      std::string role = p["role"];
      std::string verb = role == "claimed"      ? "claimed by"
                         : role == "attributed" ? "attributed to"
                                                : "suspected:";
      std::string name = p["entity"]["name"];
      names.push_back(fmt::format("{} {}", verb, name));
      sides.push_back({{"position", fmt::format("{} {}", verb, name)},
                       {"entity", p["entity"]},
                       {"role", role},
                       {"claims", p["claims"]}});
    }
    if (sides.size() < 2 || !Disagree(sides)) continue;
    std::string summary = fmt::format("event {} ({}): ", event["id"].get<std::string>(),
                                      event["title"].get<std::string>());
    for (size_t i = 0; i < names.size(); ++i) summary += (i ? "; " : "") + names[i];
    Json fact = event;
    for (auto& p : fact["perpetrators"]) p.erase("claims");
    for (auto& p : fact["targets"]) p.erase("claims");
    fact.erase("claims");
    conflicts->push_back({{"kind", "attribution"},
                          {"summary", summary},
                          {"fact_type", "event"},
                          {"fact", std::move(fact)},
                          {"sides", std::move(sides)}});
  }
}

// The range a figure may stand for: exact values and "about" get +-10%.
std::pair<double, double> Range(const Json& e) {
  auto number = [](const Json& v, double fallback) { return v.is_null() ? fallback : v.get<double>(); };
  double low, high;
  if (!e["value"].is_null()) {
    low = high = e["value"].get<double>();
  } else {
    low = number(e["low"], number(e["high"], 0));
    high = number(e["high"], 1e300);
  }
  std::string qualifier = e["qualifier"].is_null() ? "" : e["qualifier"].get<std::string>();
  if (qualifier == "at_least" || qualifier == "more_than") high = 1e300;
  if (qualifier == "at_most") low = 0;
  if (qualifier == "about" || (!e["value"].is_null() && qualifier.empty())) {
    low *= 0.9;
    high *= 1.1;
  }
  return {low, high};
}

void Estimates(Database& db, Json* conflicts) {
  Statement groups(db,
                   "SELECT subject_id, quantity FROM estimates GROUP BY subject_id, quantity "
                   "HAVING COUNT(*) >= 2 ORDER BY subject_id, quantity");
  while (groups.Step()) {
    Statement members(db,
                      "SELECT id FROM estimates WHERE subject_id = ? AND quantity = ? ORDER BY "
                      "as_of_day, key");
    members.Bind(1, groups.Int(0)).Bind(2, groups.Text(1));
    std::vector<Json> estimates;
    while (members.Step()) estimates.push_back(internal::EstimateJson(db, members.Int(0)));
    bool disagree = false;
    for (size_t i = 0; i < estimates.size(); ++i)
      for (size_t j = i + 1; j < estimates.size(); ++j) {
        auto [a_low, a_high] = Range(estimates[i]);
        auto [b_low, b_high] = Range(estimates[j]);
        disagree |= a_high < b_low || b_high < a_low;
      }
    if (!disagree) continue;
    Json sides = Json::array();
    for (auto& e : estimates) {
      std::string figure = !e["value"].is_null()
                               ? fmt::format("{}", e["value"].get<double>())
                               : fmt::format("{}-{}", e["low"].is_null() ? 0 : e["low"].get<double>(),
                                             e["high"].is_null() ? 0 : e["high"].get<double>());
      Json claims = e["claims"];
      e.erase("claims");
      std::string unit = e["unit"].is_null() ? std::string() : e["unit"].get<std::string>();
      std::string scope = e["scope"].is_null() ? std::string() : e["scope"].get<std::string>();
      std::string position = scope.empty() ? fmt::format("{} {}", figure, unit)
                                           : fmt::format("{} {} {}", figure, unit, scope);
      sides.push_back({{"position", position},
                       {"estimate", e},
                       {"claims", std::move(claims)}});
    }
    Json subject = EntityRef(db, groups.Int(0));
    conflicts->push_back({{"kind", "estimate"},
                          {"summary", fmt::format("{} of {}: figures that do not agree",
                                                  groups.Text(1), subject["name"].get<std::string>())},
                          {"fact_type", "estimate"},
                          {"fact", {{"subject", subject}, {"quantity", groups.Text(1)}}},
                          {"sides", std::move(sides)}});
  }
}

void SharedNames(Database& db, Json* conflicts) {
  // Only the curated knowledge base: official lists share common aliases
  // among many records by design, and their records are linked to (not
  // in conflict with) the curated entities they denote.
  constexpr const char* kCuratedNames =
      "names n JOIN facts f ON f.id = n.entity_id JOIN datasets d ON d.id = f.dataset_id AND "
      "d.kind = 'curated'";
  Statement keys(db, fmt::format("SELECT n.name_key FROM {} GROUP BY n.name_key HAVING "
                                 "COUNT(DISTINCT n.entity_id) >= 2 ORDER BY n.name_key",
                                 kCuratedNames));
  while (keys.Step()) {
    Statement owners(db, fmt::format("SELECT n.entity_id, n.text, n.kind FROM {} WHERE "
                                     "n.name_key = ? ORDER BY n.entity_id, n.position",
                                     kCuratedNames));
    owners.Bind(1, keys.Text(0));
    std::map<int64_t, std::pair<std::string, std::string>> by_entity;
    while (owners.Step()) by_entity.emplace(owners.Int(0), std::make_pair(owners.Text(1), owners.Text(2)));
    Json sides = Json::array();
    std::string shown;
    for (auto& [entity_id, name] : by_entity) {
      if (shown.empty()) shown = name.first;
      Json ref = EntityRef(db, entity_id);
      sides.push_back({{"position", fmt::format("'{}' ({}) names {}", name.first, name.second,
                                                ref["name"].get<std::string>())},
                       {"entity", ref},
                       {"name_kind", name.second},
                       {"claims", ClaimsOf(db, entity_id)}});
    }
    conflicts->push_back({{"kind", "shared_name"},
                          {"summary", fmt::format("'{}' is used for {} different entities", shown,
                                                  by_entity.size())},
                          {"fact_type", "name"},
                          {"fact", {{"name", shown}}},
                          {"sides", std::move(sides)}});
  }
}

}  // namespace

StatusOr<Json> Engine::Conflicts() {
  Json conflicts = Json::array();
  Contested(*db_, &conflicts);
  Attribution(*db_, &conflicts);
  Estimates(*db_, &conflicts);
  SharedNames(*db_, &conflicts);
  Json by_kind = Json::object();
  for (const char* kind : {"contested", "attribution", "estimate", "shared_name"}) by_kind[kind] = 0;
  for (const auto& c : conflicts) by_kind[c["kind"].get<std::string>()] = by_kind[c["kind"].get<std::string>()].get<int>() + 1;
  return Json{{"count", conflicts.size()}, {"by_kind", by_kind}, {"conflicts", std::move(conflicts)}};
}

}  // namespace vigil
