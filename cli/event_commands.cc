// vigil events | activity: event analytics over curated and imported
// events (engine/events.h). Flags into EventQuery / ActivityQuery; --json
// prints their JSON (engine/json/event_json.h), text is rendered here.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command.h"
#include "vigil/engine/json/event_json.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

std::string Killed(const store::EventFactRecord& e) {
  if (!e.killed_best && !e.killed_low && !e.killed_high) return "-";
  std::string best = e.killed_best ? fmt::format("{:g}", *e.killed_best) : "?";
  if (e.killed_low || e.killed_high)
    return fmt::format("{} ({:g}-{:g})", best, e.killed_low.value_or(0),
                       e.killed_high.value_or(e.killed_best.value_or(0)));
  return best;
}

void RenderEvents(const EventsResult& r, bool links) {
  if (r.actor)
    fmt::print("{} event{} of {} ({} with the entities under it: {}){}\n", r.events.size(),
               r.events.size() == 1 ? "" : "s", Esc(r.actor->name), Esc(r.actor->id),
               Esc(fmt::format("{}", fmt::join(r.actor_entities, ", "))),
               r.suggested_only ? fmt::format("; {} more only suggested", r.suggested_only) : "");
  else
    fmt::print("{} event{}\n", r.events.size(), r.events.size() == 1 ? "" : "s");
  for (const auto& e : r.events) {
    std::string when = e.first_day == e.last_day ? e.first_day : e.first_day + ".." + e.last_day;
    fmt::print("  {}  {}  {}  {}  killed {}  [{}]\n", when.empty() ? "undated" : when,
               Esc(e.type), Esc(e.title),
               Esc(e.province.empty() ? (e.admin1.empty() ? e.city : e.admin1) : e.province),
               Killed(e), Esc(e.id));
  }
  if (!links) return;
  fmt::print("\nActor links ({} linked, {} suggested, {} unlinked actors)\n",
             r.link_status.count("linked") ? r.link_status.at("linked") : 0,
             r.link_status.count("suggested") ? r.link_status.at("suggested") : 0,
             r.link_status.count("unlinked") ? r.link_status.at("unlinked") : 0);
  for (const auto& l : r.links)
    fmt::print("  {}  {} ({}) -> {} {} {} {:.2f}: {}\n", Esc(l.event), Esc(l.label), l.role,
               l.link.status, l.link.entity.empty() ? "-" : Esc(l.link.entity), l.link.method,
               l.link.score, Esc(l.link.reason));
}

void RenderActivity(const ActivityResult& r) {
  fmt::print("{} ({}): {} events, killed {:g} (low {:g}, high {:g}); entities {}\n",
             Esc(r.actor.name), Esc(r.actor.id), r.events, r.deaths.best, r.deaths.low,
             r.deaths.high, Esc(fmt::format("{}", fmt::join(r.entities, ", "))));
  if (r.suggested_only) fmt::print("  {} more events only suggested (not counted)\n", r.suggested_only);
  fmt::print("\nBy {}\n", r.by);
  for (const auto& p : r.periods)
    fmt::print("  {}  {:>4} events  killed {:>6g}{}\n", p.period, p.events, p.deaths.best,
               p.signal.empty() ? "" : fmt::format("  {} (z {:.1f} over baseline {:.1f})", p.signal, p.z, p.baseline));
  if (!r.places.empty()) {
    fmt::print("\nBy place\n");
    for (const auto& p : r.places)
      fmt::print("  {:<20} {:>4} events  killed {:g}\n", Esc(p.place), p.events, p.deaths.best);
  }
  if (!r.dyads.empty()) {
    fmt::print("\nDyads\n");
    for (const auto& d : r.dyads)
      fmt::print("  {} vs {}: {} events, killed {:g}, {} ({:+.1f}/year)\n", Esc(d.side),
                 Esc(d.opponent), d.events, d.deaths.best, d.trend, d.slope);
  }
  if (!r.attributions.empty()) {
    fmt::print("\nClaimed versus attributed\n");
    for (const auto& a : r.attributions) {
      std::string by;
      for (const auto& c : a.by)
        by += fmt::format("{}{}{}", by.empty() ? "" : "; ",
                          c.party.empty() ? (c.party_label.empty() ? c.source : c.party_label)
                                          : c.party,
                          c.stance == "denies" ? " (denies)" : "");
      fmt::print("  {}  {}  {} {} by {}\n", a.date, Esc(a.event), Esc(a.entity), a.role, Esc(by));
    }
  }
}

}  // namespace

void AddEventCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto query = std::make_shared<EventQuery>();
  auto* events = app.add_subcommand(
      "events", "events (curated and imported), filtered by actor, dates, place, type, party");
  events->add_option("--actor", query->actor,
                     "an entity name or id: its events and those of the entities under it");
  events->add_option("--from", query->from, "events that ended on or after: YYYY[-MM[-DD]]");
  events->add_option("--to", query->to, "events that began on or before: YYYY[-MM[-DD]]");
  events->add_option("--place", query->place, "province, admin-1/admin-2 name or city");
  events->add_option("--kind", query->kind, "event type (attack, state_based_conflict, battle...)");
  events->add_option("--as-of", query->as_of, "events that had begun by that date");
  events->add_option("--during", query->during,
                     "events that took place in a period: YYYY, YYYY-MM or FROM..TO");
  events->add_option("--party", query->party,
                     "only events with a claim by these parties (entity names, or party labels "
                     "such as \"UCDP GED\")");
  events->add_flag("--links", query->links,
                   "also list every imported actor's link, suggestion or reason for none");
  AddCommonOptions(events, context);
  commands.push_back({events, [query, &context] {
                        if (auto s = query->Validate(); !s.ok()) return Fail(s, context);
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result = (*engine)->Events(*query);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(ToJson(*result));
                        RenderEvents(*result, query->links);
                        return 0;
                      }});

  auto activity_query = std::make_shared<ActivityQuery>();
  auto* activity = app.add_subcommand(
      "activity", "an actor's activity over time: events and deaths by period with a change "
                  "signal, places, dyads, claimed versus attributed attacks");
  activity->add_option("NAME", activity_query->name, "entity name or id")->required();
  activity->add_option("--by", activity_query->by, "month, quarter or year")->default_str("month");
  activity->add_flag("--by-place", activity_query->by_place, "also count events by province");
  activity->add_option("--from", activity_query->from, "events that ended on or after");
  activity->add_option("--to", activity_query->to, "events that began on or before");
  activity->add_option("--as-of", activity_query->as_of, "events that had begun by that date");
  activity->add_option("--during", activity_query->during,
                       "events that took place in a period: YYYY, YYYY-MM or FROM..TO");
  activity->add_option("--party", activity_query->party, "only events with a claim by these parties");
  AddCommonOptions(activity, context);
  commands.push_back({activity, [activity_query, &context] {
                        if (auto s = activity_query->Validate(); !s.ok()) return Fail(s, context);
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result = (*engine)->Activity(*activity_query);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(ToJson(*result));
                        RenderActivity(*result);
                        return 0;
                      }});
}

}  // namespace vigil::cli
