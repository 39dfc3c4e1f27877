// End to end: exposure, paths, rank, communities, keyplayers and export,
// on the exposure fixture (tests/fixtures/exposure), on network files
// (tests/fixtures/networks and the covert networks in ../shared/data), and
// on the bundled knowledge base.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <set>

#include "fixture.h"
#include "vigil/store/sqlite/sqlite_connection.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

std::string Networks() { return SourceDir() + "/tests/fixtures/networks"; }
std::string Covert() { return SharedDataDir() + "/covert-networks"; }

std::vector<std::string> Ids(const json& nodes) {
  std::vector<std::string> out;
  for (const auto& n : nodes) out.push_back(n["id"]);
  return out;
}

// The exposure fixture, loaded once per test into a scratch database.
class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    db_ = dir_ + "/vigil.db";
    std::string fixture = SourceDir() + "/tests/fixtures/exposure";
    auto r = RunVigil({"load", fixture + "/data", "--texts", fixture + "/texts", "--db", db_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  RunResult Vigil(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", db_});
    return RunVigil(args);
  }
  json Json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  // The exposure entry for an entity id, or null.
  static json Find(const json& result, const std::string& id) {
    for (const auto& e : result["exposures"])
      if (e["entity"]["id"] == id) return e;
    return nullptr;
  }

  std::string dir_, db_;
};

TEST_F(GraphTest, ExposureReachesTheDesignatedAllyThroughTheMinisterWithPassages) {
  auto r = Json({"exposure", "Ministry of Security", "--as-of", "2023"});
  EXPECT_EQ(r["start"]["id"], "ministry-of-security");
  EXPECT_EQ(r["as_of"], "2023-12-31");
  ASSERT_EQ(r["count"], 2);
  EXPECT_EQ(r["exposures"][0]["entity"]["id"], "zaman-network");
  json legion = Find(r, "crescent-legion");
  ASSERT_FALSE(legion.is_null());
  EXPECT_EQ(legion["hops"], 3);
  EXPECT_NEAR(legion["score"].get<double>(), (0.9 * 0.9) * (0.95 * 0.9) * (0.6 * 0.8), 1e-12);
  ASSERT_EQ(legion["designations"].size(), 2u);
  const json& best = legion["paths"][0];
  EXPECT_EQ(Ids(best["nodes"]), (std::vector<std::string>{"ministry-of-security", "tariq-zaman",
                                                          "zaman-network", "crescent-legion"}));
  // Every step cites the passage behind it.
  std::vector<std::string> passages = {
      "Since September 2021 Tariq Zaman has headed the Ministry of Security.",
      "Tariq Zaman has led the Zaman network since 2008.",
      "The Zaman network has been allied with the Crescent Legion since 2010."};
  ASSERT_EQ(best["steps"].size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const json& relation = best["steps"][i]["relations"][0];
    const json& claim = relation["claims"][0];
    EXPECT_EQ(claim["passage"], passages[i]);
    EXPECT_EQ(claim["source_title"], "Field notes on the Valley (test fixture)");
    EXPECT_EQ(claim["stance"], "asserts");
    EXPECT_FALSE(claim["span"].is_null());
  }
  EXPECT_EQ(best["steps"][0]["relations"][0]["direction"], "backward");
  EXPECT_EQ(best["steps"][0]["relations"][0]["role"], "minister");
  // The weak, denied payment is a second, far weaker path.
  ASSERT_EQ(legion["paths"].size(), 2u);
  const json& rumour = legion["paths"][1]["steps"][0]["relations"][0];
  EXPECT_EQ(rumour["predicate"], "funds");
  EXPECT_NEAR(rumour["confidence"].get<double>(), 0.3 * (1 - 0.8), 1e-12);
  EXPECT_EQ(rumour["claims"][1]["stance"], "denies");
  EXPECT_EQ(rumour["claims"][1]["party"]["id"], "ministry-of-security");

  auto text = Vigil({"exposure", "Ministry of Security", "--as-of", "2023"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("“Tariq Zaman has led the Zaman network since 2008.”"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Ministry of Security ←holds_position_in— Tariq Zaman —leader_of→ Zaman "
                          "network —allied_with→ Crescent Legion"),
            std::string::npos)
      << text.out;
}

TEST_F(GraphTest, ExposureAnswersDifferentlyIn2015And2023) {
  auto now = Json({"exposure", "ministry-of-security", "--as-of", "2023"});
  auto then = Json({"exposure", "ministry-of-security", "--as-of", "2015"});
  // In 2015 the minister was not yet in post: only the rumoured payment
  // leads anywhere, and the network was not designated until 2012 anyway.
  EXPECT_NEAR(Find(now, "crescent-legion")["score"].get<double>(), 0.33, 0.01);
  EXPECT_NEAR(Find(then, "crescent-legion")["score"].get<double>(), 0.054, 1e-9);
  EXPECT_EQ(Find(then, "crescent-legion")["hops"], 1);
  EXPECT_EQ(then["exposures"][0]["entity"]["id"], "crescent-legion");
  auto before = Json({"exposure", "ministry-of-security", "--as-of", "2011"});
  EXPECT_TRUE(Find(before, "zaman-network").is_null());  // designated in 2012
  EXPECT_FALSE(Find(before, "crescent-legion").is_null());
}

TEST_F(GraphTest, ExposureFiltersByAuthorityPartyConfidenceAndHops) {
  auto un = Json({"exposure", "ministry-of-security", "--as-of", "2023", "--authority", "UN"});
  ASSERT_EQ(un["count"], 1);
  EXPECT_EQ(un["exposures"][0]["entity"]["id"], "crescent-legion");
  ASSERT_EQ(un["exposures"][0]["designations"].size(), 1u);
  EXPECT_EQ(un["exposures"][0]["designations"][0]["authority"], "UN");
  auto rumour = Json({"exposure", "ministry-of-security", "--party", "a rumour"});
  ASSERT_EQ(rumour["count"], 1);
  EXPECT_EQ(rumour["exposures"][0]["paths"][0]["hops"], 1);
  auto confident = Json({"exposure", "ministry-of-security", "--min-confidence", "0.5"});
  for (const auto& e : confident["exposures"])
    for (const auto& p : e["paths"])
      for (const auto& s : p["steps"]) EXPECT_NE(s["relations"][0]["predicate"], "funds");
  auto near = Json({"exposure", "ministry-of-security", "--as-of", "2023", "--max-hops", "2"});
  EXPECT_EQ(Find(near, "crescent-legion")["hops"], 1);  // only the direct payment
  auto bad = Vigil({"exposure", "ministry-of-security", "--authority", "usa", "--json"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--authority: 'usa' is not an authority code"), std::string::npos);
  auto hops = Vigil({"exposure", "ministry-of-security", "--max-hops", "0"});
  EXPECT_EQ(hops.exit_code, 2);
  auto missing = Vigil({"exposure", "Nobody At All"});
  EXPECT_EQ(missing.exit_code, 3);
  auto date = Vigil({"exposure", "ministry-of-security", "--as-of", "2023-13"});
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("--as-of"), std::string::npos);
}

TEST_F(GraphTest, ExposureCountsDesignationsOfLinkedListRecords) {
  // A list record for the minister, in a dataset of its own, linked to him.
  std::string list = dir_ + "/list";
  std::filesystem::create_directories(list);
  std::ofstream(list + "/list.yaml") << R"(sources:
  - {id: test-list, title: A test list, publisher: vigil tests, date: "2024", kind: list}
entities:
  - id: list-record-7
    kind: person
    names: [{text: ZAMAN Tariq, kind: primary}]
    attributes: {authority_code: XX}
    claims: [{source: test-list, locator: XX.7}]
designations:
  - {entity: list-record-7, authority: list-record-7, authority_code: UN, program: TEST, reference: XX.7, date: "2022", claims: [{source: test-list, locator: XX.7}]}
)";
  auto load = Vigil({"load", list, "--dataset", "test-list"});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  {
    auto db = store::sqlite::SqliteConnection::Open(db_);
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)
                    ->Execute("DELETE FROM links; INSERT INTO links(entity_key, target_key, "
                              "method, score, reason) VALUES ('list-record-7', 'tariq-zaman', "
                              "'manual', 1.0, 'test link')")
                    .ok());
  }
  auto r = Json({"exposure", "ministry-of-security", "--as-of", "2023", "--authority", "UN"});
  json minister = Find(r, "tariq-zaman");
  ASSERT_FALSE(minister.is_null()) << r.dump(2);
  EXPECT_EQ(minister["hops"], 1);
  EXPECT_EQ(minister["designations"][0]["reference"], "XX.7");
  EXPECT_EQ(minister["designations"][0]["via"]["id"], "list-record-7");
  EXPECT_EQ(minister["designations"][0]["link"]["reason"], "test link");
  // Before the listing date it does not count.
  auto early =
      Json({"exposure", "ministry-of-security", "--as-of", "2021-10", "--authority", "UN"});
  EXPECT_TRUE(Find(early, "tariq-zaman").is_null());
}

