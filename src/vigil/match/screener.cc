// Screener: look-ups, coverage ranking, scoring, evidence.
#include "vigil/match/screener.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <span>
#include <string>

#include "vigil/text/country.h"

namespace vigil::match {
namespace {

// The first element not below v in the ascending [first, last), found by
// doubling steps from first: cheap when it is near, as in a merge of a short
// list into a long one.
const uint32_t* GallopTo(const uint32_t* first, const uint32_t* last, uint32_t v) {
  size_t step = 1;
  while (static_cast<size_t>(last - first) > step && first[step] < v) {
    first += step;
    step <<= 1;
  }
  return std::lower_bound(first, first + std::min(step + 1, static_cast<size_t>(last - first)), v);
}

// How many postings ahead a listed name's slot is asked for (a miss costs
// about as much as crediting a dozen names whose slots are at hand).
constexpr size_t kPrefetchAhead = 16;

// Per-thread accumulators over all listed names, reset through a touched list.
struct Scratch {
  struct Slot {
    float coverage = 0;
    int32_t last_part = -1;  // the last query part credited to the name
    bool typo = false;       // a part was credited by a one-typo key
  };
  std::vector<Slot> slots;        // one per listed name, read together
  std::vector<uint64_t> seen;     // a bit per listed name: touched
  std::vector<uint32_t> touched;  // the names touched, in touching order
  std::vector<std::pair<float, uint32_t>> ranked;  // candidates by coverage
  struct Lookup {
    std::span<const uint32_t> ids;  // ascending
    int32_t tag;                    // the query part (or pair, or whole name)
    float amount;
    bool typo;                      // a one-typo key
  };
  std::vector<Lookup> lookups;
  std::vector<size_t> reach;      // postings of each part's keys
  std::vector<uint8_t> seeds;     // how each part's keys are followed
  std::vector<uint8_t> spelt;     // whether each part's own spelling is listed
  std::vector<uint64_t> hashes;   // the query's keys, looked up together
  std::vector<std::span<const uint32_t>> found;  // their postings
  std::vector<int32_t> exact_at;  // each part's look-up of its own spelling
  std::vector<int32_t> order;     // the parts, rarest first
  // The look-ups followed, by query part (tag), and those that only narrow
  // the names the others reached.
  std::vector<std::pair<int32_t, std::span<const uint32_t>>> credited;
  std::vector<Lookup> deferred;
  std::vector<uint32_t> reached;  // the touched names, ascending, when reached_sorted
  bool reached_sorted = false;
  std::vector<std::span<const uint32_t>> grams;  // the query's trigrams' postings

