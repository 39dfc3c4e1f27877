// Screening for the front ends: what a query asks (ScreenRequest,
// CompareRequest), what comes back (ScreenResponse, Comparison), and the
// service that holds the watch list of every designated record with its
// candidate index.
//
//   auto engine = Engine::Open("vigil.db", store::AccessMode::kReadOnly);
//   ScreenRequest request;  request.name = "Serajuddin Haqani";  request.dob = "1973";
//   StatusOr<ScreenResponse> r = (*engine)->Screen(request);
//   Json j = ToJson(*r);   // engine/json/screening_json.h, docs/screening.md
//
// Requests hold what a front end takes from its user, as text where the
// user types text; Validate() checks every field and names the one that is
// wrong ("dob: 'last year' is not a date (...)"). Results are plain data,
// copied out of the watch list: they outlive the Engine.
//
// Which records are screened: every entity with at least one designation,
// from any dataset (the official lists, and the curated knowledge base's
// designated groups and people). The watch list is built once per Engine
// (names analysed on all cores) and saved beside the store
// (ScreeningStore::ScreeningCachePath), from where the next process reads it
// back while the datasets are unchanged (match/snapshot.h). A
// ScreeningService is immutable once built: Screen() may run on many
// threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/decisions.h"
#include "vigil/match/candidate_index.h"
#include "vigil/match/explain.h"
#include "vigil/match/screener.h"
#include "vigil/match/watchlist.h"
#include "vigil/store/screening_store.h"
#include "vigil/text/invisible.h"

namespace vigil {

inline constexpr double kDefaultScreenThreshold = match::kDefaultScreenThreshold;
inline constexpr double kDefaultCompareThreshold = match::kDefaultThreshold;
inline constexpr size_t kDefaultTop = 10;

// One name to screen.
struct ScreenRequest {
  std::string name;     // in any script
  std::string dob;      // YYYY, YYYY-MM, YYYY-MM-DD, ~YYYY or FROM/TO; "" for none
  std::string country;  // an ISO code or an English name; "" for none
  std::string kind;     // person | organization | any; "" for any
  double threshold = kDefaultScreenThreshold;  // lowest score reported, 0 to 1
  size_t top = kDefaultTop;                    // hits reported at most, 1 to 1000
  // Also trace every part of the query and of each hit's matched name back
  // to the words it was read from (match::PartSources), so that an
  // explanation can be drawn as an alignment of the names as written. Costs
  // a second analysis of the query and of each hit's name: vigil screen and
  // POST /v1/screen ask for it; batches, searches and yente's /match do not.
  bool part_sources = false;

  // InvalidArgument naming the field (kind, name, threshold, top, dob,
  // country, in that order of checking).
  Status Validate() const;
};

// The query as it was screened.
struct ScreenedQuery {
  std::string name, birth_date, country;  // as given ("" when none)
  match::NameKind kind = match::NameKind::kAny;
  CleanedText cleaning;           // what was removed before analysis
  match::AnalyzedName analysis;   // of the name as written
  // Of the name as shown on screen, when bidi controls reorder it
  // (cleaning.displayed is set).
  std::optional<match::AnalyzedName> displayed_analysis;
  // The written text of each part of analysis and displayed_analysis, when
  // the request asked for part_sources (else empty).
  std::vector<std::string> part_sources, displayed_part_sources;
};

struct MatchedName {
  std::string text, type, script;  // type: primary | alias | weak_alias | ...
};

// A listed record that met the query, with why.
struct ScreenHit {
  size_t rank = 0;  // 1 for the best
  std::string entity, name, kind, dataset;  // the record's key, display name, entity kind
  double score = 0;       // final, in [0, 1]
  double rank_score = 0;  // the score before it is held to [0, 1]: hits' order
  double name_score = 0;  // before other evidence
  MatchedName matched_name;
  std::vector<std::string> references;  // the list's own ids, the record's first
  std::vector<std::string> programs;    // of its designations, each once
  std::vector<match::DesignationInfo> designations;
  std::vector<std::string> nationalities;  // ISO codes
  std::string linked;  // the same entity in another dataset, "" when none
  bool displayed = false;  // met by the reading shown on screen (bidi controls)
  match::NameComparison comparison;  // which part met which, how
  // The matched name's parts as analysed (the comparison's pairs index
  // them), and with part_sources the written text of each.
  std::vector<match::NamePart> candidate_parts;
  std::vector<std::string> candidate_sources;
  std::vector<match::Evidence> evidence;  // what birth date, country, weak aliases did
  // Every name of the record, and its birth dates as written in ISO form
  // (YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO): for shapes that show the whole
  // record (yente's FtM entities). Not part of vigil's own hit JSON.
  std::vector<MatchedName> names;
  std::vector<std::string> birth_dates;
  // Decision memory: earlier decisions on this record for the same subject
  // (Engine::Screen; engine/decisions.h), oldest first.
  std::vector<Decision> decisions;
};

struct ScreenResponse {
  ScreenedQuery query;
  double threshold = kDefaultScreenThreshold;
  std::vector<match::ListVersion> lists;  // the list versions screened against
  std::vector<ScreenHit> hits;            // best first
  size_t candidates = 0;                  // listed names scored
  bool fallback = false;                  // candidates came from the trigram fallback
  double elapsed_ms = 0;
};

// Two names to compare, without any list.
struct CompareRequest {
  std::string name_a, name_b;
  std::string kind;  // person | organization | any; "" for any
  double threshold = kDefaultCompareThreshold;  // the decision threshold, 0 to 1

