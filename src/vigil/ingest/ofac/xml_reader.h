// Reads a list in OFAC's classic XML schema (sdnList / sdnEntry, as in
// sdn.xml and consolidated.xml) into a Batch.
//
//   auto batch = ReadOfacXml("cons-nonsdn-2025-03-28.xml");
//   // dataset "ofac-consolidated" (the file name says "cons"), version
//   // "2025-03-28+<hash>" from Publish_Date, entities "ofac-cons-<uid>".
//
// akaList entries of category "weak" become weak aliases, the others
// aliases; idList entries become identifiers or values by their idType
// (see docs/lists.md). Bad XML, a missing uid or name, an unknown sdnType or
// an invalid date is an error "path:line: field: problem".
#pragma once

#include <string>

#include "vigil/base/status.h"
#include "vigil/ingest/ofac/ofac_fields.h"
#include "vigil/model/model.h"

namespace vigil {

StatusOr<Batch> ReadOfacXml(const std::string& path, const OfacReadOptions& options = {});

// The same on text in memory; path names the list kind and appears in messages.
StatusOr<Batch> ParseOfacXml(std::string text, const std::string& path,
                             const OfacReadOptions& options = {});

}  // namespace vigil
