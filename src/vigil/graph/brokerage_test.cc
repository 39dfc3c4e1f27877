#include "vigil/graph/brokerage.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vigil::graph {
namespace {

Graph Make(NodeId n, std::vector<InputEdge> edges, bool directed = false, bool weighted = false) {
  return Graph::Build(n, edges, {.directed = directed, .weighted = weighted});
}

TEST(BrokerageTest, TheCentreOfAStarIsTheBroker) {
  // 0 ties 1, 2 and 3, who share no tie; 4 has none.
  Graph g = Make(5, {{0, 1}, {0, 2}, {0, 3}});
  auto c = Constraint(g, false);
  EXPECT_NEAR(c[0], 1.0 / 3, 1e-15);  // three contacts, a third each, squared
  EXPECT_NEAR(c[1], 1.0, 1e-15);      // one contact: fully constrained
  EXPECT_TRUE(std::isnan(c[4]));      // undefined without ties, as in NetworkX
  auto e = EffectiveSize(g, false);
  EXPECT_NEAR(e[0], 3.0, 1e-15);
  EXPECT_NEAR(e[1], 1.0, 1e-15);
  EXPECT_TRUE(std::isnan(e[4]));
}

TEST(BrokerageTest, ClosedTriadsConstrain) {
  Graph g = Make(3, {{0, 1}, {1, 2}, {0, 2}});
  // Each contact: (1/2 + 1/2 * 1/2)^2 = 0.5625, twice.
  for (double v : Constraint(g, false)) EXPECT_NEAR(v, 1.125, 1e-15);
  // Two contacts tied to each other: n - 2t/n = 2 - 1.
  for (double v : EffectiveSize(g, false)) EXPECT_NEAR(v, 1.0, 1e-15);
}

TEST(BrokerageTest, WeightsAndDirectionsMakeMutualWeights) {
  Graph w = Make(3, {{0, 1, 1.0}, {1, 2, 3.0}}, false, true);
  EXPECT_NEAR(Constraint(w, true)[1], 0.25 * 0.25 + 0.75 * 0.75, 1e-15);
  EXPECT_NEAR(Constraint(w, false)[1], 0.5, 1e-15);
  EXPECT_NEAR(EffectiveSize(w, true)[1], 2.0, 1e-15);
  // 0 -> 1 and back, 0 -> 2: 0 and 1 weigh 2 together, 0 and 2 weigh 1.
  Graph d = Make(3, {{0, 1}, {1, 0}, {0, 2}}, true);
  auto c = Constraint(d, false);
  EXPECT_NEAR(c[0], 4.0 / 9 + 1.0 / 9, 1e-15);
  EXPECT_NEAR(c[1], 1.0, 1e-15);
  EXPECT_TRUE(std::isnan(c[2]));  // no successor: NetworkX leaves it undefined
}

}  // namespace
}  // namespace vigil::graph
