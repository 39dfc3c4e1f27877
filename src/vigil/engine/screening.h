// Screening over the store: the watch list of every designated record,
// its candidate index, and the documented JSON of a screening result.
//
//   auto engine = Engine::Open("vigil.db", Database::Mode::kReadOnly);
//   auto service = ScreeningService::Build((*engine)->db());
//   match::ScreenQuery q;  q.name = "Sirajuddin Haqqani";
//   StatusOr<Json> result = (*service)->ScreenJson(q);   // shape: docs/screening.md
//
// Which records are screened: every entity with at least one designation,
// from any dataset (the official lists, and the curated knowledge base's
// designated groups and people). Built once (names analysed on all cores)
// and saved beside the database as DB.screening, which the next command
// reads back when the datasets are unchanged (see match/snapshot.h);
// Screen() and ScreenJson() are then thread-safe.
#pragma once

#include <memory>

#include "vigil/base/status.h"
#include "vigil/engine/engine.h"
#include "vigil/match/candidate_index.h"
#include "vigil/match/screener.h"
#include "vigil/match/watchlist.h"

namespace vigil {

struct ScreeningStats {
  size_t records = 0, names = 0, index_keys = 0, index_postings = 0;
  size_t index_bytes = 0;   // the candidate index's arrays
  double read_ms = 0;       // reading records from the store
  double build_ms = 0;      // analysing names and building the index
  bool from_snapshot = false;  // read back from DB.screening, nothing analysed
};

class ScreeningService {
 public:
  // threads: 0 = all cores; capped by match::WorkerThreads().
  static StatusOr<std::unique_ptr<ScreeningService>> Build(Database& db, unsigned threads = 0);
  // From records already read (tests, benchmarks).
  static std::unique_ptr<ScreeningService> FromRecords(std::vector<match::RecordInput> records,
                                                       std::vector<match::ListVersion> versions,
                                                       unsigned threads = 0);

  // The query must pass query.Validate().
  match::ScreenResult Screen(const match::ScreenQuery& query) const {
    return screener_->Screen(query);
  }
  // The whole documented result: query, lists, hits with explanations; or
  // InvalidArgument naming the field when query.Validate() fails.
  StatusOr<Json> ScreenJson(const match::ScreenQuery& query) const;
  Json ResultJson(const match::ScreenQuery& query, const match::ScreenResult& result,
                  double elapsed_ms) const;
  Json HitJson(const match::Hit& hit, size_t rank) const;
  Json ListsJson() const;

  const match::WatchList& list() const { return list_; }
  const match::CandidateIndex& index() const { return index_; }
  const ScreeningStats& stats() const { return stats_; }

 private:
  ScreeningService() = default;
  void Finish();  // the screener and the statistics, once list and index are set

  match::WatchList list_;
  match::CandidateIndex index_;
  std::unique_ptr<match::Screener> screener_;
  ScreeningStats stats_;
};

// Reads every designated record from the store (exposed for benchmarks).
StatusOr<std::vector<match::RecordInput>> ReadScreeningRecords(Database& db);
StatusOr<std::vector<match::ListVersion>> ReadListVersions(Database& db);

}  // namespace vigil
