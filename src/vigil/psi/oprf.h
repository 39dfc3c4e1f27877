// The oblivious pseudorandom function of RFC 9497 (OPRF mode, suite
// ristretto255-SHA512) on libsodium: the building block of private
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
#pragma once

#include <array>
#include <cstdint>
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

// RFC 9380 expand_message_xmd with SHA-512: length uniform bytes from msg
// and the domain separation tag dst (length at most 255 * 64, dst at most
// 255 bytes).
std::vector<uint8_t> ExpandMessageXmd(std::string_view msg, std::string_view dst, size_t length);

// RFC 9497 section 4.1's HashToGroup (an element; InvalidArgument in the
// negligible case of the identity) and HashToScalar with its default tag.
StatusOr<Element> HashToGroup(std::string_view input);
Scalar HashToScalar(std::string_view input);

// A key from a 32-byte seed and info (RFC 9497 DeriveKeyPair); the public
// half is not needed in OPRF mode.
StatusOr<Scalar> DeriveKey(std::string_view seed, std::string_view info);
// A new random non-zero key.
Scalar RandomKey();

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
StatusOr<Blinded> Blind(std::string_view input);
StatusOr<Blinded> BlindWith(std::string_view input, const Scalar& blind);

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
StatusOr<Output> Evaluate(const Scalar& key, std::string_view input);

// A fixed-size value's bytes.
template <size_t N>
std::string_view Bytes(const std::array<uint8_t, N>& value) {
  return {reinterpret_cast<const char*>(value.data()), N};
}

}  // namespace vigil::psi
