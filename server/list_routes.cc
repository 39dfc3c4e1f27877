// The list-update route of the API: POST /v1/lists (admin) loads an
// official list file sent as the body, as `vigil load` would, audits it and
// swaps the screening snapshot, so that the next screening sees the new
// version (engine/list_swap.h, docs/api.md "List updates").
#include "server/app.h"
#include "vigil/engine/json/list_update_json.h"

namespace vigil::server {

void Api::AddListRoutes() {
  auto& load = router_.Post("/v1/lists", [this](Request& request) {
    auto upload = ListUploadFromQuery(request.query, request.Header("Content-Type").value_or(""));
    if (!upload.ok()) return StatusResponse(upload.status());
    upload->body = std::move(request.body);
    auto reports = engine_.LoadUpload(*upload);
    if (!reports.ok()) return StatusResponse(reports.status());
    ScreeningSnapshotInfo info = engine_.SnapshotInfo();
    engine_.audit().Record(CallerOf(request).name, "list_load",
                           ListLoadAuditDetail(*reports, info));
    auto lists = engine_.ListVersions();
    if (!lists.ok()) return StatusResponse(lists.status());
    return JsonResponse(200, ListUploadJson(*reports, *lists, info));
  });
  load.required_level = static_cast<int>(Role::kAdmin);
  load.body_limit = kMaxListUploadBytes;
}

}  // namespace vigil::server
