// Private-matching files (psi/exchange.h) from arbitrary bytes, read as a
// setup, a request, a response, a client state and a list of offers: a
// refusal is bad input naming the file; what is read writes back to the
// same value, and a request's elements can be evaluated, with a proof in
// the verifiable mode that checks.
#include "fuzz_check.h"
#include "vigil/psi/exchange.h"

namespace {

template <typename T>
void RoundTrip(const vigil::StatusOr<T>& parsed, std::string_view path,
               std::string (*write)(const T&),
               vigil::StatusOr<T> (*parse)(std::string_view, std::string_view)) {
  vigil::fuzz::CheckRefusal(parsed.status(), path);
  if (!parsed.ok()) return;
  std::string text = write(*parsed);
  auto again = parse(text, path);
  vigil::fuzz::Check(again.ok() && write(*again) == text, "written file does not read back");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vigil::psi;
  std::string text = vigil::fuzz::Text(data, size);
  RoundTrip<Setup>(ParseSetup(text, "setup.json"), "setup.json", WriteSetup, ParseSetup);
  RoundTrip<ClientState>(ParseState(text, "state.json"), "state.json", WriteState, ParseState);
  RoundTrip<Response>(ParseResponse(text, "response.json"), "response.json", WriteResponse,
                      ParseResponse);
  RoundTrip<std::vector<Offer>>(ParseOffers(text, "offers.json"), "offers.json", WriteOffers,
                                ParseOffers);
  auto request = ParseRequest(text, "request.json");
  RoundTrip<Request>(request, "request.json", WriteRequest, ParseRequest);
  if (request.ok()) {
    Epoch epoch{request->epoch, "list", Mode::kExact, {}, ""};
    epoch.key[0] = 7;  // any non-zero key
    auto response = Respond(epoch, *request, 64);
    vigil::fuzz::Check(response.ok() || request->elements.size() > 64,
                       "a parsed request's elements could not be evaluated");
    if (response.ok() && !request->elements.empty()) {
      epoch.verifiable = true;
      auto proved = Respond(epoch, *request, 64);
      vigil::fuzz::Check(proved.ok() && proved->proofs.size() == 1 &&
                             VerifyProof(PublicKey(epoch.key), request->elements, proved->elements,
                                         proved->proofs[0])
                                 .ok(),
                         "a verifiable response's proof does not hold");
    }
  }
  return 0;
}
