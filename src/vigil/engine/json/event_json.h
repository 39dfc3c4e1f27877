// JSON of the event analytics (engine/events.h): the shapes docs/cli.md
// documents under "vigil events" and "vigil activity".
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/events.h"

namespace vigil {

nlohmann::ordered_json ToJson(const EventsResult& result);
nlohmann::ordered_json ToJson(const ActivityResult& result);
// One event as an element of ToJson(EventsResult)["events"]: id, dataset,
// type, title, days, place, killed, participants (role, entity, label, and
// each imported actor's links: entity, status, method, score, reason),
// claims.
nlohmann::ordered_json ToJson(const EventCard& card);

}  // namespace vigil
