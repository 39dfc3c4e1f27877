// Screening results as JSON and as batch CSV rows.
#include "vigil/engine/json/screening_json.h"

#include <fmt/format.h>

#include "vigil/engine/json/internal/values.h"
#include "vigil/engine/json/monitoring_json.h"
#include "vigil/text/escape.h"

namespace vigil {
namespace {

using json_internal::OrNull;


// The response's fields after "query" into out (threshold left out for
// batch rows).
void AddResponse(const ScreenResponse& r, bool with_threshold, Json* out) {
  Json cleaning = ToJson(r.query.cleaning);
  Json hits = Json::array();
  for (const auto& h : r.hits) {
    Json hit = ToJson(h);
    hit["explanation"]["cleaning"] = cleaning;  // each hit explains itself whole
    hits.push_back(std::move(hit));
  }
  Json& o = *out;
  o["query"] = {{"name", r.query.name},
                {"birth_date", OrNull(r.query.birth_date)},
                {"country", OrNull(r.query.country)},
                {"kind", match::NameKindName(r.query.kind)},
                {"cleaning", std::move(cleaning)},
                {"analysis", ToJson(r.query.analysis, r.query.part_sources)},
                {"displayed_analysis",
                 r.query.displayed_analysis
                     ? ToJson(*r.query.displayed_analysis, r.query.displayed_part_sources)
                     : Json(nullptr)}};
  if (with_threshold) o["threshold"] = r.threshold;
  o["lists"] = ToJson(r.lists);
  o["hits"] = std::move(hits);
  o["candidates"] = r.candidates;
  o["fallback"] = r.fallback;
  o["elapsed_ms"] = r.elapsed_ms;
}

}  // namespace

namespace {

// [{"text", "folded", "skeleton", "role", "weight"[, "nasab_position"][,
// "source"]}]: "source" when sources holds one per part.
Json PartsJson(const std::vector<match::NamePart>& parts, const std::vector<std::string>& sources) {
  const bool with_sources = !sources.empty() && sources.size() == parts.size();
  Json out = Json::array();
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto& p = parts[i];
    Json part = {{"text", p.text},
                 {"folded", p.folded},
                 {"skeleton", p.skeleton},
                 {"role", match::RoleName(p.role)},
                 {"weight", p.weight}};
    if (p.role == match::PartRole::kNasab) part["nasab_position"] = p.nasab_position;
    if (with_sources && !sources[i].empty()) part["source"] = sources[i];
    out.push_back(std::move(part));
  }
  return out;
}

// [first, first + 1, ...]: the parts a pair joins on one side.
Json PartIndices(uint32_t first, uint32_t count) {
  Json out = Json::array();
  for (uint32_t k = 0; k < count; ++k) out.push_back(first + k);
  return out;
}

}  // namespace

Json ToJson(const match::AnalyzedName& name) { return ToJson(name, {}); }

Json ToJson(const match::AnalyzedName& name, const std::vector<std::string>& sources) {
  return {{"name", name.original},
          {"script", name.script},
          {"parts", PartsJson(name.parts, sources)},
          {"honorifics", name.honorifics},
          {"nasab", name.has_nasab}};
}

Json ToJson(const match::NameComparison& c) {
  Json pairs = Json::array();
  for (const auto& p : c.pairs) {
    Json pair = {{"query", p.query},
                 {"candidate", p.candidate},
                 {"method", match::MethodName(p.method)},
                 {"similarity", p.similarity},
                 {"weight", p.weight}};
    if (!p.note.empty()) pair["note"] = p.note;
    pair["query_parts"] = PartIndices(p.query_first, p.query_count);
    pair["candidate_parts"] = PartIndices(p.candidate_first, p.candidate_count);
    pairs.push_back(std::move(pair));
  }
  Json adjustments = Json::array();
  for (const auto& a : c.adjustments) adjustments.push_back({{"rule", a.rule}, {"detail", a.detail}});
  return {{"pairs", std::move(pairs)},
          {"unmatched_query", c.unmatched_query},
          {"unmatched_candidate", c.unmatched_candidate},
          {"adjustments", std::move(adjustments)}};
}

