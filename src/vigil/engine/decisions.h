// Decisions and decision memory: what a screener decided about one listed
// record for one screened subject (match, false_positive, needs_review, with
// a note), kept with the record's digest and list version at the time, and
// shown on the hits of the next screening of the same subject.
//
//   DecisionRequest d;
//   d.subject.name = "Karim Yousufzai";  d.record = "un-tai-901";
//   d.decision = "false_positive";  d.note = "born 1990, not 1960";
//   auto made = engine->Decide(d, "desk-1");         // also an audit row
//   auto r = engine->Screen({.name = "karim  YOUSUFZAI"});
//   r->hits[0].decisions;   // {false_positive, note, desk-1, at, list_version, stale}
//
// The subject is the name as screened plus its birth date and country, keyed
// the way screening reads a query (SubjectKey): case, spacing, punctuation,
// diacritics and script do not make another subject, a birth date or
// country does. A decision is stale when the record's digest (RecordDigest:
// its names, birth dates, countries and designations) differs from the one
// kept with it: a newer list version changed the record, or dropped it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/match/watchlist.h"
#include "vigil/store/monitor_store.h"

namespace vigil {

// The decisions a screener may record.
inline constexpr const char* kDecisionValues[] = {"match", "false_positive", "needs_review"};
inline constexpr size_t kMaxDecisionNote = 4000;  // bytes

// Who or what was screened.
struct DecisionSubject {
  std::string name;        // as screened, in any script
  std::string birth_date;  // as screened; "" when none
  std::string country;     // as screened; "" when none
};

struct DecisionRequest {
  DecisionSubject subject;
  std::string record;    // the listed record's key, as hits report it ("un-tai-901")
  std::string decision;  // match | false_positive | needs_review
  std::string note;      // "" for none; at most kMaxDecisionNote bytes

  // InvalidArgument naming the field: subject.name, subject.birth_date,
  // subject.country, record, decision, note.
  Status Validate() const;
};

// A decision as recorded, and as shown on a later hit.
struct Decision {
  int64_t id = 0;
  std::string at, actor;
  std::string subject;                        // the name as the screener gave it
  std::string birth_date, country;            // of the subject, "" when none (listing only)
  std::string record, dataset, list_version;  // list_version "" when unknown
  std::string decision, note;
  std::string record_digest;  // the record's digest when decided
  int64_t audit_seq = 0;      // the audit row that records it
  // The record's digest today differs (or it is no longer listed).
  bool stale = false;
};

// Filters of Engine::Decisions(): a subject (name with its birth date and
// country, keyed as SubjectKey does) and/or a record key; both empty: all.
struct DecisionQuery {
  DecisionSubject subject;  // name "" for any subject
  std::string record;       // "" for any record
};

// The key decisions are filed under: the name read as screening reads a
// query (match::AnalyzeName's folded parts, glued), the birth date in ISO
// form and the country's ISO code, joined by '|'. The name, date and country
// must pass screening's checks.
std::string SubjectKey(std::string_view name, std::string_view birth_date,
                       std::string_view country);

// A SHA-256 (hex) of what screening knows of a listed record: its kind, its
// names with their types, birth dates, countries and designations
// (authority, program, list, reference), each sorted, so that a record
// that a newer list version leaves as it was keeps its digest.
std::string RecordDigest(const match::WatchList& list, const match::ListedRecord& record);

class ScreeningService;  // engine/screening.h
struct ScreenHit;        // engine/screening.h

// A screening snapshot's records by key, and their digests, each computed
// once: what decision memory looks up on every screening with decisions.
// Keeps the snapshot alive. Thread-safe.
class RecordDigests {
 public:
  explicit RecordDigests(std::shared_ptr<const ScreeningService> service);
  const ScreeningService* service() const { return service_.get(); }
  // The record with this key, or nullptr.
  const match::ListedRecord* Find(std::string_view key) const;
  // RecordDigest() of the record with this key; "" when none has it.
  std::string Digest(std::string_view key) const;

 private:
  std::shared_ptr<const ScreeningService> service_;
  std::unordered_map<std::string_view, uint32_t> index_;  // key -> record
  mutable std::mutex mutex_;
  mutable std::unordered_map<uint32_t, std::string> digests_;
};

// Every decision the store holds, by subject, with a snapshot's digests:
// what batch screening looks decisions up in, read once per batch rather
// than once per row. Thread-safe once made.
class DecisionBook {
 public:
  DecisionBook(const std::vector<store::DecisionRecord>& records,
               std::shared_ptr<const RecordDigests> digests);
  bool empty() const { return by_subject_.empty(); }
  // Adds to each hit the decisions on its record for this subject
  // (SubjectKey), stale when the record changed since.
  void Attach(std::string_view subject_key, std::vector<ScreenHit>* hits) const;

 private:
  std::unordered_map<std::string, std::vector<store::DecisionRecord>> by_subject_;
  std::shared_ptr<const RecordDigests> digests_;
};

// Adds to each hit the decisions among `found` (one subject's) on its
// record, stale when the record's digest differs: what screening and
// batch screening share.
void AttachFound(const std::vector<store::DecisionRecord>& found, const RecordDigests& digests,
                 std::vector<ScreenHit>* hits);

// The version of the list that holds dataset ("" when none).
std::string ListVersionOf(const match::WatchList& list, std::string_view dataset);

}  // namespace vigil
