// Tests of the reader: HTML reduction, folding, the automaton against its
// reference, mentions across scripts and with ambiguity, dates, numbers,
// speakers, and every rule with a positive and a negative sentence.
#include "vigil/reading/reader.h"

#include <gtest/gtest.h>

#include <random>

#include "vigil/reading/html_text.h"
#include "vigil/reading/name_automaton.h"
#include "vigil/reading/rules.h"
#include "vigil/reading/text_index.h"

namespace vigil::reading {
namespace {

// A made-up knowledge base: names only, none of them from the seeds' text.
NameDictionary Names() {
  return NameDictionary({
      {"red-hand", "organization", "Red Hand Front", "primary", ""},
      {"red-hand", "organization", "RHF", "alias", ""},
      {"red-hand", "organization", "Хм Красная Рука", "transliteration", ""},
      {"red-hand", "organization", "الجبهة الحمراء", "original_script", ""},
      {"blue-river", "organization", "Blue River Movement", "primary", ""},
      {"blue-river", "organization", "Rivermen", "weak_alias", ""},
      {"omar-dalil", "person", "Omar Dalil", "primary", ""},
      {"omar-dalil", "person", "Dalil", "weak_alias", ""},
      {"yusuf-dalil", "person", "Yusuf Dalil", "primary", ""},
      {"yusuf-dalil", "person", "Dalil", "weak_alias", ""},
      {"dalil-network", "organization", "Dalil network", "primary", ""},
      {"dalil-network", "organization", "Dalil", "alias", ""},
      {"karim-sa", "person", "Karim Sa", "primary", ""},
      {"norland", "state", "Norland", "primary", ""},
      {"norland", "state", "Норланд", "transliteration", ""},
      {"eastvale", "place", "Eastvale", "primary", ""},
      {"ministry", "government_body", "Norland Ministry of Defence", "primary", ""},
      {"bureau", "government_body", "Intelligence Bureau", "primary", ""},
      {"is", "organization", "IS", "alias", ""},
  });
}

std::vector<std::string> Entities(const Reading& r) {
  std::vector<std::string> out;
  for (const auto& m : r.mentions) out.push_back(m.entity.empty() ? "?" : m.entity);
  return out;
}

Reading Read(std::string_view text, std::string published = "") {
  static const NameDictionary names = Names();
  ReadOptions options;
  if (!published.empty()) options.published = *PartialDate::Parse(published);
  return ReadText(names, text, options);
}

TEST(HtmlTextTest, KeepsVisibleTextAndDropsScripts) {
  auto text = HtmlToText(
      "<html><head><title>T</title><style>p{}</style></head><body><h1>Head</h1>"
      "<p>Hello &amp; <b>bye</b>\n  now</p><script>var x=1;</script><p>caf&eacute;</p></body></html>");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "Head\nHello & bye now\ncafé\n");
}

TEST(HtmlTextTest, OffsetsAreStableAcrossMarkupChanges) {
  // The same visible text in different markup gives the same text, so the
  // same spans.
  auto a = HtmlToText("<p>The <i>Red Hand Front</i> fought.</p>");
  auto b = HtmlToText("<div><p>The <span class=x>Red Hand Front</span> fought.</p></div>");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  Reading r = Read(*a);
  ASSERT_EQ(r.mentions.size(), 1u);
  EXPECT_EQ(r.mentions[0].start, 4);
  EXPECT_EQ(r.mentions[0].end, 18);
}

TEST(HtmlTextTest, RefusesInvalidUtf8) {
  EXPECT_FALSE(HtmlToText("<p>\xff</p>").ok());
  EXPECT_TRUE(LooksLikeHtml("<!DOCTYPE html><html>"));
  EXPECT_FALSE(LooksLikeHtml("Plain text about <things>."));
}

TEST(TextIndexTest, AMiddleInitialDoesNotEndASentence) {
  TextIndex index("Putin called George W. Bush. Bush thanked him. He left at 5 P.M. Then it ended.");
  std::vector<std::string> sentences;
  for (const auto& s : index.sentences()) sentences.push_back(index.Slice(s.start, s.end));
  EXPECT_EQ(sentences, (std::vector<std::string>{"Putin called George W. Bush.",
                                                 "Bush thanked him.", "He left at 5 P.M.",
                                                 "Then it ended."}));
}

TEST(TextIndexTest, FoldsAndMapsBack) {
  TextIndex index("Sirajuddin HAQQĀNI's");
  EXPECT_EQ(index.folded(), U" sirajuddin haqqani s ");
  EXPECT_EQ(FoldName("al-Qāʿida"), U"al qaida");
  EXPECT_EQ(index.Slice(11, 18), "HAQQĀNI");
}

TEST(NameAutomatonTest, AgreesWithTheReference) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::u32string> patterns;
    for (int p = 0; p < 6; ++p) {
      std::u32string s;
      for (int i = 0, n = 1 + int(random() % 4); i < n; ++i) s.push_back(U'a' + random() % 3);
      patterns.push_back(s);
    }
    std::u32string text;
    for (int i = 0; i < 40; ++i) text.push_back(U'a' + random() % 3);
    NameAutomaton automaton(patterns);
    EXPECT_EQ(automaton.FindAll(text), NaiveFindAll(patterns, text)) << round;
  }
}

TEST(MentionTest, FindsNamesInLatinArabicAndCyrillicScript) {
  Reading r = Read(
      "The Red Hand Front (RHF) met. Хм Красная Рука ушла. قالت الجبهة الحمراء. "
      "Норланда нет.");
  EXPECT_EQ(Entities(r), (std::vector<std::string>{"red-hand", "red-hand", "red-hand",
                                                   "red-hand", "norland"}));
}

