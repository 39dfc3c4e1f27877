// What OFAC writes as prose (ingest/ofac/ofac_fields): remarks, dates and
// identifier labels, on arbitrary text.
#include "fuzz_check.h"
#include "vigil/base/date.h"
#include "vigil/ingest/ofac/ofac_fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vigil::fuzz::Text(data, size);
  vigil::Entity entity;
  vigil::internal::ReadProblems problems;
  vigil::ofac::ApplyRemarks(text, "", {"sdn.csv", 1}, &entity, &problems);
  vigil::internal::RemoveRepeats(&entity);
  auto date = vigil::ofac::OfacDate(text);
  if (date.ok()) {
    // Every written date is one vigil date, or two joined by '/'.
    std::string_view written = *date;
    size_t slash = written.find('/');
    vigil::fuzz::Check(vigil::PartialDate::Parse(written.substr(0, slash)).ok(),
                       "OfacDate wrote an invalid date: " + *date);
    if (slash != std::string_view::npos)
      vigil::fuzz::Check(vigil::PartialDate::Parse(written.substr(slash + 1)).ok(),
                         "OfacDate wrote an invalid range: " + *date);
  }
  if (const auto* label = vigil::ofac::FindIdentifierLabel(text))
    vigil::ofac::MakeIdentifier(*label, std::string_view(text).substr(label->label.size()), text);
  vigil::ofac::SetKind(text, &entity);
  return 0;
}
