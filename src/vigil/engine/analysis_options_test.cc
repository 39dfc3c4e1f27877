// The analysis options check themselves, and every refusal names its field
// (the CLI turns it into its flag, the HTTP API returns it as is).
#include "vigil/engine/analysis_options.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace vigil {
namespace {

// The status is a field error about field, and its message says what.
void ExpectFieldError(const Status& status, const std::string& field, const std::string& what) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(FieldOf(status), field) << status;
  // It starts with the field, not a flag (the CLI adds those).
  EXPECT_EQ(std::string(status.message()).rfind(field + ": ", 0), 0u) << status;
  EXPECT_NE(status.message().find(what), std::string::npos) << status;
}

TEST(AnalysisOptionsTest, MeasuresParseByNameAndSuggestTheNearest) {
  for (Measure m : Measures()) EXPECT_EQ(*ParseMeasure(MeasureName(m)), m);
  EXPECT_EQ(Measures().size(), 11u);
  EXPECT_EQ(*ParseMeasure("effective-size"), Measure::kEffectiveSize);
  auto typo = ParseMeasure("betweeness");
  EXPECT_EQ(typo.status().message(), "measure: unknown 'betweeness' (did you mean 'betweenness'?)");
  EXPECT_EQ(FieldOf(typo.status()), "measure");
  auto far = ParseMeasure("zzzzzzzzzzzz");
  ExpectFieldError(far.status(), "measure", "(expected one of: degree, in-degree,");
}

TEST(AnalysisOptionsTest, TheViewRefusesBadDatesPredicatesAndConfidences) {
  EXPECT_TRUE(GraphViewOptions{}.Validate().ok());
  EXPECT_TRUE((GraphViewOptions{.as_of = "2023", .predicate = {"leader_of"}, .min_confidence = 1})
                  .Validate()
                  .ok());
  ExpectFieldError(GraphViewOptions{.as_of = "2023-13"}.Validate(), "as_of", "'2023-13'");
  ExpectFieldError(GraphViewOptions{.predicate = {"leader_of", "leeder_of"}}.Validate(),
                   "predicate", "unknown predicate 'leeder_of' (did you mean 'leader_of'?)");
  for (double bad : {std::nan(""), std::numeric_limits<double>::infinity(), -0.1, 1.5})
    ExpectFieldError(GraphViewOptions{.min_confidence = bad}.Validate(), "min_confidence",
                     "must be a number between 0 and 1");
  ExpectFieldError(GraphViewOptions{.min_confidence = std::nan("")}.Validate(), "min_confidence",
                   "got nan");
}

TEST(AnalysisOptionsTest, AsOfDaysAreTheLastDayTheyDenote) {
  EXPECT_EQ(*ViewDays({.as_of = "2023"}), (DayRange{"2023-12-31", "2023-12-31"}));
  EXPECT_EQ(*ViewDays({.as_of = "2024-02"}), (DayRange{"2024-02-29", "2024-02-29"}));
  EXPECT_TRUE(ViewDays({})->Unbounded());
  EXPECT_EQ(FieldOf(ViewDays({.as_of = "~2020"}).status()), "as_of");
}

TEST(AnalysisOptionsTest, DuringCoversThePeriodAndExcludesAsOf) {
  // A one-day event (a summit on 2021-06-16) lies within --during 2021-06,
  // not on --as-of 2021-06 (the month's last day).
  EXPECT_EQ(*ViewDays({.during = "2021-06"}), (DayRange{"2021-06-01", "2021-06-30"}));
  EXPECT_TRUE(ViewDays({.during = "2021-06"})->Meets("2021-06-16", "2021-06-16"));
  EXPECT_FALSE(ViewDays({.as_of = "2021-06"})->Meets("2021-06-16", "2021-06-16"));
  EXPECT_EQ(*ViewDays({.during = "2014..2016"}), (DayRange{"2014-01-01", "2016-12-31"}));
  ExpectFieldError(GraphViewOptions{.during = "2016..2014"}.Validate(), "during",
                   "ends before it begins");
  ExpectFieldError(GraphViewOptions{.as_of = "2015", .during = "2016"}.Validate(), "during",
                   "not both");
  ExpectFieldError(NetworkSource{.graph = "g.txt", .view = {.during = "2016"}}.Validate(),
                   "during", "does not apply to network files");
}

TEST(AnalysisOptionsTest, ExposureAndPathsCheckTheirRanges) {
  EXPECT_TRUE(ExposureOptions{}.Validate().ok());
  ExpectFieldError(ExposureOptions{.max_hops = 0}.Validate(), "max_hops", "must lie in 1..12, got 0");
  ExpectFieldError(ExposureOptions{.max_hops = 13}.Validate(), "max_hops", "got 13");
  ExpectFieldError(ExposureOptions{.paths = 51}.Validate(), "paths", "must lie in 1..50");
  ExpectFieldError(ExposureOptions{.authority = {"UN", "usa"}}.Validate(), "authority",
                   "'usa' is not an authority code");
  ExpectFieldError(ExposureOptions{.authority = {""}}.Validate(), "authority", "''");
  ExpectFieldError(ExposureOptions{.top = -5}.Validate(), "top", "got -5");
  ExpectFieldError(ExposureOptions{.view = {.as_of = "x"}}.Validate(), "as_of", "'x'");
  EXPECT_TRUE(PathsOptions{.k = 100}.Validate().ok());
  ExpectFieldError(PathsOptions{.k = 0}.Validate(), "k", "must lie in 1..100, got 0");
  ExpectFieldError(PathsOptions{.view = {.min_confidence = -1}}.Validate(), "min_confidence", "");
}

