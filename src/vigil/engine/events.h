// Event analytics: which events (EventQuery -> EventsResult), and an actor's
// activity over time (ActivityQuery -> ActivityResult), over curated and
// imported events alike. JSON in engine/json/event_json.h; docs/cli.md
// ("vigil events", "vigil activity") and docs/event-analytics.md.
//
//   EventQuery q{.actor = "Taliban", .from = "2015", .to = "2016"};
//   auto events = engine->Events(q);            // events the Taliban or a faction took part in
//   ActivityQuery a{.name = "Taliban", .by = "quarter"};
//   auto activity = engine->Activity(a);        // counts, deaths, dyads, claims, change signal
//
// An actor takes part in an event when a participant is the entity (curated
// events) or an imported actor is *linked* to it (event_links; suggestions
// do not count, and are counted apart), the entity being the one named or
// any entity under it: faction_of, affiliate_of or part_of it, transitively.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil {

// The change signal's parameters (docs/event-analytics.md).
inline constexpr int kSignalWindow = 6;        // trailing periods in the baseline
inline constexpr int kSignalMinHistory = 3;    // periods needed before flagging
inline constexpr double kSignalThreshold = 3;  // |z| at or above flags

struct EventQuery {
  std::string actor{};  // entity name or id; empty: any
  std::string from{}, to{};  // YYYY, YYYY-MM or YYYY-MM-DD; events overlapping
  std::string place{};  // province, admin-1/admin-2 name or city (case folded, substring)
  std::string kind{};   // event type
  std::string as_of{};  // events that began on or before that day
  // Events that took place (in part) in a period: a year, a month or
  // FROM..TO (engine/period.h); with from/to, within both. Not with as_of.
  std::string during{};
  std::vector<std::string> party{};  // only events with a claim by one of these
  bool links = false;   // list the actor links of imported events (all of them)
  // Field errors (from, to, as_of, during, kind) for what no store can answer.
  Status Validate() const;
};

// One imported actor's link row, for --links.
struct ActorLinkRow {
  std::string event, dataset, label, role;
  store::ActorLinkRecord link;
};

struct EventsResult {
  std::optional<store::EntityRefRecord> actor;
  std::vector<std::string> actor_entities;  // the actor and the entities under it
  std::vector<store::EventFactRecord> events;
  int64_t suggested_only = 0;  // events the actor is only suggested for (not counted)
  std::vector<ActorLinkRow> links;  // when asked
  std::map<std::string, int64_t> link_status;  // linked | suggested | unlinked -> actors
};

struct ActivityQuery {
  std::string name{};
  std::string by = "month";  // month | quarter | year
  bool by_place = false;
  std::string from{}, to{}, as_of{}, during{};
  std::vector<std::string> party{};
  Status Validate() const;
};

struct Deaths {
  double best = 0, low = 0, high = 0;  // low/high fall back on best when not given
  int64_t with_figures = 0;            // events with a figure
};

struct ActivityPeriod {
  std::string period;
  int64_t events = 0;
  Deaths deaths;
  double baseline = 0;  // mean of the trailing window; 0 without history
  double z = 0;
  std::string signal;   // "" | rise | fall
};

struct PlaceCount {
  std::string place;
  int64_t events = 0;
  Deaths deaths;
};

struct Dyad {
  std::string side, opponent;  // entity keys, or the dataset's labels
  int64_t events = 0;
  Deaths deaths;
  std::map<std::string, int64_t> by_year;
  std::string trend;  // rising | falling | flat (least-squares slope over the years)
  double slope = 0;   // events per year
};

// Who claimed an attack, who was blamed, and by whom (curated events).
struct AttributionRow {
  std::string event, title, date;
  std::string entity, role;  // claimed | attributed | suspected | facilitated
  std::vector<store::ClaimPartyRecord> by;
};

struct ActivityResult {
  store::EntityRefRecord actor;
  std::vector<std::string> entities;  // the actor and those under it
  std::string by;
  int64_t events = 0, suggested_only = 0;
  Deaths deaths;
  std::vector<ActivityPeriod> periods;  // every period from the first to the last event
  std::vector<PlaceCount> places;       // when by_place, by events descending
  std::vector<Dyad> dyads;              // by events descending
  std::vector<AttributionRow> attributions;
};

// One event with its participants, each actor's links (the linked entity,
// its suggestions, or why it is unlinked, with the reason) and every claim's
// party: `vigil show EVENT_ID` and GET /v1/events/{id}.
struct EventCard {
  store::EventFactRecord event;
};

namespace internal {
// The period of a day ("2016-05-03"): "2016-05", "2016-Q2" or "2016".
std::string PeriodOf(const std::string& day, const std::string& by);
// The periods from first to last inclusive.
std::vector<std::string> PeriodsBetween(const std::string& first, const std::string& last,
                                        const std::string& by);
// The change signal over counts in period order (fills baseline, z, signal).
void MarkChanges(std::vector<ActivityPeriod>* periods);
}  // namespace internal

}  // namespace vigil
