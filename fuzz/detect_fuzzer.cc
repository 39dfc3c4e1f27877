// Format recognition on arbitrary bytes: `vigil load` (ingest/detect) and
// network files (ingest/network), with the file name taken from the first
// byte.
#include "fuzz_check.h"
#include "vigil/ingest/detect.h"
#include "vigil/ingest/network/network.h"
#include "vigil/ingest/ofac/csv_records.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kNames[] = {"list", "a.yaml", "a.xml", "a.csv",
                                       "a.net", "a.dl",   "a.graphml", "A.YML"};
  const char* path = kNames[size ? data[0] % 8 : 0];
  std::string text = vigil::fuzz::Text(data, size);
  auto format = vigil::DetectFormat(path, text);
  vigil::fuzz::CheckRefusal(format.status(), path);
  vigil::network::DetectFormat(text, path);
  vigil::ofac::ClassifyOfacCsv(text);
  (void)vigil::ParseFormatName(text);
  (void)vigil::network::ParseFormat(text);
  return 0;
}
