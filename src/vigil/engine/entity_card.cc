// Engine::Resolve and Engine::Show: a name or id to an entity, and the
// entity's card.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "vigil/engine/engine.h"
#include "vigil/engine/period.h"
#include "vigil/text/normalize.h"

namespace vigil {
namespace {

int NameRank(std::string_view kind) {
  if (kind == "primary") return 0;
  if (kind == "weak_alias") return 2;
  return 1;
}

constexpr int kSuggestions = 8;

}  // namespace

StatusOr<int64_t> Engine::Resolve(const std::string& name_or_id, std::string* matched_name) {
  auto by_key = store_->EntityByKey(name_or_id);
  if (!by_key.ok()) return by_key.status();
  if (*by_key) {
    if (matched_name) *matched_name = name_or_id;
    return **by_key;
  }
  std::string key = NameKey(name_or_id);
  if (key.empty())
    return absl::InvalidArgumentError(fmt::format("'{}' has no letters or digits", name_or_id));
  // The curated knowledge base first (the official lists' records are
  // reached by their ids, or through the curated card they are linked to),
  // then the best name kind (primary, alias, weak alias).
  auto named = store_->EntitiesNamed(key);
  if (!named.ok()) return named.status();
  std::map<int64_t, std::pair<int, std::string>> best;  // entity -> (rank, name)
  for (const auto& match : *named) {
    int rank = NameRank(match.name_kind) + (match.curated ? 0 : 10);
    auto [it, inserted] = best.emplace(match.entity_row, std::make_pair(rank, match.text));
    if (!inserted && rank < it->second.first) it->second = {rank, match.text};
  }
  // A list record linked to a curated card stands for that card: the match
  // resolves to the card, which shows the record among its linked records.
  std::map<int64_t, std::pair<int, std::string>> merged;
  for (auto& [id, rank_name] : best) {
    auto cards = store_->CuratedCardsOf(id);
    if (!cards.ok()) return cards.status();
    int64_t target = cards->size() == 1 ? cards->front() : id;
    auto [it, inserted] = merged.emplace(target, rank_name);
    if (!inserted && rank_name.first < it->second.first) it->second = rank_name;
  }
  best = std::move(merged);
  if (!best.empty()) {
    int top = std::min_element(best.begin(), best.end(), [](auto& a, auto& b) {
                return a.second.first < b.second.first;
              })->second.first;
    std::vector<int64_t> winners;
    for (auto& [id, rank_name] : best)
      if (rank_name.first == top) winners.push_back(id);
    if (winners.size() == 1) {
      if (matched_name) *matched_name = best[winners[0]].second;
      return winners[0];
    }
    std::string list;
    for (auto id : winners) {
      auto ref = Required(store_->EntityRef(id), fmt::format("entity row {}", id));
      if (!ref.ok()) return ref.status();
      list += fmt::format("\n  {} ({}, {})", ref->id, ref->name, ref->kind);
    }
    return absl::InvalidArgumentError(
        fmt::format("'{}' is ambiguous; it names:{}", name_or_id, list));
  }
  // Nothing exact: suggest names that contain the key, or close ids.
  auto near = store_->NamesContaining(key, kSuggestions);
  if (!near.ok()) return near.status();
  std::string suggestions;
  std::set<std::string> seen;
  for (const auto& n : *near)
    if (seen.insert(n.entity_id).second)
      suggestions += fmt::format("\n  {} ({})", n.entity_id, n.text);
  return absl::NotFoundError(
      suggestions.empty()
          ? fmt::format("no entity is named '{}'", name_or_id)
          : fmt::format("no entity is named '{}'; did you mean:{}", name_or_id, suggestions));
}

namespace {

// The entity's roles in an event: as perpetrator, then as target (each in
// the event's order), then as its place.
std::vector<std::string> RolesIn(const store::EventRecord& event, const std::string& entity) {
  std::vector<std::string> roles;
  for (bool targets : {false, true})
    for (const auto& p : event.participants)
      if ((p.role == "target") == targets && p.entity && p.entity->id == entity)
        roles.push_back(p.role);
  if (event.place_entity && event.place_entity->id == entity) roles.push_back("place");
  return roles;
}

// Assigns a read's value to *out, or returns its error.
#define VIGIL_ASSIGN(out, read)               \
  do {                                        \
    auto value_ = (read);                     \
    if (!value_.ok()) return value_.status(); \
    (out) = std::move(*value_);               \
  } while (false)

StatusOr<EntityCard> Card(store::Store& store, int64_t row) {
  EntityCard card;
  auto entity = Required(store.Entity(row), fmt::format("entity row {}", row));
  if (!entity.ok()) return entity.status();
  card.entity = std::move(entity->ref);
  card.description = std::move(entity->description);
  card.attributes = std::move(entity->attributes);
  card.dataset = std::move(entity->dataset);
  card.reference = std::move(entity->reference);
  card.values = std::move(entity->values);
  card.identifiers = std::move(entity->identifiers);
  VIGIL_ASSIGN(card.names, store.NamesOf(row));
  VIGIL_ASSIGN(card.claims, store.ClaimsOf(row));
  VIGIL_ASSIGN(card.lifespan, store.LifespanOf(row));
  VIGIL_ASSIGN(card.designations, store.DesignationsOf(row));
  VIGIL_ASSIGN(card.designates, store.DesignationsBy(row));
  VIGIL_ASSIGN(card.outgoing, store.RelationsFrom(row));
  VIGIL_ASSIGN(card.incoming, store.RelationsTo(row));
  std::vector<store::EventRecord> events;
  VIGIL_ASSIGN(events, store.EventsOf(row));
  for (auto& event : events) {
    auto roles = RolesIn(event, card.entity.id);
    card.events.push_back({std::move(event), std::move(roles)});
  }
  VIGIL_ASSIGN(card.estimates, store.EstimatesAbout(row));
  VIGIL_ASSIGN(card.claimed_attributes, store.ClaimedAttributesOf(row));
  std::vector<store::LinkRecord> links;
  VIGIL_ASSIGN(links, store.LinksOf(row));
  std::set<int64_t> linked;
  for (auto& link : links) {
    linked.insert(link.other.row_id);
    LinkedRecord record{std::move(link), {}, {}};
    VIGIL_ASSIGN(record.names, store.NamesOf(record.link.other.row_id));
    VIGIL_ASSIGN(record.designations, store.DesignationsOf(record.link.other.row_id));
    card.linked.push_back(std::move(record));
  }
  std::vector<store::SharedNameRecord> shared;
  VIGIL_ASSIGN(shared, store.EntitiesSharingNames(row));
  for (auto& s : shared) {
    if (linked.count(s.entity_row)) continue;  // linked records are shown under "linked"
    auto other = Required(store.EntityRef(s.entity_row), fmt::format("entity row {}", s.entity_row));
    if (!other.ok()) return other.status();
    card.shares_names_with.push_back({std::move(s.name), std::move(*other)});
  }
  return card;
}

#undef VIGIL_ASSIGN

}  // namespace

Status ShowOptions::Validate() const { return QueryDays(as_of, during).status(); }

StatusOr<EntityCard> Engine::Show(const std::string& name_or_id, const ShowOptions& options) {
  auto days = QueryDays(options.as_of, options.during);
  if (!days.ok()) return days.status();
  std::string matched;
  auto id = Resolve(name_or_id, &matched);
  if (!id.ok()) return id.status();
  auto card = Card(*store_, *id);
  if (!card.ok()) return card.status();
  card->matched_name = std::move(matched);
  if (!days->Unbounded()) {
    // Relations whose effective validity meets the days, as `list` keeps them.
    auto keep = [&](const store::RelationRecord& r) {
      std::string from = r.valid_from ? r.valid_from->day : "";
      std::string to = r.valid_to ? r.valid_to->day : "";
      if (!from.empty() && !to.empty() && from > to) return false;
      return days->Meets(from, to);
    };
    for (auto* relations : {&card->outgoing, &card->incoming})
      std::erase_if(*relations, [&](const auto& r) { return !keep(r); });
    if (options.during.empty())
      card->as_of = days->last;
    else
      card->during = days->first + ".." + days->last;
  }
  return card;
}

StatusOr<std::variant<EntityCard, EventCard>> Engine::ShowEntityOrEvent(
    const std::string& name_or_id, const ShowOptions& options) {
  auto entity = Show(name_or_id, options);
  if (entity.ok()) return std::variant<EntityCard, EventCard>(std::move(*entity));
  if (entity.status().code() != absl::StatusCode::kNotFound) return entity.status();
  auto event = ShowEvent(name_or_id);
  if (event.ok()) return std::variant<EntityCard, EventCard>(std::move(*event));
  if (event.status().code() != absl::StatusCode::kNotFound) return event.status();
  return entity.status();
}

}  // namespace vigil
