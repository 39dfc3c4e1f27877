// ReadText: mentions (automaton over the folded text, word boundaries,
// short and weak names confirmed, ambiguity resolved from context), then
// dates, numbers, places and statements over ICU tokens, then the rules
// over each sentence's items.
#include "vigil/reading/reader.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>

#include "vigil/base/sha256.h"
#include "vigil/reading/country_forms.h"
#include "vigil/reading/internal/coreference.h"
#include "vigil/reading/internal/detect.h"
#include "vigil/reading/rules.h"
#include "vigil/text/normalize.h"

namespace vigil::reading {
namespace {

const std::string kEmpty;

bool IsWeak(const DictionaryEntry& e) { return e.name_kind == "weak_alias"; }

// Words after a name that say what kind of entity it is ("Haqqani
// network", "Mr. Haqqani").
const std::set<std::u32string>& OrganizationCues() {
  static const std::set<std::u32string> cues = {
      U"network", U"group", U"movement", U"militants", U"fighters", U"faction", U"organization",
      U"organisation", U"insurgents", U"insurgency", U"clan", U"forces", U"members", U"government"};
  return cues;
}
// Words after a person's surname that name their time in office ("the
// Trump administration"): the surname then needs no other mention.
const std::set<std::u32string>& OfficeCues() {
  static const std::set<std::u32string> cues = {U"administration", U"administrations",
                                                 U"presidency", U"regime"};
  return cues;
}
const std::set<std::u32string>& PersonCues() {
  static const std::set<std::u32string> cues = {U"mr", U"said", U"says", U"told", U"himself",
                                                 U"his", U"he", U"sheikh", U"mullah", U"maulvi"};
  return cues;
}

// The folded word that starts at folded position `at` (after a space), or
// that ends just before `at` when before is true.
std::u32string_view WordAt(const std::u32string& folded, size_t at, bool before) {
  if (before) {
    if (at < 2) return {};
    size_t end = at - 1;  // the space before the match
    size_t start = folded.rfind(U' ', end - 1);
    start = start == std::u32string::npos ? 0 : start + 1;
    return std::u32string_view(folded).substr(start, end - start);
  }
  if (at >= folded.size()) return {};
  size_t end = folded.find(U' ', at);
  if (end == std::u32string::npos) end = folded.size();
  return std::u32string_view(folded).substr(at, end - at);
}

// Words before a capital that make it a place ("in Kabul", "to the Kremlin").
const std::set<std::u32string>& Locatives() {
  static const std::set<std::u32string> words = {
      U"in",   U"at",     U"near",   U"outside", U"around", U"from",    U"to",      U"into",
      U"across", U"over", U"toward", U"towards", U"via",    U"through", U"inside",  U"within",
      U"beyond", U"between"};
  return words;
}

// Whether the seat of government at folded [begin, end) names the state as
// an actor: not after a locative ("in the Moscow suburbs"), and not the
// start of a longer proper name ("the Washington Post", "Paris Agreement").
bool SeatStandsForState(const TextIndex& index, size_t begin, size_t end) {
  std::u32string_view before = WordAt(index.folded(), begin, true);
  if (before == U"the" && begin >= before.size() + 1)
    before = WordAt(index.folded(), begin - before.size() - 1, true);
  if (Locatives().count(std::u32string(before))) return false;
  std::u32string_view after = WordAt(index.folded(), end + 1, false);
  if (after.empty()) return true;
  std::string next = index.Slice(index.OriginalStart(end + 1), index.OriginalEnd(end + 1 + after.size()));
  return next.empty() || !(next[0] >= 'A' && next[0] <= 'Z');
}

bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

// The first letters of a folded name's words; without "of", "the", "and"
// too when skip_small ("United States of America": "usoa" and "usa").
std::u32string InitialsOfFoldedName(const std::u32string& folded, bool skip_small) {
  std::u32string out;
  size_t at = 0;
  while (at < folded.size()) {
    size_t end = folded.find(U' ', at);
    if (end == std::u32string::npos) end = folded.size();
    std::u32string_view word(folded.data() + at, end - at);
    bool small = word == U"of" || word == U"the" || word == U"and" || word == U"for";
    if (!word.empty() && !(skip_small && small)) out.push_back(word.front());
    at = end + 1;
  }
  return out;
}

// Whether a short name's text as matched (up to its last letter or digit)
// is the dictionary's text, case included.
bool SameAsWrittenInDictionary(std::string_view written, std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.back()) < 0x80 &&
         !std::isalnum(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return written == text;
}

// "U.S.", "U.N.": a name written as initials with stops.
bool WrittenAsStoppedInitials(std::string_view text) {
  return text.find('.') != std::string_view::npos && text.size() <= 12;
}
bool IsArabic(char32_t c) { return c >= 0x0600 && c <= 0x06FF; }

// "Russian|Russians" -> {"Russian", "Russians"}: a column of the country
// tables (country_forms.h).
std::vector<std::string_view> SplitAtBars(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t at = 0; at <= text.size();) {
    size_t bar = std::min(text.find('|', at), text.size());
    out.push_back(text.substr(at, bar - at));
    at = bar + 1;
  }
  return out;
}

// The kind of the entity a mention resolved to ("" when unresolved).
const std::string& ResolvedKind(const Mention& m) {
  static const std::string kNone;
  for (const auto& c : m.candidates)
    if (c.entity == m.entity) return c.entity_kind;
  return kNone;
}

// A noun that makes "<group>'s <place> ..." a description of a branch.
bool BranchNoun(std::string_view word) {
  for (std::string_view noun : {"affiliate", "branch", "franchise", "wing", "chapter", "province",
                                "offshoot", "arm"})
    if (word == noun) return true;
  return false;
}

// "ISIS' Afghan affiliate", "the Red Hand Front's Eastvale branch": a
// group's possessive, a state or place (by name or demonym) and a noun for
// a branch describe the knowledge base's Branch of that parent in that
// place. The description becomes a mention of it (with every such branch
// as a candidate, unresolved when there are several), the two names inside
// it nested, before coreference runs, so that "the group" after it refers
// to the branch and not to its parent.
void AddDescriptions(const NameDictionary& names, const TextIndex& index,
                     std::vector<Mention>& mentions) {
  if (names.branches().empty()) return;
  const auto length = static_cast<int64_t>(index.code_points().size());
  std::vector<Mention> added;
  for (size_t i = 0; i + 1 < mentions.size(); ++i) {
    Mention& parent = mentions[i];
    Mention& place = mentions[i + 1];
    if (parent.nested || place.nested || parent.entity.empty() || place.entity.empty() ||
        parent.sentence != place.sentence || ResolvedKind(parent) != "organization")
      continue;
    if (ResolvedKind(place) != "state" && ResolvedKind(place) != "place") continue;
    std::string between = index.Slice(parent.end, place.start);
    if (between != "'s " && between != "' " && between != "\u2019s " && between != "\u2019 ") continue;
    std::string after = index.Slice(place.end, std::min<int64_t>(place.end + 12, length));
    if (after.empty() || after[0] != ' ') continue;
    size_t end = 1;
    while (end < after.size() && std::isalpha(static_cast<unsigned char>(after[end]))) ++end;
    std::string noun = after.substr(1, end - 1);
    std::transform(noun.begin(), noun.end(), noun.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!BranchNoun(noun)) continue;
    Mention d;
    d.start = parent.start;
    d.end = place.end + static_cast<int64_t>(end);
    d.text = index.Slice(d.start, d.end);
    d.sentence = parent.sentence;
    d.via = "description";
    d.confidence = 0.7;
    std::set<std::string> seen;
    for (const Branch& b : names.branches())
      if (b.parent == parent.entity && b.place == place.entity && seen.insert(b.entity).second)
        d.candidates.push_back({b.entity, names.KindOf(b.entity), d.text, "description"});
    if (d.candidates.empty()) continue;
    if (d.candidates.size() == 1) {
      d.entity = d.candidates[0].entity;
      d.reason = fmt::format("'{}': {} is the knowledge base's branch of {} in {}", d.text, d.entity,
                             parent.entity, place.entity);
    }
    parent.nested = place.nested = true;
    added.push_back(std::move(d));
  }
  if (added.empty()) return;
  for (Mention& d : added) mentions.push_back(std::move(d));
  std::stable_sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;  // the longer first
  });
}

}  // namespace

