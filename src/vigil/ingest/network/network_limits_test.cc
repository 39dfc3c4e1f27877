// The network readers' limits: declared counts checked before anything is
// allocated, exact number conversions, and reading time linear in the
// file's size (each test here would take minutes, or gigabytes, on a reader
// that is not).
#include <sys/mman.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "vigil/ingest/internal/limits.h"
#include "vigil/ingest/network/network.h"
#include "vigil/testing/support.h"

namespace vigil::network {
namespace {

// A Pajek comment line: '%', width 'x's and a line break. (Built in place:
// GCC 12 at -O3 warns falsely, -Wrestrict, on `"%" + std::string(n, 'x')`.)
std::string CommentLine(size_t width) {
  std::string line(width + 2, 'x');
  line.front() = '%';
  line.back() = '\n';
  return line;
}

using test_support::SecondsFor;
using test_support::kLinearSeconds;
using test_support::MessageOf;


TEST(NetworkLimitsTest, PajekVertexCountsBeyondTheLimitAreRefusedBeforeAllocating) {
  EXPECT_EQ(MessageOf(ReadPajek("*Vertices 2000000000\n", {.path = "p.net"}).status()),
            "p.net:1: *Vertices: 2000000000 vertices: more than the 1000000 a file of 21 bytes "
            "may declare (a million, beyond that one per byte of the file)");
  EXPECT_EQ(MessageOf(ReadPajek("*Vertices 1e300\n", {.path = "p.net"}).status()),
            "p.net:1: *Vertices: 1e300 vertices: more than the 1000000 a file of 16 bytes may "
            "declare (a million, beyond that one per byte of the file)");
  EXPECT_EQ(MessageOf(ReadPajek("% 30 bytes\n*Vertices 20000000\n", {.path = "p.net"}).status()),
            "p.net:2: *Vertices: 20000000 vertices: more than the 1000000 a file of 30 bytes may "
            "declare (a million, beyond that one per byte of the file)");
  EXPECT_EQ(MessageOf(ReadPajek("*Vertices 1e3000\n", {.path = "p.net"}).status()),
            "p.net:1: *Vertices: '1e3000' is not a vertex count");
  EXPECT_EQ(MessageOf(ReadPajek("*Vertices 3\n*Arcs\n1 2\n*Vertices 1\n", {.path = "p.net"}).status()),
            "p.net:4: *Vertices: given twice (one network per file)");
  auto small = ReadPajek("*Vertices 1e1\n*Arcs\n1 1e1\n", {.path = "p.net"});
  ASSERT_TRUE(small.ok()) << small.status();
  EXPECT_EQ(small->labels.size(), 10u);
  EXPECT_EQ(small->edges[0].target, 9);
  // Beyond a million, a file needs a byte per declared node; ten million at most.
  std::string padding = CommentLine(2000000);
  auto large = ReadPajek(padding + "*Vertices 2000000\n*Arcs\n1 2000000\n", {.path = "p.net"});
  ASSERT_TRUE(large.ok()) << large.status();
  EXPECT_EQ(large->labels.size(), 2000000u);
  EXPECT_EQ(MessageOf(ReadPajek(padding + "*Vertices 2100000\n", {.path = "p.net"}).status()),
            "p.net:2: *Vertices: 2100000 vertices: more than the 2000020 a file of 2000020 "
            "bytes may declare (a million, beyond that one per byte of the file)");
  std::string big_padding = CommentLine(11000000);
  EXPECT_EQ(MessageOf(ReadPajek(big_padding + "*Vertices 10000001\n", {.path = "p.net"}).status()),
            "p.net:2: *Vertices: 10000001 vertices: more than the 10000000 a network file may "
            "declare");
}

TEST(NetworkLimitsTest, PajekVertexNumbersAreConvertedOnlyInRange) {
  for (const char* number : {"1e300", "-1e300", "2147483649", "0", "-1", "nan", "inf", "2.5"}) {
    auto net = ReadPajek(fmt::format("*Vertices 3\n*Arcs\n1 {}\n", number), {.path = "p.net"});
    EXPECT_FALSE(net.ok()) << number;
    EXPECT_EQ(MessageOf(net.status()).rfind("p.net:3: target: ", 0), 0u) << net.status();
  }
}

TEST(NetworkLimitsTest, UcinetNodeCountsBeyondTheLimitOrTheFileAreRefused) {
  EXPECT_EQ(MessageOf(ReadUcinetDl("DL N=2000000000\ndata:\n", {.path = "m.dl"}).status()),
            "m.dl:1: n: 2000000000 nodes: more than the 1000000 a file of 22 bytes may declare "
            "(a million, beyond that one per byte of the file)");
  EXPECT_EQ(MessageOf(ReadUcinetDl("DL N=1e300 format=edgelist1\ndata:\n", {.path = "m.dl"}).status()),
            "m.dl:1: n: 1e300 nodes: more than the 1000000 a file of 34 bytes may declare (a "
            "million, beyond that one per byte of the file)");
  // A full matrix of n x n values cannot hide in a few bytes.
  EXPECT_EQ(MessageOf(ReadUcinetDl("DL N=500000\ndata:\n0 1\n1 0\n", {.path = "m.dl"}).status()),
            "m.dl:3: data: the matrix ends early: n=500000 needs 250000000000 values, more "
            "than the 8 bytes after 'data:' can hold");
  // Numbered nodes without lines are allowed up to the limit.
  auto sparse = ReadUcinetDl("DL N=100000 format=edgelist1\ndata:\n1 100000\n", {.path = "m.dl"});
  ASSERT_TRUE(sparse.ok()) << sparse.status();
  EXPECT_EQ(sparse->labels.size(), 100000u);
  EXPECT_EQ(sparse->labels.back(), "100000");
  EXPECT_EQ(sparse->edges[0].target, 99999);
}

// Filling the nodes that embedded labels left unnamed used to loop forever
// when a label was a number that the filling reached.
TEST(NetworkLimitsTest, UcinetUnnamedNodesSkipNumbersTakenByLabels) {
  auto net = ReadUcinetDl("dl n=4 format=edgelist1\nlabels embedded:\ndata:\n3 x\n4 x\n",
                          {.path = "e.dl"});
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->labels, (std::vector<std::string>{"3", "x", "4", "5"}));
}

// A NUL byte made an empty token that the tokenizer never moved past: an
// endless loop that filled memory (found by fuzz_network_dl).
// A label given twice left a row and a column without a node, and the
// matrix's ties pointed past the nodes (heap corruption; found by
// fuzz_network_dl in CI).
TEST(NetworkLimitsTest, UcinetLabelsGivenTwiceAreRefused) {
  EXPECT_EQ(MessageOf(ReadUcinetDl("dl n=3 format=fullmatrix\nlabels:\nA,B,A\ndata:\n0 1 1\n1 0 1\n1 1 0\n",
                                 {.path = "m.dl"})
                        .status()),
            "m.dl:3: labels: 'A' is given twice: each of the n labels names its own node");
  auto fine = ReadUcinetDl("dl n=3 format=fullmatrix\nlabels:\nA,B,C\ndata:\n0 1 1\n1 0 1\n1 1 0\n",
                           {.path = "m.dl"});
  ASSERT_TRUE(fine.ok()) << fine.status();
  EXPECT_EQ(fine->labels, (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(fine->edges.size(), 6u);
}

TEST(NetworkLimitsTest, UcinetNulBytesArePartOfATokenNotAnEndlessLoop) {
  using namespace std::string_literals;
  auto net = ReadUcinetDl("DL N=2\ndata:\n0 1\n1 0\0\n"s, {.path = "z.dl"});
  EXPECT_EQ(MessageOf(net.status()), "z.dl:4: data: '0\0' is not a number"s);
  auto labels = ReadUcinetDl("DL N=2\nlabels:\na\0b c\ndata:\n0 1\n1 0\n"s, {.path = "z.dl"});
  ASSERT_TRUE(labels.ok()) << labels.status();
  EXPECT_EQ(labels->labels[0], "a\0b"s);
}

TEST(NetworkLimitsTest, UcinetQuotedLabelAfterAnErrorFreeHeader) {
  EXPECT_EQ(MessageOf(ReadUcinetDl("dl n=2\nlabels:\n\"a\n", {.path = "q.dl"}).status()),
            "q.dl:3: label: unterminated quoted label");
}

TEST(NetworkLimitsTest, GraphMlAttributeValuesAreBoundedByTheFileSize) {
  // 2,000 node keys x 1,000 nodes: two million values from a 90 KB file.
  std::string text = "<graphml>\n";
  for (int k = 0; k < 2000; ++k)
    text += fmt::format("<key id=\"k{}\" for=\"node\"/>\n", k);
  text += "<graph edgedefault=\"directed\">\n";
  for (int v = 0; v < 1000; ++v) text += fmt::format("<node id=\"{}\"/>\n", v);
  text += "</graph></graphml>\n";
  EXPECT_EQ(MessageOf(ReadGraphMl(text, {.path = "k.graphml"}).status()),
            "k.graphml:2002: key: 2000 node keys for 1000 nodes make 2000000 values, more than "
            "one per byte of the file");
}

TEST(NetworkLimitsTest, GraphMlQuotesTenSharedLabelsThenCounts) {
  std::string text =
      "<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/><graph edgedefault=\"directed\">\n";
  for (int v = 0; v < 50; ++v)
    text += fmt::format("<node id=\"{}\"><data key=\"l\">same</data></node>\n", v);
  text += "</graph></graphml>\n";
  auto net = ReadGraphMl(text, {.path = "s.graphml"});
  ASSERT_TRUE(net.ok()) << net.status();
  ASSERT_EQ(net->warnings.size(), 11u);
  EXPECT_EQ(net->warnings.back(),
            "s.graphml: 49 nodes share their label with an earlier node (the first 10 are quoted "
            "above)");
}

// Lines used to be counted from the start of the file for every edge.
TEST(NetworkLimitsTest, GraphMlReadsInLinearTime) {
  constexpr int kNodes = 20000, kEdges = 200000;
  std::string text = "<graphml>\n<graph edgedefault=\"undirected\">\n";
  for (int v = 0; v < kNodes; ++v) text += fmt::format("<node id=\"n{}\"/>\n", v);
  for (int e = 0; e < kEdges; ++e)
    text += fmt::format("<edge source=\"n{}\" target=\"n{}\"/>\n", e % kNodes,
                        (e * 7919) % kNodes);
  text += "</graph>\n</graphml>\n";
  StatusOr<Network> net;
  double seconds = SecondsFor([&] { net = ReadGraphMl(text, {.path = "big.graphml"}); });
  ASSERT_TRUE(net.ok()) << net.status();
  EXPECT_EQ(net->edges.size(), static_cast<size_t>(kEdges));
  EXPECT_LT(seconds, kLinearSeconds);
  // An error at the end still names its line.
  text.insert(text.size() - 20, "<edge source=\"n1\" target=\"ghost\"/>\n");
  EXPECT_EQ(MessageOf(ReadGraphMl(text, {.path = "big.graphml"}).status()),
            fmt::format("big.graphml:{}: target: unknown node 'ghost'", kNodes + kEdges + 3));
}

TEST(NetworkLimitsTest, EveryReaderIsLinear) {
  constexpr int kTies = 200000;
  std::string edges, pajek = "*Vertices 1000\n*Arcs\n", dl = "dl n=1000 format=edgelist1\ndata:\n";
  for (int e = 0; e < kTies; ++e) {
    int a = 1 + e % 1000, b = 1 + (e * 7919) % 1000;
    edges += fmt::format("{},{}\n", a, b);
    pajek += fmt::format("{} {}\n", a, b);
    dl += fmt::format("{} {}\n", a, b);
  }
  std::string matrix = "\"\"";
  for (int c = 0; c < 400; ++c) matrix += fmt::format(",v{}", c);
  matrix += "\n";
  for (int r = 0; r < 400; ++r) {
    matrix += fmt::format("v{}", r);
    for (int c = 0; c < 400; ++c) matrix += (r + c) % 3 ? ",0" : ",1";
    matrix += "\n";
  }
  for (const auto& input : {std::pair{&edges, Format::kEdgeList}, {&pajek, Format::kPajek},
                             {&dl, Format::kUcinetDl}, {&matrix, Format::kMatrix}}) {
    const Format format = input.second;
    const std::string& text = *input.first;
    StatusOr<Network> net;
    double seconds = SecondsFor([&] { net = ReadNetwork(text, {.path = "x", .format = format}); });
    ASSERT_TRUE(net.ok()) << FormatName(format) << ": " << net.status();
    EXPECT_GT(net->edges.size(), 50000u) << FormatName(format);
    EXPECT_LT(seconds, kLinearSeconds) << FormatName(format);
  }
}

// A file past 2 GB is refused by its size, before a byte is read (the
// mapping is never touched, so it costs no memory).
TEST(NetworkLimitsTest, FilesPastTwoGigabytesAreRefused) {
  const size_t size = static_cast<size_t>(internal::kMaxInputBytes) + 1;
  void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  std::string_view huge(static_cast<const char*>(map), size);
  for (Format format : {Format::kEdgeList, Format::kMatrix, Format::kGraphMl, Format::kPajek,
                        Format::kUcinetDl}) {
    auto net = ReadNetwork(huge, {.path = "huge", .format = format});
    EXPECT_EQ(MessageOf(net.status()),
              "huge: the file is 2000000001 bytes, more than the 2000000000 a reader takes (2 GB)")
        << FormatName(format);
  }
  munmap(map, size);
}

}  // namespace
}  // namespace vigil::network
