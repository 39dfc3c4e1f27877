// Decisions: checking a request, keying subjects, digesting listed records,
// recording a decision with its audit row, and decision memory on the hits
// of a screening.
#include "vigil/engine/decisions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <unordered_map>

#include "vigil/base/clock.h"
#include "vigil/base/sha256.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/json/monitoring_json.h"
#include "vigil/match/name_analysis.h"
#include "vigil/match/screener.h"
#include "vigil/text/country.h"

namespace vigil {
namespace {

// How often a process that saw no decision looks again (another process
// may record one): the screening path asks the store at most this often.
constexpr auto kDecisionRecheck = std::chrono::seconds(1);

// One component of a digest: its items sorted, each ended by a separator
// that no item holds.
void AddSorted(std::string* out, std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  for (const auto& item : items) {
    out->append(item);
    out->push_back('\x1f');
  }
  out->push_back('\x1e');
}

}  // namespace

Status DecisionRequest::Validate() const {
  if (auto s = FieldProblem("subject.name", match::NameProblem(subject.name)); !s.ok()) return s;
  if (auto s = FieldProblem("subject.birth_date", match::BirthDateProblem(subject.birth_date)); !s.ok())
    return s;
  if (auto s = FieldProblem("subject.country", match::CountryProblem(subject.country)); !s.ok())
    return s;
  if (record.empty())
    return FieldError("record", "is empty: give the key a hit reports as \"entity\"");
  if (std::find(std::begin(kDecisionValues), std::end(kDecisionValues), decision) ==
      std::end(kDecisionValues))
    return FieldError(
        "decision", fmt::format("unknown '{}' (match, false_positive or needs_review)", decision));
  if (note.size() > kMaxDecisionNote)
    return FieldError("note", fmt::format("is {} bytes long, more than the {} a note may have",
                                          note.size(), kMaxDecisionNote));
  return absl::OkStatus();
}

std::string SubjectKey(std::string_view name, std::string_view birth_date,
                       std::string_view country) {
  std::string key = match::AnalyzeName(name, match::NameKind::kAny).joined;
  if (key.empty()) {  // a name of honorifics only: its letters, lower-cased
    for (char c : name)
      if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)))
        key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  key.push_back('|');
  match::DayRange range;
  if (!birth_date.empty() && match::ParseDayRange(birth_date, &range))
    key += match::FormatDayRange(range);
  key.push_back('|');
  if (!country.empty()) {
    std::string code = CountryCode(country);
    key += code.empty() ? std::string(country) : code;
  }
  return key;
}

std::string RecordDigest(const match::WatchList& list, const match::ListedRecord& record) {
  std::string text = record.entity_kind;
  text.push_back('\x1e');
  std::vector<std::string> items;
  const auto& names = list.names();
  for (uint32_t i = record.first_name; i < record.first_name + record.name_count; ++i)
    items.push_back(fmt::format("{}\x1d{}", names[i].analysis.original,
                                match::ListedNameTypeName(names[i].type)));
  AddSorted(&text, std::move(items));
  items.clear();
  for (const auto& range : record.birth_dates) items.push_back(match::FormatDayRange(range));
  AddSorted(&text, std::move(items));
  AddSorted(&text, record.countries);
  items.clear();
  for (const auto& d : record.designations)
    items.push_back(
        fmt::format("{}\x1d{}\x1d{}\x1d{}", d.authority, d.program, d.list, d.reference));
  AddSorted(&text, std::move(items));
  return Sha256Hex(text);
}

RecordDigests::RecordDigests(std::shared_ptr<const ScreeningService> service)
    : service_(std::move(service)) {
  const auto& records = service_->list().records();
  index_.reserve(records.size());
  for (uint32_t i = 0; i < records.size(); ++i) index_.emplace(records[i].key, i);
}

const match::ListedRecord* RecordDigests::Find(std::string_view key) const {
  auto found = index_.find(key);
  return found == index_.end() ? nullptr : &service_->list().records()[found->second];
}

std::string RecordDigests::Digest(std::string_view key) const {
  auto found = index_.find(key);
  if (found == index_.end()) return "";
  std::lock_guard lock(mutex_);
  auto [it, added] = digests_.try_emplace(found->second);
  if (added) it->second = RecordDigest(service_->list(), service_->list().records()[found->second]);
  return it->second;
}

std::string ListVersionOf(const match::WatchList& list, std::string_view dataset) {
  for (const auto& v : list.versions())
    if (v.dataset == dataset) return v.version;
  return "";
}

namespace {

Decision DecisionOf(const store::DecisionRecord& r) {
  Decision d;
  d.id = r.id;
  d.at = r.at;
  d.actor = r.actor;
  d.subject = r.subject;
  // The key's date and country, in the forms screening reads.
  size_t first = r.subject_key.find('|'), second = r.subject_key.find('|', first + 1);
  if (first != std::string::npos && second != std::string::npos) {
    d.birth_date = r.subject_key.substr(first + 1, second - first - 1);
    d.country = r.subject_key.substr(second + 1);
  }
  d.record = r.record_key;
  d.dataset = r.dataset;
  d.list_version = r.list_version;
  d.decision = r.decision;
  d.note = r.note;
  d.record_digest = r.record_digest;
  d.audit_seq = r.audit_seq;
  return d;
}

}  // namespace

