// Name scoring: part similarities, greedy alignment, structure rules.
#include "vigil/match/name_scorer.h"

#include <algorithm>
#include <numeric>

namespace vigil::match {

const char* MethodName(MatchMethod method) {
  switch (method) {
    case MatchMethod::kExact: return "exact";
    case MatchMethod::kTransliterated: return "transliterated";
    case MatchMethod::kSkeleton: return "skeleton";
    case MatchMethod::kFuzzy: return "fuzzy";
    case MatchMethod::kPrefix: return "prefix";
    case MatchMethod::kInitial: return "initial";
    case MatchMethod::kJoined: return "joined";
  }
  return "?";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<size_t> prev2(m + 1), prev(m + 1), row(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    row[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return prev[m];
}

namespace {

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

double Ratio(std::string_view a, std::string_view b) {
  size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 0;
  return 1.0 - static_cast<double>(EditDistance(a, b)) / static_cast<double>(longest);
}

// One side of an alignment: a part, or two neighbouring parts read as one.
struct Unit {
  NamePart part;
  size_t first = 0, count = 1;
};

const std::string& BareKey(const NamePart& p) { return p.bare.empty() ? p.skeleton : p.bare; }

std::vector<Unit> Units(const AnalyzedName& name) {
  std::vector<Unit> units;
  const auto& parts = name.parts;
  for (size_t i = 0; i < parts.size(); ++i) units.push_back({parts[i], i, 1});
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].initial || parts[i + 1].initial) continue;
    NamePart joined = parts[i];
    joined.text = parts[i].text + "+" + parts[i + 1].text;
    joined.folded = parts[i].folded + parts[i + 1].folded;
    joined.skeleton = Skeleton(joined.folded, name.script != "Arab");
    joined.bare = Skeleton(joined.folded, name.script != "Arab", false);
    if (joined.bare == joined.skeleton) joined.bare.clear();
    joined.alt.clear();
    joined.weight = parts[i].weight + parts[i + 1].weight;
    units.push_back({std::move(joined), i, 2});
  }
  return units;
}

// Parts of two Arabic names with a nasab chain meet only in the same place of
// the structure: the given name (ism) with the given name, the chain with the
// chain. Inside the chain a shorter name may skip ancestors ("Osama bin
// Laden" / "Usama bin Muhammad bin Awad bin Ladin"); order is checked after
// alignment.
bool RolesAgree(const NamePart& a, const NamePart& b) {
  auto group = [](const NamePart& p) {
    return p.role == PartRole::kNisba ? PartRole::kNasab : p.role;  // the family name ends the chain
  };
  return group(a) == group(b);
}

}  // namespace

PartSimilarity CompareParts(const NamePart& a, const NamePart& b, bool cross_script) {
  const MatchMethod exact = cross_script ? MatchMethod::kTransliterated : MatchMethod::kExact;
  if (a.folded == b.folded) return {1.0, exact};
  if ((!a.alt.empty() && (a.alt == b.folded || a.alt == b.alt)) ||
      (!b.alt.empty() && b.alt == a.folded))
    return {0.95, exact};
  if (HasDigit(a.folded) || HasDigit(b.folded)) return {0, MatchMethod::kExact};
  if (a.initial || b.initial) {
    if (a.folded[0] == b.folded[0]) return {0.8, MatchMethod::kInitial};
    return {0, MatchMethod::kInitial};
  }
  // Equal consonant skeletons: the shorter the key, the less it proves.
  const size_t key = std::min(a.skeleton.size(), b.skeleton.size());
  if (a.skeleton == b.skeleton && !a.skeleton.empty()) {
    if (cross_script) return {key >= 3 ? 0.95 : key == 2 ? 0.88 : 0.75, MatchMethod::kSkeleton};
    if (key >= 2 || a.folded[0] == b.folded[0])
      return {std::clamp(0.75 + 0.25 * Ratio(a.folded, b.folded), 0.85, key >= 3 ? 0.95 : 0.92),
              MatchMethod::kSkeleton};
  }
  // The same without w/y glides ("Awwad" / "Wad").
  if ((!a.bare.empty() || !b.bare.empty()) && BareKey(a) == BareKey(b) && !BareKey(a).empty()) {
    size_t bare = BareKey(a).size();
    if (cross_script && bare >= 1) return {bare >= 2 ? 0.85 : 0.7, MatchMethod::kSkeleton};
    if (bare >= 2) return {0.8, MatchMethod::kSkeleton};
  }
  const std::string& shorter = a.folded.size() <= b.folded.size() ? a.folded : b.folded;
  const std::string& longer = a.folded.size() <= b.folded.size() ? b.folded : a.folded;
  double ratio = Ratio(a.folded, b.folded);
  if (a.skeleton.size() >= 3 && b.skeleton.size() >= 3)
    ratio = std::max(ratio, 0.95 * Ratio(a.skeleton, b.skeleton));
  if (longer.size() >= 4 && ratio >= 0.75) return {0.95 * ratio, MatchMethod::kFuzzy};
  if (shorter.size() >= 3 && longer.rfind(shorter, 0) == 0) return {0.7, MatchMethod::kPrefix};
  const std::string& short_key = a.skeleton.size() <= b.skeleton.size() ? a.skeleton : b.skeleton;
  const std::string& long_key = a.skeleton.size() <= b.skeleton.size() ? b.skeleton : a.skeleton;
  if (short_key.size() >= 3 && long_key.rfind(short_key, 0) == 0)
    return {cross_script ? 0.7 : 0.45, MatchMethod::kPrefix};
  return {0, MatchMethod::kFuzzy};
}

