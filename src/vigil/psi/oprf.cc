// RFC 9497 OPRF(ristretto255, SHA-512), modes 0x00 (OPRF) and 0x01
// (VOPRF), on libsodium's ristretto255 group and SHA-512; hashing to the
// group and to scalars by RFC 9380's expand_message_xmd.
#include "vigil/psi/oprf.h"

#include <fmt/format.h>
#include <sodium.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>

#include "vigil/base/sodium.h"

namespace vigil::psi {
namespace {

// "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier.
const std::string& ContextString(Variant variant) {
  static const std::string oprf = std::string("OPRFV1-") + '\x00' + "-ristretto255-SHA512";
  static const std::string voprf = std::string("OPRFV1-") + '\x01' + "-ristretto255-SHA512";
  return variant == Variant::kOprf ? oprf : voprf;
}

void Append16(std::string& out, size_t n) {  // I2OSP(n, 2)
  out.push_back(static_cast<char>((n >> 8) & 0xff));
  out.push_back(static_cast<char>(n & 0xff));
}

Scalar ReduceWide(const std::vector<uint8_t>& wide) {
  Scalar s;
  crypto_core_ristretto255_scalar_reduce(s.data(), wide.data());
  return s;
}

bool IsZero(const uint8_t* bytes, size_t size) { return sodium_is_zero(bytes, size) == 1; }

Status Invalid(std::string_view what, std::string_view why) {
  return absl::InvalidArgumentError(fmt::format("{}: {}", what, why));
}

// The hash that ends Finalize and Evaluate.
Output FinalHash(std::string_view input, const Element& element) {
  std::string hash_input;
  hash_input.reserve(input.size() + kElementBytes + 12);
  Append16(hash_input, input.size());
  hash_input.append(input);
  Append16(hash_input, kElementBytes);
  hash_input.append(Bytes(element));
  hash_input.append("Finalize");
  Output out;
  crypto_hash_sha512(out.data(), reinterpret_cast<const unsigned char*>(hash_input.data()),
                     hash_input.size());
  return out;
}

}  // namespace

std::vector<uint8_t> ExpandMessageXmd(std::string_view msg, std::string_view dst, size_t length) {
  constexpr size_t kHashBytes = crypto_hash_sha512_BYTES;  // b_in_bytes
  constexpr size_t kBlockBytes = 128;                      // s_in_bytes of SHA-512
  const size_t blocks = (length + kHashBytes - 1) / kHashBytes;
  std::string dst_prime(dst);
  dst_prime.push_back(static_cast<char>(dst.size()));
  // b_0 = H(Z_pad || msg || I2OSP(len, 2) || I2OSP(0, 1) || DST_prime)
  std::string first(kBlockBytes, '\0');
  first.append(msg);
  Append16(first, length);
  first.push_back('\0');
  first.append(dst_prime);
  std::array<uint8_t, kHashBytes> b0, previous;
  crypto_hash_sha512(b0.data(), reinterpret_cast<const unsigned char*>(first.data()), first.size());
  std::vector<uint8_t> out;
  out.reserve(blocks * kHashBytes);
  for (size_t i = 1; i <= blocks; ++i) {
    // b_i = H(strxor(b_0, b_(i-1)) || I2OSP(i, 1) || DST_prime), b_1 from b_0 alone
    std::string block(kHashBytes, '\0');
    for (size_t j = 0; j < kHashBytes; ++j)
      block[j] = static_cast<char>(i == 1 ? b0[j] : (b0[j] ^ previous[j]));
    block.push_back(static_cast<char>(i));
    block.append(dst_prime);
    crypto_hash_sha512(previous.data(), reinterpret_cast<const unsigned char*>(block.data()),
                       block.size());
    out.insert(out.end(), previous.begin(), previous.end());
  }
  out.resize(length);
  return out;
}

StatusOr<Element> HashToGroup(std::string_view input, Variant variant) {
  if (auto s = InitSodium(); !s.ok()) return s;
  auto uniform = ExpandMessageXmd(input, "HashToGroup-" + ContextString(variant), 64);
  Element e;
  crypto_core_ristretto255_from_hash(e.data(), uniform.data());
  if (IsZero(e.data(), e.size())) return Invalid("input", "hashes to the identity element");
  return e;
}

Scalar HashToScalar(std::string_view input, Variant variant) {
  return ReduceWide(ExpandMessageXmd(input, "HashToScalar-" + ContextString(variant), 64));
}

StatusOr<Scalar> DeriveKey(std::string_view seed, std::string_view info, Variant variant) {
  if (seed.size() != 32) return Invalid("seed", "must be 32 bytes");
  if (info.size() > 0xffff) return Invalid("info", "longer than 65535 bytes");
  std::string derive_input(seed);
  Append16(derive_input, info.size());
  derive_input.append(info);
  const std::string dst = "DeriveKeyPair" + ContextString(variant);
  for (int counter = 0; counter <= 255; ++counter) {
    std::string message = derive_input;
    message.push_back(static_cast<char>(counter));
    Scalar key = ReduceWide(ExpandMessageXmd(message, dst, 64));
    if (!IsZero(key.data(), key.size())) return key;
  }
  return absl::InternalError("DeriveKey: no non-zero scalar in 256 tries");
}

Scalar RandomKey() {
  (void)InitSodium();
  Scalar key;
  do {
    crypto_core_ristretto255_scalar_random(key.data());
  } while (IsZero(key.data(), key.size()));
  return key;
}

Element PublicKey(const Scalar& key) {
  (void)InitSodium();
  Element out{};
  crypto_scalarmult_ristretto255_base(out.data(), key.data());
  return out;
}

StatusOr<Element> ParseElement(std::string_view bytes, std::string_view what) {
  if (auto s = InitSodium(); !s.ok()) return s;
  if (bytes.size() != kElementBytes)
    return Invalid(what,
                   fmt::format("an element is {} bytes, not {}", kElementBytes, bytes.size()));
  Element e;
  std::copy(bytes.begin(), bytes.end(), e.begin());
  if (IsZero(e.data(), e.size())) return Invalid(what, "the identity element is refused");
  if (crypto_core_ristretto255_is_valid_point(e.data()) != 1)
    return Invalid(what, "not the canonical encoding of a ristretto255 element");
  return e;
}

StatusOr<Scalar> ParseScalar(std::string_view bytes, std::string_view what) {
  if (bytes.size() != kScalarBytes)
    return Invalid(what, fmt::format("a scalar is {} bytes, not {}", kScalarBytes, bytes.size()));
  Scalar s;
  std::copy(bytes.begin(), bytes.end(), s.begin());
  if (IsZero(s.data(), s.size())) return Invalid(what, "the zero scalar is refused");
  // Canonical: reducing it (as a 64-byte number) changes nothing.
  std::vector<uint8_t> wide(64, 0);
  std::copy(s.begin(), s.end(), wide.begin());
  if (ReduceWide(wide) != s) return Invalid(what, "not reduced modulo the group order");
  return s;
}

StatusOr<Blinded> Blind(std::string_view input, Variant variant) {
  return BlindWith(input, RandomKey(), variant);
}

StatusOr<Blinded> BlindWith(std::string_view input, const Scalar& blind, Variant variant) {
  auto point = HashToGroup(input, variant);
  if (!point.ok()) return point.status();
  Blinded out{blind, {}};
  if (crypto_scalarmult_ristretto255(out.element.data(), blind.data(), point->data()) != 0)
    return Invalid("blind", "gives the identity element");
  return out;
}

namespace {

// q = n * p for a received element p: libsodium's multiplication decodes p,
// refusing a non-canonical encoding, and refuses an identity result; the
// identity itself is refused first, to say so.
Status MultiplyReceived(uint8_t* q, const Scalar& n, const Element& p, std::string_view what) {
  if (IsZero(p.data(), p.size())) return Invalid(what, "the identity element is refused");
  if (crypto_scalarmult_ristretto255(q, n.data(), p.data()) != 0)
    return Invalid(what, "not the canonical encoding of a ristretto255 element");
  return absl::OkStatus();
}

}  // namespace

StatusOr<Element> BlindEvaluate(const Scalar& key, const Element& blinded) {
  Element out;
  if (auto s = MultiplyReceived(out.data(), key, blinded, "blinded element"); !s.ok()) return s;
  return out;
}

StatusOr<Output> Finalize(std::string_view input, const Scalar& blind, const Element& evaluated) {
  Scalar inverse;
  if (crypto_core_ristretto255_scalar_invert(inverse.data(), blind.data()) != 0)
    return Invalid("blind", "the zero scalar has no inverse");
  return FinalizeInverse(input, inverse, evaluated);
}

StatusOr<std::vector<Scalar>> InvertAll(const std::vector<Scalar>& scalars) {
  const size_t n = scalars.size();
  std::vector<Scalar> prefix(n), out(n);
  for (size_t i = 0; i < n; ++i) {
    if (IsZero(scalars[i].data(), kScalarBytes))
      return Invalid("blind", "the zero scalar has no inverse");
    if (i == 0)
      prefix[0] = scalars[0];
    else
      crypto_core_ristretto255_scalar_mul(prefix[i].data(), prefix[i - 1].data(),
                                          scalars[i].data());
  }
  if (n == 0) return out;
  Scalar running;  // the inverse of the product of scalars[0..i]
  if (crypto_core_ristretto255_scalar_invert(running.data(), prefix[n - 1].data()) != 0)
    return Invalid("blind", "the zero scalar has no inverse");
  for (size_t i = n; i-- > 0;) {
    if (i == 0) {
      out[0] = running;
      break;
    }
    crypto_core_ristretto255_scalar_mul(out[i].data(), running.data(), prefix[i - 1].data());
    crypto_core_ristretto255_scalar_mul(running.data(), running.data(), scalars[i].data());
  }
  return out;
}

StatusOr<Output> FinalizeInverse(std::string_view input, const Scalar& inverse,
                                 const Element& evaluated) {
  Element unblinded;
  if (auto s = MultiplyReceived(unblinded.data(), inverse, evaluated, "evaluated element"); !s.ok())
    return s;
  return FinalHash(input, unblinded);
}

StatusOr<Output> Evaluate(const Scalar& key, std::string_view input, Variant variant) {
  auto point = HashToGroup(input, variant);
  if (!point.ok()) return point.status();
  Element evaluated;
  if (crypto_scalarmult_ristretto255(evaluated.data(), key.data(), point->data()) != 0)
    return Invalid("key", "evaluates to the identity element");
  return FinalHash(input, evaluated);
}

namespace {

void AppendPrefixed(std::string& out, std::string_view bytes) {
  Append16(out, bytes.size());
  out.append(bytes);
}

// p + q, both valid elements.
Element Add(const Element& p, const Element& q) {
  Element out;
  crypto_core_ristretto255_add(out.data(), p.data(), q.data());
  return out;
}

// The sum of terms[i] * points[i] (points checked already), on every core.
StatusOr<Element> WeightedSum(const std::vector<Scalar>& weights, std::span<const Element> points) {
  const size_t m = points.size();
  std::vector<Element> terms(m);
  std::vector<char> bad(m, 0);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, m, 64), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t i = r.begin(); i < r.end(); ++i)
      bad[i] =
          crypto_scalarmult_ristretto255(terms[i].data(), weights[i].data(), points[i].data()) != 0;
  });
  if (std::find(bad.begin(), bad.end(), 1) != bad.end())
    return Invalid("proof", "a composite term is the identity element");
  Element sum = terms[0];
  for (size_t i = 1; i < m; ++i) sum = Add(sum, terms[i]);
  return sum;
}

