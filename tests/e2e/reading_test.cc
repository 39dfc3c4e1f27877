// vigil read and vigil review through the real binary, on a small article
// of our own (tests/fixtures/reading) against the mini knowledge base, and
// on a seed article read at run time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fixture.h"

namespace vigil::e2e {
namespace {

class ReadingTest : public CliTest {
 protected:
  static std::string Article(const std::string& name) {
    return SourceDir() + "/tests/fixtures/reading/" + name;
  }
  nlohmann::json Read(const std::string& name, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"read", Article(name), "--published", "2024-05"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Json(args);
  }
  const nlohmann::json* Proposal(const nlohmann::json& list, const std::string& rule) {
    for (const auto& p : list)
      if (p["rule"] == rule) return &p;
    return nullptr;
  }
};

TEST_F(ReadingTest, ReadsMentionsDetectionsAndProposals) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("article.txt");
  EXPECT_TRUE(r["new_source"]);
  EXPECT_EQ(r["source"]["format"], "text");
  EXPECT_EQ(r["source"]["title"], "Northern Front claims raid on Darvaz");
  std::set<std::string> entities;
  for (const auto& m : r["mentions"]) entities.insert(m["entity"].get<std::string>());
  EXPECT_EQ(entities, (std::set<std::string>{"northern-front", "darvaz", "karim-yusufzai",
                                             "valley-brigade", "eastern-committee", "the-council"}));
  // The Cyrillic name of the Northern Front is found too.
  EXPECT_EQ(r["mentions"].back()["entity"], "northern-front");
  EXPECT_EQ(r["dates"][0]["date"], "2024-05-03");
  EXPECT_EQ(r["numbers"][0]["quantity"], "killed");
  EXPECT_EQ(r["numbers"][1]["value"], 1500);
  const auto* claimed = Proposal(r["proposals"], "participant.claimed");
  ASSERT_TRUE(claimed);
  EXPECT_EQ((*claimed)["subject"], "northern-front");
  EXPECT_EQ((*claimed)["time"], "2024-05-03");
  const auto* leader = Proposal(r["proposals"], "leader_of.appositive");
  ASSERT_TRUE(leader);
  EXPECT_EQ((*leader)["subject"], "karim-yusufzai");
  EXPECT_EQ((*leader)["object"], "northern-front");
  const auto* allied = Proposal(r["proposals"], "allied_with.verb");
  ASSERT_TRUE(allied);
  EXPECT_EQ((*allied)["stance"], "reports");
  EXPECT_EQ((*allied)["party"], "eastern-committee");
  const auto* denied = Proposal(r["proposals"], "funds.verb");
  ASSERT_TRUE(denied);
  EXPECT_EQ((*denied)["subject"], "eastern-committee");
  // Karim Yusufzai speaks, but "the leader of the Northern Front" is the
  // source's description of him.
  EXPECT_FALSE(leader->contains("party"));
  EXPECT_EQ((*leader)["stance"], "asserts");
  EXPECT_EQ((*denied)["stance"], "denies");
  EXPECT_EQ((*denied)["party"], "the-council");
}

TEST_F(ReadingTest, ReadingTheSameTextAgainAddsNothing) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto first = Read("article.txt");
  auto again = Read("article.txt");
  EXPECT_FALSE(again["new_source"]);
  EXPECT_EQ(again["proposals_added"], 0);
  EXPECT_EQ(again["proposals_known"], first["proposals_added"]);
  EXPECT_EQ(again["proposals"].size(), first["proposals"].size());
  EXPECT_EQ(Json({"review"})["proposals"].size(), first["proposals"].size());
}

TEST_F(ReadingTest, HtmlIsReducedToItsText) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("article.html");
  EXPECT_EQ(r["source"]["format"], "html");
  // The script's "Northern Front" is not text; the heading and paragraphs are.
  EXPECT_EQ(r["mentions"][0]["span"], nlohmann::json::array({0, 14}));
  EXPECT_NE(r["source"]["sha256"], r["source"]["input_sha256"]);
  ASSERT_TRUE(Proposal(r["proposals"], "leader_of.appositive"));
}

