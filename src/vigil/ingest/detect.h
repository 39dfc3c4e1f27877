// Recognises the format of an input file by its content, so that `vigil
// load FILE...` takes curated YAML and official lists alike.
//
//   auto format = DetectFormat("sdn.csv", first_bytes);   // kOfacCsv
//   auto forced = ParseFormatName("un-xml");               // --format
//
// XML is told apart by its root element (<CONSOLIDATED_LIST>: the UN list;
// <sdnList>: OFAC), CSV by the shape of its first data record (12, 5, 6 or 2
// fields beginning with a numeric ent_num: OFAC's SDN, ALT, ADD and COMMENTS
// files), YAML by its extension or a top-level section such as "entities:".
// Conflict-event data (ingest/events): a GeoJSON FeatureCollection whose
// features carry UCDP GED's side_a and date_start is UCDP GeoJSON; a CSV
// whose header has UCDP GED's columns (id, date_start, date_end, side_a,
// side_b, latitude, longitude) or ACLED's (event_id_cnty, event_date,
// event_type, actor1, actor2, latitude, longitude, fatalities) is that.
#pragma once

#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil {

enum class InputFormat { kYaml, kUnXml, kOfacXml, kOfacCsv, kUcdpGeoJson, kUcdpCsv, kAcledCsv };

// "yaml", "un-xml", "ofac-xml", "ofac-csv", "ucdp-geojson", "ucdp-csv",
// "acled-csv": the names --format takes.
std::string_view FormatName(InputFormat format);
// The format named, or InvalidArgument listing the names (with a "did you
// mean" when one is close). "auto" is not a format: callers handle it.
StatusOr<InputFormat> ParseFormatName(std::string_view name);

// head: the first bytes of the file (64 KiB is plenty). InvalidArgument
// "path:1: ..." when the content matches no format, or the file is empty.
StatusOr<InputFormat> DetectFormat(const std::string& path, std::string_view head);

}  // namespace vigil
