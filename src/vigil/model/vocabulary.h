// The closed vocabularies of the data model: entity kinds, name kinds,
// relation predicates (with direction), event types, participant roles.
//
// Parsers check input against these tables; docs/data-model.md documents
// them; the graph view uses IsSymmetric() to decide edge direction.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace vigil {

struct PredicateInfo {
  std::string_view name;
  bool symmetric;
  std::string_view meaning;
};

std::span<const PredicateInfo> Predicates();
const PredicateInfo* FindPredicate(std::string_view name);

std::span<const std::string_view> EntityKinds();
std::span<const std::string_view> NameKinds();
std::span<const std::string_view> EventTypes();
std::span<const std::string_view> PerpetratorRoles();
// Roles of an imported event's actors: side_a, side_b, perpetrator, target,
// claimant (docs/data-model.md, "Event data").
std::span<const std::string_view> ActorRoles();
std::span<const std::string_view> EstimateQualifiers();

bool Contains(std::span<const std::string_view> words, std::string_view word);

// The closest word of the vocabulary by edit distance, for "did you mean";
// empty when nothing is close, and for words longer than kLongestHinted
// bytes (so that a hostile word costs nothing: the distance is quadratic).
inline constexpr size_t kLongestHinted = 64;
std::string NearestWord(std::span<const std::string_view> words, std::string_view word);

// "a, b, c": for error messages.
std::string JoinWords(std::span<const std::string_view> words);

}  // namespace vigil
