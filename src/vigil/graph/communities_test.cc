#include "vigil/graph/communities.h"

#include <gtest/gtest.h>

#include "vigil/graph/reference/reference.h"
#include "vigil/graph/testing/random_graphs.h"

namespace vigil::graph {
namespace {

TEST(CommunitiesTest, BarbellSplitsIntoItsTwoCliques) {
  Graph g = testing::Barbell(5);
  auto p = Louvain(g);
  EXPECT_EQ(p.count, 2);
  for (NodeId v = 0; v < 5; ++v) EXPECT_EQ(p.community[v], p.community[0]);
  for (NodeId v = 5; v < 10; ++v) EXPECT_EQ(p.community[v], p.community[5]);
  EXPECT_NE(p.community[0], p.community[5]);
  EXPECT_NEAR(p.modularity, reference::Modularity(g, p.community, 1.0, true), 1e-12);
}

TEST(CommunitiesTest, ModularityMatchesTheDefinition) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    Graph g = testing::RandomGraph(24, 0.15, seed % 3 == 0, seed % 2 ? 3 : 1, seed);
    std::vector<int32_t> community(24);
    for (NodeId v = 0; v < 24; ++v) community[v] = (v * 7 + static_cast<int>(seed)) % 4;
    for (double resolution : {1.0, 0.5})
      for (bool weighted : {true, false})
        EXPECT_NEAR(Modularity(g, community, resolution, weighted),
                    reference::Modularity(g, community, resolution, weighted), 1e-12);
    auto p = Louvain(g);
    EXPECT_NEAR(p.modularity, reference::Modularity(g, p.community, 1.0, true), 1e-12);
  }
}

TEST(CommunitiesTest, LouvainBeatsEveryNodeAloneAndEverythingTogether) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    Graph g = testing::RandomGraph(60, 0.06, false, 1, seed);
    auto p = Louvain(g, {.seed = seed});
    EXPECT_GT(p.modularity, 0.2);
    std::vector<int32_t> together(60, 0);
    EXPECT_GT(p.modularity, Modularity(g, together));
    // Numbered by size, largest first.
    std::vector<int64_t> sizes(p.count, 0);
    for (int32_t c : p.community) ++sizes[c];
    for (int32_t c = 1; c < p.count; ++c) EXPECT_GE(sizes[c - 1], sizes[c]);
  }
}

TEST(CommunitiesTest, DeterministicForASeed) {
  Graph g = testing::RandomGraph(80, 0.05, false, 1, 42);
  EXPECT_EQ(Louvain(g, {.seed = 3}).community, Louvain(g, {.seed = 3}).community);
}

TEST(CommunitiesTest, GraphWithoutEdgesLeavesEveryNodeAlone) {
  Graph g = Graph::Build(3, {}, {});
  auto p = Louvain(g);
  EXPECT_EQ(p.count, 3);
  EXPECT_EQ(p.modularity, 0.0);
}

}  // namespace
}  // namespace vigil::graph
