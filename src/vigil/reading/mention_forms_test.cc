// Tests of the ways a text names an entity besides its names: country
// adjectives and demonyms, initialisms with stops, coordinated modifiers,
// names nested in longer names, and coreference (descriptions and
// pronouns). Every sentence is made up for the test.
#include <gtest/gtest.h>

#include <set>

#include "vigil/reading/country_forms.h"
#include "vigil/reading/reader.h"

namespace vigil::reading {
namespace {

const NameDictionary& FormsTestNames() {
  static const NameDictionary names({
      {"finland", "state", "Finland", "primary", ""},
      {"red-hand", "organization", "Red Hand Front", "primary", ""},
      {"red-hand", "organization", "Northern Red Hand Front", "alias", ""},
      {"south-red", "organization", "Southern Red Hand Front", "primary", ""},
      {"dalil-network", "organization", "Dalil network", "primary", ""},
      {"blue-river", "organization", "Blue River Movement", "primary", ""},
      {"north-union", "organization", "Northern Union", "primary", ""},
      {"north-union", "organization", "N.U.", "weak_alias", ""},
      {"north-union", "organization", "Northies", "weak_alias", ""},
      {"omar-dalil", "person", "Omar Dalil", "primary", ""},
      {"eastvale", "place", "Eastvale", "primary", ""},
      {"embassy", "government_body", "Finnish Embassy in Eastvale", "primary", ""},
  });
  return names;
}

Reading ReadForms(std::string_view text) { return ReadText(FormsTestNames(), text, {}); }

const Mention* MentionWithText(const Reading& r, std::string_view text) {
  for (const auto& m : r.mentions)
    if (m.text == text) return &m;
  return nullptr;
}

TEST(CountryFormsTest, TableFormsAreUniqueAndNonEmpty) {
  std::set<std::string> forms;
  for (const CountryForms& c : CountryFormTable()) {
    std::string_view all = c.forms;
    ASSERT_FALSE(all.empty()) << c.names;
    for (size_t at = 0; at <= all.size();) {
      size_t bar = std::min(all.find('|', at), all.size());
      std::string form(all.substr(at, bar - at));
      EXPECT_FALSE(form.empty()) << c.names;
      EXPECT_TRUE(forms.insert(form).second) << form;
      at = bar + 1;
    }
  }
}

TEST(MentionFormsTest, DemonymsNameTheirState) {
  Reading r = ReadForms("Finnish officials met Finns in the capital.");
  ASSERT_EQ(r.mentions.size(), 2u);
  EXPECT_EQ(r.mentions[0].entity, "finland");
  EXPECT_EQ(r.mentions[0].via, "demonym");
  EXPECT_LT(r.mentions[0].confidence, 1.0);
  EXPECT_EQ(r.mentions[1].text, "Finns");
  // A demonym is no place: it does not make a place mention.
  EXPECT_TRUE(r.places.empty());
}

TEST(CountryFormsTest, EverySeatOfGovernmentBelongsToACountryOfTheFormTable) {
  std::set<std::string> countries, seats;
  for (const CountryForms& c : CountryFormTable()) {
    std::string_view all = c.names;
    countries.insert(std::string(all.substr(0, all.find('|'))));
  }
  for (const CountryForms& c : SeatOfGovernmentTable()) {
    EXPECT_TRUE(countries.count(c.names)) << c.names;
    EXPECT_TRUE(seats.insert(c.forms).second) << c.forms;
  }
}

TEST(MentionFormsTest, ASeatOfGovernmentNamesItsStateAsAnActor) {
  Reading r = ReadForms("Helsinki warned the Red Hand Front, and the Front answered Helsinki.");
  std::vector<const Mention*> seats;
  for (const auto& m : r.mentions)
    if (m.text == "Helsinki") seats.push_back(&m);
  ASSERT_EQ(seats.size(), 2u);
  EXPECT_EQ(seats[0]->entity, "finland");
  EXPECT_EQ(seats[0]->via, "seat");
  EXPECT_LT(seats[0]->confidence, 1.0);
  EXPECT_EQ(seats[0]->reason, "seat of government of finland");
}

TEST(MentionFormsTest, ASeatOfGovernmentAsAPlaceOrInsideANameIsNoMention) {
  // After a locative (with or without "the") it is where something is; before
  // a capitalised word it starts another name.
  for (std::string_view text : {"Talks were held in Helsinki.", "He flew to the Helsinki suburbs.",
                                "The Helsinki Times reported it."})
    EXPECT_EQ(MentionWithText(ReadForms(text), "Helsinki"), nullptr) << text;
}

TEST(MentionFormsTest, ACapitalInTheKnowledgeBaseIsThePlaceOrTheStateByContext) {
  NameDictionary names({{"finland", "state", "Finland", "primary", ""},
                        {"helsinki", "place", "Helsinki", "primary", ""},
                        {"kremlin-like", "government_body", "Kremlin", "primary", ""}});
  Reading actor = ReadText(names, "Helsinki warned them.", {});
  ASSERT_EQ(actor.mentions.size(), 1u);
  EXPECT_EQ(actor.mentions[0].entity, "finland");
  EXPECT_EQ(actor.mentions[0].via, "seat");
  Reading place = ReadText(names, "They met in Helsinki.", {});
  ASSERT_EQ(place.mentions.size(), 1u);
  EXPECT_EQ(place.mentions[0].entity, "helsinki");
  EXPECT_EQ(place.mentions[0].via, "name");
  // An entity other than a place keeps its name: no seat is made of it.
  NameDictionary body({{"russia", "state", "Russia", "primary", ""},
                       {"kremlin", "government_body", "Kremlin", "primary", ""}});
  Reading r = ReadText(body, "The Kremlin said so.", {});
  ASSERT_EQ(r.mentions.size(), 1u);
  EXPECT_EQ(r.mentions[0].entity, "kremlin");
}

TEST(MentionFormsTest, InitialismsWithStopsStandAlone) {
  // "N.U." is a weak alias, but the initials of "Northern Union": a mention
  // without the full name; "Northies" still needs the full name.
  EXPECT_TRUE(ReadForms("The Northies came.").mentions.empty());
  Reading r = ReadForms("The N.U. grew.");
  ASSERT_EQ(r.mentions.size(), 1u);
  EXPECT_EQ(r.mentions[0].entity, "north-union");
  EXPECT_EQ(r.mentions[0].text, "N.U");
  // Written otherwise ("n.u.", "NU") it is no mention.
  EXPECT_TRUE(ReadForms("See n.u. and NU here.").mentions.empty());
}

TEST(MentionFormsTest, CoordinatedModifiersShareTheHead) {
  Reading r = ReadForms("The Northern and Southern Red Hand Front split.");
  ASSERT_EQ(r.mentions.size(), 2u);
  EXPECT_EQ(r.mentions[0].text, "Northern");
  EXPECT_EQ(r.mentions[0].entity, "red-hand");
  EXPECT_EQ(r.mentions[0].via, "coordination");
  EXPECT_EQ(r.mentions[1].entity, "south-red");
  // No name "Western Red Hand Front": nothing for "Western".
  r = ReadForms("The Western and Southern Red Hand Front split.");
  ASSERT_EQ(r.mentions.size(), 1u);
  EXPECT_EQ(r.mentions[0].entity, "south-red");
}

TEST(MentionFormsTest, PossessiveAfterAnOrganisationsFirstWord) {
  Reading r = ReadForms("Dalil's network grew.");
  ASSERT_EQ(r.mentions.size(), 1u);
  EXPECT_EQ(r.mentions[0].entity, "dalil-network");
  EXPECT_EQ(r.mentions[0].text, "Dalil's network");
  // Not for people.
  EXPECT_TRUE(ReadForms("Omar's Dalil left.").mentions.empty());
}

TEST(MentionFormsTest, NamesInsideLongerNamesAreNested) {
  Reading r = ReadForms("Guards at the Finnish Embassy in Eastvale left.");
  ASSERT_EQ(r.mentions.size(), 3u);
  EXPECT_EQ(r.mentions[0].entity, "embassy");
  EXPECT_FALSE(r.mentions[0].nested);
  EXPECT_EQ(r.mentions[1].entity, "finland");
  EXPECT_TRUE(r.mentions[1].nested);
  EXPECT_EQ(r.mentions[2].entity, "eastvale");
  EXPECT_TRUE(r.mentions[2].nested);
}

TEST(CoreferenceTest, DescriptionsAndPronounsReferBack) {
  Reading r = ReadForms(
      "The Blue River Movement grew. The group then lost its leader. Omar Dalil said he left.");
  const Mention* group = MentionWithText(r, "The group");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->entity, "blue-river");
  EXPECT_EQ(group->via, "coreference");
  EXPECT_EQ(group->antecedent_start, 4);
  EXPECT_EQ(group->antecedent_end, 23);
  EXPECT_LT(group->confidence, 1.0);
  const Mention* its = MentionWithText(r, "its");
  ASSERT_NE(its, nullptr);
  EXPECT_EQ(its->entity, "blue-river");  // through "The group"
  const Mention* he = MentionWithText(r, "he");
  ASSERT_NE(he, nullptr);
  EXPECT_EQ(he->entity, "omar-dalil");
}

TEST(CoreferenceTest, KindsWindowsAndNounsDecide) {
  // "the network" prefers the entity whose name holds "network".
  Reading r = ReadForms("The Dalil network met the Blue River Movement. The network left.");
  const Mention* network = MentionWithText(r, "The network");
  ASSERT_NE(network, nullptr);
  EXPECT_EQ(network->entity, "dalil-network");
  // "he" needs a person; "it is" is impersonal; nothing to refer to.
  r = ReadForms("The Blue River Movement grew. He left. It is late.");
  EXPECT_EQ(MentionWithText(r, "He"), nullptr);
  EXPECT_EQ(MentionWithText(r, "It"), nullptr);
  // Pronouns reach one sentence back, no further.
  r = ReadForms("The Blue River Movement grew. Rain fell. Snow fell. Its men left.");
  EXPECT_EQ(MentionWithText(r, "Its"), nullptr);
  // The subject of the sentence before is the antecedent.
  r = ReadForms("The Blue River Movement fought the Red Hand Front. It won.");
  const Mention* it = MentionWithText(r, "It");
  ASSERT_NE(it, nullptr);
  EXPECT_EQ(it->entity, "blue-river");
  // A subject pronoun opening a clause continues the sentence's subject.
  r = ReadForms("The Blue River Movement fought the Red Hand Front, and it won.");
  it = MentionWithText(r, "it");
  ASSERT_NE(it, nullptr);
  EXPECT_EQ(it->entity, "blue-river");
  // Demonyms and places are never antecedents.
  r = ReadForms("Finnish troops reached Eastvale. It was calm. They left.");
  EXPECT_EQ(MentionWithText(r, "They"), nullptr);
}

TEST(CoreferenceTest, RelativePronounsReferToTheNearestMention) {
  Reading r = ReadForms("Omar Dalil, a former fighter who joined the Red Hand Front, left.");
  const Mention* who = MentionWithText(r, "who");
  ASSERT_NE(who, nullptr);
  EXPECT_EQ(who->entity, "omar-dalil");
  bool joined = false;
  for (const auto& p : r.proposals)
    joined = joined || (p.subject == "omar-dalil" && p.predicate == "member_of");
  EXPECT_TRUE(joined);
  // "which" needs an organisation, a state or a body; too far, nothing.
  r = ReadForms("Omar Dalil met many people in the long dark winter months which passed.");
  EXPECT_EQ(MentionWithText(r, "which"), nullptr);
}

TEST(CoreferenceTest, ReferencesFillRuleSlots) {
  Reading r = ReadForms("The Blue River Movement grew. The group claimed responsibility for the attack.");
  bool claimed = false;
  for (const auto& p : r.proposals)
    claimed = claimed || (p.subject == "blue-river" && p.predicate == "claimed");
  EXPECT_TRUE(claimed);
}

}  // namespace
}  // namespace vigil::reading
