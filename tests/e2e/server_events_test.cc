// End to end: the event analytics through `vigil serve`, on the bundled
// knowledge base with the hand-made ACLED fixture (tests/fixtures/events/
// acled-sample.csv: four events, 2021): GET /v1/events with every filter of
// `vigil events`, GET /v1/activity/{name} as `vigil activity`, GET
// /v1/events/{id} as `vigil show EVENT_ID`; each answer is the CLI's --json
// and holds the known counts; bad parameters are named.
#include <nlohmann/json.hpp>

#include "reader_server.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

class ServerEventsTest : public ReaderServerTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    auto kb = Vigil({"load", SourceDir() + "/data"});
    ASSERT_EQ(kb.exit_code, 0) << kb.err;
    auto acled = Vigil({"load", SourceDir() + "/tests/fixtures/events/acled-sample.csv"});
    ASSERT_EQ(acled.exit_code, 0) << acled.err;
    Serve();
  }
};

TEST_F(ServerEventsTest, EventsTakeTheFiltersOfVigilEventsAndAnswerItsJson) {
  // The ACLED events: AFG100002 (Taliban vs the army, Kandahar, 2021-07-15)
  // and AFG100003 (Taliban vs the NRF, Panjshir, 2021-09-03) have the Taliban.
  json taliban = Get("/v1/events?actor=Taliban&party=ACLED");
  EXPECT_EQ(taliban, Json({"events", "--actor", "Taliban", "--party", "ACLED"}));
  EXPECT_EQ(taliban["count"], 2);
  EXPECT_EQ(taliban["actor"]["id"], "taliban");
  EXPECT_EQ(taliban["events"][0]["id"], "acled-afg100002");
  EXPECT_EQ(taliban["events"][1]["id"], "acled-afg100003");

  struct Case {
    std::string query;
    std::vector<std::string> flags;
    int count;
  } cases[] = {
      {"party=ACLED&from=2021-08", {"--party", "ACLED", "--from", "2021-08"}, 3},
      {"party=ACLED&to=2021-08-26", {"--party", "ACLED", "--to", "2021-08-26"}, 2},
      {"party=ACLED&place=panjshir", {"--party", "ACLED", "--place", "panjshir"}, 1},
      {"party=ACLED&kind=battle", {"--party", "ACLED", "--kind", "battle"}, 2},
      {"party=ACLED&as_of=2021-08-31", {"--party", "ACLED", "--as-of", "2021-08-31"}, 2},
      {"party=ACLED&during=2021-07", {"--party", "ACLED", "--during", "2021-07"}, 1},
      {"party=ACLED&during=2021-08..2021-09",
       {"--party", "ACLED", "--during", "2021-08..2021-09"},
       3},
      {"actor=isis-k&party=ACLED", {"--actor", "isis-k", "--party", "ACLED"}, 1},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"events"};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    json answer = Get("/v1/events?" + c.query);
    EXPECT_EQ(answer["count"], c.count) << c.query;
    EXPECT_EQ(answer, Json(args)) << c.query;
  }

  // links=true: every imported actor's link with its reason (3 linked, 5
  // unlinked actors in the fixture).
  json links = Get("/v1/events?party=ACLED&links=true");
  EXPECT_EQ(links, Json({"events", "--party", "ACLED", "--links"}));
  EXPECT_EQ(links["actor_link_status"]["linked"], 3);
  EXPECT_EQ(links["actor_link_status"]["unlinked"], 5);
}

TEST_F(ServerEventsTest, BadEventParametersAreNamed) {
  struct Case {
    const char* query;
    const char* field;
    const char* words;
  } cases[] = {
      {"kind=batle", "kind", "battle"},
      {"from=last%20week", "from", "not a date"},
      {"to=2021-13", "to", "not a date"},
      {"as_of=soon", "as_of", "not a date"},
      {"during=2021-09..2021-08", "during", "ends before it begins"},
      {"links=maybe", "links", "true or false"},
      {"colour=red", "colour", "unknown parameter"},
  };
  for (const auto& c : cases) {
    auto r = server_->Get(std::string("/v1/events?") + c.query, reader_);
    EXPECT_EQ(r.status, 422) << c.query << " -> " << r.body;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << r.body;
    EXPECT_NE(r.body.find(c.words), std::string::npos) << r.body;
  }
  json unknown = Get("/v1/events?actor=Nobody%20At%20All", 404);
  EXPECT_EQ(unknown["error"]["code"], "not_found");
}

