// Private matching end to end in memory and through its files: what each
// side ends with, what it never sees, and the refusals.
#include "vigil/psi/exchange.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "vigil/base/sodium.h"

namespace vigil::psi {
namespace {

std::vector<ListedName> Listed() {
  return {{"un-tai-144", "Sirajuddin Jallaloudine Haqqani"},
          {"un-tai-144", "Siraj Haqqani"},
          {"un-tai-024", "Abdul Ghani Baradar"},
          {"ofac-1234", "Siraj Haqqani"},  // a namesake on the list
          {"un-qdi-001", "Aiman Muhammed Rabi al-Zawahiri"}};
}

struct Exchange {
  Epoch epoch;
  Setup setup;
  Request request;
  ClientState state;
  Response response;
  std::vector<PsiHit> hits;
};

Exchange RunExchange(Mode mode, const std::vector<Traveller>& travellers, bool verifiable = false) {
  Exchange x;
  x.epoch = NewEpoch("un-consolidated", mode, "2026-12-01T00:00:00.000Z", verifiable);
  x.setup = MakeSetup(x.epoch, Listed());
  auto made = MakeRequest(x.setup, travellers);
  EXPECT_TRUE(made.ok()) << made.status();
  x.request = made->first;
  x.state = made->second;
  auto response = Respond(x.epoch, x.request, 100000);
  EXPECT_TRUE(response.ok()) << response.status();
  x.response = *response;
  auto hits = Finish(x.setup, x.state, x.response);
  EXPECT_TRUE(hits.ok()) << hits.status();
  x.hits = *hits;
  return x;
}

TEST(PsiExchangeTest, ExactModeFindsTheTravellersOnTheListAndNoOthers) {
  auto x = RunExchange(Mode::kExact,
                       {{2, "SIRAJ HAQQANI"}, {3, "John Smith"}, {4, "Abdul Ghani Baradar"}});
  ASSERT_EQ(x.hits.size(), 3u);  // row 2 twice (namesakes), row 4 once
  std::set<std::string> row2;
  for (const auto& h : x.hits) {
    EXPECT_NE(h.row, 3);
    EXPECT_EQ(h.families, std::vector<std::string>{"exact"});
    EXPECT_EQ(h.epoch, x.epoch.id);
    if (h.row == 2) row2.insert(h.pseudonym);
  }
  EXPECT_EQ(row2, (std::set<std::string>{Pseudonym(x.epoch, "un-tai-144"),
                                         Pseudonym(x.epoch, "ofac-1234")}));
  EXPECT_EQ(x.hits.back().row, 4);
  EXPECT_EQ(x.hits.back().pseudonym, Pseudonym(x.epoch, "un-tai-024"));
  // Another spelling is another name in exact mode.
  EXPECT_TRUE(RunExchange(Mode::kExact, {{1, "Serajuddin Haqani"}}).hits.empty());
}

TEST(PsiExchangeTest, TolerantModeMeetsOtherSpellingsOrdersAndScripts) {
  auto x = RunExchange(Mode::kTolerant, {{1, "HAQQANI, Siraj"},
                                         {2, "Serajuddin Jalaluddin Haqani"},
                                         {3, "سراج حقاني"},
                                         {4, "John Smith"},
                                         {5, "Ayman al-Zawahiri"}});
  std::map<int64_t, std::set<std::string>> by_row;
  for (const auto& h : x.hits) by_row[h.row].insert(h.pseudonym);
  const std::string haqqani = Pseudonym(x.epoch, "un-tai-144");
  EXPECT_TRUE(by_row[1].count(haqqani)) << "order";
  EXPECT_TRUE(by_row[2].count(haqqani)) << "spelling";
  EXPECT_TRUE(by_row[3].count(haqqani)) << "script";
  EXPECT_FALSE(by_row.count(4));
  EXPECT_FALSE(by_row.count(5));  // a part left out is another key
  for (const auto& h : x.hits)
    if (h.row == 1) {
      EXPECT_EQ(h.families, (std::vector<std::string>{"parts", "skeleton", "pairs"}));
    }
}

TEST(PsiExchangeTest, FilesCarryNoNameOfTheOtherSideAndArePadded) {
  auto x = RunExchange(Mode::kTolerant, {{1, "Siraj Haqqani"}, {2, "Johnathan Smithers"}});
  std::string setup = WriteSetup(x.setup), request = WriteRequest(x.request),
              response = WriteResponse(x.response);
  for (const char* listed : {"Baradar", "baradar", "brdr", "zawahiri", "un-tai-024"})
    EXPECT_EQ(setup.find(listed), std::string::npos) << listed;
  for (const auto& file : {request, response})
    for (const char* traveller : {"Smithers", "smithers", "smthrs", "Haqqani", "haqqani"})
      EXPECT_EQ(file.find(traveller), std::string::npos) << traveller;
  EXPECT_EQ(x.setup.entries.size(), kMinBucket);
  EXPECT_EQ(x.request.elements.size(), kMinBucket);
  EXPECT_EQ(Bucket(1), kMinBucket);
  EXPECT_EQ(Bucket(256), 256u);
  EXPECT_EQ(Bucket(257), 288u);      // 9 * 32
  EXPECT_EQ(Bucket(10000), 10240u);  // 10 * 1024
  EXPECT_EQ(Bucket(16385), 18432u);  // 9 * 2048
  for (size_t n : {300u, 5000u, 70000u, 1234567u}) {
    EXPECT_GE(Bucket(n), n);
    EXPECT_LE(Bucket(n), n + n / 8 + 1);
    EXPECT_EQ(Bucket(Bucket(n)), Bucket(n));
  }
}

TEST(PsiExchangeTest, FilesReadBackAsWritten) {
  auto x = RunExchange(Mode::kTolerant, {{7, "Siraj Haqqani"}});
  auto setup = ParseSetup(WriteSetup(x.setup), "setup.json");
  ASSERT_TRUE(setup.ok()) << setup.status();
  EXPECT_EQ(setup->entries, x.setup.entries);
  EXPECT_EQ(setup->mode, Mode::kTolerant);
  auto request = ParseRequest(WriteRequest(x.request), "request.json");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->elements, x.request.elements);
  auto state = ParseState(WriteState(x.state), "state.json");
  ASSERT_TRUE(state.ok()) << state.status();
  auto response = ParseResponse(WriteResponse(x.response), "response.json");
  ASSERT_TRUE(response.ok()) << response.status();
  auto hits = Finish(*setup, *state, *response);
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_EQ(hits->size(), x.hits.size());
  EXPECT_EQ((*hits)[0].row, 7);
  EXPECT_EQ((*hits)[0].pseudonym, x.hits[0].pseudonym);
}

TEST(PsiExchangeTest, RefusesTamperedElementsOtherEpochsAndOversizedRequests) {
  auto x = RunExchange(Mode::kExact, {{1, "Siraj Haqqani"}});
  // A request element that is not a canonical element, or is the identity.
  std::string text = WriteRequest(x.request);
  Request zero = x.request;
  zero.elements[5] = Element{};
  auto parsed = ParseRequest(WriteRequest(zero), "request.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "request.json: elements[5]: the identity element is refused");
  auto respond_zero = Respond(x.epoch, zero, 100000);
  ASSERT_FALSE(respond_zero.ok());
  EXPECT_EQ(respond_zero.status().message(),
            "request element 5: blinded element: the identity element is refused");
  // Another epoch's request (the key was rotated).
  Epoch next = NewEpoch("un-consolidated", Mode::kExact, "2026-12-02T00:00:00.000Z");
  auto old = Respond(next, x.request, 100000);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.status().code(), absl::StatusCode::kFailedPrecondition);
  // More than the cap.
  auto capped = Respond(x.epoch, x.request, 10);
  ASSERT_FALSE(capped.ok());
  EXPECT_EQ(capped.status().code(), absl::StatusCode::kOutOfRange);
  // A response from another key finds nothing and opens nothing.
  Epoch impostor = x.epoch;
  impostor.key = RandomKey();
  auto wrong = Respond(impostor, x.request, 100000);
  ASSERT_TRUE(wrong.ok());
  auto none = Finish(x.setup, x.state, *wrong);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(PsiExchangeTest, ParsersNameTheFileAndField) {
  auto x = RunExchange(Mode::kExact, {{1, "Siraj Haqqani"}});
  EXPECT_EQ(ParseSetup("{", "s.json").status().message(), "s.json: not a JSON document");
  EXPECT_EQ(ParseSetup(WriteRequest(x.request), "s.json").status().message(),
            "s.json: vigil_psi: not a vigil private-matching setup file");
  std::string setup = WriteSetup(x.setup);
  std::string unsorted = setup;
  auto first = unsorted.find("\"entries\":[\"") + 12;
  // The first two entries (64 characters each) swapped.
  std::string one = unsorted.substr(first, 64), two = unsorted.substr(first + 67, 64);
  unsorted.replace(first, 64, two).replace(first + 67, 64, one);
  EXPECT_EQ(ParseSetup(unsorted, "s.json").status().message(),
            "s.json: entries[1]: entries must be sorted and distinct");
  std::string epoch = setup;
  epoch.replace(epoch.find(x.setup.epoch), 3, "XYZ");
  EXPECT_EQ(ParseSetup(epoch, "s.json").status().message(),
            "s.json: epoch: not an epoch id (32 hex digits)");
  EXPECT_FALSE(ParseState("{\"vigil_psi\":\"state\",\"version\":1,\"epoch\":\"" + x.setup.epoch +
                              "\",\"queries\":[{\"row\":1}]}",
                          "st.json")
                   .ok());
}

TEST(PsiExchangeTest, AVerifiableExchangeProvesItsKeyAndRefusesAnAnswerWithAnother) {
  auto x = RunExchange(Mode::kTolerant, {{1, "HAQQANI, Siraj"}, {2, "John Smith"}}, true);
  EXPECT_TRUE(x.setup.verifiable);
  EXPECT_EQ(x.setup.public_key, PublicKey(x.epoch.key));
  ASSERT_EQ(x.response.proofs.size(), 1u);
  ASSERT_EQ(x.hits.size(), 2u);  // the UN record and the OFAC namesake
  EXPECT_EQ(x.hits[0].row, 1);
  // Through the files: the setup names its public key, the state keeps
  // what was sent, the response carries its proof.
  auto setup = ParseSetup(WriteSetup(x.setup), "setup.json");
  auto state = ParseState(WriteState(x.state), "state.json");
  auto response = ParseResponse(WriteResponse(x.response), "response.json");
  ASSERT_TRUE(setup.ok() && state.ok() && response.ok());
  EXPECT_NE(WriteSetup(x.setup).find("\"suite\":\"VOPRF(ristretto255, SHA-512)\""),
            std::string::npos);
  auto again = Finish(*setup, *state, *response);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->size(), 2u);
  // A server answering this client with another key (to tell it apart
  // from others) is caught, even with a proof made for that key.
  Epoch other = x.epoch;
  other.key = RandomKey();
  auto tagged = Respond(other, x.request, 100000);
  ASSERT_TRUE(tagged.ok());
  auto caught = Finish(x.setup, x.state, *tagged);
  EXPECT_EQ(caught.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(caught.status().message().find("proof: does not hold"), std::string::npos)
      << caught.status();
  // A response without its proof is refused too.
  Response bare = x.response;
  bare.proofs.clear();
  EXPECT_NE(Finish(x.setup, x.state, bare).status().message().find("carries 0 proofs"),
            std::string::npos);
  // Base and verifiable modes give unrelated keys: a verifiable setup's
  // entries do not match a base-mode request.
  psi::Setup base = x.setup;
  base.verifiable = false;
  auto base_made = MakeRequest(base, {{1, "Siraj Haqqani"}});
  ASSERT_TRUE(base_made.ok());
  auto base_hits = Finish(base, base_made->second, *Respond(x.epoch, base_made->first, 100000));
  ASSERT_TRUE(base_hits.ok()) << base_hits.status();
  EXPECT_TRUE(base_hits->empty());
}

// The keys of one name in tolerant mode, as "family:key".
std::set<std::string> Keys(std::string_view name) {
  std::set<std::string> out;
  for (const auto& k : KeysOf(name, Mode::kTolerant)) out.insert(k.family + ":" + k.key);
  return out;
}

bool Share(std::string_view a, std::string_view b, std::string_view family) {
  for (const auto& k : Keys(a))
    if (k.rfind(std::string(family) + ":", 0) == 0 && Keys(b).count(k)) return true;
  return false;
}

TEST(PsiExchangeTest, PairsMeetANameWithAPartMoreAndCommonNamesNeedTwo) {
  // A part more or less: a pair of distinctive parts is enough.
  EXPECT_TRUE(Share("Shahata Thirwat", "Salah Shihata Thirwat", "pairs"));
  // One distinctive part (a compound, or in Arabic script): its skeleton.
  EXPECT_TRUE(Share("Hidayatullah", "هدايت الله", "skeleton"));
  // Words of an organisation's form pair with nothing.
  for (const auto& k : Keys("Ferry Group and Sons"))
    if (k.rfind("pairs:", 0) == 0 || k.rfind("partial:", 0) == 0) {
      EXPECT_EQ(k.find("krp"), std::string::npos) << k;
    }
  // A pair with a common name weighs half: one is not a match, two are.
  std::vector<ListedName> listed = {{"un-iqi-001", "Umar Mahmud Rahim al-Kubaysi"}};
  Epoch epoch = NewEpoch("un-consolidated", Mode::kTolerant, "2026-12-02T00:00:00.000Z");
  psi::Setup setup = MakeSetup(epoch, listed);
  auto made = MakeRequest(setup, {{1, "Umar al-Kubaysi"}, {2, "Mahmud Umar al-Kubaysi"}});
  ASSERT_TRUE(made.ok());
  auto hits = Finish(setup, made->second, *Respond(epoch, made->first, 1000));
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ(hits->front().row, 2);
  EXPECT_EQ(hits->front().families, std::vector<std::string>{"partial"});
  EXPECT_EQ(WeightOf("partial") * 2, ThresholdOf(Mode::kTolerant));
  EXPECT_EQ(WeightOf("pairs"), ThresholdOf(Mode::kTolerant));
}

}  // namespace
}  // namespace vigil::psi
