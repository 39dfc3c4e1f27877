// ScreeningService: reading designated records, building, JSON.
#include "vigil/engine/screening.h"

#include <fmt/format.h>

#include <chrono>
#include <unordered_map>

#include "vigil/match/explain.h"
#include "vigil/match/snapshot.h"

namespace vigil {
namespace {

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

Json OptionalText(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

StatusOr<std::vector<match::RecordInput>> ReadScreeningRecords(Database& db) {
  std::vector<match::RecordInput> records;
  std::unordered_map<int64_t, size_t> by_id;
  {
    Statement st(db,
                 "SELECT e.id, e.key, e.kind, COALESCE(e.reference, ''), d.name FROM entities e "
                 "JOIN facts f ON f.id = e.id JOIN datasets d ON d.id = f.dataset_id "
                 "WHERE EXISTS (SELECT 1 FROM designations g WHERE g.entity_id = e.id) "
                 "ORDER BY e.id");
    while (st.Step()) {
      by_id[st.Int(0)] = records.size();
      match::RecordInput r;
      r.key = st.Text(1);
      r.entity_kind = st.Text(2);
      r.reference = st.Text(3);
      r.dataset = st.Text(4);
      records.push_back(std::move(r));
    }
    if (!st.status().ok()) return st.status();
  }
  auto each = [&](std::string_view sql, auto&& f) -> Status {
    Statement st(db, sql);
    while (st.Step())
      if (auto it = by_id.find(st.Int(0)); it != by_id.end()) f(records[it->second], st);
    return st.status();
  };
  Status s = each("SELECT entity_id, text, kind FROM names ORDER BY entity_id, position",
                  [](match::RecordInput& r, Statement& st) {
                    match::ListedNameType type = match::ListedNameType::kAlias;
                    match::ParseListedNameType(st.Text(2), &type);
                    r.names.push_back({st.Text(1), type});
                  });
  if (!s.ok()) return s;
  s = each(
      "SELECT entity_id, key, value FROM entity_values WHERE key IN ('birth_date', "
      "'nationality', 'citizenship') ORDER BY entity_id, position",
      [](match::RecordInput& r, Statement& st) {
        (st.Text(1) == "birth_date" ? r.birth_dates : r.countries).push_back(st.Text(2));
      });
  if (!s.ok()) return s;
  s = each(
      "SELECT entity_id, key, value FROM attributes WHERE key IN ('birth_date', 'nationality', "
      "'citizenship', 'country')",
      [](match::RecordInput& r, Statement& st) {
        (st.Text(1) == "birth_date" ? r.birth_dates : r.countries).push_back(st.Text(2));
      });
  if (!s.ok()) return s;
  s = each(
      "SELECT entity_id, authority, program, COALESCE(list, ''), COALESCE(reference, ''), "
      "COALESCE(date, '') FROM designations ORDER BY entity_id, date, id",
      [](match::RecordInput& r, Statement& st) {
        r.designations.push_back({st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)});
      });
  if (!s.ok()) return s;
  // Links, either way round: a list record shows the curated card it joins.
  std::unordered_map<std::string, size_t> by_key;
  for (size_t i = 0; i < records.size(); ++i) by_key[records[i].key] = i;
  Statement links(db, "SELECT entity_key, target_key FROM links ORDER BY score DESC, id");
  while (links.Step()) {
    std::string a = links.Text(0), b = links.Text(1);
    if (auto it = by_key.find(a); it != by_key.end() && records[it->second].linked.empty())
      records[it->second].linked = b;
    if (auto it = by_key.find(b); it != by_key.end() && records[it->second].linked.empty())
      records[it->second].linked = a;
  }
  if (!links.status().ok()) return links.status();
  return records;
}

StatusOr<std::vector<match::ListVersion>> ReadListVersions(Database& db) {
  std::vector<match::ListVersion> versions;
  Statement st(db,
               "SELECT d.name, d.kind, d.version, COALESCE(d.publish_date, ''), "
               "COALESCE(d.sha256, ''), (SELECT COUNT(DISTINCT g.entity_id) FROM designations g "
               "JOIN facts f ON f.id = g.id WHERE f.dataset_id = d.id) FROM datasets d "
               "ORDER BY d.name");
  while (st.Step()) {
    if (st.Int(5) == 0) continue;  // nothing designated in it: not screened against
    versions.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Int(5)});
  }
  if (!st.status().ok()) return st.status();
  return versions;
}

StatusOr<std::string> ScreeningFingerprint(Database& db) {
  Statement st(db, "SELECT name, version, loaded_at FROM datasets ORDER BY name");
  std::string fingerprint = fmt::format("schema {}|store {}|generation {}", db.SchemaVersion(),
                                        db.Info("store_id"), db.Info("generation"));
  while (st.Step()) fingerprint += fmt::format("|{}@{}@{}", st.Text(0), st.Text(1), st.Text(2));
  if (!st.status().ok()) return st.status();
  return fingerprint;
}

