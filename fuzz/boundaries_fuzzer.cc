// The admin-1 boundaries reader and point-in-polygon (ingest/events/
// provinces) on arbitrary bytes: an index that locates points, or a refusal.
#include <string>

#include "fuzz_check.h"
#include "vigil/ingest/events/provinces.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vigil::fuzz::Text(data, size);
  auto index = vigil::ProvinceIndex::Parse(text, "f.geojson");
  if (!index.ok()) {
    vigil::fuzz::CheckRefusal(index.status(), "f");
    return 0;
  }
  (*index)->Locate(0.5, 0.5);
  (*index)->Locate(34.5, 69.2);
  return 0;
}
