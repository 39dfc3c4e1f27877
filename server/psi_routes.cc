// Private watchlist matching over HTTP (docs/psi.md, docs/api.md "Private
// matching"): the list holder's side of the file exchange, behind the same
// tokens and audit log. GET /v1/psi/setups (screener) lists the live
// epochs; POST /v1/psi/setups (admin) starts a new epoch for a loaded list
// and answers its setup; GET /v1/psi/setups/{list} (screener) answers the
// live one; POST /v1/psi/responses (screener) answers a querier's request
// with the live epoch's key, capped and audited under the token's name,
// never the elements. Under `vigil psi serve` (ApiOptions::psi_only) they
// serve one list and mode only, which is also the default of each.
#include <fmt/format.h>

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
  const std::optional<psi::Offer> only = options_.psi_only;
  // The mode a request asks (?mode=): the served one by default, else
  // tolerant (as `vigil psi export-setup`).
  auto mode_of = [only](Request& request) {
    auto text = request.Query("mode");
    if (!text) return StatusOr<psi::Mode>(only ? only->mode : psi::Mode::kTolerant);
    return psi::ParseMode(*text);
  };
  // NotFound for a list or mode this server does not offer.
  auto offered = [only](const std::string& list, psi::Mode mode) -> Status {
    if (!only || (list == only->list && mode == only->mode)) return absl::OkStatus();
    return absl::NotFoundError(fmt::format("list: this server offers only the {} setup of '{}'",
                                           psi::ModeName(only->mode), only->list));
  };

  router_
      .Get("/v1/psi/setups",
           [this, only](Request&) {
             auto offers = engine_.PsiOffers();
             if (!offers.ok()) return StatusResponse(offers.status());
             if (only)
               std::erase_if(*offers, [&](const psi::Offer& o) {
                 return o.list != only->list || o.mode != only->mode;
               });
             return PsiFileResponse(psi::WriteOffers(*offers));
           })
      .required_level = static_cast<int>(Role::kScreener);

  auto& setups = router_.Post("/v1/psi/setups", [this, only, mode_of, offered](Request& request) {
    std::string list = request.Query("list").value_or(only ? only->list : "");
    if (list.empty())
      return StatusResponse(absl::InvalidArgumentError("list: required (a loaded dataset)"));
    auto mode = mode_of(request);
    if (!mode.ok()) return StatusResponse(mode.status());
    if (auto s = offered(list, *mode); !s.ok()) return StatusResponse(s);
    std::string verifiable = request.Query("verifiable").value_or("false");
    if (verifiable != "true" && verifiable != "false")
      return StatusResponse(absl::InvalidArgumentError("verifiable: true or false"));
    auto setup = engine_.PsiExportSetup(list, *mode, CallerOf(request).name, verifiable == "true");
    if (!setup.ok()) return StatusResponse(setup.status());
    return PsiFileResponse(psi::WriteSetup(*setup));
  });
  setups.required_level = static_cast<int>(Role::kAdmin);

  auto& live = router_.Get("/v1/psi/setups/{list}", [this, mode_of, offered](Request& request) {
    auto mode = mode_of(request);
    if (!mode.ok()) return StatusResponse(mode.status());
    if (auto s = offered(request.Param("list"), *mode); !s.ok()) return StatusResponse(s);
    auto setup = engine_.PsiLiveSetup(request.Param("list"), *mode);
    if (!setup.ok()) return StatusResponse(setup.status());
    Response response;
    response.shared_body = *setup;
    return response;
  });
  live.required_level = static_cast<int>(Role::kScreener);

  auto& responses = router_.Post("/v1/psi/responses", [this, only](Request& request) {
    auto parsed = psi::ParseRequest(request.body, "body");
    if (!parsed.ok()) return StatusResponse(parsed.status());
    auto response =
        engine_.PsiRespond(*parsed, kPsiRequestCap, CallerOf(request).name, only ? only->list : "");
    if (!response.ok()) return StatusResponse(response.status());
    return PsiFileResponse(psi::WriteResponse(*response));
  });
  responses.required_level = static_cast<int>(Role::kScreener);
  responses.body_limit = 64 * kPsiRequestCap;
}

}  // namespace vigil::server
