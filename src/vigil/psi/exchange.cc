// Private watchlist matching: keys of names, the setup, request, response
// and finish steps, and their JSON files (psi/exchange.h).
#include "vigil/psi/exchange.h"

#include <fmt/format.h>
#include <sodium.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "vigil/base/sodium.h"
#include "vigil/match/name_analysis.h"
#include "vigil/text/normalize.h"

namespace vigil::psi {
namespace {

using Json = nlohmann::json;

constexpr char kSuite[] = "OPRF(ristretto255, SHA-512)";
constexpr char kVerifiableSuite[] = "VOPRF(ristretto255, SHA-512)";

Variant VariantOf(bool verifiable) { return verifiable ? Variant::kVoprf : Variant::kOprf; }
constexpr size_t kSealedBytes = kPseudonymBytes + crypto_secretbox_MACBYTES;
constexpr size_t kEntryBytes = kTagBytes + kSealedBytes;
// A tolerant skeleton key needs this many consonants in all: shorter ones
// ("Ali Khan": l, kn) are shared by too many people to mean anything.
constexpr size_t kMinSkeletonConsonants = 6;
// ... or this many when one of its parts is distinctive (not a common name).
constexpr size_t kMinDistinctiveSkeletonConsonants = 4;
// A name of one distinctive part gives a skeleton key from this many.
constexpr size_t kMinSinglePartConsonants = 5;
// A pair key needs this many: two short parts say little.
constexpr size_t kMinPairConsonants = 5;

// body(i) for every i < n, on every core.
template <typename Body>
void ForEach(size_t n, size_t grain, const Body& body) {
  tbb::parallel_for(tbb::blocked_range<size_t>(0, n, grain),
                    [&](const tbb::blocked_range<size_t>& range) {
                      for (size_t i = range.begin(); i < range.end(); ++i) body(i);
                    });
}

// The bytes derived from an OPRF output for the i-th listed record of its
// key: BLAKE2b keyed with the output, over a purpose and the index.
std::string Derive(const Output& output, std::string_view purpose, size_t index, size_t size) {
  std::string message(purpose);
  message.push_back('\0');
  message += std::to_string(index);
  std::string out(size, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), size,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     output.data(), output.size());
  return out;
}

// What the OPRF evaluates for a key: its family and the key, apart.
std::string OprfInput(std::string_view family, std::string_view key) {
  std::string input(family);
  input.push_back('\0');
  input.append(key);
  return input;
}

std::string Join(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) {
    if (w.empty()) continue;
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

Status FieldError(std::string_view path, std::string_view field, std::string_view message) {
  return absl::InvalidArgumentError(fmt::format("{}: {}: {}", path, field, message));
}

// A parsed file's top-level object, of the kind and version expected.
StatusOr<Json> OpenFile(std::string_view text, std::string_view path, std::string_view kind) {
  Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return absl::InvalidArgumentError(fmt::format("{}: not a JSON document", path));
  if (!doc.is_object())
    return absl::InvalidArgumentError(fmt::format("{}: not a JSON object", path));
  auto it = doc.find("vigil_psi");
  if (it == doc.end() || !it->is_string() || it->get<std::string>() != kind)
    return FieldError(path, "vigil_psi", fmt::format("not a vigil private-matching {} file", kind));
  auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() ||
      version->get<int64_t>() != kFormatVersion)
    return FieldError(path, "version",
                      fmt::format("this vigil reads version {} files", kFormatVersion));
  return doc;
}

StatusOr<std::string> StringField(const Json& doc, std::string_view path, const char* field,
                                  bool required = true) {
  auto it = doc.find(field);
  if (it == doc.end()) {
    if (!required) return std::string();
    return FieldError(path, field, "missing");
  }
  if (!it->is_string()) return FieldError(path, field, "not a string");
  return it->get<std::string>();
}

// An epoch id: 32 lower-case hex digits.
StatusOr<std::string> EpochField(const Json& doc, std::string_view path) {
  auto epoch = StringField(doc, path, "epoch");
  if (!epoch.ok()) return epoch.status();
  if (epoch->size() != 32 || !std::all_of(epoch->begin(), epoch->end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      }))
    return FieldError(path, "epoch", "not an epoch id (32 hex digits)");
  return epoch;
}

StatusOr<const Json*> ArrayField(const Json& doc, std::string_view path, const char* field) {
  auto it = doc.find(field);
  if (it == doc.end()) return FieldError(path, field, "missing");
  if (!it->is_array()) return FieldError(path, field, "not an array");
  return &*it;
}

