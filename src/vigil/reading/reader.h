// Reading an article against the knowledge base: the mentions of known
// entities, dates, places, numbers and speakers it holds, and the claims it
// proposes, each with the span of its passage and the rule that made it.
//
// The reader is a pure function of the text, the name dictionary and the
// options: it never touches the store. engine/reading (Engine::ReadArticle)
// stores its result as a source and a review queue.
//
//   NameDictionary names(entries);          // every name of every entity
//   Reading r = ReadText(names, text, {.published = date});
//   for (const Mention& m : r.mentions) ...  // m.entity, or m.candidates
//   for (const Proposal& p : r.proposals) ...
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/base/date.h"
#include "vigil/reading/name_automaton.h"
#include "vigil/reading/text_index.h"

namespace vigil::reading {

// One name of one entity, as the dictionary is built from the store.
struct DictionaryEntry {
  std::string entity;       // entity id
  std::string entity_kind;  // person | organization | government_body | state | place
  std::string text;         // the name as written
  std::string name_kind;    // primary | alias | weak_alias | original_script | transliteration;
                            // demonym, seat: added by the dictionary (country_forms.h)
  std::string script;       // ISO 15924 ("Latn", "Arab", "Cyrl"), detected when empty
};

// Names shorter than this many folded code points ("IS", "ISI", "TTP") only
// match written exactly as the dictionary spells them (case included);
// names of at most kConfirmLength need the entity named otherwise in the
// same text, as weak aliases do.
inline constexpr size_t kShortName = 4;
inline constexpr size_t kConfirmLength = 2;

// Every name folded into one automaton. Immutable once built: share it
// between threads. A state whose name is a country of CountryFormTable()
// also gets that country's adjectives and demonyms ("Russian", "Afghans")
// as names of kind "demonym", and its capitals and seats of government
// (SeatOfGovernmentTable: "Moscow", "White House") as names of kind "seat".
// A group the knowledge base holds as another's affiliate, faction or part
// operating in a place: what "the parent's <place> affiliate" describes.
struct Branch {
  std::string entity;  // the branch ("isis-k")
  std::string parent;  // affiliate_of, faction_of or part_of it ("islamic-state")
  std::string place;   // where it operates_in ("afghanistan")
};

class NameDictionary {
 public:
  explicit NameDictionary(std::vector<DictionaryEntry> entries, std::vector<Branch> branches = {});

  struct Pattern {
    std::u32string folded;
    std::vector<size_t> entries;  // indexes into entries()
  };
  const std::vector<DictionaryEntry>& entries() const { return entries_; }
  const std::vector<Pattern>& patterns() const { return patterns_; }
  const NameAutomaton& automaton() const { return *automaton_; }
  // The pattern of a folded name, or null.
  const Pattern* PatternOf(const std::u32string& folded) const;
  // The entity kind of an entity id ("" when unknown).
  const std::string& KindOf(const std::string& entity) const;
  // Whether entry i makes a mention only when its entity is named in the
  // same text otherwise: weak aliases, except initialisms of one of the
  // entity's other names written with their stops ("U.S." for "United
  // States"), and names of at most kConfirmLength folded code points.
  bool NeedsConfirmation(size_t i) const { return needs_confirmation_[i] != 0; }
  const std::vector<Branch>& branches() const { return branches_; }

