// The sentence-level patterns that turn mentions into claim proposals, as
// data: each rule is a pattern over a sentence's items (words, punctuation,
// numbers and entity mentions) and what a match proposes.
//
// Pattern language (one token per element, separated by spaces):
//   {A} {B} {P}        a resolved entity mention: A the subject, B the
//                      object, P the party asserting or denying;
//                      {A:person} or {B:place,state} restrict the entity kind;
//                      a demonym fills only P and slots listing "demonym"
//   word|other         one word (folded: lower case, no diacritics) of these
//   [son|brother]      the same, and the word becomes the proposal's role
//   ,                  a punctuation mark as written
//   NUM                a number of people (NumberMention)
//   ...                up to six words or marks, none of them a mention
//   x?                 any element followed by ? is optional
// "'s" after a mention is the word "s".
//
//   const RuleSet& rules = RuleSet::Default();
//   rules.rules().size();   // the table in rules.cc, checked by rules_test
#pragma once

#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "vigil/base/status.h"

namespace vigil::reading {

struct RuleSpec {
  const char* id;         // "leader_of.appositive"
  const char* kind;       // relation | participant | estimate | attribute
  const char* predicate;  // relation predicate, participant role, attribute key;
                          // estimates: "" (the number's quantity)
  const char* stance;     // asserts | denies
  const char* pattern;
  const char* value = "";  // attribute value when the pattern captures none
};

// The rule table (rules.cc).
std::span<const RuleSpec> DefaultRules();

struct PatternElement {
  enum class Type { kSlot, kWords, kPunctuation, kNumber, kGap };
  Type type = Type::kWords;
  char slot = 0;                      // 'A', 'B', 'P'
  std::vector<std::string> kinds;     // slot: allowed entity kinds (empty: any)
  bool demonym = false;               // slot: a demonym may fill it ({B:state,demonym})
  std::vector<std::u32string> words;  // kWords / kPunctuation alternatives
  bool capture = false;               // [..]: the word is the role
  bool optional = false;
};

struct Rule {
  RuleSpec spec;
  std::vector<PatternElement> elements;
  // Words one of which every match holds (to skip sentences), or empty.
  std::vector<std::u32string> anchors;
};

// Parses a pattern; InvalidArgument naming the element that is wrong.
StatusOr<std::vector<PatternElement>> ParsePattern(std::string_view pattern);

class RuleSet {
 public:
  // The default rules, parsed once (a bad rule in the table is a
  // programming error: rules_test parses every one).
  static const RuleSet& Default();
  static StatusOr<RuleSet> Parse(std::span<const RuleSpec> specs);
  const std::vector<Rule>& rules() const { return rules_; }
  // The rules one of whose anchors is word, and those without anchors: a
  // sentence need only try the rules its words select.
  const std::vector<size_t>* AnchoredBy(const std::u32string& word) const {
    auto it = anchored_.find(word);
    return it == anchored_.end() ? nullptr : &it->second;
  }
  const std::vector<size_t>& unanchored() const { return unanchored_; }

 private:
  std::vector<Rule> rules_;
  std::unordered_map<std::u32string, std::vector<size_t>> anchored_;
  std::vector<size_t> unanchored_;
};

}  // namespace vigil::reading
