// End to end: GET /v1/graph through `vigil serve` on the mini dataset
// (tests/fixtures/mini): the neighbourhood of entities as of a day, with
// the nodes' designations and attributes and the relations' confidence,
// dispute and claims; parameters checked by name; a reader's token is
// enough. The dataset: karim-yusufzai leader_of and founded northern-front
// (from 2009), northern-front allied_with valley-brigade (from 2016),
// eastern-committee arms northern-front (asserted at 0.6 and denied by the
// committee itself), northern-front designated by the-council (XC, 2019).
#include <nlohmann/json.hpp>

#include "reader_server.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

class ServerGraphTest : public ReaderServerTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    Serve("graph-reader");
  }
  // "subject predicate object" of every edge, in the answer's order.
  static std::vector<std::string> Edges(const json& graph) {
    std::vector<std::string> out;
    for (const auto& e : graph["edges"])
      out.push_back(e["subject"]["id"].get<std::string>() + " " +
                    e["predicate"].get<std::string>() + " " + e["object"]["id"].get<std::string>());
    return out;
  }
  static std::vector<std::string> Nodes(const json& graph) {
    std::vector<std::string> out;
    for (const auto& n : graph["nodes"])
      out.push_back(n["id"].get<std::string>() + "@" + std::to_string(n["hops"].get<int>()));
    return out;
  }
};

TEST_F(ServerGraphTest, TheNeighbourhoodAsOfADayHasTheRelationsValidThen) {
  json in2010 = Get("/v1/graph?focus=karim-yusufzai&depth=2&as_of=2010");
  EXPECT_EQ(in2010["as_of"], "2010-12-31");
  EXPECT_EQ(in2010["focus"][0]["id"], "karim-yusufzai");
  EXPECT_EQ(in2010["focus"][0]["resolved"], "exact");
  EXPECT_EQ(Nodes(in2010), (std::vector<std::string>{"karim-yusufzai@0", "northern-front@1",
                                                     "eastern-committee@2"}));
  EXPECT_EQ(Edges(in2010), (std::vector<std::string>{"karim-yusufzai leader_of northern-front",
                                                     "karim-yusufzai founded northern-front",
                                                     "eastern-committee arms northern-front"}));
  // Designated only from 2019.
  EXPECT_EQ(in2010["nodes"][1]["designations"], json::array());
  EXPECT_EQ(in2010["count"], (json{{"nodes", 3}, {"edges", 3}}));

  json in2020 = Get("/v1/graph?focus=Karim%20Yusufzai&depth=2&as_of=2020");
  EXPECT_EQ(Nodes(in2020), (std::vector<std::string>{"karim-yusufzai@0", "northern-front@1",
                                                     "valley-brigade@2", "eastern-committee@2"}));
  EXPECT_EQ(in2020["nodes"][1]["designations"], json::array({"XC"}));
  EXPECT_EQ(in2020["nodes"][1]["relations"], 4);
  EXPECT_EQ(in2020["nodes"][0]["attributes"]["gender"], "male");
  const json& arms = in2020["edges"][3];
  EXPECT_EQ(arms["predicate"], "arms");
  EXPECT_TRUE(arms["disputed"]);
  EXPECT_NEAR(arms["confidence"].get<double>(), 0.6 * (1 - 0.8), 1e-12);
  EXPECT_EQ(arms["strength"].get<double>(), 0.9 * arms["confidence"].get<double>());
  ASSERT_EQ(arms["claims"].size(), 2u);
  EXPECT_EQ(arms["claims"][1]["stance"], "denies");
  EXPECT_TRUE(arms["claims"][0]["passage"].is_string());
  EXPECT_EQ(in2020["edges"][2]["predicate"], "allied_with");
  EXPECT_FALSE(in2020["edges"][2]["disputed"]);
}

TEST_F(ServerGraphTest, FiltersLimitsAndTheWholeView) {
  // Only the committee's denial and its own assertion: the party filter.
  json party = Get("/v1/graph?focus=northern-front&party=eastern-committee");
  EXPECT_EQ(Edges(party), (std::vector<std::string>{"eastern-committee arms northern-front"}));
  json confident = Get("/v1/graph?focus=northern-front&min_confidence=0.5");
  EXPECT_EQ(Edges(confident).size(), 3u);  // the disputed arms (0.12) left out
  json predicates = Get("/v1/graph?focus=northern-front&predicate=allied_with,arms&claims=false");
  EXPECT_EQ(Edges(predicates),
            (std::vector<std::string>{"northern-front allied_with valley-brigade",
                                      "eastern-committee arms northern-front"}));
  EXPECT_EQ(predicates["edges"][0]["claims"], json::array());
  json whole = Get("/v1/graph");
  EXPECT_EQ(whole["focus"], json::array());
  EXPECT_EQ(whole["count"]["nodes"], 4);
  EXPECT_EQ(whole["count"]["edges"], 4);
  json cut = Get("/v1/graph?focus=northern-front&limit=2");
  EXPECT_EQ(cut["count"]["nodes"], 2);
  EXPECT_TRUE(cut["truncated"]);
  EXPECT_EQ(Get("/v1/graph?focus=northern-front")["truncated"], false);
}

TEST_F(ServerGraphTest, ParametersAreCheckedByName) {
  struct Case {
    const char* target;
    int status;
    const char* field;
  } cases[] = {
      {"/v1/graph?depth=7", 422, "depth"},
      {"/v1/graph?limit=0", 422, "limit"},
      {"/v1/graph?claims=maybe", 422, "claims"},
      {"/v1/graph?as_of=2021-13", 422, "as_of"},
      {"/v1/graph?predicate=likes", 422, "predicate"},
      {"/v1/graph?colour=red", 422, "colour"},
      {"/v1/graph?focus=nobody-at-all", 404, "focus"},
      {"/v1/graph?party=nobody-at-all", 404, "party"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(Get(c.target, c.status)["error"]["field"], c.field) << c.target;
  EXPECT_EQ(server_->Get("/v1/graph").status, 401);
}

}  // namespace
}  // namespace vigil::e2e
