// The UN consolidated list reader (ingest/un) on arbitrary bytes.
#include "fuzz_check.h"
#include "vigil/ingest/un/un_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto batch = vigil::ParseUnList(vigil::fuzz::Text(data, size), "un.xml");
  vigil::fuzz::CheckRefusal(batch.status(), "un.xml");
  if (batch.ok())
    vigil::fuzz::Check(batch->entities.size() <= batch->designations.size(),
                       "a UN record without its designation");
  return 0;
}
