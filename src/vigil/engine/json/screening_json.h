// The JSON shapes of screening (docs/screening.md, "JSON shapes" and
// "Batch"): the one place they are built from the typed results, for the
// CLI's --json and batch output, the HTTP API and the Python package. Also
// the CSV rows of batch output, and the one-line summary of list versions
// that both the CSV column vigil_lists and the text output show.
//
//   Json j = ToJson(*engine->Screen(request));   // {"query", "threshold", "lists", "hits", ...}
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vigil/engine/batch.h"
#include "vigil/engine/screening.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// {"name", "script", "parts": [{"text", "folded", "skeleton", "role",
//  "weight"[, "nasab_position"][, "source"]}], "honorifics", "nasab"};
// "source" (the words a part was read from) when sources has one per part
// (match::PartSources).
Json ToJson(const match::AnalyzedName& analysis);
Json ToJson(const match::AnalyzedName& analysis, const std::vector<std::string>& sources);
// {"pairs": [{"query", "candidate", "method", "similarity", "weight"[,
//  "note"], "query_parts", "candidate_parts"}], "unmatched_query",
//  "unmatched_candidate", "adjustments": [{"rule", "detail"}]};
//  query_parts and candidate_parts: the indices of the parts that met.
Json ToJson(const match::NameComparison& comparison);
// {"removed": [{"code_point", "name", "count"}], "summary", "text",
//  "displayed"}
Json ToJson(const CleanedText& cleaning);
// [{"dataset", "kind", "version", "publish_date", "sha256", "records"}]
Json ToJson(const std::vector<match::ListVersion>& lists);
// One hit; its explanation without "cleaning" (ToJson(ScreenResponse) adds
// the query's to each hit).
Json ToJson(const ScreenHit& hit);
// A hit's "explanation" object, ending with the query's cleaning, as the
// response's JSON gives it, written as compact JSON text (a batch's
// explanation column).
std::string HitExplanationText(const ScreenHit& hit, const CleanedText& cleaning);
// {"query", "threshold", "lists", "hits", "candidates", "fallback",
//  "elapsed_ms"}
Json ToJson(const ScreenResponse& response);
// {"name_a", "name_b", "kind", "score", "threshold", "match",
//  "explanation": {..., "readings", "cleaning"}, "analysis": {"a", "b"}}
Json ToJson(const Comparison& comparison);
// {"input", "output", "rows", "screened", "skipped", "rows_with_hits",
//  "hits", "threshold", "threads", "raw_csv", "seconds",
//  "rows_per_second", "lists", "problems"}
Json ToJson(const BatchSummary& summary);

// "curated (59d51f0657ac46c6, 16 records); un-consolidated (2025-04-19,
// 877 records)": the version is the publish date when there is one. Raw:
// escape it to print it.
std::string ListsLine(const std::vector<match::ListVersion>& lists);

// Batch output rows. input: the row's values in the input's column order;
// id: the id column's value, or nullptr when there is no id column.
// JSON lines: {"line", ["id",] "input", then the response without
// "threshold"}, and a line break.
std::string BatchJsonLine(int line, const std::string* id,
                          const std::vector<std::pair<std::string, std::string>>& input,
                          const ScreenResponse& response);
// CSV: the header, then per row the input columns and vigil_hits,
// vigil_top_score, vigil_top_entity, vigil_top_name, vigil_top_matched_name,
// vigil_top_references, vigil_top_programs, vigil_top_dataset, vigil_lists,
// vigil_name_cleaning; every cell quoted, neutralised unless raw.
std::string BatchCsvHeader(const std::vector<std::string>& columns, bool raw);
std::string BatchCsvLine(const std::vector<std::string>& cells, const ScreenResponse& response,
                         const std::string& lists_line, bool raw);

// What the audit log keeps of one screening (docs/api.md, "The audit
// log"): {"query": {"name"[, "birth_date", "country", "kind"]},
// "threshold", "lists": ["dataset@version"], "hits": [{"entity",
// "dataset", "score"}]}.
Json ScreeningAuditDetail(const ScreenRequest& request, const ScreenResponse& response);

}  // namespace vigil