TEST_F(GraphTest, PathsListsTheKStrongestPathsWithCitations) {
  auto r =
      Json({"paths", "Ministry of Security", "Crescent Legion", "--k", "5", "--as-of", "2023"});
  ASSERT_EQ(r["paths"].size(), 2u);
  EXPECT_EQ(r["paths"][0]["hops"], 3);
  EXPECT_EQ(r["paths"][1]["hops"], 1);
  EXPECT_GT(r["paths"][0]["score"].get<double>(), r["paths"][1]["score"].get<double>());
  EXPECT_EQ(r["paths"][1]["steps"][0]["relations"][0]["claims"][0]["passage"],
            "A rumour says the Ministry of Security pays the Crescent Legion.");
  auto one = Json({"paths", "ministry-of-security", "crescent-legion", "--k", "1"});
  EXPECT_EQ(one["paths"].size(), 1u);
  auto none = Json({"paths", "red-hand", "crescent-legion"});  // hostility carries no exposure
  EXPECT_TRUE(none["paths"].empty());
  EXPECT_EQ(Vigil({"paths", "ministry-of-security", "crescent-legion", "--k", "0"}).exit_code, 2);
}

TEST_F(GraphTest, RankCommunitiesKeyPlayersAndExportOnTheStore) {
  auto degree = Json({"rank", "--measure", "degree"});
  ASSERT_EQ(degree.size(), 5u);  // entities in relations
  EXPECT_EQ(degree[0]["node"], "zaman-network");
  EXPECT_EQ(degree[0]["name"], "Zaman network");
  EXPECT_DOUBLE_EQ(degree[0]["value"].get<double>(), 3.0 / 4.0);
  auto in2015 = Json({"rank", "--measure", "degree", "--raw", "--as-of", "2015"});
  for (const auto& row : in2015) {
    if (row["node"] == "tariq-zaman") {
      EXPECT_EQ(row["value"], 1);
    }
  }
  auto directed = Json({"rank", "--measure", "in-degree", "--directed", "--raw", "--top", "1"});
  ASSERT_EQ(directed.size(), 1u);
  auto communities = Json({"communities"});
  EXPECT_GE(communities["count"].get<int>(), 1);
  EXPECT_EQ(communities["nodes"], 5);
  auto key = Json({"keyplayers", "--k", "1"});
  EXPECT_EQ(key["players"][0]["node"], "zaman-network");
  auto graphml = Vigil({"export", "--format", "graphml"});
  ASSERT_EQ(graphml.exit_code, 0) << graphml.err;
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(graphml.out.c_str()));
  EXPECT_NE(graphml.out.find("holds_position_in"), std::string::npos);
  auto gexf = Json({"export", "--format", "gexf", "--output", dir_ + "/kb.gexf"});
  EXPECT_EQ(gexf["nodes"], 5);
  EXPECT_EQ(gexf["edges"], 5);
  EXPECT_TRUE(doc.load_file((dir_ + "/kb.gexf").c_str()));
}