TEST_F(ReadingTest, ReviewAcceptRejectEditAndVerify) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("article.txt");
  int64_t leader = (*Proposal(r["proposals"], "leader_of.appositive"))["id"];
  int64_t allied = (*Proposal(r["proposals"], "allied_with.verb"))["id"];
  int64_t claimed = (*Proposal(r["proposals"], "participant.claimed"))["id"];
  auto accepted = Json({"review", "accept", std::to_string(leader), "--by", "ana"});
  EXPECT_EQ(accepted["status"], "accepted");
  EXPECT_EQ(accepted["decided_by"], "ana");
  EXPECT_EQ(Json({"review", "reject", std::to_string(claimed)})["status"], "rejected");
  auto edited = Json({"review", "edit", std::to_string(allied), "--predicate", "supports",
                      "--stance", "asserts", "--note", "checked"});
  EXPECT_EQ(edited["predicate"], "supports");
  EXPECT_EQ(edited["edited"], true);
  EXPECT_EQ(edited["status"], "accepted");
  // Accepted claims are in the knowledge base, cited by span and digest.
  auto card = Json({"show", "karim-yusufzai"});
  EXPECT_NE(card.dump().find(r["source"]["id"].get<std::string>()), std::string::npos);
  auto verify = Vigil({"verify", "--texts", MiniTexts()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto pending = Json({"review", "--status", "pending"});
  for (const auto& p : pending["proposals"]) EXPECT_EQ(p["status"], "pending");
  // Errors: unknown id, bad edit.
  EXPECT_EQ(Vigil({"review", "accept", "9999"}).exit_code, 3);
  auto bad = Vigil({"review", "edit", std::to_string(leader), "--object", "nobody"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--object"), std::string::npos) << bad.err;
  EXPECT_EQ(Vigil({"read", Article("article.txt"), "--published", "May 2024"}).exit_code, 2);
}

TEST_F(ReadingTest, OnlyAnEditTakesAProposalsFields) {
  // The check lives in ReviewDecision::Validate, shared with the API: the
  // error names the field given, as the CLI's flag.
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("article.txt");
  int64_t leader = (*Proposal(r["proposals"], "leader_of.appositive"))["id"];
  auto bad = Vigil({"review", "accept", std::to_string(leader), "--stance", "denies"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--stance: only an edit changes a proposal's fields (accept takes a note)"),
            std::string::npos)
      << bad.err;
  EXPECT_EQ(Json({"review", "--status", "pending"})["proposals"].size(), r["proposals"].size());
}

TEST_F(ReadingTest, AnAcceptedParticipantJoinsTheEventItRefersTo) {
  // The mini knowledge base holds one event, the Darvaz market bombing of
  // 2018-05-03 (city Darvaz): an article naming Darvaz with that day refers
  // to it, and the accepted claim joins it instead of making a new event.
  ASSERT_EQ(LoadMini().exit_code, 0);
  std::ofstream(dir_ + "/joined.txt", std::ios::binary)
      << "Northern Front and the market\n\nThe Northern Front claimed responsibility for the "
         "bombing of the market in Darvaz on May 3, 2018.\n";
  auto r = Json({"read", dir_ + "/joined.txt"});
  const auto* claimed = Proposal(r["proposals"], "participant.claimed");
  ASSERT_TRUE(claimed) << r.dump(1);
  EXPECT_EQ((*claimed)["object"], "2018-05-03-darvaz-market-bombing");
  auto accepted = Json({"review", "accept", std::to_string((*claimed)["id"].get<int64_t>())});
  EXPECT_EQ(accepted["status"], "accepted");
  EXPECT_EQ(Json({"list", "events"}).size(), 1u);  // no new event
  auto event = Json({"show", "2018-05-03-darvaz-market-bombing"});
  ASSERT_EQ(event["participants"].size(), 4u) << event.dump(1);
  EXPECT_EQ(event["participants"][3]["entity"], "northern-front");
  EXPECT_EQ(event["participants"][3]["role"], "claimed");
  auto verify = Vigil({"verify", "--texts", MiniTexts()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  // A new version of the curated dataset keeps the joined participant.
  Edit("entities.yaml", "kind: person", "kind: person\n    description: changed");
  ASSERT_EQ(Vigil({"load", data_, "--texts", MiniTexts()}).exit_code, 0);
  EXPECT_EQ(Json({"show", "2018-05-03-darvaz-market-bombing"})["participants"].size(), 4u);
  EXPECT_EQ(Vigil({"verify", "--texts", MiniTexts()}).exit_code, 0);
}

TEST_F(ReadingTest, AnEditNamesTheEventAParticipantJoins) {
  // The raid of 2024 is no stored event: without an object, accepting makes
  // a new event; an edit may name the event it joins, and only an event.
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("article.txt");
  const auto* claimed = Proposal(r["proposals"], "participant.claimed");
  ASSERT_TRUE(claimed);
  EXPECT_FALSE(claimed->contains("object"));
  std::string id = std::to_string((*claimed)["id"].get<int64_t>());
  auto bad = Vigil({"review", "edit", id, "--object", "northern-front"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--object: no event has the id 'northern-front'"), std::string::npos)
      << bad.err;
  auto edited = Json({"review", "edit", id, "--object", "2018-05-03-darvaz-market-bombing"});
  EXPECT_EQ(edited["object"], "2018-05-03-darvaz-market-bombing");
  EXPECT_EQ(Json({"list", "events"}).size(), 1u);
  EXPECT_EQ(Json({"show", "2018-05-03-darvaz-market-bombing"})["participants"].size(), 4u);
  EXPECT_EQ(Vigil({"verify", "--texts", MiniTexts()}).exit_code, 0);
}

TEST_F(ReadingTest, ReloadingTheCuratedDataAfterAcceptingKeepsTheClaims) {
  // The accepted claims refer to curated entities, whose rows a new version
  // of the curated dataset replaces: the load writes the reading dataset
  // again after it (it was refused: "a reference in table relations points
  // at nothing").
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("article.txt");
  int64_t leader = (*Proposal(r["proposals"], "leader_of.appositive"))["id"];
  ASSERT_EQ(Vigil({"review", "accept", std::to_string(leader)}).exit_code, 0);
  Edit("entities.yaml", "kind: person", "kind: person\n    description: changed");
  auto reload = Vigil({"load", data_, "--texts", MiniTexts()});
  ASSERT_EQ(reload.exit_code, 0) << reload.err;
  auto card = Json({"show", "karim-yusufzai"});
  EXPECT_NE(card.dump().find(r["source"]["id"].get<std::string>()), std::string::npos);
  EXPECT_EQ(Vigil({"verify", "--texts", MiniTexts()}).exit_code, 0);
}

TEST_F(ReadingTest, AnAcceptedAttributeIsAClaimOfItsSourceBesideTheEntitysOwnValue) {
  // killed.txt says Karim Yusufzai was killed; the curated card (edited
  // here) says he is active. Accepted, "status: deceased" is a claim of the
  // article beside the curated value, which stays; conflicts shows both.
  Edit("entities.yaml", "gender: male,", "gender: male, status: active,");
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("killed.txt");
  std::string source = r["source"]["id"];
  const auto* killed = Proposal(r["proposals"], "attribute.status_killed");
  ASSERT_TRUE(killed) << r.dump(1);
  EXPECT_EQ((*killed)["kind"], "attribute");
  EXPECT_EQ((*killed)["subject"], "karim-yusufzai");
  EXPECT_EQ((*killed)["predicate"], "status");
  EXPECT_EQ((*killed)["object_label"], "deceased");
  std::string id = std::to_string((*killed)["id"].get<int64_t>());
  // Nothing is claimed before it is accepted.
  EXPECT_TRUE(Json({"show", "karim-yusufzai"})["claimed_attributes"].empty());
  EXPECT_EQ(Json({"conflicts"})["by_kind"]["attribute"], 0);

  EXPECT_EQ(Json({"review", "accept", id, "--by", "ana"})["status"], "accepted");
  auto card = Json({"show", "karim-yusufzai"});
  EXPECT_EQ(card["attributes"]["status"], "active");  // the curated value stays
  ASSERT_EQ(card["claimed_attributes"].size(), 1u) << card.dump(1);
  const auto& claimed = card["claimed_attributes"][0];
  EXPECT_EQ(claimed["key"], "status");
  EXPECT_EQ(claimed["value"], "deceased");
  EXPECT_EQ(claimed["dataset"], "reading");
  EXPECT_EQ(claimed["entity_value"], "active");
  ASSERT_EQ(claimed["claims"].size(), 1u);
  EXPECT_EQ(claimed["claims"][0]["source"], source);
  EXPECT_EQ(claimed["claims"][0]["span"], (*killed)["span"]);
  EXPECT_EQ(claimed["claims"][0]["digest"], (*killed)["digest"]);
  EXPECT_NE(claimed["claims"][0]["passage"].get<std::string>().find("was killed"),
            std::string::npos);
  auto text = Vigil({"show", "karim-yusufzai"});
  EXPECT_NE(text.out.find("status: active\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("status: deceased  (claimed, dataset 'reading'; the entity's own: "
                          "active)"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find(source), std::string::npos) << text.out;

  // verify checks its span like any claim's.
  auto verify = Vigil({"verify", "--texts", MiniTexts(), "--json"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  bool checked = false;
  auto verified = nlohmann::json::parse(verify.out);
  for (const auto& c : verified["claims"])
    checked |= c["fact"] == "attribute karim-yusufzai status: deceased" && c["status"] == "ok";
  EXPECT_TRUE(checked) << verify.out;

  // The two values disagree: one conflict, a side per value.
  auto conflicts = Json({"conflicts"});
  EXPECT_EQ(conflicts["by_kind"]["attribute"], 1);
  const nlohmann::json* conflict = nullptr;
  for (const auto& c : conflicts["conflicts"])
    if (c["kind"] == "attribute") conflict = &c;
  ASSERT_TRUE(conflict) << conflicts.dump(1);
  EXPECT_EQ((*conflict)["summary"], "status of Karim Yusufzai: active or deceased");
  EXPECT_EQ((*conflict)["fact"]["entity"]["id"], "karim-yusufzai");
  EXPECT_EQ((*conflict)["fact"]["key"], "status");
  ASSERT_EQ((*conflict)["sides"].size(), 2u);
  EXPECT_EQ((*conflict)["sides"][0]["value"], "active");
  EXPECT_EQ((*conflict)["sides"][0]["datasets"], nlohmann::json::array({"curated"}));
  EXPECT_FALSE((*conflict)["sides"][0]["claims"].empty());  // the card's own passages
  EXPECT_EQ((*conflict)["sides"][1]["value"], "deceased");
  EXPECT_EQ((*conflict)["sides"][1]["datasets"], nlohmann::json::array({"reading"}));
  EXPECT_EQ((*conflict)["sides"][1]["claims"][0]["source"], source);

  // Accepting again changes nothing: one fact, one claim.
  EXPECT_EQ(Json({"review", "accept", id})["status"], "accepted");
  card = Json({"show", "karim-yusufzai"});
  ASSERT_EQ(card["claimed_attributes"].size(), 1u);
  EXPECT_EQ(card["claimed_attributes"][0]["claims"].size(), 1u);
  EXPECT_EQ(Json({"conflicts"})["by_kind"]["attribute"], 1);

  // A new version of the curated dataset keeps the claim (the reading
  // dataset is written again after it).
  Edit("entities.yaml", "kind: person", "kind: person\n    description: changed");
  ASSERT_EQ(Vigil({"load", data_, "--texts", MiniTexts()}).exit_code, 0);
  EXPECT_EQ(Json({"show", "karim-yusufzai"})["claimed_attributes"].size(), 1u);
  EXPECT_EQ(Vigil({"verify", "--texts", MiniTexts()}).exit_code, 0);

  // An edit changes the value: agreeing with the card, no conflict.
  auto edited = Json({"review", "edit", id, "--value", "active"});
  EXPECT_EQ(edited["object_label"], "active");
  card = Json({"show", "karim-yusufzai"});
  ASSERT_EQ(card["claimed_attributes"].size(), 1u);
  EXPECT_EQ(card["claimed_attributes"][0]["value"], "active");
  EXPECT_EQ(Json({"conflicts"})["by_kind"]["attribute"], 0);
  // Rejected, it leaves the knowledge base.
  EXPECT_EQ(Json({"review", "reject", id})["status"], "rejected");
  EXPECT_TRUE(Json({"show", "karim-yusufzai"})["claimed_attributes"].empty());
}

TEST_F(ReadingTest, OnlyAnAttributeProposalTakesAValue) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Read("article.txt");
  int64_t leader = (*Proposal(r["proposals"], "leader_of.appositive"))["id"];
  auto bad = Vigil({"review", "edit", std::to_string(leader), "--value", "x"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--value: only an attribute proposal takes a value"), std::string::npos)
      << bad.err;
  auto refused = Vigil({"review", "accept", std::to_string(leader), "--value", "x"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--value"), std::string::npos) << refused.err;
}

TEST_F(ReadingTest, ABranchDescribedByItsParentAndPlaceIsFoundThroughTheKnowledgeBase) {
  // The store holds the Valley Brigade as a faction of the Northern Front
  // operating in Darvaz (citing a passage of the mini report).
  Edit("facts.yaml", "relations:\n",
       "relations:\n"
       "  - {subject: valley-brigade, predicate: faction_of, object: northern-front, claims: "
       "[{source: mini-report, span: [132, 189], digest: d56ef757}]}\n"
       "  - {subject: valley-brigade, predicate: operates_in, object: darvaz, claims: "
       "[{source: mini-report, span: [132, 189], digest: d56ef757}]}\n");
  ASSERT_EQ(LoadMini().exit_code, 0);
  WriteFile("branch.txt", "The Northern Front's Darvaz wing struck again. The group lost men.\n");
  auto r = Json({"read", data_ + "/branch.txt", "--published", "2024-05"});
  const nlohmann::json* described = nullptr;
  for (const auto& m : r["mentions"])
    if (m.value("via", "") == "description") described = &m;
  ASSERT_TRUE(described) << r["mentions"].dump();
  EXPECT_EQ((*described)["entity"], "valley-brigade");
  EXPECT_EQ((*described)["text"], "Northern Front's Darvaz wing");
  EXPECT_NE((*described)["reason"].get<std::string>().find("northern-front"), std::string::npos);
  // "The group" after it is the branch, not its parent.
  bool group = false;
  for (const auto& m : r["mentions"])
    if (m["text"] == "The group") group = m["entity"] == "valley-brigade";
  EXPECT_TRUE(group) << r["mentions"].dump();
}

TEST_F(ReadingTest, ReadsASeedArticle) {
  std::string seed = SeedsDir() + "/001_40b3ee1c2de0eb5d.txt";
  if (!std::filesystem::exists(seed)) GTEST_SKIP() << "no seeds";
  ASSERT_EQ(Vigil({"load", SourceDir() + "/data", "--texts", SeedsDir()}).exit_code, 0);
  auto r = Json({"read", seed, "--published", "2024-03"});
  EXPECT_GT(r["counts"]["mentions"].get<int>(), 50);
  // Its text is already a curated source: verify passes after accepting all.
  for (const auto& p : r["proposals"])
    ASSERT_EQ(Vigil({"review", "accept", std::to_string(p["id"].get<int64_t>())}).exit_code, 0);
  EXPECT_EQ(Vigil({"verify", "--texts", SeedsDir(), "--quiet"}).exit_code, 0);
}

}  // namespace
}  // namespace vigil::e2e
