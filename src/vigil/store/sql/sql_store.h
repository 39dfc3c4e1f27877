// store::Store over the neutral SQL layer (store/sql/connection.h): every
// area's queries, written once for both backends. A backend (SqliteStore in
// store/sqlite/, PostgresStore in store/postgres/) derives from it and says
// how to open a connection; each thread gets its own, opened on first use
// with the store's access mode and closed with the store.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vigil/store/sql/connection.h"
#include "vigil/store/store.h"

namespace vigil::store::sql {

class SqlStore : public Store {
 public:
  ~SqlStore() override;

  const std::string& location() const override { return location_; }
  AccessMode mode() const override { return mode_; }
  StatusOr<std::string> StoreId() override;
  StatusOr<int64_t> Generation() override;

  // The calling thread's connection, opened on first use. For the store's
  // own implementation files (store/sql/*.cc).
  StatusOr<Connection*> ThreadConnection();

  // ---- knowledge (store/sql/knowledge.cc) ----
  StatusOr<std::optional<EntityRefRecord>> EntityRef(int64_t entity_row) override;
  StatusOr<std::vector<NameRecord>> NamesOf(int64_t entity_row) override;
  StatusOr<std::vector<ClaimRecord>> ClaimsOf(int64_t fact_id) override;
  StatusOr<std::optional<RelationRecord>> Relation(int64_t fact_id) override;
  StatusOr<std::optional<EventRecord>> Event(int64_t fact_id) override;
  StatusOr<std::optional<EstimateRecord>> Estimate(int64_t fact_id) override;
  StatusOr<std::optional<DesignationRecord>> Designation(int64_t fact_id) override;
  StatusOr<std::optional<ClaimedAttributeRecord>> ClaimedAttribute(int64_t fact_id) override;
  StatusOr<std::string> FactSummary(int64_t fact_id) override;
  StatusOr<std::optional<std::string>> FactType(int64_t fact_id) override;
  StatusOr<std::optional<ParticipantFactRecord>> Participant(int64_t fact_id) override;
  // (store/sql/entities.cc)
  StatusOr<std::optional<int64_t>> EntityByKey(const std::string& key) override;
  StatusOr<std::vector<NameMatchRecord>> EntitiesNamed(const std::string& name_key) override;
  StatusOr<std::vector<NameSuggestionRecord>> NamesContaining(const std::string& fragment,
                                                              int limit) override;
  StatusOr<std::optional<EntityRecord>> Entity(int64_t entity_row) override;
  StatusOr<std::vector<DesignationRecord>> DesignationsOf(int64_t entity_row) override;
  StatusOr<std::vector<DesignationRecord>> DesignationsBy(int64_t authority_row) override;
  StatusOr<std::vector<RelationRecord>> RelationsFrom(int64_t entity_row) override;
  StatusOr<std::vector<RelationRecord>> RelationsTo(int64_t entity_row) override;
  StatusOr<std::vector<EventRecord>> EventsOf(int64_t entity_row) override;
  StatusOr<std::vector<EstimateRecord>> EstimatesAbout(int64_t entity_row) override;
  StatusOr<std::vector<ClaimedAttributeRecord>> ClaimedAttributesOf(int64_t entity_row) override;
  StatusOr<std::vector<SharedNameRecord>> EntitiesSharingNames(int64_t entity_row) override;
  StatusOr<std::vector<LinkRecord>> LinksOf(int64_t entity_row) override;
  StatusOr<std::vector<int64_t>> CuratedCardsOf(int64_t entity_row) override;
  // (store/sql/lists.cc)
  StatusOr<std::vector<EntitySummaryRecord>> ListEntities(const std::string& kind,
                                                          const DayRange& days) override;
  StatusOr<std::vector<RelationRecord>> ListRelations(const std::string& predicate,
                                                      const DayRange& days) override;
  StatusOr<std::vector<EventRecord>> ListEvents(const std::string& type,
                                                const DayRange& days) override;
  // (store/sql/lifespans.cc)
  StatusOr<std::vector<LifespanBoundRecord>> LifespanOf(int64_t entity_row) override;
  StatusOr<std::vector<EntityLifespanRecord>> Lifespans() override;
  StatusOr<std::vector<QuestionRecord>> Questions() override;
  StatusOr<std::vector<LintClaimRecord>> ClaimsToLint() override;
  StatusOr<std::vector<LintEntityRecord>> EndedEntities() override;
  StatusOr<std::vector<EstimateRecord>> ListEstimates(const std::string& as_of_day) override;
  // (store/sql/events.cc)
  StatusOr<std::vector<EventFactRecord>> EventFacts(const std::string& key) override;
  StatusOr<std::vector<SourceRecord>> ListSources() override;
  StatusOr<std::optional<SourceRecord>> SourceByKey(const std::string& key) override;
  StatusOr<std::optional<std::string>> StoredText(int64_t source_row) override;
  StatusOr<std::vector<CitingClaimRecord>> ClaimsCiting(int64_t source_row, int64_t limit,
                                                        int64_t offset) override;
  // (store/sql/conflicts.cc)
  StatusOr<std::vector<int64_t>> ContestedFacts() override;
  StatusOr<std::vector<int64_t>> EventsWithRivalPerpetrators() override;
  StatusOr<std::vector<EstimateGroupRecord>> RepeatedEstimates() override;
  StatusOr<std::vector<AttributeGroupRecord>> DisagreeingAttributes() override;
  StatusOr<std::vector<EstimateRecord>> EstimatesOf(int64_t subject_row,
                                                    const std::string& quantity) override;
  StatusOr<std::vector<std::vector<NameOwnerRecord>>> SharedCuratedNames() override;
  StatusOr<std::vector<SourceHashRecord>> SourcesToVerify() override;
  StatusOr<std::vector<ClaimSpanRecord>> ClaimSpans() override;