TEST(MentionTest, OnlyAtWordBoundaries) {
  Reading r = Read("Redhandfront and Norlanders and the Red Hand Fronts are not mentions.");
  EXPECT_TRUE(r.mentions.empty());
}

TEST(MentionTest, ShortNamesOnlyAsWrittenAndWeakAliasesOnlyConfirmed) {
  // "is" (the verb) is not "IS"; "IS" alone needs the entity named otherwise.
  EXPECT_TRUE(Read("This is it. IS said nothing.").mentions.empty());
  // "Rivermen" is a weak alias: no mention without the full name.
  EXPECT_TRUE(Read("The Rivermen came.").mentions.empty());
  EXPECT_EQ(Entities(Read("The Blue River Movement grew. The Rivermen came.")),
            (std::vector<std::string>{"blue-river", "blue-river"}));
}

TEST(MentionTest, ASurnameBeforeAdministrationNamesThePerson) {
  static const NameDictionary names({
      {"ana-varga", "person", "Ana Varga", "primary", ""},
      {"ana-varga", "person", "Varga", "weak_alias", ""},
  });
  Reading r = ReadText(names, "Sanctions eased under the Varga administration.", {});
  ASSERT_EQ(r.mentions.size(), 1u);
  EXPECT_EQ(r.mentions[0].entity, "ana-varga");
  EXPECT_EQ(r.mentions[0].reason, "a person's surname before 'administration'");
  // Otherwise a weak alias needs the entity named elsewhere; and the
  // surname is written with its capital.
  EXPECT_TRUE(ReadText(names, "Varga said sanctions eased.", {}).mentions.empty());
  EXPECT_TRUE(ReadText(names, "Sanctions eased under a varga administration.", {}).mentions.empty());
}

TEST(MentionTest, AGroupsBranchInAPlaceIsDescribed) {
  static const NameDictionary names(
      {
          {"red-hand", "organization", "Red Hand Front", "primary", ""},
          {"east-front", "organization", "Eastvale Wilayat", "primary", ""},
          {"east-cell", "organization", "Eastvale Cell", "primary", ""},
          {"norland", "state", "Norland", "primary", ""},
          {"eastvale", "place", "Eastvale", "primary", ""},
          {"westmark", "place", "Westmark", "primary", ""},
      },
      {{"east-front", "red-hand", "eastvale"},
       {"east-cell", "blue-river", "eastvale"},
       {"north-a", "red-hand", "norland"},
       {"north-b", "red-hand", "norland"}});
  Reading r = ReadText(names, "The Red Hand Front\u2019s Eastvale branch grew. The group struck.", {});
  auto described = std::find_if(r.mentions.begin(), r.mentions.end(),
                                 [](const Mention& m) { return m.via == "description"; });
  ASSERT_NE(described, r.mentions.end());
  EXPECT_EQ(described->entity, "east-front");
  EXPECT_EQ(described->text, "Red Hand Front\u2019s Eastvale branch");
  // The names inside are nested; "the group" after it is the branch.
  for (const auto& m : r.mentions)
    if (m.via == "name") {
      EXPECT_TRUE(m.nested) << m.text;
    }
  auto group = std::find_if(r.mentions.begin(), r.mentions.end(),
                            [](const Mention& m) { return m.text == "The group"; });
  ASSERT_NE(group, r.mentions.end());
  EXPECT_EQ(group->entity, "east-front");
  // No branch of the group there: no description. Several: candidates,
  // none chosen.
  for (const auto& m : ReadText(names, "The Red Hand Front's Westmark branch grew.", {}).mentions)
    EXPECT_NE(m.via, "description");
  r = ReadText(names, "The Red Hand Front's Norland affiliate grew.", {});
  described = std::find_if(r.mentions.begin(), r.mentions.end(),
                           [](const Mention& m) { return m.via == "description"; });
  ASSERT_NE(described, r.mentions.end());
  EXPECT_TRUE(described->entity.empty());
  EXPECT_EQ(described->candidates.size(), 2u);
}

TEST(MentionTest, AmbiguousNamesKeepTheirCandidates) {
  // The people's weak aliases are unconfirmed: only the network remains.
  Reading r = Read("Dalil spoke at length.");
  ASSERT_EQ(r.mentions.size(), 1u);
  EXPECT_EQ(r.mentions[0].entity, "dalil-network");
  EXPECT_EQ(r.mentions[0].candidates.size(), 1u);
  r = Read("Omar Dalil and Yusuf Dalil met. Later Dalil spoke.");
  ASSERT_EQ(r.mentions.size(), 3u);
  EXPECT_TRUE(r.mentions[2].ambiguous());  // both were named: no guess
  EXPECT_EQ(r.mentions[2].candidates.size(), 3u);
}

TEST(MentionTest, AmbiguityResolvedFromContext) {
  // A full name earlier decides.
  Reading r = Read("Yusuf Dalil arrived. Then Dalil spoke.");
  ASSERT_EQ(r.mentions.size(), 2u);
  EXPECT_EQ(r.mentions[1].entity, "yusuf-dalil");
  EXPECT_NE(r.mentions[1].reason.find("named earlier"), std::string::npos);
  // A word after the name says it is the organisation.
  r = Read("Yusuf Dalil arrived. The Dalil fighters left.");
  ASSERT_EQ(r.mentions.size(), 2u);
  EXPECT_EQ(r.mentions[1].entity, "dalil-network");
}

