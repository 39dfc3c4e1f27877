// XML list files (the UN consolidated list, OFAC's sdnList schema): parsing
// with the file's path and line in every error, and the text of a node.
#pragma once

#include <pugixml.hpp>

#include <string>

#include "vigil/base/status.h"
#include "vigil/ingest/internal/list_input.h"

namespace vigil::internal {

// Parses file into doc; InvalidArgument "path:line: XML syntax error: ..."
// when it is not well-formed.
Status ParseXml(const ListFile& file, pugi::xml_document* doc);
// The 1-based line of a node in file (0 when pugixml cannot tell).
int XmlLine(const ListFile& file, const pugi::xml_node& node);
// The node's text with white space cleaned (CleanField).
std::string XmlText(const pugi::xml_node& node);

}  // namespace vigil::internal
