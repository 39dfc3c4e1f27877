// Batch screening as a stream of JSON lines (POST /v1/screen/batch;
// docs/api.md "Batch screening"): the query string read into a
// BatchRequest, and the lines that are not output rows: the summary that
// ends the stream, an error that stops it, and the batch's audit detail.
//
//   auto request = BatchRequestFromQuery(query);   // ?threshold=0.9&name_column=nom
//   out += BatchSummaryLine(screener->Finish());   // {"summary": {...}}\n
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/batch.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// name_column (repeatable or comma-separated, joined in order),
// dob_column, country_column, kind_column, id_column, dob, country, kind,
// threshold, top: the options of `vigil screen --input` (the CLI's
// --name-column...), checked as BatchRequest::Validate() checks them.
// JSON-lines output.
StatusOr<BatchRequest> BatchRequestFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query);

// {"summary": ToJson(summary)} and a line break: the stream's last line,
// whose "problems" name each row skipped or screened without a value
// ("body:12: name: ...; row skipped").
std::string BatchSummaryLine(const BatchSummary& summary);
// {"error": {"code", "message"[, "field"]}} and a line break: the stream
// stops after it.
std::string BatchErrorLine(const Status& status);
// The audit detail of one batch: {"rows", "screened", "skipped",
// "rows_with_hits", "hits", "threshold", "lists": ["dataset@version"],
// "complete"}; complete is false when the stream ended early.
Json BatchAuditDetail(const BatchSummary& summary, bool complete);

}  // namespace vigil
