// The curated dataset reader (ingest/yaml) on arbitrary text, as one file.
#include "fuzz_check.h"
#include "vigil/ingest/yaml/dataset_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto batch = vigil::ParseYamlDatasetText(vigil::fuzz::Text(data, size), "data.yaml");
  vigil::fuzz::CheckRefusal(batch.status(), "data.yaml");
  return 0;
}
