// CandidateIndex: keys collected per name, sorted once into CSR form.
#include "vigil/match/candidate_index.h"

#include <algorithm>
#include <string>

namespace vigil::match {

uint64_t CandidateIndex::Hash(KeyType type, std::string_view key) {
  // FNV-1a over the type tag and the bytes, then a final avalanche (splitmix64).
  uint64_t h = 1469598103934665603ull ^ static_cast<uint64_t>(type);
  h *= 1099511628211ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

namespace {

// LSD radix sort on the 64-bit key, 16 bits a pass; stable, so entries added
// in name order stay in name order within a key. A comparison sort of the
// million entries of the official lists took most of the build time.
void RadixSortByKey(std::vector<std::pair<uint64_t, uint32_t>>& entries) {
  std::vector<std::pair<uint64_t, uint32_t>> buffer(entries.size());
  std::vector<uint32_t> counts(1 << 16);
  for (int shift = 0; shift < 64; shift += 16) {
    std::fill(counts.begin(), counts.end(), 0);
    for (const auto& e : entries) ++counts[(e.first >> shift) & 0xFFFF];
    uint32_t total = 0;
    for (auto& c : counts) {
      uint32_t n = c;
      c = total;
      total += n;
    }
    for (const auto& e : entries) buffer[counts[(e.first >> shift) & 0xFFFF]++] = e;
    entries.swap(buffer);
  }
}

}  // namespace

CandidateIndex CandidateIndex::Build(const WatchList& list) {
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  entries.reserve(list.names().size() * 24);
  for (uint32_t id = 0; id < list.names().size(); ++id) {
    const AnalyzedName& name = list.names()[id].analysis;
    auto add = [&](KeyType type, std::string_view key) {
      if (!key.empty()) entries.emplace_back(Hash(type, key), id);
    };
    for (size_t i = 0; i < name.parts.size(); ++i) {
      const NamePart& part = name.parts[i];
      add(KeyType::kPart, part.folded);
      if (!part.alt.empty()) add(KeyType::kPart, part.alt);
      if (part.skeleton.size() >= 2) add(KeyType::kSkeleton, part.skeleton);
      if (part.bare.size() >= 2) add(KeyType::kSkeleton, part.bare);
      if (part.folded.size() >= kMinDeletionLength && !part.initial) {
        add(KeyType::kDeletion, part.folded);
        ForEachDeletion(part.folded, [&](std::string_view d) { add(KeyType::kDeletion, d); });
      }
      if (part.folded.size() + 1 == kMinDeletionLength && !part.initial)
        add(KeyType::kDeletion, part.folded);  // a query's 4-letter typo of it finds it
      if (i + 1 < name.parts.size()) add(KeyType::kPart, part.folded + name.parts[i + 1].folded);
    }
    add(KeyType::kJoined, name.joined);
    const std::string& joined = name.joined;
    for (size_t i = 0; i + 3 <= joined.size(); ++i)
      add(KeyType::kTrigram, std::string_view(joined).substr(i, 3));
  }
  RadixSortByKey(entries);  // stable: names stay in ascending id order within a key
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());

  CandidateIndex index;
  index.postings_.reserve(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i == 0 || entries[i].first != entries[i - 1].first) {
      index.keys_.push_back(entries[i].first);
      index.offsets_.push_back(static_cast<uint32_t>(index.postings_.size()));
    }
    index.postings_.push_back(entries[i].second);
  }
  index.offsets_.push_back(static_cast<uint32_t>(index.postings_.size()));
  index.keys_.shrink_to_fit();
  index.offsets_.shrink_to_fit();
  index.BuildBuckets();
  return index;
}

void CandidateIndex::BuildBuckets() {
  buckets_.assign((size_t{1} << kBucketBits) + 1, 0);
  size_t k = 0;
  for (size_t b = 0; b < (size_t{1} << kBucketBits); ++b) {
    buckets_[b] = static_cast<uint32_t>(k);
    while (k < keys_.size() && (keys_[k] >> (64 - kBucketBits)) == b) ++k;
  }
  buckets_.back() = static_cast<uint32_t>(keys_.size());
}

std::span<const uint32_t> CandidateIndex::Find(KeyType type, std::string_view key) const {
  if (key.empty()) return {};
  const uint64_t h = Hash(type, key);
  std::span<const uint32_t> found;
  FindMany(std::span(&h, 1), std::span(&found, 1));
  return found;
}

namespace {

// FindMany's working vector, per thread. Not inlined: see
// ThreadCompareScratch (name_scorer.cc).
[[gnu::noinline]] std::vector<uint32_t>& ThreadSlots() {
  thread_local std::vector<uint32_t> slots;
  return slots;
}

}  // namespace

void CandidateIndex::FindMany(std::span<const uint64_t> hashes,
                              std::span<std::span<const uint32_t>> out) const {
  const size_t n = hashes.size();
  if (keys_.empty()) {
    std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), std::span<const uint32_t>());
    return;
  }
  auto bucket = [](uint64_t h) { return static_cast<size_t>(h >> (64 - kBucketBits)); };
  for (uint64_t h : hashes) __builtin_prefetch(&buckets_[bucket(h)]);
  // Where each key's bucket starts in keys_, then the key's slot (kNone:
  // not entered).
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t>& at = ThreadSlots();
  at.resize(n);
  for (size_t i = 0; i < n; ++i) {
    at[i] = buckets_[bucket(hashes[i])];
    __builtin_prefetch(keys_.data() + at[i]);
  }
  for (size_t i = 0; i < n; ++i) {
    const auto first = keys_.begin() + at[i];
    const auto last = keys_.begin() + buckets_[bucket(hashes[i]) + 1];
    const auto it = std::lower_bound(first, last, hashes[i]);
    at[i] = it == last || *it != hashes[i] ? kNone : static_cast<uint32_t>(it - keys_.begin());
    if (at[i] != kNone) __builtin_prefetch(&offsets_[at[i]]);
  }
  for (size_t i = 0; i < n; ++i) {
    if (at[i] == kNone) {
      out[i] = {};
      continue;
    }
    const uint32_t from = offsets_[at[i]], to = offsets_[at[i] + 1];
    __builtin_prefetch(postings_.data() + from);
    out[i] = std::span<const uint32_t>(postings_.data() + from, to - from);
  }
}

size_t CandidateIndex::MemoryBytes() const {
  return keys_.capacity() * sizeof(uint64_t) + offsets_.capacity() * sizeof(uint32_t) +
         postings_.capacity() * sizeof(uint32_t) + buckets_.capacity() * sizeof(uint32_t);
}

}  // namespace vigil::match

namespace vigil::match {
const char* CandidateIndexBuildId() { return __DATE__ " " __TIME__; }
}  // namespace vigil::match