// The elements of an array field ("elements", or a state's "sent").
StatusOr<std::vector<Element>> ElementsField(const Json& doc, std::string_view path,
                                             const char* field = "elements") {
  auto array = ArrayField(doc, path, field);
  if (!array.ok()) return array.status();
  const size_t n = (*array)->size();
  std::vector<std::string> bytes(n);
  for (size_t i = 0; i < n; ++i) {
    const Json& value = (**array)[i];
    if (!value.is_string())
      return FieldError(path, fmt::format("{}[{}]", field, i), "not a string");
    auto decoded = BytesOfBase64Url(value.get<std::string>(), "");
    if (!decoded.ok())
      return FieldError(path, fmt::format("{}[{}]", field, i), "not URL-safe base64");
    bytes[i] = std::move(*decoded);
  }
  // Each element checked (the costly part: decoding the point), on every core.
  std::vector<Element> out(n);
  std::vector<Status> failed(n);
  ForEach(n, 256, [&](size_t i) {
    auto element = ParseElement(bytes[i], fmt::format("{}[{}]", field, i));
    if (element.ok())
      out[i] = *element;
    else
      failed[i] = element.status();
  });
  for (const auto& f : failed)
    if (!f.ok())
      return absl::InvalidArgumentError(fmt::format("{}: {}", path, std::string(f.message())));
  return out;
}

// A request or a response (the same shape: an epoch and elements) as its
// file of the given kind, and back.
template <typename File>
std::string WriteElements(std::string_view kind, const File& file) {
  Json doc = {{"vigil_psi", kind}, {"version", file.version}, {"epoch", file.epoch}};
  Json elements = Json::array();
  for (const auto& e : file.elements) elements.push_back(Base64Url(Bytes(e)));
  doc["elements"] = std::move(elements);
  if constexpr (requires { file.proofs; }) {
    if (!file.proofs.empty()) {
      Json proofs = Json::array();
      for (const auto& p : file.proofs) proofs.push_back(Base64Url(ProofBytes(p)));
      doc["proofs"] = std::move(proofs);
    }
  }
  return doc.dump() + "\n";
}

template <typename File>
StatusOr<File> ParseElements(std::string_view text, std::string_view path, std::string_view kind) {
  auto doc = OpenFile(text, path, kind);
  if (!doc.ok()) return doc.status();
  File file;
  auto epoch = EpochField(*doc, path);
  if (!epoch.ok()) return epoch.status();
  file.epoch = *epoch;
  auto elements = ElementsField(*doc, path);
  if (!elements.ok()) return elements.status();
  file.elements = std::move(*elements);
  if constexpr (requires { file.proofs; }) {
    if (doc->contains("proofs")) {
      auto proofs = ArrayField(*doc, path, "proofs");
      if (!proofs.ok()) return proofs.status();
      for (size_t i = 0; i < (*proofs)->size(); ++i) {
        std::string field = fmt::format("proofs[{}]", i);
        const Json& value = (**proofs)[i];
        if (!value.is_string()) return FieldError(path, field, "not a string");
        auto bytes = BytesOfBase64Url(value.get<std::string>(), field);
        if (!bytes.ok()) return FieldError(path, field, "not URL-safe base64");
        auto proof = ParseProof(*bytes, field);
        if (!proof.ok())
          return absl::InvalidArgumentError(
              fmt::format("{}: {}", path, std::string(proof.status().message())));
        file.proofs.push_back(*proof);
      }
    }
  }
  return file;
}

}  // namespace

StatusOr<Mode> ParseMode(std::string_view text) {
  if (text == "exact") return Mode::kExact;
  if (text == "tolerant") return Mode::kTolerant;
  return absl::InvalidArgumentError(
      fmt::format("mode: '{}' is not a mode (exact, tolerant)", text));
}

std::string_view ModeName(Mode mode) { return mode == Mode::kExact ? "exact" : "tolerant"; }

size_t Bucket(size_t count) {
  if (count <= kMinBucket) return kMinBucket;
  // The next m * 2^e with 8 <= m < 16: eight buckets between two powers of
  // two, at most an eighth of padding (whole powers of two cost up to
  // twice the work for a size that says little less).
  size_t step = 1;
  while ((count - 1) / step >= 16) step *= 2;
  return ((count - 1) / step + 1) * step;
}

