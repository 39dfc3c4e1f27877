// An entity's card (`vigil show`): what the knowledge base holds about one
// entity, every fact with its claims. Engine::Show builds it; its JSON
// (docs/cli.md, "vigil show") is engine/json/knowledge_json.h's.
//
//   auto card = engine->Show("Siraj Haqqani");
//   for (const auto& r : card->outgoing) ...   // r.predicate, r.object, r.claims
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil {

// An event the entity takes part in (or that took place at it), with the
// entity's roles in it: its perpetrator and target roles in the event's
// order, then "place".
struct EntityEvent {
  store::EventRecord event;
  std::vector<std::string> roles;
};

// Another entity that bears one of this entity's names.
struct SharedName {
  std::string name;  // as this entity writes it
  store::EntityRefRecord entity;
};

// The same real-world entity elsewhere (docs/lists.md): a list record linked
// to a curated card, or the card a list record is linked to.
struct LinkedRecord {
  store::LinkRecord link;                              // the other side, how and why it is linked
  std::vector<store::NameRecord> names;                // the other side's
  std::vector<store::DesignationRecord> designations;  // of the other side
};

// What `show` keeps of the entity's relations: those whose effective
// validity meets as_of's day or during's period (engine/period.h); all
// when both are empty.
struct ShowOptions {
  std::string as_of{}, during{};

  Status Validate() const;  // field errors: as_of, during
};

struct EntityCard {
  store::EntityRefRecord entity;
  std::string matched_name;  // the name (or id) that resolved to it
  std::string description;
  std::vector<store::NameRecord> names;
  std::map<std::string, std::string> attributes;  // its own (curated), unsourced
  // Attributes sources claim of it (an article's "status: deceased"), by
  // key, value: beside its own, never replacing them.
  std::vector<store::ClaimedAttributeRecord> claimed_attributes;
  std::string dataset;                   // the dataset that holds it
  std::optional<std::string> reference;  // a list record's own id
  std::vector<store::ValueRecord> values;
  std::vector<store::IdentifierRecord> identifiers;
  std::vector<store::ClaimRecord> claims;              // passages that describe the entity
  // When it existed (start: founded or born; end: dissolved or died),
  // each bound with its claims or general-knowledge note.
  std::vector<store::LifespanBoundRecord> lifespan;
  // The days the relations were filtered by (ShowOptions); absent: none.
  std::optional<std::string> as_of, during;
  std::vector<store::DesignationRecord> designations;  // of this entity
  std::vector<store::DesignationRecord> designates;    // by this entity, an authority
  std::vector<store::RelationRecord> outgoing, incoming;
  std::vector<EntityEvent> events;
  std::vector<store::EstimateRecord> estimates;  // about it (subject or scope)
  std::vector<SharedName> shares_names_with;     // linked records left out
  std::vector<LinkedRecord> linked;
};

}  // namespace vigil
