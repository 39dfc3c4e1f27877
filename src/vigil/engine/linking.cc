// Links between list records and curated entities, computed in the load
// transaction from what the store holds.
#include "vigil/engine/linking.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "vigil/base/date.h"
#include "vigil/text/country.h"
#include "vigil/text/normalize.h"

namespace vigil::internal {
namespace {

constexpr double kReferenceScore = 1.0;
constexpr double kNameAndBirthDateScore = 0.95;
constexpr double kNameScore = 0.85;

struct Link {
  std::string method, reason;
  double score = 0;
};

bool KindsCompatible(const std::string& a, const std::string& b) {
  auto organised = [](const std::string& k) {
    return k == "organization" || k == "government_body";
  };
  return a == b || (organised(a) && organised(b));
}

// "1977", "~1977/~1978", "1960-01-01": the days a written birth date spans.
bool DayRange(const std::string& text, std::pair<std::string, std::string>* range) {
  auto slash = text.find('/');
  auto a = PartialDate::Parse(text.substr(0, slash));
  auto b = PartialDate::Parse(slash == std::string::npos ? text : text.substr(slash + 1));
  if (!a.ok() || !b.ok()) return false;
  *range = {a->Earliest(), b->Latest()};
  return true;
}

bool DatesOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a)
    for (const auto& y : b) {
      std::pair<std::string, std::string> rx, ry;
      if (DayRange(x, &rx) && DayRange(y, &ry) && rx.first <= ry.second && ry.first <= rx.second)
        return true;
    }
  return false;
}

std::string JoinDates(const std::vector<std::string>& dates) {
  std::string out;
  for (const auto& d : dates) {
    if (!out.empty()) out += ", ";
    out += d;
  }
  return out;
}

// The keys a curated name is looked up by: its NameKey, and its words
// rotated, so that "Sirajuddin Haqqani" meets OFAC's "HAQQANI, Sirajuddin".
std::vector<std::pair<std::string, bool>> LookupKeys(const std::string& text,
                                                     const std::string& name_key) {
  std::vector<std::pair<std::string, bool>> keys = {{name_key, false}};
  std::vector<std::string> words;
  std::string folded = FoldText(text);
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  for (size_t k = 1; k < words.size(); ++k) {
    std::string rotated;
    for (size_t i = 0; i < words.size(); ++i) rotated += words[(i + k) % words.size()];
    if (rotated != name_key) keys.emplace_back(rotated, true);
  }
  return keys;
}

size_t WordCount(const std::string& text) {
  std::string folded = FoldText(text);
  if (folded.empty()) return 0;
  return static_cast<size_t>(std::count(folded.begin(), folded.end(), ' ')) + 1;
}

class Linker {
 public:
  explicit Linker(store::LoadTransaction& tx) : tx_(tx) {}

  StatusOr<LinkSummary> Run() {
    if (auto s = LoadEntities(); !s.ok()) return s;
    if (curated_.empty() || listed_.empty()) return Finish();
    if (auto s = LoadValues(); !s.ok()) return s;
    if (auto s = LinkByReference(); !s.ok()) return s;
    if (auto s = LinkByLocator(); !s.ok()) return s;
    if (auto s = LinkByName(); !s.ok()) return s;
    return Finish();
  }

 private:
  using EntityRow = store::LinkableEntityRecord;

  Status LoadEntities() {
    auto entities = tx_.LinkableEntities();
    if (!entities.ok()) return entities.status();
    for (auto& row : *entities) (row.curated ? curated_ : listed_).emplace(row.row, row);
    return absl::OkStatus();
  }

  // Birth dates, and the countries an entity is tied to (nationality,
  // citizenship, address or birth country, a body's country) as ISO codes.
  Status LoadValues() {
    auto dates = tx_.EntityValues({"birth_date"});
    if (!dates.ok()) return dates.status();
    for (const auto& v : *dates) birth_dates_[v.entity_row].push_back(v.value);
    auto countries = tx_.EntityValues(
        {"nationality", "citizenship", "address_country", "birth_country", "country"});
    if (!countries.ok()) return countries.status();
    for (const auto& v : *countries) {
      if (v.attribute && (v.key == "address_country" || v.key == "birth_country")) continue;
      std::string code = CountryCode(v.value);
      if (!code.empty()) countries_[v.entity_row].insert(code);
    }
    return absl::OkStatus();
  }

