// Unit tests for the YAML event reader: the tree, the streaming of
// sections, and every refusal with its line.
#include "vigil/ingest/yaml/yaml_tree.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vigil {
namespace {

YamlNode Tree(const std::string& text) {
  YamlNode root;
  auto error = ReadYamlTree(text, {}, &root);
  EXPECT_FALSE(error) << error->line << ": " << error->message;
  return root;
}

YamlError TreeError(const std::string& text, const YamlLimits& limits = {}) {
  YamlNode root;
  auto error = ReadYamlTree(text, limits, &root);
  EXPECT_TRUE(error) << "accepted: " << text.substr(0, 80);
  return error.value_or(YamlError{-1, ""});
}

TEST(YamlTreeTest, ReadsScalarsSequencesAndMappingsWithTheirLines) {
  YamlNode root = Tree("a: 1\nb:\n  - x\n  - {c: ~, d: 'null'}\ne:\n");
  ASSERT_TRUE(root.IsMap());
  EXPECT_EQ(root.size(), 3u);
  EXPECT_EQ(root.Find("a")->text, "1");
  const YamlNode* b = root.Find("b");
  ASSERT_TRUE(b && b->IsSequence());
  EXPECT_EQ(b->line, 3);
  EXPECT_EQ(b->items[0].text, "x");
  EXPECT_EQ(b->items[1].line, 4);
  EXPECT_TRUE(b->items[1].Find("c")->IsNull());
  EXPECT_EQ(b->items[1].Find("d")->text, "null");  // quoted: a text
  EXPECT_TRUE(root.Find("e")->IsNull());
  EXPECT_EQ(root.Find("f"), nullptr);
}

TEST(YamlTreeTest, AnEmptyDocumentIsNull) {
  for (const char* text : {"", "# only a comment\n", "null\n", "~\n", "---\n"})
    EXPECT_TRUE(Tree(text).IsNull()) << text;
}

TEST(YamlTreeTest, NestingDeeperThanTheLimitIsRefusedBeforeTheParserRecurses) {
  // 100,000 levels would overflow the stack of a recursive parser; the
  // reader stops at the limit, on the line where it is passed.
  std::string deep = "a:\n  b: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  YamlError error = TreeError(deep);
  EXPECT_EQ(error.line, 2);
  EXPECT_EQ(error.message, "nested deeper than 32 levels");
  std::string maps;
  for (int i = 0; i < 50000; ++i) maps += "{a: ";
  EXPECT_EQ(TreeError(maps + "1" + std::string(50000, '}')).message,
            "nested deeper than 32 levels");
  YamlLimits four;
  four.max_depth = 4;
  YamlNode root;
  EXPECT_FALSE(ReadYamlTree("[[[[1]]]]", four, &root));
  EXPECT_TRUE(ReadYamlTree("[[[[[1]]]]]", four, &root));
}

TEST(YamlTreeTest, ARecordOfTooManyValuesIsRefused) {
  // One streamed item may not grow without bound; the next item starts
  // counting afresh.
  YamlLimits limits;
  limits.max_nodes = 10;
  YamlSectionHandler handler;
  int items = 0;
  handler.on_item = [&](YamlNode) { return ++items > 0; };
  EXPECT_FALSE(ReadYamlSections("a:\n  - [1, 2, 3, 4]\n  - [1, 2, 3, 4]\n  - [1, 2, 3, 4]\n",
                                limits, handler));
  EXPECT_EQ(items, 3);
  auto error =
      ReadYamlSections("a:\n  - [1, 2, 3, 4,\n     5, 6, 7, 8, 9, 10, 11]\n", limits, handler);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->line, 3);
  EXPECT_EQ(error->message, "more than 10 values in one record: split it");
}

