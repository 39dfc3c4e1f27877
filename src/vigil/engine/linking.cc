// Links between list records and curated entities: computed, and read for show.
#include "vigil/engine/linking.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "vigil/base/date.h"
#include "vigil/engine/facts.h"
#include "vigil/text/country.h"
#include "vigil/text/normalize.h"

namespace vigil::internal {
namespace {

constexpr double kReferenceScore = 1.0;
constexpr double kNameAndBirthDateScore = 0.95;
constexpr double kNameScore = 0.85;

struct EntityRow {
  int64_t id = 0;
  std::string key, kind, dataset;
  bool curated = false;
};

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
  explicit Linker(Database& db) : db_(db) {}

  StatusOr<LinkSummary> Run() {
    if (auto s = db_.Execute("DELETE FROM links WHERE method != 'manual'"); !s.ok()) return s;
    if (auto s = LoadEntities(); !s.ok()) return s;
    if (curated_.empty() || listed_.empty()) return Finish();
    if (auto s = LoadBirthDates(); !s.ok()) return s;
    if (auto s = LoadCountries(); !s.ok()) return s;
    if (auto s = LinkByReference(); !s.ok()) return s;
    if (auto s = LinkByLocator(); !s.ok()) return s;
    if (auto s = LinkByName(); !s.ok()) return s;
    return Finish();
  }

 private:
  Status LoadEntities() {
    Statement st(db_,
                 "SELECT e.id, e.key, e.kind, d.kind, d.name FROM entities e JOIN facts f ON "
                 "f.id = e.id JOIN datasets d ON d.id = f.dataset_id");
    while (st.Step()) {
      EntityRow row{st.Int(0), st.Text(1), st.Text(2), st.Text(4), st.Text(3) == "curated"};
      (row.curated ? curated_ : listed_).emplace(row.id, row);
    }
    return st.status();
  }

  Status LoadBirthDates() {
    Statement st(db_,
                 "SELECT entity_id, value FROM entity_values WHERE key = 'birth_date' UNION ALL "
                 "SELECT entity_id, value FROM attributes WHERE key = 'birth_date'");
    while (st.Step()) birth_dates_[st.Int(0)].push_back(st.Text(1));
    return st.status();
  }

  // Countries an entity is tied to (nationality, citizenship, address or
  // birth country, a body's country), as ISO codes.
  Status LoadCountries() {
    Statement st(db_,
                 "SELECT entity_id, value FROM entity_values WHERE key IN ('nationality', "
                 "'citizenship', 'address_country', 'birth_country', 'country') UNION ALL "
                 "SELECT entity_id, value FROM attributes WHERE key IN ('nationality', "
                 "'citizenship', 'country')");
    while (st.Step()) {
      std::string code = CountryCode(st.Text(1));
      if (!code.empty()) countries_[st.Int(0)].insert(code);
    }
    return st.status();
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
    Statement designations(db_,
                           "SELECT entity_id, authority, program, reference FROM designations "
                           "WHERE reference IS NOT NULL AND reference != ''");
    Statement records(db_,
                      "SELECT e.id FROM entities e WHERE e.reference = ?1 AND EXISTS (SELECT 1 "
                      "FROM designations g WHERE g.entity_id = e.id AND g.authority = ?2)");
    while (designations.Step()) {
      auto curated = curated_.find(designations.Int(0));
      if (curated == curated_.end()) continue;
      std::string authority = designations.Text(1), program = designations.Text(2);
      std::string reference = designations.Text(3);
      records.Bind(1, reference).Bind(2, authority);
      while (records.Step()) {
        auto listed = listed_.find(records.Int(0));
        if (listed == listed_.end()) continue;
        if (!KindsCompatible(listed->second.kind, curated->second.kind)) {
          summary_.warnings.push_back(fmt::format(
              "the curated designation of '{}' gives {} reference {}, but that record ('{}') is "
              "a {} and '{}' a {}: not linked",
              curated->second.key, authority, reference, listed->second.key, listed->second.kind,
              curated->second.key, curated->second.kind));
          continue;
        }
        Add(listed->first, curated->first,
            {"reference",
             fmt::format("the curated designation of '{}' by {} ({}) gives list reference {}, "
                         "which this record of '{}' carries",
                         curated->second.key, authority, program, reference,
                         listed->second.dataset),
             kReferenceScore});
      }
      if (!records.status().ok()) return records.status();
      records.Reset();
    }
    return designations.status();
  }

