// YAML events to a compact tree: limits, refusals, streaming of sections.
#include "vigil/ingest/yaml/yaml_tree.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <map>
#include <streambuf>

namespace vigil {
namespace {

constexpr std::string_view kTopLevel =
    "the top level must be a mapping of sections (such as 'entities:')";

// An istream over text that is not copied.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// Thrown by the builder to stop yaml-cpp: a problem, or (Quit) the
// handler's wish.
struct Stop {
  int line;
  std::string message;
};
struct Quit {};

int LineOf(const YAML::Mark& mark) { return mark.line >= 0 ? mark.line + 1 : 0; }

// Builds nodes from events. With a section handler, the top-level mapping
// and the sequences that are its values are not built but streamed.
class Builder : public YAML::EventHandler {
 public:
  Builder(const YamlLimits& limits, const YamlSectionHandler* sections, YamlNode* root)
      : limits_(limits), sections_(sections), root_(root) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    // yaml-cpp 0.7 answers a stray ',' outside [ ] or { } with an empty
    // document that consumes nothing, forever: a document that starts
    // where the previous one started is that case.
    if (documents_ > 0 && mark.pos == last_document_pos_)
      throw Stop{LineOf(mark), "YAML syntax error: unexpected ',' (outside [ ] or { })"};
    last_document_pos_ = mark.pos;
    if (++documents_ > 1) extra_document_line_ = LineOf(mark);
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    Leaf(YamlNode{YamlNode::Type::kNull, LineOf(mark), {}, {}});
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string& value) override {
    Leaf(YamlNode{YamlNode::Type::kScalar, LineOf(mark), value, {}});
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Stop{LineOf(mark), "aliases (*name) are not supported: write the value out"};
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Open(YamlNode::Type::kSequence, LineOf(mark));
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Open(YamlNode::Type::kMap, LineOf(mark));
  }
  void OnMapEnd() override { Close(); }

 private:
  // Anything but an empty second document is refused.
  void CheckDocument(bool empty_root) {
    if (documents_ <= 1 || (empty_root && depth_ == 0)) return;
    throw Stop{extra_document_line_,
               "a second YAML document ('---') starts here: a file holds one document"};
  }

  // One more node in the tree being built.
  void Count(int line) {
    if (++nodes_ > limits_.max_nodes)
      throw Stop{line,
                 fmt::format("more than {} values in one record: split it", limits_.max_nodes)};
  }

  void Leaf(YamlNode node) {
    CheckDocument(node.IsNull());
    if (!open_.empty()) {
      Count(node.line);
      open_.back().items.push_back(std::move(node));
      return;
    }
    Deliver(std::move(node));
  }

  void Open(YamlNode::Type type, int line) {
    CheckDocument(false);
    if (depth_ >= limits_.max_depth)
      throw Stop{line, fmt::format("nested deeper than {} levels", limits_.max_depth)};
    ++depth_;
    if (sections_ && open_.empty()) {
      if (depth_ == 1) {
        if (type != YamlNode::Type::kMap) throw Stop{line, std::string(kTopLevel)};
        expect_key_ = true;  // the top-level mapping: streamed
        return;
      }
      if (depth_ == 2 && expect_key_)
        throw Stop{line, "a key of the top-level mapping must be plain text"};
      if (depth_ == 2 && type == YamlNode::Type::kSequence) return;  // a section's list: streamed
    }
    Count(line);
    open_.push_back(YamlNode{type, line, {}, {}});
  }

  void Close() {
    if (sections_ && open_.empty()) {  // a streamed level ends
      if (depth_ == 2) expect_key_ = true;
      --depth_;
      return;
    }
    YamlNode node = std::move(open_.back());
    open_.pop_back();
    --depth_;
    if (node.IsMap()) CheckKeys(node);
    if (!open_.empty()) {
      open_.back().items.push_back(std::move(node));
      return;
    }
    Deliver(std::move(node));
  }

  // A complete node whose parent is not built: the root, a top-level key
  // or value, or an item of a section's list.
  void Deliver(YamlNode node) {
    nodes_ = 0;
    if (!sections_) {
      if (depth_ == 0) *root_ = std::move(node);
      return;
    }
    if (depth_ == 0) {  // the root itself: null, or a scalar
      if (!node.IsNull()) throw Stop{node.line, std::string(kTopLevel)};
      return;
    }
    if (depth_ == 1 && expect_key_) {
      if (!node.IsScalar())
        throw Stop{node.line, "a key of the top-level mapping must be plain text"};
      auto [it, inserted] = top_keys_.emplace(node.text, node.line);
      if (!inserted)
        throw Stop{node.line, fmt::format("key '{}' appears twice in the top-level mapping (first "
                                          "at line {})",
                                          node.text, it->second)};
      expect_key_ = false;
      if (sections_->on_key) sections_->on_key(node.text, node.line);
      return;
    }
    if (depth_ == 1) {
      expect_key_ = true;
      if (sections_->on_value) sections_->on_value(std::move(node));
      return;
    }
    if (sections_->on_item && !sections_->on_item(std::move(node))) throw Quit{};
  }

  // A mapping gives each key once (yaml-cpp would keep the first silently).
  static void CheckKeys(const YamlNode& map) {
    std::vector<const YamlNode*> keys;
    keys.reserve(map.items.size() / 2);
    for (size_t i = 0; i < map.items.size(); i += 2)
      if (map.items[i].IsScalar()) keys.push_back(&map.items[i]);
    std::stable_sort(keys.begin(), keys.end(),
                     [](const YamlNode* a, const YamlNode* b) { return a->text < b->text; });
    for (size_t i = 1; i < keys.size(); ++i)
      if (keys[i]->text == keys[i - 1]->text)
        throw Stop{keys[i]->line,
                   fmt::format("key '{}' appears twice in this mapping (first at line {})",
                               keys[i]->text, keys[i - 1]->line)};
  }

  const YamlLimits& limits_;
  const YamlSectionHandler* sections_;
  YamlNode* root_;
  int documents_ = 0;
  int extra_document_line_ = 0;
  int last_document_pos_ = -1;  // stream offset where the last document started
  int depth_ = 0;               // open sequences and mappings, streamed ones included
  size_t nodes_ = 0;            // in the tree being built
  bool expect_key_ = false;     // in the streamed top-level mapping: a key comes next
  std::vector<YamlNode> open_;  // the containers being built, innermost last
  std::map<std::string, int> top_keys_;
};

std::optional<YamlError> Run(std::string_view text, Builder& builder) {
  ViewBuffer buffer(text);
  std::istream in(&buffer);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Stop& stop) {
    return YamlError{stop.line, stop.message};
  } catch (const Quit&) {
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    return YamlError{LineOf(e.mark), fmt::format("YAML syntax error: {}", e.msg)};
  }
  return std::nullopt;
}

}  // namespace

const YamlNode* YamlNode::Find(std::string_view key) const {
  if (!IsMap()) return nullptr;
  for (size_t i = 0; i + 1 < items.size(); i += 2)
    if (items[i].IsScalar() && items[i].text == key) return &items[i + 1];
  return nullptr;
}

std::optional<YamlError> ReadYamlSections(std::string_view text, const YamlLimits& limits,
                                          const YamlSectionHandler& handler) {
  Builder builder(limits, &handler, nullptr);
  return Run(text, builder);
}

std::optional<YamlError> ReadYamlTree(std::string_view text, const YamlLimits& limits,
                                      YamlNode* root) {
  *root = YamlNode{};
  Builder builder(limits, nullptr, root);
  return Run(text, builder);
}

}  // namespace vigil