  // ---- graph (store/sql/graph.cc) ----
  StatusOr<GraphRecords> GraphView() override;
  StatusOr<std::vector<NameLikeRecord>> EntitiesNamedLike(std::string_view name_key,
                                                           int limit) override;
  StatusOr<bool> HasPartyLabel(std::string_view label) override;
  StatusOr<std::vector<std::map<std::string, std::string>>> AttributesOf(
      std::span<const int64_t> entity_rows) override;

  // ---- screening (store/sql/screening.cc) ----
  StatusOr<std::vector<ScreeningRecord>> ReadScreeningRecords() override;
  StatusOr<std::vector<ListVersionRecord>> ReadListVersions() override;
  StatusOr<std::string> ScreeningFingerprint() override;

  // ---- load (store/sql/load.cc) ----
  StatusOr<std::vector<DatasetWriteRecord>> ApplyBatches(const std::vector<const Batch*>& batches,
                                                         const ApplyHooks& hooks) override;

  // ---- accounts (store/sql/accounts.cc) ----
  Status InsertToken(const TokenRecord& token) override;
  StatusOr<std::optional<TokenRecord>> FindToken(const std::string& public_id) override;
  StatusOr<std::vector<TokenRecord>> ListTokens() override;
  Status RevokeToken(const std::string& name, const std::string& at) override;
  Status InsertPsiEpoch(const PsiEpochRecord& epoch) override;
  StatusOr<std::optional<PsiEpochRecord>> FindPsiEpoch(const std::string& id) override;
  StatusOr<std::optional<PsiEpochRecord>> LivePsiEpoch(const std::string& list,
                                                       const std::string& mode) override;
  StatusOr<std::vector<PsiEpochRecord>> LivePsiEpochs() override;
  StatusOr<std::vector<int64_t>> AppendAudit(const std::vector<AuditEntry>& entries) override;
  StatusOr<std::string> AuditHead() override;
  Status ReadAudit(const std::string& from, const std::string& to,
                   const std::function<bool(const AuditRecord&)>& visit) override;

  // ---- decisions and monitoring (store/sql/monitoring.cc) ----
  StatusOr<DecisionRecord> InsertDecision(DecisionRecord decision,
                                          const AuditEntry& audit) override;
  StatusOr<bool> HasDecisions() override;
  StatusOr<std::vector<DecisionRecord>> FindDecisions(const std::string& subject_key,
                                                      const std::string& record_key) override;
  StatusOr<std::vector<int64_t>> InsertMonitors(const std::vector<MonitorState>& monitors) override;
  StatusOr<std::vector<MonitorState>> ReadMonitors() override;
  Status RemoveMonitor(int64_t id, const std::string& at) override;
  StatusOr<std::vector<int64_t>> ApplyMonitorUpdates(
      const std::vector<MonitorUpdate>& updates) override;
  StatusOr<std::vector<AlertRecord>> ReadAlerts(int64_t monitor_id, int64_t since_id,
                                                int64_t limit) override;

  StatusOr<std::vector<DictionaryNameRecord>> DictionaryNames() override;
  StatusOr<SavedReading> SaveReading(const ReadingSourceRecord& source,
                                     const std::vector<MentionRecord>& mentions,
                                     const std::vector<ProposalRecord>& proposals) override;
  StatusOr<std::vector<ReadingSourceRecord>> ReadingSources(bool with_text) override;
  StatusOr<std::vector<MentionRecord>> MentionsOf(const std::string& source_key) override;
  StatusOr<std::vector<ProposalRecord>> Proposals(const std::string& source_key,
                                                  const std::string& status) override;
  StatusOr<std::optional<ProposalRecord>> FindProposal(int64_t id) override;
  Status UpdateProposal(const ProposalRecord& proposal) override;

 private:
  // A source's text with its code-point offsets, read once per store.
  struct SourceText {
    std::string text;
    std::vector<size_t> offsets;
  };
  std::shared_ptr<const SourceText> TextOf(Connection& db, int64_t source_row);
  // A claim from a row of kClaimColumns (store/sql/knowledge.cc), with
  // its passage and party.
  StatusOr<ClaimRecord> ReadClaim(Connection& db, const Statement& row);
  // A relation's effective validity (relation_validity) into r.
  Status ReadValidity(Connection& db, RelationRecord* r);
  std::mutex texts_mutex_;
  std::map<int64_t, std::shared_ptr<const SourceText>> texts_;

  std::string location_;
  AccessMode mode_;
  std::mutex mutex_;
  std::map<std::thread::id, std::unique_ptr<Connection>> connections_;

 protected:
  SqlStore(std::string location, AccessMode mode)
      : location_(std::move(location)), mode_(mode) {}
  // A new connection with the store's access mode (creating and migrating
  // the store when mode allows).
  virtual StatusOr<std::unique_ptr<Connection>> OpenConnection() = 0;
  // The connections, for a backend's destructor, which must close them
  // itself: ~SqlStore runs after the backend's part is gone.
  std::map<std::thread::id, std::unique_ptr<Connection>>& connections() { return connections_; }
};

}  // namespace vigil::store::sql