std::string Digest(std::string_view text) { return Sha256Hex(text).substr(0, 8); }

std::string Proposal::Fingerprint() const {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", kind, subject, predicate, object, object_label,
                     stance, party, start, end);
}

NameDictionary::NameDictionary(std::vector<DictionaryEntry> entries, std::vector<Branch> branches)
    : entries_(std::move(entries)), branches_(std::move(branches)) {
  // Country adjectives and demonyms for the states the table knows.
  std::unordered_map<std::u32string, const CountryForms*> country_of;
  for (const CountryForms& c : CountryFormTable())
    for (std::string_view name : SplitAtBars(c.names)) country_of.emplace(FoldName(name), &c);
  std::set<std::pair<std::string, std::u32string>> named;  // (entity, folded name)
  for (const auto& e : entries_) named.insert({e.entity, FoldName(e.text)});
  size_t given = entries_.size();
  for (size_t i = 0; i < given; ++i) {
    if (entries_[i].entity_kind != "state") continue;
    auto it = country_of.find(FoldName(entries_[i].text));
    if (it == country_of.end()) continue;
    for (std::string_view form : SplitAtBars(it->second->forms)) {
      if (!named.insert({entries_[i].entity, FoldName(form)}).second) continue;
      entries_.push_back({entries_[i].entity, "state", std::string(form), "demonym", "Latn"});
    }
  }
  // Seats of government for the same states ("Moscow", "the Kremlin"),
  // unless an entity other than a place already has that name (the city
  // keeps its name: context chooses between the two, ReadText).
  std::unordered_map<std::u32string, const CountryForms*> seat_of;
  for (const CountryForms& c : SeatOfGovernmentTable()) seat_of.emplace(FoldName(c.names), &c);
  std::set<std::u32string> any_name;
  for (const auto& e : entries_)
    if (e.entity_kind != "place") any_name.insert(FoldName(e.text));
  for (size_t i = 0; i < given; ++i) {
    if (entries_[i].entity_kind != "state") continue;
    auto it = seat_of.find(FoldName(entries_[i].text));
    if (it == seat_of.end()) continue;
    for (std::string_view form : SplitAtBars(it->second->forms)) {
      std::u32string folded = FoldName(form);
      if (any_name.count(folded) || !named.insert({entries_[i].entity, folded}).second) continue;
      entries_.push_back({entries_[i].entity, "state", std::string(form), "seat", "Latn"});
    }
  }
  // "the Taliban's political office" for "Taliban political office": the
  // possessive after a name's first word, for organisations and bodies.
  size_t with_forms = entries_.size();
  for (size_t i = 0; i < with_forms; ++i) {
    const DictionaryEntry& e = entries_[i];
    if (e.entity_kind != "organization" && e.entity_kind != "government_body") continue;
    size_t space = e.text.find(' ');
    if (space == std::string::npos || space == 0 || e.text[space - 1] == ',') continue;
    std::string possessive = e.text.substr(0, space) + "'s" + e.text.substr(space);
    if (!named.insert({e.entity, FoldName(possessive)}).second) continue;
    DictionaryEntry variant = e;
    variant.text = possessive;
    entries_.push_back(std::move(variant));
  }
  needs_confirmation_.assign(entries_.size(), 0);
  for (size_t i = 0; i < entries_.size(); ++i) {
    const DictionaryEntry& e = entries_[i];
    std::u32string folded = FoldName(e.text);
    bool confirm = folded.size() <= kConfirmLength;
    if (IsWeak(e) && !confirm) {
      confirm = true;
      if (WrittenAsStoppedInitials(e.text)) {
        std::u32string letters;
        for (char32_t c : folded)
          if (c != U' ') letters.push_back(c);
        for (const auto& other : entries_) {
          if (other.entity != e.entity || IsWeak(other) || other.name_kind == "demonym" ||
              other.name_kind == "seat")
            continue;
          std::u32string name = FoldName(other.text);
          if (InitialsOfFoldedName(name, false) == letters ||
              InitialsOfFoldedName(name, true) == letters)
            confirm = false;
        }
      }
    }
    needs_confirmation_[i] = confirm ? 1 : 0;
  }
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].script.empty()) entries_[i].script = DetectScript(entries_[i].text);
    std::u32string folded = FoldName(entries_[i].text);
    if (folded.empty()) continue;
    auto [it, inserted] = pattern_index_.emplace(folded, patterns_.size());
    if (inserted) patterns_.push_back({folded, {}});
    patterns_[it->second].entries.push_back(i);
  }
  std::vector<std::u32string> folded;
  folded.reserve(patterns_.size());
  for (const auto& p : patterns_) folded.push_back(p.folded);
  automaton_ = std::make_unique<NameAutomaton>(folded);
}

