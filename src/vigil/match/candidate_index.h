// Exact-lookup candidate generation for screening: never a scan of the list.
//
// Every listed name is entered under keys derived from its parts:
//   kPart      the folded part ("haqqani"), its form without a glued
//              article ("alqaeda" -> "qaeda"), and adjacent parts joined
//              ("abdul"+"rahman" -> "abdulrahman"), so spacing variants meet;
//   kSkeleton  the consonant key ("hkn"): Arabic-script, Cyrillic and Latin
//              spellings of one name meet here, as do most vowel variants;
//   kDeletion  parts of 3+ letters and every single-letter deletion of
//              parts of 4+ letters: the query's part and its own deletions
//              looked up here find one typo, insertion, omission or
//              transposition (symmetric deletion), one look-up per variant;
//   kJoined    the whole name with spaces removed ("alqaeda");
//   kTrigram   letter trigrams of the joined name: the fallback when no
//              part-level key finds anything, so recall never drops to zero.
// Keys are 64-bit hashes in one sorted array with CSR postings (name ids),
// about 150-250 bytes per listed name, plus a table of where each value of
// a key's top 16 bits starts, so a look-up reads two cache lines instead of
// binary-searching the whole array. Immutable after Build; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "vigil/match/watchlist.h"

namespace vigil::match {

enum class KeyType : uint8_t { kPart, kSkeleton, kDeletion, kJoined, kTrigram };

class CandidateIndex {
 public:
  CandidateIndex() = default;
  static CandidateIndex Build(const WatchList& list);

  // The ids of the names entered under a key (empty when none).
  std::span<const uint32_t> Find(KeyType type, std::string_view key) const;
  // Find for many keys at once, by their Hash(): out[i] answers hashes[i].
  // Each look-up reads four places far apart (its bucket, its key, its
  // offsets, its postings); here every look-up's next place is asked for
  // before any is read, so that their cache misses overlap instead of
  // following one another.
  void FindMany(std::span<const uint64_t> hashes, std::span<std::span<const uint32_t>> out) const;

  size_t key_count() const { return keys_.size(); }
  size_t posting_count() const { return postings_.size(); }
  size_t MemoryBytes() const;

  static uint64_t Hash(KeyType type, std::string_view key);

 private:
  friend class SnapshotCodec;  // snapshot.cc
  static constexpr int kBucketBits = 16;
  void BuildBuckets();  // from keys_
  std::vector<uint64_t> keys_;      // sorted
  std::vector<uint32_t> offsets_;   // keys_.size() + 1
  std::vector<uint32_t> postings_;  // name ids, ascending within a key
  std::vector<uint32_t> buckets_;   // 2^kBucketBits + 1: first key with each top-bits value
};

// Calls f(variant) for each single-letter deletion of word (distinct).
template <typename F>
void ForEachDeletion(std::string_view word, F&& f) {
  std::string buffer;
  for (size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) continue;  // same variant as the previous
    buffer.assign(word.substr(0, i));
    buffer.append(word.substr(i + 1));
    f(std::string_view(buffer));
  }
}

// Minimum length of a part whose deletions are indexed and looked up.
inline constexpr size_t kMinDeletionLength = 4;

}  // namespace vigil::match