TEST(AnalysisOptionsTest, NeighbourhoodsCheckDepthLimitFocusAndView) {
  EXPECT_TRUE(NeighbourhoodOptions{}.Validate().ok());
  EXPECT_TRUE((NeighbourhoodOptions{.focus = {"a"}, .depth = 6, .limit = 20000}.Validate().ok()));
  ExpectFieldError(NeighbourhoodOptions{.depth = 7}.Validate(), "depth", "must lie in 0..6, got 7");
  ExpectFieldError(NeighbourhoodOptions{.depth = -1}.Validate(), "depth", "got -1");
  ExpectFieldError(NeighbourhoodOptions{.limit = 0}.Validate(), "limit", "must lie in 1..20000");
  ExpectFieldError(NeighbourhoodOptions{.limit = 20001}.Validate(), "limit", "got 20001");
  ExpectFieldError(NeighbourhoodOptions{.focus = {"a", ""}}.Validate(), "focus", "empty");
  ExpectFieldError(NeighbourhoodOptions{.view = {.predicate = {"likes"}}}.Validate(), "predicate",
                   "'likes'");
}

TEST(AnalysisOptionsTest, MeasuresCommunitiesAndKeyPlayersCheckTheirNumbers) {
  EXPECT_TRUE(RankOptions{.top = 0}.Validate().ok());
  ExpectFieldError(RankOptions{.top = -1}.Validate(), "top", "must be 0 (all) or more, got -1");
  EXPECT_TRUE((CommunityOptions{.resolution = 0.5, .runs = 1000}.Validate().ok()));
  for (double bad : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()})
    ExpectFieldError(CommunityOptions{.resolution = bad}.Validate(), "resolution",
                     "must be a finite number above 0");
  ExpectFieldError(CommunityOptions{.runs = 1001}.Validate(), "runs", "must lie in 0..1000");
  ExpectFieldError(CommunityOptions{.runs = -1}.Validate(), "runs", "got -1");
  ExpectFieldError(KeyPlayerOptions{.k = 0}.Validate(), "k", "must be at least 1, got 0");
}

TEST(AnalysisOptionsTest, FormatsParseWithTheFieldTheRequestGivesThem) {
  EXPECT_EQ(*ParseExportFormat("gexf"), ExportFormat::kGexf);
  EXPECT_EQ(ExportFormatName(*ParseExportFormat("graphml")), "graphml");
  ExpectFieldError(ParseExportFormat("dot").status(), "format",
                   "unknown export format 'dot' (expected graphml or gexf)");
  EXPECT_EQ(*ParseNetworkFormat("pajek"), NetworkFormat::kPajek);
  EXPECT_EQ(*ParseNetworkFormat("auto"), NetworkFormat::kAuto);
  ExpectFieldError(ParseNetworkFormat("gml").status(), "format", "unknown network format 'gml'");
  ExpectFieldError(ParseNetworkFormat("gml", "input_format").status(), "input_format",
                   "unknown network format 'gml'");
}

TEST(AnalysisOptionsTest, FilesAreNotFilteredAsTheKnowledgeBaseIs) {
  EXPECT_TRUE(NetworkSource{}.Validate().ok());
  EXPECT_TRUE((NetworkSource{.graph = "kite.csv", .format = NetworkFormat::kEdgeList,
                             .view = {.directed = true}})
                  .Validate()
                  .ok());
  ExpectFieldError(NetworkSource{.graph = "kite.csv", .view = {.as_of = "2020"}}.Validate(),
                   "as_of", "does not apply to network files");
  ExpectFieldError(NetworkSource{.graph = "k.csv", .view = {.predicate = {"funds"}}}.Validate(),
                   "predicate", "does not apply");
  ExpectFieldError(NetworkSource{.graph = "k.csv", .view = {.party = {"x"}}}.Validate(), "party",
                   "does not apply");
  ExpectFieldError(NetworkSource{.graph = "k.csv", .view = {.min_confidence = 0.5}}.Validate(),
                   "min_confidence", "does not apply");
  ExpectFieldError(NetworkSource{.format = NetworkFormat::kMatrix}.Validate(), "format",
                   "applies to network files only");
  ExpectFieldError(
      NetworkSource{.format = NetworkFormat::kMatrix, .format_field = "input_format"}.Validate(),
      "input_format", "applies to network files only");
  // The view's own checks come first, whatever the source.
  ExpectFieldError(NetworkSource{.view = {.min_confidence = 2}}.Validate(), "min_confidence", "");
}

}  // namespace
}  // namespace vigil
