// Reads the UN Security Council Consolidated List (XML, the
// CONSOLIDATED_LIST schema of scsanctions.un.org) into a Batch.
//
//   auto batch = ReadUnList("consolidated-2025-04-19.xml");
//   // dataset "un-consolidated", version "2025-04-19+<hash>", one entity per
//   // INDIVIDUAL / ENTITY keyed "un-" + reference ("un-tai-144"), each with a
//   // UN designation whose claim cites the list by reference number.
//
// The mapping of every field is in docs/lists.md. Input that is wrong (not
// UTF-8, bad XML, a record without reference number or name, an invalid date,
// an unknown record type) is refused with "path:line: field: problem"; nothing
// is half-read. Problems that do not stop the read are batch warnings.
#pragma once

#include <string>

#include "vigil/base/status.h"
#include "vigil/model/model.h"

namespace vigil {

struct UnReadOptions {
  std::string dataset_name = "un-consolidated";
};

StatusOr<Batch> ReadUnList(const std::string& path, const UnReadOptions& options = {});

// The same on text in memory; path is only used in messages.
StatusOr<Batch> ParseUnList(std::string text, const std::string& path,
                            const UnReadOptions& options = {});

}  // namespace vigil
