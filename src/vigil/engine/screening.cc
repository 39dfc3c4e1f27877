// ScreeningService: the watch list built from the store (or read back from
// its cache), requests checked field by field, results copied out of the
// watch list; comparing two names.
#include "vigil/engine/screening.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "vigil/engine/engine.h"
#include "vigil/match/snapshot.h"
#include "vigil/match/threads.h"

namespace vigil {
namespace {

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// A field's problem ("" when there is none) as a status naming the field.
// match's checks name their fields ("threshold: ..."): the same, with the
// field attached.
Status Named(std::string_view field, const Status& status) {
  if (status.ok()) return status;
  std::string_view message(status.message().data(), status.message().size());
  if (message.size() > field.size() + 1 && message.substr(0, field.size()) == field &&
      message.substr(field.size(), 2) == ": ")
    message.remove_prefix(field.size() + 2);
  return FieldError(field, message);
}

}  // namespace

StatusOr<match::NameKind> ParseKind(std::string_view text, std::string_view field) {
  match::NameKind kind;
  if (match::ParseNameKind(text, &kind)) return kind;
  return FieldError(field, fmt::format("unknown '{}' (person or organization)", text));
}

Status ScreenRequest::Validate() const {
  if (auto k = ParseKind(kind); !k.ok()) return k.status();
  if (auto s = FieldProblem("name", match::NameProblem(name)); !s.ok()) return s;
  if (auto s = Named("threshold", match::ValidateThreshold(threshold)); !s.ok()) return s;
  if (auto s = Named("top", match::ValidateTop(top)); !s.ok()) return s;
  if (auto s = FieldProblem("dob", match::BirthDateProblem(dob)); !s.ok()) return s;
  return FieldProblem("country", match::CountryProblem(country));
}

Status CompareRequest::Validate() const {
  if (auto s = Named("threshold", match::ValidateThreshold(threshold)); !s.ok()) return s;
  if (auto s = FieldProblem("name_a", match::NameProblem(name_a)); !s.ok()) return s;
  if (auto s = FieldProblem("name_b", match::NameProblem(name_b)); !s.ok()) return s;
  return ParseKind(kind).status();
}

Comparison ComparePair(const CompareRequest& request, match::NameKind kind) {
  Comparison c;
  c.name_a = request.name_a;
  c.name_b = request.name_b;
  c.kind = kind;
  c.threshold = request.threshold;
  c.pair = match::CompareNames(request.name_a, request.name_b, kind, match::NameScorer());
  c.score = c.pair.comparison.score;
  c.match = c.score >= request.threshold;
  c.cleaning_a = CleanText(request.name_a);
  c.cleaning_b = CleanText(request.name_b);
  return c;
}

std::vector<match::RecordInput> ToRecordInputs(std::vector<store::ScreeningRecord> records) {
  std::vector<match::RecordInput> out;
  out.reserve(records.size());
  for (auto& r : records) {
    match::RecordInput in;
    in.key = std::move(r.key);
    in.dataset = std::move(r.dataset);
    in.entity_kind = std::move(r.kind);
    in.reference = std::move(r.reference);
    in.linked = std::move(r.linked);
    in.names.reserve(r.names.size());
    for (auto& n : r.names) {
      match::ListedNameType type = match::ListedNameType::kAlias;
      match::ParseListedNameType(n.kind, &type);
      in.names.push_back({std::move(n.text), type});
    }
    in.birth_dates = std::move(r.birth_dates);
    in.countries = std::move(r.countries);
    in.designations.reserve(r.designations.size());
    for (auto& d : r.designations)
      in.designations.push_back({std::move(d.authority), std::move(d.program), std::move(d.list),
                                 std::move(d.reference), std::move(d.date)});
    out.push_back(std::move(in));
  }
  return out;
}

std::vector<match::ListVersion> ToListVersions(std::vector<store::ListVersionRecord> versions) {
  std::vector<match::ListVersion> out;
  out.reserve(versions.size());
  for (auto& v : versions)
    out.push_back({std::move(v.dataset), std::move(v.kind), std::move(v.version),
                   std::move(v.publish_date), std::move(v.sha256), v.records});
  return out;
}

StatusOr<std::unique_ptr<ScreeningService>> ScreeningService::Build(store::ScreeningStore& store,
                                                                    unsigned threads) {
  auto start = std::chrono::steady_clock::now();
  auto fingerprint = store.ScreeningFingerprint();
  if (!fingerprint.ok()) return fingerprint.status();
  const std::string cache = store.ScreeningCachePath();
  if (!cache.empty())
    if (auto snapshot = match::LoadSnapshot(cache, *fingerprint)) {
      std::unique_ptr<ScreeningService> service(new ScreeningService());
      service->list_ = std::move(snapshot->list);
      service->index_ = std::move(snapshot->index);
      service->Finish();
      service->stats_.from_snapshot = true;
      service->stats_.read_ms = MillisecondsSince(start);
      return service;
    }
  auto records = store.ReadScreeningRecords();
  if (!records.ok()) return records.status();
  auto versions = store.ReadListVersions();
  if (!versions.ok()) return versions.status();
  double read_ms = MillisecondsSince(start);
  auto service = FromRecords(ToRecordInputs(std::move(*records)),
                             ToListVersions(std::move(*versions)), threads);
  service->stats_.read_ms = read_ms;
  // A cache for the next process; failing to write it is not an error.
  if (!cache.empty()) match::SaveSnapshot(cache, *fingerprint, service->list_, service->index_);
  return service;
}

std::unique_ptr<ScreeningService> ScreeningService::FromRecords(
    std::vector<match::RecordInput> records, std::vector<match::ListVersion> versions,
    unsigned threads) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<ScreeningService> service(new ScreeningService());
  service->list_ = match::WatchList::Build(std::move(records), std::move(versions), threads);
  service->index_ = match::CandidateIndex::Build(service->list_);
  service->Finish();
  service->stats_.build_ms = MillisecondsSince(start);
  return service;
}

