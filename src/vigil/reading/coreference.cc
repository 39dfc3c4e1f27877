// Coreference: the referring expressions (as data: descriptions and
// pronouns with the entity kinds they may refer to) and their resolution.
//
// An expression is resolved to the most recent earlier mention of a
// compatible kind in its own sentence (a subject pronoun opening a clause:
// the sentence's first compatible mention); failing that, to the first
// compatible mention (the likely subject) of the nearest earlier sentence
// within its window. Earlier references count as mentions ("the group ...
// its"). A description whose noun is in one of the candidate entity's names
// ("the network" for "the Haqqani network") prefers that entity within its
// window. Pronouns never cross more than one sentence; relative pronouns
// ("who", "which", "whose") refer to the nearest compatible mention a few
// tokens before them in their sentence.
#include "vigil/reading/internal/coreference.h"

#include <fmt/format.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace vigil::reading::internal {
namespace {

struct ReferringSpec {
  const char* words;  // the pronoun, or the description's head noun, '|' between
  const char* kinds;  // entity kinds it may refer to
  bool description;   // "the <noun>" (an adjective may come between)
  int window;         // sentences back it may reach; relative pronouns: -1,
                      // within kRelativeReach tokens in their own sentence
  double confidence;
};

// A relative pronoun's antecedent ends at most this many tokens before it
// ("X, a former official who").
constexpr size_t kRelativeReach = 8;

constexpr ReferringSpec kReferring[] = {
    {"group|network|movement|organization|organisation|outfit|militia|faction|insurgency|"
     "insurgents|militants|jihadists",
     "organization", true, 3, 0.6},
    {"country|state|nation", "state", true, 2, 0.6},
    {"its", "organization|state|government_body", false, 1, 0.5},
    {"it", "organization|state|government_body", false, 1, 0.5},
    {"he|his|him", "person", false, 1, 0.5},
    {"they|their|them", "organization", false, 1, 0.4},
    {"who|whom", "person|organization", false, -1, 0.6},
    {"which", "organization|state|government_body", false, -1, 0.6},
    {"whose", "person|organization|state|government_body", false, -1, 0.6},
};

// "it is", "it was", "it seems": mostly the impersonal "it".
bool ImpersonalItFollows(const std::u32string& next) {
  return next == U"is" || next == U"was" || next == U"s" || next == U"seems" ||
         next == U"seemed" || next == U"appears" || next == U"appeared" || next == U"remains" ||
         next == U"would" || next == U"will" || next == U"may" || next == U"might" ||
         next == U"could" || next == U"should" || next == U"must" || next == U"takes" ||
         next == U"took" || next == U"matters";
}

std::vector<std::u32string> SplitReferringWords(const char* words) {
  std::vector<std::u32string> out;
  std::string_view all = words;
  for (size_t at = 0; at <= all.size();) {
    size_t bar = std::min(all.find('|', at), all.size());
    out.push_back(FoldName(all.substr(at, bar - at)));
    at = bar + 1;
  }
  return out;
}

struct ReferringTable {
  std::unordered_map<std::u32string, const ReferringSpec*> by_word;
  // First letters and the longest word of the table: most tokens are
  // ruled out without hashing them.
  bool first_letter[128] = {};
  size_t longest = 0;
  bool MayHold(const std::u32string& word) const {
    return !word.empty() && word.size() <= longest && word.front() < 128 &&
           first_letter[word.front()];
  }
  std::map<const ReferringSpec*, std::vector<std::string>> kinds;
};

const ReferringTable& ReferringExpressionTable() {
  static const ReferringTable* table = [] {
    auto* t = new ReferringTable;
    for (const ReferringSpec& spec : kReferring) {
      for (auto& w : SplitReferringWords(spec.words)) {
        if (!w.empty() && w.front() < 128) t->first_letter[w.front()] = true;
        t->longest = std::max(t->longest, w.size());
        t->by_word.emplace(w, &spec);
      }
      std::string_view kinds = spec.kinds;
      for (size_t at = 0; at <= kinds.size();) {
        size_t bar = std::min(kinds.find('|', at), kinds.size());
        t->kinds[&spec].emplace_back(kinds.substr(at, bar - at));
        at = bar + 1;
      }
    }
    return t;
  }();
  return *table;
}

const std::string& ResolvedKindOf(const Mention& m) {
  static const std::string none;
  for (const auto& c : m.candidates)
    if (c.entity == m.entity) return c.entity_kind;
  return none;
}

bool CanBeAntecedent(const Mention& m) {
  if (m.entity.empty() || m.via == "demonym" || m.nested) return false;
  const std::string& kind = ResolvedKindOf(m);
  return kind != "place";
}

// The mention [start, end) of sentence that refers back to antecedent: the
// antecedent's entity and candidates for it, its span recorded, at the
// referring expression's confidence.
Mention ReferenceTo(const Mention& antecedent, int64_t start, int64_t end, size_t sentence,
                    double confidence, const TextIndex& index) {
  Mention r;
  r.start = start;
  r.end = end;
  r.text = index.Slice(r.start, r.end);
  r.sentence = sentence;
  for (const auto& c : antecedent.candidates)
    if (c.entity == antecedent.entity) r.candidates.push_back(c);
  r.entity = antecedent.entity;
  r.via = "coreference";
  r.confidence = confidence;
  r.antecedent_start = antecedent.start;
  r.antecedent_end = antecedent.end;
  r.reason = fmt::format("'{}' refers back to '{}' [{}, {}]", r.text, antecedent.text,
                         antecedent.start, antecedent.end);
  return r;
}

}  // namespace

