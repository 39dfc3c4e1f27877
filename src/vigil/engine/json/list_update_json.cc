// JSON of list updates while serving: the snapshot served, the lists, an
// upload's reports and its audit detail.
#include "vigil/engine/json/list_update_json.h"

#include "vigil/engine/json/internal/params.h"
#include "vigil/engine/json/knowledge_json.h"
#include "vigil/engine/json/screening_json.h"

namespace vigil {

StatusOr<ListUpload> ListUploadFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query, std::string_view content_type) {
  json_internal::Params params(query, {"format", "allow_older", "allow_shrink", "filename"});
  if (!params.status().ok()) return params.status();
  ListUpload upload;
  std::string_view type = content_type.substr(0, content_type.find(';'));
  if (type == "text/csv") upload.format = "ofac-csv";
  params.Text("format", &upload.format);
  params.Text("filename", &upload.label);
  if (auto s = params.Bool("allow_older", &upload.allow_older); !s.ok()) return s;
  if (auto s = params.Bool("allow_shrink", &upload.allow_shrink); !s.ok()) return s;
  return upload;
}

Json ToJson(const ScreeningSnapshotInfo& info) {
  return {{"generation", info.generation},
          {"loaded_at", info.built ? Json(info.loaded_at) : Json(nullptr)},
          {"build_ms", info.build_ms},
          {"from_cache", info.from_cache},
          {"swaps", info.swaps}};
}

Json ListsJson(const std::vector<match::ListVersion>& lists, const ScreeningSnapshotInfo& info) {
  return {{"lists", ToJson(lists)}, {"snapshot", ToJson(info)}};
}

Json ListUploadJson(const std::vector<LoadReport>& reports,
                    const std::vector<match::ListVersion>& lists,
                    const ScreeningSnapshotInfo& info) {
  Json datasets = Json::array();
  for (const auto& r : reports) datasets.push_back(ToJson(r));
  return {{"datasets", std::move(datasets)}, {"lists", ToJson(lists)}, {"snapshot", ToJson(info)}};
}

Json ListLoadAuditDetail(const std::vector<LoadReport>& reports,
                         const ScreeningSnapshotInfo& info) {
  Json datasets = Json::array();
  for (const auto& r : reports) {
    Json d = {{"dataset", r.dataset},
              {"version", r.version},
              {"publish_date", r.publish_date},
              {"sha256", r.sha256},
              {"unchanged", r.unchanged}};
    if (r.changes) {
      d["added"] = r.changes->added;
      d["removed"] = r.changes->removed;
      d["names_changed"] = r.changes->names_changed;
    }
    datasets.push_back(std::move(d));
  }
  return {{"datasets", std::move(datasets)}, {"generation", info.generation}};
}

}  // namespace vigil
