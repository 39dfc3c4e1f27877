// The analysis results' JSON: the documented shapes (docs/cli.md) on
// hand-built results, where a value decides the shape (undefined values,
// integer core numbers, file nodes, exports with and without an output,
// designations through links). Whole outputs are compared with the
// captured ones by tests/e2e/golden_analysis_test.cc.
#include "vigil/engine/json/analysis_json.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

NodeRef Entity(const std::string& key) { return {key, "Name of " + key, "person"}; }

TEST(AnalysisJsonTest, NodeReferencesOfTheStoreAndOfFiles) {
  EXPECT_EQ(ToJson(Entity("a")).dump(), R"({"node":"a","name":"Name of a","kind":"person"})");
  EXPECT_EQ(ToJson(NodeRef{"Mohamed Atta", {}, {}}).dump(), R"({"node":"Mohamed Atta"})");
}

TEST(AnalysisJsonTest, RankRowsKeepCoreNumbersWholeAndUndefinedValuesNull) {
  RankResult kcore{Measure::kKCore, {{1, Entity("a"), 3.0}}};
  EXPECT_EQ(ToJson(kcore).dump(),
            R"([{"rank":1,"node":"a","name":"Name of a","kind":"person","value":3}])");
  RankResult constraint{Measure::kConstraint,
                        {{1, NodeRef{"x", {}, {}}, 0.25}, {2, NodeRef{"y", {}, {}}, std::nullopt}}};
  EXPECT_EQ(ToJson(constraint).dump(),
            R"([{"rank":1,"node":"x","value":0.25},{"rank":2,"node":"y","value":null}])");
  EXPECT_EQ(ToJson(RankResult{}).dump(), "[]");
}

TEST(AnalysisJsonTest, CommunitiesCountTheirMembersAndComponents) {
  CommunitiesResult r;
  r.origin = "kite.csv";
  r.nodes = 3;
  r.edges = 2;
  r.modularity = 0.5;
  r.runs = 64;
  r.communities = {{0, {NodeRef{"a", {}, {}}, NodeRef{"b", {}, {}}}}, {1, {NodeRef{"c", {}, {}}}}};
  r.component_sizes = {2, 1};
  EXPECT_EQ(ToJson(r).dump(),
            R"({"origin":"kite.csv","nodes":3,"edges":2,"directed_read_as_undirected":false,)"
            R"("weighted":false,"resolution":1.0,"modularity":0.5,"runs":64,"count":2,)"
            R"("communities":[{"id":0,"size":2,"members":[{"node":"a"},{"node":"b"}]},)"
            R"({"id":1,"size":1,"members":[{"node":"c"}]}],"components":{"count":2,"sizes":[2,1]}})");
}

TEST(AnalysisJsonTest, KeyPlayersNameTheirMethodAndPairTheirBridges) {
  KeyPlayersResult r;
  r.origin = "store";
  r.k = 1;
  r.players = {Entity("a")};
  r.bridges = {{NodeRef{"a", {}, {}}, NodeRef{"b", {}, {}}}};
  Json j = ToJson(r);
  EXPECT_EQ(j["method"], "greedy+swap");
  EXPECT_EQ(j["bridges"].dump(), R"([[{"node":"a"},{"node":"b"}]])");
  r.exhaustive = true;
  EXPECT_EQ(ToJson(r)["method"], "exhaustive");
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "origin", "nodes", "edges", "k", "players", "fragmentation",
                      "fragmentation_before", "distance_fragmentation", "components_after",
                      "largest_component_after", "method", "sets_evaluated",
                      "articulation_points", "bridges"}));
}

TEST(AnalysisJsonTest, ExportsCarryTheDocumentUnlessWrittenToAFile) {
  ExportResult r{ExportFormat::kGexf, "store", 5, 4, true, "<gexf/>", std::nullopt};
  EXPECT_EQ(ToJson(r).dump(),
            R"({"format":"gexf","origin":"store","nodes":5,"edges":4,"directed":true,)"
            R"("output":null,"document":"<gexf/>"})");
  r.output = "kb.gexf";
  EXPECT_EQ(ToJson(r).dump(),
            R"({"format":"gexf","origin":"store","nodes":5,"edges":4,"directed":true,)"
            R"("output":"kb.gexf"})");
}

TEST(AnalysisJsonTest, DesignationsThroughALinkSayWhichAndWhy) {
  ExposureDesignation own{7, "US", "FTO", std::nullopt, std::nullopt, "2012", {}, {}};
  EXPECT_EQ(ToJson(own).dump(),
            R"({"fact_id":7,"authority":"US","program":"FTO","list":null,"reference":null,)"
            R"("date":"2012","via":null})");
  ExposureDesignation linked = own;
  linked.via = store::EntityRefRecord{3, "un-tai-144", "HAQQANI Sirajuddin", "person"};
  linked.link = ExposureDesignation::Link{"reference", 1.0, "same reference"};
  EXPECT_EQ(ToJson(linked).dump(),
            R"({"fact_id":7,"authority":"US","program":"FTO","list":null,"reference":null,)"
            R"("date":"2012","via":{"id":"un-tai-144","name":"HAQQANI Sirajuddin","kind":"person"},)"
            R"("link":{"method":"reference","score":1.0,"reason":"same reference"}})");
}

