#include "vigil/graph/paths.h"

#include <gtest/gtest.h>

#include "vigil/graph/reference/reference.h"
#include "vigil/graph/testing/random_graphs.h"

namespace vigil::graph {
namespace {

std::vector<double> Costs(const Graph& g) {
  std::vector<double> cost(g.edge_count());
  for (int32_t e = 0; e < g.edge_count(); ++e) cost[e] = g.EdgeWeight(e);
  return cost;
}

TEST(PathsTest, YenMatchesEnumeratingEverySimplePath) {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    Graph g = testing::RandomGraph(11, 0.3, seed % 2 == 0, 5, seed, /*record_inputs=*/true);
    auto cost = Costs(g);
    auto all = reference::AllSimplePaths(g, 0, 10, cost);
    auto fast = KShortestPaths(g, 0, 10, 6, cost);
    ASSERT_EQ(fast.size(), std::min<size_t>(6, all.size())) << seed;
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].cost, all[i].cost) << seed << " path " << i;
      // Paths of equal cost and length may come in either order only if
      // they are the same; ties are broken by node sequence on both sides.
      EXPECT_EQ(fast[i].nodes, all[i].nodes) << seed << " path " << i;
    }
  }
}

TEST(PathsTest, NoPathAndTrivialRequests) {
  Graph g = Graph::Build(4, std::vector<InputEdge>{{0, 1}, {2, 3}}, {.record_inputs = true});
  auto cost = Costs(g);
  EXPECT_TRUE(KShortestPaths(g, 0, 3, 3, cost).empty());
  EXPECT_TRUE(KShortestPaths(g, 0, 0, 3, cost).empty());
  EXPECT_EQ(KShortestPaths(g, 0, 1, 3, cost).size(), 1u);
}

// 0 -0.9- 1 -0.9- 2 (flagged) and 0 -0.5- 2 directly; 3 flagged beyond 2;
// 4 flagged but only through a zero-strength edge.
Graph ExposureGraph() {
  std::vector<InputEdge> edges = {{0, 1, 0.9}, {1, 2, 0.9}, {0, 2, 0.5}, {2, 3, 0.8}, {0, 4, 0.0}};
  return Graph::Build(5, edges, {.weighted = true, .record_inputs = true});
}

TEST(PathsTest, ExposureRanksFlaggedNodesByTheirBestPath) {
  Graph g = ExposureGraph();
  std::vector<double> strength(g.edge_count());
  for (int32_t e = 0; e < g.edge_count(); ++e) strength[e] = g.EdgeWeight(e);
  std::vector<char> flagged = {0, 0, 1, 1, 1};
  auto hits = RankExposure(g, 0, flagged, strength, {.max_hops = 4, .paths_per_target = 3});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].target, 2);
  EXPECT_NEAR(hits[0].score, 0.81, 1e-12);
  EXPECT_EQ(hits[0].hops, 2);
  ASSERT_EQ(hits[0].paths.size(), 2u);
  EXPECT_EQ(hits[0].paths[0].nodes, (std::vector<NodeId>{0, 1, 2}));
  EXPECT_EQ(hits[0].paths[1].nodes, (std::vector<NodeId>{0, 2}));
  EXPECT_EQ(hits[1].target, 3);
  EXPECT_NEAR(hits[1].score, 0.81 * 0.8, 1e-12);
  // One hop fewer: only the direct edge reaches 2, and 3 is out of reach.
  auto near = RankExposure(g, 0, flagged, strength, {.max_hops = 1});
  ASSERT_EQ(near.size(), 1u);
  EXPECT_NEAR(near[0].score, 0.5, 1e-12);
}

TEST(PathsTest, ExposureReportsAFlaggedStartWithoutAPath) {
  Graph g = ExposureGraph();
  std::vector<double> strength(g.edge_count(), 0.5);
  std::vector<char> flagged = {1, 0, 0, 0, 0};
  auto hits = RankExposure(g, 0, flagged, strength);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].target, 0);
  EXPECT_TRUE(hits[0].paths.empty());
}

TEST(PathsTest, ExposureBestPathIsTheBestSimplePath) {
  // The exposure search must agree with brute force on the best path.
  for (uint64_t seed = 1; seed <= 15; ++seed) {
    Graph g = testing::RandomGraph(12, 0.25, false, 9, seed, true);
    std::vector<double> strength(g.edge_count()), cost(g.edge_count());
    for (int32_t e = 0; e < g.edge_count(); ++e) {
      strength[e] = g.EdgeWeight(e) / 10.0;
      cost[e] = -std::log(strength[e]);
    }
    std::vector<char> flagged(12, 0);
    flagged[11] = 1;
    auto hits = RankExposure(g, 0, flagged, strength, {.max_hops = 11, .paths_per_target = 1});
    auto all = reference::AllSimplePaths(g, 0, 11, cost);
    if (all.empty()) {
      EXPECT_TRUE(hits.empty());
      continue;
    }
    double best = 0.0;
    for (const auto& p : all) {
      double s = 1.0;
      for (int32_t e : p.edges) s *= strength[e];
      best = std::max(best, s);
    }
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NEAR(hits[0].score, best, 1e-12) << seed;
  }
}

}  // namespace
}  // namespace vigil::graph
