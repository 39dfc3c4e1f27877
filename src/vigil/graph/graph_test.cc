#include "vigil/graph/graph.h"

#include <gtest/gtest.h>

#include <vector>

namespace vigil::graph {
namespace {

std::vector<NodeId> Vec(std::span<const NodeId> s) { return {s.begin(), s.end()}; }

TEST(GraphTest, UndirectedMergesParallelEdgesKeepingTheLargestWeightAndDropsSelfLoops) {
  std::vector<InputEdge> edges = {{2, 0, 1.0}, {0, 2, 5.0}, {1, 1, 3.0}, {0, 1, 2.0}, {1, 2, 1.5}};
  BuildReport report;
  Graph g =
      Graph::Build(3, edges, {.directed = false, .weighted = true, .record_inputs = true}, &report);
  EXPECT_EQ(g.edge_count(), 3);
  EXPECT_EQ(report.self_loops, 1);
  EXPECT_EQ(report.merged, 1);
  EXPECT_EQ(Vec(g.OutNeighbors(0)), (std::vector<NodeId>{1, 2}));
  EXPECT_EQ(Vec(g.OutNeighbors(1)), (std::vector<NodeId>{0, 2}));
  EXPECT_EQ(Vec(g.OutNeighbors(2)), (std::vector<NodeId>{0, 1}));
  EXPECT_EQ(g.OutWeights(0)[1], 5.0);
  EXPECT_EQ(g.OutWeights(2)[0], 5.0);
  // The merged edge 0-2 remembers both inputs, strongest first.
  int32_t e = g.OutEdges(0)[1];
  EXPECT_EQ(g.EdgeSource(e), 0);
  EXPECT_EQ(g.EdgeTarget(e), 2);
  auto inputs = g.EdgeInputs(e);
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0], 1);
  EXPECT_EQ(inputs[1], 0);
}

TEST(GraphTest, DirectedKeepsBothAdjacencies) {
  std::vector<InputEdge> edges = {{0, 1}, {2, 1}, {1, 0}, {1, 2}, {0, 2}};
  Graph g = Graph::Build(3, edges, {.directed = true});
  EXPECT_EQ(g.edge_count(), 5);
  EXPECT_EQ(Vec(g.OutNeighbors(0)), (std::vector<NodeId>{1, 2}));
  EXPECT_EQ(Vec(g.InNeighbors(1)), (std::vector<NodeId>{0, 2}));
  EXPECT_EQ(Vec(g.InNeighbors(2)), (std::vector<NodeId>{0, 1}));
  EXPECT_EQ(g.InDegree(0), 1);
  EXPECT_EQ(g.OutDegree(1), 2);
  EXPECT_FALSE(g.weighted());
  Graph u = g.Undirected();
  EXPECT_FALSE(u.directed());
  EXPECT_EQ(u.edge_count(), 3);
}

TEST(GraphTest, InducedSubgraphRenumbersInTheGivenOrder) {
  std::vector<InputEdge> edges = {{0, 1}, {1, 2}, {2, 3}, {3, 0}};
  Graph g = Graph::Build(4, edges, {});
  std::vector<NodeId> keep = {3, 2, 1};
  Graph h = g.Induced(keep);
  EXPECT_EQ(h.node_count(), 3);
  EXPECT_EQ(h.edge_count(), 2);  // 3-2 and 2-1 survive
  EXPECT_EQ(Vec(h.OutNeighbors(1)), (std::vector<NodeId>{0, 2}));
}

TEST(GraphTest, EmptyGraphs) {
  Graph g = Graph::Build(0, {}, {});
  EXPECT_EQ(g.node_count(), 0);
  EXPECT_EQ(g.edge_count(), 0);
  Graph isolated = Graph::Build(4, {}, {.directed = true});
  EXPECT_EQ(isolated.OutDegree(3), 0);
  EXPECT_EQ(isolated.InDegree(3), 0);
  EXPECT_GT(isolated.MemoryBytes(), 0u);
}

}  // namespace
}  // namespace vigil::graph
