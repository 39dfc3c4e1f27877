// Input format recognition by content.
#include "vigil/ingest/detect.h"

#include <fmt/format.h>

#include <array>

#include "vigil/base/ascii.h"
#include "vigil/ingest/events/event_readers.h"
#include "vigil/ingest/ofac/csv_records.h"
#include "vigil/model/vocabulary.h"

namespace vigil {
namespace {

constexpr std::array<std::string_view, 7> kFormatNames = {
    "yaml", "un-xml", "ofac-xml", "ofac-csv", "ucdp-geojson", "ucdp-csv", "acled-csv"};
constexpr std::string_view kYamlSections[] = {
    "sources:", "entities:", "relations:", "events:", "estimates:", "designations:"};

// The name of the root element of an XML text, without namespace prefix;
// empty when none is found in head.
std::string RootElement(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find('<', i);
    if (open == std::string_view::npos || open + 1 >= s.size()) return "";
    char next = s[open + 1];
    if (next == '?') {  // declaration or processing instruction
      size_t end = s.find("?>", open);
      if (end == std::string_view::npos) return "";
      i = end + 2;
    } else if (s.substr(open, 4) == "<!--") {
      size_t end = s.find("-->", open);
      if (end == std::string_view::npos) return "";
      i = end + 3;
    } else if (next == '!') {  // DOCTYPE
      size_t end = s.find('>', open);
      if (end == std::string_view::npos) return "";
      i = end + 1;
    } else {
      size_t end = s.find_first_of(" \t\r\n/>", open + 1);
      std::string name(s.substr(
          open + 1, end == std::string_view::npos ? std::string_view::npos : end - open - 1));
      if (auto colon = name.find(':'); colon != std::string::npos) name = name.substr(colon + 1);
      return name;
    }
  }
  return "";
}

bool LooksLikeYaml(std::string_view s) {
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    std::string_view line =
        s.substr(start, end == std::string_view::npos ? s.size() - start : end - start);
    start = end == std::string_view::npos ? s.size() : end + 1;
    if (line.empty() || line[0] == '#' || line == "---" || line == "\r") continue;
    for (auto section : kYamlSections)
      if (line.substr(0, section.size()) == section) return true;
    return false;
  }
  return false;
}

}  // namespace

std::string_view FormatName(InputFormat format) {
  return kFormatNames[static_cast<size_t>(format)];
}

StatusOr<InputFormat> ParseFormatName(std::string_view name) {
  for (size_t i = 0; i < kFormatNames.size(); ++i)
    if (kFormatNames[i] == name) return static_cast<InputFormat>(i);
  std::string hint = NearestWord(kFormatNames, name);
  return absl::InvalidArgumentError(
      hint.empty() ? fmt::format("--format: unknown format '{}' (expected auto, {})", name,
                                 JoinWords(kFormatNames))
                   : fmt::format("--format: unknown format '{}' (did you mean '{}'?)", name, hint));
}

StatusOr<InputFormat> DetectFormat(const std::string& path, std::string_view head) {
  const std::string lower_path = AsciiLower(path);
  if (lower_path.ends_with(".yaml") || lower_path.ends_with(".yml")) return InputFormat::kYaml;
  std::string_view s = head;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);  // byte-order mark
  size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return InputError({path, 1}, "",
                      s.empty() ? "the file is empty" : "the file holds only white space");
  s.remove_prefix(first);
  if (s.front() == '<') {
    std::string root = RootElement(s);
    if (root == "CONSOLIDATED_LIST") return InputFormat::kUnXml;
    if (root == "sdnList") return InputFormat::kOfacXml;
    return InputError({path, 1}, "",
                      fmt::format("an XML file whose root element <{}> is no list vigil reads "
                                  "(expected <CONSOLIDATED_LIST> of the UN or <sdnList> of OFAC)",
                                  root));
  }
  if (s.front() == '{' || s.front() == '[') {
    if (LooksLikeUcdpGeoJson(s)) return InputFormat::kUcdpGeoJson;
    return InputError({path, 1}, "",
                      "a JSON file that is no event data vigil reads (expected UCDP GED's "
                      "GeoJSON: a FeatureCollection whose features have side_a and date_start)");
  }
  if (LooksLikeYaml(s)) return InputFormat::kYaml;
  if (LooksLikeUcdpCsv(s)) return InputFormat::kUcdpCsv;
  if (LooksLikeAcledCsv(s)) return InputFormat::kAcledCsv;
  if (ofac::ClassifyOfacCsv(s) != ofac::CsvShape::kUnknown) return InputFormat::kOfacCsv;
  return InputError({path, 1}, "",
                    "unrecognised format: expected a YAML dataset, the UN consolidated list "
                    "(XML), an OFAC list (XML), OFAC's CSV files (SDN, ALT, ADD, COMMENTS), or "
                    "conflict-event data (UCDP GED GeoJSON or CSV, ACLED CSV); --format names "
                    "one");
}

}  // namespace vigil
