// Private watchlist matching over HTTP (docs/psi.md, docs/api.md "Private
// matching"): the list holder's side of the file exchange, behind the same
// tokens and audit log. POST /v1/psi/setups (admin) starts a new epoch for
// a loaded list and answers its setup; GET /v1/psi/setups/{list}
// (screener) answers the live one; POST /v1/psi/responses (screener)
// answers a querier's request with the live epoch's key, capped and
// audited under the token's name, never the elements.
#include "server/app.h"
#include "vigil/psi/exchange.h"

namespace vigil::server {
namespace {

// A file of the exchange as the response's body, as `vigil psi` writes it.
Response PsiFileResponse(std::string text) {
  Response response;
  response.body = std::move(text);
  return response;
}

// Elements a request may ask at once, and so its body's size: 44 bytes of
// base64 and quotes per element.
constexpr size_t kPsiRequestCap = 100000;

}  // namespace

void Api::AddPsiRoutes() {
  auto& setups = router_.Post("/v1/psi/setups", [this](Request& request) {
    auto list = request.Query("list");
    if (!list || list->empty())
      return StatusResponse(absl::InvalidArgumentError("list: required (a loaded dataset)"));
    auto mode = psi::ParseMode(request.Query("mode").value_or("exact"));
    if (!mode.ok()) return StatusResponse(mode.status());
    auto setup = engine_.PsiExportSetup(*list, *mode, CallerOf(request).name);
    if (!setup.ok()) return StatusResponse(setup.status());
    return PsiFileResponse(psi::WriteSetup(*setup));
  });
  setups.required_level = static_cast<int>(Role::kAdmin);

  auto& live = router_.Get("/v1/psi/setups/{list}", [this](Request& request) {
    auto mode = psi::ParseMode(request.Query("mode").value_or("exact"));
    if (!mode.ok()) return StatusResponse(mode.status());
    auto setup = engine_.PsiLiveSetup(request.Param("list"), *mode);
    if (!setup.ok()) return StatusResponse(setup.status());
    Response response;
    response.shared_body = *setup;
    return response;
  });
  live.required_level = static_cast<int>(Role::kScreener);

  auto& responses = router_.Post("/v1/psi/responses", [this](Request& request) {
    auto parsed = psi::ParseRequest(request.body, "body");
    if (!parsed.ok()) return StatusResponse(parsed.status());
    auto response = engine_.PsiRespond(*parsed, kPsiRequestCap, CallerOf(request).name);
    if (!response.ok()) return StatusResponse(response.status());
    return PsiFileResponse(psi::WriteResponse(*response));
  });
  responses.required_level = static_cast<int>(Role::kScreener);
  responses.body_limit = 64 * kPsiRequestCap;
}

}  // namespace vigil::server
