// GraphML: <key> declarations, one <graph> with <node> and <edge> elements
// and their <data>. Parsed with pugixml (which does not recurse); the reader
// walks three fixed levels of the tree, never recursively. Positions come
// from element offsets through a line counter that moves forward with the
// walk, so the whole read is linear in the file's size.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <string_view>
#include <unordered_map>

#include "vigil/ingest/network/internal/text.h"
#include "vigil/base/ascii.h"
#include "vigil/ingest/network/network.h"

namespace vigil::network {
namespace {

using internal::Error;

// Warnings of one kind quoted before a count sums up the rest.
constexpr int64_t kQuotedWarnings = 10;
// Node attribute values allowed whatever the file's size; beyond, one per
// byte of the file.
constexpr int64_t kMinAttributeValues = 1'000'000;

// The local name of an element ("graphml" for "g:graphml").
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

struct Key {
  std::string name;  // attr.name
  std::string type;  // attr.type
  std::string default_value;
};

std::string AttributeType(std::string_view graphml_type) {
  if (graphml_type == "double" || graphml_type == "float") return "double";
  if (graphml_type == "int" || graphml_type == "long") return "int";
  if (graphml_type == "boolean") return "boolean";
  return "string";
}

}  // namespace

StatusOr<Network> ReadGraphMl(std::string_view text, const ReadOptions& options) {
  if (auto s = internal::CheckText(text, options.path); !s.ok()) return s;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  internal::LineCounter lines(text);
  if (!parsed)
    return Error(options.path, lines.LineAt(parsed.offset), "xml", parsed.description());
  auto line_of = [&](const pugi::xml_node& node) { return lines.LineAt(node.offset_debug()); };

  pugi::xml_node root = doc.document_element();
  if (LocalName(root) != "graphml")
    return Error(options.path, line_of(root), "graphml",
                 fmt::format("expected a <graphml> document, found <{}>", root.name()));
  std::map<std::string, Key> node_keys, edge_keys;
  for (pugi::xml_node key : root.children()) {
    if (LocalName(key) != "key") continue;
    std::string id = key.attribute("id").value();
    std::string domain = key.attribute("for").value();
    Key k{key.attribute("attr.name").value(), key.attribute("attr.type").value(), ""};
    if (k.name.empty()) k.name = id;
    for (pugi::xml_node child : key.children())
      if (LocalName(child) == "default") k.default_value = child.text().get();
    if (domain == "node" || domain == "all") node_keys[id] = k;
    if (domain == "edge" || domain == "all") edge_keys[id] = k;
  }
  pugi::xml_node graph;
  for (pugi::xml_node child : root.children())
    if (LocalName(child) == "graph") {
      if (graph)
        return Error(options.path, line_of(child), "graph",
                     "several <graph> elements; only one graph per file is supported");
      graph = child;
    }
  if (!graph) return Error(options.path, line_of(root), "graph", "no <graph> element");

  Network net;
  net.path = options.path;
  net.format = Format::kGraphMl;
  std::string edgedefault = graph.attribute("edgedefault").value();
  if (edgedefault.empty())
    return Error(options.path, line_of(graph), "edgedefault",
                 "missing (GraphML requires directed or undirected)");
  if (edgedefault != "directed" && edgedefault != "undirected")
    return Error(options.path, line_of(graph), "edgedefault",
                 fmt::format("'{}' is neither directed nor undirected", edgedefault));
  net.directed = edgedefault == "directed" || options.directed;

  // Which node key gives the label: "label" or "name", else the node id.
  std::string label_key;
  for (const auto& [id, k] : node_keys)
    if (AsciiLower(k.name) == "label" && label_key.empty()) label_key = id;
  if (label_key.empty())
    for (const auto& [id, k] : node_keys)
      if (AsciiLower(k.name) == "name" && label_key.empty()) label_key = id;
  std::string weight_key;
  for (const auto& [id, k] : edge_keys)
    if (AsciiLower(k.name) == "weight" && weight_key.empty()) weight_key = id;

  std::map<std::string, size_t> node_column;  // key id -> node_attributes index
  for (const auto& [id, k] : node_keys)
    if (id != label_key) {
      node_column[id] = net.node_attributes.size();
      net.node_attributes.push_back({k.name, AttributeType(k.type), {}});
    }
  int64_t nodes = 0;
  for (pugi::xml_node node : graph.children())
    if (LocalName(node) == "node") ++nodes;
  // Every node holds a value (maybe a default, maybe empty) for every node
  // key: refuse a product of keys and nodes that the file's size does not
  // justify before allocating it.
  if (!net.node_attributes.empty()) {
    const int64_t cells = nodes * static_cast<int64_t>(net.node_attributes.size());
    if (cells > std::max<int64_t>(kMinAttributeValues, static_cast<int64_t>(text.size())))
      return Error(options.path, line_of(graph), "key",
                   fmt::format("{} node keys for {} nodes make {} values, more than one per "
                               "byte of the file",
                               net.node_attributes.size(), nodes, cells));
  }
  // Ids and labels as views of the document's text (or of a key's
  // default), which outlives the lookups; hashed, so that the read stays
  // linear in the number of nodes and edges.
  std::unordered_map<std::string_view, int32_t> node_ids, labels_seen;
  node_ids.reserve(nodes);
  labels_seen.reserve(nodes);
  net.labels.reserve(nodes);
  std::string_view label_default;
  if (!label_key.empty()) label_default = node_keys[label_key].default_value;
  std::vector<std::pair<size_t, std::string_view>> column_defaults;  // column, default
  for (const auto& [key_id, column] : node_column)
    column_defaults.emplace_back(column, node_keys[key_id].default_value);
  int64_t shared_labels = 0;
  for (pugi::xml_node node : graph.children()) {
    if (LocalName(node) == "graph" || LocalName(node) == "hyperedge")
      return Error(options.path, line_of(node), std::string(LocalName(node)),
                   "nested graphs and hyperedges are not supported");
    if (LocalName(node) != "node") continue;
    std::string_view id = node.attribute("id").value();
    if (id.empty()) return Error(options.path, line_of(node), "node", "missing id");
    auto index = static_cast<int32_t>(net.labels.size());
    if (!node_ids.emplace(id, index).second)
      return Error(options.path, line_of(node), "node", fmt::format("duplicate id '{}'", id));
    std::string_view label = label_default.empty() ? id : label_default;
    for (auto& column : net.node_attributes) column.values.emplace_back();
    for (const auto& [column, value] : column_defaults)
      net.node_attributes[column].values.back() = value;
    for (pugi::xml_node data : node.children()) {
      if (LocalName(data) != "data") continue;
      std::string_view key = data.attribute("key").value();
      if (key == label_key && !label_key.empty()) {
        label = data.text().get();
      } else if (auto it = node_column.find(std::string(key)); it != node_column.end()) {
        net.node_attributes[it->second].values.back() = data.text().get();
      }
    }
    if (auto seen = labels_seen.find(label); seen != labels_seen.end()) {
      if (++shared_labels <= kQuotedWarnings)
        net.warnings.push_back(fmt::format(
            "{}:{}: nodes '{}' and '{}' share the label '{}'; the id is used for the second",
            options.path, line_of(node), net.labels[seen->second], id, label));
      label = id;
    }
    labels_seen[label] = index;
    net.labels.emplace_back(label);
  }
  if (shared_labels > kQuotedWarnings)
    net.warnings.push_back(fmt::format("{}: {} nodes share their label with an earlier node "
                                       "(the first {} are quoted above)",
                                       options.path, shared_labels, kQuotedWarnings));
  // Labels that differ from ids are the labels; keep ids reachable for
  // edges. Edges refer to node ids.
  for (pugi::xml_node edge : graph.children()) {
    if (LocalName(edge) != "edge") continue;
    int line = line_of(edge);
    std::string_view source = edge.attribute("source").value();
    std::string_view target = edge.attribute("target").value();
    auto s = node_ids.find(source), t = node_ids.find(target);
    if (source.empty()) return Error(options.path, line, "source", "missing");
    if (target.empty()) return Error(options.path, line, "target", "missing");
    if (s == node_ids.end())
      return Error(options.path, line, "source", fmt::format("unknown node '{}'", source));
    if (t == node_ids.end())
      return Error(options.path, line, "target", fmt::format("unknown node '{}'", target));
    if (auto directed = edge.attribute("directed"); !directed.empty()) {
      bool value = directed.as_bool();
      if (value != net.directed && !options.directed)
        return Error(options.path, line, "directed",
                     "graphs mixing directed and undirected edges are not supported");
    }
    Edge e{s->second, t->second, 1.0};
    if (!weight_key.empty() && !edge_keys[weight_key].default_value.empty()) {
      if (auto w = internal::ParseNumber(edge_keys[weight_key].default_value)) e.weight = *w;
      net.weighted = true;
    }
    for (pugi::xml_node data : edge.children()) {
      if (LocalName(data) != "data" || data.attribute("key").value() != weight_key) continue;
      auto w = internal::ParseNumber(data.text().get());
      if (!w)
        return Error(options.path, line_of(data), "weight",
                     fmt::format("'{}' is not a number", data.text().get()));
      e.weight = *w;
      net.weighted = true;
    }
    net.edges.push_back(e);
  }
  return net;
}

}  // namespace vigil::network
