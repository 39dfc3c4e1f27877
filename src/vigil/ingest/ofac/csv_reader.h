// Reads OFAC's CSV set into a Batch: SDN.CSV (main records), ALT.CSV
// (aliases), ADD.CSV (addresses) and SDN_COMMENTS.CSV (the remarks that did
// not fit in SDN.CSV), given together as one dataset. The consolidated
// list's CONS_PRIM/CONS_ALT/CONS_ADD/CONS_COMMENTS files have the same
// layout. Each file's role is recognised by its shape (ClassifyOfacCsv).
//
//   auto batch = ReadOfacCsv({"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"});
//   // dataset "ofac-sdn", one entity per SDN record keyed "ofac-<ent_num>",
//   // one US designation per program; batch->warnings quote aliases and
//   // addresses whose ent_num has no SDN record (orphans), counted in
//   // batch->warning_counts["orphan_alias"] and ["orphan_address"].
//
// A header row (added by some copies) and the trailing Ctrl-Z line of the
// official files are skipped. A record with the wrong number of fields, a
// non-numeric ent_num, an unknown type or an invalid date is an error
// "path:line: field: problem"; all errors are reported together.
#pragma once

#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/ingest/ofac/ofac_fields.h"
#include "vigil/model/model.h"

namespace vigil {

StatusOr<Batch> ReadOfacCsv(const std::vector<std::string>& paths,
                            const OfacReadOptions& options = {});

// The same, for a list too large to hold whole: the files are read and
// recognised, and the batch holds the list's source, files and version but
// no records; Batch::rest reads them, a chunk of 10,000 SDN.CSV records at a
// time, again on each call (the files' bytes are held). The smaller files
// (aliases, addresses, remarks continuations) are held by ent_num while
// SDN.CSV is read. Errors in the records come from Batch::rest.
StatusOr<Batch> OpenOfacCsv(const std::vector<std::string>& paths,
                            const OfacReadOptions& options = {});

// The same on texts in memory: {path, text} pairs.
StatusOr<Batch> ParseOfacCsv(const std::vector<std::pair<std::string, std::string>>& files,
                             const OfacReadOptions& options = {});

}  // namespace vigil