  // Rule 1b: a curated claim cites a list by the record's reference
  // ("TAi.144"). Only references that look like the UN's (letters, a dot,
  // digits) are used: a bare number could be a page.
  Status LinkByLocator() {
    Statement claims(db_,
                     "SELECT c.fact_id, c.locator, s.key, (SELECT g.entity_id FROM designations g "
                     "WHERE g.id = c.fact_id) FROM claims c JOIN sources s ON s.id = c.source_id "
                     "WHERE s.kind = 'list' AND c.locator IS NOT NULL AND c.locator != ''");
    Statement records(db_, "SELECT id FROM entities WHERE reference = ?");
    while (claims.Step()) {
      int64_t about = claims.IsNull(3) ? claims.Int(0) : claims.Int(3);
      auto curated = curated_.find(about);
      if (curated == curated_.end()) continue;
      std::string locator = claims.Text(1);
      bool letters = std::any_of(locator.begin(), locator.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      });
      if (!letters || locator.find('.') == std::string::npos) continue;
      records.Bind(1, locator);
      while (records.Step()) {
        auto listed = listed_.find(records.Int(0));
        if (listed == listed_.end() || !KindsCompatible(listed->second.kind, curated->second.kind))
          continue;
        Add(listed->first, curated->first,
            {"reference",
             fmt::format("a curated claim about '{}' cites list reference {} (source '{}'), "
                         "which this record of '{}' carries",
                         curated->second.key, locator, claims.Text(2), listed->second.dataset),
             kReferenceScore});
      }
      if (!records.status().ok()) return records.status();
      records.Reset();
    }
    return claims.status();
  }

  // Rule 2: equal names, compatible kinds and birth dates.
  Status LinkByName() {
    struct CuratedName {
      int64_t id;
      std::string text, kind;
      bool rotated;
    };
    std::unordered_map<std::string, std::vector<CuratedName>> by_key;
    Statement names(db_,
                    "SELECT entity_id, text, kind, name_key FROM names WHERE kind != 'weak_alias'");
    while (names.Step()) {
      auto curated = curated_.find(names.Int(0));
      if (curated == curated_.end()) continue;
      std::string text = names.Text(1), kind = names.Text(2), key = names.Text(3);
      if (key.size() < 4) continue;
      if (curated->second.kind == "person" && WordCount(text) < 2) continue;
      for (auto& [lookup, rotated] : LookupKeys(text, key))
        by_key[lookup].push_back({curated->first, text, kind, rotated});
    }
    if (!names.status().ok()) return names.status();

    struct Candidate {
      std::string listed_name, listed_kind;
      const CuratedName* curated;
    };
    std::map<int64_t, std::map<int64_t, Candidate>> candidates;  // listed -> curated -> evidence
    Statement listed_names(db_,
                           "SELECT entity_id, text, kind FROM names WHERE name_key = ? AND kind != "
                           "'weak_alias'");
    for (const auto& [key, curated_names] : by_key) {
      listed_names.Bind(1, key);
      while (listed_names.Step()) {
        auto listed = listed_.find(listed_names.Int(0));
        if (listed == listed_.end() || links_.count(listed->first)) continue;
        std::string text = listed_names.Text(1), kind = listed_names.Text(2);
        if (listed->second.kind == "person" && WordCount(text) < 2) continue;
        for (const auto& c : curated_names) {
          auto& slot = candidates[listed->first];
          auto it = slot.find(c.id);
          bool better = it == slot.end() || (it->second.curated->rotated && !c.rotated) ||
                        (it->second.listed_kind != "primary" && kind == "primary");
          if (better) slot[c.id] = {text, kind, &c};
        }
      }
      if (!listed_names.status().ok()) return listed_names.status();
      listed_names.Reset();
    }

    for (const auto& [listed_id, options] : candidates) {
      const EntityRow& listed = listed_.at(listed_id);
      std::vector<std::pair<int64_t, Link>> accepted;
      for (const auto& [curated_id, c] : options) {
        const EntityRow& curated = curated_.at(curated_id);
        if (!KindsCompatible(listed.kind, curated.kind)) {
          ++summary_.refused;
          continue;
        }
        if (CountriesConflict(listed_id, curated_id)) {
          ++summary_.refused;
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
            ++summary_.refused;
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
        ++summary_.ambiguous;
        continue;
      }
      Add(listed_id, top[0].first, std::move(top[0].second));
    }
    return absl::OkStatus();
  }

  StatusOr<LinkSummary> Finish() {
    Statement insert(db_,
                     "INSERT OR IGNORE INTO links(entity_key, target_key, method, score, reason) "
                     "VALUES (?,?,?,?,?)");
    for (const auto& [listed_id, targets] : links_) {
      for (const auto& [curated_id, link] : targets) {
        insert.Bind(1, listed_.at(listed_id).key).Bind(2, curated_.at(curated_id).key);
        insert.Bind(3, link.method).Bind(4, link.score).Bind(5, link.reason);
        if (auto s = insert.Run(); !s.ok()) return s;
      }
    }
    Statement count(db_, "SELECT method, COUNT(*) FROM links GROUP BY method");
    while (count.Step()) {
      int64_t n = count.Int(1);
      std::string method = count.Text(0);
      summary_.total += n;
      if (method == "reference")
        summary_.by_reference += n;
      else if (method == "name")
        summary_.by_name += n;
      else if (method == "name+dob")
        summary_.by_name_and_birth_date += n;
      else if (method == "manual")
        summary_.manual += n;
    }
    if (!count.status().ok()) return count.status();
    return summary_;
  }

  Database& db_;
  std::unordered_map<int64_t, EntityRow> curated_, listed_;
  std::unordered_map<int64_t, std::vector<std::string>> birth_dates_;
  std::unordered_map<int64_t, std::set<std::string>> countries_;
  std::map<int64_t, std::map<int64_t, Link>> links_;  // listed -> curated -> link
  LinkSummary summary_;
};

}  // namespace

