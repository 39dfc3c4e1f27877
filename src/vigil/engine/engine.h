// The one API the front ends call: load, show, list, conflicts, verify,
// and network analysis.
//
// Options come in as typed structs and results go out as typed structs
// (engine/load.h, entity_card.h, list_request.h, conflict_report.h,
// verify_report.h); their JSON, whose shapes docs/cli.md documents and keeps
// stable, is built in engine/json/ only. Errors about options name the
// option's field ("as_of: ...", base/status.h FieldError). All reading and
// writing goes through store::Store.
//
//   auto engine = Engine::Open("vigil.db", store::AccessMode::kReadOnly);
//   auto card = (*engine)->Show("Siraj Haqqani");   // resolves aliases
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/accounts.h"
#include "vigil/engine/analysis.h"
#include "vigil/engine/audit.h"
#include "vigil/engine/batch.h"
#include "vigil/engine/screening.h"
#include "vigil/engine/search.h"
#include "vigil/engine/conflict_report.h"
#include "vigil/engine/decisions.h"
#include "vigil/engine/entity_card.h"
#include "vigil/engine/events.h"
#include "vigil/engine/lint.h"
#include "vigil/engine/list_request.h"
#include "vigil/engine/list_swap.h"
#include "vigil/engine/load.h"
#include "vigil/engine/monitoring.h"
#include "vigil/engine/reading.h"
#include "vigil/engine/source_reader.h"
#include "vigil/engine/verify_report.h"
#include "vigil/psi/exchange.h"
#include "vigil/store/store.h"

namespace vigil {

using Json = nlohmann::ordered_json;

class Engine {
 public:
  static StatusOr<std::unique_ptr<Engine>> Open(const std::string& db_path,
                                                store::AccessMode mode);
  ~Engine();  // stops WatchStore()'s thread

  // ---- knowledge: load, resolve, show, list, conflicts, verify ----
  // Reads and checks a dataset without touching any database, so that bad
  // input is refused before a database file is even created.
  static StatusOr<Batch> Read(const std::vector<std::string>& paths, const LoadOptions& options);
  // Reads every dataset the paths make: YAML files and folders (the curated
  // dataset) and official lists, recognised by content (ingest/inputs.h).
  static StatusOr<std::vector<Batch>> ReadAll(const std::vector<std::string>& paths,
                                              const LoadOptions& options);
  // Writes a checked batch in one transaction (see ApplyAll).
  StatusOr<LoadReport> Apply(const Batch& batch, const LoadOptions& options = {});
  // Writes batches in one transaction. Inside it: merges each part of a
  // curated dataset into the stored one (engine/curated_merge.h), compares
  // each new version with the stored one as it is written and refuses,
  // rolling everything back, a version that is older or removes too much
  // (CheckReplacement in engine/dataset_changes.h), and recomputes the
  // links between list records and the curated knowledge base
  // (engine/linking.h).
  StatusOr<std::vector<LoadReport>> ApplyAll(const std::vector<Batch>& batches,
                                             const LoadOptions& options = {});
  // Read() then Apply().
  StatusOr<LoadReport> Load(const std::vector<std::string>& paths, const LoadOptions& options);
  // The whole of `vigil load`: ReadAll(), then ApplyAll() on the database at
  // db_path, which is created only when every dataset passed the checks of
  // reading (a part of a curated dataset is checked on its own when there
  // is no database yet to merge it into). OFAC CSV sets are read as they
  // are written (InputOptions::stream_lists): their records are checked in
  // the load's transaction, and a database the load created is removed
  // when they fail.
  static StatusOr<std::vector<LoadReport>> LoadFiles(const std::string& db_path,
                                                     const std::vector<std::string>& paths,
                                                     const LoadOptions& options);

  // Entity id or any of its names (case, diacritics, punctuation and script
  // folded); a name of a list record linked to one curated card resolves to
  // the card. NotFound with suggestions, or InvalidArgument when ambiguous.
  StatusOr<int64_t> Resolve(const std::string& name_or_id, std::string* matched_name = nullptr);

  // The store's generation, raised by every load that changes a dataset:
  // whatever was read from the store stays true while it holds.
  StatusOr<int64_t> Generation() { return store_->Generation(); }

