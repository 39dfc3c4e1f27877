// Engine::Conflicts: claims that disagree, side by side
// (engine/conflict_report.h).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "vigil/engine/engine.h"

namespace vigil {

std::string_view ConflictKindName(ConflictKind kind) {
  switch (kind) {
    case ConflictKind::kContested:
      return "contested";
    case ConflictKind::kAttribution:
      return "attribution";
    case ConflictKind::kEstimate:
      return "estimate";
    case ConflictKind::kAttribute:
      return "attribute";
    case ConflictKind::kSharedName:
      return "shared_name";
    case ConflictKind::kQuestion:
      return "question";
  }
  return "";
}

namespace {

// The fact a claim is on, by its type.
StatusOr<ConflictFact> FactOf(store::Store& store, int64_t fact_id, const std::string& type) {
  auto as_fact = [](auto read) -> StatusOr<ConflictFact> {
    if (!read.ok()) return read.status();
    if (!*read) return ConflictFact();
    return ConflictFact(std::move(**read));
  };
  if (type == "relation") return as_fact(store.Relation(fact_id));
  if (type == "event") return as_fact(store.Event(fact_id));
  if (type == "estimate") return as_fact(store.Estimate(fact_id));
  if (type == "designation") return as_fact(store.Designation(fact_id));
  if (type == "entity") return as_fact(store.EntityRef(fact_id));
  if (type == "participant") return as_fact(store.Participant(fact_id));
  if (type == "attribute") return as_fact(store.ClaimedAttribute(fact_id));
  return ConflictFact();
}

std::vector<store::ClaimRecord> WithStance(const std::vector<store::ClaimRecord>& claims,
                                           std::string_view stance) {
  std::vector<store::ClaimRecord> out;
  for (const auto& c : claims)
    if (c.stance == stance) out.push_back(c);
  return out;
}

Status Contested(store::Store& store, std::vector<Conflict>* conflicts) {
  auto facts = store.ContestedFacts();
  if (!facts.ok()) return facts.status();
  for (int64_t fact_id : *facts) {
    auto type = store.FactType(fact_id);
    if (!type.ok()) return type.status();
    std::string type_name = type->value_or("");
    auto fact = FactOf(store, fact_id, type_name);
    if (!fact.ok()) return fact.status();
    auto claims = store.ClaimsOf(fact_id);
    if (!claims.ok()) return claims.status();
    auto summary = store.FactSummary(fact_id);
    if (!summary.ok()) return summary.status();
    Conflict c;
    c.kind = ConflictKind::kContested;
    c.summary = fmt::format("{}: asserted by some, denied by others", *summary);
    c.fact_type = type_name;
    c.fact = std::move(*fact);
    c.sides.push_back({"asserts", {}, {}, {}, {}, {}, {}, WithStance(*claims, "asserts")});
    c.sides.push_back({"denies", {}, {}, {}, {}, {}, {}, WithStance(*claims, "denies")});
    conflicts->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// Who stands behind a claim: its party entity, else its party label, else
// its source.
std::string PartyOf(const store::ClaimRecord& claim) {
  if (claim.party) return claim.party->id;
  if (claim.party_label) return *claim.party_label;
  return "source:" + claim.source;
}

// Perpetrator links disagree when one entity claimed the event and another
// is named by someone else, or when different parties name different
// entities. Several perpetrators named together by the same party (two
// brothers, two groups acting jointly) are not a disagreement.
bool Disagree(const std::vector<ConflictSide>& sides) {
  std::vector<std::pair<std::string, std::set<std::string>>> named;  // entity, parties
  std::set<std::string> claimed;
  for (const auto& side : sides) {
    const std::string& entity = side.entity->id;
    if (side.role == "claimed") claimed.insert(entity);
    std::set<std::string> parties;
    for (const auto& c : side.claims)
      if (c.stance == "asserts") parties.insert(PartyOf(c));
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

Status Attribution(store::Store& store, std::vector<Conflict>* conflicts) {
  auto events = store.EventsWithRivalPerpetrators();
  if (!events.ok()) return events.status();
  for (int64_t event_id : *events) {
    auto event = store.Event(event_id);
    if (!event.ok()) return event.status();
    if (!*event) continue;
    std::vector<ConflictSide> sides;
    std::vector<std::string> names;
    for (const auto& p : (*event)->participants) {
      if (p.role == "target" || !p.entity || p.role == "facilitated") continue;
      std::string verb = p.role == "claimed"      ? "claimed by"
                         : p.role == "attributed" ? "attributed to"
                                                  : "suspected:";
      names.push_back(fmt::format("{} {}", verb, p.entity->name));
      sides.push_back({fmt::format("{} {}", verb, p.entity->name), p.entity, p.role, {}, {}, {},
                       {}, p.claims});
    }
    if (sides.size() < 2 || !Disagree(sides)) continue;
    Conflict c;
    c.kind = ConflictKind::kAttribution;
    c.summary = fmt::format("event {} ({}): ", (*event)->id, (*event)->title);
    for (size_t i = 0; i < names.size(); ++i) c.summary += (i ? "; " : "") + names[i];
    c.fact_type = "event";
    c.fact = std::move(**event);
    c.sides = std::move(sides);
    conflicts->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// The range a figure may stand for: exact values and "about" get +-10%.
std::pair<double, double> Range(const store::EstimateRecord& e) {
  double low, high;
  if (e.value) {
    low = high = *e.value;
  } else {
    low = e.low ? *e.low : e.high.value_or(0);
    high = e.high.value_or(1e300);
  }
  std::string qualifier = e.qualifier.value_or("");
  if (qualifier == "at_least" || qualifier == "more_than") high = 1e300;
  if (qualifier == "at_most") low = 0;
  if (qualifier == "about" || (e.value && qualifier.empty())) {
    low *= 0.9;
    high *= 1.1;
  }
  return {low, high};
}

Status Estimates(store::Store& store, std::vector<Conflict>* conflicts) {
  auto groups = store.RepeatedEstimates();
  if (!groups.ok()) return groups.status();
  for (const auto& group : *groups) {
    auto estimates = store.EstimatesOf(group.subject_row, group.quantity);
    if (!estimates.ok()) return estimates.status();
    bool disagree = false;
    for (size_t i = 0; i < estimates->size(); ++i)
      for (size_t j = i + 1; j < estimates->size(); ++j) {
        auto [a_low, a_high] = Range((*estimates)[i]);
        auto [b_low, b_high] = Range((*estimates)[j]);
        disagree |= a_high < b_low || b_high < a_low;
      }
    if (!disagree) continue;
    Conflict c;
    for (auto& e : *estimates) {
      std::string figure = e.value ? fmt::format("{}", *e.value)
                                   : fmt::format("{}-{}", e.low.value_or(0), e.high.value_or(0));
      std::string unit = e.unit.value_or(""), scope = e.scope.value_or("");
      std::string position = scope.empty() ? fmt::format("{} {}", figure, unit)
                                           : fmt::format("{} {} {}", figure, unit, scope);
      std::vector<store::ClaimRecord> claims = std::move(e.claims);
      e.claims.clear();
      c.sides.push_back({position, {}, {}, std::move(e), {}, {}, {}, std::move(claims)});
    }
    auto subject = store.EntityRef(group.subject_row);
    if (!subject.ok()) return subject.status();
    if (!*subject)
      return absl::InternalError(fmt::format("entity row {} is missing", group.subject_row));
    c.kind = ConflictKind::kEstimate;
    c.summary =
        fmt::format("{} of {}: figures that do not agree", group.quantity, (*subject)->name);
    c.fact_type = "estimate";
    c.fact = EstimatedQuantity{**subject, group.quantity};
    conflicts->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// An entity's own value of an attribute and the values sources claim
// (asserted ones: a value only denied is no position), one side per value.
Status AttributeDisagreements(store::Store& store, std::vector<Conflict>* conflicts) {
  auto groups = store.DisagreeingAttributes();
  if (!groups.ok()) return groups.status();
  for (const auto& group : *groups) {
    auto entity = store.Entity(group.entity_row);
    if (!entity.ok()) return entity.status();
    if (!*entity)
      return absl::InternalError(fmt::format("entity row {} is missing", group.entity_row));
    std::map<std::string, ConflictSide> by_value;
    auto side = [&](const std::string& value) -> ConflictSide& {
      ConflictSide& s = by_value[value];
      if (!s.value) {
        s.position = fmt::format("{}: {}", group.key, value);
        s.value = value;
      }
      return s;
    };
    if (auto own = (*entity)->attributes.find(group.key); own != (*entity)->attributes.end()) {
      auto claims = store.ClaimsOf(group.entity_row);
      if (!claims.ok()) return claims.status();
      ConflictSide& s = side(own->second);
      s.datasets.push_back((*entity)->dataset);
      s.claims = std::move(*claims);
    }
    auto claimed = store.ClaimedAttributesOf(group.entity_row);
    if (!claimed.ok()) return claimed.status();
    for (auto& a : *claimed) {
      if (a.key != group.key) continue;
      auto asserting = WithStance(a.claims, "asserts");
      if (asserting.empty()) continue;
      ConflictSide& s = side(a.value);
      if (std::find(s.datasets.begin(), s.datasets.end(), a.dataset) == s.datasets.end())
        s.datasets.push_back(a.dataset);
      for (auto& c : asserting) s.claims.push_back(std::move(c));
    }
    Conflict c;
    c.kind = ConflictKind::kAttribute;
    std::string values;
    for (auto& [value, s] : by_value) {
      values += fmt::format("{}{}", values.empty() ? "" : " or ", value);
      c.sides.push_back(std::move(s));
    }
    c.summary = fmt::format("{} of {}: {}", group.key, (*entity)->ref.name, values);
    c.fact_type = "attribute";
    c.fact = AttributeOfEntity{(*entity)->ref, group.key};
    conflicts->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// Only the curated knowledge base: official lists share common aliases
// among many records by design, and their records are linked to (not in
// conflict with) the curated entities they denote.
Status SharedNames(store::Store& store, std::vector<Conflict>* conflicts) {
  auto groups = store.SharedCuratedNames();
  if (!groups.ok()) return groups.status();
  for (const auto& owners : *groups) {
    std::map<int64_t, const store::NameOwnerRecord*> by_entity;  // each entity's first name
    for (const auto& owner : owners) by_entity.emplace(owner.entity_row, &owner);
    Conflict c;
    std::string shown;
    for (const auto& [entity_row, name] : by_entity) {
      if (shown.empty()) shown = name->text;
      auto ref = store.EntityRef(entity_row);
      if (!ref.ok()) return ref.status();
      if (!*ref) return absl::InternalError(fmt::format("entity row {} is missing", entity_row));
      auto claims = store.ClaimsOf(entity_row);
      if (!claims.ok()) return claims.status();
      c.sides.push_back({fmt::format("'{}' ({}) names {}", name->text, name->kind, (*ref)->name),
                         **ref,
                         {},
                         {},
                         name->kind,
                         {},
                         {},
                         std::move(*claims)});
    }
    c.kind = ConflictKind::kSharedName;
    c.summary = fmt::format("'{}' is used for {} different entities", shown, by_entity.size());
    c.fact_type = "name";
    c.fact = SharedNameFact{shown};
    conflicts->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// Questions whose claims take two positions or more: an answer asserted,
// or denied ("not" and the answer); each position a side, in the order
// first given.
Status Questions(store::Store& store, std::vector<Conflict>* conflicts) {
  auto questions = store.Questions();
  if (!questions.ok()) return questions.status();
  for (auto& q : *questions) {
    std::vector<ConflictSide> sides;
    for (const auto& claim : q.claims) {
      std::string answer = claim.answer.value_or("");
      std::string position = claim.stance == "denies" ? "not " + answer : answer;
      auto side = std::find_if(sides.begin(), sides.end(),
                               [&](const ConflictSide& s) { return s.position == position; });
      if (side == sides.end()) {
        sides.emplace_back().position = position;
        side = sides.end() - 1;
      }
      side->claims.push_back(claim);
    }
    if (sides.size() < 2) continue;
    Conflict c;
    c.kind = ConflictKind::kQuestion;
    c.summary = fmt::format("question {}: {} answers ({})", q.id, sides.size(), q.text);
    c.fact_type = "question";
    q.claims.clear();  // they are the sides'
    c.fact = std::move(q);
    c.sides = std::move(sides);
    conflicts->push_back(std::move(c));
  }
  return absl::OkStatus();
}

}  // namespace

StatusOr<ConflictReport> Engine::Conflicts() {
  ConflictReport report;
  for (auto find :
       {Contested, Attribution, Estimates, AttributeDisagreements, SharedNames, Questions})
    if (auto s = find(*store_, &report.conflicts); !s.ok()) return s;
  return report;
}

}  // namespace vigil