 private:
  std::vector<DictionaryEntry> entries_;
  std::vector<Branch> branches_;
  std::vector<char> needs_confirmation_;
  std::vector<Pattern> patterns_;
  std::unordered_map<std::u32string, size_t> pattern_index_;
  std::unique_ptr<NameAutomaton> automaton_;
};

struct Candidate {
  std::string entity, entity_kind, name, name_kind;
};

// A passage naming a known entity. When several entities bear the name,
// candidates holds them all; entity is set only when the text decides
// (reason says how), and stays empty otherwise: never a silent guess.
struct Mention {
  int64_t start = 0, end = 0;  // code points
  std::string text;
  std::vector<Candidate> candidates;
  std::string entity;  // resolved entity id, or empty when ambiguous
  std::string reason;  // how it was resolved ("only candidate", "named earlier: ...")
  size_t sentence = 0;
  // How the text names the entity: "name", "demonym" ("Russian officials"),
  // "seat" ("Moscow warned": a capital as its state),
  // "coordination" ("the Afghan and Pakistani Taliban": "Afghan" stands for
  // "Afghan Taliban"), "description" ("ISIS' Afghan affiliate": the Branch
  // of that parent in that place), or "coreference" ("the group", "its", "he": the
  // antecedent's entity, with the antecedent's span and a lower confidence).
  std::string via = "name";
  // Inside a longer name of another entity ("Kabul" in "the Russian Embassy
  // in Kabul"); the rules see only the longer name.
  bool nested = false;
  double confidence = 1.0;
  int64_t antecedent_start = -1, antecedent_end = -1;  // coreference only
  bool ambiguous() const { return entity.empty(); }
};

struct DateMention {
  int64_t start = 0, end = 0;
  std::string text;
  PartialDate date;
  bool relative = false;  // "last year": computed from the published date
  size_t sentence = 0;
};

// A number of people: fighters, members, dead, wounded.
struct NumberMention {
  int64_t start = 0, end = 0;
  std::string text;
  std::optional<double> value, low, high;
  std::string qualifier;  // about | at_least | at_most | more_than
  std::string quantity;   // fighters | members | recruits | killed | wounded | troops
  size_t sentence = 0;
};

// A statement and who made it ("..., said Suhail Shaheen", "according to
// X"). speaker is an entity id, or empty with label set.
struct Statement {
  int64_t start = 0, end = 0;        // the statement: the quotation, or the sentence
  int64_t cue_start = 0, cue_end = 0;  // "said Suhail Shaheen"
  std::string speaker, label;
  size_t sentence = 0;
};

struct PlaceMention {
  int64_t start = 0, end = 0;
  std::string text, entity;  // entity empty for a province the KB lacks
  size_t sentence = 0;
};

// A claim the text proposes, for an analyst to accept, reject or edit.
struct Proposal {
  std::string kind;       // relation | participant | estimate | attribute
  std::string subject;    // entity id
  std::string predicate;  // relation: the vocabulary; participant: its role
                          // (claimed, attributed, suspected); estimate: the
                          // quantity; attribute: its key
  std::string object;     // entity id (relations), or empty
  std::string object_label;  // the event as the text names it, an attribute's value
  std::string role;       // relation qualifier (family_of: "son")
  std::string time;       // partial date written ("2024-03"), may be empty
  std::string party;      // entity id of whoever asserts it; empty: the source
  std::string party_label;
  std::string stance;     // asserts | denies | reports
  int64_t start = 0, end = 0;  // the supporting passage (inside one sentence)
  std::string digest;          // first 8 hex digits of its SHA-256
  std::string rule;            // the rule that made it
  double confidence = 0.6;
  std::optional<double> value, low, high;  // estimates
  std::string qualifier;
  size_t sentence = 0;
  // What makes two proposals the same: kind, subject, predicate, object,
  // stance, party, span.
  std::string Fingerprint() const;
};

struct ReadOptions {
  PartialDate published;  // relative dates ("last year") count from it
};

struct Reading {
  std::string text;
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;
  std::vector<DateMention> dates;
  std::vector<NumberMention> numbers;
  std::vector<Statement> statements;
  std::vector<PlaceMention> places;
  std::vector<Proposal> proposals;
};

// Reads text (valid UTF-8, already reduced from HTML when it was HTML).
Reading ReadText(const NameDictionary& names, std::string_view text, const ReadOptions& options);

// The mentions alone (ReadText's first step), on an index of the text.
std::vector<Mention> FindMentions(const NameDictionary& names, const TextIndex& index);

// First 8 hex digits of the SHA-256 of text, as claims' digests are.
std::string Digest(std::string_view text);

}  // namespace vigil::reading