  // Both sides name countries and share none: not the same entity (a
  // Cuban "Ministry of Interior" is not the Taliban's).
  bool CountriesConflict(int64_t a, int64_t b) {
    auto x = countries_.find(a), y = countries_.find(b);
    if (x == countries_.end() || y == countries_.end()) return false;
    for (const auto& c : x->second)
      if (y->second.count(c)) return false;
    return true;
  }

  void Add(int64_t listed, int64_t curated, Link link) {
    auto& targets = links_[listed];
    auto it = targets.find(curated);
    if (it == targets.end() || it->second.score < link.score) targets[curated] = std::move(link);
  }

  // Rule 1a: a curated designation gives the record's reference.
  Status LinkByReference() {
    auto designations = tx_.ReferencedDesignations();
    if (!designations.ok()) return designations.status();
    for (const auto& d : *designations) {
      auto curated = curated_.find(d.entity_row);
      if (curated == curated_.end()) continue;
      auto records = tx_.EntitiesWithReference(d.reference, d.authority);
      if (!records.ok()) return records.status();
      for (int64_t record : *records) {
        auto listed = listed_.find(record);
        if (listed == listed_.end()) continue;
        if (!KindsCompatible(listed->second.kind, curated->second.kind)) {
          summary_.warnings.push_back(fmt::format(
              "the curated designation of '{}' gives {} reference {}, but that record ('{}') is "
              "a {} and '{}' a {}: not linked",
              curated->second.id, d.authority, d.reference, listed->second.id, listed->second.kind,
              curated->second.id, curated->second.kind));
          continue;
        }
        Add(listed->first, curated->first,
            {"reference",
             fmt::format("the curated designation of '{}' by {} ({}) gives list reference {}, "
                         "which this record of '{}' carries",
                         curated->second.id, d.authority, d.program, d.reference,
                         listed->second.dataset),
             kReferenceScore});
      }
    }
    return absl::OkStatus();
  }