StatusOr<std::unique_ptr<ScreeningService>> ScreeningService::Build(Database& db,
                                                                    unsigned threads) {
  auto start = std::chrono::steady_clock::now();
  auto fingerprint = ScreeningFingerprint(db);
  if (!fingerprint.ok()) return fingerprint.status();
  const std::string snapshot_path = db.path() + ".screening";
  if (auto snapshot = match::LoadSnapshot(snapshot_path, *fingerprint)) {
    std::unique_ptr<ScreeningService> service(new ScreeningService());
    service->list_ = std::move(snapshot->list);
    service->index_ = std::move(snapshot->index);
    service->Finish();
    service->stats_.from_snapshot = true;
    service->stats_.read_ms = MillisecondsSince(start);
    return service;
  }
  auto records = ReadScreeningRecords(db);
  if (!records.ok()) return records.status();
  auto versions = ReadListVersions(db);
  if (!versions.ok()) return versions.status();
  double read_ms = MillisecondsSince(start);
  auto service = FromRecords(std::move(*records), std::move(*versions), threads);
  service->stats_.read_ms = read_ms;
  // A cache for the next command; failing to write it is not an error.
  match::SaveSnapshot(snapshot_path, *fingerprint, service->list_, service->index_);
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
  auto& stats = stats_;
  stats.records = list_.records().size();
  stats.names = list_.names().size();
  stats.index_keys = index_.key_count();
  stats.index_postings = index_.posting_count();
  stats.index_bytes = index_.MemoryBytes();
}

Json ScreeningService::ListsJson() const {
  Json lists = Json::array();
  for (const auto& v : list_.versions())
    lists.push_back({{"dataset", v.dataset},
                     {"kind", v.kind},
                     {"version", v.version},
                     {"publish_date", OptionalText(v.publish_date)},
                     {"sha256", OptionalText(v.sha256)},
                     {"records", v.records}});
  return lists;
}

Json ScreeningService::HitJson(const match::Hit& hit, size_t rank) const {
  const match::ListedRecord& record = list_.records()[hit.record];
  const match::ListedName& name = list_.names()[hit.name];
  Json references = Json::array(), programs = Json::array(), designations = Json::array();
  if (!record.reference.empty()) references.push_back(record.reference);
  for (const auto& d : record.designations) {
    if (!d.reference.empty() &&
        std::find(references.begin(), references.end(), Json(d.reference)) == references.end())
      references.push_back(d.reference);
    if (std::find(programs.begin(), programs.end(), Json(d.program)) == programs.end())
      programs.push_back(d.program);
    designations.push_back({{"authority", d.authority},
                            {"program", d.program},
                            {"list", OptionalText(d.list)},
                            {"reference", OptionalText(d.reference)},
                            {"date", OptionalText(d.date)}});
  }
  Json evidence = Json::array();
  for (const auto& e : hit.evidence)
    evidence.push_back({{"kind", e.kind}, {"effect", e.effect}, {"detail", e.detail}});
  Json explanation = match::ComparisonJson(hit.comparison);
  // Which reading of the query met the listed name: as written, or as shown
  // on screen when bidi controls reorder it.
  explanation["query_reading"] = hit.displayed ? "displayed" : "written";
  explanation["name_score"] = hit.name_score;
  explanation["evidence"] = std::move(evidence);
  Json countries = record.countries;
  return {{"rank", rank},
          {"entity", record.key},
          {"name", record.display_name},
          {"kind", record.entity_kind},
          {"dataset", record.dataset},
          {"score", hit.score},
          {"matched_name",
           {{"text", name.analysis.original},
            {"type", match::ListedNameTypeName(name.type)},
            {"script", name.analysis.script}}},
          {"references", std::move(references)},
          {"programs", std::move(programs)},
          {"designations", std::move(designations)},
          {"nationalities", std::move(countries)},
          {"linked", OptionalText(record.linked)},
          {"explanation", std::move(explanation)}};
}

Json ScreeningService::ResultJson(const match::ScreenQuery& query,
                                  const match::ScreenResult& result, double elapsed_ms) const {
  Json cleaning = match::CleaningJson(result.cleaning);
  Json hits = Json::array();
  for (size_t i = 0; i < result.hits.size(); ++i) {
    Json hit = HitJson(result.hits[i], i + 1);
    hit["explanation"]["cleaning"] = cleaning;  // each hit explains itself whole
    hits.push_back(std::move(hit));
  }
  const char* kind = query.kind == match::NameKind::kPerson         ? "person"
                     : query.kind == match::NameKind::kOrganization ? "organization"
                                                                    : "any";
  return {{"query",
           {{"name", query.name},
            {"birth_date", OptionalText(query.birth_date)},
            {"country", OptionalText(query.country)},
            {"kind", kind},
            {"cleaning", std::move(cleaning)},
            {"analysis", match::AnalysisJson(result.query)},
            {"displayed_analysis", result.cleaning.displayed.empty()
                                       ? Json(nullptr)
                                       : Json(match::AnalysisJson(result.displayed))}}},
          {"threshold", query.threshold},
          {"lists", ListsJson()},
          {"hits", std::move(hits)},
          {"candidates", result.candidates},
          {"fallback", result.fallback},
          {"elapsed_ms", elapsed_ms}};
}

StatusOr<Json> ScreeningService::ScreenJson(const match::ScreenQuery& query) const {
  if (Status s = query.Validate(); !s.ok()) return s;
  auto start = std::chrono::steady_clock::now();
  match::ScreenResult result = Screen(query);
  return ResultJson(query, result, MillisecondsSince(start));
}

}  // namespace vigil