const NameDictionary::Pattern* NameDictionary::PatternOf(const std::u32string& folded) const {
  auto it = pattern_index_.find(folded);
  return it == pattern_index_.end() ? nullptr : &patterns_[it->second];
}

const std::string& NameDictionary::KindOf(const std::string& entity) const {
  for (const auto& e : entries_)
    if (e.entity == entity) return e.entity_kind;
  return kEmpty;
}

std::vector<Mention> FindMentions(const NameDictionary& names, const TextIndex& index) {
  const std::u32string& folded = index.folded();
  struct Hit {
    size_t begin, end;  // folded positions
    size_t pattern;
    std::vector<size_t> entries;  // those that may produce the mention
    bool coordinated = false;     // "Afghan" of "the Afghan and Pakistani Taliban"
    bool nested = false;          // inside a longer name of another entity
  };
  std::vector<Hit> hits;
  for (const PatternMatch& m : names.automaton().FindAll(folded)) {
    const auto& pattern = names.patterns()[m.pattern];
    if (m.begin == 0 || folded[m.begin - 1] != U' ') {
      // An Arabic conjunction or preposition glued to the name ("وطالبان").
      bool clitic = m.begin >= 2 && IsArabic(pattern.folded.front()) &&
                    folded[m.begin - 2] == U' ' &&
                    std::u32string_view(U"\u0648\u0628\u0644\u0641\u0643").find(folded[m.begin - 1]) !=
                        std::u32string_view::npos;
      if (!clitic) continue;
    }
    size_t end = m.end;
    if (end < folded.size() && folded[end] != U' ') {
      // Russian case endings: up to two Cyrillic letters after the name.
      size_t extra = 0;
      while (end + extra < folded.size() && extra < 3 && IsCyrillic(folded[end + extra]) &&
             IsCyrillic(pattern.folded.back()))
        ++extra;
      if (extra == 0 || extra > 2 || (end + extra < folded.size() && folded[end + extra] != U' '))
        continue;
    }
    Hit hit{m.begin, m.end, m.pattern, {}};
    std::string written;
    if (pattern.folded.size() < kShortName)
      written = index.Slice(index.OriginalStart(m.begin), index.OriginalEnd(m.end));
    for (size_t e : pattern.entries) {
      const DictionaryEntry& entry = names.entries()[e];
      // Short names only as the dictionary writes them ("ISI", not "isi";
      // "U.S." is matched up to its last letter: "U.S").
      if (pattern.folded.size() < kShortName && !SameAsWrittenInDictionary(written, entry.text))
        continue;
      hit.entries.push_back(e);
    }
    if (!hit.entries.empty()) hits.push_back(std::move(hit));
  }
  // Longest first, then leftmost: a longer name wins over the names inside it.
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    if (a.end - a.begin != b.end - b.begin) return a.end - a.begin > b.end - b.begin;
    return a.begin < b.begin;
  });
  std::vector<Hit> kept, inside;
  std::vector<char> taken(folded.size(), 0);
  for (Hit& h : hits) {
    bool free = true, covered = true;
    for (size_t i = h.begin; i < h.end; ++i) {
      free = free && !taken[i];
      covered = covered && taken[i];
    }
    if (free) {
      std::fill(taken.begin() + h.begin, taken.begin() + h.end, 1);
      kept.push_back(std::move(h));
    } else if (covered) {
      inside.push_back(std::move(h));  // within one longer name (names hold no spaces' gaps)
    }
  }
  std::sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });

  // Names of states, places and public bodies inside a longer name of
  // another entity ("Kabul" in "the Russian Embassy in Kabul", "Norland" in
  // "the Norland army"): kept as nested mentions, longest first, none of
  // them overlapping another; the rules see only the longer name. Not the
  // longer name's head ("the Southern Red Hand Front" names no "Red Hand
  // Front"; a name after "in", "of"... is no head), not a person's name,
  // and a group's only inside a public body's ("the Taliban's political
  // office"; the "Haqqani" of "Haqqani network" is no one).
  std::vector<Hit> nested;
  std::fill(taken.begin(), taken.end(), 0);
  for (Hit& h : inside) {  // still longest first
    auto outer = std::upper_bound(kept.begin(), kept.end(), h.begin,
                                  [](size_t at, const Hit& k) { return at < k.begin; });
    if (outer == kept.begin()) continue;
    --outer;
    if (h.end == outer->end) {  // the head, unless after a preposition ("in Kabul")
      std::u32string_view before = WordAt(folded, h.begin, true);
      if (before != U"in" && before != U"of" && before != U"for" && before != U"at" &&
          before != U"to" && before != U"on")
        continue;
    }
    bool same_entity = false, public_place = true;
    const bool in_body = std::any_of(outer->entries.begin(), outer->entries.end(), [&](size_t o) {
      return names.entries()[o].entity_kind == "government_body";
    });
    for (size_t e : h.entries) {
      const std::string& kind = names.entries()[e].entity_kind;
      public_place = public_place && (kind == "state" || kind == "place" ||
                                      kind == "government_body" ||
                                      (in_body && kind == "organization"));
      for (size_t o : outer->entries)
        same_entity = same_entity || names.entries()[e].entity == names.entries()[o].entity;
    }
    if (!public_place) continue;
    bool free = true;
    for (size_t i = h.begin; i < h.end && free; ++i) free = !taken[i];
    if (same_entity || !free) continue;
    std::fill(taken.begin() + h.begin, taken.begin() + h.end, 1);
    nested.push_back(std::move(h));
  }

  // Coordinated modifiers sharing a name's head: in "the Afghan and
  // Pakistani Taliban", "Afghan" stands for "Afghan Taliban" when that is a
  // name too (it replaces a demonym there, never another name).
  for (size_t k = 0; k < kept.size(); ++k) {
    const std::u32string& name = names.patterns()[kept[k].pattern].folded;
    size_t space = name.find(U' ');
    if (space == std::u32string::npos) continue;
    std::u32string_view conjunction = WordAt(folded, kept[k].begin, true);
    if (conjunction != U"and" && conjunction != U"or") continue;
    size_t conjunction_begin = kept[k].begin - 1 - conjunction.size();
    std::u32string_view modifier = WordAt(folded, conjunction_begin, true);
    if (modifier.empty()) continue;
    size_t begin = conjunction_begin - 1 - modifier.size(), end = conjunction_begin - 1;
    const NameDictionary::Pattern* whole =
        names.PatternOf(std::u32string(modifier) + name.substr(space));
    if (!whole || whole->folded.size() < kShortName) continue;
    size_t replaced = kept.size();
    bool free = true;
    for (size_t j = 0; j < k; ++j) {
      if (kept[j].end <= begin || kept[j].begin >= end) continue;
      bool demonym = kept[j].begin == begin && kept[j].end == end &&
                     std::all_of(kept[j].entries.begin(), kept[j].entries.end(), [&](size_t e) {
                       return names.entries()[e].name_kind == "demonym";
                     });
      if (demonym) replaced = j;
      else free = false;
    }
    if (!free) continue;
    Hit hit{begin, end, static_cast<size_t>(whole - names.patterns().data()), whole->entries, true};
    if (replaced < kept.size()) kept[replaced] = std::move(hit);
    else kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(k), std::move(hit)), ++k;
  }

  for (Hit& h : nested) {
    h.nested = true;
    kept.push_back(std::move(h));
  }
  std::sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;  // the longer name first
  });

  // Entities named in the text by a name that needs no confirmation.
  std::set<std::string> named;
  for (const Hit& h : kept) {
    std::set<std::string> entities;
    for (size_t e : h.entries) {
      if (!names.NeedsConfirmation(e)) entities.insert(names.entries()[e].entity);
    }
    if (entities.size() == 1) named.insert(*entities.begin());
  }

  std::vector<Mention> mentions;
  std::map<std::string, int64_t> last_named;  // entity -> start of its latest sure mention
  for (const Hit& h : kept) {
    Mention m;
    m.start = index.OriginalStart(h.begin);
    m.end = index.OriginalEnd(h.end);
    m.text = index.Slice(m.start, m.end);
    m.sentence = index.SentenceAt(m.start);
    m.nested = h.nested;
    std::set<std::string> seen;
    bool confirmed_only = true;
    // (Written with its capital: "a major administration" names no one.)
    const bool office = u_isupper(static_cast<UChar32>(index.code_points()[m.start])) &&
                        OfficeCues().count(std::u32string(WordAt(index.folded(), h.end + 1, false)));
    for (size_t e : h.entries) {
      const DictionaryEntry& entry = names.entries()[e];
      bool needs_confirmation = names.NeedsConfirmation(e);
      if (needs_confirmation && !named.count(entry.entity) &&
          !(office && entry.entity_kind == "person"))
        continue;
      if (!needs_confirmation) confirmed_only = false;
      if (!seen.insert(entry.entity).second) continue;
      m.candidates.push_back({entry.entity, entry.entity_kind, entry.text, entry.name_kind});
    }
    if (std::any_of(m.candidates.begin(), m.candidates.end(),
                    [](const Candidate& c) { return c.name_kind == "seat"; })) {
      // A capital stands for its government as an actor ("Moscow warned"),
      // and is a place otherwise ("in Kabul"), or part of a longer name
      // ("the Washington Post").
      const bool actor = SeatStandsForState(index, h.begin, h.end);
      std::erase_if(m.candidates, [actor](const Candidate& c) {
        return actor ? c.entity_kind == "place" : c.name_kind == "seat";
      });
    }
    if (m.candidates.empty()) continue;
    if (h.coordinated) {
      m.via = "coordination";
      m.confidence = 0.8;
    } else if (std::all_of(m.candidates.begin(), m.candidates.end(),
                           [](const Candidate& c) { return c.name_kind == "demonym"; })) {
      m.via = "demonym";
      m.confidence = 0.7;
    } else if (std::all_of(m.candidates.begin(), m.candidates.end(),
                           [](const Candidate& c) { return c.name_kind == "seat"; })) {
      m.via = "seat";
      m.confidence = 0.7;
    }
    if (m.candidates.size() == 1) {
      m.entity = m.candidates[0].entity;
      m.reason = h.coordinated ? fmt::format("'{}' shares the head of the name after it: {}",
                                             m.text, m.candidates[0].name)
                 : m.via == "demonym" ? fmt::format("demonym of {}", m.candidates[0].entity)
                 : m.via == "seat"
                     ? fmt::format("seat of government of {}", m.candidates[0].entity)
                 : confirmed_only && !named.count(m.candidates[0].entity)
                     ? fmt::format("a person's surname before '{}'",
                                   ToUtf8(WordAt(index.folded(), h.end + 1, false)))
                 : confirmed_only ? "weak or short name, the entity is named elsewhere in the text"
                                  : "only candidate";
    } else {
      // Context: the word after (or before) says organisation or person.
      std::u32string after(WordAt(index.folded(), h.end + 1, false));
      std::u32string before(WordAt(index.folded(), h.begin, true));
      std::string want;
      if (OrganizationCues().count(after)) want = "organization";
      else if (PersonCues().count(after) || PersonCues().count(before)) want = "person";
      std::vector<const Candidate*> fit;
      for (const auto& c : m.candidates)
        if (!want.empty() && c.entity_kind == want) fit.push_back(&c);
      if (fit.size() == 1) {
        m.entity = fit[0]->entity;
        m.reason = fmt::format("'{}' {} the name", index.Slice(index.OriginalStart(
                                   want == "organization" ? h.end + 1 : h.begin - before.size() - 1),
                               index.OriginalEnd(want == "organization" ? h.end + 1 + after.size()
                                                                        : h.begin - 1)),
                               want == "organization" ? "follows" : "is next to");
      } else {
        // The candidate named most recently before, by a name it alone bears.
        const Candidate* best = nullptr;
        int64_t best_at = -1;
        for (const auto& c : m.candidates) {
          auto it = last_named.find(c.entity);
          if (it != last_named.end() && it->second > best_at) {
            best = &c;
            best_at = it->second;
          }
        }
        int64_t second_at = -1;
        for (const auto& c : m.candidates) {
          auto it = last_named.find(c.entity);
          if (best && c.entity != best->entity && it != last_named.end())
            second_at = std::max(second_at, it->second);
        }
        if (best && second_at < 0) {
          m.entity = best->entity;
          m.reason = fmt::format("{} is named earlier in the text", best->entity);
        }
      }
    }
    if (m.candidates.size() == 1 || !m.entity.empty()) {
      if (!confirmed_only || m.candidates.size() == 1) last_named[m.entity] = m.start;
    }
    mentions.push_back(std::move(m));
  }
  AddDescriptions(names, index, mentions);
  internal::AddCoreferences(names, index, mentions);
  return mentions;
}

}  // namespace vigil::reading

