// A multi-pattern matcher (Aho-Corasick) over folded code points: every
// occurrence of every pattern in one pass over the text, in time linear in
// the text plus the matches. NaiveFindAll() is its slow, obviously correct
// reference, checked against it by tests and the fuzzer.
//
//   NameAutomaton a({U"haqqani", U"haqqani network"});
//   for (auto m : a.FindAll(U" the haqqani network ")) ...   // {5,12,0}, {5,20,1}
#pragma once

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::reading {

struct PatternMatch {
  size_t begin = 0, end = 0;  // positions in the text, end exclusive
  size_t pattern = 0;         // index into the patterns given
  friend bool operator==(const PatternMatch&, const PatternMatch&) = default;
};

class NameAutomaton {
 public:
  // Empty patterns are ignored; duplicates each report their own matches.
  explicit NameAutomaton(const std::vector<std::u32string>& patterns);

  // Every match, ordered by end, then by pattern length (longest first).
  std::vector<PatternMatch> FindAll(std::u32string_view text) const;
  size_t states() const { return fail_.size(); }

 private:
  int32_t Next(int32_t state, char32_t c) const;
  absl::flat_hash_map<uint64_t, int32_t> edges_;  // (state << 32 | c) -> state
  std::vector<int32_t> fail_;
  std::vector<int32_t> output_link_;  // nearest state on the fail chain with outputs
  std::vector<std::vector<int32_t>> outputs_;  // patterns ending at each state
  std::vector<size_t> lengths_;
};

// Every occurrence of every non-empty pattern, by brute force, in the order
// FindAll() gives.
std::vector<PatternMatch> NaiveFindAll(const std::vector<std::u32string>& patterns,
                                       std::u32string_view text);

}  // namespace vigil::reading
