// Search by name over the watch list and the knowledge base, listed records
// by key, name suggestions (search.h).
#include "vigil/engine/search.h"

#include <absl/algorithm/container.h>
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "vigil/engine/engine.h"
#include "vigil/text/country.h"
#include "vigil/text/normalize.h"

namespace vigil {
namespace {

// Knowledge-base names that contain the query, looked at per search.
constexpr int kKnowledgeCandidates = 500;

}  // namespace

Status SearchRequest::Validate() const {
  if (std::string problem = match::NameProblem(query); !problem.empty())
    return FieldError("query", problem);
  if (auto k = ParseKind(kind); !k.ok()) return k.status();
  if (limit < 1 || limit > kSearchMaxLimit)
    return FieldError("limit", fmt::format("must be a whole number from 1 to {}, got {}",
                                           kSearchMaxLimit, limit));
  if (offset > kSearchMaxOffset)
    return FieldError("offset", fmt::format("must be a whole number from 0 to {}, got {}",
                                            kSearchMaxOffset, offset));
  for (const auto& c : countries)
    if (CountryCode(c).empty())
      return FieldError("countries", fmt::format("'{}' is not a country (an ISO code or an "
                                                 "English name: 'af', 'Afghanistan')",
                                                 c));
  return absl::OkStatus();
}

bool IsClearMatch(const std::vector<ScreenHit>& hits, size_t index) {
  if (index != 0 || hits.empty() || hits[0].score < kClearMatchScore) return false;
  return hits.size() == 1 || hits[1].score <= hits[0].score - kClearMatchMargin;
}

StatusOr<std::vector<ScreenHit>> Engine::Records(const std::vector<std::string>& keys) {
  auto service = Screening();
  if (!service.ok()) return service.status();
  std::vector<ScreenHit> out;
  for (const auto& key : keys)
    if (auto hit = (*service)->RecordByKey(key)) out.push_back(std::move(*hit));
  return out;
}

StatusOr<std::vector<NameSuggestion>> Engine::Suggest(const std::string& prefix, size_t limit) {
  if (limit < 1 || limit > kSuggestMaxLimit)
    return FieldError("limit", fmt::format("must be a whole number from 1 to {}, got {}",
                                           kSuggestMaxLimit, limit));
  std::string key = NameKey(prefix);
  if (key.empty()) return FieldError("prefix", "must have a letter or a digit");
  auto names = store_->NamesContaining(key, static_cast<int>(limit) * 4);
  if (!names.ok()) return names.status();
  std::vector<NameSuggestion> out;
  std::unordered_set<std::string> seen;
  for (const auto& n : *names) {
    if (out.size() >= limit) break;
    if (!seen.insert(n.entity_id).second) continue;
    auto row = store_->EntityByKey(n.entity_id);
    if (!row.ok()) return row.status();
    if (!*row) continue;
    auto entity = store_->Entity(**row);
    if (!entity.ok()) return entity.status();
    if (!*entity) continue;
    out.push_back({n.entity_id, n.text, (*entity)->ref.kind, (*entity)->dataset});
  }
  return out;
}

StatusOr<SearchResult> Engine::Search(const SearchRequest& request) {
  if (auto s = request.Validate(); !s.ok()) return s;
  auto service = Screening();
  if (!service.ok()) return service.status();
  const match::WatchList& list = (*service)->list();
  const match::NameKind kind = *ParseKind(request.kind);
  std::vector<std::string> countries;
  for (const auto& c : request.countries) countries.push_back(CountryCode(c));

  // Designated records, by the screening engine.
  ScreenRequest screen;
  screen.name = request.query;
  screen.kind = request.kind;
  screen.threshold = kSearchThreshold;
  screen.top = match::kMaxTop;
  auto screened = Screen(screen);
  if (!screened.ok()) return screened.status();

  std::vector<SearchEntry> entries;
  std::unordered_map<std::string, size_t> at;  // id -> entries index
  for (auto& hit : screened->hits) {
    if (at.count(hit.entity)) continue;
    SearchEntry e;
    e.id = hit.entity;
    e.name = hit.name;
    e.kind = hit.kind;
    e.dataset = hit.dataset;
    e.score = hit.score;
    e.matched_name = hit.matched_name;
    e.listed = true;
    e.record = std::move(hit);
    at.emplace(e.id, entries.size());
    entries.push_back(std::move(e));
  }

  // Names in the knowledge base (lists included) that contain the query.
  std::string key = NameKey(request.query);
  if (!key.empty()) {
    auto names = store_->NamesContaining(key, kKnowledgeCandidates);
    if (!names.ok()) return names.status();
    std::vector<std::pair<std::string, size_t>> pending;  // listed keys -> entries index
    for (const auto& n : *names) {
      std::string name_key = NameKey(n.text);
      double score = name_key.empty() ? 0 : std::min(1.0, double(key.size()) / name_key.size());
      if (auto it = at.find(n.entity_id); it != at.end()) {
        // Found by screening already: keep the better of the two scores.
        SearchEntry& e = entries[it->second];
        if (score > e.score) {
          e.score = score;
          e.matched_name = {n.text, n.kind, n.script.value_or("")};
        }
        continue;
      }
      auto row = store_->EntityByKey(n.entity_id);
      if (!row.ok()) return row.status();
      if (!*row) continue;
      auto entity = store_->Entity(**row);
      if (!entity.ok()) return entity.status();
      if (!*entity) continue;
      SearchEntry e;
      e.id = n.entity_id;
      e.name = (*entity)->ref.name;
      e.kind = (*entity)->ref.kind;
      e.dataset = (*entity)->dataset;
      e.score = score;
      e.matched_name = {n.text, n.kind, n.script.value_or("")};
      at.emplace(e.id, entries.size());
      pending.emplace_back(e.id, entries.size());
      entries.push_back(std::move(e));
    }
    // Those on a list: their records as hits without a score.
    std::unordered_map<std::string, size_t> wanted(pending.begin(), pending.end());
    for (uint32_t i = 0; i < list.records().size() && !wanted.empty(); ++i) {
      auto it = wanted.find(list.records()[i].key);
      if (it == wanted.end()) continue;
      SearchEntry& e = entries[it->second];
      e.listed = true;
      e.record = RecordAsHit(list, i);
      e.name = e.record.name;
      wanted.erase(it);
    }
  }

  SearchResult result;
  result.query = request.query;
  result.limit = request.limit;
  result.offset = request.offset;
  result.lists = list.versions();
  for (auto& e : entries) {
    if (kind != match::NameKind::kAny && match::KindOfEntity(e.kind) != kind) continue;
    if (!request.datasets.empty() && !absl::c_linear_search(request.datasets, e.dataset)) continue;
    if (!countries.empty()) {
      bool any = false;
      for (const auto& c : e.record.nationalities) any = any || absl::c_linear_search(countries, c);
      if (!any) continue;
    }
    result.all.push_back(std::move(e));
  }
  std::stable_sort(result.all.begin(), result.all.end(),
                   [](const SearchEntry& a, const SearchEntry& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.id < b.id;
                   });
  result.total = result.all.size();
  for (size_t i = request.offset; i < result.all.size() && i < request.offset + request.limit; ++i)
    result.results.push_back(result.all[i]);
  return result;
}

}  // namespace vigil
