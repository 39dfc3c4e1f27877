#include "vigil/graph/centrality.h"

#include <gtest/gtest.h>

#include "vigil/graph/reference/reference.h"
#include "vigil/graph/testing/random_graphs.h"

namespace vigil::graph {
namespace {

using testing::RandomGraph;

void ExpectNear(const std::vector<double>& fast, const std::vector<double>& slow,
                const std::string& what, double tolerance = 1e-12) {
  ASSERT_EQ(fast.size(), slow.size()) << what;
  for (size_t v = 0; v < fast.size(); ++v)
    EXPECT_NEAR(fast[v], slow[v], tolerance) << what << " node " << v;
}

struct Case {
  NodeId n;
  double p;
  bool directed;
  int max_weight;
};

// Sparse and dense, directed and not, weighted (integer lengths, so that
// tied path lengths are exact) and not; several seeds each.
const Case kGraphCases[] = {{12, 0.15, false, 1}, {20, 0.2, false, 1}, {20, 0.2, true, 1},
                       {25, 0.1, false, 3},  {18, 0.3, true, 4},  {30, 0.08, true, 1},
                       {16, 0.5, false, 2},  {3, 1.0, false, 1},  {2, 1.0, true, 1}};

TEST(CentralityTest, BetweennessMatchesTheDefinition) {
  for (const auto& c : kGraphCases)
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      Graph g = RandomGraph(c.n, c.p, c.directed, c.max_weight, seed);
      for (bool normalized : {true, false}) {
        std::string what = "n=" + std::to_string(c.n) + " seed=" + std::to_string(seed) +
                           (c.directed ? " directed" : "") + (normalized ? " normalized" : "");
        ExpectNear(Betweenness(g, {.weighted = false, .normalized = normalized}),
                   reference::Betweenness(g, false, normalized), what);
        ExpectNear(Betweenness(g, {.weighted = true, .normalized = normalized}),
                   reference::Betweenness(g, true, normalized), what + " weighted");
      }
    }
}

TEST(CentralityTest, ClosenessAndHarmonicMatchTheDefinition) {
  for (const auto& c : kGraphCases)
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      Graph g = RandomGraph(c.n, c.p, c.directed, c.max_weight, seed);
      for (bool weighted : {false, true}) {
        ExpectNear(Closeness(g, weighted), reference::Closeness(g, weighted), "closeness");
        ExpectNear(Harmonic(g, weighted), reference::Harmonic(g, weighted), "harmonic");
      }
    }
}

TEST(CentralityTest, PageRankAndEigenvectorMatchDenseIterations) {
  for (const auto& c : kGraphCases)
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      Graph g = RandomGraph(c.n, c.p, c.directed, c.max_weight, seed);
      for (bool weighted : {false, true}) {
        auto pr = PageRank(g, {.weighted = weighted});
        ASSERT_TRUE(pr.ok());
        ExpectNear(*pr, reference::PageRank(g, 0.85, weighted), "pagerank", 1e-11);
        if (!c.directed) {
          auto ev = Eigenvector(g, {.weighted = weighted});
          ASSERT_TRUE(ev.ok()) << ev.status();
          ExpectNear(*ev, reference::Eigenvector(g, weighted), "eigenvector", 1e-9);
        }
      }
    }
}

TEST(CentralityTest, CoreNumberMatchesPeeling) {
  for (const auto& c : kGraphCases)
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      Graph g = RandomGraph(c.n, c.p, c.directed, 1, seed);
      EXPECT_EQ(CoreNumber(g), reference::CoreNumber(g));
    }
}

TEST(CentralityTest, KnownValuesOnAPath) {
  // 0 - 1 - 2 - 3: the inner nodes lie on 2 of the 3 pairs that avoid them.
  Graph g = Graph::Build(4, std::vector<InputEdge>{{0, 1}, {1, 2}, {2, 3}}, {});
  auto b = Betweenness(g);
  EXPECT_DOUBLE_EQ(b[0], 0.0);
  EXPECT_DOUBLE_EQ(b[1], 2.0 / 3.0);
  auto raw = Betweenness(g, {.normalized = false});
  EXPECT_DOUBLE_EQ(raw[1], 2.0);
  auto d = DegreeCentrality(g, DegreeKind::kTotal);
  EXPECT_DOUBLE_EQ(d[1], 2.0 / 3.0);
  auto c = Closeness(g);
  EXPECT_DOUBLE_EQ(c[0], 3.0 / 6.0);
  auto h = Harmonic(g);
  EXPECT_DOUBLE_EQ(h[0], 1.0 + 0.5 + 1.0 / 3.0);
  EXPECT_EQ(CoreNumber(g), (std::vector<int32_t>{1, 1, 1, 1}));
}