  // The card of the entity Resolve() finds.
  StatusOr<EntityCard> Show(const std::string& name_or_id, const ShowOptions& options = {});
  // What `vigil show` shows: the entity Resolve() finds or, when no entity
  // has that name or id, the event whose id it is (imported events
  // included); Resolve()'s error when neither. The options filter an
  // entity's relations.
  StatusOr<std::variant<EntityCard, EventCard>> ShowEntityOrEvent(
      const std::string& name_or_id, const ShowOptions& options = {});
  // The rows of a table; request.Validate()'s field errors first.
  StatusOr<ListResult> List(const ListRequest& request);
  StatusOr<ConflictReport> Conflicts();
  // The linter's findings over the whole store (engine/lint.h).
  StatusOr<LintReport> Lint();
  // ---- event analytics (engine/events.h) ----
  // Events filtered by actor (and the entities under it), dates, place,
  // type and party; field errors from query.Validate() first, NotFound
  // naming the actor.
  StatusOr<EventsResult> Events(const EventQuery& query);
  // An actor's events over time: counts and deaths by period with the
  // change signal, by place, dyads and their trend, claimed versus
  // attributed attacks.
  StatusOr<ActivityResult> Activity(const ActivityQuery& query);
  // The event of that id (any dataset), with its actors' links; NotFound.
  StatusOr<EventCard> ShowEvent(const std::string& id);
  // The entity and every entity faction_of, affiliate_of or part_of it,
  // transitively (keys).
  StatusOr<std::vector<std::string>> EntitiesUnder(const std::string& key);
  // A source's text and a page of the claims citing it, each with its fact
  // (engine/source_reader.h); field errors from request.Validate(), NotFound
  // when no source has the id.
  StatusOr<SourceDocument> Source(const SourceRequest& request);
  // Checks every stored claim's span against the text in request.texts
  // whose SHA-256 matches its source; a field error on "texts" when it is
  // not a folder. The report's ok() is false when any span is bad.
  StatusOr<VerifyReport> Verify(const VerifyRequest& request);

  // Network analysis of the knowledge base (engine/analysis.h,
  // docs/network-analysis.md); options are checked first (field errors).
  // The store's graph view: entities in relations, ties filtered by options.
  StatusOr<AnalysisNetwork> Network(const GraphViewOptions& options);
  // Designated entities reachable from an entity, ranked, with the best
  // paths to each and the relations and claims behind every step.
  StatusOr<ExposureResult> Exposure(const std::string& name, const ExposureOptions& options);
  // The k strongest paths between two entities, with citations.
  StatusOr<PathsResult> Paths(const std::string& from, const std::string& to,
                              const PathsOptions& options);
  // The part of the graph view around the focus entities, for drawing it:
  // nodes within options.depth hops (with kind, designations, attributes)
  // and every relation of the view among them, with its confidence and
  // claims. Field errors from options.Validate(); NotFound naming "focus".
  StatusOr<NeighbourhoodResult> Neighbourhood(const NeighbourhoodOptions& options);
  // Latency of Exposure() for benchmarks: snapshot load, graph query
  // (median of runs) and the whole call with citations and their JSON.
  StatusOr<ExposureTimingResult> ExposureTiming(const std::string& name,
                                                const ExposureOptions& options, int runs);

  // ---- screening (engine/screening.h, engine/batch.h; docs/screening.md) ----
  // Every screening call below is thread-safe and uses the Engine's watch
  // list, built (or read back from the store's cache) by the first call
  // that needs it, or by PrepareScreening(): the store as it was then,
  // until RefreshScreening() (or WatchStore()) swaps in a newer one
  // (engine/list_swap.h).

