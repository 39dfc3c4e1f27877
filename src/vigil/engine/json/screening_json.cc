// Screening results as JSON and as batch CSV rows.
#include "vigil/engine/json/screening_json.h"

#include <fmt/format.h>

#include "vigil/engine/json/internal/json_sink.h"
#include "vigil/engine/json/monitoring_json.h"
#include "vigil/text/escape.h"

namespace vigil {
namespace {

using json_internal::JsonSink;
using json_internal::JsonText;
using json_internal::JsonTree;

// Each shape below is written once, to a JsonSink: as a tree for ToJson and
// as text for batch JSON lines (json_sink.h).

// [{"text", "folded", "skeleton", "role", "weight"[, "nasab_position"][,
// "source"]}]: "source" when sources holds one per part.
void WriteParts(JsonSink& out, const std::vector<match::NamePart>& parts,
                const std::vector<std::string>& sources) {
  const bool with_sources = !sources.empty() && sources.size() == parts.size();
  out.BeginArray();
  for (size_t i = 0; i < parts.size(); ++i) {
    const auto& p = parts[i];
    out.BeginObject();
    out.Key("text"), out.String(p.text);
    out.Key("folded"), out.String(p.folded);
    out.Key("skeleton"), out.String(p.skeleton);
    out.Key("role"), out.String(match::RoleName(p.role));
    out.Key("weight"), out.Number(p.weight);
    if (p.role == match::PartRole::kNasab) out.Key("nasab_position"), out.Number(p.nasab_position);
    if (with_sources && !sources[i].empty()) out.Key("source"), out.String(sources[i]);
    out.EndObject();
  }
  out.EndArray();
}

// [first, first + 1, ...]: the parts a pair joins on one side.
void WritePartIndices(JsonSink& out, uint32_t first, uint32_t count) {
  out.BeginArray();
  for (uint32_t k = 0; k < count; ++k) out.Number(first + k);
  out.EndArray();
}

void WriteAnalysis(JsonSink& out, const match::AnalyzedName& name,
                   const std::vector<std::string>& sources) {
  out.BeginObject();
  out.Key("name"), out.String(name.original);
  out.Key("script"), out.String(name.script);
  out.Key("parts"), WriteParts(out, name.parts, sources);
  out.Key("honorifics"), out.Strings(name.honorifics);
  out.Key("nasab"), out.Bool(name.has_nasab);
  out.EndObject();
}

// The comparison's fields, inside an object the caller opened (a hit's
// explanation adds its own after them).
void WriteComparisonFields(JsonSink& out, const match::NameComparison& c) {
  out.Key("pairs");
  out.BeginArray();
  for (const auto& p : c.pairs) {
    out.BeginObject();
    out.Key("query"), out.String(p.query);
    out.Key("candidate"), out.String(p.candidate);
    out.Key("method"), out.String(match::MethodName(p.method));
    out.Key("similarity"), out.Number(p.similarity);
    out.Key("weight"), out.Number(p.weight);
    if (!p.note.empty()) out.Key("note"), out.String(p.note);
    out.Key("query_parts"), WritePartIndices(out, p.query_first, p.query_count);
    out.Key("candidate_parts"), WritePartIndices(out, p.candidate_first, p.candidate_count);
    out.EndObject();
  }
  out.EndArray();
  out.Key("unmatched_query"), out.Strings(c.unmatched_query);
  out.Key("unmatched_candidate"), out.Strings(c.unmatched_candidate);
  out.Key("adjustments");
  out.BeginArray();
  for (const auto& a : c.adjustments) {
    out.BeginObject();
    out.Key("rule"), out.String(a.rule);
    out.Key("detail"), out.String(a.detail);
    out.EndObject();
  }
  out.EndArray();
}

void WriteCleaning(JsonSink& out, const CleanedText& cleaned) {
  out.BeginObject();
  out.Key("removed");
  out.BeginArray();
  for (const auto& r : cleaned.removed) {
    out.BeginObject();
    out.Key("code_point"), out.String(CodePointLabel(r.code_point));
    out.Key("name"), out.String(CharacterName(r.code_point));
    out.Key("count"), out.Number(r.count);
    out.EndObject();
  }
  out.EndArray();
  out.Key("summary"), out.String(DescribeRemoved(cleaned.removed));
  out.Key("text"), out.String(cleaned.text);
  out.Key("displayed"), out.StringOrNull(cleaned.displayed);
  out.EndObject();
}

void WriteLists(JsonSink& out, const std::vector<match::ListVersion>& lists) {
  out.BeginArray();
  for (const auto& v : lists) {
    out.BeginObject();
    out.Key("dataset"), out.String(v.dataset);
    out.Key("kind"), out.String(v.kind);
    out.Key("version"), out.String(v.version);
    out.Key("publish_date"), out.StringOrNull(v.publish_date);
    out.Key("sha256"), out.StringOrNull(v.sha256);
    out.Key("records"), out.Number(v.records);
    out.EndObject();
  }
  out.EndArray();
}

// A hit's explanation; it ends with the query's cleaning when one is given.
void WriteExplanation(JsonSink& out, const ScreenHit& hit, const CleanedText* cleaning) {
  out.BeginObject();
  WriteComparisonFields(out, hit.comparison);
  // Which reading of the query met the listed name: as written, or as shown
  // on screen when bidi controls reorder it.
  out.Key("query_reading"), out.String(hit.displayed ? "displayed" : "written");
  // The matched name's parts, which the pairs' candidate_parts index (the
  // query's are query.analysis's, or displayed_analysis's).
  out.Key("candidate_parts"), WriteParts(out, hit.candidate_parts, hit.candidate_sources);
  out.Key("name_score"), out.Number(hit.name_score);
  out.Key("evidence");
  out.BeginArray();
  for (const auto& e : hit.evidence) {
    out.BeginObject();
    out.Key("kind"), out.String(e.kind);
    out.Key("effect"), out.Number(e.effect);
    out.Key("detail"), out.String(e.detail);
    out.EndObject();
  }
  out.EndArray();
  if (cleaning) out.Key("cleaning"), WriteCleaning(out, *cleaning);
  out.EndObject();
}

// One hit; its explanation ends with the query's cleaning when one is given
// (a response's hits each explain themselves whole).
void WriteHit(JsonSink& out, const ScreenHit& hit, const CleanedText* cleaning) {
  out.BeginObject();
  out.Key("rank"), out.Number(hit.rank);
  out.Key("entity"), out.String(hit.entity);
  out.Key("name"), out.String(hit.name);
  out.Key("kind"), out.String(hit.kind);
  out.Key("dataset"), out.String(hit.dataset);
  out.Key("score"), out.Number(hit.score);
  out.Key("rank_score"), out.Number(hit.rank_score);
  out.Key("matched_name");
  out.BeginObject();
  out.Key("text"), out.String(hit.matched_name.text);
  out.Key("type"), out.String(hit.matched_name.type);
  out.Key("script"), out.String(hit.matched_name.script);
  out.EndObject();
  out.Key("references"), out.Strings(hit.references);
  out.Key("programs"), out.Strings(hit.programs);
  out.Key("designations");
  out.BeginArray();
  for (const auto& d : hit.designations) {
    out.BeginObject();
    out.Key("authority"), out.String(d.authority);
    out.Key("program"), out.String(d.program);
    out.Key("list"), out.StringOrNull(d.list);
    out.Key("reference"), out.StringOrNull(d.reference);
    out.Key("date"), out.StringOrNull(d.date);
    out.EndObject();
  }
  out.EndArray();
  out.Key("nationalities"), out.Strings(hit.nationalities);
  out.Key("linked"), out.StringOrNull(hit.linked);
  out.Key("explanation"), WriteExplanation(out, hit, cleaning);
  // Decision memory, only when there is some.
  if (!hit.decisions.empty()) {
    out.Key("decisions");
    out.BeginArray();
    for (const auto& d : hit.decisions) out.Value(HitDecisionJson(d));
    out.EndArray();
  }
  out.EndObject();
}

// The response's fields from "query" on, inside an object the caller opened
// (threshold left out for batch rows).
void WriteResponseFields(JsonSink& out, const ScreenResponse& r, bool with_threshold) {
  out.Key("query");
  out.BeginObject();
  out.Key("name"), out.String(r.query.name);
  out.Key("birth_date"), out.StringOrNull(r.query.birth_date);
  out.Key("country"), out.StringOrNull(r.query.country);
  out.Key("kind"), out.String(match::NameKindName(r.query.kind));
  out.Key("cleaning"), WriteCleaning(out, r.query.cleaning);
  out.Key("analysis"), WriteAnalysis(out, r.query.analysis, r.query.part_sources);
  out.Key("displayed_analysis");
  if (r.query.displayed_analysis) {
    WriteAnalysis(out, *r.query.displayed_analysis, r.query.displayed_part_sources);
  } else {
    out.Null();
  }
  out.EndObject();
  if (with_threshold) out.Key("threshold"), out.Number(r.threshold);
  out.Key("lists"), WriteLists(out, r.lists);
  out.Key("hits");
  out.BeginArray();
  for (const auto& h : r.hits) WriteHit(out, h, &r.query.cleaning);
  out.EndArray();
  out.Key("candidates"), out.Number(r.candidates);
  out.Key("fallback"), out.Bool(r.fallback);
  out.Key("elapsed_ms"), out.Number(r.elapsed_ms);
}

}  // namespace

Json ToJson(const match::AnalyzedName& name) { return ToJson(name, {}); }

Json ToJson(const match::AnalyzedName& name, const std::vector<std::string>& sources) {
  JsonTree tree;
  WriteAnalysis(tree, name, sources);
  return tree.Take();
}

Json ToJson(const match::NameComparison& c) {
  JsonTree tree;
  tree.BeginObject();
  WriteComparisonFields(tree, c);
  tree.EndObject();
  return tree.Take();
}

Json ToJson(const CleanedText& cleaned) {
  JsonTree tree;
  WriteCleaning(tree, cleaned);
  return tree.Take();
}

Json ToJson(const std::vector<match::ListVersion>& lists) {
  JsonTree tree;
  WriteLists(tree, lists);
  return tree.Take();
}

Json ToJson(const ScreenHit& hit) {
  JsonTree tree;
  WriteHit(tree, hit, nullptr);
  return tree.Take();
}

Json ToJson(const ScreenResponse& response) {
  JsonTree tree;
  tree.BeginObject();
  WriteResponseFields(tree, response, /*with_threshold=*/true);
  tree.EndObject();
  return tree.Take();
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

std::string HitExplanationText(const ScreenHit& hit, const CleanedText& cleaning) {
  JsonText text;
  WriteExplanation(text, hit, &cleaning);
  return text.Take();
}

std::string BatchJsonLine(int line, const std::string* id,
                          const std::vector<std::pair<std::string, std::string>>& input,
                          const ScreenResponse& response) {
  JsonText text;
  text.BeginObject();
  text.Key("line"), text.Number(line);
  if (id) text.Key("id"), text.String(*id);
  text.Key("input");
  text.BeginObject();
  for (const auto& [column, value] : input) text.Key(column), text.String(value);
  text.EndObject();
  WriteResponseFields(text, response, /*with_threshold=*/false);
  text.EndObject();
  text.Raw("\n");
  return text.Take();
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