Json ToJson(const CleanedText& cleaned) {
  Json removed = Json::array();
  for (const auto& r : cleaned.removed)
    removed.push_back({{"code_point", CodePointLabel(r.code_point)},
                       {"name", CharacterName(r.code_point)},
                       {"count", r.count}});
  return {{"removed", std::move(removed)},
          {"summary", DescribeRemoved(cleaned.removed)},
          {"text", cleaned.text},
          {"displayed", OrNull(cleaned.displayed)}};
}

Json ToJson(const std::vector<match::ListVersion>& lists) {
  Json out = Json::array();
  for (const auto& v : lists)
    out.push_back({{"dataset", v.dataset},
                   {"kind", v.kind},
                   {"version", v.version},
                   {"publish_date", OrNull(v.publish_date)},
                   {"sha256", OrNull(v.sha256)},
                   {"records", v.records}});
  return out;
}

Json ToJson(const ScreenHit& hit) {
  Json designations = Json::array();
  for (const auto& d : hit.designations)
    designations.push_back({{"authority", d.authority},
                            {"program", d.program},
                            {"list", OrNull(d.list)},
                            {"reference", OrNull(d.reference)},
                            {"date", OrNull(d.date)}});
  Json evidence = Json::array();
  for (const auto& e : hit.evidence)
    evidence.push_back({{"kind", e.kind}, {"effect", e.effect}, {"detail", e.detail}});
  Json explanation = ToJson(hit.comparison);
  // Which reading of the query met the listed name: as written, or as shown
  // on screen when bidi controls reorder it.
  explanation["query_reading"] = hit.displayed ? "displayed" : "written";
  // The matched name's parts, which the pairs' candidate_parts index (the
  // query's are query.analysis's, or displayed_analysis's).
  explanation["candidate_parts"] = PartsJson(hit.candidate_parts, hit.candidate_sources);
  explanation["name_score"] = hit.name_score;
  explanation["evidence"] = std::move(evidence);
  Json out = {{"rank", hit.rank},
          {"entity", hit.entity},
          {"name", hit.name},
          {"kind", hit.kind},
          {"dataset", hit.dataset},
          {"score", hit.score},
          {"rank_score", hit.rank_score},
          {"matched_name",
           {{"text", hit.matched_name.text},
            {"type", hit.matched_name.type},
            {"script", hit.matched_name.script}}},
          {"references", hit.references},
          {"programs", hit.programs},
          {"designations", std::move(designations)},
          {"nationalities", hit.nationalities},
          {"linked", OrNull(hit.linked)},
          {"explanation", std::move(explanation)}};
  // Decision memory, only when there is some.
  if (!hit.decisions.empty()) {
    Json decisions = Json::array();
    for (const auto& d : hit.decisions) decisions.push_back(HitDecisionJson(d));
    out["decisions"] = std::move(decisions);
  }
  return out;
}

Json ToJson(const ScreenResponse& response) {
  Json out = Json::object();
  AddResponse(response, /*with_threshold=*/true, &out);
  return out;
}

Json ToJson(const Comparison& c) {
  Json explanation = ToJson(c.pair.comparison);
  explanation["readings"] = {{"a", c.pair.displayed_a ? "displayed" : "written"},
                             {"b", c.pair.displayed_b ? "displayed" : "written"}};
  explanation["cleaning"] = {{"a", ToJson(c.cleaning_a)}, {"b", ToJson(c.cleaning_b)}};
  return {{"name_a", c.name_a},
          {"name_b", c.name_b},
          {"kind", match::NameKindName(c.kind)},
          {"score", c.score},
          {"threshold", c.threshold},
          {"match", c.match},
          {"explanation", std::move(explanation)},
          {"analysis", {{"a", ToJson(c.pair.a)}, {"b", ToJson(c.pair.b)}}}};
}

Json ToJson(const BatchSummary& s) {
  return {{"input", s.input},
          {"output", s.output},
          {"rows", s.rows},
          {"screened", s.screened},
          {"skipped", s.skipped},
          {"rows_with_hits", s.rows_with_hits},
          {"hits", s.hits},
          {"threshold", s.threshold},
          {"threads", s.threads},
          {"raw_csv", s.raw_csv},
          {"seconds", s.seconds},
          {"rows_per_second", s.rows_per_second},
          {"lists", ToJson(s.lists)},
          {"problems", s.problems}};
}