TEST(DetectTest, Dates) {
  Reading r = Read("On March 22, 2024 and in May 2015, in 2019, in the 1990s and last year.", "2024-03");
  std::vector<std::string> dates;
  for (const auto& d : r.dates) dates.push_back(d.date.ToString());
  EXPECT_EQ(dates, (std::vector<std::string>{"2024-03-22", "2015-05", "2019", "~1995", "2023"}));
  EXPECT_TRUE(r.dates.back().relative);
}

TEST(DetectTest, NumbersOfPeople) {
  Reading r = Read("The Red Hand Front has some 2,000 fighters. The blast killed 145 and "
                   "between 1,000 and 3,000 members left. It was 2015.");
  ASSERT_EQ(r.numbers.size(), 3u);
  EXPECT_EQ(r.numbers[0].quantity, "fighters");
  EXPECT_EQ(*r.numbers[0].value, 2000);
  EXPECT_EQ(r.numbers[0].qualifier, "about");
  EXPECT_EQ(r.numbers[1].quantity, "killed");
  EXPECT_EQ(*r.numbers[1].value, 145);
  EXPECT_EQ(*r.numbers[2].low, 1000);
  EXPECT_EQ(*r.numbers[2].high, 3000);
}

TEST(DetectTest, Speakers) {
  Reading r = Read("“We are ready,” said Omar Dalil. According to Karim Sa, talks failed. "
                   "Officials in Eastvale said little.");
  ASSERT_EQ(r.statements.size(), 3u);
  EXPECT_EQ(r.statements[0].speaker, "omar-dalil");
  EXPECT_EQ(r.statements[0].end - r.statements[0].start, 15);  // the quotation
  EXPECT_EQ(r.statements[1].speaker, "karim-sa");
  EXPECT_EQ(r.statements[2].label, "Officials in Eastvale");
}

TEST(DetectTest, Places) {
  Reading r = Read("Fighters moved from Eastvale to Norland and into Kunar province.");
  ASSERT_EQ(r.places.size(), 3u);
  EXPECT_EQ(r.places[0].entity, "eastvale");
  EXPECT_EQ(r.places[2].text, "Kunar");
  EXPECT_EQ(r.places[2].entity, "");
}

TEST(RulesTest, EveryRuleParses) {
  for (const RuleSpec& spec : DefaultRules()) {
    auto parsed = ParsePattern(spec.pattern);
    EXPECT_TRUE(parsed.ok()) << spec.id << ": " << parsed.status();
  }
  EXPECT_EQ(RuleSet::Default().rules().size(), DefaultRules().size());
  EXPECT_FALSE(ParsePattern("{X} foo").ok());
  EXPECT_FALSE(ParsePattern("[a|b").ok());
}

struct RuleCase {
  const char* rule;
  const char* positive;
  const char* subject;
  const char* object;  // or the predicate for participants and estimates
  const char* negative;
};

