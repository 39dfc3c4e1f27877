// RFC 9497's test vectors for OPRF(ristretto255, SHA-512) (appendix A.1.1,
// base mode; A.1.2, verifiable mode with its proofs), and the checks on
// elements and scalars from the other side.
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

// RFC 9497 appendix A.1.2: VOPRF(ristretto255, SHA-512).
constexpr char kVoprfKey[] = "e6f73f344b79b379f1a0dd37e07ff62e38d9f71345ce62ae3a9bc60b04ccd909";
constexpr char kVoprfPublicKey[] =
    "c803e2cc6b05fc15064549b5920659ca4a77b2cca6f04f6b357009335476ad4e";

struct VoprfVector {
  std::vector<std::string> inputs, blinds, blinded, evaluated, outputs;
  std::string proof, nonce;
};

std::vector<VoprfVector> VoprfVectors() {
  const std::string out0 =
      "b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7da4d8527693914139caee5bd039"
      "03af43a491351d23b430948dd50cde10d32b3c";
  const std::string out1 =
      "8a9a2f3c7f085b65933594309041fc1898d42d0858e59f90814ae90571a6df60356f4610bf816f27afdd84f477"
      "19e480906d27ecd994985890e5f539e7ea74b6";
  const std::string five_a = Unhex("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");
  const std::string nonce = "222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e";
  return {
      {{Unhex("00")},
       {kBlind},
       {"863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945"},
       {"aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e"},
       {out0},
       "ddef93772692e535d1a53903db24367355cc2cc78de93b3be5a8ffcc6985dd066d4346421d17bf5117a2a1ff0f"
       "cb2a759f58a539dfbe857a40bce4cf49ec600d",
       nonce},
      {{five_a},
       {kBlind},
       {"cc0b2a350101881d8a4cba4c80241d74fb7dcbfde4a61fde2f91443c2bf9ef0c"},
       {"60a59a57208d48aca71e9e850d22674b611f752bed48b36f7a91b372bd7ad468"},
       {out1},
       "401a0da6264f8cf45bb2f5264bc31e109155600babb3cd4e5af7d181a2c9dc0a67154fabf031fd936051dec80b"
       "0b6ae29c9503493dde7393b722eafdf5a50b02",
       nonce},
      // A batch of two under one proof.
      {{Unhex("00"), five_a},
       {kBlind, nonce},
       {"863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945",
        "90a0145ea9da29254c3a56be4fe185465ebb3bf2a1801f7124bbbadac751e654"},
       {"aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e",
        "cc5ac221950a49ceaa73c8db41b82c20372a4c8d63e5dded2db920b7eee36a2a"},
       {out0, out1},
       "cc203910175d786927eeb44ea847328047892ddf8590e723c37205cb74600b0a5ab5337c8eb4ceae0494c2cf89"
       "529dcf94572ed267473d567aeed6ab873dee08",
       "419c4f4f5052c53c45f3da494d2b67b220d02118e0857cdbcf037f9ea84bbe0c"},
  };
}

TEST(OprfTest, VerifiableModeReproducesTheRfcKeysElementsProofsAndOutputs) {
  auto key = DeriveKey(std::string(32, '\xa3'), "test key", Variant::kVoprf);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(Hex(*key), kVoprfKey);
  const Element public_key = PublicKey(*key);
  EXPECT_EQ(Hex(public_key), kVoprfPublicKey);
  for (const auto& v : VoprfVectors()) {
    SCOPED_TRACE(v.proof);
    std::vector<Element> blinded, evaluated;
    for (size_t i = 0; i < v.inputs.size(); ++i) {
      auto b = BlindWith(v.inputs[i], ScalarOf(v.blinds[i]), Variant::kVoprf);
      ASSERT_TRUE(b.ok()) << b.status();
      EXPECT_EQ(Hex(b->element), v.blinded[i]);
      blinded.push_back(b->element);
      auto e = BlindEvaluate(*key, b->element);
      ASSERT_TRUE(e.ok());
      EXPECT_EQ(Hex(*e), v.evaluated[i]);
      evaluated.push_back(*e);
      auto out = Finalize(v.inputs[i], b->blind, *e);
      ASSERT_TRUE(out.ok());
      EXPECT_EQ(Hex(*out), v.outputs[i]);
      EXPECT_EQ(Hex(*Evaluate(*key, v.inputs[i], Variant::kVoprf)), v.outputs[i]);
    }
    auto proof = GenerateProofWith(*key, blinded, evaluated, ScalarOf(v.nonce));
    ASSERT_TRUE(proof.ok()) << proof.status();
    EXPECT_EQ(HexOf(ProofBytes(*proof)), v.proof);
    auto parsed = ParseProof(Unhex(v.proof), "proof");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_TRUE(VerifyProof(public_key, blinded, evaluated, *parsed).ok());
  }
}

TEST(OprfTest, AProofFailsForAnotherKeyAnElementChangedOrABatchReordered) {
  const Scalar key = RandomKey(), other = RandomKey();
  std::vector<Element> blinded, evaluated;
  for (const char* name : {"Sirajuddin Haqqani", "Abdul Ghani Baradar", "Anas Haqqani"}) {
    auto b = Blind(name, Variant::kVoprf);
    ASSERT_TRUE(b.ok());
    blinded.push_back(b->element);
    evaluated.push_back(*BlindEvaluate(key, b->element));
  }
  auto proof = GenerateProof(key, blinded, evaluated);
  ASSERT_TRUE(proof.ok()) << proof.status();
  EXPECT_TRUE(VerifyProof(PublicKey(key), blinded, evaluated, *proof).ok());
  // Another public key: a server tagging this client with its own key.
  Status wrong_key = VerifyProof(PublicKey(other), blinded, evaluated, *proof);
  EXPECT_EQ(wrong_key.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(wrong_key.message().find("proof: does not hold"), std::string::npos) << wrong_key;
  // One answer evaluated with another key, even with a proof made for it.
  std::vector<Element> mixed = evaluated;
  mixed[1] = *BlindEvaluate(other, blinded[1]);
  EXPECT_FALSE(VerifyProof(PublicKey(key), blinded, mixed, *proof).ok());
  EXPECT_FALSE(
      VerifyProof(PublicKey(key), blinded, mixed, *GenerateProof(key, blinded, mixed)).ok());
  std::swap(evaluated[0], evaluated[2]);
  EXPECT_FALSE(VerifyProof(PublicKey(key), blinded, evaluated, *proof).ok());
  // Batches must pair up; proofs must be canonical.
  EXPECT_FALSE(VerifyProof(PublicKey(key), blinded, std::span(evaluated).first(2), *proof).ok());
  EXPECT_FALSE(ParseProof(std::string(64, '\xff'), "proof").ok());
  EXPECT_FALSE(ParseProof(std::string(63, '\x01'), "proof").ok());
}

}  // namespace
}  // namespace vigil::psi
