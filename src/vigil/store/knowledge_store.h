// The knowledge area of the store (store/store.h): entities, their names and
// the facts about them, each with its claims; the rows behind entity cards,
// lists, conflicts and verification. Methods that take a row id return
// nullopt (or nothing) when no such row exists. Orders are part of each
// method's contract: the engine shows records in the order they come.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vigil/base/date.h"
#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil::store {

class KnowledgeStore {
 public:
  virtual ~KnowledgeStore() = default;

  // ---- single facts ----
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
  virtual StatusOr<std::optional<ClaimedAttributeRecord>> ClaimedAttribute(int64_t fact_id) = 0;
  // One line saying what a fact states ("relation a leader_of b").
  virtual StatusOr<std::string> FactSummary(int64_t fact_id) = 0;
  // entity | relation | event | participant | estimate | designation |
  // attribute.
  virtual StatusOr<std::optional<std::string>> FactType(int64_t fact_id) = 0;
  // An event participant (a fact of type participant) with its event.
  virtual StatusOr<std::optional<ParticipantFactRecord>> Participant(int64_t fact_id) = 0;

  // ---- resolving names ----
  // The entity whose key (id) is exactly key.
  virtual StatusOr<std::optional<int64_t>> EntityByKey(const std::string& key) = 0;
  // Every name whose NameKey (text/normalize.h) is name_key, with its entity.
  virtual StatusOr<std::vector<NameMatchRecord>> EntitiesNamed(const std::string& name_key) = 0;
  // Up to limit names whose NameKey contains fragment, shortest key first,
  // one per (entity, name).
  virtual StatusOr<std::vector<NameSuggestionRecord>> NamesContaining(const std::string& fragment,
                                                                      int limit) = 0;

  // ---- entity cards ----
  virtual StatusOr<std::optional<EntityRecord>> Entity(int64_t entity_row) = 0;
  // Designations of the entity, by date then row.
  virtual StatusOr<std::vector<DesignationRecord>> DesignationsOf(int64_t entity_row) = 0;
  // Designations made by the entity as their authority, by date then row.
  virtual StatusOr<std::vector<DesignationRecord>> DesignationsBy(int64_t authority_row) = 0;
  // Relations of which the entity is the subject (From) or the object (To),
  // by predicate, first day, row.
  virtual StatusOr<std::vector<RelationRecord>> RelationsFrom(int64_t entity_row) = 0;
  virtual StatusOr<std::vector<RelationRecord>> RelationsTo(int64_t entity_row) = 0;
  // Events in which the entity takes part or that took place at it, by
  // first day then row.
  virtual StatusOr<std::vector<EventRecord>> EventsOf(int64_t entity_row) = 0;
  // Estimates whose subject or scope is the entity, by quantity, day, row.
  virtual StatusOr<std::vector<EstimateRecord>> EstimatesAbout(int64_t entity_row) = 0;
  // Attributes that sources claim of the entity (whatever dataset holds
  // them), by key, value, fact id.
  virtual StatusOr<std::vector<ClaimedAttributeRecord>> ClaimedAttributesOf(
      int64_t entity_row) = 0;
  // Other entities that bear one of the entity's names (after NameKey).
  virtual StatusOr<std::vector<SharedNameRecord>> EntitiesSharingNames(int64_t entity_row) = 0;
  // The links of the entity, either way round (a list record's curated
  // card, a card's list records), by score (best first), dataset, key.
  virtual StatusOr<std::vector<LinkRecord>> LinksOf(int64_t entity_row) = 0;
  // The curated cards a list record is linked to, best first (none for a
  // curated entity).
  virtual StatusOr<std::vector<int64_t>> CuratedCardsOf(int64_t entity_row) = 0;