void ScreeningService::Finish() {
  screener_ = std::make_unique<match::Screener>(list_, index_);
  stats_.records = list_.records().size();
  stats_.names = list_.names().size();
  stats_.index_keys = index_.key_count();
  stats_.index_postings = index_.posting_count();
  stats_.index_bytes = index_.MemoryBytes();
  by_key_.clear();
  by_key_.reserve(list_.records().size());
  for (uint32_t i = 0; i < list_.records().size(); ++i) by_key_.emplace(list_.records()[i].key, i);
}

std::optional<ScreenHit> ScreeningService::RecordByKey(std::string_view key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return RecordAsHit(list_, it->second);
}

namespace {

// The listed record's part of a hit, as much of it as detail asks for.
ScreenHit RecordPart(const match::WatchList& list, uint32_t index, HitDetail detail) {
  const match::ListedRecord& record = list.records()[index];
  auto add_once = [](std::vector<std::string>* to, const std::string& value) {
    if (std::find(to->begin(), to->end(), value) == to->end()) to->push_back(value);
  };
  ScreenHit h;
  h.entity = record.key;
  h.name = record.display_name;
  h.kind = record.entity_kind;
  h.dataset = record.dataset;
  if (!record.reference.empty()) h.references.push_back(record.reference);
  for (const auto& d : record.designations) {
    if (!d.reference.empty()) add_once(&h.references, d.reference);
    add_once(&h.programs, d.program);
  }
  h.linked = record.linked;
  if (detail == HitDetail::kColumns) return h;
  h.designations = record.designations;
  h.nationalities = record.countries;
  if (detail != HitDetail::kRecord) return h;
  const auto& names = list.names();
  for (uint32_t i = record.first_name; i < record.first_name + record.name_count; ++i)
    h.names.push_back({names[i].analysis.original, match::ListedNameTypeName(names[i].type),
                       names[i].analysis.script});
  if (!h.names.empty()) h.matched_name = h.names.front();
  for (const auto& range : record.birth_dates) h.birth_dates.push_back(match::FormatDayRange(range));
  return h;
}

}  // namespace

