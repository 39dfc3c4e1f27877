// UCDP GED's GeoJSON reader (ingest/events) on arbitrary bytes: a batch or
// a refusal naming the file, never a crash.
#include <string>

#include "fuzz_check.h"
#include "vigil/ingest/events/event_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vigil::fuzz::Text(data, size);
  vigil::LooksLikeUcdpGeoJson(text);
  auto batch = vigil::ParseUcdpGeoJson(text, "f.geojson", {});
  vigil::fuzz::CheckRefusal(batch.status(), "f");
  return 0;
}
