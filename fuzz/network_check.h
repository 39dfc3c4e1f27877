// The network fuzz targets: read the input in one format, check what a
// reader promises (edges between existing nodes, one attribute value per
// node at most), and write the network back as GraphML and GEXF: the
// GraphML must read back with the same nodes and ties, the GEXF must be
// well-formed XML.
#pragma once

#include <pugixml.hpp>

#include "fuzz_check.h"
#include "vigil/ingest/network/network.h"

namespace vigil::fuzz {

inline void ReadNetworkAndCheck(const uint8_t* data, size_t size, network::Format format) {
  std::string text = Text(data, size);
  network::DetectFormat(text, "x.txt");
  auto net = network::ReadNetwork(text, {.path = "net", .format = format});
  CheckRefusal(net.status(), "net");
  if (!net.ok()) return;
  const auto nodes = static_cast<int64_t>(net->labels.size());
  for (const auto& e : net->edges)
    Check(e.source >= 0 && e.source < nodes && e.target >= 0 && e.target < nodes,
          "an edge to a node that does not exist");
  for (const auto& a : net->node_attributes)
    Check(static_cast<int64_t>(a.values.size()) <= nodes, "more attribute values than nodes");
  for (const auto& a : net->edge_attributes)
    Check(a.values.size() <= net->edges.size(), "more attribute values than edges");
  if (nodes > 100000) return;  // declared nodes: a large write would only be slow
  auto back = network::ReadGraphMl(network::WriteGraphMl(*net), {.path = "back"});
  Check(back.ok(), "written GraphML does not read back: " + back.status().ToString());
  Check(back->labels.size() == net->labels.size(), "GraphML round trip changed the nodes");
  Check(back->edges.size() == net->edges.size(), "GraphML round trip changed the ties");
  Check(back->directed == net->directed, "GraphML round trip changed the direction");
  for (size_t i = 0; i < net->edges.size(); ++i)
    Check(back->edges[i].source == net->edges[i].source &&
              back->edges[i].target == net->edges[i].target &&
              back->edges[i].weight == net->edges[i].weight,
          "GraphML round trip changed a tie");
  pugi::xml_document doc;
  std::string gexf = network::WriteGexf(*net);
  Check(static_cast<bool>(doc.load_buffer(gexf.data(), gexf.size())), "GEXF is not well-formed");
}

}  // namespace vigil::fuzz