// RFC 9497 ComputeComposites: the batch's weights d_i, from the public key
// and every pair (C_i, D_i).
std::vector<Scalar> CompositeWeights(const Element& public_key, std::span<const Element> blinded,
                                     std::span<const Element> evaluated) {
  const std::string& context = ContextString(Variant::kVoprf);
  std::string seed_transcript;
  AppendPrefixed(seed_transcript, Bytes(public_key));
  AppendPrefixed(seed_transcript, "Seed-" + context);
  std::array<uint8_t, crypto_hash_sha512_BYTES> seed;
  crypto_hash_sha512(seed.data(), reinterpret_cast<const unsigned char*>(seed_transcript.data()),
                     seed_transcript.size());
  std::string_view seed_bytes(reinterpret_cast<const char*>(seed.data()), seed.size());
  std::vector<Scalar> weights(blinded.size());
  tbb::parallel_for(tbb::blocked_range<size_t>(0, blinded.size(), 256),
                    [&](const tbb::blocked_range<size_t>& r) {
                      for (size_t i = r.begin(); i < r.end(); ++i) {
                        std::string transcript;
                        AppendPrefixed(transcript, seed_bytes);
                        Append16(transcript, i);
                        AppendPrefixed(transcript, Bytes(blinded[i]));
                        AppendPrefixed(transcript, Bytes(evaluated[i]));
                        transcript.append("Composite");
                        weights[i] = HashToScalar(transcript, Variant::kVoprf);
                      }
                    });
  return weights;
}