  // InvalidArgument naming the field (threshold, name_a, name_b, kind).
  Status Validate() const;
};

struct Comparison {
  std::string name_a, name_b;
  match::NameKind kind = match::NameKind::kAny;
  double score = 0;
  double threshold = kDefaultCompareThreshold;
  bool match = false;  // score >= threshold
  // The readings that compared best, with the explanation.
  match::NamePairComparison pair;
  CleanedText cleaning_a, cleaning_b;
};

// Compares two names; the request must pass Validate(), and kind is its
// kind parsed.
Comparison ComparePair(const CompareRequest& request, match::NameKind kind);

// "person" | "organization" | "any" | "" -> NameKind; InvalidArgument
// "field: unknown 'x' (person or organization)" otherwise.
StatusOr<match::NameKind> ParseKind(std::string_view text, std::string_view field = "kind");

struct ScreeningStats {
  size_t records = 0, names = 0, index_keys = 0, index_postings = 0;
  size_t index_bytes = 0;      // the candidate index's arrays
  double read_ms = 0;          // reading records from the store
  double build_ms = 0;         // analysing names and building the index
  bool from_snapshot = false;  // read back from the cache, nothing analysed
};

// The listed record's part of a hit (names, references, programs,
// designations, countries, birth dates); the matched name is its first.
ScreenHit RecordAsHit(const match::WatchList& list, uint32_t record);

// How much of each hit ScreeningService::Respond() fills in: a batch builds
// only what its output shows.
enum class HitDetail {
  kRecord,     // everything, the record's every name and birth date too (yente's shape)
  kExplained,  // what vigil's hit JSON shows, the explanation with it (batch JSON lines)
  // The hit's identity and score: entity, name, kind, dataset, matched
  // name, references, programs, linked; no explanation, designations or
  // countries (batch CSV; the Python package's screen_batch without
  // explanations).
  kColumns,
};

class ScreeningService {
 public:
  // From the store, or from its cache when the store is unchanged.
  // threads: 0 = all cores; capped by match::WorkerThreads().
  static StatusOr<std::unique_ptr<ScreeningService>> Build(store::ScreeningStore& store,
                                                           unsigned threads = 0);
  // From records already read (tests, benchmarks).
  static std::unique_ptr<ScreeningService> FromRecords(std::vector<match::RecordInput> records,
                                                       std::vector<match::ListVersion> versions,
                                                       unsigned threads = 0);

  // The query must pass query.Validate().
  match::ScreenResult Screen(const match::ScreenQuery& query) const {
    return screener_->Screen(query);
  }
  // A result as the front ends get it: hits copied out of the watch list.
  // part_sources: trace the parts' written words (ScreenRequest::part_sources).
  ScreenResponse Respond(const match::ScreenQuery& query, match::ScreenResult result,
                         double elapsed_ms, bool part_sources = false,
                         HitDetail detail = HitDetail::kRecord) const;

  const match::WatchList& list() const { return list_; }
  const match::CandidateIndex& index() const { return index_; }
  // A listed record by its key (the entity id hits carry), as a hit with
  // no score; nullopt when the list has no such record.
  std::optional<ScreenHit> RecordByKey(std::string_view key) const;
  const ScreeningStats& stats() const { return stats_; }

 private:
  ScreeningService() = default;
  void Finish();  // the screener and the statistics, once list and index are set
  ScreenHit HitOf(match::Hit&& hit, size_t rank, bool part_sources, HitDetail detail) const;

  match::WatchList list_;
  match::CandidateIndex index_;
  std::unordered_map<std::string_view, uint32_t> by_key_;  // into list_.records()
  std::unique_ptr<match::Screener> screener_;
  ScreeningStats stats_;
};

// The store's records as the watch list takes them.
std::vector<match::RecordInput> ToRecordInputs(std::vector<store::ScreeningRecord> records);
std::vector<match::ListVersion> ToListVersions(std::vector<store::ListVersionRecord> versions);

}  // namespace vigil