namespace vigil::reading {
namespace {

using internal::Item;


// Whether a name is a government's ("the Afghan government", "the Assad
// regime", "the Biden administration").
// The folded words of text.
std::vector<std::u32string> FoldedWords(std::string_view text) {
  std::vector<std::u32string> words;
  std::u32string folded = FoldName(text);
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(U' ', start);
    if (end == std::u32string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Whether a name is a government's: it ends in "government" or "regime"
// ("the Afghan government", "the Assad regime"; not "the Drug Enforcement
// Administration" nor "the Ministry of Local Government's office").
bool NamesAGovernment(std::string_view name) {
  auto words = FoldedWords(name);
  return !words.empty() && (words.back() == U"government" || words.back() == U"regime");
}

struct Binding {
  int slot_item[3] = {-1, -1, -1};  // A, B, P
  int number_item = -1;
  int role_item = -1;  // the item a [..] element captured (the role word)
  size_t begin = 0, end = 0;  // items
};

int SlotIndex(char slot) { return slot == 'A' ? 0 : slot == 'B' ? 1 : 2; }

constexpr size_t kGap = 6;

class Matcher {
 public:
  Matcher(const std::vector<Item>& items, const std::vector<Mention>& mentions)
      : items_(items), mentions_(mentions), transparent_(items.size(), 0) {
    for (size_t i = 0; i < items.size(); ++i) transparent_[i] = Transparent(items[i]) ? 1 : 0;
  }

  bool Match(const std::vector<PatternElement>& els, size_t e, size_t i, Binding& b) const {
    if (e == els.size()) {
      b.end = i;
      return true;
    }
    const PatternElement& el = els[e];
    if (el.type == PatternElement::Type::kGap) {
      for (size_t n = 0; n <= kGap && i + n <= items_.size(); ++n) {
        if (n > 0 && items_[i + n - 1].type == Item::Type::kMention) break;
        Binding copy = b;
        if (Match(els, e + 1, i + n, copy)) {
          b = copy;
          return true;
        }
      }
      return false;
    }
    // Negations and hedges inside a match are passed over ("X never
    // funded Y", "X reportedly sheltered Y"); Propose() reads the negation.
    if (i > b.begin && i < items_.size() && transparent_[i] &&
        !One(el, items_[i], b, static_cast<int>(i)))
      return Match(els, e, i + 1, b);
    if (i < items_.size() && One(el, items_[i], b, static_cast<int>(i))) {
      Binding copy = b;
      if (el.capture) copy.role_item = static_cast<int>(i);
      if (Match(els, e + 1, i + 1, copy)) {
        b = copy;
        return true;
      }
      if (el.type == PatternElement::Type::kSlot) b.slot_item[SlotIndex(el.slot)] = -1;
      if (el.type == PatternElement::Type::kNumber) b.number_item = -1;
    }
    if (el.optional) return Match(els, e + 1, i, b);
    return false;
  }

 private:
  static bool Transparent(const Item& item) {
    static const std::set<std::u32string> words = {
        U"not",       U"never",      U"also",      U"reportedly", U"allegedly", U"still",
        U"openly",    U"secretly",   U"long",      U"once",       U"later",     U"then",
        U"reputedly", U"previously", U"repeatedly", U"actively",   U"directly",  U"has",
        U"have",      U"had",        U"recently",  U"now",        U"already",   U"even",
        U"increasingly", U"quickly", U"publicly",  U"covertly",   U"heavily",   U"tacitly",
        U"been"};
    return item.type == Item::Type::kWord && words.count(item.word) > 0;
  }
  bool One(const PatternElement& el, const Item& item, Binding& b, int at) const {
    switch (el.type) {
      case PatternElement::Type::kSlot: {
        if (item.type != Item::Type::kMention) return false;
        const Mention& m = mentions_[item.mention];
        // A demonym describes ("Norwegian troops"); it is no party to a
        // relation or an event, only a speaker's or asserter's side.
        if (m.entity.empty() || (m.via == "demonym" && el.slot != 'P' && !el.demonym)) return false;
        // "anti-X", "pro-X": an attitude to X, not X.
        if (at >= 2 && items_[at - 1].word == U"-" &&
            (items_[at - 2].word == U"anti" || items_[at - 2].word == U"pro" ||
             items_[at - 2].word == U"non"))
          return false;
        if (!el.kinds.empty() &&
            std::find(el.kinds.begin(), el.kinds.end(), ResolvedKind(m)) == el.kinds.end())
          return false;
        b.slot_item[SlotIndex(el.slot)] = at;
        return true;
      }
      case PatternElement::Type::kNumber:
        if (item.type != Item::Type::kNumber) return false;
        b.number_item = at;
        return true;
      case PatternElement::Type::kPunctuation:
      case PatternElement::Type::kWords:
        if (item.type != Item::Type::kWord && item.type != Item::Type::kPunctuation) return false;
        return std::find(el.words.begin(), el.words.end(), item.word) != el.words.end();
      case PatternElement::Type::kGap:
        return false;
    }
    return false;
  }

  const std::vector<Item>& items_;
  const std::vector<Mention>& mentions_;
  std::vector<char> transparent_;  // per item: Transparent()
};

bool IsConjunctionItem(const Item& item) {
  return item.type == Item::Type::kWord && (item.word == U"and" || item.word == U"or");
}

bool IsCommaItem(const Item& item) {
  return item.type == Item::Type::kPunctuation && item.word == U",";
}

bool IsPrepositionWord(const Item& item) {
  static const std::set<std::u32string> words = {
      U"in",   U"of",   U"from", U"at",      U"by",   U"with", U"for",
      U"to",   U"on",   U"into", U"against", U"than", U"about", U"among"};
  return item.type == Item::Type::kWord && words.count(item.word) > 0;
}

// Whether the mentions a match begins or ends with are its arguments, not
// parts of a longer phrase: a mention after a preposition is no subject
// ("migrants in X joined Y"), one before a possessive or a hyphen is no
// object ("the head of X's office", "commander of the X-led coalition").
bool StandsAsArgument(const Rule& rule, const Binding& b, const std::vector<Item>& items) {
  using Type = PatternElement::Type;
  // (An appositive's head may follow a preposition: "by X, the father of Y".)
  bool appositive = rule.elements.size() > 1 && rule.elements[1].type == Type::kPunctuation;
  // What a state's office is part of holds whatever the phrase does in the
  // sentence ("backing from Pakistan's intelligence service"), and so does
  // a possessor ("many of X's fighters are Y nationals"). (Not where a
  // group is: "talks with X in Moscow" place no X there.)
  bool any_role = std::string_view(rule.spec.predicate) == "part_of" ||
                  (b.begin + 1 < items.size() && items[b.begin + 1].word == U"s");
  if (rule.elements.front().type == Type::kSlot && !appositive && !any_role &&
      items[b.begin].type == Item::Type::kMention) {
    // Back over mentions coordinated with the first ("from X and Y joined",
    // "from X, Y and Z joined"); a comma alone, before any "and", ends a
    // clause ("with X and Y, Z received").
    size_t j = b.begin;
    bool conjunction_seen = false;
    while (true) {
      size_t k = j;
      if (k > 0 && items[k - 1].word == U"the") --k;
      if (k < 2 || !(IsConjunctionItem(items[k - 1]) || IsCommaItem(items[k - 1]))) break;
      bool conjunction = IsConjunctionItem(items[k - 1]);
      if (!conjunction && !conjunction_seen) break;
      conjunction_seen = conjunction_seen || conjunction;
      --k;
      if (k > 0 && items[k - 1].word == U"the") --k;
      if (k == 0 || items[k - 1].type != Item::Type::kMention) break;
      j = k - 1;
    }
    if (j > 0 && items[j - 1].word == U"the") --j;
    if (j > 0 && IsPrepositionWord(items[j - 1])) return false;
  }
  // (A subject that ends a pattern too, unless a person's: "joined X's
  // rivals" is not joining X, "X's son" is still X.)
  const PatternElement& last = rule.elements.back();
  bool ends_with_object =
      last.type == Type::kSlot &&
      (last.slot == 'B' ||
       (last.slot == 'A' && std::string_view(rule.spec.kind) == "relation" &&
        std::find(last.kinds.begin(), last.kinds.end(), "person") == last.kinds.end()));
  if (ends_with_object && b.end < items.size() &&
      items[b.end - 1].type == Item::Type::kMention) {
    size_t after = b.end;
    if (after + 1 < items.size() && items[after].word == U".") ++after;  // "U.S.-led"
    const Item& next = items[after];
    if (next.word == U"s" || next.word == U"'" || next.word == U"\u2019" || next.word == U"-" ||
        next.word == U"\u2010" || next.word == U"\u2011")
      return false;
    // Who leads a state's or a group's forces, officials or mission leads
    // them, not it ("commanded U.S. special operations forces").
    static const std::set<std::u32string> kLedUnits = {
        U"forces",   U"troops",   U"special", U"operations", U"soldiers",  U"fighters",
        U"units",    U"military", U"army",    U"navy",       U"officers",  U"officials",
        U"embassy",  U"delegation", U"team",  U"mission",    U"contingent", U"personnel",
        U"commandos", U"intelligence", U"security"};
    if (rule.spec.predicate == std::string_view("leader_of") && next.type == Item::Type::kWord &&
        kLedUnits.count(next.word) > 0)
      return false;
  }
  return true;
}

bool IsArgumentMention(const Item& item, const std::vector<Mention>& mentions) {
  if (item.type != Item::Type::kMention) return false;
  const Mention& m = mentions[item.mention];
  return !m.entity.empty() && m.via != "demonym";
}

// The mentions coordinated with a match's first or last argument, as
// (slot, item): "X, Y and the Z" after the last, "X and Y" before the first.
std::vector<std::pair<char, size_t>> CoordinatedArguments(const Rule& rule, const Binding& b,
                                                          const std::vector<Item>& items,
                                                          const std::vector<Mention>& mentions) {
  using Type = PatternElement::Type;
  std::vector<std::pair<char, size_t>> out;
  const PatternElement& last = rule.elements.back();
  // A list counts up to its last "and" or "or": commas alone may set off an
  // apposition ("X, the Y's ally").
  if (last.type == Type::kSlot && last.slot != 'P' && b.end > 0 &&
      items[b.end - 1].type == Item::Type::kMention) {
    // The preposition before the last argument ("from" in "support from
    // X"), which may come again after "and" ("and more recently from Y").
    size_t before = b.end - 1;
    if (before > 0 && items[before - 1].word == U"the") --before;
    const Item* preposition =
        before > 0 && IsPrepositionWord(items[before - 1]) ? &items[before - 1] : nullptr;
    size_t j = b.end, listed = out.size();
    while (j < items.size()) {
      size_t k = j;
      bool separated = false, conjunction = false;
      if (k < items.size() && IsCommaItem(items[k])) ++k, separated = true;
      if (k < items.size() && IsConjunctionItem(items[k])) ++k, separated = conjunction = true;
      if (conjunction && preposition) {
        size_t m = k;
        while (m < items.size() && m < k + 3 && items[m].type == Item::Type::kWord &&
               items[m].word != preposition->word)
          ++m;
        if (m < items.size() && items[m].type == Item::Type::kWord &&
            items[m].word == preposition->word)
          k = m + 1;
      }
      if (k < items.size() && items[k].word == U"the") ++k;
      if (!separated || k >= items.size() || !IsArgumentMention(items[k], mentions)) break;
      out.emplace_back(last.slot, k);
      if (conjunction) listed = out.size();
      j = k + 1;
    }
    out.resize(listed);
  }
  const PatternElement& first = rule.elements.front();
  if (first.type == Type::kSlot && first.slot != 'P' && items[b.begin].type == Item::Type::kMention) {
    size_t j = b.begin;
    bool conjunction_seen = false;
    while (j > 0) {
      size_t k = j;
      if (k > 0 && items[k - 1].word == U"the") --k;
      bool separated = false, conjunction = false;
      if (k > 0 && IsConjunctionItem(items[k - 1])) --k, separated = conjunction = true;
      if (k > 0 && IsCommaItem(items[k - 1])) --k, separated = true;
      if (k > 0 && items[k - 1].word == U"the") --k;
      if (!separated || (!conjunction && !conjunction_seen) || k == 0 ||
          !IsArgumentMention(items[k - 1], mentions))
        break;
      // Not the object of a compound ("anti-X and Y-backed").
      if (k >= 2 && (items[k - 2].word == U"-" || items[k - 2].word == U"\u2010")) break;
      conjunction_seen = true;
      out.emplace_back(first.slot, k - 1);
      j = k - 1;
    }
  }
  return out;
}

bool Negation(const std::u32string& w) {
  return w == U"not" || w == U"never" || w == U"no" || w == U"nor" || w == U"denied" ||
         w == U"denies" || w == U"deny" || w == U"denying" || w == U"t";  // "didn't"
}

bool DenialVerb(const std::u32string& w) {
  return w == U"denied" || w == U"denies" || w == U"deny" || w == U"denying" ||
         w == U"rejected" || w == U"rejects" || w == U"dismissed" || w == U"dismisses" ||
         w == U"refuted";
}

void Propose(const Rule& rule, const Binding& b, size_t s, const std::vector<Item>& items,
             const std::vector<Mention>& mentions, const std::vector<NumberMention>& numbers,
             const std::vector<Statement>& statements, const std::vector<DateMention>& dates,
             const TextIndex& index, std::vector<Proposal>& out) {
  auto entity = [&](int slot) -> std::string {
    int item = b.slot_item[slot];
    return item < 0 ? "" : mentions[items[item].mention].entity;
  };
  Proposal p;
  p.kind = rule.spec.kind;
  p.predicate = rule.spec.predicate;
  p.subject = entity(0);
  p.object = entity(1);
  p.party = entity(2);
  p.stance = rule.spec.stance;
  p.rule = rule.spec.id;
  if (b.role_item >= 0) p.role = ToUtf8(items[b.role_item].word);
  p.sentence = s;
  if (p.subject.empty()) return;
  auto kind_of = [&](int slot) -> std::string {
    int item = b.slot_item[slot];
    return item < 0 ? "" : ResolvedKind(mentions[items[item].mention]);
  };
  if (p.kind == "relation") {
    if (p.object.empty() || p.object == p.subject) return;
    // A place is where things happen, not a party to a relation, except as
    // the place a group operates in or recruits from.
    if (kind_of(0) == "place" ||
        (kind_of(1) == "place" && p.predicate != "operates_in" && p.predicate != "recruits_from"))
      return;
    if (p.predicate == "leader_of" && (p.role == "founder")) p.predicate = "founded";
    // A government leads its state (the knowledge base's "governs").
    if (p.predicate == "part_of" && kind_of(1) == "state" &&
        NamesAGovernment(mentions[items[b.slot_item[0]].mention].text))
      p.predicate = "leader_of";
    // Heading a ministry or an agency is an office in a body.
    if (p.predicate == "leader_of" && kind_of(1) == "government_body") {
      p.predicate = "holds_position_in";
      if (p.role.empty()) p.role = "head";
    }
    if (p.predicate == "member_of" || p.predicate == "leader_of") {
      // The role word is kept as the qualifier; generic ones are dropped.
      if (p.role == "member" || p.role == "leader") p.role.clear();
    }
  } else if (p.kind == "participant") {
    if (p.party.empty() && (p.predicate == "claimed" || p.stance == "denies")) p.party = p.subject;
    // The event as the text names it: the words after the match.
    size_t to = b.end;
    while (to < items.size() && to < b.end + 10 && items[to].type != Item::Type::kPunctuation)
      ++to;
    if (to > b.end) p.object_label = index.Slice(items[b.end].start, items[to - 1].end);
  } else if (p.kind == "estimate") {
    if (b.number_item < 0) return;
    const NumberMention& n = numbers[items[b.number_item].number];
    if (n.quantity == "killed" || n.quantity == "wounded") return;
    p.predicate = n.quantity;
    p.value = n.value;
    p.low = n.low;
    p.high = n.high;
    p.qualifier = n.qualifier;
    p.object_label = n.text;
  } else if (p.kind == "attribute") {
    p.object_label = p.role.empty() ? rule.spec.value : p.role;
    p.role.clear();
  }
  // Negation inside the match: "X did not fund Y".
  for (size_t k = b.begin; k < b.end; ++k)
    if (items[k].type == Item::Type::kWord && Negation(items[k].word) &&
        p.stance == "asserts" && p.kind != "participant")
      p.stance = "denies";
  // "P denied that X ...": the party denies what follows.
  if (p.stance == "asserts") {
    for (size_t k = b.begin; k-- > 0;) {
      if (items[k].type == Item::Type::kWord && DenialVerb(items[k].word)) {
        p.stance = "denies";
        for (size_t j = k; j-- > 0;) {
          if (items[j].type == Item::Type::kPunctuation) break;
          if (items[j].type == Item::Type::kMention && !mentions[items[j].mention].entity.empty()) {
            p.party = mentions[items[j].mention].entity;
            break;
          }
        }
        break;
      }
    }
  }
  // Who says so: the sentence's speaker.
  if (p.party.empty()) {
    int64_t match_start = items[b.begin].start, match_end = items[b.end - 1].end;
    for (const Statement& st : statements) {
      if (st.sentence != s) continue;
      // "X, the leader of Y, said ...": what describes the speaker inside
      // the cue is the source's word, not the speaker's.
      if (st.cue_start <= match_start && match_end <= st.cue_end) break;
      p.party = st.speaker;
      p.party_label = st.speaker.empty() ? st.label : "";
      if (p.stance == "asserts") p.stance = "reports";
      break;
    }
  }
  for (const DateMention& d : dates) {
    if (d.sentence == s) {
      p.time = d.date.ToString();
      break;
    }
  }
  const Sentence& sentence = index.sentences()[s];
  p.start = sentence.start;
  p.end = sentence.end;
  // (The digest is computed once the proposal is known to be new: ReadText.)
  bool gap = std::any_of(rule.elements.begin(), rule.elements.end(),
                         [](const PatternElement& e) { return e.type == PatternElement::Type::kGap; });
  p.confidence = gap ? 0.5 : 0.6;
  out.push_back(std::move(p));
}

// What a name says of its bearer through the states and places named
// inside it (the nested mentions FindMentions keeps). An office or agency
// named with a state or a group is part of it ("the Tajik intelligence
// services", "the Taliban's political office"; a group's government is
// left alone: who leads whom, the name does not say), a
// government of a state leads it ("the Afghan government": the knowledge
// base's way of saying who governs), and one named with a place after
// "in" sits there ("the Russian Embassy in Kabul", "the Taliban's
// political office in Qatar"); a group named with a state or a region, at
// the start of its name or after "in" or "of", operates there ("the
// Pakistani Taliban", "the Caucasus Emirate", "the Islamic Movement of
// Uzbekistan"), not with one elsewhere ("the Centre for Russian Studies").
// The span is the name; each pair is proposed once, at its first mention.
// Whether a sentence's items end with a question mark: a question asserts
// nothing.
bool IsQuestion(const std::vector<Item>& items) {
  return !items.empty() && items.back().type == Item::Type::kPunctuation &&
         items.back().word == U"?";
}

void ProposeFromNames(const std::vector<Mention>& mentions, const TextIndex& index,
                      const std::vector<std::vector<Item>>& items, std::set<std::string>& seen,
                      std::vector<Proposal>& out) {
  std::set<std::pair<std::string, std::string>> named;  // (holder, inner) pairs done
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& holder = mentions[i];
    if (holder.nested || holder.entity.empty() || holder.via != "name") continue;
    // (A name the text breaks with a sentence's end is not one to read.)
    if (index.SentenceAt(holder.end - 1) != holder.sentence) continue;
    const std::string& kind = ResolvedKind(holder);
    bool body = kind == "government_body";
    if (!body && kind != "organization") continue;
    if (holder.sentence < items.size() && IsQuestion(items[holder.sentence])) continue;
    // The names inside it follow it (mentions are in order of start).
    for (size_t j = i + 1; j < mentions.size() && mentions[j].start < holder.end; ++j) {
      const Mention& inner = mentions[j];
      if (!inner.nested || inner.entity.empty() || inner.entity == holder.entity ||
          inner.end > holder.end)
        continue;
      const std::string& inner_kind = ResolvedKind(inner);
      // The word before the inner name, inside the holder's ("the" passed
      // over): "in" places it, "of" or a possessive makes it the owner.
      auto before = FoldedWords(index.Slice(holder.start, inner.start));
      if (!before.empty() && before.back() == U"the") before.pop_back();
      std::u32string last = before.empty() ? U"" : before.back();
      bool first = inner.start == holder.start;
      bool located = last == U"in";
      bool owner = first || last == U"of" || last == U"s";
      const char* predicate = nullptr;
      if (body) {
        if (located && (inner_kind == "place" || inner_kind == "state")) predicate = "operates_in";
        else if (owner && inner_kind == "state")
          predicate = NamesAGovernment(holder.text) ? "leader_of" : "part_of";
        else if (owner && inner_kind == "organization" && !NamesAGovernment(holder.text))
          predicate = "part_of";
      } else if ((inner_kind == "state" || inner_kind == "place") && (owner || located)) {
        predicate = "operates_in";
      }
      if (predicate == nullptr || !named.insert({holder.entity, inner.entity}).second) continue;
      Proposal p;
      p.kind = "relation";
      p.subject = holder.entity;
      p.predicate = predicate;
      p.object = inner.entity;
      p.stance = "asserts";
      p.rule = fmt::format("{}.name", predicate);
      p.sentence = holder.sentence;
      p.start = holder.start;
      p.end = holder.end;
      p.confidence = 0.5;
      if (!seen.insert(p.Fingerprint()).second) continue;
      p.digest = Digest(index.Slice(p.start, p.end));
      out.push_back(std::move(p));
    }
  }
}

}  // namespace

Reading ReadText(const NameDictionary& names, std::string_view text, const ReadOptions& options) {
  TextIndex index(text);
  Reading r;
  r.text = std::string(text);
  r.sentences = index.sentences();
  r.mentions = FindMentions(names, index);
  r.dates = internal::FindDates(index, options.published);
  r.numbers = internal::FindNumbers(index);
  auto items = internal::SentenceItems(index, r.mentions, r.numbers);
  r.statements = internal::FindStatements(index, r.mentions, items);
  r.places = internal::FindPlaces(index, r.mentions, items);

  const RuleSet& rules = RuleSet::Default();
  std::set<std::string> seen;
  for (size_t s = 0; s < items.size(); ++s) {
    const auto& its = items[s];
    int mention_count = 0;
    for (const Item& item : its)
      if (item.type == Item::Type::kMention && !r.mentions[item.mention].entity.empty())
        ++mention_count;
    if (mention_count == 0) continue;
    if (IsQuestion(its)) continue;
    // The rules the sentence's words select (in table order).
    std::vector<char> selected(rules.rules().size(), 0);
    for (size_t k : rules.unanchored()) selected[k] = 1;
    for (const Item& item : its) {
      if (item.type == Item::Type::kMention) continue;
      if (const auto* anchored = rules.AnchoredBy(item.word))
        for (size_t k : *anchored) selected[k] = 1;
    }
    Matcher matcher(its, r.mentions);
    std::string sentence_digest;  // every proposal's span is the sentence
    std::vector<size_t> mention_items;
    for (size_t i = 0; i < its.size(); ++i)
      if (its[i].type == Item::Type::kMention) mention_items.push_back(i);
    for (size_t k = 0; k < rules.rules().size(); ++k) {
      if (!selected[k]) continue;
      const Rule& rule = rules.rules()[k];
      // Where a match may begin: a mention when the pattern begins with a
      // slot, one of its words when it begins with words (both required).
      const PatternElement& head = rule.elements.front();
      bool at_mentions = !head.optional && head.type == PatternElement::Type::kSlot;
      size_t count = at_mentions ? mention_items.size() : its.size();
      for (size_t n = 0; n < count; ++n) {
        size_t i = at_mentions ? mention_items[n] : n;
        if (!head.optional && head.type == PatternElement::Type::kWords &&
            std::find(head.words.begin(), head.words.end(), its[i].word) == head.words.end())
          continue;
        Binding b;
        b.begin = i;
        if (!matcher.Match(rule.elements, 0, i, b)) continue;
        if (!StandsAsArgument(rule, b, its)) continue;
        std::vector<Proposal> made;
        Propose(rule, b, s, its, r.mentions, r.numbers, r.statements, r.dates, index, made);
        // The same claim for the mentions coordinated with the first or
        // last argument ("support from X, Y and Z").
        for (const auto& [slot, item] : CoordinatedArguments(rule, b, its, r.mentions)) {
          Binding other = b;
          other.slot_item[SlotIndex(slot)] = static_cast<int>(item);
          Propose(rule, other, s, its, r.mentions, r.numbers, r.statements, r.dates, index, made);
        }
        for (auto& p : made) {
          if (!seen.insert(p.Fingerprint()).second) continue;
          if (sentence_digest.empty()) sentence_digest = Digest(index.Slice(p.start, p.end));
          p.digest = sentence_digest;
          r.proposals.push_back(std::move(p));
        }
      }
    }
  }
  ProposeFromNames(r.mentions, index, items, seen, r.proposals);
  return r;
}

}  // namespace vigil::reading
