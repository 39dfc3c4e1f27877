// The oblivious pseudorandom function of RFC 9497 (OPRF and VOPRF modes,
// suite ristretto255-SHA512) on libsodium: the building block of private
// watchlist matching (psi/exchange.h).
//
// A server holds a key k; a client learns F(k, x) for its own inputs x
// without the server seeing x, and learns nothing about k:
//
//   auto blinded = psi::Blind(x);                     // client: r * H(x)
//   auto evaluated = psi::BlindEvaluate(k, blinded->element);   // server: k * r * H(x)
//   auto out = psi::Finalize(x, blinded->blind, *evaluated);    // client: F(k, x)
//   assert(*out == *psi::Evaluate(k, x));             // what the server computes alone
//
// Every element received from the other side is checked: 32 bytes, the
// canonical encoding of a ristretto255 element, not the identity
// (InvalidArgument otherwise). Secret scalars are the caller's to keep.
//
// In the verifiable mode (Variant::kVoprf) the server publishes its key's
// public half and proves, for a whole batch of evaluations at once, that
// it used that key (GenerateProof, VerifyProof: RFC 9497 section 2.2's
// discrete-log equality proof), so that a client can tell that it is
// answered with the same key as everyone else.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"

namespace vigil::psi {

inline constexpr size_t kElementBytes = 32;
inline constexpr size_t kScalarBytes = 32;
inline constexpr size_t kOutputBytes = 64;  // SHA-512

using Element = std::array<uint8_t, kElementBytes>;  // a serialized ristretto255 element
using Scalar = std::array<uint8_t, kScalarBytes>;    // little-endian, reduced mod the group order
using Output = std::array<uint8_t, kOutputBytes>;

// RFC 9497's modes: base OPRF (0x00) and verifiable VOPRF (0x01). The mode
// is part of every hash's domain tag, so that one input gives different
// outputs in the two.
enum class Variant : uint8_t { kOprf = 0, kVoprf = 1 };

// RFC 9380 expand_message_xmd with SHA-512: length uniform bytes from msg
// and the domain separation tag dst (length at most 255 * 64, dst at most
// 255 bytes).
std::vector<uint8_t> ExpandMessageXmd(std::string_view msg, std::string_view dst, size_t length);

// RFC 9497 section 4.1's HashToGroup (an element; InvalidArgument in the
// negligible case of the identity) and HashToScalar with its default tag.
StatusOr<Element> HashToGroup(std::string_view input, Variant variant = Variant::kOprf);
Scalar HashToScalar(std::string_view input, Variant variant = Variant::kOprf);

// A key from a 32-byte seed and info (RFC 9497 DeriveKeyPair's private
// half).
StatusOr<Scalar> DeriveKey(std::string_view seed, std::string_view info,
                           Variant variant = Variant::kOprf);
// A new random non-zero key.
Scalar RandomKey();
// The public half of a key: key * the group's generator.
Element PublicKey(const Scalar& key);

// InvalidArgument unless bytes are a canonical, non-identity element; what
// names the value in the message ("request element 12").
StatusOr<Element> ParseElement(std::string_view bytes, std::string_view what);
// InvalidArgument unless bytes are a canonical, non-zero scalar.
StatusOr<Scalar> ParseScalar(std::string_view bytes, std::string_view what);

struct Blinded {
  Scalar blind;     // the client keeps it secret until Finalize
  Element element;  // sent to the server
};
// Blind with a fresh random scalar, or with the one given (test vectors).
StatusOr<Blinded> Blind(std::string_view input, Variant variant = Variant::kOprf);
StatusOr<Blinded> BlindWith(std::string_view input, const Scalar& blind,
                            Variant variant = Variant::kOprf);

// The server's step: key * blinded (blinded is checked).
StatusOr<Element> BlindEvaluate(const Scalar& key, const Element& blinded);

// The client's last step: the evaluated element (checked) unblinded and
// hashed with the input.
StatusOr<Output> Finalize(std::string_view input, const Scalar& blind, const Element& evaluated);

// The same with the blind's inverse given (InvertAll computes many at the
// cost of one inversion).
StatusOr<Output> FinalizeInverse(std::string_view input, const Scalar& inverse,
                                 const Element& evaluated);
// The inverses of non-zero scalars, by Montgomery's trick: one inversion
// and three multiplications each. InvalidArgument if one is zero.
StatusOr<std::vector<Scalar>> InvertAll(const std::vector<Scalar>& scalars);

// F(key, input) computed by the key holder alone: equal to what Finalize
// gives a client for the same input.
StatusOr<Output> Evaluate(const Scalar& key, std::string_view input,
                          Variant variant = Variant::kOprf);

// VOPRF: the proof that evaluated[i] = key * blinded[i] for every i, with
// the key whose public half is public_key (c || s, 64 bytes on the wire).
struct Proof {
  Scalar c{}, s{};
};
inline constexpr size_t kProofBytes = 2 * kScalarBytes;
// The most elements one proof covers: RFC 9497 numbers a batch's elements
// in two bytes.
inline constexpr size_t kMaxProofBatch = 65536;
// The server's proof for a batch (the two spans of one size, at least 1);
// with a random nonce, or the one given (test vectors).
StatusOr<Proof> GenerateProof(const Scalar& key, std::span<const Element> blinded,
                              std::span<const Element> evaluated);
StatusOr<Proof> GenerateProofWith(const Scalar& key, std::span<const Element> blinded,
                                  std::span<const Element> evaluated, const Scalar& nonce);
// The client's check: InvalidArgument "proof: ..." when the proof does not
// hold for this public key and batch.
Status VerifyProof(const Element& public_key, std::span<const Element> blinded,
                   std::span<const Element> evaluated, const Proof& proof);
std::string ProofBytes(const Proof& proof);
// InvalidArgument unless bytes are two canonical scalars (c may not be zero).
StatusOr<Proof> ParseProof(std::string_view bytes, std::string_view what);

// A fixed-size value's bytes.
template <size_t N>
std::string_view Bytes(const std::array<uint8_t, N>& value) {
  return {reinterpret_cast<const char*>(value.data()), N};
}

}  // namespace vigil::psi