  // Builds the watch list now, analysing names on `threads` threads (0: all
  // cores); does nothing once it is built.
  Status PrepareScreening(unsigned threads = 0);
  // One name against every designated record: InvalidArgument naming the
  // field when request.Validate() fails.
  StatusOr<ScreenResponse> Screen(const ScreenRequest& request);
  // The list versions screened against (datasets that designate anything).
  StatusOr<std::vector<match::ListVersion>> ListVersions();
  StatusOr<ScreeningStats> ScreeningStatistics();
  // Two names scored and explained, without the store.
  static StatusOr<Comparison> Compare(const CompareRequest& request);
  // The checks ScreenBatch() makes before screening (settings, then
  // columns), without the store: front ends call it before opening one.
  static Status CheckBatch(const BatchRequest& request, const RowSource& rows);
  // Screens every row of rows, writing the output rows to out in input
  // order, a chunk at a time (request.chunk_rows, fewer when their output
  // passes kBatchChunkBytes) screened on request.threads; progress, when
  // given, is called on this thread after each chunk. NotFound when the
  // store designates nothing.
  StatusOr<BatchSummary> ScreenBatch(const BatchRequest& request, RowSource& rows,
                                     BatchSink& out, const BatchProgressCallback& progress = {});
  // A BatchScreener for rows that arrive in pieces (the HTTP API): with the
  // input's columns, or std::nullopt for JSON lines whose keys the first
  // piece gives. input names the rows in problems.
  StatusOr<std::unique_ptr<BatchScreener>> StartBatch(
      const BatchRequest& request, std::optional<std::vector<std::string>> columns,
      const std::string& input);
  // Each row (columns name_a, name_b, kind) compared as Compare() would,
  // with defaults' kind and threshold: one JSON line per pair to out.
  static StatusOr<PairsSummary> ComparePairs(const CompareRequest& defaults, RowSource& rows,
                                             BatchSink& out);
  // ---- list updates while serving (engine/list_swap.h) ----
  // When the store's generation differs from the served snapshot's, builds
  // a new snapshot beside it (names analysed on `threads` threads, 0: all
  // cores) and swaps it in; requests in flight keep the old one. True when
  // it swapped; false when the snapshot is current or was never built.
  StatusOr<bool> RefreshScreening(unsigned threads = 0);
  // A thread that calls RefreshScreening() every interval (errors are
  // kept, see SnapshotInfo), until StopWatching() or the Engine's end.
  void WatchStore(std::chrono::milliseconds interval, unsigned threads = 0);
  void StopWatching();
  ScreeningSnapshotInfo SnapshotInfo() const;
  // Loads one official list file given as bytes, as `vigil load` loads a
  // file (the same checks and refusals, one transaction), then swaps the
  // screening snapshot. InvalidArgument for a body that is no list (or a
  // curated dataset), ResourceExhausted over kMaxListUploadBytes,
  // FailedPrecondition when the store refuses the version (older, or
  // removes too much: allow_older, allow_shrink).
  StatusOr<std::vector<LoadReport>> LoadUpload(const ListUpload& upload);
  // ---- search and look-up (engine/search.h) ----
  // Designated records and knowledge-base entities by any name in any
  // script; field errors from request.Validate() first.
  StatusOr<SearchResult> Search(const SearchRequest& request);
  // The listed records with these keys, as hits without a score, in the
  // order asked; keys that name no listed record are left out.
  StatusOr<std::vector<ScreenHit>> Records(const std::vector<std::string>& keys);
  // Entities (lists and knowledge base) with a name that contains the
  // prefix once folded, shortest name first; at most limit
  // (1..kSuggestMaxLimit).
  StatusOr<std::vector<NameSuggestion>> Suggest(const std::string& prefix, size_t limit);

  // ---- reading new reporting (engine/reading.h, docs/reading.md) ----
  // Stores the article, reads it against the curated names and queues its
  // proposals; reading the same text again adds nothing. Field errors from
  // request.Validate().
  StatusOr<ReadResult> ReadArticle(const ReadRequest& request);
  // The review queue.
  StatusOr<std::vector<store::ProposalRecord>> Review(const ReviewRequest& request);
  // Records a decision and writes the `reading` dataset again. NotFound for
  // an unknown id; field errors name the edited field (subject, predicate,
  // object, party: unknown entity or predicate; span: outside the text).
  StatusOr<store::ProposalRecord> Decide(const ReviewDecision& decision);
  // The mentions stored for a source read.
  StatusOr<std::vector<store::MentionRecord>> Mentions(const std::string& source_key);

  // ---- accounts and audit (engine/accounts.h, engine/audit.h) ----
  // API tokens and roles.
  Accounts& accounts() { return accounts_; }
  // The hash-chained audit log (its writer thread starts with the first
  // call).
  AuditLog& audit();

  // ---- private watchlist matching (engine/psi.cc, psi/exchange.h, docs/psi.md) ----
  // The list holder's side. A new epoch for `list` (a loaded dataset with
  // designated records), its key kept in the store, retiring the live
  // epoch of the same list and mode; returns the setup to publish. NotFound
  // naming "list" when no dataset of that name designates anything.
  // Audited ("psi.setup": list, mode, epoch, entries). Verifiable: RFC
  // 9497's VOPRF mode, the setup naming the key's public half and every
  // response proving that it was made with that key.
  StatusOr<psi::Setup> PsiExportSetup(const std::string& list, psi::Mode mode,
                                      const std::string& actor, bool verifiable = false);
  // Answers a client's request against a live epoch: NotFound for an
  // unknown epoch (or one of another list than only_list, when given),
  // FailedPrecondition for a retired one (with when), OutOfRange past cap
  // keys, InvalidArgument for a bad element. Audited: "psi.respond"
  // (epoch, keys, seconds) or "psi.refused" (epoch, keys, reason), never
  // the elements.
  StatusOr<psi::Response> PsiRespond(const psi::Request& request, size_t cap,
                                     const std::string& actor, const std::string& only_list = "");
  // Every live epoch (what GET /v1/psi/setups lists).
  StatusOr<std::vector<psi::Offer>> PsiOffers();
  // The epoch `vigil psi serve` offers for a list. epoch "": the live one
  // of the list and mode (exact when not given), or a new one when none is
  // live; "new": a new one (retiring the live one); else that stored
  // epoch, which must be live and of that list (its mode, or
  // InvalidArgument naming "mode" when another was given). A new epoch is
  // made and audited as PsiExportSetup does.
  StatusOr<psi::Offer> PsiServeEpoch(const std::string& list, std::optional<psi::Mode> mode,
                                     const std::string& epoch, bool verifiable,
                                     const std::string& actor);
  // The live epoch's setup of a list and mode, for a querier to fetch
  // (made from the stored key once per epoch and process, then kept):
  // NotFound naming "list" when none was exported.
  StatusOr<std::shared_ptr<const std::string>> PsiLiveSetup(const std::string& list,
                                                            psi::Mode mode);

