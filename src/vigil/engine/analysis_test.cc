// Network analysis through the engine: typed exposure and paths results on
// the exposure fixture (tests/fixtures/exposure), the store's view as a
// network, and measures on a network file, with field errors where options
// or networks do not fit. The JSON of every result is checked against the
// captured outputs by tests/e2e/golden_analysis_test.cc.
#include "vigil/engine/analysis.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "vigil/engine/engine.h"

namespace vigil {
namespace {

class AnalysisTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("vigil-analysis-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::string fixture = std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/exposure";
    LoadOptions options;
    options.texts_dir = fixture + "/texts";
    auto loaded = Engine::LoadFiles((dir_ / "vigil.db").string(), {fixture + "/data"}, options);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  void SetUp() override {
    auto engine = Engine::Open((dir_ / "vigil.db").string(), store::AccessMode::kReadOnly);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  static std::string Kite() { return std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/networks/kite.csv"; }

  static const ExposedEntity* Find(const ExposureResult& r, const std::string& id) {
    for (const auto& e : r.exposures)
      if (e.entity.id == id) return &e;
    return nullptr;
  }

  static std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
};

std::filesystem::path AnalysisTest::dir_;

TEST_F(AnalysisTest, ExposureGivesTypedPathsWhoseStepsShareTheirRelations) {
  auto r = engine_->Exposure("Ministry of Security", {.view = {.as_of = "2023"}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->start.entity.id, "ministry-of-security");
  EXPECT_EQ(r->start.resolved, "exact");
  EXPECT_EQ(r->as_of, "2023-12-31");
  EXPECT_TRUE(r->in_network);
  ASSERT_EQ(r->exposures.size(), 2u);
  EXPECT_EQ(r->exposures[0].entity.id, "zaman-network");
  const ExposedEntity* legion = Find(*r, "crescent-legion");
  ASSERT_NE(legion, nullptr);
  EXPECT_EQ(legion->hops, 3);
  EXPECT_NEAR(legion->score, (0.9 * 0.9) * (0.95 * 0.9) * (0.6 * 0.8), 1e-12);
  ASSERT_EQ(legion->designations.size(), 2u);
  EXPECT_EQ(legion->designations[0].via, std::nullopt);
  const CitedPath& best = legion->paths[0];
  ASSERT_EQ(best.steps.size(), 3u);
  ASSERT_EQ(best.nodes.size(), 4u);
  EXPECT_EQ(best.nodes[1].id, "tariq-zaman");
  const StepRelation& post = best.steps[0].relations[0];
  EXPECT_FALSE(post.forward);  // the minister holds the post: against the step
  EXPECT_EQ(post.relation->predicate, "holds_position_in");
  EXPECT_EQ(post.relation->claims[0].passage,
            "Since September 2021 Tariq Zaman has headed the Ministry of Security.");
  EXPECT_DOUBLE_EQ(post.strength, 0.9 * 0.9);
  // One record per relation for the whole query.
  const ExposedEntity& network = r->exposures[0];
  EXPECT_EQ(network.paths[0].steps[0].relations[0].relation.get(), post.relation.get());
  // The weak, denied payment: a second path, of one hop.
  ASSERT_EQ(legion->paths.size(), 2u);
  const StepRelation& rumour = legion->paths[1].steps[0].relations[0];
  EXPECT_EQ(rumour.relation->predicate, "funds");
  EXPECT_NEAR(rumour.confidence, 0.3 * (1 - 0.8), 1e-12);
  EXPECT_EQ(rumour.relation->claims[1].stance, "denies");
}

TEST_F(AnalysisTest, ExposureHonoursTopAuthoritiesAndHopsAndStartsOutsideTheNetwork) {
  auto top = engine_->Exposure("ministry-of-security", {.view = {.as_of = "2023"}, .top = 1});
  ASSERT_TRUE(top.ok()) << top.status();
  ASSERT_EQ(top->exposures.size(), 1u);
  auto un = engine_->Exposure("ministry-of-security", {.authority = {"UN"}});
  ASSERT_TRUE(un.ok());
  EXPECT_EQ(un->authorities, std::vector<std::string>{"UN"});
  for (const auto& e : un->exposures)
    for (const auto& d : e.designations) EXPECT_EQ(d.authority, "UN");
  auto outside = engine_->Exposure("security-council", {});  // designates, takes part in nothing
  ASSERT_TRUE(outside.ok()) << outside.status();
  EXPECT_FALSE(outside->in_network);
  EXPECT_TRUE(outside->exposures.empty());
  EXPECT_EQ(outside->as_of, std::nullopt);
}

TEST_F(AnalysisTest, NamesResolvePartlyWhenOneEntityAloneContainsThem) {
  auto r = engine_->Paths("of Security", "Crescent Legion", {.k = 5});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->from.entity.id, "ministry-of-security");
  EXPECT_EQ(r->from.resolved, "partial (matched 'Ministry of Security')");
  EXPECT_EQ(r->to.resolved, "exact");
  EXPECT_EQ(r->k, 5);
  EXPECT_EQ(r->paths.size(), 2u);
  // "Security" is part of two entities' names: not resolved.
  EXPECT_EQ(engine_->Paths("Security", "Crescent Legion", {}).status().code(),
            absl::StatusCode::kNotFound);
  auto same = engine_->Paths("crescent-legion", "Crescent Legion", {});
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->paths.empty());
}

TEST_F(AnalysisTest, PartiesAreEntitiesOrClaimsLabelsAndOthersAreNotFoundByField) {
  auto rumour = engine_->Exposure("ministry-of-security", {.view = {.party = {"a rumour"}}});
  ASSERT_TRUE(rumour.ok()) << rumour.status();
  ASSERT_EQ(rumour->exposures.size(), 1u);
  EXPECT_EQ(rumour->exposures[0].paths[0].steps.size(), 1u);
  auto nobody = engine_->Exposure("ministry-of-security", {.view = {.party = {"nobody at all"}}});
  EXPECT_EQ(nobody.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FieldOf(nobody.status()), "party");
  EXPECT_EQ(nobody.status().message(),
            "party: no entity and no claim's party label is 'nobody at all'");
}

TEST_F(AnalysisTest, OptionsAreRefusedByFieldBeforeAnythingIsRead) {
  auto k = engine_->Paths("ministry-of-security", "nobody at all", {.k = 0});
  EXPECT_EQ(FieldOf(k.status()), "k");  // not the unknown name's NotFound
  auto hops = engine_->Exposure("nobody at all", {.max_hops = 20});
  EXPECT_EQ(FieldOf(hops.status()), "max_hops");
  auto date = engine_->Network({.as_of = "2023-13"});
  EXPECT_EQ(FieldOf(date.status()), "as_of");
  auto timing = engine_->ExposureTiming("ministry-of-security", {.paths = 0}, 1);
  EXPECT_EQ(FieldOf(timing.status()), "paths");
}

// The fixture: tariq-zaman holds_position_in ministry-of-security (from
// 2021-09), leader_of zaman-network (from 2008); zaman-network allied_with
// crescent-legion (from 2010); red-hand hostile_to zaman-network; the
// ministry funds crescent-legion (a rumour at 0.3, denied by the ministry).
TEST_F(AnalysisTest, NeighbourhoodsAreTheNodesWithinReachAndTheRelationsAmongThem) {
  auto one =
      engine_->Neighbourhood({.focus = {"Tariq Zaman"}, .depth = 1, .view = {.as_of = "2023"}});
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->focus.size(), 1u);
  EXPECT_EQ(one->focus[0].entity.id, "tariq-zaman");
  EXPECT_EQ(one->as_of, "2023-12-31");
  std::vector<std::string> ids;
  for (const auto& n : one->nodes) ids.push_back(n.entity.id + "@" + std::to_string(n.hops));
  EXPECT_EQ(ids, (std::vector<std::string>{"tariq-zaman@0", "ministry-of-security@1",
                                           "zaman-network@1"}));
  // Relations counted over the whole view; designations as of the day.
  EXPECT_EQ(one->nodes[0].relations, 2);
  EXPECT_EQ(one->nodes[2].relations, 3);
  EXPECT_EQ(one->nodes[2].designations, (std::vector<std::string>{"US"}));
  EXPECT_TRUE(one->nodes[0].designations.empty());
  std::vector<std::string> edges;
  for (const auto& e : one->edges) edges.push_back(e.relation->predicate);
  // The ministry's funding of the Crescent Legion leads out of reach: left out.
  EXPECT_EQ(edges, (std::vector<std::string>{"holds_position_in", "leader_of"}));
  EXPECT_NEAR(one->edges[0].confidence, 0.9, 1e-12);
  EXPECT_NEAR(one->edges[0].strength, 0.81, 1e-12);
  EXPECT_FALSE(one->edges[0].disputed);
  ASSERT_EQ(one->edges[0].relation->claims.size(), 1u);
  EXPECT_TRUE(one->edges[0].relation->claims[0].passage.has_value());

  // Before the minister took office, the ministry has only its rumoured funding.
  auto before =
      engine_->Neighbourhood({.focus = {"ministry-of-security"}, .view = {.as_of = "2015"}});
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_EQ(before->nodes.size(), 2u);
  EXPECT_EQ(before->nodes[1].entity.id, "crescent-legion");
  ASSERT_EQ(before->edges.size(), 1u);
  EXPECT_EQ(before->edges[0].relation->predicate, "funds");
  EXPECT_TRUE(before->edges[0].disputed);
  EXPECT_NEAR(before->edges[0].confidence, 0.3 * (1 - 0.8), 1e-12);
  EXPECT_EQ(before->nodes[1].designations, (std::vector<std::string>{"UN", "US"}));
  auto designated_before =
      engine_->Neighbourhood({.focus = {"crescent-legion"}, .view = {.as_of = "2000"}});
  ASSERT_TRUE(designated_before.ok());
  EXPECT_EQ(designated_before->nodes[0].designations, (std::vector<std::string>{"US"}));

  // The party filter keeps only that party's claims: the rumour alone.
  auto rumour = engine_->Neighbourhood(
      {.focus = {"ministry-of-security"}, .view = {.as_of = "2015", .party = {"a rumour"}}});
  ASSERT_TRUE(rumour.ok()) << rumour.status();
  ASSERT_EQ(rumour->edges.size(), 1u);
  EXPECT_FALSE(rumour->edges[0].disputed);
  ASSERT_EQ(rumour->edges[0].relation->claims.size(), 1u);
  EXPECT_EQ(rumour->edges[0].relation->claims[0].party_label, "a rumour");
  EXPECT_NEAR(rumour->edges[0].confidence, 0.3, 1e-12);
  auto bare = engine_->Neighbourhood({.focus = {"ministry-of-security"}, .claims = false});
  ASSERT_TRUE(bare.ok());
  for (const auto& e : bare->edges) EXPECT_TRUE(e.relation->claims.empty());
}

TEST_F(AnalysisTest, NeighbourhoodsOfTheWholeViewStopAtTheLimitAndNameTheirFocusByField) {
  auto whole = engine_->Neighbourhood({.view = {.predicate = {"leader_of", "allied_with"}}});
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_TRUE(whole->focus.empty());
  std::vector<std::string> ids;
  for (const auto& n : whole->nodes) ids.push_back(n.entity.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"crescent-legion", "tariq-zaman", "zaman-network"}));
  EXPECT_EQ(whole->edges.size(), 2u);
  EXPECT_FALSE(whole->truncated);
  auto cut = engine_->Neighbourhood({.focus = {"zaman-network"}, .depth = 3, .limit = 2});
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(cut->nodes.size(), 2u);
  EXPECT_TRUE(cut->truncated);
  // An entity outside the network (the designating state) is shown alone, with its attributes.
  auto alone = engine_->Neighbourhood({.focus = {"united-states"}});
  ASSERT_TRUE(alone.ok()) << alone.status();
  ASSERT_EQ(alone->nodes.size(), 1u);
  EXPECT_EQ(alone->nodes[0].entity.id, "united-states");
  EXPECT_EQ(alone->nodes[0].attributes.at("authority_code"), "US");
  EXPECT_TRUE(alone->edges.empty());
  auto nobody = engine_->Neighbourhood({.focus = {"nobody at all"}});
  EXPECT_EQ(nobody.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(FieldOf(nobody.status()), "focus");
  EXPECT_EQ(FieldOf(engine_->Neighbourhood({.depth = 9}).status()), "depth");
}

TEST_F(AnalysisTest, TheStoresViewIsANetworkOfEntities) {
  auto net = OpenNetwork({.view = {.as_of = "2015"}, .largest_component = true}, engine_.get());
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->origin, "store");
  EXPECT_TRUE(net->strengths);
  EXPECT_EQ(net->graph.node_count(), 5);  // every node, whatever the date
  ASSERT_EQ(net->refs.size(), 5u);
  EXPECT_EQ(net->refs[0].node, "crescent-legion");
  EXPECT_EQ(net->refs[0].name, "Crescent Legion");
  EXPECT_EQ(net->refs[0].kind, "organization");
  auto ranked = RankNetwork(*net, {.measure = Measure::kKCore});
  ASSERT_TRUE(ranked.ok()) << ranked.status();
  EXPECT_EQ(ranked->rows.size(), 5u);
  EXPECT_EQ(OpenNetwork({}, nullptr).status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(FieldOf(OpenNetwork({.graph = Kite(), .view = {.as_of = "2020"}}, engine_.get())
                        .status()),
            "as_of");
}

TEST_F(AnalysisTest, MeasuresOnAFileRefuseWhatTheNetworkCannotGive) {
  auto kite = OpenNetwork({.graph = Kite()}, nullptr);
  ASSERT_TRUE(kite.ok()) << kite.status();
  EXPECT_EQ(kite->refs[0].name, std::nullopt);  // a file's nodes are labels
  auto in = RankNetwork(*kite, {.measure = Measure::kInDegree});
  EXPECT_EQ(FieldOf(in.status()), "measure");
  EXPECT_EQ(in.status().message(),
            "measure: in-degree needs a directed network (read the network as directed, or use "
            "degree)");
  auto directed = OpenNetwork({.graph = Kite(), .view = {.directed = true}}, nullptr);
  ASSERT_TRUE(directed.ok());
  EXPECT_TRUE(RankNetwork(*directed, {.measure = Measure::kInDegree}).ok());
  auto top = RankNetwork(*kite, {.measure = Measure::kBetweenness, .top = 3});
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->rows.size(), 3u);
  EXPECT_EQ(top->rows[0].rank, 1);
  EXPECT_EQ(top->rows[0].node.node, "Heather");
  auto many = KeyPlayersOf(*kite, {.k = 9});
  EXPECT_EQ(FieldOf(many.status()), "k");
  EXPECT_EQ(std::string(many.status().message()).rfind("k: ", 0), 0u) << many.status();
  auto gexf = ExportNetwork(*kite, {.format = ExportFormat::kGexf});
  ASSERT_TRUE(gexf.ok());
  EXPECT_EQ(gexf->nodes, 10);
  EXPECT_EQ(gexf->edges, 18);
  EXPECT_NE(gexf->document.find("<gexf"), std::string::npos);

  std::string zero = (dir_ / "zero.csv").string();
  std::ofstream(zero) << "a,b,0\nb,c,1\n";
  auto weights = OpenNetwork({.graph = zero}, nullptr);
  ASSERT_TRUE(weights.ok()) << weights.status();
  auto weighted = RankNetwork(*weights, {.measure = Measure::kCloseness, .weighted = true});
  EXPECT_EQ(weighted.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(weighted.status().message(),
            zero + ": weight: the tie a - b weighs 0; weighted distances need positive weights "
                   "(rank it unweighted, or fix the weight)");
  EXPECT_TRUE(RankNetwork(*weights, {.measure = Measure::kCloseness}).ok());
}

}  // namespace
}  // namespace vigil
