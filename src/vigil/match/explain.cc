// JSON for analyses and comparisons.
#include "vigil/match/explain.h"

namespace vigil::match {

const char* RoleName(PartRole role) {
  switch (role) {
    case PartRole::kGiven: return "given";
    case PartRole::kNasab: return "nasab";
    case PartRole::kNisba: return "nisba";
    case PartRole::kLegalForm: return "legal_form";
    case PartRole::kNoise: return "noise";
    case PartRole::kPlace: return "place";
  }
  return "?";
}

bool ParseNameKind(std::string_view text, NameKind* kind) {
  if (text.empty() || text == "any") *kind = NameKind::kAny;
  else if (text == "person") *kind = NameKind::kPerson;
  else if (text == "organization" || text == "organisation") *kind = NameKind::kOrganization;
  else return false;
  return true;
}

nlohmann::ordered_json AnalysisJson(const AnalyzedName& name) {
  nlohmann::ordered_json parts = nlohmann::ordered_json::array();
  for (const auto& p : name.parts) {
    nlohmann::ordered_json part = {{"text", p.text},
                                   {"folded", p.folded},
                                   {"skeleton", p.skeleton},
                                   {"role", RoleName(p.role)},
                                   {"weight", p.weight}};
    if (p.role == PartRole::kNasab) part["nasab_position"] = p.nasab_position;
    parts.push_back(std::move(part));
  }
  return {{"name", name.original},
          {"script", name.script},
          {"parts", std::move(parts)},
          {"honorifics", name.honorifics},
          {"nasab", name.has_nasab}};
}

nlohmann::ordered_json ComparisonJson(const NameComparison& c) {
  nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
  for (const auto& p : c.pairs) {
    nlohmann::ordered_json pair = {{"query", p.query},
                                   {"candidate", p.candidate},
                                   {"method", MethodName(p.method)},
                                   {"similarity", p.similarity},
                                   {"weight", p.weight}};
    if (!p.note.empty()) pair["note"] = p.note;
    pairs.push_back(std::move(pair));
  }
  nlohmann::ordered_json adjustments = nlohmann::ordered_json::array();
  for (const auto& a : c.adjustments) adjustments.push_back({{"rule", a.rule}, {"detail", a.detail}});
  return {{"pairs", std::move(pairs)},
          {"unmatched_query", c.unmatched_query},
          {"unmatched_candidate", c.unmatched_candidate},
          {"adjustments", std::move(adjustments)}};
}

nlohmann::ordered_json CleaningJson(const CleanedText& cleaned) {
  nlohmann::ordered_json removed = nlohmann::ordered_json::array();
  for (const auto& r : cleaned.removed) {
    removed.push_back({{"code_point", CodePointLabel(r.code_point)},
                       {"name", CharacterName(r.code_point)},
                       {"count", r.count}});
  }
  return {{"removed", std::move(removed)},
          {"summary", DescribeRemoved(cleaned.removed)},
          {"text", cleaned.text},
          {"displayed", cleaned.displayed.empty() ? nlohmann::ordered_json(nullptr)
                                                  : nlohmann::ordered_json(cleaned.displayed)}};
}

}  // namespace vigil::match
