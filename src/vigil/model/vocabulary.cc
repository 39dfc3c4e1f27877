// Vocabulary tables and "did you mean" suggestions.
#include "vigil/model/vocabulary.h"

#include <algorithm>
#include <array>
#include <vector>

namespace vigil {
namespace {

constexpr PredicateInfo kPredicates[] = {
    {"member_of", false, "belongs to a group"},
    {"leader_of", false, "leads, commands or heads"},
    {"founded", false, "founded or created"},
    {"faction_of", false, "is a faction, wing or semi-autonomous part of"},
    {"affiliate_of", false, "is a branch, franchise or affiliate of"},
    {"part_of", false, "is an organisational part of"},
    {"split_from", false, "was formed by members who left"},
    {"allied_with", true, "cooperates with, alliance (incl. of convenience)"},
    {"hostile_to", true, "fights, rivals, is at war with"},
    {"supports", false, "backs politically, materially or tacitly"},
    {"funds", false, "gives money"},
    {"arms", false, "supplies weapons"},
    {"shelters", false, "hosts, protects, gives haven"},
    {"shares_intelligence_with", false, "passes intelligence to"},
    {"negotiates_with", true, "holds talks with"},
    {"family_of", true, "kin"},
    {"holds_position_in", false, "holds an office in a body"},
    {"operates_in", false, "has presence or activity in a place"},
    {"recruits_from", false, "draws fighters or members from"},
    {"designates", false, "lists as terrorist or sanctioned"},
};

constexpr std::string_view kEntityKinds[] = {"person", "organization", "government_body",
                                             "state", "place"};
constexpr std::string_view kNameKinds[] = {"primary", "alias", "weak_alias",
                                           "original_script", "transliteration"};
constexpr std::string_view kEventTypes[] = {
    "attack",   "suicide_attack",   "bombing",    "foiled_plot", "assassination",
    "hostage_taking", "strike",     "offensive",  "agreement",   "meeting",
    "prisoner_release", "withdrawal", "founding", "takeover",    "warning",
    "statement",  // an interview, speech or published declaration
    // imported event data: UCDP GED's types of violence, ACLED's event types
    "state_based_conflict", "non_state_conflict", "one_sided_violence", "battle",
    "remote_violence", "violence_against_civilians", "protest", "riot",
    "strategic_development"};
constexpr std::string_view kPerpetratorRoles[] = {"claimed", "attributed", "suspected",
                                                  "facilitated"};
constexpr std::string_view kActorRoles[] = {"side_a", "side_b", "perpetrator", "target",
                                            "claimant"};
constexpr std::string_view kQualifiers[] = {"about", "at_least", "at_most", "more_than"};

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::span<const PredicateInfo> Predicates() { return kPredicates; }

const PredicateInfo* FindPredicate(std::string_view name) {
  for (const auto& p : kPredicates)
    if (p.name == name) return &p;
  return nullptr;
}

std::span<const std::string_view> EntityKinds() { return kEntityKinds; }
std::span<const std::string_view> NameKinds() { return kNameKinds; }
std::span<const std::string_view> EventTypes() { return kEventTypes; }
std::span<const std::string_view> PerpetratorRoles() { return kPerpetratorRoles; }
std::span<const std::string_view> ActorRoles() { return kActorRoles; }
std::span<const std::string_view> EstimateQualifiers() { return kQualifiers; }

bool Contains(std::span<const std::string_view> words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string NearestWord(std::span<const std::string_view> words, std::string_view word) {
  std::string best;
  if (word.size() > kLongestHinted) return best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (auto w : words) {
    // The distance is at least the difference in length.
    size_t gap = w.size() > word.size() ? w.size() - word.size() : word.size() - w.size();
    if (gap >= best_distance) continue;
    size_t d = EditDistance(w, word);
    if (d < best_distance) {
      best_distance = d;
      best = w;
    }
  }
  return best;
}

std::string JoinWords(std::span<const std::string_view> words) {
  std::string out;
  for (auto w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

}  // namespace vigil
