#include "vigil/ingest/network/network.h"
#include "vigil/testing/support.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <set>

namespace vigil::network {
namespace {

using test_support::MessageOf;

// "a-b:w" for every edge, sorted, to compare networks by labels.
std::set<std::string> Ties(const Network& net) {
  std::set<std::string> out;
  for (const auto& e : net.edges)
    out.insert(net.labels[e.source] + "-" + net.labels[e.target] + ":" +
               std::to_string(static_cast<int>(e.weight * 10)));
  return out;
}

TEST(EdgeListTest, CommaSeparatedWithWeightsAndExtraColumns) {
  auto net = ReadEdgeList("Hani Hanjour,Majed Moqed,5,1\nMajed Moqed,Nawaf Alhazmi,2,1\n",
                          {.path = "full.txt"});
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->labels,
            (std::vector<std::string>{"Hani Hanjour", "Majed Moqed", "Nawaf Alhazmi"}));
  EXPECT_TRUE(net->weighted);
  EXPECT_FALSE(net->directed);
  EXPECT_EQ(Ties(*net),
            (std::set<std::string>{"Hani Hanjour-Majed Moqed:50", "Majed Moqed-Nawaf Alhazmi:20"}));
  ASSERT_EQ(net->warnings.size(), 1u);
  EXPECT_NE(net->warnings[0].find("full.txt:1: columns after the third"), std::string::npos);
}

TEST(EdgeListTest, HeaderTabsSpacesQuotesAndComments) {
  auto tabs = ReadEdgeList("source\ttarget\tweight\na\tb\t1.5\r\nb\tc\t2\r\n", {.path = "t.tsv"});
  ASSERT_TRUE(tabs.ok()) << tabs.status();
  EXPECT_EQ(tabs->labels.size(), 3u);
  EXPECT_EQ(tabs->edges[0].weight, 1.5);
  auto spaces = ReadEdgeList("# comment\n% another\n1 2\n2   3\n\n3 1\n", {.path = "s.edges"});
  ASSERT_TRUE(spaces.ok()) << spaces.status();
  EXPECT_EQ(spaces->edges.size(), 3u);
  EXPECT_FALSE(spaces->weighted);
  auto quoted = ReadEdgeList("\"Doe, John\",\"Roe, \"\"Jim\"\"\"\n", {.path = "q.csv"});
  ASSERT_TRUE(quoted.ok()) << quoted.status();
  EXPECT_EQ(quoted->labels[0], "Doe, John");
  EXPECT_EQ(quoted->labels[1], "Roe, \"Jim\"");
  auto named_header = ReadEdgeList("Source,Target\nx,y\n", {.path = "h.csv", .directed = true});
  ASSERT_TRUE(named_header.ok());
  EXPECT_EQ(named_header->edges.size(), 1u);
  EXPECT_TRUE(named_header->directed);
}

TEST(EdgeListTest, ErrorsNameFileLineAndField) {
  auto one_field = ReadEdgeList("a,b\nlonely\n", {.path = "e.csv"});
  EXPECT_EQ(MessageOf(one_field.status()).rfind("e.csv:2: target: expected at least two fields", 0),
            0u)
      << one_field.status();
  auto bad_weight = ReadEdgeList("a,b,1\nb,c,heavy\n", {.path = "e.csv"});
  EXPECT_EQ(MessageOf(bad_weight.status()), "e.csv:2: weight: 'heavy' is not a number");
  auto quote = ReadEdgeList("a,b\n\"c,d\n", {.path = "e.csv"});
  EXPECT_EQ(MessageOf(quote.status()), "e.csv:2: line: unterminated quoted field");
  auto utf8 = ReadEdgeList("a,b\nc,\xC3\x28\n", {.path = "e.csv"});
  EXPECT_EQ(utf8.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MessageOf(utf8.status()).rfind("e.csv:2: text: invalid UTF-8 (byte 0xC3", 0), 0u)
      << utf8.status();
  auto empty = ReadEdgeList("# nothing\n", {.path = "e.csv"});
  EXPECT_FALSE(empty.ok());
  auto empty_name = ReadEdgeList(",b\n", {.path = "e.csv"});
  EXPECT_EQ(MessageOf(empty_name.status()), "e.csv:1: source: empty node name");
}

TEST(MatrixTest, ReadsAMatrixWithByteOrderMarkDuplicatesAndAsymmetry) {
  std::string text =
      "\xEF\xBB\xBF\"\",A,B,C,A\n"
      "A,0,1,,0\n"
      "B,1,0,2,0\n"
      "C,0,0,0,1\n"
      "A,0,0,0,0\n";
  auto net = ReadMatrix(text, {.path = "m.csv"});
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->labels, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_TRUE(net->weighted);
  EXPECT_EQ(Ties(*net), (std::set<std::string>{"A-B:10", "B-A:10", "B-C:20", "C-A:10"}));
  ASSERT_EQ(net->warnings.size(), 2u);
  EXPECT_NE(net->warnings[0].find("label 'A' appears twice"), std::string::npos);
  EXPECT_NE(net->warnings[1].find("not symmetric (2 ties"), std::string::npos) << net->warnings[1];
  auto directed = ReadMatrix(text, {.path = "m.csv", .directed = true});
  ASSERT_TRUE(directed.ok());
  EXPECT_EQ(directed->warnings.size(), 1u);
}

TEST(MatrixTest, ErrorsNameRowAndColumn) {
  auto bad = ReadMatrix(",A,B\nA,0,x\nB,0,0\n", {.path = "m.csv"});
  EXPECT_EQ(MessageOf(bad.status()), "m.csv:2: column 'B': 'x' is not a number");
  auto short_row = ReadMatrix(",A,B\nA,0\nB,0,0\n", {.path = "m.csv"});
  EXPECT_EQ(MessageOf(short_row.status()), "m.csv:2: row 'A': 1 values for 2 columns");
  auto attributes = ReadMatrix(",Strength,Ties\nA,1,2\nB,1,2\nC,1,3\n", {.path = "attr.csv"});
  EXPECT_EQ(MessageOf(attributes.status()),
            "attr.csv:1: matrix: not square: 3 rows for 2 columns (is this an attribute table?)");
  auto trailing = ReadMatrix(",A,B,\nA,0,1,\nB,1,0\n", {.path = "m.csv"});
  EXPECT_TRUE(trailing.ok()) << trailing.status();
}

TEST(DetectTest, ByExtensionAndContent) {
  EXPECT_EQ(DetectFormat("", "x.graphml"), Format::kGraphMl);
  EXPECT_EQ(DetectFormat("", "x.NET"), Format::kPajek);
  EXPECT_EQ(DetectFormat("", "x.dl"), Format::kUcinetDl);
  EXPECT_EQ(DetectFormat("<?xml version='1.0'?><graphml/>", "x.xml"), Format::kGraphMl);
  EXPECT_EQ(DetectFormat("% c\n*Vertices 3\n", "x.txt"), Format::kPajek);
  EXPECT_EQ(DetectFormat("DL N=3\n", "x.txt"), Format::kUcinetDl);
  EXPECT_EQ(DetectFormat("\xEF\xBB\xBF\"\",A,B\n", "x.csv"), Format::kMatrix);
  EXPECT_EQ(DetectFormat("a,b,1\n", "x.csv"), Format::kEdgeList);
  EXPECT_EQ(DetectFormat("dlamini,x\n", "x.csv"), Format::kEdgeList);
  EXPECT_EQ(ParseFormat("GraphML").value(), Format::kGraphMl);
  EXPECT_FALSE(ParseFormat("gml").ok());
}

constexpr char kGraphMl[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="node" attr.name="cell" attr.type="string"/>
  <key id="w" for="edge" attr.name="weight" attr.type="double"><default>1.0</default></key>
  <graph id="G" edgedefault="directed">
    <node id="a"><data key="d0">Mohamed Atta</data><data key="d1">Hamburg</data></node>
    <node id="b"><data key="d0">Marwan Al-Shehhi</data></node>
    <node id="c"/>
    <edge source="a" target="b"><data key="w">2.5</data></edge>
    <edge source="b" target="c"/>
  </graph>
</graphml>
)";

TEST(GraphMlTest, LabelsWeightsDirectionAndAttributes) {
  auto net = ReadGraphMl(kGraphMl, {.path = "g.graphml"});
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_TRUE(net->directed);
  EXPECT_TRUE(net->weighted);
  EXPECT_EQ(net->labels, (std::vector<std::string>{"Mohamed Atta", "Marwan Al-Shehhi", "c"}));
  EXPECT_EQ(net->edges[0].weight, 2.5);
  EXPECT_EQ(net->edges[1].weight, 1.0);
  ASSERT_EQ(net->node_attributes.size(), 1u);
  EXPECT_EQ(net->node_attributes[0].name, "cell");
  EXPECT_EQ(net->node_attributes[0].values[0], "Hamburg");
}

TEST(GraphMlTest, ErrorsNameTheLine) {
  auto broken =
      ReadGraphMl("<graphml>\n<graph edgedefault=\"undirected\">\n<node id=\"a\">\n</graph>",
                  {.path = "b.graphml"});
  EXPECT_EQ(MessageOf(broken.status()).rfind("b.graphml:4: xml: ", 0), 0u) << broken.status();
  auto unknown = ReadGraphMl(
      "<graphml>\n<graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n<edge source=\"a\" "
      "target=\"z\"/>\n</graph></graphml>",
      {.path = "u.graphml"});
  EXPECT_EQ(MessageOf(unknown.status()), "u.graphml:4: target: unknown node 'z'");
  auto no_default = ReadGraphMl("<graphml><graph/></graphml>", {.path = "d.graphml"});
  EXPECT_EQ(MessageOf(no_default.status()),
            "d.graphml:1: edgedefault: missing (GraphML requires directed or undirected)");
  auto not_graphml = ReadGraphMl("<gexf/>", {.path = "x.xml"});
  EXPECT_FALSE(not_graphml.ok());
}

TEST(PajekTest, VerticesArcsEdgesListsAndMatrix) {
  auto net = ReadPajek(
      "*Network covert\n*Vertices 4\n1 \"Mohamed Atta\" 0.1 0.2 0.5\n2 \"Ziad Jarrah\"\n3 C\n"
      "% comment\n*Arcs\n1 2 3\n*Edges\n2 3\n*Arcslist\n4 1 2\n",
      {.path = "p.net"});
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_TRUE(net->directed);
  EXPECT_TRUE(net->weighted);
  EXPECT_EQ(net->labels, (std::vector<std::string>{"Mohamed Atta", "Ziad Jarrah", "C", "4"}));
  EXPECT_EQ(Ties(*net),
            (std::set<std::string>{"Mohamed Atta-Ziad Jarrah:30", "4-Mohamed Atta:10",
                                   "4-Ziad Jarrah:10", "Ziad Jarrah-C:10", "C-Ziad Jarrah:10"}));
  auto undirected = ReadPajek("*Vertices 3\n*Edges\n1 2\n2 3 0.5\n", {.path = "u.net"});
  ASSERT_TRUE(undirected.ok());
  EXPECT_FALSE(undirected->directed);
  EXPECT_EQ(undirected->edges.size(), 2u);
  auto matrix = ReadPajek("*Vertices 2\n*Matrix\n0 1\n1 0\n", {.path = "m.net"});
  ASSERT_TRUE(matrix.ok()) << matrix.status();
  EXPECT_EQ(matrix->edges.size(), 2u);
}

TEST(PajekTest, Errors) {
  auto range = ReadPajek("*Vertices 2\n*Arcs\n1 7\n", {.path = "p.net"});
  EXPECT_EQ(MessageOf(range.status()), "p.net:3: target: vertex 7 is outside 1..2 (*Vertices 2)");
  auto early = ReadPajek("*Arcs\n1 2\n", {.path = "p.net"});
  EXPECT_EQ(MessageOf(early.status()), "p.net:1: *arcs: comes before *Vertices");
  auto weight = ReadPajek("*Vertices 2\n*Edges\n1 2 x\n", {.path = "p.net"});
  EXPECT_EQ(MessageOf(weight.status()), "p.net:3: weight: 'x' is not a number");
  auto section = ReadPajek("*Vertices 2\n*Hyper\n", {.path = "p.net"});
  EXPECT_FALSE(section.ok());
}

TEST(UcinetTest, FullMatrixWithLabels) {
  auto net = ReadUcinetDl(
      "DL N=3 FORMAT=FULLMATRIX\nLABELS:\nAtta,Jarrah,\"Al-Shehhi\"\nDATA:\n0 1 1\n1 0 0\n1 0 0\n",
      {.path = "m.dl"});
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->labels, (std::vector<std::string>{"Atta", "Jarrah", "Al-Shehhi"}));
  EXPECT_EQ(net->edges.size(), 4u);
  EXPECT_FALSE(net->weighted);
}