StatusOr<LinkSummary> RecomputeLinks(Database& db) { return Linker(db).Run(); }

std::vector<int64_t> LinkedIds(Database& db, int64_t entity_id) {
  std::vector<int64_t> out;
  Statement st(db,
               "SELECT o.id FROM entities e JOIN links l ON l.entity_key = e.key OR l.target_key = "
               "e.key JOIN entities o ON o.key = CASE WHEN l.entity_key = e.key THEN l.target_key "
               "ELSE l.entity_key END WHERE e.id = ? ORDER BY l.score DESC, l.id");
  st.Bind(1, entity_id);
  while (st.Step()) out.push_back(st.Int(0));
  return out;
}

std::vector<int64_t> CuratedCardsOf(Database& db, int64_t entity_id) {
  std::vector<int64_t> out;
  Statement st(db,
               "SELECT o.id FROM entities e JOIN links l ON l.entity_key = e.key JOIN entities o "
               "ON o.key = l.target_key WHERE e.id = ? ORDER BY l.score DESC, l.id");
  st.Bind(1, entity_id);
  while (st.Step()) out.push_back(st.Int(0));
  return out;
}

Json LinkedJson(Database& db, int64_t entity_id) {
  Json out = Json::array();
  Statement st(
      db,
      "SELECT o.id, d.name, o.reference, l.method, l.score, l.reason, l.entity_key = e.key "
      "FROM entities e JOIN links l ON l.entity_key = e.key OR l.target_key = e.key JOIN "
      "entities o ON o.key = CASE WHEN l.entity_key = e.key THEN l.target_key ELSE "
      "l.entity_key END JOIN facts f ON f.id = o.id JOIN datasets d ON d.id = "
      "f.dataset_id WHERE e.id = ? ORDER BY l.score DESC, d.name, o.key");
  st.Bind(1, entity_id);
  while (st.Step()) {
    int64_t other = st.Int(0);
    Json item{{"entity", EntityRef(db, other)},
              {"dataset", st.Text(1)},
              {"reference", st.IsNull(2) ? Json(nullptr) : Json(st.Text(2))},
              {"role", st.Int(6) ? "curated_card" : "list_record"},
              {"method", st.Text(3)},
              {"score", st.Real(4)},
              {"reason", st.Text(5)}};
    item["names"] = NamesOf(db, other);
    Statement designations(db, "SELECT id FROM designations WHERE entity_id = ? ORDER BY date, id");
    designations.Bind(1, other);
    Json designation_list = Json::array();
    while (designations.Step())
      designation_list.push_back(DesignationJson(db, designations.Int(0)));
    item["designations"] = std::move(designation_list);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace vigil::internal
