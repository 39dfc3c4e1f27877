// The graphml network reader (ingest/network) on arbitrary bytes.
#include "network_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vigil::fuzz::ReadNetworkAndCheck(data, size, vigil::network::Format::kGraphMl);
  return 0;
}
