// The rules of `vigil lint`, each on a record that breaks it and one that
// does not (engine/lint.h).
#include "vigil/engine/lint.h"

#include <gtest/gtest.h>

#include <set>

namespace vigil {
namespace {

store::EntityRefRecord LintRef(const std::string& id, const std::string& kind = "organization") {
  return {0, id, id, kind};
}

store::LifespanBoundRecord LintBound(const std::string& bound, const std::string& date) {
  store::LifespanBoundRecord b;
  b.bound = bound;
  b.date = date;
  return b;
}

store::RelationRecord LintRelation(std::optional<std::string> from, std::optional<std::string> to,
                                   std::optional<std::string> role = std::nullopt) {
  store::RelationRecord r;
  r.subject = LintRef("isis-k");
  r.object = LintRef("khalis", "person");
  r.predicate = "allied_with";
  r.from = std::move(from);
  r.to = std::move(to);
  r.role = std::move(role);
  r.file = "data/relations.yaml";
  r.line = 12;
  return r;
}

// The rules that fired, in order.
std::vector<std::string> LintRulesOf(const std::vector<LintFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule + "@" + f.field);
  return out;
}

using LintRuleNames = std::vector<std::string>;

const std::vector<store::LifespanBoundRecord> kFounded2015 = {LintBound("start", "2015-01")};
const std::vector<store::LifespanBoundRecord> kDied2006 = {LintBound("end", "2006-07")};
const std::vector<store::LifespanBoundRecord> kNoLifespan = {};

TEST(LintTest, RelationBeforeStart) {
  auto found = lint::CheckRelation(LintRelation("2012", "2014"), kFounded2015, kNoLifespan);
  EXPECT_EQ(LintRulesOf(found), (LintRuleNames{"relation_before_start@from"}));
  EXPECT_EQ(found[0].file, "data/relations.yaml");
  EXPECT_EQ(found[0].line, 12);
  EXPECT_EQ(found[0].severity, LintSeverity::kError);
  EXPECT_EQ(found[0].fact, "relation isis-k allied_with khalis");
  EXPECT_EQ(found[0].message, "from 2012 is before isis-k began (2015-01, founded)");
  // Within the lifespan, or possibly so (~2014 may be 2015), it is fine.
  EXPECT_TRUE(lint::CheckRelation(LintRelation("2016", "2018"), kFounded2015, kNoLifespan).empty());
  EXPECT_TRUE(lint::CheckRelation(LintRelation("~2014", "2018"), kFounded2015, kNoLifespan).empty());
}

TEST(LintTest, RelationAfterEnd) {
  auto found = lint::CheckRelation(LintRelation("2001", "2020"), kNoLifespan, kDied2006);
  EXPECT_EQ(LintRulesOf(found), (LintRuleNames{"relation_after_end@to"}));
  EXPECT_EQ(found[0].message, "to 2020 is after khalis ended (2006-07, died)");
  EXPECT_TRUE(lint::CheckRelation(LintRelation("2001", "2006-07"), kNoLifespan, kDied2006).empty());
}

TEST(LintTest, RelationUndatedWithinLifespan) {
  auto found = lint::CheckRelation(LintRelation(std::nullopt, std::nullopt), kFounded2015, kDied2006);
  EXPECT_EQ(LintRulesOf(found), (LintRuleNames{"relation_undated_within_lifespan@from",
                                   "relation_undated_within_lifespan@to"}));
  EXPECT_EQ(found[0].severity, LintSeverity::kWarning);
  EXPECT_TRUE(
      lint::CheckRelation(LintRelation(std::nullopt, std::nullopt), kNoLifespan, kNoLifespan)
          .empty());
}

TEST(LintTest, FormerRoleOpen) {
  auto found = lint::CheckRelation(LintRelation("2001", std::nullopt, "Navy diver (former)"),
                                   kNoLifespan, kNoLifespan);
  EXPECT_EQ(LintRulesOf(found), (LintRuleNames{"former_role_open@role"}));
  EXPECT_EQ(found[0].severity, LintSeverity::kError);
  EXPECT_EQ(LintRulesOf(lint::CheckRelation(LintRelation("2001", std::nullopt, "ex-commander"),
                                        kNoLifespan, kNoLifespan)),
            (LintRuleNames{"former_role_open@role"}));
  // Ended, or not former ("formerly" is; "performer" is not).
  EXPECT_TRUE(lint::CheckRelation(LintRelation("2001", "2010", "Navy diver (former)"),
                                  kNoLifespan, kNoLifespan)
                  .empty());
  EXPECT_TRUE(lint::CheckRelation(LintRelation("2001", std::nullopt, "performer"), kNoLifespan,
                                  kNoLifespan)
                  .empty());
}

store::LintClaimRecord LintClaim(std::string passage, bool party, std::string stance = "asserts",
                                 double confidence = 0.9) {
  store::LintClaimRecord c;
  c.fact_type = "relation";
  c.fact = "relation a supports b";
  c.file = "data/relations.yaml";
  c.line = 40;
  c.position = 1;
  c.passage = std::move(passage);
  c.has_party = party;
  c.stance = std::move(stance);
  c.confidence = confidence;
  return c;
}

TEST(LintTest, QuoteWithoutSpeaker) {
  for (const char* passage : {"He said the group was spent.", "According to the UN, it grew.",
                              "It has “lacked the capability” to strike."}) {
    auto found = lint::CheckClaim(LintClaim(passage, false));
    EXPECT_EQ(LintRulesOf(found), (LintRuleNames{"quote_without_speaker@claims[1].party"})) << passage;
  }
  EXPECT_TRUE(lint::CheckClaim(LintClaim("He said the group was spent.", true)).empty());
  EXPECT_TRUE(lint::CheckClaim(LintClaim("The group's fighters left.", false)).empty());
  // "saidi" is not "said"; an entity's introduction is not checked.
  EXPECT_TRUE(lint::CheckClaim(LintClaim("Saidi left.", false)).empty());
  auto entity = LintClaim("He said so.", false);
  entity.fact_type = "entity";
  EXPECT_TRUE(lint::CheckClaim(entity).empty());
}

TEST(LintTest, QuotedTermsAndWarningsThatAreTheFactAreNotQuotations) {
  // One or two words in quotation marks are a term the writer marks, not
  // a statement quoted; three or more are a quotation.
  for (const char* passage : {"It sought what it calls \u201cstrategic depth\u201d in Kabul.",
                              "a \"pure Islamic\" country", "a \u201cpost-NATO\u201d Afghanistan"})
    EXPECT_TRUE(lint::CheckClaim(LintClaim(passage, false)).empty()) << passage;
  for (const char* passage : {"It said \"we will stay here\" to them.",
                              "the threat \u201cappears more focused on the internal",
                              "on the internal threat.\u201d The group"})
    EXPECT_EQ(LintRulesOf(lint::CheckClaim(LintClaim(passage, false))),
              (LintRuleNames{"quote_without_speaker@claims[1].party"}))
        << passage;
  // A warning is what an intelligence-sharing relation or a warning event
  // states; elsewhere it reports someone's words.
  auto sharing = LintClaim("Moscow warned Washington about the brothers.", false);
  EXPECT_EQ(LintRulesOf(lint::CheckClaim(sharing)),
            (LintRuleNames{"quote_without_speaker@claims[1].party"}));
  sharing.kind = "shares_intelligence_with";
  EXPECT_TRUE(lint::CheckClaim(sharing).empty());
  sharing.kind = "warning";
  sharing.fact_type = "event";
  EXPECT_TRUE(lint::CheckClaim(sharing).empty());
}

TEST(LintTest, HedgedHighConfidence) {
  auto found = lint::CheckClaim(LintClaim("Russia may have armed them.", true));
  EXPECT_EQ(LintRulesOf(found), (LintRuleNames{"hedged_high_confidence@claims[1].confidence"}));
  EXPECT_TRUE(lint::CheckClaim(LintClaim("Russia may have armed them.", true, "asserts", 0.5))
                  .empty());
  EXPECT_TRUE(lint::CheckClaim(LintClaim("Russia armed them.", true)).empty());
}

TEST(LintTest, StanceContradictsPassage) {
  EXPECT_EQ(LintRulesOf(lint::CheckClaim(LintClaim("Russia armed them.", true, "denies"))),
            (LintRuleNames{"stance_contradicts_passage@claims[1].stance"}));
  EXPECT_EQ(LintRulesOf(lint::CheckClaim(LintClaim("Kyiv calls the claims baseless.", true))),
            (LintRuleNames{"stance_contradicts_passage@claims[1].stance"}));
  EXPECT_TRUE(lint::CheckClaim(LintClaim("Moscow denied arming them.", true, "denies")).empty());
  EXPECT_TRUE(lint::CheckClaim(LintClaim("Russia armed them.", true)).empty());
}

TEST(LintTest, DeceasedWithoutLifespan) {
  store::LintEntityRecord e;
  e.entity = LintRef("kgb");
  e.attributes = {{"status", "defunct"}};
  e.file = "data/states.yaml";
  e.line = 488;
  auto found = lint::CheckEntity(e);
  EXPECT_EQ(LintRulesOf(found), (LintRuleNames{"deceased_without_lifespan@lifespan.end"}));
  EXPECT_EQ(found[0].line, 488);
  e.lifespan = {LintBound("end", "1991-12")};
  EXPECT_TRUE(lint::CheckEntity(e).empty());
}

TEST(LintTest, EveryRuleIsListedOnce) {
  std::set<std::string_view> names;
  for (const auto& rule : LintRules()) EXPECT_TRUE(names.insert(rule.name).second) << rule.name;
  EXPECT_EQ(names.size(), 8u);
}

}  // namespace
}  // namespace vigil