// One sentence the rule must match (and what it must propose) and one that
// names the same entities but must not make the rule fire.
const RuleCase kCases[] = {
    {"leader_of.appositive", "Omar Dalil, the leader of the Red Hand Front, spoke.", "omar-dalil",
     "red-hand", "Omar Dalil, the Red Hand Front and others spoke."},
    {"leader_of.title", "Red Hand Front leader Omar Dalil spoke.", "omar-dalil", "red-hand",
     "Red Hand Front and Omar Dalil spoke."},
    {"leader_of.verb", "Omar Dalil leads the Red Hand Front.", "omar-dalil", "red-hand",
     "Omar Dalil left the Red Hand Front."},
    {"leader_of.passive", "The Red Hand Front, led by Omar Dalil, grew.", "omar-dalil", "red-hand",
     "The Red Hand Front, fought by Omar Dalil, grew."},
    {"leader_of.became", "Omar Dalil became the leader of the Red Hand Front.", "omar-dalil",
     "red-hand", "Omar Dalil became a critic of the Red Hand Front."},
    {"founded.verb", "Omar Dalil founded the Red Hand Front.", "omar-dalil", "red-hand",
     "Omar Dalil found the Red Hand Front weak."},
    {"founded.passive", "The Red Hand Front was founded by Omar Dalil.", "omar-dalil", "red-hand",
     "The Red Hand Front was praised by Omar Dalil."},
    {"founded.appositive", "Omar Dalil, the founder of the Red Hand Front, died.", "omar-dalil",
     "red-hand", "Omar Dalil, the critic of the Red Hand Front, died."},
    {"founded.title", "Red Hand Front founder Omar Dalil died.", "omar-dalil", "red-hand",
     "Red Hand Front critic Omar Dalil died."},
    {"member_of.appositive", "Omar Dalil, a senior commander of the Red Hand Front, spoke.",
     "omar-dalil", "red-hand", "Omar Dalil, a senior critic of the Red Hand Front, spoke."},
    {"member_of.title", "Red Hand Front spokesman Omar Dalil spoke.", "omar-dalil", "red-hand",
     "Red Hand Front opponent Omar Dalil spoke."},
    {"member_of.joined", "Omar Dalil joined the Red Hand Front.", "omar-dalil", "red-hand",
     "Omar Dalil left the Red Hand Front."},
    {"member_of.copula", "Omar Dalil was a member of the Red Hand Front.", "omar-dalil", "red-hand",
     "Omar Dalil was a victim of the Red Hand Front."},
    {"faction_of.appositive", "The Dalil network is a semi-autonomous faction of the Red Hand Front.",
     "dalil-network", "red-hand", "The Dalil network is a rival of the Red Hand Front."},
    {"faction_of.title", "The Red Hand Front's faction, the Dalil network, grew.", "dalil-network",
     "red-hand", "The Red Hand Front's enemy, the Dalil network, grew."},
    {"affiliate_of.appositive", "The Dalil network, an affiliate of the Red Hand Front, grew.",
     "dalil-network", "red-hand", "The Dalil network, an enemy of the Red Hand Front, grew."},
    {"affiliate_of.title", "The Red Hand Front's local affiliate, the Dalil network, grew.",
     "dalil-network", "red-hand", "The Red Hand Front's local enemy, the Dalil network, grew."},
    {"split_from.verb", "The Dalil network split from the Red Hand Front.", "dalil-network",
     "red-hand", "The Dalil network fled with the Red Hand Front."},
    {"part_of.appositive", "The Dalil network is part of the Red Hand Front.", "dalil-network",
     "red-hand", "The Dalil network is wary of the Red Hand Front."},
    {"allied_with.verb", "The Dalil network is allied with the Red Hand Front.", "dalil-network",
     "red-hand", "The Dalil network is angry with the Red Hand Front."},
    {"allied_with.linked", "The Red Hand Front, which is closely linked to the Dalil network, grew.",
     "red-hand", "dalil-network", "The Red Hand Front, which is closely watched by the Dalil "
     "network, grew."},
    {"allied_with.between", "The alliance between the Dalil network and the Red Hand Front held.",
     "dalil-network", "red-hand", "The border between the Dalil network and the Red Hand Front held."},
    {"allied_with.noun", "The Red Hand Front's ally, the Blue River Movement, grew.", "red-hand",
     "blue-river", "The Red Hand Front's critic, the Blue River Movement, grew."},
    {"allied_with.copula", "The Red Hand Front and the Blue River Movement are close allies.",
     "red-hand", "blue-river", "The Red Hand Front and the Blue River Movement are far apart."},
    {"allied_with.ties", "The Red Hand Front has close ties with the Blue River Movement.",
     "red-hand", "blue-river", "The Red Hand Front has no interest in the Blue River Movement."},
    {"hostile_to.verb", "The Red Hand Front fought the Blue River Movement.", "red-hand",
     "blue-river", "The Red Hand Front praised the Blue River Movement."},
    {"hostile_to.between", "The war between the Red Hand Front and the Blue River Movement ended.",
     "red-hand", "blue-river", "The peace between the Red Hand Front and the Blue River Movement held."},
    {"hostile_to.noun", "The Red Hand Front's rival, the Blue River Movement, grew.", "red-hand",
     "blue-river", "The Red Hand Front's friend, the Blue River Movement, grew."},
    {"hostile_to.war", "The Red Hand Front is at war with the Blue River Movement.", "red-hand",
     "blue-river", "The Red Hand Front is at ease with the Blue River Movement."},
    {"supports.verb", "Norland backed the Red Hand Front.", "norland", "red-hand",
     "Norland watched the Red Hand Front."},
    {"supports.passive", "The Red Hand Front is backed by Norland.", "norland", "red-hand",
     "The Red Hand Front is watched by Norland."},
    {"supports.noun", "Norland's support for the Red Hand Front grew.", "norland", "red-hand",
     "Norland's fear of the Red Hand Front grew."},
    {"supports.from", "Support for the Red Hand Front from Norland grew.", "norland", "red-hand",
     "Fear of the Red Hand Front from Norland grew."},
    {"funds.verb", "Norland funded the Red Hand Front.", "norland", "red-hand",
     "Norland fined the Red Hand Front."},
    {"funds.passive", "The Red Hand Front was financed by Norland.", "norland", "red-hand",
     "The Red Hand Front was fined by Norland."},
    {"funds.gave", "Norland gave large sums of money to the Red Hand Front.", "norland", "red-hand",
     "Norland gave large sums of praise to the Red Hand Front."},
    {"arms.verb", "Norland armed the Red Hand Front.", "norland", "red-hand",
     "Norland alarmed the Red Hand Front."},
    {"arms.gave", "Norland supplied rifles to the Red Hand Front.", "norland", "red-hand",
     "Norland supplied food to the Red Hand Front."},
    {"arms.with", "Norland supplied the Red Hand Front with weapons.", "norland", "red-hand",
     "Norland supplied the Red Hand Front with food."},
    {"shelters.verb", "Norland sheltered the Red Hand Front.", "norland", "red-hand",
     "Norland expelled the Red Hand Front."},
    {"shelters.passive", "The Red Hand Front was harboured by Norland.", "norland", "red-hand",
     "The Red Hand Front was hunted by Norland."},
    {"shelters.haven", "Norland provided safe haven to the Red Hand Front.", "norland", "red-hand",
     "Norland provided no reason to the Red Hand Front."},
    {"negotiates_with.verb", "Norland negotiated with the Red Hand Front.", "norland", "red-hand",
     "Norland competed with the Red Hand Front."},
    {"negotiates_with.talks", "Norland held talks with the Red Hand Front.", "norland", "red-hand",
     "Norland held firm against the Red Hand Front."},
    {"negotiates_with.between", "Talks between Norland and the Red Hand Front stalled.", "norland",
     "red-hand", "Fighting between Norland and the Red Hand Front stalled."},
    {"shares_intelligence_with.verb", "Norland shared intelligence with the Red Hand Front.",
     "norland", "red-hand", "Norland shared a border with the Red Hand Front."},
    {"recruits_from.nationals", "Many of the Red Hand Front's fighters are Norland nationals.",
     "red-hand", "norland", "Many of the Red Hand Front's fighters are Norland experts."},
    {"recruits_from.joined", "Fighters from Eastvale joined the Red Hand Front.", "red-hand",
     "eastvale", "Fighters from Eastvale fled the Red Hand Front."},
    {"allied_with.aide", "Omar Dalil became a right-hand man to Yusuf Dalil in 2008.", "omar-dalil",
     "yusuf-dalil", "Omar Dalil became a right-hand man to the Red Hand Front in 2008."},
    {"faction_of.within", "The Dalil network became a semiautonomous entity within the Red Hand Front.",
     "dalil-network", "red-hand", "The Dalil network became a semiautonomous entity near the Red Hand Front."},
    {"allied_with.joint", "The Red Hand Front and the Blue River Movement attack on Eastvale failed.",
     "red-hand", "blue-river", "The Red Hand Front and the Blue River Movement leaders met."},
    {"part_of.possessive", "Norland's Intelligence Bureau warned of attacks.", "bureau", "norland",
     "Eastvale's Intelligence Bureau warned of attacks."},
    {"part_of.modifier", "The Norland Intelligence Bureau warned of attacks.", "bureau", "norland",
     "The Eastvale Intelligence Bureau warned of attacks."},
    {"recruits_from.verb", "The Red Hand Front recruits heavily from the Blue River Movement.",
     "red-hand", "blue-river", "The Red Hand Front differs heavily from the Blue River Movement."},
    {"designates.verb", "Norland designated the Red Hand Front.", "norland", "red-hand",
     "Norland described the Red Hand Front."},
    {"designates.passive", "The Red Hand Front was designated a terrorist group by Norland.",
     "norland", "red-hand", "The Red Hand Front was described as a group by Norland."},
    {"operates_in.verb", "The Red Hand Front operates in Eastvale.", "red-hand", "eastvale",
     "The Red Hand Front wrote to Eastvale."},
    {"operates_in.locative", "The Red Hand Front in Eastvale grew stronger.", "red-hand",
     "eastvale", "The Red Hand Front in 2020 wrote to Eastvale."},
    {"operates_in.presence", "The Red Hand Front's presence in Eastvale grew.", "red-hand",
     "eastvale", "The Red Hand Front's letter to Eastvale arrived."},
    {"family_of.appositive", "Yusuf Dalil, the son of Omar Dalil, spoke.", "yusuf-dalil",
     "omar-dalil", "Yusuf Dalil, the rival of Omar Dalil, spoke."},
    {"family_of.possessive", "Omar Dalil's son, Yusuf Dalil, spoke.", "yusuf-dalil", "omar-dalil",
     "Omar Dalil's rival, Yusuf Dalil, spoke."},
    {"holds_position_in.appositive", "Omar Dalil, a former senior official of Norland, spoke.",
     "omar-dalil", "norland", "Omar Dalil, a former senior critic of Norland, spoke."},
    {"member_of.position", "Omar Dalil, a security expert with the Red Hand Front, spoke.",
     "omar-dalil", "red-hand", "Omar Dalil, a security threat to the Red Hand Front, spoke."},
    {"holds_position_in.possessive", "Omar Dalil, Norland's special envoy, spoke.", "omar-dalil",
     "norland", "Omar Dalil, Norland's old enemy, spoke."},
    {"member_of.possessive", "Omar Dalil, the Red Hand Front's chief negotiator, spoke.",
     "omar-dalil", "red-hand", "Omar Dalil, the Red Hand Front's chief target, spoke."},
    {"member_of.possessive_name", "The Red Hand Front's Omar Dalil spoke.", "omar-dalil",
     "red-hand", "The Red Hand Front met Omar Dalil."},
    {"holds_position_in.title", "Norland Ministry of Defence spokesman Omar Dalil spoke.",
     "omar-dalil", "ministry", "Norland Ministry of Defence critic Omar Dalil spoke."},
    {"holds_position_in.copula", "Omar Dalil is the deputy minister of Norland.", "omar-dalil",
     "norland", "Omar Dalil is the sworn enemy of Norland."},
    {"member_of.copula_post", "Omar Dalil was a senior fellow at the Red Hand Front.",
     "omar-dalil", "red-hand", "Omar Dalil was a senior target of the Red Hand Front."},
    {"supports.patron", "Norland, which was a longtime patron of the Red Hand Front, spoke.",
     "norland", "red-hand", "Norland, which was a longtime enemy of the Red Hand Front, spoke."},
    {"shelters.host", "Norland served as a host to the Red Hand Front.", "norland", "red-hand",
     "Norland served as a judge to the Red Hand Front."},
    {"leader_of.head_of_state", "Norland President Omar Dalil spoke.", "omar-dalil", "norland",
     "Norland critic Omar Dalil spoke."},
    {"hostile_to.efforts", "The Red Hand Front's efforts to combat the Blue River Movement grew.",
     "red-hand", "blue-river", "The Red Hand Front's efforts to help the Blue River Movement grew."},
    {"shares_intelligence_with.agreement", "Norland signed an intelligence-sharing deal with the "
     "Red Hand Front.", "norland", "red-hand", "Norland signed a trade deal with the Red Hand Front."},
    {"shares_intelligence_with.with", "Norland provided the Red Hand Front with intelligence.",
     "norland", "red-hand", "Norland provided the Red Hand Front with food."},
    {"operates_in.bases", "The Red Hand Front opened two bases in Eastvale.", "red-hand",
     "eastvale", "The Red Hand Front opened two letters in Eastvale."},
    {"supports.compound", "The Norland-backed Red Hand Front grew.", "norland", "red-hand",
     "The Norland-hated Red Hand Front grew."},
    {"funds.compound", "The Norland-funded Red Hand Front grew.", "norland", "red-hand",
     "The Norland-hunted Red Hand Front grew."},
    {"arms.compound", "The Norland-armed Red Hand Front grew.", "norland", "red-hand",
     "The Norland-harmed Red Hand Front grew."},
    {"supports.received", "The Red Hand Front has received tacit support from Norland.",
     "norland", "red-hand", "The Red Hand Front has received tacit criticism from Norland."},
    {"hostile_to.against", "The Red Hand Front waged a long campaign against the Blue River "
     "Movement.", "red-hand", "blue-river", "The Red Hand Front waged a long campaign with the "
     "Blue River Movement."},
    {"hostile_to.appositive", "The Red Hand Front, the Blue River Movement's old enemy, grew.",
     "red-hand", "blue-river", "The Red Hand Front, the Blue River Movement's old friend, grew."},
    {"allied_with.appositive", "The Red Hand Front, the Blue River Movement's old ally, grew.",
     "red-hand", "blue-river", "The Red Hand Front, the Blue River Movement's old critic, grew."},
    {"participant.carried_out", "The Red Hand Front carried out a deadly attack on the town.",
     "red-hand", "attributed", "The Red Hand Front carried out a survey of the town."},
    {"participant.attack_by", "The town suffered attacks by the Red Hand Front.", "red-hand",
     "attributed", "The town suffered losses by the Red Hand Front."},
    {"participant.compound", "The Red Hand Front-linked attack shocked the town.", "red-hand",
     "attributed", "The Red Hand Front-linked charity helped the town."},
    {"participant.killed_by", "The mayor was killed by the Red Hand Front.", "red-hand",
     "attributed", "The mayor was thanked by the Red Hand Front."},
    {"participant.claimed", "The Red Hand Front claimed responsibility for the bombing.",
     "red-hand", "claimed", "The Red Hand Front condemned the bombing."},
    {"participant.claimed_passive", "Responsibility was claimed by the Red Hand Front.", "red-hand",
     "claimed", "Land was claimed by the Red Hand Front."},
    {"participant.blamed", "Norland blamed the Red Hand Front for the attack.", "red-hand",
     "attributed", "Norland thanked the Red Hand Front for the help."},
    {"participant.accusations", "Norland pointed the finger at the Red Hand Front.", "red-hand",
     "attributed", "Norland pointed the cameras at the Red Hand Front."},
    {"participant.blamed_on", "The attack was blamed on the Red Hand Front.", "red-hand",
     "attributed", "The attack was reported by the Red Hand Front."},
    {"participant.attributed_to", "Norland attributed the attack to the Red Hand Front.", "red-hand",
     "attributed", "Norland reported the attack to the Red Hand Front."},
    {"participant.responsible", "The Red Hand Front was responsible for the attack.", "red-hand",
     "attributed", "The Red Hand Front was angry about the attack."},
    {"participant.suspected", "Suspicion fell on the Red Hand Front.", "red-hand", "suspected",
     "Snow fell on the Red Hand Front."},
    {"participant.suspected_of", "The Red Hand Front is suspected of the attack.", "red-hand",
     "suspected", "The Red Hand Front is tired of the attack."},
    {"participant.denied", "The Red Hand Front denied any involvement.", "red-hand", "attributed",
     "The Red Hand Front welcomed any involvement."},
    {"estimate.has", "The Red Hand Front has some 2,000 fighters.", "red-hand", "fighters",
     "The Red Hand Front has some 2,000 goats."},
    {"estimate.of", "Some 2,000 fighters of the Red Hand Front left.", "red-hand", "fighters",
     "Some 2,000 goats of the Red Hand Front left."},
    {"estimate.adjective", "Some 2,000 Red Hand Front fighters left.", "red-hand", "fighters",
     "Some 2,000 Red Hand Front goats left."},
    {"attribute.status_killed", "Omar Dalil was killed in a strike.", "omar-dalil", "status",
     "Omar Dalil was seen in a strike."},
};

