// Private watchlist matching: a list holder (the server) and a querier (the
// client, a border agency with its travellers) find the names on both
// sides, and the client learns which listed record each matches, while
// neither learns anything about the other's other names (docs/psi.md says
// exactly what each side learns).
//
// The protocol is Diffie-Hellman OPRF set intersection (psi/oprf.h):
//
//   server: Setup setup = MakeSetup(epoch, listed);        // once per epoch, public
//   client: auto [request, state] = *MakeRequest(setup, travellers);
//   server: Response response = *Respond(epoch, request, cap);
//   client: std::vector<PsiHit> hits = *Finish(setup, state, response);
//
// Each name gives one or more keys, each in a family (KeysOf): "exact", the
// name folded, and in tolerant mode keys that survive other spellings and
// scripts. The setup holds, for every key of every listed name, a tag and a
// sealed label derived from F(k, key), which only a client that evaluated
// the same key can compute: the label opens to a per-epoch pseudonym of the
// listed record. The client reports a record when the keys of one
// traveller that reached it weigh at least `threshold` (WeightOf).
//
// Setups, requests and responses are JSON files (Write*/Parse*), with every
// binary value in URL-safe base64; the parsers check every field and name
// the file and field of what is wrong. Sizes are padded to buckets (Bucket)
// so that neither side learns the other's exact count.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/psi/oprf.h"

namespace vigil::psi {

enum class Mode { kExact, kTolerant };
// "exact" | "tolerant"; a field error on "mode" otherwise.
StatusOr<Mode> ParseMode(std::string_view text);
std::string_view ModeName(Mode mode);

inline constexpr int kFormatVersion = 1;
inline constexpr size_t kMinBucket = 256;
inline constexpr size_t kTagBytes = 16;
inline constexpr size_t kPseudonymBytes = 16;
// Listed records that one key may reach (namesakes): the client tries the
// tags of each key's records in turn, up to this many.
inline constexpr size_t kMaxRecordsPerKey = 64;

// The bucket a count is padded to: at least kMinBucket, else the next
// m * 2^e with 8 <= m < 16 (eight buckets a doubling: at most 1/8 padding).
size_t Bucket(size_t count);

// A name's keys: (family, key) pairs, distinct. Exact mode: the family
// "exact" only.
struct FamilyKey {
  std::string family;
  std::string key;
  bool operator==(const FamilyKey&) const = default;
};
std::vector<FamilyKey> KeysOf(std::string_view name, Mode mode);
// The families a mode derives, in order; what a matched key of a family
// weighs (2, or 1 for "partial": a pair with a common name in it), and the
// evidence a record needs, summed over the distinct keys that reached it.
std::vector<std::string> FamiliesOf(Mode mode);
int WeightOf(std::string_view family);
int ThresholdOf(Mode mode);

// The list holder's secret for one epoch (kept in its store).
struct Epoch {
  std::string id;    // public: 32 hex digits
  std::string list;  // the dataset offered
  Mode mode = Mode::kExact;
  Scalar key{};             // the OPRF key
  std::string created;      // ISO 8601 UTC
  bool verifiable = false;  // RFC 9497 VOPRF mode: responses carry a proof
};
// A new epoch with a fresh random key and id.
Epoch NewEpoch(std::string list, Mode mode, std::string created, bool verifiable = false);

// What a list holder offers now: the public facts of a live epoch, listed
// (GET /v1/psi/setups) so that a querier can pick one.
struct Offer {
  std::string list;
  Mode mode = Mode::kExact;
  std::string epoch, created;
  bool verifiable = false;
  bool operator==(const Offer&) const = default;
};
// {"vigil_psi": "offers", "version", "setups": [{"list", "mode", "epoch",
// "created", "verifiable"}]}
std::string WriteOffers(const std::vector<Offer>& offers);
StatusOr<std::vector<Offer>> ParseOffers(std::string_view text, std::string_view path);

// A listed name: the record's key stays with the server; the client sees
// only its pseudonym for the epoch.
struct ListedName {
  std::string record;
  std::string name;
};
// The record's pseudonym in the epoch (hex), as clients see it.
std::string Pseudonym(const Epoch& epoch, std::string_view record);

struct Setup {
  int version = kFormatVersion;
  std::string epoch, list, created;
  Mode mode = Mode::kExact;
  std::vector<std::string> families;
  int threshold = 1;
  // VOPRF mode: the key's public half, which every response proves it used.
  bool verifiable = false;
  Element public_key{};
  // tag (kTagBytes) + sealed label, sorted by tag, padded to a bucket.
  std::vector<std::string> entries;
};
Setup MakeSetup(const Epoch& epoch, const std::vector<ListedName>& listed);

struct Traveller {
  int64_t row = 0;  // the input row (1-based line, or position)
  std::string name;
};

struct Request {
  int version = kFormatVersion;
  std::string epoch;
  std::vector<Element> elements;  // the client's blinded keys, padded to a bucket
};

// The client's secret between request and finish: its travellers' keys and
// their blinds, in the order of the request's first elements.
struct ClientState {
  struct Query {
    int64_t row = 0;
    std::string name, family, key;
    Scalar blind{};
  };
  int version = kFormatVersion;
  std::string epoch;
  std::vector<Query> queries;
  // Verifiable setups: every element of the request, padding included,
  // which the response's proofs are checked against.
  std::vector<Element> sent;
};

StatusOr<std::pair<Request, ClientState>> MakeRequest(const Setup& setup,
                                                      const std::vector<Traveller>& travellers);

struct Response {
  int version = kFormatVersion;
  std::string epoch;
  std::vector<Element> elements;
  // Verifiable epochs: one proof for each kMaxProofBatch elements in turn.
  std::vector<Proof> proofs;
};
// The server's step: every element checked (InvalidArgument "request
// element N: ..."), at most cap of them (OutOfRange otherwise: bad input), the
// request's epoch the one given (FailedPrecondition otherwise).
StatusOr<Response> Respond(const Epoch& epoch, const Request& request, size_t cap);

struct PsiHit {
  int64_t row = 0;
  std::string name;
  std::string pseudonym;              // the listed record, for this epoch
  std::vector<std::string> families;  // the key families that matched, in FamiliesOf's order
  std::string epoch;
};
// The client's last step: the travellers matched, by row, then pseudonym.
// Against a verifiable setup the response's proofs are checked first
// (InvalidArgument "proof: ..." when one does not hold or is missing).
StatusOr<std::vector<PsiHit>> Finish(const Setup& setup, const ClientState& state,
                                     const Response& response);

// JSON files. Parse* name the file (path) and field of any problem.
std::string WriteSetup(const Setup& setup);
std::string WriteRequest(const Request& request);
std::string WriteResponse(const Response& response);
std::string WriteState(const ClientState& state);
StatusOr<Setup> ParseSetup(std::string_view text, std::string_view path);
StatusOr<Request> ParseRequest(std::string_view text, std::string_view path);
StatusOr<Response> ParseResponse(std::string_view text, std::string_view path);
StatusOr<ClientState> ParseState(std::string_view text, std::string_view path);

}  // namespace vigil::psi
