// The rule table and its pattern parser. Rules are written for English
// news and analysis prose in general, never for one article's sentences;
// every rule has a positive and a negative sentence in rules_test.cc.
#include "vigil/reading/rules.h"

#include <fmt/format.h>

#include <algorithm>

#include "vigil/reading/text_index.h"

namespace vigil::reading {
namespace {

#define LEAD "leader|chief|head|emir|amir|commander|boss|chairman"
#define ADJ "deputy|supreme|top|senior|former|new|overall|military|political|spiritual|longtime|current|late|de|facto|acting"
#define DET "the|a|an|its|their|his|her"
#define BE "is|was|are|were|has|have|had|been|be|remains|remained"
#define PEOPLE "fighters|members|militants|recruits|operatives|troops|soldiers|men|followers|jihadists"
#define POST "envoy|ambassador|minister|official|officer|spokesman|spokesperson|director|adviser|" \
    "advisor|secretary|general|representative|diplomat|" \
    "negotiator|deputy|governor|agent|analyst|fellow|expert|researcher|scholar|contributor|" \
    "correspondent|reporter|editor|professor|member"
#define ATTACK "attack|attacks|bombing|bombings|assault|assaults|raid|raids|massacre|strike|" \
    "strikes|ambush|offensive|killing|killings|shooting|operation|operations"

constexpr RuleSpec kRules[] = {
    // leader_of
    {"leader_of.appositive", "relation", "leader_of", "asserts",
     "{A:person} , " DET "? " ADJ "? " ADJ "? [" LEAD "] of|for " DET "? {B}"},
    {"leader_of.title", "relation", "leader_of", "asserts",
     "{B} s? " ADJ "? " ADJ "? [" LEAD "] ,? {A:person}"},
    {"leader_of.verb", "relation", "leader_of", "asserts",
     "{A:person} leads|led|heads|headed|commands|commanded|runs|ran|leading|heading " DET "? {B}"},
    {"leader_of.passive", "relation", "leader_of", "asserts",
     "{B} ,|" BE "? " BE "? now|still? led|headed|commanded|run by {A:person}"},
    {"leader_of.became", "relation", "leader_of", "asserts",
     "{A:person} became|becomes|succeeded|took ... [" LEAD "|helm|leadership] of " DET "? {B}"},
    // founded
    {"founded.verb", "relation", "founded", "asserts",
     "{A} founded|established|created|formed|launched|set " DET "|up? {B}"},
    {"founded.passive", "relation", "founded", "asserts",
     "{B} ,|" BE "? " BE "? founded|established|created|formed|launched|set ... by {A}"},
    {"founded.appositive", "relation", "founded", "asserts",
     "{A:person} , " DET "? co? founder|founders of " DET "? {B}"},
    {"founded.title", "relation", "founded", "asserts", "{B} s? founder|co ,? {A:person}"},
    // member_of
    {"member_of.appositive", "relation", "member_of", "asserts",
     "{A:person} , " DET "? " ADJ "? " ADJ "? [member|commander|fighter|militant|operative|official|"
     "spokesman|spokesperson|ideologue|figure|envoy|negotiator|alumnus|veteran] of|in|for|with " DET "? "
     "{B}"},
    {"member_of.title", "relation", "member_of", "asserts",
     "{B} s? " ADJ "? [spokesman|spokesperson|commander|official|envoy|negotiator|ideologue|"
     "operative|fighter|militant|reporter|correspondent|editor|analyst|researcher|member] ,? "
     "{A:person}"},
    {"member_of.joined", "relation", "member_of", "asserts",
     "{A} " BE "? joined|joins|rejoined|joining|pledged ... allegiance? to? " DET "? {B}"},
    {"member_of.copula", "relation", "member_of", "asserts",
     "{A} " BE " " DET "? " ADJ "? member|members|part of " DET "? {B}"},
    // faction_of, affiliate_of, part_of, split_from
    {"faction_of.appositive", "relation", "faction_of", "asserts",
     "{A} ,|" BE " " DET "? ... faction|wing|arm of " DET "? {B}"},
    {"faction_of.title", "relation", "faction_of", "asserts", "{B} s? faction|wing , the|a|an? {A}"},
    {"faction_of.within", "relation", "faction_of", "asserts",
     "{A:organization} " BE "|became|becomes|remains|remained " DET "? ... entity|faction|wing|unit|"
     "network|bloc|current within|inside " DET "? {B:organization}"},
    {"affiliate_of.appositive", "relation", "affiliate_of", "asserts",
     "{A} ,|" BE " " DET "? ... affiliate|branch|franchise|offshoot|chapter|province of " DET "? {B}"},
    {"affiliate_of.title", "relation", "affiliate_of", "asserts",
     "{B} s? ... affiliate|branch|franchise|offshoot|chapter ,|known|called? as? the|a|an? {A}"},
    {"split_from.verb", "relation", "split_from", "asserts",
     "{A} split|splintered|broke|defected|breaking|splitting|emerged away|off? from " DET "? {B}"},
    {"part_of.appositive", "relation", "part_of", "asserts",
     "{A} ,|" BE " " DET "? part of " DET "? {B}"},
    // a state's office or agency: "Norland's interior ministry", "the
    // Norlandic security service" (a government leads its state instead)
    {"part_of.possessive", "relation", "part_of", "asserts", "{B:state} s {A:government_body}"},
    {"part_of.modifier", "relation", "part_of", "asserts", "{B:state,demonym} {A:government_body}"},
    // allied_with
    {"allied_with.verb", "relation", "allied_with", "asserts",
     "{A} " BE "? closely? allied|aligned|partnered|cooperated|cooperates|cooperating|collaborated|"
     "works|worked|working with " DET "? {B}"},
    {"allied_with.linked", "relation", "allied_with", "asserts",
     "{A} ,? which|who? " BE " closely|deeply|tightly|intimately? linked|tied|connected|close "
     "to|with " DET "? {B}"},
    {"allied_with.between", "relation", "allied_with", "asserts",
     "alliance|partnership|cooperation|collaboration between " DET "? {A} and|, " DET "? {B}"},
    {"allied_with.noun", "relation", "allied_with", "asserts",
     "{A} s? " ADJ "? ally|allies|partner|partners ,? the|a|an? {B}"},
    {"allied_with.copula", "relation", "allied_with", "asserts",
     "{A} and " DET "? {B} " BE " " ADJ "? close? allies|partners"},
    {"allied_with.ties", "relation", "allied_with", "asserts",
     "{A} leaders|officials|commanders|elements|members? s|has|have|had|maintain|maintains|maintained|"
     "keep|keeps|kept|retain|retains|retained? close|longstanding|deep|strong|historic? ties|links|"
     "relationship|relations|connections with|to " DET "? {B}"},
    {"allied_with.aide", "relation", "allied_with", "asserts",
     "{A:person} " BE "|became|becomes|served|serves|acted|acts as? " DET "? close|trusted|longtime? "
     "right - hand man|aide|confidant|lieutenant|ally to|of {B:person}"},
    {"allied_with.joint", "relation", "allied_with", "asserts",
     "{A:organization} and " DET "? {B:organization} joint? attack|bombing|assault|raid|massacre|ambush|"
     "offensive|operation|plot on|against|in|at|near|that|which|killed"},
    // hostile_to
    {"hostile_to.verb", "relation", "hostile_to", "asserts",
     "{A} " BE "? fought|fights|fighting|fight|battled|battles|attack|attacked|attacks|attacking|clashed|"
     "struck|strikes|bombed|bombs|raided|ambushed|invaded|invades|shelled|combat|combats|combating|"
     "combatting|countering|counters|"
     "clashes|targeted|targets|targeting|opposes|opposed|opposing|oppose|confronted|confronting "
     "against|with? "
     DET "? {B}"},
    {"hostile_to.between", "relation", "hostile_to", "asserts",
     "war|fighting|clashes|rivalry|hostility|conflict|feud between " DET "? {A} and|, " DET "? {B}"},
    {"hostile_to.noun", "relation", "hostile_to", "asserts",
     "{A} s? " ADJ "? rival|rivals|enemy|enemies|foe|foes|adversary ,? the|a|an? {B}"},
    {"hostile_to.war", "relation", "hostile_to", "asserts",
     "{A} " BE " at war with " DET "? {B}"},
    // supports, funds, arms, shelters
    {"supports.verb", "relation", "supports", "asserts",
     "{A} " BE "? supports|supported|backs|backed|aided|aids|helped|helps|assisted|assists|"
     "sponsored|sponsors|supporting|backing|bolsters|bolstered|bolstering|propped|props " DET "? "
     "{B}"},
    {"supports.passive", "relation", "supports", "asserts",
     "{B} ,|" BE "? " BE "? supported|backed|aided|sponsored|assisted by " DET "? {A}"},
    {"supports.noun", "relation", "supports", "asserts",
     "{A} s? support|backing|assistance|aid|patronage for|to|of " DET "? {B}"},
    {"supports.from", "relation", "supports", "asserts",
     "support|backing|assistance|aid for|to " DET "? {B} from " DET "? {A}"},
    {"funds.verb", "relation", "funds", "asserts",
     "{A} " BE "? funds|funded|financed|finances|bankrolled|bankrolls|funding|financing " DET "? {B}"},
    {"funds.passive", "relation", "funds", "asserts",
     "{B} ,|" BE "? " BE "? funded|financed|bankrolled|paid by " DET "? {A}"},
    {"funds.gave", "relation", "funds", "asserts",
     "{A} provided|provides|gave|gives|sent|sends|offered|paid|transferred ... money|funds|"
     "funding|cash|financing|millions|payments to|for " DET "? {B}"},
    {"arms.verb", "relation", "arms", "asserts",
     "{A} " BE "? armed|arms|arming|equipped " DET "? {B}"},
    {"arms.gave", "relation", "arms", "asserts",
     "{A} provided|provides|supplied|supplies|gave|gives|sent|sends|delivered|supplying|feeds|fed|"
     "funnels|funneled|funnelled|channels|channeled|passes|passed ... "
     "weapons|arms|rifles|guns|ammunition|explosives|missiles|hardware to|for " DET "? {B}"},
    {"arms.with", "relation", "arms", "asserts",
     "{A} provided|provides|supplied|supplies|equipped " DET "? {B} with ... weapons|arms|rifles|"
     "guns|ammunition|explosives|missiles"},
    {"shelters.verb", "relation", "shelters", "asserts",
     "{A} " BE "? sheltered|shelters|sheltering|harbored|harboured|harbors|harbours|harboring|"
     "harbouring|hosted|hosts|hosting|protected|protects|protecting|shielded " DET "? {B}"},
    {"shelters.passive", "relation", "shelters", "asserts",
     "{B} ,|" BE "? " BE "? sheltered|harbored|harboured|hosted|protected|shielded by " DET "? {A}"},
    {"shelters.haven", "relation", "shelters", "asserts",
     "{A} provided|provides|offered|offers|gave|gives|giving|providing|offering safe? "
     "haven|havens|sanctuary|refuge|shelter to|for " DET "? {B}"},
    // negotiates_with, shares_intelligence_with, recruits_from, designates, operates_in
    {"negotiates_with.verb", "relation", "negotiates_with", "asserts",
     "{A} " BE "? negotiated|negotiates|negotiating|talked|met|meets|meeting|engaged with " DET "? {B}"},
    {"negotiates_with.talks", "relation", "negotiates_with", "asserts",
     "{A} " BE "? held|holds|hold|holding|opened|began|started|conducted talks|negotiations|"
     "contacts|meetings with " DET "? {B}"},
    {"negotiates_with.between", "relation", "negotiates_with", "asserts",
     "talks|negotiations|contacts|meetings|deal|agreement between " DET "? {A} and|, " DET "? {B}"},
    {"shares_intelligence_with.verb", "relation", "shares_intelligence_with", "asserts",
     "{A} shared|shares|sharing|passed|passes|provided|provides|gave ... intelligence|information "
     "with|to " DET "? {B}"},
    {"recruits_from.verb", "relation", "recruits_from", "asserts",
     "{A} " BE "? recruits|recruited|recruiting|draws|drew|drawn ... from|among " DET "? {B}"},
    {"recruits_from.nationals", "relation", "recruits_from", "asserts",
     "{A:organization} s " PEOPLE " are|were|include|included|including|mostly|largely|mainly ... "
     "{B:state,place,demonym} nationals|citizens|migrants|natives"},
    {"recruits_from.joined", "relation", "recruits_from", "asserts",
     PEOPLE "|volunteers|migrants from " DET "? {B:state,place} ... joined|join|joining|joins "
     DET "? ranks? of? " DET "? {A:organization}"},
    {"designates.verb", "relation", "designates", "asserts",
     "{A:state,government_body,organization} " BE "? designated|designates|blacklisted|"
     "blacklists|sanctioned|sanctions|listed " DET "? {B}"},
    {"designates.passive", "relation", "designates", "asserts",
     "{B} ,|" BE "? " BE "? designated|blacklisted|sanctioned|listed ... by " DET "? "
     "{A:state,government_body,organization}"},
    {"operates_in.verb", "relation", "operates_in", "asserts",
     "{A:organization,person} " BE "? operates|operating|operated|active|present|based|"
     "entrenched|thriving|resurgent in|across|throughout " DET "? {B:place,state}"},
    {"operates_in.locative", "relation", "operates_in", "asserts",
     "{A:organization,government_body} in|inside " DET "? {B:place,state}"},
    {"operates_in.presence", "relation", "operates_in", "asserts",
     "{A:organization} s? " ADJ "? presence|fighters|militants|cells|camps|bases|foothold|operations|"
     "bastions|bastion|strongholds|stronghold|hideouts|sanctuaries|safe|havens|territory|operatives|"
     "members|leaders|commanders|forces|units|ranks|branch|wing|chapter|activities "
     "in|across|inside " DET "? {B:place,state}"},
    // family_of
    {"family_of.appositive", "relation", "family_of", "asserts",
     "{A:person} , " DET "? eldest|younger|older|youngest? [son|father|brother|nephew|uncle|"
     "cousin|grandson|daughter|wife|brother-in-law] of {B:person}"},
    {"family_of.possessive", "relation", "family_of", "asserts",
     "{B:person} s eldest|younger|older|youngest? [son|father|brother|nephew|uncle|cousin|"
     "grandson|daughter|wife] ,? {A:person}"},
    // positions: "X, a former official of Y", "X, Y's envoy", "Y's X"
    {"holds_position_in.appositive", "relation", "holds_position_in", "asserts",
     "{A:person} , " DET "? " ADJ "? " ADJ "? ... [" POST "] ... of|for|at|with|in|to " DET "? "
     "{B:state,government_body}"},
    {"member_of.position", "relation", "member_of", "asserts",
     "{A:person} , " DET "? " ADJ "? " ADJ "? ... [" POST "] ... of|for|at|with|in " DET "? "
     "{B:organization}"},
    {"holds_position_in.possessive", "relation", "holds_position_in", "asserts",
     "{A:person} , " DET "? {B:state,government_body} s " ADJ "? " ADJ "? ... [" POST "]"},
    {"member_of.possessive", "relation", "member_of", "asserts",
     "{A:person} , " DET "? {B:organization} s " ADJ "? " ADJ "? ... [" POST "]"},
    {"member_of.possessive_name", "relation", "member_of", "asserts",
     "{B:organization} s {A:person}"},
    {"holds_position_in.title", "relation", "holds_position_in", "asserts",
     "{B:state,government_body} s? " ADJ "? " ADJ "? [" POST "] ,? {A:person}"},
    {"holds_position_in.copula", "relation", "holds_position_in", "asserts",
     "{A:person} ,? " BE " " DET "? " ADJ "? " ADJ "? [" POST "|head|chief|minister] of|for|at|in "
     DET "? ... {B:state,government_body}"},
    {"member_of.copula_post", "relation", "member_of", "asserts",
     "{A:person} " BE " " DET "? " ADJ "? " ADJ "? [" POST "] of|for|at|in|with " DET "? ... "
     "{B:organization}"},
    {"supports.patron", "relation", "supports", "asserts",
     "{A} ,|who|which? who|which? " BE " " DET "? " ADJ "? ... patron|patrons|sponsor|sponsors|"
     "backer|backers|supporter|supporters|benefactor|protector of " DET "? {B}"},
    {"shelters.host", "relation", "shelters", "asserts",
     "{A} " BE "|served|serves|acted|acts as? " DET "? ... host|hosts|haven|sanctuary|refuge to|for "
     DET "? {B}"},
    {"leader_of.head_of_state", "relation", "leader_of", "asserts",
     "{B:state,demonym} [president|premier|king|emir|chancellor|dictator] {A:person}"},
    {"hostile_to.efforts", "relation", "hostile_to", "asserts",
     "{A} s? " ADJ "? efforts|effort|campaign|fight|operations|bid|drive|struggle to combat|fight|"
     "defeat|counter|eliminate|crush|destroy|target|oust|topple " DET "? {B}"},
    {"shares_intelligence_with.agreement", "relation", "shares_intelligence_with", "asserts",
     "{A} " BE "? struck|signed|reached|concluded|agreed|made ... intelligence ... with " DET "? {B}"},
    {"shares_intelligence_with.with", "relation", "shares_intelligence_with", "asserts",
     "{A} provided|provides|gave|gives|passed|passes|supplied|supplies|furnished " DET "? {B} with ... "
     "intelligence|information|data|warnings|tips"},
    {"operates_in.bases", "relation", "operates_in", "asserts",
     "{A} " BE "? opened|established|set|built|maintains|maintained|keeps|kept|deployed|stationed "
     "up? ... bases|base|troops|forces|presence|camps|offices|cells in|across " DET "? "
     "{B:place,state}"},
    // compounds: "Norland-backed", "support from Norland"
    {"supports.compound", "relation", "supports", "asserts",
     "{A} .? - backed|supported|sponsored|aligned {B}"},
    {"funds.compound", "relation", "funds", "asserts", "{A} .? - funded|financed {B}"},
    {"arms.compound", "relation", "arms", "asserts", "{A} .? - armed|supplied|equipped {B}"},
    {"supports.received", "relation", "supports", "asserts",
     "{B} " BE "? gained|received|receives|receiving|gets|got|enjoyed|enjoys|sought|won|secured "
     "... support|backing|aid|assistance|help|protection|patronage from " DET "? {A}"},
    {"hostile_to.against", "relation", "hostile_to", "asserts",
     "{A} " BE "? launched|launches|waged|wages|waging|began|begun|started|leads|led|leading|"
     "spearheaded|spearheading|stepped|intensified|conducted|conducts|continued|continues|mounted|"
     "declared|pursued|pursues|fought|fights|go|went|took " DET "|up? ... offensive|campaign|war|"
     "fight|fighting|operations|strikes|crackdown|attacks|insurgency|jihad|struggle against|on "
     DET "? {B}"},
    {"hostile_to.appositive", "relation", "hostile_to", "asserts",
     "{A} , " DET "? {B} s " ADJ "? ... rival|rivals|enemy|enemies|foe|foes|adversary|nemesis"},
    {"allied_with.appositive", "relation", "allied_with", "asserts",
     "{A} , " DET "? {B} s " ADJ "? ... ally|allies|partner|partners"},
    // events: who carried out an attack
    {"participant.carried_out", "participant", "attributed", "asserts",
     "{A} " BE "? carried|conducted|launched|staged|mounted|perpetrated|committed out? " DET "? ... "
     ATTACK},
    {"participant.attack_by", "participant", "attributed", "asserts",
     ATTACK " carried|conducted|launched|staged|mounted|perpetrated? out? by " DET "? {A}"},
    {"participant.compound", "participant", "attributed", "asserts",
     "{A} - attributed|claimed|linked|led " ATTACK},
    {"participant.killed_by", "participant", "attributed", "asserts",
     "killed|assassinated|murdered|wounded by " DET "? {A}"},
    // events: who claimed, who is blamed, who denies
    {"participant.claimed", "participant", "claimed", "asserts",
     "{A} " BE "? quickly? claimed|claims|claiming|took|takes|accepted|claim responsibility|credit for?"},
    {"participant.claimed_passive", "participant", "claimed", "asserts",
     "responsibility|credit " BE "? claimed by " DET "? {A}"},
    {"participant.blamed", "participant", "attributed", "asserts",
     "{P} blamed|blames|accused|accuses|blaming|accusing " DET "? {A} for|of"},
    {"participant.blamed_on", "participant", "attributed", "asserts",
     "blamed|pinned on " DET "? {A}"},
    {"participant.accusations", "participant", "attributed", "asserts",
     "{P} hurls|hurled|hurling|levels|leveled|levelled|leveling|levelling|directs|directed|points|"
     "pointed|pointing ... accusations|blame|finger at|against " DET "? {A}"},
    {"participant.attributed_to", "participant", "attributed", "asserts",
     "attributed ... to " DET "? {A}"},
    {"participant.responsible", "participant", "attributed", "asserts",
     "{A} " BE " " BE "? responsible|blamed for"},
    {"participant.suspected", "participant", "suspected", "asserts",
     "suspicion|suspicions fell|fall|falls on " DET "? {A}"},
    {"participant.suspected_of", "participant", "suspected", "asserts",
     "{A} " BE " suspected|believed|thought of|to|behind"},
    {"participant.denied", "participant", "attributed", "denies",
     "{A} " BE "? denied|denies|deny|rejected|rejects any? involvement|responsibility|role|"
     "part|links"},
    // estimates: numbers of fighters or members
    {"estimate.has", "estimate", "", "asserts", "{A:organization} ... NUM"},
    {"estimate.of", "estimate", "", "asserts", "NUM of|from|in " DET "? {A:organization}"},
    {"estimate.adjective", "estimate", "", "asserts", "NUM {A:organization}"},
    // attributes
    {"attribute.status_killed", "attribute", "status", "asserts",
     "{A:person} " BE " " BE "? killed|assassinated|died|dead", "deceased"},
};

#undef LEAD
#undef ADJ
#undef DET
#undef BE
#undef PEOPLE
#undef POST
#undef ATTACK

std::vector<std::string> SplitOn(std::string_view text, char by) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(by, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

std::span<const RuleSpec> DefaultRules() { return kRules; }

StatusOr<std::vector<PatternElement>> ParsePattern(std::string_view pattern) {
  std::vector<PatternElement> elements;
  for (std::string token : SplitOn(pattern, ' ')) {
    if (token.empty()) continue;
    PatternElement e;
    if (token.size() > 1 && token.back() == '?') {
      e.optional = true;
      token.pop_back();
    }
    if (token == "...") {
      e.type = PatternElement::Type::kGap;
    } else if (token == "NUM") {
      e.type = PatternElement::Type::kNumber;
    } else if (token.front() == '{') {
      if (token.back() != '}' || token.size() < 3 ||
          (token[1] != 'A' && token[1] != 'B' && token[1] != 'P') ||
          (token.size() > 3 && token[2] != ':'))
        return absl::InvalidArgumentError(fmt::format("pattern: bad slot '{}'", token));
      e.type = PatternElement::Type::kSlot;
      e.slot = token[1];
      if (token.size() > 3) e.kinds = SplitOn(token.substr(3, token.size() - 4), ',');
    } else if (token.size() == 1 && !std::isalnum(static_cast<unsigned char>(token[0]))) {
      e.type = PatternElement::Type::kPunctuation;
      e.words.push_back(std::u32string(1, static_cast<char32_t>(token[0])));
    } else {
      if (token.front() == '[') {
        if (token.back() != ']')
          return absl::InvalidArgumentError(fmt::format("pattern: unclosed '[' in '{}'", token));
        e.capture = true;
        token = token.substr(1, token.size() - 2);
      }
      e.type = PatternElement::Type::kWords;
      for (const std::string& word : SplitOn(token, '|')) {
        if (word == ",") {
          e.words.push_back(U",");
          continue;
        }
        std::u32string folded = FoldName(word);
        if (folded.empty())
          return absl::InvalidArgumentError(fmt::format("pattern: empty word in '{}'", token));
        e.words.push_back(std::move(folded));
      }
    }
    elements.push_back(std::move(e));
  }
  if (elements.empty()) return absl::InvalidArgumentError("pattern: empty");
  // "demonym" among a slot's kinds lets a demonym fill it.
  for (PatternElement& e : elements) {
    auto demonym = std::find(e.kinds.begin(), e.kinds.end(), "demonym");
    if (demonym == e.kinds.end()) continue;
    e.demonym = true;
    e.kinds.erase(demonym);
  }
  return elements;
}

StatusOr<RuleSet> RuleSet::Parse(std::span<const RuleSpec> specs) {
  RuleSet set;
  for (const RuleSpec& spec : specs) {
    auto elements = ParsePattern(spec.pattern);
    if (!elements.ok())
      return absl::InvalidArgumentError(
          fmt::format("rule {}: {}", spec.id, std::string(elements.status().message())));
    Rule rule{spec, std::move(*elements), {}};
    for (const auto& e : rule.elements) {
      if (e.type == PatternElement::Type::kWords && !e.optional) {
        rule.anchors = e.words;
        break;
      }
    }
    size_t index = set.rules_.size();
    if (rule.anchors.empty()) set.unanchored_.push_back(index);
    for (const auto& word : rule.anchors) {
      auto& anchored = set.anchored_[word];
      if (anchored.empty() || anchored.back() != index) anchored.push_back(index);
    }
    set.rules_.push_back(std::move(rule));
  }
  return set;
}

const RuleSet& RuleSet::Default() {
  static const RuleSet* rules = [] {
    auto parsed = Parse(DefaultRules());
    return new RuleSet(parsed.ok() ? std::move(*parsed) : RuleSet());
  }();
  return *rules;
}

}  // namespace vigil::reading
