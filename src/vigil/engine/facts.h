// Reading facts back from the store as JSON: entity references, claims (with
// their passages), relations, events, estimates, designations. Shared by
// show, list, conflicts and verify.
#pragma once

#include <string>

#include "vigil/engine/engine.h"

namespace vigil::internal {

// {"id", "name", "kind"} of an entity row id.
Json EntityRef(Database& db, int64_t entity_id);
// [{"text", "kind", "script", "lang"}] of an entity, in list order.
Json NamesOf(Database& db, int64_t entity_id);
// The claims of a fact, in the order they were written.
Json ClaimsOf(Database& db, int64_t fact_id);
// A relation, an event, an estimate or a designation by fact id.
Json RelationJson(Database& db, int64_t fact_id);
Json EventJson(Database& db, int64_t fact_id);
Json EstimateJson(Database& db, int64_t fact_id);
Json DesignationJson(Database& db, int64_t fact_id);
// One line saying what a fact states: "relation: a leader_of b".
std::string FactSummary(Database& db, int64_t fact_id);

}  // namespace vigil::internal