void AddCoreferences(const NameDictionary& names, const TextIndex& index,
                     std::vector<Mention>& mentions) {
  const auto& tokens = index.tokens();
  const ReferringTable& table = ReferringExpressionTable();
  std::vector<Mention> added;
  // Entities with a name holding a description's noun ("network").
  std::map<std::u32string, std::vector<std::string>> named_with;
  auto entities_named_with = [&](const std::u32string& noun) -> const std::vector<std::string>& {
    auto it = named_with.find(noun);
    if (it != named_with.end()) return it->second;
    std::vector<std::string>& out = named_with[noun];
    for (const auto& p : names.patterns()) {
      std::u32string padded = U" " + p.folded + U" ";
      if (padded.find(U" " + noun + U" ") == std::u32string::npos) continue;
      for (size_t e : p.entries) out.push_back(names.entries()[e].entity);
    }
    return out;
  };
  // Possible antecedents so far, in text order: mentions by name and the
  // references already resolved (so that "the group ... its" chains).
  struct Antecedent {
    const Mention* mention;  // in mentions, or null for a reference
    size_t added;            // else its index in added
    size_t sentence;
  };
  std::vector<Antecedent> history;
  auto mention_of = [&](const Antecedent& a) -> const Mention& {
    return a.mention ? *a.mention : added[a.added];
  };
  size_t m = 0;  // first mention not before the token
  for (size_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    if (token.kind != TokenKind::kWord) continue;
    while (m < mentions.size() && mentions[m].end <= token.start) {
      if (CanBeAntecedent(mentions[m])) history.push_back({&mentions[m], 0, mentions[m].sentence});
      ++m;
    }
    if (m < mentions.size() && mentions[m].start < token.end) continue;  // inside a name
    if (!table.MayHold(token.folded)) continue;
    auto found = table.by_word.find(token.folded);
    if (found == table.by_word.end()) continue;
    size_t first = t;
    const ReferringSpec* spec = found->second;
    if (!spec->description) {
      if (token.folded == U"it" && t + 1 < tokens.size() && ImpersonalItFollows(tokens[t + 1].folded))
        continue;
    } else {
      // "the group", "the militant group", "this network"
      if (t == 0) continue;
      size_t d = t - 1;
      if (d > 0 && tokens[d].kind == TokenKind::kWord && tokens[d].folded != U"the" &&
          tokens[d].folded != U"this" && !u_isupper(index.code_points()[tokens[d].start]))
        --d;  // one adjective, not a capitalised word (a name's part)
      if (tokens[d].folded != U"the" && tokens[d].folded != U"this") continue;
      // Not "the group of", and not a description right before a name (its
      // apposition: "the group ISIS-K").
      if (t + 1 < tokens.size() && tokens[t + 1].folded == U"of") continue;
      if (m < mentions.size() && t + 1 < tokens.size() && mentions[m].start == tokens[t + 1].start)
        continue;
      first = d;
    }
    size_t sentence = index.SentenceAt(token.start);
    const auto& kinds = table.kinds.at(spec);
    auto compatible = [&](const Antecedent& a) {
      const Mention& am = mention_of(a);
      return std::find(kinds.begin(), kinds.end(), ResolvedKindOf(am)) != kinds.end();
    };
    std::vector<std::string> preferred;
    if (spec->description) preferred = entities_named_with(token.folded);
    auto prefers = [&](const Antecedent& a) {
      return std::find(preferred.begin(), preferred.end(), mention_of(a).entity) != preferred.end();
    };
    if (spec->window < 0) {
      // A relative pronoun: the nearest compatible mention before it in its
      // sentence, ending at most kRelativeReach tokens before, with no
      // other mention between but ones of another kind.
      const Antecedent* nearest = nullptr;
      for (size_t k = history.size(); k > 0 && history[k - 1].sentence == sentence; --k) {
        if (compatible(history[k - 1])) {
          nearest = &history[k - 1];
          break;
        }
      }
      if (!nearest) continue;
      const Mention& a = mention_of(*nearest);
      size_t between = 0;
      for (size_t j = t; j > 0 && tokens[j - 1].start >= a.end; --j) ++between;
      if (between > kRelativeReach) continue;
      added.push_back(
          ReferenceTo(a, token.start, token.end, sentence, spec->confidence, index));
      history.push_back({nullptr, added.size() - 1, sentence});
      continue;
    }
    const Antecedent* same = nullptr;  // same sentence: the most recent compatible
    const Antecedent* best = nullptr;  // one whose name holds the noun
    size_t k = history.size();
    // A subject pronoun opening a clause ("...; and in 2013, it attacked")
    // continues the sentence's subject: the first compatible mention in it.
    bool clause_subject = (token.folded == U"it" || token.folded == U"he" ||
                           token.folded == U"they") &&
                          t > 0 && (tokens[t - 1].kind == TokenKind::kPunctuation ||
                                    tokens[t - 1].folded == U"and" ||
                                    tokens[t - 1].folded == U"but");
    for (; k > 0 && history[k - 1].sentence == sentence; --k) {
      const Antecedent& a = history[k - 1];
      if (!compatible(a)) continue;
      if (!same || clause_subject) same = &a;
      if (!best && !preferred.empty() && prefers(a)) best = &a;
    }
    // Earlier sentences: the first compatible mention (the likely subject)
    // of the nearest one that has one.
    const Antecedent* earlier = nullptr;
    while (k > 0 && !(best || (same && preferred.empty()))) {
      size_t s = history[k - 1].sentence;
      if (sentence - s > static_cast<size_t>(spec->window)) break;
      size_t begin = k;
      while (begin > 0 && history[begin - 1].sentence == s) --begin;
      for (size_t j = begin; j < k && !best; ++j) {
        if (!compatible(history[j])) continue;
        if (!earlier) earlier = &history[j];
        if (!preferred.empty() && prefers(history[j])) best = &history[j];
      }
      if (earlier && preferred.empty()) break;
      k = begin;
    }
    const Antecedent* chosen = best ? best : same ? same : earlier;
    if (!chosen) continue;
    const Mention& antecedent = mention_of(*chosen);
    added.push_back(ReferenceTo(antecedent, tokens[first].start, token.end, sentence,
                                spec->confidence, index));
    history.push_back({nullptr, added.size() - 1, sentence});
  }
  if (added.empty()) return;
  // Both are ordered by start: one merge.
  size_t names_end = mentions.size();
  mentions.insert(mentions.end(), std::make_move_iterator(added.begin()),
                  std::make_move_iterator(added.end()));
  std::inplace_merge(mentions.begin(), mentions.begin() + static_cast<std::ptrdiff_t>(names_end),
                     mentions.end(),
                     [](const Mention& a, const Mention& b) { return a.start < b.start; });
}

}  // namespace vigil::reading::internal