std::vector<std::string> FamiliesOf(Mode mode) {
  if (mode == Mode::kExact) return {"exact"};
  return {"exact", "parts", "skeleton", "loose", "pairs", "partial"};
}

int WeightOf(std::string_view family) { return family == "partial" ? 1 : 2; }

int ThresholdOf(Mode) { return 2; }

namespace {

// Every two parts of a name, as consonant skeletons in either order, so
// that a name with a part more or less ("Shahata Thirwat", "Salah Shihata
// Thirwat") still meets: "pairs" when both parts are distinctive (not a
// common name such as Mohammed or Ali, not an initial), "partial" (half
// the weight: two must agree) when one is common; none with a word that
// would be noise or a legal form in an organisation's name ("and",
// "group"), or with too few consonants between them.
void PairKeys(const std::vector<const match::NamePart*>& parts,
              const std::set<std::string>& function_words, std::vector<FamilyKey>& keys) {
  for (size_t i = 0; i < parts.size(); ++i)
    for (size_t j = i + 1; j < parts.size(); ++j) {
      const match::NamePart& a = *parts[i];
      const match::NamePart& b = *parts[j];
      if (a.skeleton == b.skeleton || a.skeleton.size() + b.skeleton.size() < kMinPairConsonants ||
          function_words.count(a.folded) || function_words.count(b.folded))
        continue;
      if (a.weight >= 1.0 && b.weight >= 1.0)
        keys.push_back({"pairs", Join({a.skeleton, b.skeleton})});
      else if (a.weight + b.weight >= 1.45)
        keys.push_back({"partial", Join({a.skeleton, b.skeleton})});
    }
}

}  // namespace

std::vector<FamilyKey> KeysOf(std::string_view name, Mode mode) {
  std::vector<FamilyKey> keys;
  std::string exact = vigil::NameKey(name);
  if (exact.empty()) return keys;
  keys.push_back({"exact", exact});
  if (mode == Mode::kExact) return keys;
  // Tolerant: the parts vigil's screening compares, in any order (a
  // family name written first, "HAQQANI, Sirajuddin"), and their consonant
  // skeletons, which Arabic-script and Latin spellings share ("سراج الدين
  // حقاني", "Serajuddin Haqani").
  for (const auto& alternative : match::SplitAlternatives(name)) {
    match::AnalyzedName analyzed = match::AnalyzeName(alternative, match::NameKind::kAny);
    std::vector<std::string> folded, skeletons;
    std::vector<const match::NamePart*> kept;
    size_t consonants = 0;
    for (const auto& part : analyzed.parts) {
      if (part.role == match::PartRole::kNoise || part.role == match::PartRole::kLegalForm ||
          part.folded.empty())
        continue;
      folded.push_back(part.folded);
      kept.push_back(&part);
      if (!part.skeleton.empty()) {
        skeletons.push_back(part.skeleton);
        consonants += part.skeleton.size();
      }
    }
    if (std::string parts = Join(folded); !parts.empty()) keys.push_back({"parts", parts});
    bool distinctive = false;
    for (const auto* p : kept) distinctive |= p->weight >= 1.0;
    if (skeletons.size() >= 2 &&
        consonants >= (distinctive ? kMinDistinctiveSkeletonConsonants : kMinSkeletonConsonants))
      keys.push_back({"skeleton", Join(skeletons)});
    // The same without h, which spellings drop or add (Mahfouz, Mafouz).
    {
      std::vector<std::string> loose;
      size_t loose_consonants = 0, shortest = SIZE_MAX;
      for (const auto& sk : skeletons) {
        std::string l;
        for (char c : sk)
          if (c != 'h') l += c;
        loose.push_back(l);
        loose_consonants += l.size();
        shortest = std::min(shortest, l.size());
      }
      if (loose.size() >= 2 && shortest >= 2 && loose_consonants >= kMinSkeletonConsonants)
        keys.push_back({"loose", Join(loose)});
    }
    // One distinctive part ("Hidayatullah", "هدايت الله"): its skeleton.
    if (kept.size() == 1 && kept[0]->weight >= 1.0 &&
        kept[0]->skeleton.size() >= kMinSinglePartConsonants)
      keys.push_back({"skeleton", kept[0]->skeleton});
    // Words that would be noise or a legal form in an organisation's name
    // ("and", "group") pair with nothing. Only a name of two parts or more
    // has pairs, so only such a name is read again as an organisation's.
    if (kept.size() >= 2) {
      std::set<std::string> function_words;
      for (const auto& part : match::AnalyzeName(alternative, match::NameKind::kOrganization).parts)
        if (part.role == match::PartRole::kNoise || part.role == match::PartRole::kLegalForm)
          function_words.insert(part.folded);
      PairKeys(kept, function_words, keys);
    }
  }
  std::vector<FamilyKey> distinct;
  for (auto& k : keys)
    if (std::find(distinct.begin(), distinct.end(), k) == distinct.end())
      distinct.push_back(std::move(k));
  return distinct;
}