std::string ListsLine(const std::vector<match::ListVersion>& lists) {
  std::string out;
  for (const auto& l : lists)
    out += fmt::format("{}{} ({}, {} records)", out.empty() ? "" : "; ", l.dataset,
                       l.publish_date.empty() ? l.version : l.publish_date, l.records);
  return out;
}

std::string BatchJsonLine(int line, const std::string* id,
                          const std::vector<std::pair<std::string, std::string>>& input,
                          const ScreenResponse& response) {
  Json out = {{"line", line}};
  if (id) out["id"] = *id;
  Json values = Json::object();
  for (const auto& [column, value] : input) values[column] = value;
  out["input"] = std::move(values);
  AddResponse(response, /*with_threshold=*/false, &out);
  return out.dump() + "\n";
}

std::string BatchCsvHeader(const std::vector<std::string>& columns, bool raw) {
  std::string header;
  for (const auto& c : columns) header += CsvCell(c, !raw) + ",";
  header +=
      "vigil_hits,vigil_top_score,vigil_top_entity,vigil_top_name,vigil_top_matched_name,"
      "vigil_top_references,vigil_top_programs,vigil_top_dataset,vigil_lists,"
      "vigil_name_cleaning,vigil_top_decision\n";
  return header;
}

std::string BatchCsvLine(const std::vector<std::string>& cells, const ScreenResponse& response,
                         const std::string& lists_line, bool raw) {
  auto cell = [raw](std::string_view text) { return CsvCell(text, !raw); };
  std::string text;
  for (const auto& c : cells) text += cell(c) + ",";
  // What cleaning did to the name: invisible characters removed, and the
  // reading shown on screen when bidi controls reorder it.
  const CleanedText& cleaning = response.query.cleaning;
  std::string cleaned = DescribeRemoved(cleaning.removed);
  if (!cleaning.displayed.empty())
    cleaned += (cleaned.empty() ? "" : "; ") + std::string("shown as: ") + cleaning.displayed;
  if (response.hits.empty()) {
    text += "0,,,,,,,," + cell(lists_line) + "," + cell(cleaned) + ",\n";
    return text;
  }
  const ScreenHit& top = response.hits.front();
  std::string references, programs;
  for (const auto& x : top.references) references += (references.empty() ? "" : ";") + x;
  for (const auto& x : top.programs) programs += (programs.empty() ? "" : ";") + x;
  // The latest decision on the top hit for this subject: "false_positive
  // 2026-11-30T10:00:00Z desk-1 (stale)".
  std::string decision;
  if (!top.decisions.empty()) {
    const Decision& d = top.decisions.back();
    decision = fmt::format("{} {} {}{}", d.decision, d.at, d.actor, d.stale ? " (stale)" : "");
  }
  text += fmt::format("{},{:.4f},{},{},{},{},{},{},{},{},{}\n", response.hits.size(), top.score,
                      cell(top.entity), cell(top.name), cell(top.matched_name.text),
                      cell(references), cell(programs), cell(top.dataset), cell(lists_line),
                      cell(cleaned), cell(decision));
  return text;
}

Json ScreeningAuditDetail(const ScreenRequest& request, const ScreenResponse& response) {
  Json hits = Json::array();
  for (const auto& h : response.hits)
    hits.push_back({{"entity", h.entity}, {"dataset", h.dataset}, {"score", h.score}});
  Json lists = Json::array();
  for (const auto& l : response.lists)
    lists.push_back(fmt::format("{}@{}", l.dataset, l.publish_date.empty() ? l.version : l.publish_date));
  Json query = {{"name", request.name}};
  if (!request.dob.empty()) query["birth_date"] = request.dob;
  if (!request.country.empty()) query["country"] = request.country;
  if (!request.kind.empty()) query["kind"] = request.kind;
  return {{"query", std::move(query)},
          {"threshold", request.threshold},
          {"lists", std::move(lists)},
          {"hits", std::move(hits)}};
}


}  // namespace vigil