StatusOr<Decision> Engine::Decide(const DecisionRequest& request, const std::string& actor) {
  if (auto s = request.Validate(); !s.ok()) return s;
  auto service = Screening();
  if (!service.ok()) return service.status();
  auto digests = DigestsFor(*service);
  const match::WatchList& list = (*service)->list();
  const match::ListedRecord* record = digests->Find(request.record);
  if (!record)
    return absl::NotFoundError(
        fmt::format("record: no listed record '{}' (give the key a hit reports as \"entity\")",
                    request.record));
  store::DecisionRecord r;
  r.at = UtcTimestamp();
  r.actor = actor;
  r.subject_key =
      SubjectKey(request.subject.name, request.subject.birth_date, request.subject.country);
  r.subject = request.subject.name;
  r.record_key = record->key;
  r.dataset = record->dataset;
  r.list_version = ListVersionOf(list, record->dataset);
  r.record_digest = digests->Digest(record->key);
  r.decision = request.decision;
  r.note = request.note;
  Decision d = DecisionOf(r);
  // Rows queued before (the screening that led to this decision) go first.
  if (auto s = audit().Flush(); !s.ok()) return s;
  store::AuditEntry entry{
      r.at, actor, "decision",
      DecisionAuditDetail(d).dump(-1, ' ', false, Json::error_handler_t::replace)};
  auto stored = store_->InsertDecision(std::move(r), entry);
  if (!stored.ok()) return stored.status();
  decisions_exist_.store(true, std::memory_order_release);
  d.id = stored->id;
  d.audit_seq = stored->audit_seq;
  return d;
}

StatusOr<std::vector<Decision>> Engine::Decisions(const DecisionQuery& query) {
  std::string key;
  if (!query.subject.name.empty()) {
    DecisionRequest check{query.subject, "-", "match", ""};
    if (auto s = check.Validate(); !s.ok()) return s;
    key = SubjectKey(query.subject.name, query.subject.birth_date, query.subject.country);
  }
  auto found = store_->FindDecisions(key, query.record);
  if (!found.ok()) return found.status();
  std::vector<Decision> out;
  if (found->empty()) return out;
  auto service = Screening();
  if (!service.ok()) return service.status();
  auto digests = DigestsFor(*service);
  for (const auto& r : *found) {
    Decision d = DecisionOf(r);
    d.stale = digests->Digest(r.record_key) != r.record_digest;
    out.push_back(std::move(d));
  }
  return out;
}

bool Engine::MayHaveDecisions() {
  if (decisions_exist_.load(std::memory_order_acquire)) return true;
  int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
  int64_t next = decisions_next_check_.load(std::memory_order_relaxed);
  if (now < next) return false;
  // One thread looks; the others go on as if there were none.
  int64_t later =
      now +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(kDecisionRecheck).count();
  if (!decisions_next_check_.compare_exchange_strong(next, later)) return false;
  auto any = store_->HasDecisions();
  if (any.ok() && *any) decisions_exist_.store(true, std::memory_order_release);
  return any.ok() && *any;
}

std::shared_ptr<const RecordDigests> Engine::DigestsFor(
    const std::shared_ptr<const ScreeningService>& service) {
  std::lock_guard lock(digests_mutex_);
  if (!digests_ || digests_->service() != service.get())
    digests_ = std::make_shared<const RecordDigests>(service);
  return digests_;
}

Status Engine::AttachDecisions(const std::shared_ptr<const ScreeningService>& service,
                               const ScreenRequest& request, ScreenResponse* response) {
  if (response->hits.empty() || !MayHaveDecisions()) return absl::OkStatus();
  auto found = store_->FindDecisions(SubjectKey(request.name, request.dob, request.country), "");
  if (!found.ok()) return found.status();
  if (found->empty()) return absl::OkStatus();
  AttachFound(*found, *DigestsFor(service), &response->hits);
  return absl::OkStatus();
}

StatusOr<std::shared_ptr<const DecisionBook>> Engine::DecisionsFor(
    const std::shared_ptr<const ScreeningService>& service) {
  if (!MayHaveDecisions()) return std::shared_ptr<const DecisionBook>();
  auto all = store_->FindDecisions("", "");
  if (!all.ok()) return all.status();
  if (all->empty()) return std::shared_ptr<const DecisionBook>();
  return std::make_shared<const DecisionBook>(*all, DigestsFor(service));
}

void AttachFound(const std::vector<store::DecisionRecord>& found, const RecordDigests& digests,
                 std::vector<ScreenHit>* hits) {
  for (auto& hit : *hits) {
    std::string digest;
    bool digested = false;
    for (const auto& r : found) {
      if (r.record_key != hit.entity) continue;
      if (!digested) {
        digest = digests.Digest(hit.entity);
        digested = true;
      }
      Decision d = DecisionOf(r);
      d.stale = digest != r.record_digest;
      hit.decisions.push_back(std::move(d));
    }
  }
}

DecisionBook::DecisionBook(const std::vector<store::DecisionRecord>& records,
                           std::shared_ptr<const RecordDigests> digests)
    : digests_(std::move(digests)) {
  for (const auto& r : records) by_subject_[r.subject_key].push_back(r);
}

void DecisionBook::Attach(std::string_view subject_key, std::vector<ScreenHit>* hits) const {
  auto it = by_subject_.find(std::string(subject_key));
  if (it != by_subject_.end()) AttachFound(it->second, *digests_, hits);
}

}  // namespace vigil
