// ACLED's CSV reader (ingest/events) on arbitrary bytes.
#include <string>

#include "fuzz_check.h"
#include "vigil/ingest/events/event_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vigil::fuzz::Text(data, size);
  vigil::LooksLikeAcledCsv(text);
  auto batch = vigil::ParseAcledCsv(text, "f.csv", {});
  vigil::fuzz::CheckRefusal(batch.status(), "f");
  return 0;
}
