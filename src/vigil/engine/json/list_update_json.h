// The JSON shapes of list updates while serving (engine/list_swap.h;
// docs/api.md, "List updates"): the snapshot served, GET /v1/lists, the
// answer to POST /v1/lists and its audit detail.
//
//   Json j = ListsJson(*engine->ListVersions(), engine->SnapshotInfo());
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/list_swap.h"
#include "vigil/engine/load.h"
#include "vigil/match/watchlist.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// POST /v1/lists's query (format, allow_older, allow_shrink, filename) and
// content type: "text/csv" means format ofac-csv unless a format is given.
// The body is not copied in: the caller moves it into the upload.
StatusOr<ListUpload> ListUploadFromQuery(
    const std::vector<std::pair<std::string, std::string>>& query, std::string_view content_type);

// {"generation", "loaded_at", "build_ms", "from_cache", "swaps"}
Json ToJson(const ScreeningSnapshotInfo& info);
// GET /v1/lists: {"lists": [...], "snapshot": ToJson(info)}.
Json ListsJson(const std::vector<match::ListVersion>& lists, const ScreeningSnapshotInfo& info);
// POST /v1/lists: {"datasets": [load report, ...], "lists": [...],
// "snapshot": {...}}: what the load did, then what is served after it.
Json ListUploadJson(const std::vector<LoadReport>& reports,
                    const std::vector<match::ListVersion>& lists,
                    const ScreeningSnapshotInfo& info);
// The audit detail of a list load: {"datasets": [{"dataset", "version",
// "publish_date", "sha256", "unchanged", "added", "removed",
// "names_changed"}], "generation"}.
Json ListLoadAuditDetail(const std::vector<LoadReport>& reports, const ScreeningSnapshotInfo& info);

}  // namespace vigil