  bool Seen(uint32_t id) const { return (seen[id >> 6] >> (id & 63)) & 1; }
  // A listed name's slot is read a few names ahead of its credit: the
  // postings say which, and on a list of millions each slot is a miss.
  void Prefetch(uint32_t id) const { __builtin_prefetch(&slots[id], 1); }
  Slot& Touch(uint32_t id) {
    uint64_t& word = seen[id >> 6];
    uint64_t bit = uint64_t{1} << (id & 63);
    if (!(word & bit)) {
      word |= bit;
      touched.push_back(id);
      reached_sorted = false;
    }
    return slots[id];
  }
  // Calls f(id) for each name of `ids` (ascending) already touched: walks
  // the postings, testing each name's bit (a bitmap small enough to stay in
  // cache), or, for postings far longer than the names touched, gallops
  // through them from each touched name (sorted once, ascending like the
  // postings). The gallop's branches mispredict, the walk's reads stream,
  // so the walk wins until the postings are some 16 times longer per
  // galloping step.
  template <typename F>
  void ForEachReached(std::span<const uint32_t> ids, F f) {
    if (touched.empty()) return;
    size_t steps = 1;
    while ((touched.size() << steps) < ids.size()) ++steps;
    if (ids.size() <= 16 * touched.size() * steps) {
      for (uint32_t id : ids)
        if (Seen(id)) f(id);
      return;
    }
    if (!reached_sorted) {
      reached.assign(touched.begin(), touched.end());
      std::sort(reached.begin(), reached.end());
      reached_sorted = true;
    }
    const uint32_t* from = ids.data();
    const uint32_t* end = ids.data() + ids.size();
    for (uint32_t id : reached) {
      from = GallopTo(from, end, id);
      if (from == end) break;
      if (*from == id) f(id);
    }
  }
  void Reset(size_t names) {
    if (slots.size() != names) {
      slots.assign(names, Slot{});
      seen.assign((names + 63) / 64, 0);
      touched.clear();
      reached_sorted = false;
      return;
    }
    for (uint32_t id : touched) {
      slots[id] = Slot{};
      seen[id >> 6] = 0;
    }
    touched.clear();
    reached_sorted = false;
  }
};

// Candidates by coverage, best first; equal coverage by place in the list.
bool BetterCandidate(const std::pair<float, uint32_t>& a, const std::pair<float, uint32_t>& b) {
  return a.first != b.first ? a.first > b.first : a.second < b.second;
}

// How many letters one name and the query do not share (a bit per letter
// each): a cheap proxy of the score to come.
int LettersApart(uint64_t name_letters, uint64_t query_letters) {
  return std::popcount(name_letters ^ query_letters);
}

// The candidates are the first `keep` of `ranked` (sorted, best first). Of
// them, `reserve` go to names that a one-typo key credited, when the names
// ranked higher leave that many out: on a list of millions, the names that
// share a common given name and the consonants of the other part (Ali
// Casado, Ali Kasadha for "Ali Csad") outrank, by their skeleton key, the
// one name a one-typo key finds (Ali Chad), and would fill the candidates.
// The best such names left out take the places of the last names kept that
// a one-typo key did not credit; the number scored stays the same.
// Among names of equal coverage, those whose letters differ least from the
// query's (`letters`, a bit per letter of each listed name) come first.
void ReserveTypoCandidates(std::vector<std::pair<float, uint32_t>>* ranked, size_t keep,
                           size_t reserve, const std::vector<Scratch::Slot>& slots,
                           const std::vector<uint64_t>& letters, uint64_t query_letters) {
  reserve = std::min(reserve, keep / 4);
  if (reserve == 0 || ranked->size() <= keep) return;
  const auto first = ranked->begin();
  const auto kept_end = first + static_cast<std::ptrdiff_t>(keep);
  size_t have = 0;
  for (auto it = first; it != kept_end; ++it) have += slots[it->second].typo ? 1 : 0;
  if (have >= reserve) return;
  const auto typo_end = std::partition(kept_end, ranked->end(),
                                       [&](const auto& r) { return slots[r.second].typo; });
  const size_t take = std::min(reserve - have, static_cast<size_t>(typo_end - kept_end));
  if (take == 0) return;
  std::partial_sort(kept_end, kept_end + static_cast<std::ptrdiff_t>(take), typo_end,
                    [&](const auto& a, const auto& b) {
                      if (a.first != b.first) return a.first > b.first;
                      const int da = LettersApart(letters[a.second], query_letters);
                      const int db = LettersApart(letters[b.second], query_letters);
                      return da != db ? da < db : a.second < b.second;
                    });
  // Swap each into the place of the last kept name not credited by a typo key.
  auto out = kept_end;
  for (size_t i = 0; i < take; ++i) {
    do --out;
    while (slots[out->second].typo);
    std::iter_swap(out, kept_end + static_cast<std::ptrdiff_t>(i));
  }
  std::sort(first, kept_end, BetterCandidate);
}

// Not inlined: see ThreadCompareScratch (name_scorer.cc).
[[gnu::noinline]] Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// The trigram fallback's budget of postings that touch names, in
// max_seed_postings: a name has about as many trigrams as letters.
constexpr size_t kTrigramSeedFactor = 16;

std::string YearsText(double days) { return fmt::format("{:.1f} years", days / 365.25); }

}  // namespace

Evidence BirthDateEvidence(const DayRange& query, const std::vector<DayRange>& listed) {
  Evidence e{"birth_date", 0, ""};
  if (listed.empty()) {
    e.detail = "the listing gives no birth date";
    return e;
  }
  int64_t best_gap = INT64_MAX;
  bool exact_day = false;
  for (const auto& r : listed) {
    int64_t gap = 0;
    if (query.last < r.first) gap = r.first - query.last;
    else if (query.first > r.last) gap = query.first - r.last;
    if (gap < best_gap) best_gap = gap;
    exact_day |= gap == 0 && query.first == query.last && r.first == r.last;
  }
  if (best_gap == 0) {
    e.effect = exact_day ? 0.06 : 0.04;
    e.detail = exact_day ? "the same day as a listed birth date"
                         : "falls within a listed birth date or range";
  } else if (best_gap <= 366) {
    e.effect = 0.04 * (1.0 - static_cast<double>(best_gap) / 366.0);
    e.detail = fmt::format("{} from the nearest listed birth date: tolerated", YearsText(static_cast<double>(best_gap)));
  } else {
    double years = static_cast<double>(best_gap) / 365.25;
    e.effect = -std::min(0.25, 0.06 * years);
    e.detail = fmt::format("{} from the nearest listed birth date: contradicts",
                           YearsText(static_cast<double>(best_gap)));
  }
  return e;
}

Status ValidateThreshold(double threshold) {
  if (std::isfinite(threshold) && threshold >= 0.0 && threshold <= 1.0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      fmt::format("threshold: must be a number between 0 and 1, got {}", threshold));
}

Status ValidateTop(size_t top) {
  if (top >= 1 && top <= kMaxTop) return absl::OkStatus();
  return absl::InvalidArgumentError(
      fmt::format("top: must be a whole number between 1 and {}, got {}", kMaxTop, top));
}

namespace {
constexpr size_t kMaxNameBytes = 1000;    // NameProblem (screener.h)
constexpr size_t kMaxCountryBytes = 200;  // CountryProblem
}  // namespace

std::string NameProblem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.size() > kMaxNameBytes)
    return fmt::format("is {} bytes long, more than the {} a name may have", name.size(),
                       kMaxNameBytes);
  CleanedText cleaned = CleanText(name);
  if (HasLetterOrDigit(cleaned.text)) return "";
  if (!cleaned.removed.empty())
    return fmt::format("has no letters or digits once invisible characters are removed ({})",
                       DescribeRemoved(cleaned.removed));
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  if (std::all_of(name.begin(), name.end(), space)) return "is blank";
  return "has no letters or digits";
}