TEST(RulesTest, EachRuleWithAPositiveAndANegativeSentence) {
  std::set<std::string> covered;
  for (const RuleCase& c : kCases) {
    covered.insert(c.rule);
    Reading r = Read(c.positive);
    bool found = false;
    for (const auto& p : r.proposals) {
      if (p.rule != c.rule) continue;
      found = true;
      EXPECT_EQ(p.subject, c.subject) << c.rule;
      if (p.kind == "relation") {
        EXPECT_EQ(p.object, c.object) << c.rule;
      } else {
        EXPECT_EQ(p.predicate, c.object) << c.rule;
      }
      // The span is the sentence that supports it.
      EXPECT_EQ(p.start, 0) << c.rule;
      EXPECT_EQ(p.end, static_cast<int64_t>(TextIndex(c.positive).code_points().size())) << c.rule;
      EXPECT_EQ(p.digest, Digest(c.positive)) << c.rule;
    }
    EXPECT_TRUE(found) << c.rule << ": " << c.positive;
    for (const auto& p : Read(c.negative).proposals)
      EXPECT_NE(p.rule, c.rule) << c.negative;
  }
  for (const RuleSpec& spec : DefaultRules()) EXPECT_TRUE(covered.count(spec.id)) << spec.id;
}

std::set<std::string> Triples(const Reading& r) {
  std::set<std::string> out;
  for (const auto& p : r.proposals) out.insert(p.subject + " " + p.predicate + " " + p.object);
  return out;
}