TEST(UcinetTest, EmbeddedLabelsEdgeListsAndNodeLists) {
  auto embedded =
      ReadUcinetDl("dl n = 2\nformat = fullmatrix\nlabels embedded\ndata:\n a b\na 0 2\nb 2 0\n",
                   {.path = "e.dl"});
  ASSERT_TRUE(embedded.ok()) << embedded.status();
  EXPECT_EQ(embedded->labels, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(embedded->weighted);
  auto edges = ReadUcinetDl("dl n=3 format=edgelist1\nlabels embedded:\ndata:\nx y 2\ny z\n",
                            {.path = "el.dl"});
  ASSERT_TRUE(edges.ok()) << edges.status();
  EXPECT_EQ(Ties(*edges), (std::set<std::string>{"x-y:20", "y-z:10"}));
  auto numbered = ReadUcinetDl("dl n=4 format=nodelist1\ndata:\n1 2 3\n4 1\n", {.path = "nl.dl"});
  ASSERT_TRUE(numbered.ok()) << numbered.status();
  EXPECT_EQ(numbered->labels.size(), 4u);
  EXPECT_EQ(numbered->edges.size(), 3u);
}

TEST(UcinetTest, Errors) {
  EXPECT_EQ(MessageOf(ReadUcinetDl("n=3\n", {.path = "x.dl"}).status()),
            "x.dl:1: dl: the file must start with DL");
  EXPECT_EQ(MessageOf(ReadUcinetDl("dl n=2\ndata:\n0 1\n1\n", {.path = "x.dl"}).status()),
            "x.dl:4: data: the matrix ends early (row 2, column 2 of 2)");
  EXPECT_EQ(MessageOf(ReadUcinetDl("dl n=2\ndata:\n0 1\n1 q\n", {.path = "x.dl"}).status()),
            "x.dl:4: data: 'q' is not a number");
  EXPECT_EQ(MessageOf(ReadUcinetDl("dl nr=2 nc=3\ndata:\n", {.path = "x.dl"}).status()),
            "x.dl:1: nr: two-mode (rectangular) data are not supported");
  EXPECT_EQ(MessageOf(ReadUcinetDl("dl n=2 format=lowerhalf\ndata:\n1\n", {.path = "x.dl"}).status()),
            "x.dl:1: format: 'lowerhalf' is not supported (fullmatrix, edgelist1 or nodelist1)");
  EXPECT_EQ(
      MessageOf(ReadUcinetDl("dl n=3 format=edgelist1\ndata:\n1 9\n", {.path = "x.dl"}).status()),
      "x.dl:3: target: '9' is not a node number in 1..3");
}

TEST(WritersTest, GraphMlRoundTripsAndGexfIsWellFormed) {
  Network net;
  net.directed = true;
  net.labels = {"Atta & co", "<Jarrah>", "Ω"};
  net.edges = {{0, 1, 2.5}, {1, 2, 1.0}};
  net.node_attributes.push_back({"kind", "string", {"person", "", "group"}});
  net.edge_attributes.push_back({"predicate", "string", {"allied_with", "funds"}});
  auto back = ReadGraphMl(WriteGraphMl(net), {.path = "round.graphml"});
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->labels, net.labels);
  EXPECT_TRUE(back->directed);
  EXPECT_EQ(Ties(*back), Ties(net));
  EXPECT_EQ(back->node_attributes[0].values, net.node_attributes[0].values);

  std::string gexf = WriteGexf(net);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(gexf.c_str())) << gexf;
  auto graph = doc.child("gexf").child("graph");
  EXPECT_STREQ(graph.attribute("defaultedgetype").value(), "directed");
  EXPECT_STREQ(graph.child("nodes").first_child().attribute("label").value(), "Atta & co");
  EXPECT_STREQ(graph.child("edges").first_child().attribute("weight").value(), "2.5");
}