TEST(AnalysisJsonTest, PathsCountTheirHopsAndExtendRelationsWithTheirWeights) {
  auto relation = std::make_shared<store::RelationRecord>();
  relation->fact_id = 9;
  relation->subject = {1, "a", "A", "person"};
  relation->object = {2, "b", "B", "organization"};
  relation->predicate = "leader_of";
  CitedPath path{0.5, {relation->subject, relation->object}, {}};
  path.steps.push_back({relation->object, relation->subject, 0.5, {{relation, false, 0.95, 0.5, 0.475}}});
  Json j = ToJson(path);
  EXPECT_EQ(j["hops"], 1);
  EXPECT_EQ(j["nodes"][1]["id"], "b");
  const Json& r = j["steps"][0]["relations"][0];
  EXPECT_EQ(r["fact_id"], 9);
  EXPECT_EQ(r["direction"], "backward");
  EXPECT_EQ(r["predicate_weight"], 0.95);
  EXPECT_EQ(r["strength"], 0.475);
  std::vector<std::string> keys;
  for (const auto& [key, value] : r.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"fact_id", "subject", "predicate", "object", "role",
                                            "from", "to", "valid", "claims", "direction",
                                            "predicate_weight", "confidence", "strength"}));
  PathsResult paths{{relation->subject, "exact"}, {relation->object, "partial (matched 'B')"}, 3,
                    std::nullopt, std::nullopt, {path}};
  Json p = ToJson(paths);
  EXPECT_EQ(p["from"].dump(), R"({"id":"a","name":"A","kind":"person","resolved":"exact"})");
  EXPECT_TRUE(p["as_of"].is_null());
  EXPECT_EQ(p["paths"].size(), 1u);
}

TEST(AnalysisJsonTest, ExposureStartsWithItsStartAndCountsItsEntities) {
  ExposureResult r;
  r.start = {{1, "m", "Ministry", "government_body"}, "exact"};
  r.as_of = "2023-12-31";
  r.max_hops = 4;
  r.authorities = {"UN"};
  r.in_network = true;
  r.exposures.push_back({{2, "n", "Network", "organization"}, 0.7, 2, {}, {}});
  EXPECT_EQ(ToJson(r).dump(),
            R"({"start":{"id":"m","name":"Ministry","kind":"government_body","resolved":"exact"},)"
            R"("as_of":"2023-12-31","during":null,"max_hops":4,"authorities":["UN"],"in_network":true,)"
            R"("start_designations":[],"count":1,"exposures":[{"entity":{"id":"n",)"
            R"("name":"Network","kind":"organization"},"score":0.7,"hops":2,"designations":[],)"
            R"("paths":[]}]})");
}

TEST(AnalysisJsonTest, NeighbourhoodsGiveNodesWithAttributesAndEdgesWithTheirWeights) {
  NeighbourhoodResult r;
  r.focus = {{{1, "a", "Alpha", "person"}, "exact"}};
  r.as_of = "2020-12-31";
  r.depth = 1;
  r.limit = 10;
  r.nodes = {{{1, "a", "Alpha", "person"}, 0, 1, {}, {{"nationality", "AF"}}},
             {{2, "b", "Bravo", "organization"}, 1, 4, {"UN", "US"}, {}}};
  auto relation = std::make_shared<store::RelationRecord>();
  relation->fact_id = 7;
  relation->subject = {1, "a", "Alpha", "person"};
  relation->object = {2, "b", "Bravo", "organization"};
  relation->predicate = "member_of";
  relation->from = "2019";
  r.edges = {{relation, 0.5, 0.45, true}};
  EXPECT_EQ(
      ToJson(r).dump(),
      R"({"focus":[{"id":"a","name":"Alpha","kind":"person","resolved":"exact"}],)"
      R"("as_of":"2020-12-31","during":null,"depth":1,"limit":10,"truncated":false,)"
      R"("count":{"nodes":2,"edges":1},"nodes":[)"
      R"({"id":"a","name":"Alpha","kind":"person","hops":0,"relations":1,"designations":[],"attributes":{"nationality":"AF"}},)"
      R"({"id":"b","name":"Bravo","kind":"organization","hops":1,"relations":4,"designations":["UN","US"],"attributes":{}}],)"
      R"("edges":[{"fact_id":7,"subject":{"id":"a","name":"Alpha","kind":"person"},)"
      R"("predicate":"member_of","object":{"id":"b","name":"Bravo","kind":"organization"},)"
      R"("role":null,"from":"2019","to":null,"valid":{"from":null,"to":null},"claims":[],)"
      R"("confidence":0.5,"strength":0.45,"disputed":true}]})");
}

}  // namespace
}  // namespace vigil