Epoch NewEpoch(std::string list, Mode mode, std::string created, bool verifiable) {
  (void)InitSodium();
  Epoch epoch;
  epoch.verifiable = verifiable;
  epoch.id = HexOf(RandomBytes(16));
  epoch.list = std::move(list);
  epoch.mode = mode;
  epoch.key = RandomKey();
  epoch.created = std::move(created);
  return epoch;
}

namespace {

// The record's pseudonym in the epoch: BLAKE2b keyed with the epoch's key.
std::string PseudonymBytes(const Epoch& epoch, std::string_view record) {
  std::string message = "pseudonym";
  message.push_back('\0');
  message.append(record);
  std::string out(kPseudonymBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     epoch.key.data(), epoch.key.size());
  return out;
}

}  // namespace

std::string Pseudonym(const Epoch& epoch, std::string_view record) {
  return HexOf(PseudonymBytes(epoch, record));
}

Setup MakeSetup(const Epoch& epoch, const std::vector<ListedName>& listed) {
  (void)InitSodium();
  // Each distinct key, with the records that carry it (at most
  // kMaxRecordsPerKey, the first in the list's order).
  std::vector<std::vector<FamilyKey>> keys(listed.size());
  ForEach(listed.size(), 64, [&](size_t i) { keys[i] = KeysOf(listed[i].name, epoch.mode); });
  std::map<std::string, std::vector<std::string>> records_of;
  for (size_t i = 0; i < listed.size(); ++i)
    for (const auto& k : keys[i]) {
      auto& records = records_of[OprfInput(k.family, k.key)];
      if (records.size() < kMaxRecordsPerKey &&
          std::find(records.begin(), records.end(), listed[i].record) == records.end())
        records.push_back(listed[i].record);
    }
  Setup setup;
  setup.epoch = epoch.id;
  setup.list = epoch.list;
  setup.created = epoch.created;
  setup.mode = epoch.mode;
  setup.families = FamiliesOf(epoch.mode);
  setup.threshold = ThresholdOf(epoch.mode);
  setup.verifiable = epoch.verifiable;
  if (epoch.verifiable) setup.public_key = PublicKey(epoch.key);
  const std::array<uint8_t, crypto_secretbox_NONCEBYTES> nonce{};  // each box key seals once
  std::vector<std::pair<const std::string*, const std::vector<std::string>*>> inputs;
  for (const auto& [input, records] : records_of) inputs.push_back({&input, &records});
  std::vector<std::vector<std::string>> made(inputs.size());
  ForEach(inputs.size(), 64, [&](size_t n) {
    const std::vector<std::string>& records = *inputs[n].second;
    auto output = Evaluate(epoch.key, *inputs[n].first, VariantOf(epoch.verifiable));
    if (!output.ok()) return;  // a key hashing to the identity: negligible
    for (size_t i = 0; i < records.size(); ++i) {
      std::string entry = Derive(*output, "tag", i, kTagBytes);
      std::string box_key = Derive(*output, "label", i, crypto_secretbox_KEYBYTES);
      std::string pseudonym = PseudonymBytes(epoch, records[i]);
      std::string sealed(kSealedBytes, '\0');
      crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.data()),
                            reinterpret_cast<const unsigned char*>(pseudonym.data()),
                            pseudonym.size(), nonce.data(),
                            reinterpret_cast<const unsigned char*>(box_key.data()));
      entry += sealed;
      made[n].push_back(std::move(entry));
    }
  });
  for (auto& entries : made)
    for (auto& entry : entries) setup.entries.push_back(std::move(entry));
  // Padded with random entries, which no output's tag meets.
  for (size_t n = Bucket(setup.entries.size()); setup.entries.size() < n;)
    setup.entries.push_back(RandomBytes(kEntryBytes));
  std::sort(setup.entries.begin(), setup.entries.end());
  return setup;
}