Scalar Challenge(const Element& public_key, const Element& m, const Element& z, const Element& t2,
                 const Element& t3) {
  std::string transcript;
  for (const Element* e : {&public_key, &m, &z, &t2, &t3}) AppendPrefixed(transcript, Bytes(*e));
  transcript.append("Challenge");
  return HashToScalar(transcript, Variant::kVoprf);
}

Status CheckBatch(std::span<const Element> blinded, std::span<const Element> evaluated) {
  if (blinded.empty() || blinded.size() != evaluated.size())
    return Invalid("proof", fmt::format("a batch of {} blinded and {} evaluated elements",
                                        blinded.size(), evaluated.size()));
  if (blinded.size() > kMaxProofBatch)
    return Invalid("proof", fmt::format("a batch of more than {} elements", kMaxProofBatch));
  return absl::OkStatus();
}

}  // namespace

StatusOr<Proof> GenerateProof(const Scalar& key, std::span<const Element> blinded,
                              std::span<const Element> evaluated) {
  return GenerateProofWith(key, blinded, evaluated, RandomKey());
}

StatusOr<Proof> GenerateProofWith(const Scalar& key, std::span<const Element> blinded,
                                  std::span<const Element> evaluated, const Scalar& nonce) {
  if (auto s = CheckBatch(blinded, evaluated); !s.ok()) return s;
  const Element public_key = PublicKey(key);
  // ComputeCompositesFast: M = sum d_i C_i, Z = key * M.
  auto m = WeightedSum(CompositeWeights(public_key, blinded, evaluated), blinded);
  if (!m.ok()) return m.status();
  Element z, t2, t3;
  if (crypto_scalarmult_ristretto255(z.data(), key.data(), m->data()) != 0 ||
      crypto_scalarmult_ristretto255_base(t2.data(), nonce.data()) != 0 ||
      crypto_scalarmult_ristretto255(t3.data(), nonce.data(), m->data()) != 0)
    return Invalid("proof", "an intermediate value is the identity element");
  Proof proof;
  proof.c = Challenge(public_key, *m, z, t2, t3);
  Scalar ck;
  crypto_core_ristretto255_scalar_mul(ck.data(), proof.c.data(), key.data());
  crypto_core_ristretto255_scalar_sub(proof.s.data(), nonce.data(), ck.data());
  return proof;
}

