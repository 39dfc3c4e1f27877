// End to end: the source reader's route through `vigil serve`
// (GET /v1/sources/{id}): a source's stored text with the claims citing it,
// in span order, each with its passage and the fact it is on; spans in code
// points, also after text outside ASCII and outside the Basic Multilingual
// Plane; paging, and errors by name.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "reader_server.h"
#include "vigil/base/sha256.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

using ServerSourceTest = ReaderServerTest;

TEST_F(ServerSourceTest, GivesTheTextAndEveryClaimCitingItWithItsFact) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(Serve());
  json doc = Get("/v1/sources/mini-report");
  EXPECT_EQ(doc["source"]["id"], "mini-report");
  EXPECT_EQ(doc["source"]["text_stored"], true);
  EXPECT_EQ(doc["text"], ReadText(MiniTexts() + "/report.txt"));
  const json& claims = doc["claims"];
  ASSERT_EQ(claims.size(), doc["source"]["claims"].get<size_t>());
  ASSERT_EQ(claims.size(), 17u);
  // By span start, then end, then claim id.
  for (size_t i = 1; i < claims.size(); ++i) {
    auto a = claims[i - 1]["span"], b = claims[i]["span"];
    EXPECT_TRUE(a[0] < b[0] || (a[0] == b[0] && a[1] <= b[1])) << a << " then " << b;
  }
  // The Eastern Committee's denial (mini/data/facts.yaml): its passage, its
  // party, and the relation it disputes with both entities.
  const json* denial = nullptr;
  for (const auto& c : claims)
    if (c["span"] == json::array({279, 338})) denial = &c;
  ASSERT_NE(denial, nullptr);
  EXPECT_EQ((*denial)["passage"], "The Eastern Committee denies supplying anyone with weapons.");
  EXPECT_EQ((*denial)["stance"], "denies");
  EXPECT_EQ((*denial)["party"]["id"], "eastern-committee");
  const json& fact = (*denial)["fact"];
  EXPECT_EQ(fact["type"], "relation");
  EXPECT_EQ(fact["relation"]["subject"]["id"], "eastern-committee");
  EXPECT_EQ(fact["relation"]["predicate"], "arms");
  EXPECT_EQ(fact["relation"]["object"]["id"], "northern-front");
  EXPECT_FALSE(fact["relation"].contains("claims"));
  ASSERT_EQ(fact["entities"].size(), 2u);
  EXPECT_EQ(fact["entities"][0]["id"], "eastern-committee");
  EXPECT_EQ(fact["entities"][1]["id"], "northern-front");
  // A claim on an event participant names the event and the participant.
  const json* claimed = nullptr;
  for (const auto& c : claims)
    if (c["fact"]["type"] == "participant" && c["span"] == json::array({339, 416})) claimed = &c;
  ASSERT_NE(claimed, nullptr);
  EXPECT_EQ((*claimed)["fact"]["participant"]["event"]["id"], "2018-05-03-darvaz-market-bombing");
  EXPECT_EQ((*claimed)["fact"]["participant"]["entity"]["id"], "valley-brigade");
  EXPECT_EQ((*claimed)["fact"]["participant"]["role"], "claimed");

  // Paging: the same claims, a window at a time.
  json page = Get("/v1/sources/mini-report?limit=3&offset=2");
  ASSERT_EQ(page["claims"].size(), 3u);
  EXPECT_EQ(page["offset"], 2);
  EXPECT_EQ(page["limit"], 3);
  for (size_t i = 0; i < 3; ++i)
    EXPECT_EQ(page["claims"][i]["claim_id"], claims[i + 2]["claim_id"]);

  EXPECT_EQ(Get("/v1/sources/no-such-source", 404)["error"]["message"],
            "no source has the id 'no-such-source'");
  EXPECT_EQ(Get("/v1/sources/mini-report?limit=0", 422)["error"]["field"], "limit");
  EXPECT_EQ(Get("/v1/sources/mini-report?limit=10001", 422)["error"]["field"], "limit");
  EXPECT_EQ(Get("/v1/sources/mini-report?offset=-1", 422)["error"]["field"], "offset");
  EXPECT_EQ(Get("/v1/sources/mini-report?colour=red", 422)["error"]["field"], "colour");
  EXPECT_EQ(server_->Get("/v1/sources/mini-report").status, 401);
}

TEST_F(ServerSourceTest, SpansAreCodePointsAfterTextOutsideAscii) {
  // Cyrillic (two bytes a letter), an emoji (four bytes, two UTF-16 units,
  // one code point) and a dash (three bytes) before the cited passage.
  const std::string text = "Сеть Хаккани 😀 — the Haqqani network leads.\n";
  const std::string passage = "the Haqqani network";
  std::filesystem::remove_all(data_);
  std::filesystem::create_directories(data_);
  std::filesystem::create_directories(dir_ + "/texts");
  std::ofstream(dir_ + "/texts/uni.txt", std::ios::binary) << text;
  WriteFile("sources.yaml",
            "sources:\n  - id: uni-report\n    title: Unicode report\n"
            "    sha256: " +
                Sha256Hex(text) + "\n");
  WriteFile("entities.yaml",
            "entities:\n  - id: haqqani-network\n    kind: organization\n    names:\n"
            "      - {text: Haqqani network, kind: primary}\n"
            "    claims: [{source: uni-report, span: [17, 36], digest: " +
                Sha256Hex(passage).substr(0, 8) + "}]\n");
  auto load = Vigil({"load", data_, "--texts", dir_ + "/texts"});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  ASSERT_NO_FATAL_FAILURE(Serve());
  json doc = Get("/v1/sources/uni-report");
  EXPECT_EQ(doc["text"], text);
  EXPECT_EQ(doc["source"]["length"], 44);  // code points, not 60 bytes
  ASSERT_EQ(doc["claims"].size(), 1u);
  EXPECT_EQ(doc["claims"][0]["span"], json::array({17, 36}));
  EXPECT_EQ(doc["claims"][0]["passage"], passage);
  EXPECT_EQ(doc["claims"][0]["fact"]["type"], "entity");
  EXPECT_EQ(doc["claims"][0]["fact"]["entity"]["id"], "haqqani-network");
}

}  // namespace
}  // namespace vigil::e2e
