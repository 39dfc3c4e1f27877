// Loading datasets: what a load reads and may change (LoadOptions), and what
// it did (LoadReport, whose JSON is engine/json/knowledge_json.h's).
//
//   LoadOptions options;
//   options.texts_dir = "../shared/seeds";
//   auto reports = Engine::LoadFiles("vigil.db", {"data/"}, options);
//   for (const LoadReport& r : *reports) ...   // r.counts, r.changes, r.links
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/monitoring.h"
#include "vigil/model/model.h"
#include "vigil/store/load_store.h"

namespace vigil {

// A new version of a dataset may remove, of each kind of record, at most
// this share of the stored ones, or fewer than kShrinkMinimum, and may not
// leave out a kind the stored version holds, unless LoadOptions::allow_shrink
// (docs/data-model.md, docs/lists.md).
inline constexpr double kShrinkShare = 0.10;
inline constexpr int64_t kShrinkMinimum = 10;

// What a load reads and how it may change the store. Refusals name the
// fields below in their messages ("(allow_shrink)"); front ends map their
// own flags onto them.
struct LoadOptions {
  std::string dataset;          // default: "curated" for YAML, the list's own for lists
  std::string texts_dir;        // check spans against these texts and store them
  // auto | yaml | un-xml | ofac-xml | ofac-csv | ucdp-geojson | ucdp-csv | acled-csv
  std::string format = "auto";
  // Event data: admin-1 boundaries (GeoJSON) to resolve event points to
  // provinces; empty: provinces unresolved, with the reason.
  std::string boundaries;
  // Curated (YAML) data: kAuto replaces the stored dataset with a whole one
  // (sources and entities given) and merges a part into it; kMerge always
  // merges (adds and updates records by id, removes none); kReplace always
  // replaces, accepting whatever that removes.
  CuratedMode curated_mode = CuratedMode::kAuto;
  bool allow_older = false;   // load a list published before the stored version
  bool allow_shrink = false;  // accept removing more than kShrinkShare of a kind, or a kind
};

// One entity that a new version of a dataset added, removed or renamed.
struct EntityChange {
  std::string key, reference, name;                     // name: the primary name
  std::vector<std::string> names_added, names_removed;  // "text (kind)"
};

// Records of one kind in the stored version and in the new one, and how
// many stored ones the new version no longer holds (matched by id, or by
// key for relations and designations).
struct KindChanges {
  int64_t stored = 0, given = 0, removed = 0;
  std::vector<std::string> first_removed;  // ids or keys, the first few
};

// What a new version of a dataset changed, entity by entity (by key, which
// for list records derives from the list's reference).
struct DatasetChanges {
  std::string previous_version;  // empty when the dataset is new
  std::string previous_publish_date;
  int64_t added = 0, removed = 0, names_changed = 0, unchanged = 0;
  // Listed only when a previous version existed.
  std::vector<EntityChange> added_entities, removed_entities, renamed_entities;
  // By kind ("entities", and for curated datasets also "sources",
  // "relations", "events", "estimates", "designations"); set when a
  // previous version existed.
  std::map<std::string, KindChanges> kinds;
};

// The links between list records and curated cards after a load
// (engine/linking.h), by method.
struct LinkCounts {
  int64_t total = 0, by_reference = 0, by_name = 0, by_name_and_birth_date = 0, manual = 0;
  int64_t ambiguous = 0;  // records matching several curated entities equally
  int64_t refused = 0;    // name matches refused: kinds, countries or birth dates disagree
};

// The actors of imported event data after a load (engine/event_linking.h),
// over every event dataset stored: linked (possibly with suggestions beside
// the link), only suggested, or unlinked.
struct ActorLinkCounts {
  int64_t actors = 0, linked = 0, suggested = 0, unlinked = 0;
};

// What a load did with one dataset: the batch written and the rows it wrote
// (store::DatasetWriteRecord: dataset, version, kind, merged, publish_date,
// sha256, files, warnings, warning_counts, unchanged, counts), what the new
// version changed, and the links after it.
struct LoadReport : store::DatasetWriteRecord {
  std::optional<DatasetChanges> changes;  // unset when unchanged
  std::optional<LinkCounts> links;        // unset when unchanged
  // Event data only (unset otherwise, and when unchanged).
  std::optional<ActorLinkCounts> actor_links;
  // The re-screening of monitored subjects that the load caused (on the
  // first dataset it changed; unset when nothing is monitored).
  std::optional<RescreenSummary> monitoring;
};

}  // namespace vigil
