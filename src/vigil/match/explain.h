// JSON renderings of name analysis and comparison, shared by `vigil compare`
// and `vigil screen` (shapes documented in docs/screening.md).
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/match/name_analysis.h"
#include "vigil/match/name_scorer.h"

namespace vigil::match {

// The default decision threshold of vigil's name scorer.
inline constexpr double kDefaultThreshold = 0.80;

nlohmann::ordered_json AnalysisJson(const AnalyzedName& name);
nlohmann::ordered_json ComparisonJson(const NameComparison& comparison);
const char* RoleName(PartRole role);
// "person" | "organization" | "any" -> NameKind; false when unknown.
bool ParseNameKind(std::string_view text, NameKind* kind);

}  // namespace vigil::match