TEST(RulesTest, ArgumentsAreNotPartsOfLongerPhrases) {
  auto triples = Triples;
  // An object before a possessive or a hyphen modifies what follows it.
  EXPECT_TRUE(Read("Omar Dalil, the head of the Red Hand Front's media office, spoke.")
                  .proposals.empty());
  EXPECT_TRUE(Read("Omar Dalil, the commander of the Red Hand Front-led coalition, spoke.")
                  .proposals.empty());
  // Who commands a group's forces or officials leads them, not the group.
  EXPECT_TRUE(Read("Omar Dalil commanded Red Hand Front special operations forces.")
                  .proposals.empty());
  EXPECT_TRUE(Read("Omar Dalil led Red Hand Front officials to the talks.").proposals.empty());
  EXPECT_FALSE(Read("Omar Dalil led the Red Hand Front to the talks.").proposals.empty());
  EXPECT_TRUE(Read("Omar Dalil, the commander of the RHF.-led coalition, spoke.").proposals.empty());
  // A subject after a preposition is none; a comma before any "and" ends
  // the phrase ("With X, Y ..."), so a subject after it stands.
  // (Migrants from a place joining a group is where it recruits.)
  Reading migrants = Read("Migrants from Norland joined the Red Hand Front.");
  ASSERT_EQ(migrants.proposals.size(), 1u);
  EXPECT_EQ(migrants.proposals[0].rule, "recruits_from.joined");
  EXPECT_TRUE(Read("Officials from Norland joined the Red Hand Front.").proposals.empty());
  Reading clause = Read("With the Dalil network, the Red Hand Front is backed by Norland.");
  ASSERT_EQ(clause.proposals.size(), 1u);
  EXPECT_EQ(clause.proposals[0].subject, "norland");
  EXPECT_EQ(clause.proposals[0].object, "red-hand");
  // Where a group is, after a preposition, is not read ("talks with X in
  // Moscow" place no X there); what an office is part of is.
  EXPECT_TRUE(Read("They talked with the Red Hand Front in Eastvale.").proposals.empty());
  EXPECT_EQ(triples(Read("Backing came from Norland's Intelligence Bureau.")),
            (std::set<std::string>{"bureau part_of norland"}));
  // A group followed by a possessive at a pattern's end is not its object.
  EXPECT_TRUE(Read("Fighters from Eastvale joined the Red Hand Front's rivals.").proposals.empty());
  // Verb readings of nouns that rules read as nouns propose nothing.
  EXPECT_TRUE(
      Read("The Red Hand Front and the Blue River Movement attack civilians.").proposals.empty());
  EXPECT_TRUE(Read("The Red Hand Front's fighters kidnapped two Norland nationals.").proposals.empty());
  // A demonym is no party to a relation; a question asserts nothing.
  EXPECT_TRUE(Read("Is the Red Hand Front backed by Norland?").proposals.empty());
  EXPECT_EQ(Read("The Red Hand Front is backed by Norland.").proposals.size(), 1u);
}

