// The knowledge area of the store (store/store.h): entities, their names and
// the facts about them, each with its claims. Methods that take a row id
// return nullopt when no such row exists.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil::store {

class KnowledgeStore {
 public:
  virtual ~KnowledgeStore() = default;

  virtual StatusOr<std::optional<EntityRefRecord>> EntityRef(int64_t entity_row) = 0;
  // In the order they were written.
  virtual StatusOr<std::vector<NameRecord>> NamesOf(int64_t entity_row) = 0;
  // The claims on a fact (an entity, relation, event, participant, estimate
  // or designation), in the order they were written, with their passages.
  virtual StatusOr<std::vector<ClaimRecord>> ClaimsOf(int64_t fact_id) = 0;
  virtual StatusOr<std::optional<RelationRecord>> Relation(int64_t fact_id) = 0;
  virtual StatusOr<std::optional<EventRecord>> Event(int64_t fact_id) = 0;
  virtual StatusOr<std::optional<EstimateRecord>> Estimate(int64_t fact_id) = 0;
  virtual StatusOr<std::optional<DesignationRecord>> Designation(int64_t fact_id) = 0;
  // One line saying what a fact states ("relation a leader_of b").
  virtual StatusOr<std::string> FactSummary(int64_t fact_id) = 0;
};

}  // namespace vigil::store
