#include "vigil/graph/components.h"

#include <gtest/gtest.h>

#include "vigil/graph/reference/reference.h"
#include "vigil/graph/testing/random_graphs.h"

namespace vigil::graph {
namespace {

TEST(ComponentsTest, NumbersComponentsBySmallestNode) {
  Graph g = Graph::Build(6, std::vector<InputEdge>{{4, 5}, {0, 2}, {2, 3}}, {});
  auto c = ConnectedComponents(g);
  EXPECT_EQ(c.count(), 3);
  EXPECT_EQ(c.component, (std::vector<int32_t>{0, 1, 0, 0, 2, 2}));
  EXPECT_EQ(c.sizes, (std::vector<int64_t>{3, 1, 2}));
  EXPECT_EQ(c.Largest(), 0);
}

TEST(ComponentsTest, DirectedGraphsHaveWeakComponents) {
  Graph g = Graph::Build(3, std::vector<InputEdge>{{0, 1}, {2, 1}}, {.directed = true});
  EXPECT_EQ(ConnectedComponents(g).count(), 1);
}

TEST(ComponentsTest, MatchesUnionFindOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Graph g = testing::RandomGraph(40, 0.04, seed % 2 == 0, 1, seed);
    std::vector<char> none(40, 0);
    EXPECT_EQ(ConnectedComponents(g).count(), reference::CountComponents(g.Undirected(), none));
  }
}

TEST(ComponentsTest, ArticulationPointsAndBridgesMatchRemovalOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 30; ++seed) {
    Graph g = testing::RandomGraph(30, 0.07 + 0.01 * (seed % 5), false, 1, seed);
    EXPECT_EQ(ArticulationPoints(g), reference::ArticulationPoints(g)) << seed;
    EXPECT_EQ(Bridges(g), reference::Bridges(g)) << seed;
  }
}

TEST(ComponentsTest, BarbellHasOneBridgeAndTwoCutNodes) {
  Graph g = testing::Barbell(4);
  EXPECT_EQ(ArticulationPoints(g), (std::vector<NodeId>{3, 4}));
  EXPECT_EQ(Bridges(g), (std::vector<std::pair<NodeId, NodeId>>{{3, 4}}));
}

}  // namespace
}  // namespace vigil::graph
