// OFAC's CSV set reader (ingest/ofac) on arbitrary bytes: the input is cut
// at form feeds ('\f') into up to four files given together, so that the
// SDN, ALT, ADD and COMMENTS layouts meet (each file's role comes from its
// shape, as in a real load).
#include <string>
#include <utility>
#include <vector>

#include "fuzz_check.h"
#include "vigil/ingest/ofac/csv_reader.h"
#include "vigil/ingest/ofac/csv_records.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vigil::fuzz::Text(data, size);
  std::vector<std::pair<std::string, std::string>> files;
  size_t start = 0;
  while (files.size() < 4) {
    size_t end = files.size() == 3 ? std::string::npos : text.find('\f', start);
    std::string part = text.substr(start, end == std::string::npos ? end : end - start);
    vigil::ofac::ClassifyOfacCsv(part);
    files.emplace_back("f" + std::to_string(files.size()) + ".csv", std::move(part));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  auto batch = vigil::ParseOfacCsv(files);
  vigil::fuzz::CheckRefusal(batch.status(), "f");
  return 0;
}