ScreenHit RecordAsHit(const match::WatchList& list, uint32_t index) {
  return RecordPart(list, index, HitDetail::kRecord);
}

ScreenHit ScreeningService::HitOf(match::Hit&& hit, size_t rank, bool part_sources,
                                  HitDetail detail) const {
  ScreenHit h = RecordPart(list_, hit.record, detail);
  const match::ListedRecord& record = list_.records()[hit.record];
  const match::ListedName& name = list_.names()[hit.name];
  h.rank = rank;
  h.score = hit.score;
  h.rank_score = hit.rank_score;
  h.name_score = hit.name_score;
  h.matched_name = {name.analysis.original, match::ListedNameTypeName(name.type),
                    name.analysis.script};
  h.displayed = hit.displayed;
  if (detail == HitDetail::kColumns) return h;
  h.comparison = std::move(hit.comparison);
  h.candidate_parts = name.analysis.parts;
  if (part_sources) h.candidate_sources = match::PartSources(name.analysis.original, record.kind);
  h.evidence = std::move(hit.evidence);
  return h;
}

ScreenResponse ScreeningService::Respond(const match::ScreenQuery& query,
                                         match::ScreenResult result, double elapsed_ms,
                                         bool part_sources, HitDetail detail) const {
  ScreenResponse r;
  r.query.name = query.name;
  r.query.birth_date = query.birth_date;
  r.query.country = query.country;
  r.query.kind = query.kind;
  r.query.cleaning = std::move(result.cleaning);
  r.query.analysis = std::move(result.query);
  if (!r.query.cleaning.displayed.empty()) r.query.displayed_analysis = std::move(result.displayed);
  if (part_sources) {
    r.query.part_sources = match::PartSources(query.name, query.kind);
    if (r.query.displayed_analysis)
      r.query.displayed_part_sources = match::PartSources(r.query.cleaning.displayed, query.kind);
  }
  r.threshold = query.threshold;
  r.lists = list_.versions();
  r.hits.reserve(result.hits.size());
  for (size_t i = 0; i < result.hits.size(); ++i)
    r.hits.push_back(HitOf(std::move(result.hits[i]), i + 1, part_sources, detail));
  r.candidates = result.candidates;
  r.fallback = result.fallback;
  r.elapsed_ms = elapsed_ms;
  return r;
}

Status Engine::PrepareScreening(unsigned threads) { return Screening(threads).status(); }

StatusOr<ScreenResponse> Engine::Screen(const ScreenRequest& request) {
  if (auto s = request.Validate(); !s.ok()) return s;
  auto service = Screening();
  if (!service.ok()) return service.status();
  match::ScreenQuery query;
  query.name = request.name;
  query.birth_date = request.dob;
  query.country = request.country;
  query.kind = *ParseKind(request.kind);
  query.threshold = request.threshold;
  query.top = request.top;
  auto start = std::chrono::steady_clock::now();
  match::ScreenResult result = (*service)->Screen(query);
  ScreenResponse response =
      (*service)->Respond(query, std::move(result), MillisecondsSince(start), request.part_sources);
  if (auto s = AttachDecisions(*service, request, &response); !s.ok()) return s;
  return response;
}

StatusOr<std::vector<match::ListVersion>> Engine::ListVersions() {
  auto service = Screening();
  if (!service.ok()) return service.status();
  return (*service)->list().versions();
}

StatusOr<ScreeningStats> Engine::ScreeningStatistics() {
  auto service = Screening();
  if (!service.ok()) return service.status();
  return (*service)->stats();
}

StatusOr<Comparison> Engine::Compare(const CompareRequest& request) {
  if (auto s = request.Validate(); !s.ok()) return s;
  return ComparePair(request, *ParseKind(request.kind));
}

}  // namespace vigil