TEST(RulesTest, CoordinatedArgumentsGetTheSameClaim) {
  auto triples = Triples;
  EXPECT_EQ(triples(Read("The Red Hand Front gained support from Norland, the Dalil network and "
                         "the Blue River Movement.")),
            (std::set<std::string>{"norland supports red-hand", "dalil-network supports red-hand",
                                   "blue-river supports red-hand"}));
  // A list goes on after "and" and the argument's preposition again ("from
  // X, and more recently from Y and Z"), not after another one.
  EXPECT_EQ(triples(Read("The Red Hand Front gained support from the Dalil network, and more "
                         "recently from Norland and the Blue River Movement.")),
            (std::set<std::string>{"dalil-network supports red-hand", "norland supports red-hand",
                                   "blue-river supports red-hand"}));
  EXPECT_EQ(triples(Read("The Red Hand Front gained support from the Dalil network, and later "
                         "fought in Norland.")),
            (std::set<std::string>{"dalil-network supports red-hand"}));
  EXPECT_EQ(triples(Read("Norland and the Dalil network backed the Red Hand Front.")),
            (std::set<std::string>{"norland supports red-hand", "dalil-network supports red-hand"}));
  // Commas alone set off an apposition, not a list; "anti-X" is no argument;
  // nor is a mention coordinated with a subject after a preposition.
  EXPECT_EQ(triples(Read("Omar Dalil, the Red Hand Front spokesman Yusuf Dalil, spoke.")),
            (std::set<std::string>{"yusuf-dalil member_of red-hand"}));
  EXPECT_EQ(triples(Read("The anti-Blue River Movement and Norland-backed Red Hand Front grew.")),
            (std::set<std::string>{"norland supports red-hand"}));
  EXPECT_TRUE(Read("Migrants from Norland and the Dalil network joined the Red Hand Front.")
                  .proposals.empty());
  // "anti-X" is no argument, even as the first.
  EXPECT_TRUE(Read("Omar Dalil, leader of the anti-Red Hand Front coalition, spoke.").proposals.empty());
  // Heading a public body is an office in it.
  // (The ministry's name says it is Norland's: part_of.name.)
  Reading r = Read("Omar Dalil, the head of the Norland Ministry of Defence, spoke.");
  ASSERT_EQ(r.proposals.size(), 2u);
  EXPECT_EQ(r.proposals[0].predicate, "holds_position_in");
  EXPECT_EQ(r.proposals[0].role, "head");
  EXPECT_EQ(triples(r), (std::set<std::string>{"omar-dalil holds_position_in ministry",
                                               "ministry part_of norland"}));
}

