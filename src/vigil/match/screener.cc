// Screener: look-ups, coverage ranking, scoring, evidence.
#include "vigil/match/screener.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

#include "vigil/text/country.h"

namespace vigil::match {
namespace {

// Per-thread accumulators over all listed names, reset through a touched list.
struct Scratch {
  std::vector<float> coverage;
  std::vector<int32_t> last_part;  // the last query part credited to a name
  std::vector<uint32_t> touched;
  std::vector<std::pair<float, uint32_t>> ranked;  // candidates by coverage
  // The look-ups credited so far, by query part (tag), and the one-typo keys
  // over their cap, credited last to the names other keys reached.
  std::vector<std::pair<int32_t, std::span<const uint32_t>>> credited;
  struct Deferred {
    std::span<const uint32_t> ids;
    int32_t tag;
    float amount;
  };
  std::vector<Deferred> deferred;
  void Reset(size_t names) {
    if (coverage.size() != names) {
      coverage.assign(names, 0);
      last_part.assign(names, -1);
      touched.clear();
      return;
    }
    for (uint32_t id : touched) {
      coverage[id] = 0;
      last_part[id] = -1;
    }
    touched.clear();
  }
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

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
      }()) {}

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

  scratch.credited.clear();
  scratch.deferred.clear();
  auto credit = [&](std::span<const uint32_t> ids, int32_t part, float amount) {
    if (!ids.empty()) scratch.credited.emplace_back(part, ids);
    for (uint32_t id : ids) {
      if (scratch.last_part[id] == part) continue;  // this part already credited
      if (scratch.last_part[id] == -1 && scratch.coverage[id] == 0) scratch.touched.push_back(id);
      scratch.last_part[id] = part;
      scratch.coverage[id] += amount;
    }
  };
  for (size_t i = 0; i < q.parts.size(); ++i) {
    const NamePart& part = q.parts[i];
    int32_t tag = static_cast<int32_t>(i);
    float w = static_cast<float>(part.weight);
    // Strongest keys first: the first credit of a part to a name is its best.
    const auto exact = index_.Find(KeyType::kPart, part.folded);
    credit(exact, tag, w);
    if (!part.alt.empty()) credit(index_.Find(KeyType::kPart, part.alt), tag, w);
    if (part.skeleton.size() >= 2)
      credit(index_.Find(KeyType::kSkeleton, part.skeleton), tag, 0.9f * w);
    if (part.bare.size() >= 2) credit(index_.Find(KeyType::kSkeleton, part.bare), tag, 0.8f * w);
    if (part.folded.size() >= kMinDeletionLength && !part.initial) {
      // One-typo neighbours. A key shared by many names (a common name, or a
      // typo of one) is not followed alone, which would touch thousands of
      // names for "Mohammad": it is narrowed by the query's other parts
      // below, once they have all been looked up.
      auto typo = [&](std::span<const uint32_t> ids, float amount) {
        if (ids.size() <= options_.max_typo_postings) credit(ids, tag, amount);
        else scratch.deferred.push_back({ids, tag, amount});
      };
      typo(index_.Find(KeyType::kDeletion, part.folded), 0.8f * w);
      ForEachDeletion(part.folded,
                      [&](std::string_view d) { typo(index_.Find(KeyType::kDeletion, d), 0.75f * w); });
    }
  }
  // Adjacent query parts written as one word in the list, and the whole name.
  int32_t tag = static_cast<int32_t>(q.parts.size());
  for (size_t i = 0; i + 1 < q.parts.size(); ++i, ++tag)
    credit(index_.Find(KeyType::kPart, q.parts[i].folded + q.parts[i + 1].folded), tag,
           static_cast<float>(0.5 * (q.parts[i].weight + q.parts[i + 1].weight)));
  credit(index_.Find(KeyType::kJoined, q.joined), tag, static_cast<float>(total_weight));

  // One-typo keys over their cap, narrowed: only names that another part's
  // keys reached get their credit, so a typo in a common part ("Ruslam
  // Zakharov" for "Ruslan Zakharov" on a list of thousands of Ruslans and
  // hundreds of Zakharovs) still lifts the record it names above the names
  // that share only the other parts, which would otherwise tie with it and
  // fill the max_candidates by id. A name already credited for this part
  // (by its exact, skeleton or a smaller typo key) is not credited again.
  // Deferred keys come in part order, so last_part guards repeats within
  // one part.
  for (const Scratch::Deferred& d : scratch.deferred) {
    auto credited_before = [&](uint32_t id) {
      for (const auto& [t, ids] : scratch.credited)
        if (t == d.tag && std::binary_search(ids.begin(), ids.end(), id)) return true;
      return false;
    };
    auto narrowed = [&](uint32_t id) {
      if (scratch.last_part[id] == d.tag || credited_before(id)) return;
      scratch.last_part[id] = d.tag;
      scratch.coverage[id] += d.amount;
    };
    // Walk the shorter: the names touched so far, binary-searching the
    // postings (ascending by id), or the postings, checking each name.
    if (scratch.touched.size() * 16 < d.ids.size()) {
      for (size_t k = 0, n = scratch.touched.size(); k < n; ++k) {
        uint32_t id = scratch.touched[k];
        if (std::binary_search(d.ids.begin(), d.ids.end(), id)) narrowed(id);
      }
    } else {
      for (uint32_t id : d.ids)
        if (scratch.last_part[id] != -1 || scratch.coverage[id] != 0) narrowed(id);
    }
  }

  std::vector<std::pair<float, uint32_t>>& ranked = scratch.ranked;
  ranked.clear();
  const float floor = static_cast<float>(options_.min_coverage * total_weight);
  for (uint32_t id : scratch.touched)
    if (scratch.coverage[id] >= floor && static_cast<int64_t>(id) != query.exclude_name)
      ranked.emplace_back(scratch.coverage[id], id);

  if (ranked.empty() && q.joined.size() >= 3) {
    // Fallback: letter trigrams of the whole name (Dice coefficient).
    // Trigram counts go in the coverage array, cleared of the part credits
    // that reached no name.
    result.fallback = true;
    scratch.Reset(list_.names().size());
    int query_trigrams = 0;
    for (size_t i = 0; i + 3 <= q.joined.size(); ++i, ++query_trigrams)
      for (uint32_t id : index_.Find(KeyType::kTrigram, std::string_view(q.joined).substr(i, 3))) {
        if (scratch.last_part[id] == -1 && scratch.coverage[id] == 0) scratch.touched.push_back(id);
        scratch.coverage[id] += 1;
      }
    for (uint32_t id : scratch.touched) {
      if (static_cast<int64_t>(id) == query.exclude_name || scratch.coverage[id] == 0) continue;
      int listed = static_cast<int>(list_.names()[id].analysis.joined.size()) - 2;
      double dice = 2.0 * scratch.coverage[id] / std::max(1, query_trigrams + listed);
      if (dice >= options_.fallback_min_dice) ranked.emplace_back(static_cast<float>(dice), id);
    }
  }
  size_t keep = std::min(ranked.size(), options_.max_candidates);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
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
