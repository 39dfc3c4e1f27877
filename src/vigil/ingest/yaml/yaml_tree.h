// YAML read through yaml-cpp's event parser into a compact tree of our own,
// under limits that keep any input from exhausting the stack or the memory.
//
//   YamlSectionHandler handler;
//   handler.on_key = [&](const std::string& key, int line) { ... };   // "entities", 3
//   handler.on_item = [&](YamlNode item) { ...; return true; };        // one record
//   handler.on_value = [&](YamlNode value) { ... };                     // not a list
//   if (auto error = ReadYamlSections(text, {}, handler)) ...          // error->line, ->message
//
// Why not YAML::Load: yaml-cpp's node graph costs about 70 bytes of memory
// per byte of input (a 170 MB dataset needed 12 GB), and it keeps the first
// of two equal keys or documents without a word. Here a scalar is held once
// in a node of 64 bytes; the top level, a mapping of sections each holding
// a list, is streamed: one list item is built at a time and handed over,
// so memory follows the largest record, not the file. Refused, with the
// line: nesting deeper than YamlLimits::max_depth (checked as the parser
// descends, before yaml-cpp recurses any further), aliases (`*name`: a few
// lines can expand to billions of nodes), a key given twice in a mapping,
// and a second document in the file. Reading is linear in the input.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct YamlNode {
  enum class Type : uint8_t { kNull, kScalar, kSequence, kMap };

  Type type = Type::kNull;
  int line = 0;                 // 1-based line where the node starts
  std::string text;             // the value of a scalar
  std::vector<YamlNode> items;  // a sequence's items; a mapping's key, value, key, value...

  bool IsNull() const { return type == Type::kNull; }
  bool IsScalar() const { return type == Type::kScalar; }
  bool IsSequence() const { return type == Type::kSequence; }
  bool IsMap() const { return type == Type::kMap; }
  // Items of a sequence, pairs of a mapping.
  size_t size() const { return type == Type::kMap ? items.size() / 2 : items.size(); }
  // The value of a scalar key of a mapping, or nullptr. Linear in the
  // mapping's size (records have a few keys).
  const YamlNode* Find(std::string_view key) const;
};

struct YamlLimits {
  // Levels of nested sequences and mappings, the top level counting as 1.
  // The dataset format needs 8; yaml-cpp recurses a few frames per level.
  int max_depth = 32;
  // Values (scalars, sequences, mappings) in one tree that is built: one
  // item of a section, or one value that is not a list, or the whole
  // document for ReadYamlTree. A node costs 64 bytes and more, so this
  // bounds the memory one record can take (a record of the dataset format
  // holds a few hundred values).
  size_t max_nodes = 1'000'000;
};

// A problem that stops the reading of a file.
struct YamlError {
  int line = 0;  // 1-based; 0 when unknown
  std::string message;
};

// Receives a document whose top level is a mapping, key by key.
struct YamlSectionHandler {
  // A key of the top-level mapping, before its value.
  std::function<void(const std::string& key, int line)> on_key;
  // Each item of the current key's value when that value is a sequence;
  // returning false stops the reading (no error).
  std::function<bool(YamlNode item)> on_item;
  // The current key's value when it is not a sequence (null included).
  std::function<void(YamlNode value)> on_value;
};

// Reads text (one YAML document) and calls the handler as it goes. Returns
// the first problem: a syntax error, a limit exceeded, an alias, a
// duplicate key, a second document, a top level that is not a mapping.
// An empty document (nothing, comments, `null`, `~`) calls nothing.
std::optional<YamlError> ReadYamlSections(std::string_view text, const YamlLimits& limits,
                                          const YamlSectionHandler& handler);

// Reads a whole document into one tree (small inputs and tests); the same
// limits and refusals. An empty document gives a null node.
std::optional<YamlError> ReadYamlTree(std::string_view text, const YamlLimits& limits,
                                      YamlNode* root);

}  // namespace vigil