TEST(RulesTest, WhatANameSaysOfItsBearer) {
  static const NameDictionary names({
      {"norland", "state", "Norland", "primary", ""},
      {"eastvale", "place", "Eastvale", "primary", ""},
      {"red-hand", "organization", "Red Hand Front", "primary", ""},
      {"embassy", "government_body", "Norland Embassy in Eastvale", "primary", ""},
      {"office", "government_body", "Red Hand Front political office in Norland", "primary", ""},
      {"government", "government_body", "Norland government", "primary", ""},
      {"rhf-government", "government_body", "Red Hand Front government", "primary", ""},
      {"elf", "organization", "Eastvale Liberation Front", "primary", ""},
      {"nim", "organization", "National Movement of Norland", "primary", ""},
      {"youth", "organization", "Red Hand Front Youth", "primary", ""},
      {"centre", "organization", "Centre for Norland Studies", "primary", ""},
      {"dea", "government_body", "Norland Drug Enforcement Administration", "primary", ""},
      {"envoy", "government_body", "Office of the Special Envoy to Norland", "primary", ""},
  });
  auto read = [](std::string_view text) {
    std::set<std::string> out;
    for (const auto& p : ReadText(names, text, {}).proposals)
      out.insert(p.subject + " " + p.predicate + " " + p.object + " " + p.rule);
    return out;
  };
  // An office named with a state is part of it, and sits in the place or
  // state named after "in"; a government leads its state.
  EXPECT_EQ(read("Crowds gathered outside the Norland Embassy in Eastvale."),
            (std::set<std::string>{"embassy part_of norland part_of.name",
                                   "embassy operates_in eastvale operates_in.name"}));
  EXPECT_EQ(read("They met at the Red Hand Front political office in Norland."),
            (std::set<std::string>{"office part_of red-hand part_of.name",
                                   "office operates_in norland operates_in.name"}));
  // A group's government: the group is mentioned, but who leads whom the
  // name does not say.
  Reading government = ReadText(names, "The Red Hand Front government fell.", {});
  EXPECT_TRUE(government.proposals.empty());
  ASSERT_EQ(government.mentions.size(), 2u);
  EXPECT_EQ(government.mentions[1].entity, "red-hand");
  EXPECT_TRUE(government.mentions[1].nested);
  EXPECT_EQ(read("The Norland government fell."),
            (std::set<std::string>{"government leader_of norland leader_of.name"}));
  // Only a name ending in "government" or "regime" is a government's; a
  // state after "to" or "for" in a body's name owns nothing.
  EXPECT_EQ(read("The Norland Drug Enforcement Administration raided it."),
            (std::set<std::string>{"dea part_of norland part_of.name"}));
  EXPECT_TRUE(read("The Office of the Special Envoy to Norland closed.").empty());
  // A question asserts nothing.
  EXPECT_TRUE(read("Did the Norland government fall?").empty());
  // A group named with a place at its start or after "of" operates there;
  // not with a place elsewhere in its name, nor as a group in a group.
  EXPECT_EQ(read("The Eastvale Liberation Front and the National Movement of Norland grew."),
            (std::set<std::string>{"elf operates_in eastvale operates_in.name",
                                   "nim operates_in norland operates_in.name"}));
  EXPECT_TRUE(read("The Red Hand Front Youth met the Centre for Norland Studies.").empty());
  // A name the text breaks with a sentence's end says nothing (the span
  // would leave the sentence).
  Reading broken = ReadText(names, "Who met Norland? Embassy in Eastvale staff.", {});
  ASSERT_TRUE(std::any_of(broken.mentions.begin(), broken.mentions.end(),
                          [](const Mention& m) { return m.entity == "embassy"; }));
  for (const auto& p : broken.proposals) EXPECT_EQ(p.rule.find(".name"), std::string::npos) << p.rule;
  // Once per pair, at the first mention; the span is the name.
  Reading r = ReadText(names, "The Norland government fell. The Norland government rose.", {});
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].start, 4);
  EXPECT_EQ(r.proposals[0].end, 22);
  EXPECT_EQ(r.proposals[0].digest, Digest("Norland government"));
}

TEST(RulesTest, AnApostropheClosingANameIsItsPossessive) {
  // As in "CBS News' Tucker Reals" (the made-up names end otherwise).
  Reading r = Read("The Red Hand Front\u2019 Omar Dalil spoke.");
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].rule, "member_of.possessive_name");
  // Not a quotation mark after a name.
  EXPECT_TRUE(Read("They said 'Red Hand Front' Omar Dalil spoke.").proposals.empty());
}

TEST(RulesTest, RelativePronounsCarryTheirAntecedent) {
  // "which" refers back to the Red Hand Front: participant.claimed applies.
  Reading r = Read("The Red Hand Front, which claimed responsibility, grew.");
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].subject, "red-hand");
  EXPECT_EQ(r.proposals[0].rule, "participant.claimed");
}

TEST(RulesTest, StanceAndParty) {
  Reading r = Read("Omar Dalil denied that Norland funded the Red Hand Front.");
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].stance, "denies");
  EXPECT_EQ(r.proposals[0].party, "omar-dalil");
  r = Read("Norland never funded the Red Hand Front, said Omar Dalil.");
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].stance, "denies");
  r = Read("Norland funded the Red Hand Front in May 2019, said Omar Dalil.");
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].stance, "reports");
  EXPECT_EQ(r.proposals[0].party, "omar-dalil");
  EXPECT_EQ(r.proposals[0].time, "2019-05");
  r = Read("Omar Dalil, the leader of the Red Hand Front, said Norland funded it.");
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].rule, "leader_of.appositive");
  EXPECT_EQ(r.proposals[0].stance, "asserts");  // the source's words, not his
  EXPECT_EQ(r.proposals[0].party, "");
  r = Read("The Red Hand Front denied any involvement in the attack.");
  ASSERT_EQ(r.proposals.size(), 1u);
  EXPECT_EQ(r.proposals[0].stance, "denies");
  EXPECT_EQ(r.proposals[0].party, "red-hand");
}

}  // namespace
}  // namespace vigil::reading
