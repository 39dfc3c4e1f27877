// The one API the front ends call: load, show, list, conflicts, verify.
//
// Results come back as JSON values whose shapes are documented in
// docs/cli.md and are stable: the CLI prints them with --json, renders them
// as text otherwise, and the HTTP API will serve them as they are.
//
//   auto engine = Engine::Open("vigil.db", store::AccessMode::kReadOnly);
//   auto card = (*engine)->Show("Siraj Haqqani");   // resolves aliases
#pragma once

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/accounts.h"
#include "vigil/engine/analysis.h"
#include "vigil/engine/audit.h"
#include "vigil/store/sqlite/batch_writer.h"
#include "vigil/store/sqlite/database.h"
#include "vigil/store/store.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// A new version of a dataset may remove, of each kind of record, at most
// this share of the stored ones, or fewer than kShrinkMinimum, and may not
// leave out a kind the stored version holds, unless LoadOptions::allow_shrink
// (docs/data-model.md, docs/lists.md).
inline constexpr double kShrinkShare = 0.10;
inline constexpr int64_t kShrinkMinimum = 10;

// What a load reads and how it may change the store. Refusals name the
// fields below in their messages ("(allow_shrink)"); front ends map their
// own flags onto them.
struct LoadOptions {
  std::string dataset;    // default: "curated" for YAML, the list's own for lists
  std::string texts_dir;  // check spans against these texts and store them
  std::string format = "auto";  // auto | yaml | un-xml | ofac-xml | ofac-csv
  // Curated (YAML) data: kAuto replaces the stored dataset with a whole one
  // (sources and entities given) and merges a part into it; kMerge always
  // merges (adds and updates records by id, removes none); kReplace always
  // replaces, accepting whatever that removes.
  CuratedMode curated_mode = CuratedMode::kAuto;
  bool allow_older = false;   // load a list published before the stored version
  bool allow_shrink = false;  // accept removing more than kShrinkShare of a kind, or a kind
};

struct ListFilter {
  std::string kind;       // entity kind, or event type for events
  std::string predicate;  // relations only
  std::string as_of;      // "YYYY-MM-DD": what held / had happened on that day
};

class Engine {
 public:
  static StatusOr<std::unique_ptr<Engine>> Open(const std::string& db_path,
                                                store::AccessMode mode);

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
  // each new version with the stored one and refuses, writing nothing, a
  // version that is older or removes too much (CheckReplacement in
  // engine/dataset_changes.h), and recomputes the links between list
  // records and the curated knowledge base (engine/linking.h).
  StatusOr<std::vector<LoadReport>> ApplyAll(const std::vector<Batch>& batches,
                                             const LoadOptions& options = {});
  // Read() then Apply().
  StatusOr<LoadReport> Load(const std::vector<std::string>& paths, const LoadOptions& options);
  // The whole of `vigil load`: ReadAll(), then ApplyAll() on the database at
  // db_path, which is created only when every dataset passed its checks (a
  // part of a curated dataset is checked on its own when there is no
  // database yet to merge it into).
  static StatusOr<std::vector<LoadReport>> LoadFiles(const std::string& db_path,
                                                     const std::vector<std::string>& paths,
                                                     const LoadOptions& options);

  // Entity id or any of its names (case, diacritics, punctuation and script
  // folded). NotFound with suggestions, or InvalidArgument when ambiguous.
  StatusOr<int64_t> Resolve(const std::string& name_or_id, std::string* matched_name = nullptr);

  StatusOr<Json> Show(const std::string& name_or_id);
  // what: entities | relations | events | estimates | sources
  StatusOr<Json> List(const std::string& what, const ListFilter& filter);
  StatusOr<Json> Conflicts();
  // Checks every stored claim's span against the text in texts_dir whose
  // SHA-256 matches its source. The result's "ok" is false when any is bad.
  StatusOr<Json> Verify(const std::string& texts_dir);

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
  // Latency of Exposure() for benchmarks: snapshot load, graph query
  // (median of runs) and the whole call with citations and their JSON.
  StatusOr<ExposureTimingResult> ExposureTiming(const std::string& name,
                                                const ExposureOptions& options, int runs);

  // ---- accounts and audit (engine/accounts.h, engine/audit.h) ----
  // API tokens and roles.
  Accounts& accounts() { return accounts_; }
  // The hash-chained audit log (its writer thread starts with the first
  // call).
  AuditLog& audit();

  // Transitional (issue 8, step 0): the opening thread's SQLite
  // connection, for the engine code whose SQL has not yet moved behind
  // store::Store. Goes away with the last such use.
  Database& db() { return *db_; }

 private:
  Engine(std::unique_ptr<store::Store> store, Database* db)
      : store_(std::move(store)), db_(db), accounts_(*store_) {}
  std::unique_ptr<store::Store> store_;
  Database* db_;
  Accounts accounts_;
  std::once_flag audit_once_;
  std::unique_ptr<AuditLog> audit_;
};

}  // namespace vigil