std::string BirthDateProblem(std::string_view birth_date) {
  DayRange ignored;
  if (birth_date.empty() || ParseDayRange(birth_date, &ignored)) return "";
  return fmt::format("'{}' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO)", birth_date);
}

std::string CountryProblem(std::string_view country) {
  if (country.empty()) return "";
  if (country.size() > kMaxCountryBytes)
    return fmt::format("is {} bytes long: no country's name is longer than {}", country.size(),
                       kMaxCountryBytes);
  if (!CountryCode(country).empty()) return "";
  return fmt::format("'{}' names no country (an ISO code or an English name: AF, Afghanistan)",
                     country);
}

Status ValidateBirthDate(std::string_view birth_date) {
  std::string problem = BirthDateProblem(birth_date);
  if (problem.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError("birth_date: " + problem);
}

Status ValidateCountry(std::string_view country) {
  std::string problem = CountryProblem(country);
  if (problem.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError("country: " + problem);
}

Status ScreenQuery::Validate() const {
  if (std::string problem = NameProblem(name); !problem.empty())
    return absl::InvalidArgumentError("name: " + problem);
  for (const Status& s : {ValidateThreshold(threshold), ValidateTop(top),
                          ValidateBirthDate(birth_date), ValidateCountry(country)})
    if (!s.ok()) return s;
  return absl::OkStatus();
}

Screener::Screener(const WatchList& list, const CandidateIndex& index, ScreenerOptions options)
    : list_(list), index_(index), options_(options), scorer_([&] {
        ScorerOptions scorer = options.scorer;
        scorer.query_omitted_factor *= DenseListFactor(list.names().size());
        return scorer;
      }()) {
  name_letters_.reserve(list.names().size());
  for (const ListedName& name : list.names()) {
    uint64_t letters = 0;
    for (const NamePart& part : name.analysis.parts) letters |= part.letters;
    name_letters_.push_back(letters);
  }
}

void Screener::SortHits(std::vector<Hit>* hits, size_t top) const {
  std::sort(hits->begin(), hits->end(), [&](const Hit& a, const Hit& b) {
    if (a.rank_score != b.rank_score) return a.rank_score > b.rank_score;
    return list_.records()[a.record].key < list_.records()[b.record].key;
  });
  if (hits->size() > top) hits->resize(top);
}

ScreenResult Screener::Screen(const ScreenQuery& query) const {
  CleanedText cleaning = CleanText(query.name);
  ScreenResult result = ScreenReading(query, query.name);
  if (!cleaning.displayed.empty()) {
    // Bidi controls make the name show in another order: what the reader
    // sees is screened too, and each record keeps its better reading.
    ScreenResult shown = ScreenReading(query, cleaning.displayed);
    result.candidates += shown.candidates;
    result.fallback = result.fallback || shown.fallback;
    for (Hit& hit : shown.hits) {
      hit.displayed = true;
      auto it = std::find_if(result.hits.begin(), result.hits.end(),
                             [&](const Hit& h) { return h.record == hit.record; });
      if (it == result.hits.end()) result.hits.push_back(std::move(hit));
      else if (hit.rank_score > it->rank_score) *it = std::move(hit);
    }
    SortHits(&result.hits, query.top);
    result.displayed = std::move(shown.query);
  }
  result.cleaning = std::move(cleaning);
  return result;
}

ScreenResult Screener::ScreenReading(const ScreenQuery& query, std::string_view name) const {
  ScreenResult result;
  result.query = AnalyzeName(name, query.kind);
  list_.ApplyRarity(&result.query);
  const AnalyzedName& q = result.query;
  if (q.parts.empty() || list_.names().empty()) return result;

  Scratch& scratch = ThreadScratch();
  scratch.Reset(list_.names().size());
  double total_weight = 0;
  for (const auto& p : q.parts) total_weight += p.weight;

  // Every look-up of the query, in strength order within each part: a part's
  // first credit to a name is its best. The keys are gathered first and
  // looked up together (CandidateIndex::FindMany).
  std::vector<Scratch::Lookup>& lookups = scratch.lookups;
  lookups.clear();
  std::vector<uint64_t>& hashes = scratch.hashes;
  hashes.clear();
  auto look = [&](KeyType type, std::string_view key, int32_t tag, float amount, bool typo) {
    if (key.empty()) return;
    hashes.push_back(CandidateIndex::Hash(type, key));
    lookups.push_back({{}, tag, amount, typo});
  };
  std::vector<int32_t>& exact_at = scratch.exact_at;  // each part's own spelling's look-up
  exact_at.assign(q.parts.size(), -1);
  for (size_t i = 0; i < q.parts.size(); ++i) {
    const NamePart& part = q.parts[i];
    int32_t tag = static_cast<int32_t>(i);
    float w = static_cast<float>(part.weight);
    if (!part.folded.empty()) exact_at[i] = static_cast<int32_t>(lookups.size());
    look(KeyType::kPart, part.folded, tag, w, false);
    if (!part.alt.empty()) look(KeyType::kPart, part.alt, tag, w, false);
    if (part.skeleton.size() >= 2) look(KeyType::kSkeleton, part.skeleton, tag, 0.9f * w, false);
    if (part.bare.size() >= 2) look(KeyType::kSkeleton, part.bare, tag, 0.8f * w, false);
    if (part.folded.size() >= kMinDeletionLength && !part.initial) {
      look(KeyType::kDeletion, part.folded, tag, 0.8f * w, true);
      ForEachDeletion(part.folded, [&](std::string_view d) {
        look(KeyType::kDeletion, d, tag, 0.75f * w, true);
      });
    }
  }
  // Adjacent query parts written as one word in the list, and the whole name:
  // specific keys, always followed.
  const int32_t parts_n = static_cast<int32_t>(q.parts.size());
  int32_t tag = parts_n;
  for (size_t i = 0; i + 1 < q.parts.size(); ++i, ++tag)
    look(KeyType::kPart, q.parts[i].folded + q.parts[i + 1].folded, tag,
         static_cast<float>(0.5 * (q.parts[i].weight + q.parts[i + 1].weight)), false);
  look(KeyType::kJoined, q.joined, tag, static_cast<float>(total_weight), false);
  std::vector<std::span<const uint32_t>>& found = scratch.found;
  found.resize(hashes.size());
  index_.FindMany(hashes, found);
  std::vector<uint8_t>& spelt = scratch.spelt;  // the part's own spelling is listed
  spelt.assign(q.parts.size(), 0);
  for (size_t i = 0; i < q.parts.size(); ++i)
    spelt[i] = exact_at[i] >= 0 && !found[static_cast<size_t>(exact_at[i])].empty();
  {
    size_t kept = 0;  // look-ups that found nothing are dropped
    for (size_t k = 0; k < lookups.size(); ++k) {
      if (found[k].empty()) continue;
      lookups[kept] = lookups[k];
      lookups[kept++].ids = found[k];
    }
    lookups.resize(kept);
  }

  // Which parts seed the candidates. A part whose keys reach many names (a
  // common given name on a list of millions) would touch them all, though
  // any name it names also has the query's other parts to be found by. The
  // part whose keys reach fewest names seeds with all of them, its one-typo
  // keys included: whichever part is misspelt, a record that a query names
  // with one typo is among them. More parts seed, the rarest first, while
  // their postings add up to the budget; the others only narrow the names
  // those reached.
  std::vector<size_t>& reach = scratch.reach;
  reach.assign(static_cast<size_t>(parts_n), 0);
  for (const auto& l : lookups)
    if (l.tag < parts_n) reach[static_cast<size_t>(l.tag)] += l.ids.size();
  enum : uint8_t { kNarrows, kSeeds, kSeedsWhole };
  std::vector<uint8_t>& seeds = scratch.seeds;
  seeds.assign(static_cast<size_t>(tag) + 1, kSeeds);
  {
    std::vector<int32_t>& order = scratch.order;
    order.resize(static_cast<size_t>(parts_n));
    for (int32_t i = 0; i < parts_n; ++i) order[static_cast<size_t>(i)] = i;
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      return reach[static_cast<size_t>(a)] < reach[static_cast<size_t>(b)];
    });
    size_t spent = 0;
    for (int32_t t : order) {
      size_t r = reach[static_cast<size_t>(t)];
      if (r == 0) continue;
      uint8_t& seed = seeds[static_cast<size_t>(t)];
      seed = spent == 0 ? kSeedsWhole : spent + r <= options_.max_seed_postings ? kSeeds : kNarrows;
      spent += r;
    }
  }

  // Seeding look-ups first; a one-typo key shared by many names (a common
  // name, or a typo of one) is not followed alone by a part that only adds
  // to the seeds, which would touch thousands of names for "Mohammad".
  scratch.credited.clear();
  scratch.deferred.clear();
  for (const auto& l : lookups) {
    uint8_t seed = seeds[static_cast<size_t>(l.tag)];
    // A part that only narrows and is spelt as listed leaves its one-typo
    // keys out: its exact and skeleton keys already credit the names it
    // names, and the one-typo keys of a common part (every deletion of
    // "mohammad") would walk its postings eight times over.
    if (seed == kNarrows && l.typo && l.tag < parts_n && spelt[static_cast<size_t>(l.tag)])
      continue;
    if (seed == kNarrows ||
        (seed == kSeeds && l.typo && l.ids.size() > options_.max_typo_postings)) {
      scratch.deferred.push_back(l);
      continue;
    }
    scratch.credited.emplace_back(l.tag, l.ids);
    for (size_t k = 0; k < l.ids.size(); ++k) {
      if (k + kPrefetchAhead < l.ids.size()) scratch.Prefetch(l.ids[k + kPrefetchAhead]);
      const uint32_t id = l.ids[k];
      Scratch::Slot& slot = scratch.Touch(id);
      if (slot.last_part == l.tag) continue;  // this part already credited
      slot.last_part = l.tag;
      slot.coverage += l.amount;
      slot.typo |= l.typo;
    }
  }

  // The deferred look-ups, narrowed: only names that the seeding keys reached
  // get their credit, so a typo in a common part ("Ruslam Zakharov" for
  // "Ruslan Zakharov" on a list of thousands of Ruslans and hundreds of
  // Zakharovs) still lifts the record it names above the names that share
  // only the other parts, which would otherwise tie with it and fill the
  // max_candidates by id. A name already credited for this part (by a key
  // followed above, which only a part that also seeds has) is not credited
  // again. Deferred keys come in part order, so last_part guards repeats
  // within one part.
  for (const Scratch::Lookup& d : scratch.deferred) {
    const bool part_seeded = seeds[static_cast<size_t>(d.tag)] != kNarrows;
    scratch.ForEachReached(d.ids, [&](uint32_t id) {
      Scratch::Slot& slot = scratch.slots[id];
      if (slot.last_part == d.tag) return;
      if (part_seeded)
        for (const auto& [t, ids] : scratch.credited)
          if (t == d.tag && std::binary_search(ids.begin(), ids.end(), id)) return;
      slot.last_part = d.tag;
      slot.coverage += d.amount;
      slot.typo |= d.typo;
    });
  }

  std::vector<std::pair<float, uint32_t>>& ranked = scratch.ranked;
  ranked.clear();
  const float floor = static_cast<float>(options_.min_coverage * total_weight);
  for (uint32_t id : scratch.touched)
    if (scratch.slots[id].coverage >= floor && static_cast<int64_t>(id) != query.exclude_name)
      ranked.emplace_back(scratch.slots[id].coverage, id);

  if (ranked.empty() && q.joined.size() >= 3) {
    // Fallback: letter trigrams of the whole name (Dice coefficient).
    // Trigram counts go in the coverage array, cleared of the part credits
    // that reached no name.
    result.fallback = true;
    scratch.Reset(list_.names().size());
    // As with the parts' keys, the rarest trigrams touch names while their
    // postings fit a budget (the rarest always does) and the commoner ones
    // only count for the names those reached: a common trigram of a list
    // of millions ("ham", "ali") would touch a tenth of it.
    int query_trigrams = 0;
    std::vector<std::span<const uint32_t>>& grams = scratch.grams;
    grams.clear();
    for (size_t i = 0; i + 3 <= q.joined.size(); ++i, ++query_trigrams)
      grams.push_back(index_.Find(KeyType::kTrigram, std::string_view(q.joined).substr(i, 3)));
    std::stable_sort(grams.begin(), grams.end(),
                     [](const auto& a, const auto& b) { return a.size() < b.size(); });
    size_t spent = 0;
    for (const auto& ids : grams) {
      if (spent == 0 || spent + ids.size() <= kTrigramSeedFactor * options_.max_seed_postings) {
        for (uint32_t id : ids) scratch.Touch(id).coverage += 1;
        spent += ids.size();
      } else {
        scratch.ForEachReached(ids, [&](uint32_t id) { scratch.slots[id].coverage += 1; });
      }
    }
    for (uint32_t id : scratch.touched) {
      const float shared = scratch.slots[id].coverage;
      if (static_cast<int64_t>(id) == query.exclude_name || shared == 0) continue;
      int listed = static_cast<int>(list_.names()[id].analysis.joined.size()) - 2;
      double dice = 2.0 * shared / std::max(1, query_trigrams + listed);
      if (dice >= options_.fallback_min_dice) ranked.emplace_back(static_cast<float>(dice), id);
    }
  }
  const size_t keep = std::min(ranked.size(), options_.max_candidates);
  uint64_t query_letters = 0;
  for (const NamePart& part : q.parts) query_letters |= part.letters;
  if (keep > 0 && ranked.size() > keep && options_.max_tied_candidates > 0 &&
      list_.names().size() > options_.tie_break_from_names) {
    // Which of the names tied at the cut are kept should not depend on
    // where the list holds them: up to max_tied_candidates of them (by
    // position) are ranked by the letters their names and the query's do
    // not share, fewest first.
    std::nth_element(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep - 1),
                     ranked.end(), BetterCandidate);
    const float cut = ranked[keep - 1].first;
    const auto above = std::partition(ranked.begin(), ranked.end(),
                                      [&](const auto& r) { return r.first > cut; });
    const auto tied_end =
        std::partition(above, ranked.end(), [&](const auto& r) { return r.first == cut; });
    if (static_cast<size_t>(tied_end - ranked.begin()) > keep) {
      auto examined = tied_end;
      if (static_cast<size_t>(tied_end - above) > options_.max_tied_candidates) {
        examined = above + static_cast<std::ptrdiff_t>(options_.max_tied_candidates);
        std::nth_element(above, examined, tied_end,
                         [](const auto& a, const auto& b) { return a.second < b.second; });
      }
      // Fewer letters apart ranks higher; ties within stay in list order.
      for (auto it = above; it != examined; ++it)
        it->first -= static_cast<float>(LettersApart(name_letters_[it->second], query_letters)) *
                     1e-6f * cut;
      for (auto it = examined; it != tied_end; ++it) it->first -= 65e-6f * cut;
    }
  }
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    BetterCandidate);
  ReserveTypoCandidates(&ranked, keep, options_.typo_reserved_candidates, scratch.slots, name_letters_,
                        query_letters);
  ranked.resize(keep);
  result.candidates = keep;

  // Score candidates (scores only); keep per record its best strong name and
  // best weak alias. Only the hits are explained, further down.
  struct Best {
    uint32_t record;
    double strong = -1, weak = -1;
    uint32_t strong_name = 0, weak_name = 0;
  };
  std::vector<Best> best;  // a few dozen at most: a linear search is fastest
  best.reserve(ranked.size());
  // Each candidate's name, then its parts and record, are misses on a list
  // of millions: asked for all at once, they arrive together.
  for (const auto& r : ranked) __builtin_prefetch(&list_.names()[r.second]);
  for (const auto& r : ranked) {
    const ListedName& listed = list_.names()[r.second];
    __builtin_prefetch(listed.analysis.parts.data());
    __builtin_prefetch(&list_.records()[listed.record]);
  }
  for (const auto& [coverage, id] : ranked) {
    const ListedName& listed = list_.names()[id];
    const ListedRecord& record = list_.records()[listed.record];
    if (query.kind != NameKind::kAny && record.kind != NameKind::kAny && record.kind != query.kind)
      continue;
    double score = scorer_.Compare(q, listed.analysis, /*explain=*/false).score;
    auto it = std::find_if(best.begin(), best.end(),
                           [&](const Best& b) { return b.record == listed.record; });
    Best& b = it != best.end() ? *it : best.emplace_back(Best{listed.record});
    if (listed.type == ListedNameType::kWeakAlias) {
      if (score > b.weak) b.weak = score, b.weak_name = id;
    } else if (score > b.strong) {
      b.strong = score, b.strong_name = id;
    }
  }

  DayRange query_dob;
  bool has_dob = !query.birth_date.empty() && ParseDayRange(query.birth_date, &query_dob);
  std::string query_country = query.country.empty() ? "" : CountryCode(query.country);

  for (const Best& b : best) {
    const ListedRecord& record = list_.records()[b.record];
    Hit hit;
    hit.record = b.record;
    if (b.strong < 0) continue;  // only weak aliases met: they never create a match
    hit.name = b.strong_name;
    hit.name_score = b.strong;
    if (b.weak > b.strong && b.strong >= options_.weak_alias_floor) {
      double raised = b.strong + 0.5 * (b.weak - b.strong);
      hit.evidence.push_back(
          {"weak_alias", raised - b.strong,
           fmt::format("weak alias '{}' agrees ({:.2f}) with a name already close ({:.2f})",
                       list_.names()[b.weak_name].analysis.original, b.weak, b.strong)});
      hit.name_score = raised;
    }
    double score = hit.name_score;
    if (has_dob) {
      Evidence e = BirthDateEvidence(query_dob, record.birth_dates);
      score += e.effect;
      hit.evidence.push_back(std::move(e));
    }
    if (!query_country.empty()) {
      if (record.countries.empty()) {
        hit.evidence.push_back({"country", 0, "the listing gives no nationality"});
      } else if (std::find(record.countries.begin(), record.countries.end(), query_country) !=
                 record.countries.end()) {
        score += 0.03;
        hit.evidence.push_back({"country", 0.03, fmt::format("{} is a listed nationality", query_country)});
      } else {
        score -= 0.05;
        std::string listed;
        for (const auto& c : record.countries) listed += (listed.empty() ? "" : ", ") + c;
        hit.evidence.push_back(
            {"country", -0.05, fmt::format("{} is not among the listed nationalities ({})",
                                           query_country, listed)});
      }
    }
    hit.rank_score = score;
    hit.score = std::clamp(score, 0.0, 1.0);
    if (hit.score >= query.threshold) result.hits.push_back(std::move(hit));
  }
  SortHits(&result.hits, query.top);
  for (Hit& hit : result.hits) hit.comparison = scorer_.Compare(q, list_.names()[hit.name].analysis);
  return result;
}

}  // namespace vigil::match
