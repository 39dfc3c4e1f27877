// OFAC's classic XML reader (ingest/ofac) on arbitrary bytes, read as the SDN
// list or, when the first byte is odd, as the consolidated list (the file
// name decides).
#include "fuzz_check.h"
#include "vigil/ingest/ofac/xml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* path = size > 0 && data[0] % 2 ? "cons.xml" : "sdn.xml";
  auto batch = vigil::ParseOfacXml(vigil::fuzz::Text(data, size), path);
  vigil::fuzz::CheckRefusal(batch.status(), path);
  return 0;
}
