// libcsv's parser as the CSV readers use it (ingest/ofac, ingest/table):
// initialised, freed on scope exit, and with a field buffer that grows
// geometrically. libcsv grows it by a fixed 128 bytes, so reading one long
// field cost time quadratic in its length wherever realloc copies (it does
// under AddressSanitizer, and for blocks malloc does not map).
//
//   CsvParser parser;
//   if (!parser.ok()) return absl::InternalError("libcsv: cannot initialise");
//   csv_parse(parser.get(), data, size, on_field, on_row, &state);
#pragma once

#include <csv.h>

namespace vigil::internal {

class CsvParser {
 public:
  CsvParser();
  ~CsvParser();
  CsvParser(const CsvParser&) = delete;
  CsvParser& operator=(const CsvParser&) = delete;

  bool ok() const { return ok_; }
  csv_parser* get() { return &parser_; }

 private:
  csv_parser parser_;
  bool ok_ = false;
};

}  // namespace vigil::internal