TEST(YamlTreeTest, AliasesAreRefused) {
  // A few lines of aliases can stand for billions of nodes.
  YamlError error = TreeError("a: &x [1, 2]\nb: *x\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_NE(error.message.find("aliases"), std::string::npos);
}

TEST(YamlTreeTest, AKeyGivenTwiceIsRefused) {
  YamlError error = TreeError("- id: a\n  names: []\n  id: b\n");
  EXPECT_EQ(error.line, 3);
  EXPECT_EQ(error.message, "key 'id' appears twice in this mapping (first at line 1)");
}

TEST(YamlTreeTest, ASecondDocumentIsRefused) {
  YamlError error = TreeError("a: 1\n---\nb: 2\n");
  EXPECT_EQ(error.line, 2);
  EXPECT_NE(error.message.find("a second YAML document"), std::string::npos);
  EXPECT_TRUE(Tree("a: 1\n...\n").IsMap());  // an end marker is fine
}

// yaml-cpp 0.7 loops forever on a ',' outside a flow collection (found by
// fuzz_yaml_dataset); the reader stops with a syntax error instead.
TEST(YamlTreeTest, AStrayCommaIsASyntaxErrorNotAHang) {
  YamlError error = TreeError(",");
  EXPECT_EQ(error.line, 1);
  EXPECT_EQ(error.message, "YAML syntax error: unexpected ',' (outside [ ] or { })");
  error = TreeError("a: 1\n---\n  ,\n");
  EXPECT_EQ(error.line, 3);
}

TEST(YamlTreeTest, SyntaxErrorsCarryTheirLine) {
  YamlError error = TreeError("a: 1\nb: [1, 2\n");
  EXPECT_NE(error.message.find("YAML syntax error"), std::string::npos);
  EXPECT_GE(error.line, 2);
}

struct Seen {
  std::vector<std::string> keys;
  std::vector<std::string> items;  // key:line of each item
  std::vector<std::string> values;
};

std::optional<YamlError> Sections(const std::string& text, Seen* seen, size_t stop_after = 0) {
  YamlSectionHandler handler;
  std::string key;
  handler.on_key = [&](const std::string& k, int line) {
    key = k;
    seen->keys.push_back(k + ":" + std::to_string(line));
  };
  handler.on_item = [&](YamlNode item) {
    seen->items.push_back(key + ":" + std::to_string(item.line));
    return stop_after == 0 || seen->items.size() < stop_after;
  };
  handler.on_value = [&](YamlNode value) {
    seen->values.push_back(key + ":" +
                           (value.IsNull()  ? "null"
                            : value.IsMap() ? "map"
                                            : "scalar"));
  };
  return ReadYamlSections(text, {}, handler);
}

TEST(YamlTreeTest, SectionsAreStreamedItemByItem) {
  Seen seen;
  auto error = Sections(
      "entities:\n  - id: a\n  - {id: b}\n  - x\nrelations:\nevents: {a: 1}\nmore: [1]\n", &seen);
  EXPECT_FALSE(error);
  EXPECT_EQ(seen.keys,
            (std::vector<std::string>{"entities:1", "relations:5", "events:6", "more:7"}));
  EXPECT_EQ(seen.items,
            (std::vector<std::string>{"entities:2", "entities:3", "entities:4", "more:7"}));
  EXPECT_EQ(seen.values, (std::vector<std::string>{"relations:null", "events:map"}));
}

TEST(YamlTreeTest, TheHandlerMayStopTheReading) {
  Seen seen;
  EXPECT_FALSE(Sections("a:\n  - 1\n  - 2\n  - 3\n", &seen, 2));
  EXPECT_EQ(seen.items.size(), 2u);
}

TEST(YamlTreeTest, SectionsRefuseWhatIsNotAMappingOfSections) {
  Seen seen;
  EXPECT_FALSE(Sections("", &seen));
  EXPECT_FALSE(Sections("null\n", &seen));
  EXPECT_TRUE(seen.keys.empty());
  for (const char* text : {"- a\n- b\n", "just text\n"}) {
    auto error = Sections(text, &seen);
    ASSERT_TRUE(error) << text;
    EXPECT_EQ(error->line, 1);
    EXPECT_NE(error->message.find("the top level must be a mapping"), std::string::npos);
  }
  auto twice = Sections("entities: []\nsources: []\nentities: []\n", &seen);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->line, 3);
  EXPECT_EQ(twice->message,
            "key 'entities' appears twice in the top-level mapping (first at line 1)");
  auto deep = Sections("entities:\n  - " + std::string(1000, '[') + std::string(1000, ']'), &seen);
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->message, "nested deeper than 32 levels");
}

}  // namespace
}  // namespace vigil