NameComparison NameScorer::Compare(const AnalyzedName& query, const AnalyzedName& candidate) const {
  NameComparison result;
  const bool cross_script = query.script != candidate.script && query.script != "Zyyy" &&
                            candidate.script != "Zyyy";
  const bool structured = query.has_nasab && candidate.has_nasab;
  std::vector<Unit> qu = Units(query), cu = Units(candidate);

  struct Option {
    size_t q, c;
    PartSimilarity sim;
    double weight, value;
    bool role_mismatch;
  };
  std::vector<Option> options;
  for (size_t i = 0; i < qu.size(); ++i) {
    for (size_t j = 0; j < cu.size(); ++j) {
      if (qu[i].count == 2 && cu[j].count == 2) continue;
      PartSimilarity sim = CompareParts(qu[i].part, cu[j].part, cross_script);
      if (sim.similarity <= 0) continue;
      bool joined = qu[i].count == 2 || cu[j].count == 2;
      if (joined) {
        if (sim.similarity < 0.85) continue;
        sim.method = MatchMethod::kJoined;
      }
      bool mismatch = structured && !RolesAgree(qu[i].part, cu[j].part);
      if (mismatch) sim.similarity *= options_.nasab_mismatch;
      double weight = (qu[i].part.weight + cu[j].part.weight) / 2;
      options.push_back({i, j, sim, weight, sim.similarity * weight, mismatch});
    }
  }
  std::stable_sort(options.begin(), options.end(),
                   [](const Option& a, const Option& b) { return a.value > b.value; });
  std::vector<bool> q_used(query.parts.size()), c_used(candidate.parts.size());
  struct Chosen {
    const Option* option;
    double similarity;
    bool mismatch;
  };
  std::vector<Chosen> chosen;
  for (const auto& o : options) {
    const Unit& a = qu[o.q];
    const Unit& b = cu[o.c];
    bool free = true;
    for (size_t k = 0; k < a.count; ++k) free &= !q_used[a.first + k];
    for (size_t k = 0; k < b.count; ++k) free &= !c_used[b.first + k];
    if (!free) continue;
    for (size_t k = 0; k < a.count; ++k) q_used[a.first + k] = true;
    for (size_t k = 0; k < b.count; ++k) c_used[b.first + k] = true;
    chosen.push_back({&o, o.sim.similarity, o.role_mismatch});
  }
  if (structured) {
    // Inside the chain, order must hold: X bin Y never meets Y bin X.
    auto place = [](const NamePart& p) { return p.role == PartRole::kNisba ? 1000 : p.nasab_position; };
    for (size_t x = 0; x < chosen.size(); ++x)
      for (size_t y = 0; y < chosen.size(); ++y) {
        const NamePart& qx = qu[chosen[x].option->q].part;
        const NamePart& qy = qu[chosen[y].option->q].part;
        const NamePart& cx = cu[chosen[x].option->c].part;
        const NamePart& cy = cu[chosen[y].option->c].part;
        if (chosen[x].mismatch || chosen[y].mismatch) continue;
        if (qx.role == PartRole::kGiven || qy.role == PartRole::kGiven) continue;
        if (cx.role == PartRole::kGiven || cy.role == PartRole::kGiven) continue;
        if (place(qx) < place(qy) && place(cx) > place(cy)) {
          auto& weaker = chosen[x].similarity <= chosen[y].similarity ? chosen[x] : chosen[y];
          weaker.mismatch = true;
          weaker.similarity *= options_.nasab_mismatch;
        }
      }
  }
  double matched = 0, matched_weight = 0;
  bool any_mismatch = false;
  for (const auto& c : chosen) {
    const Option& o = *c.option;
    matched += c.similarity * o.weight;
    matched_weight += o.weight;
    any_mismatch |= c.mismatch;
    result.pairs.push_back({qu[o.q].part.text, cu[o.c].part.text, o.sim.method, c.similarity,
                            o.weight, c.mismatch ? "at a different place in the nasab chain" : ""});
  }

  // Unmatched parts: on both sides they contradict each other (a different
  // father's name counts even when the name is common); on one side only
  // they were omitted, which counts little, except numbers, which always
  // tell entities apart.
  double q_unmatched = 0, c_unmatched = 0, q_contradicting = 0, c_contradicting = 0;
  double numbers = 0;
  double q_nisba = 0, c_nisba = 0;
  bool q_has_nisba = false, c_has_nisba = false;
  auto contradicting_weight = [&](const NamePart& p) {
    if (p.initial || p.role == PartRole::kLegalForm || p.role == PartRole::kNoise) return p.weight;
    return std::max(p.weight, options_.contradiction_floor);
  };
  for (size_t i = 0; i < query.parts.size(); ++i) {
    q_has_nisba |= query.parts[i].role == PartRole::kNisba;
    if (q_used[i]) continue;
    const NamePart& p = query.parts[i];
    if (HasDigit(p.folded)) numbers += p.weight;
    else q_unmatched += p.weight, q_contradicting += contradicting_weight(p);
    result.unmatched_query.push_back(p.text);
    if (p.role == PartRole::kNisba) q_nisba += p.weight;
  }
  for (size_t j = 0; j < candidate.parts.size(); ++j) {
    c_has_nisba |= candidate.parts[j].role == PartRole::kNisba;
    if (c_used[j]) continue;
    const NamePart& p = candidate.parts[j];
    if (HasDigit(p.folded)) numbers += p.weight;
    else c_unmatched += p.weight, c_contradicting += contradicting_weight(p);
    result.unmatched_candidate.push_back(p.text);
    if (p.role == PartRole::kNisba) c_nisba += p.weight;
  }
  if (numbers > 0)
    result.adjustments.push_back({"number", "a number appears in one name only, or differs"});
  double contradiction = 0;
  if (q_nisba > 0 && c_nisba > 0) {
    contradiction = (options_.nisba_conflict - 1) * std::min(q_nisba, c_nisba);
    result.adjustments.push_back(
        {"nisba_conflict", "the family or origin names (al-...) differ: contradicting evidence"});
  } else if ((q_nisba > 0 && !c_has_nisba) || (c_nisba > 0 && !q_has_nisba)) {
    result.adjustments.push_back(
        {"nisba_omitted", "one name has a family or origin name the other omits: weak evidence"});
  }
  if (any_mismatch)
    result.adjustments.push_back(
        {"nasab_order", "parts meet at different places of the bin/ibn chain"});
  double low = std::min(q_unmatched, c_unmatched), high = std::max(q_unmatched, c_unmatched);
  double conflicting = q_contradicting > 0 && c_contradicting > 0
                           ? std::min(q_contradicting, c_contradicting)
                           : 0;
  const bool organization =
      query.kind == NameKind::kOrganization || candidate.kind == NameKind::kOrganization;
  double omitted = organization ? options_.omitted_weight_organization : options_.omitted_weight;
  double denominator = matched_weight + conflicting + omitted * (high - low) +
                       contradiction + options_.number_weight * numbers;
  result.score = denominator > 0 ? matched / denominator : 0;
  if (!query.joined.empty() && query.joined == candidate.joined && result.score < 0.98) {
    result.score = 0.98;
    result.adjustments.push_back({"joined", "the names are equal once spaces are removed"});
  }
  result.score = std::clamp(result.score, 0.0, 1.0);
  return result;
}

NamePairComparison CompareNames(std::string_view a, std::string_view b, NameKind kind,
                                const NameScorer& scorer) {
  NamePairComparison best;
  bool first = true;
  for (const auto& x : SplitAlternatives(a)) {
    AnalyzedName ax = AnalyzeName(x, kind);
    for (const auto& y : SplitAlternatives(b)) {
      AnalyzedName by = AnalyzeName(y, kind);
      NameComparison c = scorer.Compare(ax, by);
      if (first || c.score > best.comparison.score) {
        best = {ax, std::move(by), std::move(c)};
        first = false;
      }
    }
  }
  best.a.original = std::string(a);
  best.b.original = std::string(b);
  return best;
}

}  // namespace vigil::match
