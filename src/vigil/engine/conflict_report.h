// `vigil conflicts`: claims that disagree, side by side (engine/conflicts.cc
// finds them; the JSON is engine/json/knowledge_json.h's).
//
// Five kinds: "contested" (one fact asserted by some parties and denied by
// others), "attribution" (an event claimed by one perpetrator and attributed
// to another), "estimate" (figures for the same quantity of the same subject
// whose ranges do not overlap), "attribute" (different values of one
// attribute of one entity: the entity's own and those sources claim),
// "shared_name" (one name used by sources for different entities) and
// "question" (a question, not one relation, that claims answer
// differently: model.h Question).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "vigil/store/records.h"

namespace vigil {

enum class ConflictKind {
  kContested,
  kAttribution,
  kEstimate,
  kAttribute,
  kSharedName,
  kQuestion
};
inline constexpr ConflictKind kConflictKinds[] = {
    ConflictKind::kContested, ConflictKind::kAttribution, ConflictKind::kEstimate,
    ConflictKind::kAttribute, ConflictKind::kSharedName,  ConflictKind::kQuestion};
// contested | attribution | estimate | attribute | shared_name | question
std::string_view ConflictKindName(ConflictKind kind);

// What repeated estimates disagree about.
struct EstimatedQuantity {
  store::EntityRefRecord subject;
  std::string quantity;
};

// What the values of an attribute disagree about: the entity and the key.
struct AttributeOfEntity {
  store::EntityRefRecord entity;
  std::string key;
};

// What names shared by entities disagree about: the name as first written.
struct SharedNameFact {
  std::string name;
};

// The fact the claims disagree about: the contested fact (a relation, an
// event, an estimate, a designation, an entity, an event participant, a
// claimed attribute; none when it is gone), the event whose perpetrators
// disagree, the subject and quantity of estimates, the entity and key of
// an attribute, or a name. Its own claims are the sides'.
using ConflictFact =
    std::variant<std::monostate, store::RelationRecord, store::EventRecord, store::EstimateRecord,
                 store::DesignationRecord, store::EntityRefRecord, store::ParticipantFactRecord,
                 store::ClaimedAttributeRecord, EstimatedQuantity, AttributeOfEntity,
                 SharedNameFact, store::QuestionRecord>;

// One position and the claims that take it.
struct ConflictSide {
  // "asserts" | "claimed by X" | "2400 people" | "'X' (alias) names Y" |
  // a question's answer ("no"), or "not " and the answer its claims deny
  std::string position;
  std::optional<store::EntityRefRecord> entity;   // attribution, shared_name: whom it names
  std::optional<std::string> role;                // attribution: the perpetrator's role
  std::optional<store::EstimateRecord> estimate;  // estimate: the figure (claims are below)
  std::optional<std::string> name_kind;           // shared_name: the name's kind
  // attribute: the value, and the datasets that hold it (the entity's own
  // dataset when it is the entity's own value, whose claims are then the
  // entity's: the passages that describe it).
  std::optional<std::string> value;
  std::vector<std::string> datasets;
  std::vector<store::ClaimRecord> claims;
};

struct Conflict {
  ConflictKind kind = ConflictKind::kContested;
  std::string summary;
  // relation | event | estimate | designation | entity | participant |
  // attribute | name | question
  std::string fact_type;
  ConflictFact fact;
  std::vector<ConflictSide> sides;
};

// Contested facts first, then attributions, estimates, attributes, shared
// names and questions, each in the store's order.
struct ConflictReport {
  std::vector<Conflict> conflicts;
};

}  // namespace vigil
