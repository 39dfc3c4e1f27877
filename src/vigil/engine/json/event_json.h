// JSON of the event analytics (engine/events.h): the shapes docs/cli.md
// documents under "vigil events" and "vigil activity".
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/events.h"

namespace vigil {

nlohmann::ordered_json ToJson(const EventsResult& result);
nlohmann::ordered_json ToJson(const ActivityResult& result);

}  // namespace vigil
