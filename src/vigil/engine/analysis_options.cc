// The analysis options' parsers and checks: every error names its field.
#include "vigil/engine/analysis_options.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>

#include "vigil/base/date.h"
#include "vigil/model/vocabulary.h"

namespace vigil {
namespace {

// In the order of enum class Measure.
constexpr Measure kMeasures[] = {
    Measure::kDegree,      Measure::kInDegree,   Measure::kOutDegree, Measure::kBetweenness,
    Measure::kCloseness,   Measure::kHarmonic,   Measure::kEigenvector, Measure::kPageRank,
    Measure::kKCore,       Measure::kConstraint, Measure::kEffectiveSize};
constexpr std::string_view kMeasureNames[] = {
    "degree",      "in-degree", "out-degree", "betweenness", "closeness",     "harmonic",
    "eigenvector", "pagerank",  "kcore",      "constraint",  "effective-size"};
static_assert(std::size(kMeasures) == std::size(kMeasureNames));

// "field: unknown WHAT'word' (did you mean 'nearest'?)", or the words
// expected when none is near.
Status UnknownWord(std::string_view field, std::string_view what, std::string_view word,
                   std::span<const std::string_view> words) {
  std::string hint = NearestWord(words, word);
  return FieldError(field, fmt::format("unknown {}'{}'{}", what, word,
                                       hint.empty()
                                           ? fmt::format(" (expected one of: {})", JoinWords(words))
                                           : fmt::format(" (did you mean '{}'?)", hint)));
}

Status InRange(std::string_view field, int value, int low, int high) {
  if (value >= low && value <= high) return absl::OkStatus();
  return FieldError(field, fmt::format("must lie in {}..{}, got {}", low, high, value));
}

Status NotNegative(std::string_view field, int value) {
  if (value >= 0) return absl::OkStatus();
  return FieldError(field, fmt::format("must be 0 (all) or more, got {}", value));
}

bool IsAuthorityCode(const std::string& code) {
  return !code.empty() && code.size() <= 8 && std::all_of(code.begin(), code.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isupper(u) || std::isdigit(u);
  });
}

}  // namespace

StatusOr<DayRange> ViewDays(const GraphViewOptions& view) {
  return QueryDays(view.as_of, view.during);
}

Status GraphViewOptions::Validate() const {
  if (auto days = ViewDays(*this); !days.ok()) return days.status();
  for (const auto& p : predicate) {
    if (FindPredicate(p)) continue;
    std::vector<std::string_view> names;
    for (const auto& info : Predicates()) names.push_back(info.name);
    return UnknownWord("predicate", "predicate ", p, names);
  }
  if (!(std::isfinite(min_confidence) && min_confidence >= 0.0 && min_confidence <= 1.0))
    return FieldError("min_confidence",
                      fmt::format("must be a number between 0 and 1, got {}", min_confidence));
  return absl::OkStatus();
}

Status ExposureOptions::Validate() const {
  if (auto s = view.Validate(); !s.ok()) return s;
  if (auto s = InRange("max_hops", max_hops, 1, 12); !s.ok()) return s;
  if (auto s = InRange("paths", paths, 1, 50); !s.ok()) return s;
  for (const auto& code : authority)
    if (!IsAuthorityCode(code))
      return FieldError(
          "authority",
          fmt::format("'{}' is not an authority code (upper-case letters, as US, UN, RU, EU)",
                      code));
  return NotNegative("top", top);
}

Status PathsOptions::Validate() const {
  if (auto s = view.Validate(); !s.ok()) return s;
  return InRange("k", k, 1, 100);
}

Status NeighbourhoodOptions::Validate() const {
  if (auto s = view.Validate(); !s.ok()) return s;
  for (const auto& name : focus)
    if (name.empty()) return FieldError("focus", "an entity id or name is empty");
  if (auto s = InRange("depth", depth, 0, kNeighbourhoodMaxDepth); !s.ok()) return s;
  return InRange("limit", limit, 1, kNeighbourhoodMaxLimit);
}

StatusOr<Measure> ParseMeasure(std::string_view name) {
  auto at = std::find(std::begin(kMeasureNames), std::end(kMeasureNames), name);
  if (at == std::end(kMeasureNames)) return UnknownWord("measure", "", name, kMeasureNames);
  return kMeasures[at - std::begin(kMeasureNames)];
}

std::string_view MeasureName(Measure measure) {
  return kMeasureNames[static_cast<size_t>(measure)];
}

std::span<const Measure> Measures() { return kMeasures; }

Status RankOptions::Validate() const { return NotNegative("top", top); }

Status CommunityOptions::Validate() const {
  if (!(std::isfinite(resolution) && resolution > 0.0))
    return FieldError("resolution",
                      fmt::format("must be a finite number above 0, got {}", resolution));
  return InRange("runs", runs, 0, 1000);
}

Status KeyPlayerOptions::Validate() const {
  if (k >= 1) return absl::OkStatus();
  return FieldError("k", fmt::format("must be at least 1, got {}", k));
}

StatusOr<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "graphml") return ExportFormat::kGraphMl;
  if (name == "gexf") return ExportFormat::kGexf;
  return FieldError("format",
                    fmt::format("unknown export format '{}' (expected graphml or gexf)", name));
}

std::string_view ExportFormatName(ExportFormat format) {
  return format == ExportFormat::kGexf ? "gexf" : "graphml";
}

StatusOr<NetworkFormat> ParseNetworkFormat(std::string_view name, std::string_view field) {
  auto format = network::ParseFormat(name);
  if (!format.ok()) return FieldError(field, std::string(format.status().message()));
  return *format;
}

Status NetworkSource::Validate() const {
  if (auto s = view.Validate(); !s.ok()) return s;
  if (graph.empty()) {
    if (format != NetworkFormat::kAuto)
      return FieldError(format_field, "applies to network files only");
    return absl::OkStatus();
  }
  const char* filter = !view.as_of.empty()          ? "as_of"
                       : !view.during.empty()       ? "during"
                       : !view.predicate.empty()    ? "predicate"
                       : !view.party.empty()        ? "party"
                       : view.min_confidence != 0.0 ? "min_confidence"
                                                    : nullptr;
  if (filter)
    return FieldError(filter,
                      "filters the knowledge base; it does not apply to network files");
  return absl::OkStatus();
}

}  // namespace vigil