StatusOr<std::pair<Request, ClientState>> MakeRequest(const Setup& setup,
                                                      const std::vector<Traveller>& travellers) {
  if (auto s = InitSodium(); !s.ok()) return s;
  Request request;
  ClientState state;
  request.epoch = state.epoch = setup.epoch;
  std::vector<std::vector<FamilyKey>> keys(travellers.size());
  ForEach(travellers.size(), 64,
          [&](size_t i) { keys[i] = KeysOf(travellers[i].name, setup.mode); });
  for (size_t i = 0; i < travellers.size(); ++i)
    for (const auto& k : keys[i])
      state.queries.push_back({travellers[i].row, travellers[i].name, k.family, k.key, {}});
  std::vector<std::optional<Blinded>> blinded(state.queries.size());
  ForEach(state.queries.size(), 64, [&](size_t i) {
    auto made = Blind(OprfInput(state.queries[i].family, state.queries[i].key),
                      VariantOf(setup.verifiable));
    if (made.ok()) blinded[i] = *made;  // else a key hashing to the identity: negligible
  });
  std::vector<ClientState::Query> kept;
  for (size_t i = 0; i < blinded.size(); ++i) {
    if (!blinded[i]) continue;
    request.elements.push_back(blinded[i]->element);
    state.queries[i].blind = blinded[i]->blind;
    kept.push_back(std::move(state.queries[i]));
  }
  state.queries = std::move(kept);
  // Padded with random elements: blinded ones are uniformly random too, so
  // the server cannot tell them apart.
  const size_t real = request.elements.size();
  request.elements.resize(Bucket(real));
  ForEach(request.elements.size() - real, 256,
          [&](size_t i) { crypto_core_ristretto255_random(request.elements[real + i].data()); });
  if (setup.verifiable) state.sent = request.elements;
  return std::make_pair(std::move(request), std::move(state));
}

StatusOr<Response> Respond(const Epoch& epoch, const Request& request, size_t cap) {
  if (request.epoch != epoch.id)
    return absl::FailedPreconditionError(fmt::format(
        "epoch: the request is for epoch {}, not the current one of list '{}'; ask for the "
        "current setup",
        request.epoch, epoch.list));
  if (request.elements.size() > cap)
    return absl::OutOfRangeError(
        fmt::format("elements: {} keys asked, more than the cap of {} per request",
                    request.elements.size(), cap));
  Response response;
  response.epoch = epoch.id;
  response.elements.resize(request.elements.size());
  std::vector<Status> failed(request.elements.size());
  ForEach(request.elements.size(), 64, [&](size_t i) {
    auto evaluated = BlindEvaluate(epoch.key, request.elements[i]);
    if (evaluated.ok())
      response.elements[i] = *evaluated;
    else
      failed[i] = evaluated.status();
  });
  for (size_t i = 0; i < failed.size(); ++i)
    if (!failed[i].ok())
      return absl::InvalidArgumentError(
          fmt::format("request element {}: {}", i, std::string(failed[i].message())));
  if (epoch.verifiable)
    for (size_t from = 0; from < request.elements.size(); from += kMaxProofBatch) {
      size_t n = std::min(kMaxProofBatch, request.elements.size() - from);
      auto proof = GenerateProof(epoch.key, std::span(request.elements).subspan(from, n),
                                 std::span(response.elements).subspan(from, n));
      if (!proof.ok()) return proof.status();
      response.proofs.push_back(*proof);
    }
  return response;
}

namespace {

// A verifiable setup's response checked against what the client sent.
Status CheckProofs(const Setup& setup, const ClientState& state, const Response& response) {
  if (state.sent.size() != response.elements.size())
    return absl::InvalidArgumentError(fmt::format(
        "proof: the state keeps {} sent elements, the response answers {}; a verifiable "
        "exchange needs the state that its request was made with",
        state.sent.size(), response.elements.size()));
  const size_t batches = (response.elements.size() + kMaxProofBatch - 1) / kMaxProofBatch;
  if (response.proofs.size() != batches)
    return absl::InvalidArgumentError(
        fmt::format("proof: the setup is verifiable, but the response carries {} proofs, not {}",
                    response.proofs.size(), batches));
  for (size_t b = 0; b < batches; ++b) {
    size_t from = b * kMaxProofBatch, n = std::min(kMaxProofBatch, state.sent.size() - from);
    if (auto s = VerifyProof(setup.public_key, std::span(state.sent).subspan(from, n),
                             std::span(response.elements).subspan(from, n), response.proofs[b]);
        !s.ok())
      return s;
  }
  return absl::OkStatus();
}

}  // namespace

