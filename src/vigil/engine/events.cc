// Engine::Events and Engine::Activity (engine/events.h).
#include "vigil/engine/events.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "vigil/base/ascii.h"
#include "vigil/base/date.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/period.h"
#include "vigil/model/vocabulary.h"

namespace vigil {
namespace {

Status CheckDate(std::string_view field, const std::string& text) {
  if (text.empty()) return absl::OkStatus();
  auto d = PartialDate::Parse(text);
  if (!d.ok() || d->approximate)
    return FieldError(field, fmt::format("'{}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", text));
  return absl::OkStatus();
}

// The filters that EventQuery and ActivityQuery share.
struct Filter {
  std::string from_day, to_day, as_of_day, place, kind;
  std::vector<std::string> party_entities, party_labels;  // labels lower-cased
};

bool Passes(const store::EventFactRecord& e, const Filter& f) {
  if (!f.kind.empty() && e.type != f.kind) return false;
  if (!f.from_day.empty() && (e.last_day.empty() || e.last_day < f.from_day)) return false;
  if (!f.to_day.empty() && (e.first_day.empty() || e.first_day > f.to_day)) return false;
  if (!f.as_of_day.empty() && (e.first_day.empty() || e.first_day > f.as_of_day)) return false;
  if (!f.place.empty()) {
    bool found = false;
    for (const auto* field : {&e.province, &e.admin1, &e.admin2, &e.city})
      found = found || AsciiLower(*field).find(f.place) != std::string::npos;
    if (!found) return false;
  }
  if (!f.party_entities.empty() || !f.party_labels.empty()) {
    auto matches = [&](const store::ClaimPartyRecord& c) {
      return (!c.party.empty() && std::count(f.party_entities.begin(), f.party_entities.end(),
                                              c.party)) ||
             (!c.party_label.empty() &&
              std::count(f.party_labels.begin(), f.party_labels.end(), AsciiLower(c.party_label)));
    };
    bool any = std::any_of(e.claims.begin(), e.claims.end(), matches);
    for (const auto& p : e.participants)
      any = any || std::any_of(p.claims.begin(), p.claims.end(), matches);
    if (!any) return false;
  }
  return true;
}

// The entity a participant stands for: its curated entity, or the entity
// its actor is linked to; empty when none. suggested: the entities it is
// only suggested for.
std::string EntityOf(const store::EventActorFact& p, std::vector<std::string>* suggested) {
  if (!p.entity.empty()) return p.entity;
  std::string linked;
  for (const auto& l : p.links) {
    if (l.status == "linked" && linked.empty()) linked = l.entity;
    if (l.status == "suggested" && suggested) suggested->push_back(l.entity);
  }
  return linked;
}

std::string NameOf(const store::EventActorFact& p) {
  std::string e = EntityOf(p, nullptr);
  return e.empty() ? p.label : e;
}

void AddDeaths(Deaths* d, const store::EventFactRecord& e) {
  if (!e.killed_best && !e.killed_low && !e.killed_high) return;
  double best = e.killed_best ? *e.killed_best : e.killed_low ? *e.killed_low : *e.killed_high;
  d->best += best;
  d->low += e.killed_low.value_or(best);
  d->high += e.killed_high.value_or(best);
  ++d->with_figures;
}

}  // namespace

namespace internal {

std::string PeriodOf(const std::string& day, const std::string& by) {
  if (by == "year") return day.substr(0, 4);
  if (by == "quarter") {
    int month = std::stoi(day.substr(5, 2));
    return fmt::format("{}-Q{}", day.substr(0, 4), (month - 1) / 3 + 1);
  }
  return day.substr(0, 7);
}

std::vector<std::string> PeriodsBetween(const std::string& first, const std::string& last,
                                        const std::string& by) {
  std::vector<std::string> out;
  int year = std::stoi(first.substr(0, 4)), end_year = std::stoi(last.substr(0, 4));
  if (by == "year") {
    for (int y = year; y <= end_year; ++y) out.push_back(fmt::format("{:04d}", y));
    return out;
  }
  int step = by == "quarter" ? 3 : 1;
  int month = std::stoi(first.substr(5, 2)), end_month = std::stoi(last.substr(5, 2));
  month = (month - 1) / step * step + 1;
  while (year < end_year || (year == end_year && month <= end_month)) {
    out.push_back(PeriodOf(fmt::format("{:04d}-{:02d}-01", year, month), by));
    month += step;
    if (month > 12) {
      month -= 12;
      ++year;
    }
  }
  return out;
}

void MarkChanges(std::vector<ActivityPeriod>* periods) {
  auto& p = *periods;
  for (size_t i = 0; i < p.size(); ++i) {
    size_t start = i >= static_cast<size_t>(kSignalWindow) ? i - kSignalWindow : 0;
    size_t history = i - start;
    if (history < static_cast<size_t>(kSignalMinHistory)) continue;
    double sum = 0;
    for (size_t j = start; j < i; ++j) sum += static_cast<double>(p[j].events);
    double lambda = sum / static_cast<double>(history);
    p[i].baseline = lambda;
    p[i].z = (static_cast<double>(p[i].events) - lambda) / std::sqrt(std::max(lambda, 1.0));
    if (p[i].z >= kSignalThreshold)
      p[i].signal = "rise";
    else if (p[i].z <= -kSignalThreshold)
      p[i].signal = "fall";
  }
}

}  // namespace internal

Status EventQuery::Validate() const {
  if (auto s = CheckDate("from", from); !s.ok()) return s;
  if (auto s = CheckDate("to", to); !s.ok()) return s;
  if (auto s = CheckDate("as_of", as_of); !s.ok()) return s;
  if (!during.empty())
    if (auto days = QueryDays(as_of, during); !days.ok()) return days.status();
  if (!kind.empty() && !Contains(EventTypes(), kind)) {
    std::string hint = NearestWord(EventTypes(), kind);
    return FieldError("kind", hint.empty() ? fmt::format("unknown event type '{}'", kind)
                                           : fmt::format("unknown event type '{}' (did you mean "
                                                         "'{}'?)",
                                                         kind, hint));
  }
  return absl::OkStatus();
}

Status ActivityQuery::Validate() const {
  if (name.empty()) return FieldError("name", "give an entity name or id");
  if (by != "month" && by != "quarter" && by != "year")
    return FieldError("by", fmt::format("'{}' is not month, quarter or year", by));
  return EventQuery{.from = from, .to = to, .as_of = as_of, .during = during}.Validate();
}

namespace {

// The filter of a query, parties resolved.
StatusOr<Filter> MakeFilter(Engine& engine, const std::string& from, const std::string& to,
                            const std::string& as_of, const std::string& during,
                            const std::string& place, const std::string& kind,
                            const std::vector<std::string>& party) {
  Filter f;
  if (!from.empty()) f.from_day = PartialDate::Parse(from)->Earliest();
  if (!to.empty()) f.to_day = PartialDate::Parse(to)->Latest();
  if (!during.empty()) {  // within from..to and the period both
    DayRange days = *PartialDate::ParsePeriod(during);
    if (!days.first.empty() && (f.from_day.empty() || days.first > f.from_day))
      f.from_day = days.first;
    if (!days.last.empty() && (f.to_day.empty() || days.last < f.to_day)) f.to_day = days.last;
  }
  if (!as_of.empty()) f.as_of_day = PartialDate::Parse(as_of)->Latest();
  f.place = AsciiLower(place);
  f.kind = kind;
  for (const auto& p : party) {
    auto id = engine.Resolve(p);
    if (id.ok()) {
      auto card = engine.Show(p);
      if (card.ok()) {
        f.party_entities.push_back(card->entity.id);
        continue;
      }
    }
    f.party_labels.push_back(AsciiLower(p));
  }
  return f;
}

}  // namespace

StatusOr<std::vector<std::string>> Engine::EntitiesUnder(const std::string& key) {
  std::vector<std::string> out = {key};
  std::map<std::string, std::vector<std::string>> children;
  for (const char* predicate : {"faction_of", "affiliate_of", "part_of"}) {
    auto rows = List(ListRequest{.what = ListTable::kRelations, .predicate = predicate});
    if (!rows.ok()) return rows.status();
    for (const auto& r : rows->relations) children[r.object.id].push_back(r.subject.id);
  }
  std::set<std::string> seen = {key};
  for (size_t i = 0; i < out.size(); ++i)
    for (const auto& c : children[out[i]])
      if (seen.insert(c).second) out.push_back(c);
  return out;
}

StatusOr<EventsResult> Engine::Events(const EventQuery& query) {
  if (auto s = query.Validate(); !s.ok()) return s;
  EventsResult result;
  std::set<std::string> entities;
  if (!query.actor.empty()) {
    auto card = Show(query.actor);
    if (!card.ok()) return card.status();
    result.actor = card->entity;
    auto under = EntitiesUnder(card->entity.id);
    if (!under.ok()) return under.status();
    result.actor_entities = *under;
    entities.insert(under->begin(), under->end());
  }
  auto filter = MakeFilter(*this, query.from, query.to, query.as_of, query.during, query.place,
                           query.kind,
                           query.party);
  if (!filter.ok()) return filter.status();
  auto facts = store_->EventFacts("");
  if (!facts.ok()) return facts.status();
  for (auto& e : *facts) {
    for (const auto& p : e.participants)
      for (const auto& l : p.links)
        if (query.links) result.links.push_back({e.id, e.dataset, p.label, p.role, l});
    std::set<std::string> seen_labels;
    for (const auto& p : e.participants) {
      if (p.links.empty() || !seen_labels.insert(p.label + "|" + p.role).second) continue;
      bool linked = false, suggested = false;
      for (const auto& l : p.links) {
        linked = linked || l.status == "linked";
        suggested = suggested || l.status == "suggested";
      }
      ++result.link_status[linked ? "linked" : suggested ? "suggested" : "unlinked"];
    }
    if (!Passes(e, *filter)) continue;
    if (!entities.empty()) {
      bool in = false, maybe = false;
      for (const auto& p : e.participants) {
        std::vector<std::string> suggested;
        std::string entity = EntityOf(p, &suggested);
        in = in || entities.count(entity);
        for (const auto& s : suggested) maybe = maybe || entities.count(s);
      }
      if (!in) {
        if (maybe) ++result.suggested_only;
        continue;
      }
    }
    result.events.push_back(std::move(e));
  }
  return result;
}

StatusOr<EventCard> Engine::ShowEvent(const std::string& id) {
  if (id.empty()) return FieldError("id", "give an event id");
  auto facts = store_->EventFacts(id);
  if (!facts.ok()) return facts.status();
  if (facts->empty()) return absl::NotFoundError(fmt::format("no event has the id '{}'", id));
  return EventCard{std::move(facts->front())};
}

StatusOr<ActivityResult> Engine::Activity(const ActivityQuery& query) {
  if (auto s = query.Validate(); !s.ok()) return s;
  EventQuery events_query{.actor = query.name, .from = query.from, .to = query.to,
                          .as_of = query.as_of, .during = query.during, .party = query.party};
  auto events = Events(events_query);
  if (!events.ok()) return events.status();
  ActivityResult out;
  out.actor = *events->actor;
  out.entities = events->actor_entities;
  out.by = query.by;
  out.suggested_only = events->suggested_only;
  std::set<std::string> mine(out.entities.begin(), out.entities.end());
  std::map<std::string, ActivityPeriod> periods;
  std::map<std::string, PlaceCount> places;
  std::map<std::pair<std::string, std::string>, Dyad> dyads;
  std::string first, last;
  for (const auto& e : events->events) {
    ++out.events;
    AddDeaths(&out.deaths, e);
    if (!e.first_day.empty()) {
      auto& period = periods[internal::PeriodOf(e.first_day, query.by)];
      ++period.events;
      AddDeaths(&period.deaths, e);
      if (first.empty() || e.first_day < first) first = e.first_day;
      if (last.empty() || e.first_day > last) last = e.first_day;
    }
    if (query.by_place) {
      std::string place = !e.province.empty() ? e.province
                          : !e.admin1.empty() ? e.admin1
                          : !e.city.empty()   ? e.city
                                              : "(unknown)";
      auto& pc = places[place];
      pc.place = place;
      ++pc.events;
      AddDeaths(&pc.deaths, e);
    }
    // Dyads: the actor's side against each participant of the other side.
    std::vector<const store::EventActorFact*> ours;
    for (const auto& p : e.participants)
      if (mine.count(EntityOf(p, nullptr))) ours.push_back(&p);
    for (const auto* us : ours) {
      auto opposed = [&](const store::EventActorFact& other) {
        if (&other == us || other.role == "claimant") return false;
        if (us->role == "side_a") return other.role == "side_b";
        if (us->role == "side_b") return other.role == "side_a";
        if (us->role == "target") return other.role != "target";
        return other.role == "target" || other.role == "side_b";  // perpetrator roles
      };
      for (const auto& other : e.participants) {
        if (!opposed(other)) continue;
        auto& d = dyads[{EntityOf(*us, nullptr), NameOf(other)}];
        d.side = EntityOf(*us, nullptr);
        d.opponent = NameOf(other);
        ++d.events;
        AddDeaths(&d.deaths, e);
        if (!e.first_day.empty()) ++d.by_year[e.first_day.substr(0, 4)];
      }
    }
    for (const auto& p : e.participants) {
      if (p.role != "claimed" && p.role != "attributed" && p.role != "suspected" &&
          p.role != "facilitated")
        continue;
      if (!mine.count(p.entity)) continue;
      out.attributions.push_back({e.id, e.title, e.first_day, p.entity, p.role, p.claims});
    }
  }
  if (!first.empty())
    for (const auto& name : internal::PeriodsBetween(first, last, query.by)) {
      ActivityPeriod p = periods[name];
      p.period = name;
      out.periods.push_back(std::move(p));
    }
  internal::MarkChanges(&out.periods);
  for (auto& [name, pc] : places) out.places.push_back(pc);
  std::stable_sort(out.places.begin(), out.places.end(),
                   [](const PlaceCount& a, const PlaceCount& b) { return a.events > b.events; });
  for (auto& [key, d] : dyads) {
    // Least-squares slope of events per year over the years from the first
    // to the last of this dyad (missing years count 0).
    int y0 = std::stoi(d.by_year.begin()->first), y1 = std::stoi(d.by_year.rbegin()->first);
    double n = y1 - y0 + 1, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (int y = y0; y <= y1; ++y) {
      auto it = d.by_year.find(fmt::format("{:04d}", y));
      double c = it == d.by_year.end() ? 0 : static_cast<double>(it->second);
      sx += y - y0;
      sy += c;
      sxx += (y - y0) * (y - y0);
      sxy += (y - y0) * c;
    }
    double denominator = n * sxx - sx * sx;
    d.slope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    d.trend = d.slope > 0.5 ? "rising" : d.slope < -0.5 ? "falling" : "flat";
    out.dyads.push_back(d);
  }
  std::stable_sort(out.dyads.begin(), out.dyads.end(),
                   [](const Dyad& a, const Dyad& b) { return a.events > b.events; });
  return out;
}

}  // namespace vigil