Status VerifyProof(const Element& public_key, std::span<const Element> blinded,
                   std::span<const Element> evaluated, const Proof& proof) {
  if (auto s = InitSodium(); !s.ok()) return s;
  if (auto s = CheckBatch(blinded, evaluated); !s.ok()) return s;
  if (crypto_core_ristretto255_is_valid_point(public_key.data()) != 1 ||
      IsZero(public_key.data(), public_key.size()))
    return Invalid("public_key", "not a valid ristretto255 element");
  // ComputeComposites: M = sum d_i C_i, Z = sum d_i D_i.
  auto weights = CompositeWeights(public_key, blinded, evaluated);
  auto m = WeightedSum(weights, blinded);
  auto z = WeightedSum(weights, evaluated);
  if (!m.ok()) return m.status();
  if (!z.ok()) return z.status();
  // t2 = s G + c B, t3 = s M + c Z.
  Element sg, cb, sm, cz;
  if (crypto_scalarmult_ristretto255_base(sg.data(), proof.s.data()) != 0 ||
      crypto_scalarmult_ristretto255(cb.data(), proof.c.data(), public_key.data()) != 0 ||
      crypto_scalarmult_ristretto255(sm.data(), proof.s.data(), m->data()) != 0 ||
      crypto_scalarmult_ristretto255(cz.data(), proof.c.data(), z->data()) != 0)
    return Invalid("proof", "does not hold: an intermediate value is the identity element");
  Scalar expected = Challenge(public_key, *m, *z, Add(sg, cb), Add(sm, cz));
  if (sodium_memcmp(expected.data(), proof.c.data(), kScalarBytes) != 0)
    return Invalid("proof",
                   "does not hold: these elements were not all evaluated with the key whose "
                   "public half the setup names");
  return absl::OkStatus();
}

std::string ProofBytes(const Proof& proof) {
  return std::string(Bytes(proof.c)) + std::string(Bytes(proof.s));
}

StatusOr<Proof> ParseProof(std::string_view bytes, std::string_view what) {
  if (bytes.size() != kProofBytes)
    return Invalid(what, fmt::format("a proof is {} bytes, not {}", kProofBytes, bytes.size()));
  Proof proof;
  auto c = ParseScalar(bytes.substr(0, kScalarBytes), what);
  if (!c.ok()) return c.status();
  proof.c = *c;
  // s may be zero only by a negligible chance; a canonical value is all we ask.
  std::vector<uint8_t> wide(64, 0);
  std::copy(bytes.begin() + kScalarBytes, bytes.end(), wide.begin());
  std::copy(bytes.begin() + kScalarBytes, bytes.end(), proof.s.begin());
  if (ReduceWide(wide) != proof.s) return Invalid(what, "not reduced modulo the group order");
  return proof;
}

}  // namespace vigil::psi