StatusOr<std::vector<PsiHit>> Finish(const Setup& setup, const ClientState& state,
                                     const Response& response) {
  if (state.epoch != setup.epoch || response.epoch != setup.epoch)
    return absl::FailedPreconditionError(fmt::format(
        "epoch: the setup ({}), the state ({}) and the response ({}) must be of one epoch",
        setup.epoch, state.epoch, response.epoch));
  if (response.elements.size() < state.queries.size())
    return absl::InvalidArgumentError(
        fmt::format("elements: the response answers {} keys, the request asked {}",
                    response.elements.size(), state.queries.size()));
  if (setup.verifiable)
    if (auto s = CheckProofs(setup, state, response); !s.ok()) return s;
  const std::array<uint8_t, crypto_secretbox_NONCEBYTES> nonce{};
  // Each query's pseudonyms (the labels its tags opened), or its failure.
  std::vector<std::vector<std::string>> opened(state.queries.size());
  std::vector<Status> failed(state.queries.size());
  std::vector<Scalar> blinds;
  blinds.reserve(state.queries.size());
  for (const auto& query : state.queries) blinds.push_back(query.blind);
  auto inverses = InvertAll(blinds);
  if (!inverses.ok()) return inverses.status();
  ForEach(state.queries.size(), 64, [&](size_t q) {
    const auto& query = state.queries[q];
    auto output =
        FinalizeInverse(OprfInput(query.family, query.key), (*inverses)[q], response.elements[q]);
    if (!output.ok()) {
      failed[q] = absl::InvalidArgumentError(
          fmt::format("response element {}: {}", q, std::string(output.status().message())));
      return;
    }
    for (size_t i = 0; i < kMaxRecordsPerKey; ++i) {
      std::string tag = Derive(*output, "tag", i, kTagBytes);
      auto it = std::lower_bound(setup.entries.begin(), setup.entries.end(), tag);
      if (it == setup.entries.end() || it->compare(0, kTagBytes, tag) != 0) break;
      std::string box_key = Derive(*output, "label", i, crypto_secretbox_KEYBYTES);
      std::string pseudonym(kPseudonymBytes, '\0');
      if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(pseudonym.data()),
                                     reinterpret_cast<const unsigned char*>(it->data()) + kTagBytes,
                                     kSealedBytes, nonce.data(),
                                     reinterpret_cast<const unsigned char*>(box_key.data())) != 0) {
        failed[q] = absl::InvalidArgumentError(
            "setup: the label of a matched entry does not open (a tampered setup, or one of "
            "another epoch)");
        return;
      }
      opened[q].push_back(HexOf(pseudonym));
    }
  });
  // (row, pseudonym) -> the keys that reached it, by family
  std::map<std::pair<int64_t, std::string>, std::map<std::string, std::set<std::string>>> matched;
  std::map<int64_t, std::string> names;
  for (size_t q = 0; q < state.queries.size(); ++q) {
    if (!failed[q].ok()) return failed[q];
    for (const auto& pseudonym : opened[q]) {
      matched[{state.queries[q].row, pseudonym}][state.queries[q].family].insert(
          state.queries[q].key);
      names[state.queries[q].row] = state.queries[q].name;
    }
  }
  std::vector<PsiHit> hits;
  for (const auto& [key, families] : matched) {
    int evidence = 0;
    for (const auto& [family, keys] : families)
      evidence += WeightOf(family) * static_cast<int>(keys.size());
    if (evidence < setup.threshold) continue;
    PsiHit hit{key.first, names[key.first], key.second, {}, setup.epoch};
    for (const auto& f : setup.families)
      if (families.count(f)) hit.families.push_back(f);
    hits.push_back(std::move(hit));
  }
  return hits;
}

std::string WriteSetup(const Setup& setup) {
  Json doc = {{"vigil_psi", "setup"},
              {"version", setup.version},
              {"suite", setup.verifiable ? kVerifiableSuite : kSuite},
              {"epoch", setup.epoch},
              {"list", setup.list},
              {"created", setup.created},
              {"mode", ModeName(setup.mode)},
              {"families", setup.families},
              {"threshold", setup.threshold},
              {"verifiable", setup.verifiable}};
  if (setup.verifiable) doc["public_key"] = Base64Url(Bytes(setup.public_key));
  Json entries = Json::array();
  for (const auto& e : setup.entries) entries.push_back(Base64Url(e));
  doc["entries"] = std::move(entries);
  return doc.dump() + "\n";
}

