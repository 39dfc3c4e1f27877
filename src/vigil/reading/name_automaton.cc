// NameAutomaton: a trie with failure links built breadth first, and output
// links so that reporting a match never walks states without outputs.
#include "vigil/reading/name_automaton.h"

#include <algorithm>
#include <deque>

namespace vigil::reading {
namespace {

uint64_t EdgeKey(int32_t state, char32_t c) {
  return (static_cast<uint64_t>(static_cast<uint32_t>(state)) << 32) | c;
}

void SortMatches(std::vector<PatternMatch>& matches) {
  std::sort(matches.begin(), matches.end(), [](const PatternMatch& a, const PatternMatch& b) {
    if (a.end != b.end) return a.end < b.end;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.pattern < b.pattern;
  });
}

}  // namespace

NameAutomaton::NameAutomaton(const std::vector<std::u32string>& patterns) {
  fail_.push_back(0);
  outputs_.emplace_back();
  std::vector<std::vector<std::pair<char32_t, int32_t>>> children(1);
  lengths_.reserve(patterns.size());
  for (size_t p = 0; p < patterns.size(); ++p) {
    lengths_.push_back(patterns[p].size());
    if (patterns[p].empty()) continue;
    int32_t state = 0;
    for (char32_t c : patterns[p]) {
      auto it = edges_.find(EdgeKey(state, c));
      if (it != edges_.end()) {
        state = it->second;
        continue;
      }
      int32_t next = static_cast<int32_t>(fail_.size());
      fail_.push_back(0);
      outputs_.emplace_back();
      children.emplace_back();
      edges_.emplace(EdgeKey(state, c), next);
      children[state].push_back({c, next});
      state = next;
    }
    outputs_[state].push_back(static_cast<int32_t>(p));
  }
  output_link_.assign(fail_.size(), -1);
  std::deque<int32_t> queue;
  for (auto [c, child] : children[0]) queue.push_back(child);
  while (!queue.empty()) {
    int32_t state = queue.front();
    queue.pop_front();
    for (auto [c, child] : children[state]) {
      int32_t f = fail_[state];
      while (f != 0 && !edges_.contains(EdgeKey(f, c))) f = fail_[f];
      auto it = edges_.find(EdgeKey(f, c));
      fail_[child] = (it != edges_.end() && it->second != child) ? it->second : 0;
      int32_t link = fail_[child];
      output_link_[child] = !outputs_[link].empty() ? link : output_link_[link];
      queue.push_back(child);
    }
  }
}

int32_t NameAutomaton::Next(int32_t state, char32_t c) const {
  while (true) {
    auto it = edges_.find(EdgeKey(state, c));
    if (it != edges_.end()) return it->second;
    if (state == 0) return 0;
    state = fail_[state];
  }
}

std::vector<PatternMatch> NameAutomaton::FindAll(std::u32string_view text) const {
  std::vector<PatternMatch> matches;
  int32_t state = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    state = Next(state, text[i]);
    for (int32_t s = outputs_[state].empty() ? output_link_[state] : state; s > 0;
         s = output_link_[s]) {
      for (int32_t p : outputs_[s]) matches.push_back({i + 1 - lengths_[p], i + 1, size_t(p)});
    }
  }
  SortMatches(matches);
  return matches;
}

std::vector<PatternMatch> NaiveFindAll(const std::vector<std::u32string>& patterns,
                                       std::u32string_view text) {
  std::vector<PatternMatch> matches;
  for (size_t p = 0; p < patterns.size(); ++p) {
    if (patterns[p].empty() || patterns[p].size() > text.size()) continue;
    for (size_t i = 0; i + patterns[p].size() <= text.size(); ++i)
      if (text.substr(i, patterns[p].size()) == patterns[p])
        matches.push_back({i, i + patterns[p].size(), p});
  }
  SortMatches(matches);
  return matches;
}

}  // namespace vigil::reading
