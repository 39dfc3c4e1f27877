// Imported event actors linked to curated entities (engine/event_linking.h).
#include "vigil/engine/event_linking.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <vector>

#include "vigil/match/name_scorer.h"
#include "vigil/text/normalize.h"

namespace vigil::internal {
namespace {

constexpr double kNameExactScore = 1.0;
constexpr double kGovernmentScore = 0.95;
constexpr double kStateScore = 0.85;
constexpr double kAcronymScore = 0.8;
constexpr double kAffiliateScore = 0.7;
constexpr size_t kMaxCandidates = 3;
constexpr std::string_view kGovernmentPrefix = "Government of ";

struct Candidate {
  std::string entity;
  double score = 0;
  std::string name, name_kind;  // the curated name that met
  bool exact = false;
};

struct NameOutcome {
  std::vector<Candidate> candidates;  // best first, one per entity
};

bool Covers(const store::CuratedRelationRecord& r, const std::string& first,
            const std::string& last) {
  return (r.from_day.empty() || r.from_day <= first) && (r.to_day.empty() || r.to_day >= last);
}
bool Overlaps(const store::CuratedRelationRecord& r, const std::string& first,
              const std::string& last) {
  return (r.from_day.empty() || r.from_day <= last) && (r.to_day.empty() || r.to_day >= first);
}
std::string Period(const store::CuratedRelationRecord& r) {
  return fmt::format("{} to {}", r.from_day.empty() ? "an open start" : r.from_day,
                     r.to_day.empty() ? "now" : r.to_day);
}
std::string Dates(const store::EventActorRecord& a) {
  if (a.first_day.empty()) return "undated";
  return a.first_day == a.last_day ? a.first_day : a.first_day + ".." + a.last_day;
}

// "United Islamic Front for the Salvation of Afghanistan" -> "UIFSA".
std::string Initials(const std::string& name) {
  static const std::set<std::string> kSkipped = {"of", "the", "for", "and", "in", "al", "el",
                                                 "de", "i",  "e",   "ul",  "wa", "yi"};
  std::string folded = FoldText(name), out;
  size_t start = 0;
  while (start < folded.size()) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    std::string word = folded.substr(start, end - start);
    if (!word.empty() && !kSkipped.count(word) && word[0] >= 'a' && word[0] <= 'z')
      out += static_cast<char>(word[0] - 'a' + 'A');
    start = end + 1;
  }
  return out;
}

bool IsAcronym(const std::string& label) {
  if (label.size() < 3 || label.size() > 8) return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

class EventLinker {
 public:
  explicit EventLinker(store::LoadTransaction& tx) : tx_(tx) {}

  StatusOr<EventLinkSummary> Run() {
    auto actors = tx_.EventActors();
    if (!actors.ok()) return actors.status();
    if (actors->empty()) {
      if (auto s = tx_.ReplaceEventLinks({}); !s.ok()) return s;
      return summary_;
    }
    auto names = tx_.CuratedNames();
    if (!names.ok()) return names.status();
    names_ = std::move(*names);
    for (const auto& n : names_) kinds_[n.entity] = n.kind;
    auto relations = tx_.CuratedRelations({"leader_of", "affiliate_of", "faction_of", "operates_in"});
    if (!relations.ok()) return relations.status();
    relations_ = std::move(*relations);
    auto countries = tx_.CuratedAttribute("country");
    if (!countries.ok()) return countries.status();
    countries_ = std::move(*countries);

    std::vector<store::EventLinkRecord> rows;
    for (const auto& actor : *actors) {
      ++summary_.actors;
      size_t before = rows.size();
      Link(actor, &rows);
      bool linked = false, suggested = false;
      for (size_t i = before; i < rows.size(); ++i) {
        linked = linked || rows[i].status == "linked";
        suggested = suggested || rows[i].status == "suggested";
        ++summary_.by_method[rows[i].method];
      }
      ++(linked ? summary_.linked : suggested ? summary_.suggested : summary_.unlinked);
    }
    if (auto s = tx_.ReplaceEventLinks(rows); !s.ok()) return s;
    return summary_;
  }

 private:
  void Link(const store::EventActorRecord& a, std::vector<store::EventLinkRecord>* rows) {
    auto add = [&](std::optional<std::string> entity, const char* status, const char* method,
                   double score, std::string reason) {
      rows->push_back({a.participant_row, std::move(entity), status, method, score,
                       std::move(reason)});
    };
    if (a.label.rfind(kGovernmentPrefix, 0) == 0 && LinkGovernment(a, add)) return;
    const NameOutcome& outcome = NamesFor(a.label);
    const auto& c = outcome.candidates;
    bool exact = !c.empty() && c[0].exact && (c.size() < 2 || !c[1].exact);
    bool clear = !c.empty() && c[0].score >= kEventLinkScore &&
                 (c.size() < 2 || c[0].score - c[1].score >= kEventLinkMargin);
    if (exact || clear) {
      add(c[0].entity, "linked", "name", c[0].score,
          fmt::format("'{}' {} '{}' ({} of {}){}", a.label,
                      c[0].exact ? "equals, after folding," : fmt::format("scores {:.2f} against", c[0].score),
                      c[0].name, c[0].name_kind, c[0].entity,
                      c.size() < 2 ? "" : fmt::format("; next best {} at {:.2f}", c[1].entity, c[1].score)));
      Affiliates(a, c[0].entity, add);
      return;
    }
    bool any = false;
    for (size_t i = 0; i < c.size() && i < kMaxCandidates; ++i) {
      if (c[i].score < kEventSuggestScore) break;
      any = true;
      add(c[i].entity, "suggested", "name", c[i].score,
          fmt::format("'{}' scores {:.2f} against '{}' ({} of {}): {}", a.label, c[i].score,
                      c[i].name, c[i].name_kind, c[i].entity,
                      c[i].exact ? "several entities have this name"
                      : c[i].score < kEventLinkScore
                          ? fmt::format("below {:.2f}, not certain", kEventLinkScore)
                          : "another entity scores as well"));
    }
    if (any) return;
    if (IsAcronym(a.label)) {
      std::set<std::string> seen;
      for (const auto& n : names_) {
        if (n.kind == "place" || seen.count(n.entity) || Initials(n.text) != a.label) continue;
        seen.insert(n.entity);
        any = true;
        add(n.entity, "suggested", "acronym", kAcronymScore,
            fmt::format("'{}' spells the initials of '{}' ({} of {}); an acronym is not certain",
                        a.label, n.text, n.name_kind, n.entity));
      }
      if (any) return;
    }
    std::string best = c.empty() ? "no name to compare"
                                 : fmt::format("best: '{}' of {} at {:.2f}", c[0].name,
                                               c[0].entity, c[0].score);
    add(std::nullopt, "unlinked", "none", c.empty() ? 0.0 : c[0].score,
        fmt::format("no knowledge-base name scores {:.2f} or more against '{}' ({})",
                    kEventSuggestScore, a.label, best));
  }

  // Rule 1. False when X names no curated state (the name rules then run).
  template <typename Add>
  bool LinkGovernment(const store::EventActorRecord& a, Add& add) {
    std::string country = a.label.substr(kGovernmentPrefix.size());
    std::string key = NameKey(country);
    std::string state;
    for (const auto& n : names_)
      if (n.kind == "state" && NameKey(n.text) == key) {
        state = n.entity;
        break;
      }
    if (state.empty()) return false;
    std::vector<const store::CuratedRelationRecord*> covering, overlapping;
    for (const auto& r : relations_) {
      if (r.predicate != "leader_of" || r.object != state) continue;
      auto kind = kinds_.find(r.subject);
      if (kind == kinds_.end() || kind->second != "government_body") continue;
      if (a.first_day.empty()) {
        overlapping.push_back(&r);
        continue;
      }
      if (Covers(r, a.first_day, a.last_day))
        covering.push_back(&r);
      else if (Overlaps(r, a.first_day, a.last_day))
        overlapping.push_back(&r);
    }
    auto describe = [&](const store::CuratedRelationRecord& r) {
      return fmt::format("{} leader_of {} from {}{}", r.subject, state, Period(r),
                         r.role.empty() ? "" : fmt::format(" (role '{}')", r.role));
    };
    if (covering.size() == 1) {
      add(covering[0]->subject, "linked", "government", kGovernmentScore,
          fmt::format("'{}' on {}: {}", a.label, Dates(a), describe(*covering[0])));
      return true;
    }
    std::vector<const store::CuratedRelationRecord*> options = covering;
    options.insert(options.end(), overlapping.begin(), overlapping.end());
    std::set<std::string> seen;
    for (const auto* r : options) {
      if (!seen.insert(r->subject).second) continue;
      add(r->subject, "suggested", "government", kGovernmentScore - 0.2,
          fmt::format("'{}' on {}: {}; {}", a.label, Dates(a), describe(*r),
                      a.first_day.empty() ? "the event has no date"
                                          : "more than one government over the event's dates"));
    }
    if (!seen.empty()) return true;
    add(state, "linked", "government", kStateScore,
        fmt::format("'{}': no government body leads {} in the knowledge base on {}; the state "
                    "itself",
                    a.label, state, Dates(a)));
    return true;
  }

  // Rule 4.
  template <typename Add>
  void Affiliates(const store::EventActorRecord& a, const std::string& entity, Add& add) {
    if (a.country.empty()) return;
    for (const auto& r : relations_) {
      if (r.predicate != "affiliate_of" || r.object != entity) continue;
      if (!a.first_day.empty() && !Overlaps(r, a.first_day, a.last_day)) continue;
      for (const auto& o : relations_) {
        if (o.predicate != "operates_in" || o.subject != r.subject) continue;
        auto country = countries_.find(o.object);
        if (country == countries_.end() || country->second != a.country) continue;
        if (!a.first_day.empty() && !Overlaps(o, a.first_day, a.last_day)) continue;
        add(r.subject, "suggested", "affiliate", kAffiliateScore,
            fmt::format("{} is {} {} (from {}) and operates_in {} (from {}), where this event "
                        "took place on {}: the dataset's '{}' may denote it",
                        r.subject, "an affiliate of", entity, Period(r), o.object, Period(o), Dates(a), a.label));
        break;
      }
    }
  }

  const NameOutcome& NamesFor(const std::string& label) {
    auto found = outcomes_.find(label);
    if (found != outcomes_.end()) return found->second;
    NameOutcome outcome;
    std::string key = NameKey(label);
    std::unordered_map<std::string, Candidate> best;
    for (const auto& n : names_) {
      if (n.kind == "place") continue;
      Candidate c{n.entity, 0, n.text, n.name_kind, false};
      if (!key.empty() && NameKey(n.text) == key) {
        c.score = kNameExactScore;
        c.exact = true;
      } else {
        if (n.name_kind == "weak_alias") continue;  // confirms, never creates, a match
        c.score = match::CompareNames(label, n.text, match::NameKind::kAny, scorer_)
                      .comparison.score;
      }
      auto& slot = best[n.entity];
      if (c.score > slot.score || slot.entity.empty()) slot = c;
    }
    for (auto& [entity, c] : best) outcome.candidates.push_back(std::move(c));
    std::sort(outcome.candidates.begin(), outcome.candidates.end(),
              [](const Candidate& x, const Candidate& y) {
                return x.score != y.score ? x.score > y.score : x.entity < y.entity;
              });
    return outcomes_.emplace(label, std::move(outcome)).first->second;
  }

  store::LoadTransaction& tx_;
  match::NameScorer scorer_;
  std::vector<store::CuratedNameRecord> names_;
  std::unordered_map<std::string, std::string> kinds_;
  std::vector<store::CuratedRelationRecord> relations_;
  std::map<std::string, std::string> countries_;
  std::unordered_map<std::string, NameOutcome> outcomes_;
  EventLinkSummary summary_;
};

}  // namespace

StatusOr<EventLinkSummary> RecomputeEventLinks(store::LoadTransaction& tx) {
  return EventLinker(tx).Run();
}

}  // namespace vigil::internal