std::string WriteRequest(const Request& request) { return WriteElements("request", request); }

std::string WriteResponse(const Response& response) { return WriteElements("response", response); }

std::string WriteState(const ClientState& state) {
  Json doc = {{"vigil_psi", "state"}, {"version", state.version}, {"epoch", state.epoch}};
  Json queries = Json::array();
  for (const auto& q : state.queries)
    queries.push_back({{"row", q.row},
                       {"name", q.name},
                       {"family", q.family},
                       {"key", q.key},
                       {"blind", Base64Url(Bytes(q.blind))}});
  doc["queries"] = std::move(queries);
  if (!state.sent.empty()) {
    Json sent = Json::array();
    for (const auto& e : state.sent) sent.push_back(Base64Url(Bytes(e)));
    doc["sent"] = std::move(sent);
  }
  return doc.dump() + "\n";
}

StatusOr<Setup> ParseSetup(std::string_view text, std::string_view path) {
  auto doc = OpenFile(text, path, "setup");
  if (!doc.ok()) return doc.status();
  Setup setup;
  auto epoch = EpochField(*doc, path);
  if (!epoch.ok()) return epoch.status();
  setup.epoch = *epoch;
  auto list = StringField(*doc, path, "list");
  if (!list.ok()) return list.status();
  setup.list = *list;
  auto created = StringField(*doc, path, "created", false);
  if (!created.ok()) return created.status();
  setup.created = *created;
  auto mode_text = StringField(*doc, path, "mode");
  if (!mode_text.ok()) return mode_text.status();
  auto mode = ParseMode(*mode_text);
  if (!mode.ok())
    return FieldError(path, "mode", fmt::format("'{}' is not exact or tolerant", *mode_text));
  setup.mode = *mode;
  setup.families = FamiliesOf(setup.mode);
  auto families = ArrayField(*doc, path, "families");
  if (!families.ok()) return families.status();
  if (**families != Json(setup.families))
    return FieldError(path, "families",
                      fmt::format("this vigil derives {} for mode {}", Json(setup.families).dump(),
                                  ModeName(setup.mode)));
  auto threshold = doc->find("threshold");
  if (threshold == doc->end() || !threshold->is_number_integer() || threshold->get<int64_t>() < 1 ||
      threshold->get<int64_t>() > 2 * static_cast<int64_t>(setup.families.size()))
    return FieldError(path, "threshold",
                      fmt::format("an integer from 1 to {}", 2 * setup.families.size()));
  setup.threshold = static_cast<int>(threshold->get<int64_t>());
  auto verifiable = doc->find("verifiable");
  if (verifiable != doc->end() && !verifiable->is_boolean())
    return FieldError(path, "verifiable", "not true or false");
  setup.verifiable = verifiable != doc->end() && verifiable->get<bool>();
  if (setup.verifiable) {
    auto key_text = StringField(*doc, path, "public_key");
    if (!key_text.ok()) return key_text.status();
    auto key_bytes = BytesOfBase64Url(*key_text, "public_key");
    if (!key_bytes.ok()) return FieldError(path, "public_key", "not URL-safe base64");
    auto key = ParseElement(*key_bytes, "public_key");
    if (!key.ok())
      return absl::InvalidArgumentError(
          fmt::format("{}: {}", path, std::string(key.status().message())));
    setup.public_key = *key;
  }
  auto entries = ArrayField(*doc, path, "entries");
  if (!entries.ok()) return entries.status();
  setup.entries.reserve((*entries)->size());
  for (size_t i = 0; i < (*entries)->size(); ++i) {
    const Json& value = (**entries)[i];
    std::string field = fmt::format("entries[{}]", i);
    if (!value.is_string()) return FieldError(path, field, "not a string");
    auto bytes = BytesOfBase64Url(value.get<std::string>(), field);
    if (!bytes.ok() || bytes->size() != kEntryBytes)
      return FieldError(path, field, fmt::format("not {} bytes in URL-safe base64", kEntryBytes));
    if (!setup.entries.empty() && *bytes <= setup.entries.back())
      return FieldError(path, field, "entries must be sorted and distinct");
    setup.entries.push_back(std::move(*bytes));
  }
  return setup;
}