TEST(CentralityTest, DirectedDegreeKinds) {
  Graph g = Graph::Build(3, std::vector<InputEdge>{{0, 1}, {0, 2}, {1, 2}}, {.directed = true});
  EXPECT_EQ(DegreeCentrality(g, DegreeKind::kOut, false), (std::vector<double>{2, 1, 0}));
  EXPECT_EQ(DegreeCentrality(g, DegreeKind::kIn, false), (std::vector<double>{0, 1, 2}));
  EXPECT_EQ(DegreeCentrality(g, DegreeKind::kTotal), (std::vector<double>{1, 1, 1}));
}

TEST(CentralityTest, PageRankSpreadsDanglingRankUniformly) {
  // 0 -> 1, 1 dangling: x0 = 0.85 x1 / 2 + 0.075, x1 = 0.85 (x0 + x1 / 2) + 0.075,
  // so 0.21375 x1 = 0.13875.
  Graph g = Graph::Build(2, std::vector<InputEdge>{{0, 1}}, {.directed = true});
  auto pr = PageRank(g);
  ASSERT_TRUE(pr.ok());
  double x1 = 0.13875 / 0.21375;
  EXPECT_NEAR((*pr)[1], x1, 1e-12);
  EXPECT_NEAR((*pr)[0] + (*pr)[1], 1.0, 1e-12);
}

TEST(CentralityTest, EigenvectorOfAnEmptyGraphIsAnError) {
  Graph g = Graph::Build(0, {}, {});
  EXPECT_EQ(Eigenvector(g).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vigil::graph

namespace vigil::graph {
namespace {

// Graphs big enough that the measures run on several threads (TBB), checked
// against invariants and plain single-threaded loops written here.
Graph LargeConnected(NodeId n, int64_t extra, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<InputEdge> edges;
  for (NodeId v = 1; v < n; ++v) edges.push_back({v, static_cast<NodeId>(rng() % v), 1.0});
  for (int64_t i = 0; i < extra; ++i)
    edges.push_back({static_cast<NodeId>(rng() % n), static_cast<NodeId>(rng() % n), 1.0});
  return Graph::Build(n, edges, {});
}

std::vector<int32_t> Hops(const Graph& g, NodeId s) {
  std::vector<int32_t> hops(g.node_count(), -1);
  std::vector<NodeId> queue = {s};
  hops[s] = 0;
  for (size_t i = 0; i < queue.size(); ++i)
    for (NodeId u : g.OutNeighbors(queue[i]))
      if (hops[u] < 0) {
        hops[u] = hops[queue[i]] + 1;
        queue.push_back(u);
      }
  return hops;
}

TEST(CentralityTest, ParallelBetweennessAndClosenessAgreeWithInvariants) {
  Graph g = LargeConnected(1500, 2500, 5);
  // Every shortest path of d hops has d - 1 inner nodes, so raw betweenness
  // sums to the sum over unordered pairs of (d - 1).
  auto b = Betweenness(g, {.normalized = false});
  double total = 0.0, expected = 0.0;
  for (double x : b) total += x;
  std::vector<std::vector<int32_t>> hops;
  for (NodeId s = 0; s < g.node_count(); ++s) hops.push_back(Hops(g, s));
  for (NodeId s = 0; s < g.node_count(); ++s)
    for (NodeId t = s + 1; t < g.node_count(); ++t) expected += hops[s][t] - 1;
  EXPECT_NEAR(total, expected, 1e-6 * expected);
  auto c = Closeness(g);
  auto h = Harmonic(g);
  for (NodeId v = 0; v < g.node_count(); v += 97) {
    double sum = 0.0, harmonic = 0.0;
    for (NodeId u = 0; u < g.node_count(); ++u)
      if (u != v) {
        sum += hops[u][v];
        harmonic += 1.0 / hops[u][v];
      }
    EXPECT_NEAR(c[v], (g.node_count() - 1) / sum, 1e-12);
    EXPECT_NEAR(h[v], harmonic, 1e-9);
  }
}

TEST(CentralityTest, ParallelPageRankAgreesWithAPlainIteration) {
  Graph g = LargeConnected(30000, 120000, 9);
  auto fast = PageRank(g);
  ASSERT_TRUE(fast.ok());
  const NodeId n = g.node_count();
  std::vector<double> x(n, 1.0 / n), next(n);
  for (int i = 0; i < 300; ++i) {
    std::fill(next.begin(), next.end(), 0.15 / n);
    for (NodeId u = 0; u < n; ++u)
      for (NodeId v : g.OutNeighbors(u)) next[v] += 0.85 * x[u] / g.OutDegree(u);
    x.swap(next);
  }
  for (NodeId v = 0; v < n; v += 101) EXPECT_NEAR((*fast)[v], x[v], 1e-12);
  auto ev = Eigenvector(g);
  ASSERT_TRUE(ev.ok());
  double norm = 0.0;
  for (double value : *ev) norm += value * value;
  EXPECT_NEAR(norm, 1.0, 1e-12);
}

}  // namespace
}  // namespace vigil::graph
