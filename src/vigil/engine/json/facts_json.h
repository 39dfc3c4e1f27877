// The JSON shapes of the knowledge base's records (docs/cli.md, "Common
// shapes"): the one place they are built, for the CLI's --json, the HTTP
// API and every result that embeds them (cards, lists, conflicts, exposure
// paths).
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/store/records.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// {"id", "name", "kind"}
Json ToJson(const store::EntityRefRecord& ref);
// null when absent
Json ToJson(const std::optional<store::EntityRefRecord>& ref);
// {"text", "kind", "script", "lang"}
Json ToJson(const store::NameRecord& name);
// {"claim_id", "source", "source_title", "publisher", "author", "source_date",
//  "span", "passage", "digest", "locator", "party", "party_label", "stance",
//  "confidence", "note"}, and "answer" on a question's claims
Json ToJson(const store::ClaimRecord& claim);
// {"fact_id", "subject", "predicate", "object", "role", "from", "to",
//  "valid": {"from", "to"}, "claims"}; valid's ends are the effective
// validity: null when open, else {"day", "date", "by": "relation" |
// "lifespan", "entity": whose lifespan (by lifespan only)}
Json ToJson(const store::RelationRecord& relation);
// {"id", "fact_id", "question", "about": [entity refs], "note", "claims"}
Json ToJson(const store::QuestionRecord& question);
// {"bound": "start" | "end", "date", "day", "general_knowledge", "claims"}
Json ToJson(const store::LifespanBoundRecord& bound);
Json ToJson(const store::EventRecord& event);
Json ToJson(const store::EstimateRecord& estimate);
Json ToJson(const store::DesignationRecord& designation);
// {"fact_id", "entity", "key", "value", "dataset", "entity_value", "claims"}
Json ToJson(const store::ClaimedAttributeRecord& attribute);

// An array of ToJson(item).
template <typename T>
Json ToJsonArray(const std::vector<T>& items) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(ToJson(item));
  return out;
}

}  // namespace vigil
