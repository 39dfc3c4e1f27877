#include "vigil/graph/key_players.h"

#include <gtest/gtest.h>

#include "vigil/graph/testing/random_graphs.h"

namespace vigil::graph {
namespace {

// F from the definition: the share of ordered pairs that cannot reach
// each other, by all-pairs reachability.
double FragmentationByPairs(const Graph& g, const std::vector<char>& removed) {
  const NodeId n = g.node_count();
  std::vector<std::vector<char>> reach(n, std::vector<char>(n, 0));
  for (NodeId v = 0; v < n; ++v) {
    if (removed[v]) continue;
    reach[v][v] = 1;
    for (NodeId u : g.OutNeighbors(v))
      if (!removed[u]) reach[v][u] = 1;
  }
  for (NodeId k = 0; k < n; ++k)
    for (NodeId i = 0; i < n; ++i)
      for (NodeId j = 0; j < n; ++j)
        if (reach[i][k] && reach[k][j]) reach[i][j] = 1;
  double pairs = 0, apart = 0;
  for (NodeId i = 0; i < n; ++i)
    for (NodeId j = 0; j < n; ++j) {
      if (i == j || removed[i] || removed[j]) continue;
      ++pairs;
      apart += !reach[i][j];
    }
  return pairs == 0 ? 1.0 : apart / pairs;
}

TEST(KeyPlayersTest, FragmentationMatchesThePairDefinition) {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    Graph g = testing::RandomGraph(20, 0.1, false, 1, seed);
    std::vector<char> removed(20, 0);
    removed[seed % 20] = 1;
    removed[(seed * 7) % 20] = 1;
    EXPECT_NEAR(Fragmentation(g, removed), FragmentationByPairs(g, removed), 1e-12);
  }
}

TEST(KeyPlayersTest, TheCentreOfAStarIsTheKeyPlayer) {
  std::vector<InputEdge> edges;
  for (NodeId v = 1; v < 8; ++v) edges.push_back({0, v});
  Graph g = Graph::Build(8, edges, {});
  auto r = KeyPlayers(g, {.k = 1});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->players, (std::vector<NodeId>{0}));
  EXPECT_DOUBLE_EQ(r->fragmentation, 1.0);
  EXPECT_DOUBLE_EQ(r->fragmentation_before, 0.0);
  EXPECT_EQ(r->components, 7);
  EXPECT_TRUE(r->exhaustive);
}

TEST(KeyPlayersTest, SwapSearchFindsTheExhaustiveOptimumOnSmallGraphs) {
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    Graph g = testing::RandomGraph(26, 0.09, false, 1, seed);
    auto exact = KeyPlayers(g, {.k = 2});
    auto heuristic = KeyPlayers(g, {.k = 2, .exhaustive_limit = 0, .restarts = 8, .seed = seed});
    ASSERT_TRUE(exact.ok() && heuristic.ok());
    EXPECT_TRUE(exact->exhaustive);
    EXPECT_FALSE(heuristic->exhaustive);
    EXPECT_NEAR(heuristic->fragmentation, exact->fragmentation, 1e-12) << seed;
  }
}

TEST(KeyPlayersTest, BarbellIsCutAtItsBridge) {
  auto r = KeyPlayers(testing::Barbell(5), {.k = 1});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->players.size(), 1u);
  EXPECT_TRUE(r->players[0] == 4 || r->players[0] == 5);
  EXPECT_EQ(r->components, 2);
}

TEST(KeyPlayersTest, RefusesImpossibleSetSizes) {
  Graph g = testing::Barbell(3);
  EXPECT_EQ(KeyPlayers(g, {.k = 0}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(KeyPlayers(g, {.k = 5}).status().code(), absl::StatusCode::kInvalidArgument);
  // The refusal names the option's field, not a command-line flag.
  Status too_many = KeyPlayers(g, {.k = 5}).status();
  EXPECT_EQ(FieldOf(too_many), "k");
  EXPECT_EQ(too_many.message(),
            "k: must be at least 1 and less than the number of nodes minus one (5), got 5");
}

}  // namespace
}  // namespace vigil::graph
