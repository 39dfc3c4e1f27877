// JSON renderings of name analysis and comparison, shared by `vigil compare`
// and `vigil screen` (shapes documented in docs/screening.md).
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/match/name_analysis.h"
#include "vigil/match/name_scorer.h"
#include "vigil/text/invisible.h"

namespace vigil::match {

// The default decision threshold of vigil's name scorer.
inline constexpr double kDefaultThreshold = 0.80;

nlohmann::ordered_json AnalysisJson(const AnalyzedName& name);
nlohmann::ordered_json ComparisonJson(const NameComparison& comparison);
// What cleaning did to a name: {"removed": [{"code_point": "U+200B", "name":
// "ZERO WIDTH SPACE", "count": 3}], "summary": "U+200B ZERO WIDTH SPACE x3",
// "text": the name as analysed, "displayed": the reading shown on screen when
// bidi controls reorder it, else null}. summary is "" when nothing was removed.
nlohmann::ordered_json CleaningJson(const CleanedText& cleaned);
const char* RoleName(PartRole role);
// "person" | "organization" | "any" -> NameKind; false when unknown.
bool ParseNameKind(std::string_view text, NameKind* kind);

}  // namespace vigil::match
