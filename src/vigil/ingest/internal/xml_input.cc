#include "vigil/ingest/internal/xml_input.h"

#include <fmt/format.h>

namespace vigil::internal {

Status ParseXml(const ListFile& file, pugi::xml_document* doc) {
  pugi::xml_parse_result parsed = doc->load_buffer(file.bytes().data(), file.bytes().size(),
                                                   pugi::parse_default, pugi::encoding_utf8);
  if (parsed) return absl::OkStatus();
  return InputError({file.path(), file.LineAt(static_cast<size_t>(parsed.offset))}, "",
                    fmt::format("XML syntax error: {} (byte offset {})", parsed.description(),
                                parsed.offset));
}

int XmlLine(const ListFile& file, const pugi::xml_node& node) {
  ptrdiff_t offset = node.offset_debug();
  return offset < 0 ? 0 : file.LineAt(static_cast<size_t>(offset));
}

std::string XmlText(const pugi::xml_node& node) { return CleanField(node.text().get()); }

}  // namespace vigil::internal