TEST(ReadNetworkTest, DispatchesOnDetectedOrForcedFormat) {
  auto detected = ReadNetwork("*Vertices 2\n*Edges\n1 2\n", {.path = "x.txt"});
  ASSERT_TRUE(detected.ok());
  EXPECT_EQ(detected->format, Format::kPajek);
  auto forced = ReadNetwork("1 2\n", {.path = "x.net", .format = Format::kEdgeList});
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->format, Format::kEdgeList);
}

}  // namespace
}  // namespace vigil::network

namespace vigil::network {
namespace {

// Every reader on mutated versions of valid files: an answer or an error,
// never a crash (the sanitizer build checks the memory side).
TEST(ReadersTest, SurviveMutatedInput) {
  const std::vector<std::string> seeds = {
      "source,target,weight\nAndre,Beverly,1\n\"Carol, C\",Diane,2.5\n",
      "\xEF\xBB\xBF\"\",A,B\nA,0,1\nB,1,0\n",
      kGraphMl,
      "*Vertices 3\n1 \"a\"\n*Arcs\n1 2 1\n*Edgeslist\n3 1 2\n*Matrix\n0 1 0\n0 0 1\n1 0 0\n",
      "dl n=3 format=edgelist1\nlabels embedded:\ndata:\nx y 2\ny z\n",
      "DL N=2\nLABELS:\na,b\nDATA:\n0 1\n1 0\n"};
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  const char alphabet[] = "\",;:=*<>/ \n\r\t0123456789.-eabxyz\xC3\xA9\xFF%#";
  int ok = 0, refused = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = seeds[round % seeds.size()];
    int edits = 1 + next() % 4;
    for (int i = 0; i < edits && !text.empty(); ++i) {
      size_t at = next() % text.size();
      switch (next() % 3) {
        case 0:
          text[at] = alphabet[next() % (sizeof(alphabet) - 1)];
          break;
        case 1:
          text.erase(at, 1 + next() % 3);
          break;
        default:
          text.insert(at, 1, alphabet[next() % (sizeof(alphabet) - 1)]);
      }
    }
    for (Format format : {Format::kEdgeList, Format::kMatrix, Format::kGraphMl, Format::kPajek,
                          Format::kUcinetDl}) {
      auto net = ReadNetwork(text, {.path = "fuzz", .format = format});
      if (!net.ok()) {
        ++refused;
        EXPECT_EQ(net.status().code(), absl::StatusCode::kInvalidArgument) << net.status();
        EXPECT_EQ(std::string(net.status().message()).rfind("fuzz", 0), 0u) << net.status();
        continue;
      }
      ++ok;
      for (const auto& e : net->edges) {
        ASSERT_GE(e.source, 0);
        ASSERT_LT(e.source, static_cast<int32_t>(net->labels.size()));
        ASSERT_GE(e.target, 0);
        ASSERT_LT(e.target, static_cast<int32_t>(net->labels.size()));
      }
    }
  }
  EXPECT_GT(ok, 100);
  EXPECT_GT(refused, 100);
}

}  // namespace
}  // namespace vigil::network
