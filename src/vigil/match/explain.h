// The vocabulary in which screening and comparison explain themselves:
// names of part roles and of the kinds of names, and the default decision
// threshold. Their JSON shapes are built in engine/json/screening_json.h.
#pragma once

#include <string_view>

#include "vigil/match/name_analysis.h"

namespace vigil::match {

// The default decision threshold of vigil's name scorer.
inline constexpr double kDefaultThreshold = 0.80;

const char* RoleName(PartRole role);
// "person" | "organization" | "any" -> NameKind; false when unknown.
bool ParseNameKind(std::string_view text, NameKind* kind);
// "person" | "organization" | "any".
const char* NameKindName(NameKind kind);

}  // namespace vigil::match
