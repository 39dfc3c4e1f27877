// RFC 9497's test vectors for OPRF(ristretto255, SHA-512) (appendix A.1.1,
// base mode), and the checks on elements and scalars from the other side.
#include "vigil/psi/oprf.h"

#include <gtest/gtest.h>

#include "vigil/base/sodium.h"

namespace vigil::psi {
namespace {

std::string Unhex(std::string_view hex) { return *BytesOfHex(hex, "test"); }

template <size_t N>
std::string Hex(const std::array<uint8_t, N>& value) {
  return HexOf(Bytes(value));
}

Scalar ScalarOf(std::string_view hex) { return *ParseScalar(Unhex(hex), "test"); }

constexpr char kKey[] = "5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e";
constexpr char kBlind[] = "64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706";

struct Vector {
  std::string input, blinded, evaluated, output;
};

std::vector<Vector> RfcVectors() {
  return {
      {Unhex("00"), "609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c",
       "7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e",
       "527759c3d9366f277d8c6020418d96bb393ba2afb20ff90df23fb7708264e2f3ab9135e3bd69955851de4b1f9f"
       "e8a0973396719b7912ba9ee8aa7d0b5e24bcf6"},
      {Unhex("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"),
       "da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418",
       "b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25",
       "f4a74c9c592497375e796aa837e907b1a045d34306a749db9f34221f7e750cb4f2a6413a6bf6fa5e19ba6348eb"
       "673934a722a7ede2e7621306d18951e7cf2c73"},
  };
}

TEST(OprfTest, DerivesTheRfcKeyFromItsSeedAndInfo) {
  auto key = DeriveKey(std::string(32, '\xa3'), "test key");
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(Hex(*key), kKey);
  EXPECT_FALSE(DeriveKey("short", "test key").ok());
}

TEST(OprfTest, ReproducesTheRfcVectorsStepByStep) {
  const Scalar key = ScalarOf(kKey);
  for (const auto& v : RfcVectors()) {
    SCOPED_TRACE(HexOf(v.input));
    auto blinded = BlindWith(v.input, ScalarOf(kBlind));
    ASSERT_TRUE(blinded.ok()) << blinded.status();
    EXPECT_EQ(Hex(blinded->element), v.blinded);
    auto evaluated = BlindEvaluate(key, blinded->element);
    ASSERT_TRUE(evaluated.ok()) << evaluated.status();
    EXPECT_EQ(Hex(*evaluated), v.evaluated);
    auto output = Finalize(v.input, blinded->blind, *evaluated);
    ASSERT_TRUE(output.ok()) << output.status();
    EXPECT_EQ(Hex(*output), v.output);
    // The key holder computes the same value without the client.
    auto direct = Evaluate(key, v.input);
    ASSERT_TRUE(direct.ok());
    EXPECT_EQ(Hex(*direct), v.output);
  }
}

TEST(OprfTest, ARandomBlindGivesTheSameOutputAndHidesTheInput) {
  const Scalar key = RandomKey();
  auto one = Blind("Sirajuddin Haqqani");
  auto two = Blind("Sirajuddin Haqqani");
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_NE(one->element, two->element);  // unlinkable requests
  auto out_one = Finalize("Sirajuddin Haqqani", one->blind, *BlindEvaluate(key, one->element));
  auto out_two = Finalize("Sirajuddin Haqqani", two->blind, *BlindEvaluate(key, two->element));
  ASSERT_TRUE(out_one.ok() && out_two.ok());
  EXPECT_EQ(*out_one, *out_two);
  EXPECT_EQ(*out_one, *Evaluate(key, "Sirajuddin Haqqani"));
  EXPECT_NE(*out_one, *Evaluate(RandomKey(), "Sirajuddin Haqqani"));
  EXPECT_NE(*out_one, *Evaluate(key, "Serajuddin Haqani"));
}

TEST(OprfTest, RefusesIdentityNonCanonicalAndMisSizedElements) {
  auto identity = ParseElement(std::string(32, '\0'), "request element 3");
  ASSERT_FALSE(identity.ok());
  EXPECT_EQ(identity.status().message(), "request element 3: the identity element is refused");
  // The field's order p = 2^255 - 19 written out is not canonical.
  std::string p = Unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  auto non_canonical = ParseElement(p, "e");
  ASSERT_FALSE(non_canonical.ok());
  EXPECT_NE(non_canonical.status().message().find("canonical"), std::string::npos);
  EXPECT_FALSE(ParseElement(std::string(31, '\x01'), "e").ok());
  // A valid element with one bit flipped is (almost always) not one.
  std::string flipped = Unhex(RfcVectors()[0].blinded);
  flipped[0] ^= 1;
  EXPECT_FALSE(ParseElement(flipped, "e").ok());
  EXPECT_TRUE(ParseElement(Unhex(RfcVectors()[0].blinded), "e").ok());
  // BlindEvaluate and Finalize check what they are given too.
  Element zero{};
  EXPECT_FALSE(BlindEvaluate(RandomKey(), zero).ok());
  EXPECT_FALSE(Finalize("x", RandomKey(), zero).ok());
}

TEST(OprfTest, RefusesZeroAndUnreducedScalars) {
  EXPECT_FALSE(ParseScalar(std::string(32, '\0'), "key").ok());
  EXPECT_FALSE(ParseScalar(std::string(32, '\xff'), "key").ok());
  EXPECT_TRUE(ParseScalar(Unhex(kKey), "key").ok());
}

TEST(OprfTest, ExpandsMessagesAsRfc9380) {
  // RFC 9380 appendix K.3 (expand_message_xmd, SHA-512), msg "" and "abc".
  const std::string dst = "QUUX-V01-CS02-with-expander-SHA512-256";
  auto empty = ExpandMessageXmd("", dst, 32);
  EXPECT_EQ(HexOf({reinterpret_cast<const char*>(empty.data()), empty.size()}),
            "6b9a7312411d92f921c6f68ca0b6380730a1a4d982c507211a90964c394179ba");
  auto abc = ExpandMessageXmd("abc", dst, 32);
  EXPECT_EQ(HexOf({reinterpret_cast<const char*>(abc.data()), abc.size()}),
            "0da749f12fbe5483eb066a5f595055679b976e93abe9be6f0f6318bce7aca8dc");
  EXPECT_EQ(ExpandMessageXmd("abc", dst, 200).size(), 200u);
}

TEST(OprfTest, InvertsManyScalarsAsOneByOne) {
  std::vector<Scalar> scalars;
  for (int i = 0; i < 7; ++i) scalars.push_back(RandomKey());
  auto inverses = InvertAll(scalars);
  ASSERT_TRUE(inverses.ok());
  ASSERT_EQ(inverses->size(), scalars.size());
  for (size_t i = 0; i < scalars.size(); ++i) {
    auto blinded = BlindWith("x", scalars[i]);
    ASSERT_TRUE(blinded.ok());
    auto key = RandomKey();
    EXPECT_EQ(*FinalizeInverse("x", (*inverses)[i], *BlindEvaluate(key, blinded->element)),
              *Evaluate(key, "x"));
  }
  scalars[3] = Scalar{};
  EXPECT_FALSE(InvertAll(scalars).ok());
  EXPECT_TRUE(InvertAll({})->empty());
}

}  // namespace
}  // namespace vigil::psi
