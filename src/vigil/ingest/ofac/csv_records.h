// CSV records with their line numbers (libcsv), and the shape of OFAC's CSV
// files: SDN.CSV / CONS_PRIM.CSV (12 fields), ALT.CSV (5), ADD.CSV (6),
// SDN_COMMENTS.CSV (2), each a numeric ent_num first.
//
//   ForEachCsvRecord(file, [&](std::vector<std::string>& fields, int line) {
//     ...; return true;   // false stops
//   });
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/ingest/internal/list_input.h"

namespace vigil::ofac {

// Calls visit for every record of the file, in order, with fields trimmed of
// surrounding spaces and OFAC's "-0-" (empty) read as "". Lines that are
// empty, and the end-of-file marker (a Ctrl-Z, alone or followed by empty
// fields) are skipped. line is where the record begins.
Status ForEachCsvRecord(
    const internal::ListFile& file,
    const std::function<bool(std::vector<std::string>& fields, int line)>& visit);

enum class CsvShape { kUnknown, kMain, kAliases, kAddresses, kComments };

// The shape of an OFAC CSV file from its first data record (a header row is
// skipped), looking at the first bytes only.
CsvShape ClassifyOfacCsv(std::string_view bytes);

// "SDN.CSV", "ALT.CSV"...: for messages.
std::string_view ShapeName(CsvShape shape);
// Fields a record of the shape has (12, 5, 6, 2; 0 for unknown).
size_t FieldCount(CsvShape shape);

// True when the record is a header row: its first field is not a number.
bool IsHeaderRow(const std::vector<std::string>& fields);

}  // namespace vigil::ofac
