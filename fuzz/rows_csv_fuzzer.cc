// Batch screening rows (ingest/table) from a CSV file of arbitrary bytes.
#include "fuzz_check.h"
#include "vigil/ingest/table/row_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto rows = vigil::ParseRows(vigil::fuzz::Text(data, size), "rows.csv", vigil::RowFormat::kCsv);
  vigil::fuzz::CheckRefusal(rows.status(), "rows.csv");
  if (!rows.ok()) return 0;
  for (const auto& row : rows->rows)
    vigil::fuzz::Check(row.values.size() <= rows->columns.size() && row.line >= 1,
                       "a row with more values than columns");
  return 0;
}