  // ---- decisions and monitoring (engine/decisions.h, engine/monitoring.h) ----
  // Records a screener's decision on a listed record for a subject, with the
  // record's digest and list version, in the store and as an audit row
  // (action "decision"). Field errors from request.Validate(); NotFound
  // naming "record" when no screened record has the key.
  StatusOr<Decision> Decide(const DecisionRequest& request, const std::string& actor);
  // Decisions by subject and/or record, oldest first, each marked stale when
  // its record changed since.
  StatusOr<std::vector<Decision>> Decisions(const DecisionQuery& query);
  // Puts subjects under monitoring, screening each now (its hits are kept);
  // field errors from MonitorSubject::Validate(), nothing written.
  StatusOr<std::vector<Monitor>> AddMonitors(const std::vector<MonitorSubject>& subjects,
                                             const std::string& actor);
  // The monitors not removed, by id.
  StatusOr<std::vector<Monitor>> Monitors();
  // NotFound naming "id" when no live monitor has it.
  Status RemoveMonitor(int64_t id, const std::string& actor);
  // Screens every monitored subject again against the lists as the store
  // holds them now, and records an alert, naming cause, for each hit that is
  // new, changed or removed (engine/monitoring.h). ApplyAll() calls it after
  // a load that changed a dataset.
  StatusOr<RescreenSummary> RescreenMonitors(const std::string& cause);
  // Alerts after query.since, oldest first.
  StatusOr<std::vector<Alert>> Alerts(const AlertQuery& query);

 private:
  // Decision memory (engine/decisions.cc): the earlier decisions on each
  // hit's record for the same subject. Costs nothing while the store holds
  // no decision: MayHaveDecisions() asks the store at most once a second
  // until it holds one; then one indexed lookup per screening with hits. A
  // failed lookup fails the screening (showing no decision would mislead).
  Status AttachDecisions(const std::shared_ptr<const ScreeningService>& service,
                         const ScreenRequest& request, ScreenResponse* response);
  // For a batch: every decision, read once (null when there is none).
  StatusOr<std::shared_ptr<const DecisionBook>> DecisionsFor(
      const std::shared_ptr<const ScreeningService>& service);
  // The records and digests of a snapshot, built on first need and kept
  // while it is the one screened.
  std::shared_ptr<const RecordDigests> DigestsFor(
      const std::shared_ptr<const ScreeningService>& service);
  std::mutex digests_mutex_;
  std::shared_ptr<const RecordDigests> digests_;
  bool MayHaveDecisions();
  // After a load that changed datasets: RescreenMonitors() with the changes
  // as cause, its summary on the first changed report, or its failure as a
  // warning there (the load itself stands).
  void RescreenAfterLoad(std::vector<LoadReport>* reports);
  std::atomic<bool> decisions_exist_{false};
  std::atomic<int64_t> decisions_next_check_{0};  // steady_clock ticks

  explicit Engine(std::unique_ptr<store::Store> store)
      : store_(std::move(store)), accounts_(*store_) {}
  std::unique_ptr<store::Store> store_;

  // ---- screening (engine/list_swap.cc) ----
  // The watch list served: built or replaced under screening_mutex_, read
  // without it (an atomic copy of the pointer).
  StatusOr<std::shared_ptr<const ScreeningService>> Screening(unsigned threads = 0);
  // Builds a snapshot of the store as it is and serves it; under
  // screening_mutex_.
  Status BuildAndSwap(unsigned threads);
  std::mutex screening_mutex_;
  std::atomic<std::shared_ptr<const ScreeningService>> screening_;
  mutable std::mutex info_mutex_;
  ScreeningSnapshotInfo info_;
  std::mutex watch_mutex_;
  std::condition_variable watch_wake_;
  bool watch_stop_ = false;
  std::thread watcher_;
  Accounts accounts_;
  std::mutex psi_mutex_;
  std::map<std::string, std::shared_ptr<const std::string>> psi_setups_;  // by epoch id
  std::once_flag audit_once_;
  std::unique_ptr<AuditLog> audit_;
};

}  // namespace vigil
