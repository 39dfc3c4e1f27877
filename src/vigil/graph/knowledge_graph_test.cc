#include "vigil/graph/knowledge_graph.h"

#include <gtest/gtest.h>

namespace vigil::graph {
namespace {

// ministry <-holds_position_in- minister -leader_of-> network -allied_with- qaeda
// (the minister only from 2021), plus a rival that is hostile to the network,
// and a list record linked to the minister.
KnowledgeSnapshot Snapshot() {
  KnowledgeSnapshot s;
  for (const char* key : {"ministry", "minister", "network", "qaeda", "rival", "list-record"})
    s.nodes.push_back({static_cast<int64_t>(s.nodes.size() + 100), key, key, "organization",
                       std::string(key) != "list-record"});
  auto claim = [](double confidence, bool denies = false, int64_t party = 0) {
    return KnowledgeClaim{1, confidence, denies, party, ""};
  };
  s.relations.push_back({10, 1, 0, "holds_position_in", false, "2021-09-01", "", "", "", {claim(0.9)}});
  s.relations.push_back({11, 1, 2, "leader_of", false, "2018-01-01", "", "", "", {claim(0.9)}});
  s.relations.push_back(
      {12, 2, 3, "allied_with", true, "", "", "", "", {claim(0.8), claim(0.5, true, 104)}});
  s.relations.push_back({13, 4, 2, "hostile_to", true, "", "", "", "", {claim(0.9)}});
  s.designations.push_back({20, 3, "US", "FTO", "", "", "1999", "1999-01-01"});
  s.designations.push_back({21, 3, "UN", "QDe", "", "", "2001", "2001-01-01"});
  s.designations.push_back({22, 5, "UN", "TAi", "", "TAi.144", "2007", "2007-01-01"});
  s.designations.push_back({23, 2, "US", "FTO", "", "", "2012", "2012-01-01"});
  s.links.push_back({5, 1, "manual", "test", 1.0});
  return s;
}

TEST(KnowledgeGraphTest, ViewKeepsNetworkNodesAndFiltersRelationsByDate) {
  auto s = Snapshot();
  auto all = BuildView(s, {});
  EXPECT_EQ(all.graph.node_count(), 5);  // the list record takes part in no relation
  EXPECT_EQ(all.graph.edge_count(), 4);
  auto in2015 = BuildView(s, {.days = {"2015-12-31", "2015-12-31"}});
  EXPECT_EQ(in2015.graph.edge_count(), 2);  // allied_with and hostile_to are undated
  auto in2023 = BuildView(s, {.days = {"2023-12-31", "2023-12-31"}});
  EXPECT_EQ(in2023.graph.edge_count(), 4);
}

TEST(KnowledgeGraphTest, ConfidenceCombinesAssertionsAndDenials) {
  auto s = Snapshot();
  auto view = BuildView(s, {});
  EXPECT_NEAR(view.confidence[0], 0.9, 1e-12);
  EXPECT_NEAR(view.confidence[2], 0.8 * 0.5, 1e-12);
  EXPECT_NEAR(view.strength[2], 0.6 * 0.8 * 0.5, 1e-12);
  // Only the denying party's claims: nothing asserts the alliance.
  auto denier = BuildView(s, {.party_entities = {104}});
  EXPECT_EQ(denier.graph.edge_count(), 0);
  auto confident = BuildView(s, {.min_confidence = 0.85});
  EXPECT_EQ(confident.graph.edge_count(), 3);
  auto predicates = BuildView(s, {.predicates = {"leader_of"}});
  EXPECT_EQ(predicates.graph.edge_count(), 1);
}

TEST(KnowledgeGraphTest, DirectedViewsFollowPredicates) {
  auto s = Snapshot();
  auto view = BuildView(s, {.directed = true});
  EXPECT_TRUE(view.graph.directed());
  // holds_position_in: minister (1) -> ministry (0) only.
  NodeId ministry = view.view_node[0], minister = view.view_node[1];
  EXPECT_EQ(view.graph.InDegree(ministry), 1);
  EXPECT_EQ(view.graph.OutDegree(ministry), 0);
  EXPECT_EQ(view.graph.OutDegree(minister), 2);
  // allied_with is symmetric: both directions.
  NodeId network = view.view_node[2], qaeda = view.view_node[3];
  EXPECT_EQ(view.graph.OutNeighbors(qaeda).size(), 1u);
  EXPECT_EQ(view.graph.OutNeighbors(qaeda)[0], network);
  EXPECT_EQ(view.graph.InDegree(qaeda), 1);
}

TEST(KnowledgeGraphTest, DesignationsCountThroughLinksDatesAndAuthorities) {
  auto s = Snapshot();
  auto all = DesignationsByNode(s, {});
  ASSERT_EQ(all[1].size(), 1u);  // the minister, through the linked list record
  EXPECT_EQ(all[1][0].via, 5);
  EXPECT_EQ(all[3].size(), 2u);
  auto us = DesignationsByNode(s, {.authorities = {"US"}});
  EXPECT_TRUE(us[1].empty());
  EXPECT_EQ(us[3].size(), 1u);
  auto early = DesignationsByNode(s, {.as_of = "2000-06-30"});
  EXPECT_EQ(early[3].size(), 1u);
  EXPECT_TRUE(early[2].empty());
}

TEST(KnowledgeGraphTest, ExposureReachesTheAllyThroughTheMinisterOnlyAfter2021) {
  auto s = Snapshot();
  KnowledgeExposureOptions options;
  options.view.days = {"2023-12-31", "2023-12-31"};
  auto now = KnowledgeExposureOf(s, 0, options);
  ASSERT_EQ(now.hits.size(), 3u);  // minister (linked), network, qaeda; not the rival
  auto key = [&](const KnowledgeExposure& r, size_t i) {
    return s.nodes[r.view.snapshot_node[r.hits[i].target]].key;
  };
  EXPECT_EQ(key(now, 0), "minister");
  EXPECT_EQ(key(now, 1), "network");
  EXPECT_EQ(key(now, 2), "qaeda");
  const auto& path = now.hits[2].paths[0];
  ASSERT_EQ(path.nodes.size(), 4u);
  EXPECT_NEAR(now.hits[2].score, 0.9 * 0.9 * 0.95 * 0.9 * 0.6 * 0.4, 1e-12);
  // Each step knows its relations.
  EXPECT_EQ(now.view.RelationsOf(path.edges[0]), (std::vector<int32_t>{0}));
  options.view.days = {"2015-12-31", "2015-12-31"};
  auto then = KnowledgeExposureOf(s, 0, options);
  EXPECT_TRUE(then.hits.empty());
  options.view.days = {"2023-12-31", "2023-12-31"};
  options.designations.authorities = {"UN"};
  auto un = KnowledgeExposureOf(s, 0, options);
  ASSERT_EQ(un.hits.size(), 2u);  // minister (UN, through the link) and qaeda
}

TEST(KnowledgeGraphTest, PathsBetweenTwoEntities) {
  auto s = Snapshot();
  auto found = KnowledgePathsBetween(s, 0, 3, 3, {});
  ASSERT_EQ(found.paths.size(), 1u);
  EXPECT_EQ(found.paths[0].nodes.size(), 4u);
  EXPECT_NEAR(found.paths[0].score, 0.9 * 0.9 * 0.95 * 0.9 * 0.6 * 0.4, 1e-12);
}

// Nodes: 0 ministry, 1 minister, 2 network, 3 qaeda, 4 rival, 5 list-record.
// Relations: 0 minister-ministry (from 2021-09), 1 minister-network (from
// 2018), 2 network-qaeda, 3 rival-network.
TEST(KnowledgeGraphTest, NeighbourhoodIsEveryNodeWithinTheHopsAndTheTiesAmongThem) {
  auto s = Snapshot();
  auto view = BuildView(s, {});
  auto one = NeighbourhoodOf(s, view, {0}, 1, 100);
  EXPECT_EQ(one.nodes, (std::vector<NodeId>{0, 1}));
  EXPECT_EQ(one.hops, (std::vector<int32_t>{0, 1}));
  EXPECT_EQ(one.relations, (std::vector<int32_t>{0}));
  EXPECT_FALSE(one.truncated);
  auto two = NeighbourhoodOf(s, view, {0}, 2, 100);
  EXPECT_EQ(two.nodes, (std::vector<NodeId>{0, 1, 2}));
  EXPECT_EQ(two.hops, (std::vector<int32_t>{0, 1, 2}));
  EXPECT_EQ(two.relations, (std::vector<int32_t>{0, 1}));
  // Hops count from the nearest focus; ties between frontier nodes are kept.
  auto both = NeighbourhoodOf(s, view, {3, 4}, 1, 100);
  EXPECT_EQ(both.nodes, (std::vector<NodeId>{3, 4, 2}));
  EXPECT_EQ(both.hops, (std::vector<int32_t>{0, 0, 1}));
  EXPECT_EQ(both.relations, (std::vector<int32_t>{2, 3}));
  auto zero = NeighbourhoodOf(s, view, {2}, 0, 100);
  EXPECT_EQ(zero.nodes, (std::vector<NodeId>{2}));
  EXPECT_TRUE(zero.relations.empty());
}

TEST(KnowledgeGraphTest, NeighbourhoodFollowsTheViewsDateAndStopsAtTheLimit) {
  auto s = Snapshot();
  // Before 2021 the ministry has no minister: it stands alone.
  auto in2015 = BuildView(s, {.days = {"2015-12-31", "2015-12-31"}});
  auto alone = NeighbourhoodOf(s, in2015, {0}, 3, 100);
  EXPECT_EQ(alone.nodes, (std::vector<NodeId>{0}));
  EXPECT_TRUE(alone.relations.empty());
  auto in2023 = BuildView(s, {.days = {"2023-12-31", "2023-12-31"}});
  auto reached = NeighbourhoodOf(s, in2023, {0}, 3, 100);
  EXPECT_EQ(reached.nodes, (std::vector<NodeId>{0, 1, 2, 3, 4}));
  EXPECT_EQ(reached.relations, (std::vector<int32_t>{0, 1, 2, 3}));
  auto cut = NeighbourhoodOf(s, in2023, {0}, 3, 3);
  EXPECT_EQ(cut.nodes, (std::vector<NodeId>{0, 1, 2}));
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(cut.relations, (std::vector<int32_t>{0, 1}));
  // No focus: every node a relation of the view touches (not the list record).
  auto whole = NeighbourhoodOf(s, in2015, {}, 0, 100);
  EXPECT_EQ(whole.nodes, (std::vector<NodeId>{2, 3, 4}));
  EXPECT_EQ(whole.relations, (std::vector<int32_t>{2, 3}));
}

}  // namespace
}  // namespace vigil::graph
