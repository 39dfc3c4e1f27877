// GraphML and GEXF writers. Both write labels and attributes as XML text
// (escaped), weights as shortest round-trip decimals.
#include <fmt/format.h>

#include <string>

#include "vigil/ingest/network/network.h"
#include "vigil/text/escape.h"

namespace vigil::network {
namespace {

std::string WeightText(double value) { return fmt::format("{}", value); }

std::string GraphMlType(const std::string& type) {
  if (type == "double") return "double";
  if (type == "int") return "long";
  if (type == "boolean") return "boolean";
  return "string";
}

std::string GexfType(const std::string& type) {
  if (type == "double") return "double";
  if (type == "int") return "long";
  if (type == "boolean") return "boolean";
  return "string";
}

}  // namespace

std::string WriteGraphMl(const Network& network) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  out += "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n";
  for (size_t i = 0; i < network.node_attributes.size(); ++i)
    out += fmt::format("  <key id=\"n{}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>\n", i,
                       EscapeMarkup(network.node_attributes[i].name),
                       GraphMlType(network.node_attributes[i].type));
  out += "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n";
  for (size_t i = 0; i < network.edge_attributes.size(); ++i)
    out += fmt::format("  <key id=\"e{}\" for=\"edge\" attr.name=\"{}\" attr.type=\"{}\"/>\n", i,
                       EscapeMarkup(network.edge_attributes[i].name),
                       GraphMlType(network.edge_attributes[i].type));
  out += fmt::format("  <graph id=\"G\" edgedefault=\"{}\">\n",
                     network.directed ? "directed" : "undirected");
  for (size_t v = 0; v < network.labels.size(); ++v) {
    out += fmt::format("    <node id=\"n{}\">\n      <data key=\"label\">{}</data>\n", v,
                       EscapeMarkup(network.labels[v]));
    for (size_t i = 0; i < network.node_attributes.size(); ++i) {
      const auto& values = network.node_attributes[i].values;
      if (v < values.size() && !values[v].empty())
        out += fmt::format("      <data key=\"n{}\">{}</data>\n", i, EscapeMarkup(values[v]));
    }
    out += "    </node>\n";
  }
  for (size_t e = 0; e < network.edges.size(); ++e) {
    const Edge& edge = network.edges[e];
    out += fmt::format("    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">\n", e, edge.source,
                       edge.target);
    out += fmt::format("      <data key=\"weight\">{}</data>\n", WeightText(edge.weight));
    for (size_t i = 0; i < network.edge_attributes.size(); ++i) {
      const auto& values = network.edge_attributes[i].values;
      if (e < values.size() && !values[e].empty())
        out += fmt::format("      <data key=\"e{}\">{}</data>\n", i, EscapeMarkup(values[e]));
    }
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

std::string WriteGexf(const Network& network) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
      "  <meta>\n    <creator>vigil</creator>\n  </meta>\n";
  out += fmt::format("  <graph defaultedgetype=\"{}\" mode=\"static\">\n",
                     network.directed ? "directed" : "undirected");
  auto declare = [&](const std::vector<Attribute>& attributes, const char* domain) {
    if (attributes.empty()) return;
    out += fmt::format("    <attributes class=\"{}\">\n", domain);
    for (size_t i = 0; i < attributes.size(); ++i)
      out += fmt::format("      <attribute id=\"{}\" title=\"{}\" type=\"{}\"/>\n", i,
                         EscapeMarkup(attributes[i].name), GexfType(attributes[i].type));
    out += "    </attributes>\n";
  };
  auto values = [&](const std::vector<Attribute>& attributes, size_t item, const char* indent) {
    std::string block;
    for (size_t i = 0; i < attributes.size(); ++i) {
      const auto& column = attributes[i].values;
      if (item < column.size() && !column[item].empty())
        block += fmt::format("{}  <attvalue for=\"{}\" value=\"{}\"/>\n", indent, i,
                             EscapeMarkup(column[item]));
    }
    if (block.empty()) return std::string();
    return fmt::format("{}<attvalues>\n{}{}</attvalues>\n", indent, block, indent);
  };
  declare(network.node_attributes, "node");
  declare(network.edge_attributes, "edge");
  out += "    <nodes>\n";
  for (size_t v = 0; v < network.labels.size(); ++v) {
    std::string attributes = values(network.node_attributes, v, "        ");
    if (attributes.empty()) {
      out += fmt::format("      <node id=\"{}\" label=\"{}\"/>\n", v, EscapeMarkup(network.labels[v]));
    } else {
      out += fmt::format("      <node id=\"{}\" label=\"{}\">\n{}      </node>\n", v,
                         EscapeMarkup(network.labels[v]), attributes);
    }
  }
  out += "    </nodes>\n    <edges>\n";
  for (size_t e = 0; e < network.edges.size(); ++e) {
    const Edge& edge = network.edges[e];
    std::string attributes = values(network.edge_attributes, e, "        ");
    std::string head =
        fmt::format("      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\"", e,
                    edge.source, edge.target, WeightText(edge.weight));
    if (attributes.empty())
      out += head + "/>\n";
    else
      out += head + ">\n" + attributes + "      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

}  // namespace vigil::network
