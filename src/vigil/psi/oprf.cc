// RFC 9497 OPRF(ristretto255, SHA-512), mode 0x00, on libsodium's
// ristretto255 group and SHA-512; hashing to the group and to scalars by
// RFC 9380's expand_message_xmd.
#include "vigil/psi/oprf.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "vigil/base/sodium.h"

namespace vigil::psi {
namespace {

// "OPRFV1-" || I2OSP(mode, 1) || "-" || identifier, for mode 0x00.
const std::string& ContextString() {
  static const std::string context = std::string("OPRFV1-") + '\0' + "-ristretto255-SHA512";
  return context;
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

StatusOr<Element> HashToGroup(std::string_view input) {
  if (auto s = InitSodium(); !s.ok()) return s;
  auto uniform = ExpandMessageXmd(input, "HashToGroup-" + ContextString(), 64);
  Element e;
  crypto_core_ristretto255_from_hash(e.data(), uniform.data());
  if (IsZero(e.data(), e.size())) return Invalid("input", "hashes to the identity element");
  return e;
}

Scalar HashToScalar(std::string_view input) {
  return ReduceWide(ExpandMessageXmd(input, "HashToScalar-" + ContextString(), 64));
}

StatusOr<Scalar> DeriveKey(std::string_view seed, std::string_view info) {
  if (seed.size() != 32) return Invalid("seed", "must be 32 bytes");
  if (info.size() > 0xffff) return Invalid("info", "longer than 65535 bytes");
  std::string derive_input(seed);
  Append16(derive_input, info.size());
  derive_input.append(info);
  const std::string dst = "DeriveKeyPair" + ContextString();
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

StatusOr<Blinded> Blind(std::string_view input) { return BlindWith(input, RandomKey()); }

StatusOr<Blinded> BlindWith(std::string_view input, const Scalar& blind) {
  auto point = HashToGroup(input);
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

StatusOr<Output> Evaluate(const Scalar& key, std::string_view input) {
  auto point = HashToGroup(input);
  if (!point.ok()) return point.status();
  Element evaluated;
  if (crypto_scalarmult_ristretto255(evaluated.data(), key.data(), point->data()) != 0)
    return Invalid("key", "evaluates to the identity element");
  return FinalHash(input, evaluated);
}

}  // namespace vigil::psi