StatusOr<Request> ParseRequest(std::string_view text, std::string_view path) {
  return ParseElements<Request>(text, path, "request");
}

StatusOr<Response> ParseResponse(std::string_view text, std::string_view path) {
  return ParseElements<Response>(text, path, "response");
}

std::string WriteOffers(const std::vector<Offer>& offers) {
  Json setups = Json::array();
  for (const auto& o : offers)
    setups.push_back({{"list", o.list},
                      {"mode", ModeName(o.mode)},
                      {"epoch", o.epoch},
                      {"created", o.created},
                      {"verifiable", o.verifiable}});
  Json doc = {{"vigil_psi", "offers"}, {"version", kFormatVersion}, {"setups", std::move(setups)}};
  return doc.dump() + "\n";
}

StatusOr<std::vector<Offer>> ParseOffers(std::string_view text, std::string_view path) {
  auto doc = OpenFile(text, path, "offers");
  if (!doc.ok()) return doc.status();
  auto setups = ArrayField(*doc, path, "setups");
  if (!setups.ok()) return setups.status();
  std::vector<Offer> offers;
  for (size_t i = 0; i < (*setups)->size(); ++i) {
    const Json& o = (**setups)[i];
    std::string field = fmt::format("setups[{}]", i);
    if (!o.is_object()) return FieldError(path, field, "not an object");
    Offer offer;
    auto epoch = EpochField(o, path);
    auto list = StringField(o, path, "list");
    auto mode_text = StringField(o, path, "mode");
    auto created = StringField(o, path, "created", false);
    if (!epoch.ok() || !list.ok() || !mode_text.ok() || !created.ok())
      return FieldError(path, field, "needs a list, a mode and an epoch");
    auto mode = ParseMode(*mode_text);
    if (!mode.ok()) return FieldError(path, field + ".mode", "not exact or tolerant");
    auto verifiable = o.find("verifiable");
    if (verifiable != o.end() && !verifiable->is_boolean())
      return FieldError(path, field + ".verifiable", "not true or false");
    offer.list = *list;
    offer.mode = *mode;
    offer.epoch = *epoch;
    offer.created = *created;
    offer.verifiable = verifiable != o.end() && verifiable->get<bool>();
    offers.push_back(std::move(offer));
  }
  return offers;
}

StatusOr<ClientState> ParseState(std::string_view text, std::string_view path) {
  auto doc = OpenFile(text, path, "state");
  if (!doc.ok()) return doc.status();
  ClientState state;
  auto epoch = EpochField(*doc, path);
  if (!epoch.ok()) return epoch.status();
  state.epoch = *epoch;
  auto queries = ArrayField(*doc, path, "queries");
  if (!queries.ok()) return queries.status();
  for (size_t i = 0; i < (*queries)->size(); ++i) {
    const Json& q = (**queries)[i];
    std::string field = fmt::format("queries[{}]", i);
    if (!q.is_object()) return FieldError(path, field, "not an object");
    ClientState::Query query;
    auto row = q.find("row");
    if (row == q.end() || !row->is_number_integer())
      return FieldError(path, field + ".row", "not an integer");
    query.row = row->get<int64_t>();
    for (auto [name, out] :
         {std::pair{"name", &query.name}, {"family", &query.family}, {"key", &query.key}}) {
      auto value = StringField(q, path, name);
      if (!value.ok()) return FieldError(path, field + "." + name, "not a string");
      *out = *value;
    }
    auto blind_text = StringField(q, path, "blind");
    if (!blind_text.ok()) return FieldError(path, field + ".blind", "not a string");
    auto blind_bytes = BytesOfBase64Url(*blind_text, field + ".blind");
    if (!blind_bytes.ok()) return FieldError(path, field + ".blind", "not URL-safe base64");
    auto blind = ParseScalar(*blind_bytes, field + ".blind");
    if (!blind.ok())
      return absl::InvalidArgumentError(
          fmt::format("{}: {}", path, std::string(blind.status().message())));
    query.blind = *blind;
    state.queries.push_back(std::move(query));
  }
  if (doc->contains("sent")) {
    auto sent = ElementsField(*doc, path, "sent");
    if (!sent.ok()) return sent.status();
    state.sent = std::move(*sent);
  }
  return state;
}

}  // namespace vigil::psi
