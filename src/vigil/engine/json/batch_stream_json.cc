// Batch screening as JSON lines: query parameters in; summary, error and
// audit lines out.
#include "vigil/engine/json/batch_stream_json.h"

#include <fmt/format.h>

#include "vigil/engine/json/internal/params.h"
#include "vigil/engine/json/screening_json.h"

namespace vigil {

StatusOr<BatchRequest> BatchRequestFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query) {
  json_internal::Params params(query, {"name_column", "dob_column", "country_column", "kind_column",
                                       "id_column", "dob", "country", "kind", "threshold", "top"});
  if (!params.status().ok()) return params.status();
  BatchRequest request;
  request.output = BatchFormat::kJsonLines;
  request.name_columns = params.All("name_column");
  params.Text("dob_column", &request.dob_column);
  params.Text("country_column", &request.country_column);
  params.Text("kind_column", &request.kind_column);
  params.Text("id_column", &request.id_column);
  params.Text("dob", &request.dob);
  params.Text("country", &request.country);
  params.Text("kind", &request.kind);
  if (auto s = params.Number("threshold", &request.threshold); !s.ok()) return s;
  uint64_t top = request.top;
  if (auto s = params.Unsigned("top", &top); !s.ok()) return s;
  request.top = static_cast<size_t>(top);
  if (auto s = request.Validate(); !s.ok()) return s;
  return request;
}

std::string BatchSummaryLine(const BatchSummary& summary) {
  return Json{{"summary", ToJson(summary)}}.dump() + "\n";
}

std::string BatchErrorLine(const Status& status) {
  int http = HttpStatusFor(status);
  Json error = {
      {"code", http == 422   ? "invalid_field"
               : http == 400 ? "malformed_request"
                             : "internal"},
      {"message", http == 500 ? std::string("internal error") : std::string(status.message())}};
  if (std::string field = FieldOf(status); !field.empty()) error["field"] = field;
  return Json{{"error", std::move(error)}}.dump() + "\n";
}

Json BatchAuditDetail(const BatchSummary& summary, bool complete) {
  Json lists = Json::array();
  for (const auto& l : summary.lists)
    lists.push_back(
        fmt::format("{}@{}", l.dataset, l.publish_date.empty() ? l.version : l.publish_date));
  return {{"rows", summary.rows},       {"screened", summary.screened},
          {"skipped", summary.skipped}, {"rows_with_hits", summary.rows_with_hits},
          {"hits", summary.hits},       {"threshold", summary.threshold},
          {"lists", std::move(lists)},  {"complete", complete}};
}

}  // namespace vigil
