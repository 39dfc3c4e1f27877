// Batch screening rows (ingest/table) from a JSON-lines file of arbitrary
// bytes; every value kept can be written back as JSON.
#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "vigil/ingest/table/row_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto rows =
      vigil::ParseRows(vigil::fuzz::Text(data, size), "rows.jsonl", vigil::RowFormat::kJsonLines);
  vigil::fuzz::CheckRefusal(rows.status(), "rows.jsonl");
  if (!rows.ok()) return 0;
  for (const auto& row : rows->rows) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [key, value] : row.values) object[key] = value;
    object.dump();  // what batch output does with a row
  }
  return 0;
}