  // ---- lists (an empty filter is no filter; days are "YYYY-MM-DD") ----
  // By kind, then key; with days bounded, only entities whose lifespan
  // meets them (entities without one always do).
  virtual StatusOr<std::vector<EntitySummaryRecord>> ListEntities(const std::string& kind,
                                                                  const DayRange& days) = 0;
  // Relations whose effective validity (relation_validity: their own
  // interval within both ends' lifespans; open ends open) meets the days,
  // by subject key, predicate, object key, first day.
  virtual StatusOr<std::vector<RelationRecord>> ListRelations(const std::string& predicate,
                                                              const DayRange& days) = 0;
  // Events of a type that began on or before days.last and, when days.first
  // is set, had not ended before it; by first day (undated last), key.
  virtual StatusOr<std::vector<EventRecord>> ListEvents(const std::string& type,
                                                        const DayRange& days) = 0;
  // Every event of every dataset, compact, with its participants, their
  // actor links and every claim's party, by first day (undated last), key
  // (store/sql/events.cc). A non-empty key: only the event of that key
  // (none when no event has it).
  virtual StatusOr<std::vector<EventFactRecord>> EventFacts(const std::string& key) = 0;
  // Estimates as of the day or undated, by quantity, day, key.
  virtual StatusOr<std::vector<EstimateRecord>> ListEstimates(const std::string& as_of_day) = 0;
  // By key.
  virtual StatusOr<std::vector<SourceRecord>> ListSources() = 0;

  // ---- sources (the reader) ----
  // The source whose key is exactly key.
  virtual StatusOr<std::optional<SourceRecord>> SourceByKey(const std::string& key) = 0;
  // The source's stored text (UTF-8), when it has one.
  virtual StatusOr<std::optional<std::string>> StoredText(int64_t source_row) = 0;
  // Up to limit claims citing the source, after skipping offset of them, with
  // their passages: by span (start, then end; claims without a span last),
  // then claim id.
  virtual StatusOr<std::vector<CitingClaimRecord>> ClaimsCiting(int64_t source_row, int64_t limit,
                                                                int64_t offset) = 0;

  // ---- lifespans and questions ----
  // The entity's lifespan bounds (start, then end) with their claims.
  virtual StatusOr<std::vector<LifespanBoundRecord>> LifespanOf(int64_t entity_row) = 0;
  // Every entity that has a lifespan, by key.
  virtual StatusOr<std::vector<EntityLifespanRecord>> Lifespans() = 0;
  // Every question with its claims and the entities it is about, by key.
  virtual StatusOr<std::vector<QuestionRecord>> Questions() = 0;
  // Every claim that cites a passage (a span of a stored text), with its
  // fact's summary and where it was written, by file, line, claim id.
  virtual StatusOr<std::vector<LintClaimRecord>> ClaimsToLint() = 0;
  // Entities whose attributes say they ended (status deceased or defunct,
  // death_date), with their lifespans, by key.
  virtual StatusOr<std::vector<LintEntityRecord>> EndedEntities() = 0;

  // ---- conflicts ----
  // Facts (other than questions) that some claims assert and others deny,
  // by fact id.
  virtual StatusOr<std::vector<int64_t>> ContestedFacts() = 0;
  // Events with two perpetrator entities or more (non-target participants),
  // at least one of them claiming it or two of them attributed, by row.
  virtual StatusOr<std::vector<int64_t>> EventsWithRivalPerpetrators() = 0;
  // Subjects and quantities with two estimates or more, by subject row and
  // quantity; and those estimates, by day then key.
  virtual StatusOr<std::vector<EstimateGroupRecord>> RepeatedEstimates() = 0;
  virtual StatusOr<std::vector<EstimateRecord>> EstimatesOf(int64_t subject_row,
                                                            const std::string& quantity) = 0;
  // Entities and attribute keys with two values or more among the entity's
  // own value and the values some claim asserts (ClaimedAttributesOf), by
  // entity row and key.
  virtual StatusOr<std::vector<AttributeGroupRecord>> DisagreeingAttributes() = 0;
  // Names (by NameKey) that two curated entities or more bear: one group per
  // name, by key; in a group, each entity's names of that key by entity row
  // and position.
  virtual StatusOr<std::vector<std::vector<NameOwnerRecord>>> SharedCuratedNames() = 0;

  // ---- verification ----
  // Sources other than official lists, by key.
  virtual StatusOr<std::vector<SourceHashRecord>> SourcesToVerify() = 0;
  // Every claim, by source key, span start, claim id.
  virtual StatusOr<std::vector<ClaimSpanRecord>> ClaimSpans() = 0;
};

}  // namespace vigil::store