TEST_F(ServerEventsTest, ActivityIsVigilActivity) {
  json a = Get("/v1/activity/Taliban?by=year&by_place=true&party=ACLED");
  EXPECT_EQ(a, Json({"activity", "Taliban", "--by", "year", "--by-place", "--party", "ACLED"}));
  EXPECT_EQ(a["events"], 2);
  EXPECT_EQ(a["deaths"]["best"], 20.0);  // 12 at Spin Boldak, 8 at Bazarak
  ASSERT_EQ(a["periods"].size(), 1u);
  EXPECT_EQ(a["periods"][0]["period"], "2021");
  EXPECT_EQ(a["places"].size(), 2u);
  json quarters = Get("/v1/activity/taliban?by=quarter&party=ACLED&as_of=2021-08");
  EXPECT_EQ(quarters, Json({"activity", "taliban", "--by", "quarter", "--party", "ACLED",
                            "--as-of", "2021-08"}));
  EXPECT_EQ(quarters["events"], 1);
  EXPECT_EQ(quarters["periods"][0]["period"], "2021-Q3");

  // During September 2021 the Taliban fought one ACLED event (Bazarak, 3rd).
  json september = Get("/v1/activity/Taliban?party=ACLED&during=2021-09");
  EXPECT_EQ(september,
            Json({"activity", "Taliban", "--party", "ACLED", "--during", "2021-09"}));
  EXPECT_EQ(september["events"], 1);

  EXPECT_EQ(Get("/v1/activity/Nobody%20At%20All", 404)["error"]["code"], "not_found");
  auto week = server_->Get("/v1/activity/Taliban?by=week", reader_);
  EXPECT_EQ(week.status, 422) << week.body;
  EXPECT_EQ(week.Json()["error"]["field"], "by");
  auto place = server_->Get("/v1/activity/Taliban?by_place=often", reader_);
  EXPECT_EQ(place.Json()["error"]["field"], "by_place") << place.body;
}

TEST_F(ServerEventsTest, OneEventWithItsActorLinksIsVigilShow) {
  json e = Get("/v1/events/acled-afg100002");
  EXPECT_EQ(e, Json({"show", "acled-afg100002"}));
  EXPECT_EQ(e["title"], "Armed clash: Taliban vs Military Forces of Afghanistan (2004-2021)");
  ASSERT_EQ(e["participants"].size(), 2u);
  const json& taliban = e["participants"][0];
  EXPECT_EQ(taliban["label"], "Taliban");
  EXPECT_EQ(taliban["links"][0]["status"], "linked");
  EXPECT_EQ(taliban["links"][0]["entity"], "taliban");
  EXPECT_EQ(taliban["links"][0]["method"], "name");
  const json& army = e["participants"][1];
  EXPECT_EQ(army["links"][0]["status"], "unlinked");
  EXPECT_TRUE(army["links"][0]["entity"].is_null());
  EXPECT_NE(army["links"][0]["reason"].get<std::string>().find("no knowledge-base name scores"),
            std::string::npos);
  EXPECT_EQ(Get("/v1/events/acled-afg999999", 404)["error"]["code"], "not_found");
  // The list table of `vigil list events` is at /v1/list/events.
  EXPECT_EQ(Get("/v1/list/events?kind=battle"), Json({"list", "events", "--kind", "battle"}));
}

TEST_F(ServerEventsTest, ShowTellsAnEventByItsIdAndRendersItsLinks) {
  auto text = Vigil({"show", "acled-afg100001"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("perpetrator: 'Islamic State Khorasan Province'"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("linked isis-k (name 1.00)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("unlinked - (none"), std::string::npos) << text.out;
  // An entity still wins over an event, and neither is exit 3.
  EXPECT_EQ(Json({"show", "taliban"})["id"], "taliban");
  EXPECT_EQ(Vigil({"show", "acled-afg999999"}).exit_code, 3);
}

}  // namespace
}  // namespace vigil::e2e