  // Rule 1b: a curated claim cites a list by the record's reference
  // ("TAi.144"). Only references that look like the UN's (letters, a dot,
  // digits) are used: a bare number could be a page.
  Status LinkByLocator() {
    auto claims = tx_.LocatorClaims();
    if (!claims.ok()) return claims.status();
    for (const auto& claim : *claims) {
      int64_t about = claim.designated_entity_row.value_or(claim.fact_id);
      auto curated = curated_.find(about);
      if (curated == curated_.end()) continue;
      const std::string& locator = claim.locator;
      bool letters = std::any_of(locator.begin(), locator.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      });
      if (!letters || locator.find('.') == std::string::npos) continue;
      auto records = tx_.EntitiesWithReference(locator, std::nullopt);
      if (!records.ok()) return records.status();
      for (int64_t record : *records) {
        auto listed = listed_.find(record);
        if (listed == listed_.end() || !KindsCompatible(listed->second.kind, curated->second.kind))
          continue;
        Add(listed->first, curated->first,
            {"reference",
             fmt::format("a curated claim about '{}' cites list reference {} (source '{}'), "
                         "which this record of '{}' carries",
                         curated->second.id, locator, claim.source, listed->second.dataset),
             kReferenceScore});
      }
    }
    return absl::OkStatus();
  }

  // Rule 2: equal names, compatible kinds and birth dates.
  Status LinkByName() {
    struct CuratedName {
      int64_t id;
      std::string text, kind;
      bool rotated;
    };
    auto names = tx_.LinkableNames();
    if (!names.ok()) return names.status();
    std::unordered_map<std::string, std::vector<CuratedName>> by_key;
    std::unordered_map<std::string, std::vector<const store::KeyedNameRecord*>> listed_by_key;
    for (const auto& name : *names) {
      if (listed_.count(name.entity_row)) {
        listed_by_key[name.name_key].push_back(&name);
        continue;
      }
      auto curated = curated_.find(name.entity_row);
      if (curated == curated_.end()) continue;
      if (name.name_key.size() < 4) continue;
      if (curated->second.kind == "person" && WordCount(name.text) < 2) continue;
      for (auto& [lookup, rotated] : LookupKeys(name.text, name.name_key))
        by_key[lookup].push_back({curated->first, name.text, name.kind, rotated});
    }

    struct Candidate {
      std::string listed_name, listed_kind;
      const CuratedName* curated;
    };
    std::map<int64_t, std::map<int64_t, Candidate>> candidates;  // listed -> curated -> evidence
    for (const auto& [key, curated_names] : by_key) {
      auto found = listed_by_key.find(key);
      if (found == listed_by_key.end()) continue;
      for (const store::KeyedNameRecord* name : found->second) {
        auto listed = listed_.find(name->entity_row);
        if (links_.count(listed->first)) continue;
        const std::string &text = name->text, &kind = name->kind;
        if (listed->second.kind == "person" && WordCount(text) < 2) continue;
        for (const auto& c : curated_names) {
          auto& slot = candidates[listed->first];
          auto it = slot.find(c.id);
          bool better = it == slot.end() || (it->second.curated->rotated && !c.rotated) ||
                        (it->second.listed_kind != "primary" && kind == "primary");
          if (better) slot[c.id] = {text, kind, &c};
        }
      }
    }
    for (const auto& [listed_id, options] : candidates) {
      const EntityRow& listed = listed_.at(listed_id);
      std::vector<std::pair<int64_t, Link>> accepted;
      for (const auto& [curated_id, c] : options) {
        const EntityRow& curated = curated_.at(curated_id);
        if (!KindsCompatible(listed.kind, curated.kind)) {
          ++summary_.counts.refused;
          continue;
        }
        if (CountriesConflict(listed_id, curated_id)) {
          ++summary_.counts.refused;
          continue;
        }
        const auto& listed_dates = birth_dates_[listed_id];
        const auto& curated_dates = birth_dates_[curated_id];
        std::string names_reason =
            fmt::format("'{}' ({} on the list) = '{}' ({} in the curated card) after folding{}",
                        c.listed_name, c.listed_kind, c.curated->text, c.curated->kind,
                        c.curated->rotated ? ", words rotated" : "");
        if (!listed_dates.empty() && !curated_dates.empty()) {
          if (!DatesOverlap(listed_dates, curated_dates)) {
            ++summary_.counts.refused;
            continue;
          }
          accepted.push_back(
              {curated_id,
               {"name+dob",
                fmt::format("{}; birth dates {} (list) and {} (curated) overlap", names_reason,
                            JoinDates(listed_dates), JoinDates(curated_dates)),
                kNameAndBirthDateScore}});
        } else {
          accepted.push_back(
              {curated_id,
               {"name",
                fmt::format("{}; kinds agree ({}); {}", names_reason, listed.kind,
                            listed_dates.empty() && curated_dates.empty()
                                ? "no birth date on either side"
                            : listed_dates.empty() ? "no birth date on the list"
                                                   : "no birth date in the curated card"),
                kNameScore}});
        }
      }
      if (accepted.empty()) continue;
      double best = 0;
      for (const auto& a : accepted) best = std::max(best, a.second.score);
      std::vector<std::pair<int64_t, Link>> top;
      for (auto& a : accepted)
        if (a.second.score == best) top.push_back(std::move(a));
      if (top.size() > 1) {
        ++summary_.counts.ambiguous;
        continue;
      }
      Add(listed_id, top[0].first, std::move(top[0].second));
    }
    return absl::OkStatus();
  }

  StatusOr<LinkSummary> Finish() {
    std::vector<store::ComputedLinkRecord> rows;
    for (const auto& [listed_id, targets] : links_)
      for (const auto& [curated_id, link] : targets)
        rows.push_back({listed_.at(listed_id).id, curated_.at(curated_id).id, link.method,
                        link.score, link.reason});
    if (auto s = tx_.ReplaceComputedLinks(rows); !s.ok()) return s;
    auto counts = tx_.LinkCountsByMethod();
    if (!counts.ok()) return counts.status();
    LinkCounts& c = summary_.counts;
    for (const auto& [method, n] : *counts) {
      c.total += n;
      if (method == "reference")
        c.by_reference += n;
      else if (method == "name")
        c.by_name += n;
      else if (method == "name+dob")
        c.by_name_and_birth_date += n;
      else if (method == "manual")
        c.manual += n;
    }
    return summary_;
  }

  store::LoadTransaction& tx_;
  std::unordered_map<int64_t, EntityRow> curated_, listed_;
  std::unordered_map<int64_t, std::vector<std::string>> birth_dates_;
  std::unordered_map<int64_t, std::set<std::string>> countries_;
  std::map<int64_t, std::map<int64_t, Link>> links_;  // listed -> curated -> link
  LinkSummary summary_;
};

}  // namespace

StatusOr<LinkSummary> RecomputeLinks(store::LoadTransaction& tx) { return Linker(tx).Run(); }

}  // namespace vigil::internal