// A node without ties on the day has no constraint: null in JSON, and the
// text says so (it used to end in an internal error, exit 4).
TEST_F(GraphTest, RankTextShowsUndefinedValuesOfNodesWithoutTies) {
  auto rows = Json({"rank", "--measure", "constraint", "--as-of", "1900"});
  ASSERT_FALSE(rows.empty());
  ASSERT_TRUE(rows.back()["value"].is_null()) << rows.dump();
  auto text = Vigil({"rank", "--measure", "constraint", "--as-of", "1900"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.err, "");
  std::string last = fmt::format("{:>4}  {:>12}  {} [{}]\n", rows.size(), "undefined",
                                 rows.back()["name"].get<std::string>(),
                                 rows.back()["node"].get<std::string>());
  ASSERT_GE(text.out.size(), last.size());
  EXPECT_EQ(text.out.substr(text.out.size() - last.size()), last) << text.out;
}

TEST(GraphFileTest, EveryFormatOfTheKiteGivesTheSameRanking) {
  std::vector<std::string> files = {"kite.csv", "kite_matrix.csv", "kite.graphml", "kite.net",
                                    "kite.dl"};
  for (const char* measure :
       {"degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "kcore",
        "constraint", "effective-size"}) {
    json first;
    for (const auto& file : files) {
      auto r =
          RunVigil({"rank", "--graph", Networks() + "/" + file, "--measure", measure, "--json"});
      ASSERT_EQ(r.exit_code, 0) << file << ": " << r.err;
      json rows = json::parse(r.out);
      ASSERT_EQ(rows.size(), 10u) << file;
      std::map<std::string, double> values;
      for (const auto& row : rows) values[row["node"]] = row["value"].get<double>();
      if (first.is_null()) {
        first = values;
        continue;
      }
      for (const auto& [node, value] : first.items())
        EXPECT_NEAR(values[node], value.get<double>(), 1e-12)
            << file << " " << measure << " " << node;
    }
  }
  // Krackhardt's reading of the kite: Diane has most ties, Heather brokers
  // most, Fernando and Garth are closest to everyone.
  auto top = [](const char* measure) {
    auto r =
        RunVigil({"rank", "--graph", Networks() + "/kite.csv", "--measure", measure, "--json"});
    return json::parse(r.out)[0]["node"].get<std::string>();
  };
  EXPECT_EQ(top("degree"), "Diane");
  EXPECT_EQ(top("betweenness"), "Heather");
  EXPECT_EQ(top("closeness"), "Fernando");
  EXPECT_EQ(top("constraint"), "Heather");  // least constrained: the broker, ranked first
  auto text = RunVigil(
      {"rank", "--graph", Networks() + "/kite.csv", "--measure", "betweenness", "--top", "3"});
  EXPECT_NE(text.out.find("Heather"), std::string::npos);
}

TEST(GraphFileTest, WeightedEdgeListsCommunitiesKeyPlayersAndExportRoundTrip) {
  std::string kite = Networks() + "/kite.csv";
  auto weighted = RunVigil({"rank", "--graph", Networks() + "/kite_weighted.txt", "--measure",
                            "betweenness", "--weighted", "--json"});
  ASSERT_EQ(weighted.exit_code, 0) << weighted.err;
  auto communities = RunVigil({"communities", "--graph", kite, "--json"});
  ASSERT_EQ(communities.exit_code, 0);
  json c = json::parse(communities.out);
  EXPECT_GE(c["count"].get<int>(), 2);
  EXPECT_GT(c["modularity"].get<double>(), 0.1);
  auto key = RunVigil({"keyplayers", "--graph", kite, "--k", "1", "--json"});
  json k = json::parse(key.out);
  EXPECT_EQ(k["players"][0]["node"], "Heather");  // cuts Ike and Jane off
  EXPECT_EQ(k["method"], "exhaustive");
  EXPECT_EQ(k["articulation_points"].size(), 2u);  // Heather, Ike
  EXPECT_EQ(k["bridges"].size(), 2u);
  std::string dir = TempDir();
  for (const char* format : {"graphml", "gexf"}) {
    std::string out = dir + "/kite." + format;
    auto r = RunVigil({"export", "--graph", kite, "--format", format, "--output", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  auto back = RunVigil({"rank", "--graph", dir + "/kite.graphml", "--measure", "degree", "--json"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(json::parse(back.out)[0]["node"], "Diane");
  std::filesystem::remove_all(dir);
}

TEST(GraphFileTest, MalformedFilesNameFileLineAndFieldAndExitTwo) {
  struct Case {
    std::string file, message;
  };
  std::vector<Case> cases = {
      {"bad_weight.csv", "bad_weight.csv:3: weight: 'heavy' is not a number"},
      {"bad_matrix.csv", "bad_matrix.csv:3: row 'B': 2 values for 3 columns"},
      {"bad_xml.graphml", "bad_xml.graphml:5: xml: "},
      {"bad_node.graphml", "bad_node.graphml:5: target: unknown node 'ghost'"},
      {"bad_vertex.net", "bad_vertex.net:4: target: vertex 9 is outside 1..3"},
      {"bad_matrix.dl", "bad_matrix.dl:4: data: 'x' is not a number"},
      {"bad_utf8.csv", "bad_utf8.csv:2: text: invalid UTF-8 (byte 0xE2"},
  };
  for (const auto& c : cases) {
    auto r =
        RunVigil({"rank", "--graph", Networks() + "/" + c.file, "--measure", "degree", "--json"});
    EXPECT_EQ(r.exit_code, 2) << c.file;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.file << ": " << r.err;
    EXPECT_EQ(json::parse(r.out)["error"]["code"], "bad_input") << c.file;
  }
  auto measure = RunVigil({"rank", "--graph", Networks() + "/kite.csv", "--measure", "betweeness"});
  EXPECT_EQ(measure.exit_code, 2);
  EXPECT_NE(measure.err.find("did you mean 'betweenness'"), std::string::npos) << measure.err;
  auto format = RunVigil(
      {"rank", "--graph", Networks() + "/kite.csv", "--measure", "degree", "--format", "gml"});
  EXPECT_EQ(format.exit_code, 2);
  auto missing = RunVigil({"rank", "--graph", Networks() + "/nope.csv", "--measure", "degree"});
  EXPECT_EQ(missing.exit_code, 3);
  auto store_filter = RunVigil(
      {"rank", "--graph", Networks() + "/kite.csv", "--measure", "degree", "--as-of", "2020"});
  EXPECT_EQ(store_filter.exit_code, 2);
  auto export_format = RunVigil({"export", "--graph", Networks() + "/kite.csv", "--format", "dot"});
  EXPECT_EQ(export_format.exit_code, 2);
  auto k = RunVigil({"keyplayers", "--graph", Networks() + "/kite.csv", "--k", "10"});
  EXPECT_EQ(k.exit_code, 2);
}

// Krebs, "Mapping Networks of Terrorist Cells" (Connections 24(3), 2002):
// Mohamed Atta ranks first on degree, betweenness and closeness in the
// hijackers' network neighbourhood (the largest component of the full 9/11
// network); his 22 ties give Krebs' degree 0.361 over 61 others.
TEST(GraphFileTest, ReproducesKrebsCentralityRanking) {
  std::string file = Covert() + "/full_9_11_edgelist.txt";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file;
  auto rank = [&](const char* measure, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"rank",      "--graph", file,    "--largest-component",
                                     "--measure", measure,   "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = RunVigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  };
  auto degree = rank("degree", {"--raw"});
  ASSERT_EQ(degree.size(), 63u);
  EXPECT_EQ(degree[0]["node"], "Mohamed Atta");
  EXPECT_EQ(degree[0]["value"], 22);
  EXPECT_EQ(degree[1]["node"], "Marwan Al-Shehhi");
  EXPECT_EQ(degree[1]["value"], 18);
  EXPECT_EQ(degree[2]["node"], "Hani Hanjour");
  EXPECT_EQ(degree[2]["value"], 13);
  EXPECT_NEAR(22.0 / 61, 0.361, 5e-4);
  auto betweenness = rank("betweenness");
  std::vector<std::string> top;
  for (size_t i = 0; i < 5; ++i) top.push_back(betweenness[i]["node"]);
  EXPECT_EQ(top, (std::vector<std::string>{"Mohamed Atta", "Essid Sami Ben Khemais",
                                           "Zacarias Moussaoui", "Nawaf Alhazmi", "Hani Hanjour"}));
  EXPECT_NEAR(betweenness[0]["value"].get<double>(), 0.588, 0.01);
  auto closeness = rank("closeness");
  EXPECT_EQ(closeness[0]["node"], "Mohamed Atta");
  EXPECT_EQ(closeness[1]["node"], "Marwan Al-Shehhi");
  EXPECT_NEAR(closeness[0]["value"].get<double>(), 0.587, 0.01);
}

TEST(GraphFileTest, ReadsTheCovertNetworkMatrices) {
  std::string file = Covert() + "/9_11_HIJACKERS_ASSOCIATES.csv";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file;
  auto r = RunVigil({"rank", "--graph", file, "--measure", "degree", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).size(), 60u);  // 61 rows, one name twice
  EXPECT_NE(r.err.find("'Tarek Maaroufi' appears twice"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not symmetric"), std::string::npos);
  EXPECT_NE(r.err.find("1 self-loop ignored"), std::string::npos);
  auto attributes =
      RunVigil({"rank", "--graph", Covert() + "/9_11_HIJACKERS_ATTR.csv", "--measure", "degree"});
  EXPECT_EQ(attributes.exit_code, 2);
  EXPECT_NE(attributes.err.find("not square"), std::string::npos);
}

// The bundled knowledge base: the example the issue gives.
class KnowledgeBaseGraphTest : public SharedDatabaseTest<KnowledgeBaseGraphTest> {
 public:
  static std::string Needs() { return SeedsDir(); }
  static std::vector<std::string> LoadPaths() {
    return {SourceDir() + "/data", "--texts", SeedsDir()};
  }
};

TEST_F(KnowledgeBaseGraphTest, MinistryOfInteriorReachesAlQaedaThroughItsMinisterAndHisNetwork) {
  auto r = Json({"exposure", "Ministry of Interior"});
  json qaeda;
  for (const auto& e : r["exposures"])
    if (e["entity"]["id"] == "al-qaeda") qaeda = e;
  ASSERT_FALSE(qaeda.is_null()) << r.dump(1).substr(0, 2000);
  bool through_minister_and_network = false;
  for (const auto& path : qaeda["paths"]) {
    std::set<std::string> nodes;
    for (const auto& n : path["nodes"]) nodes.insert(n["id"]);
    if (nodes.count("sirajuddin-haqqani") && nodes.count("haqqani-network")) {
      through_minister_and_network = true;
      for (const auto& step : path["steps"]) {
        bool cited = false;
        for (const auto& relation : step["relations"])
          for (const auto& claim : relation["claims"])
            cited = cited || (claim["passage"].is_string() && !claim["passage"].empty()) ||
                    claim["locator"].is_string();  // official lists cite a reference
        EXPECT_TRUE(cited) << step.dump();
      }
    }
  }
  EXPECT_TRUE(through_minister_and_network) << qaeda.dump(1).substr(0, 3000);
  // In 2015 Sirajuddin Haqqani was not yet interior minister.
  auto then = Json({"exposure", "Ministry of Interior", "--as-of", "2015"});
  auto now = Json({"exposure", "Ministry of Interior", "--as-of", "2023"});
  EXPECT_LT(then["count"].get<int>(), now["count"].get<int>());
  auto us = Json({"exposure", "Ministry of Interior", "--as-of", "2023", "--authority", "US"});
  for (const auto& e : us["exposures"])
    for (const auto& d : e["designations"]) EXPECT_EQ(d["authority"], "US");
}

TEST_F(KnowledgeBaseGraphTest, MeasuresRunOnTheKnowledgeBase) {
  for (const auto& measure :
       {"degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "kcore",
        "constraint", "effective-size"}) {
    auto rows = Json({"rank", "--measure", measure, "--top", "5"});
    ASSERT_EQ(rows.size(), 5u) << measure;
    EXPECT_TRUE(rows[0].contains("node") && rows[0].contains("value"));
  }
  auto c = Json({"communities"});
  EXPECT_GT(c["modularity"].get<double>(), 0.2);
  auto k = Json({"keyplayers", "--k", "2"});
  EXPECT_EQ(k["players"].size(), 2u);
}

}  // namespace
}  // namespace vigil::e2e
