// What `vigil load PATH...` is given, sorted into datasets and read.
//
//   InputOptions options;                 // format "auto": by content
//   auto batches = ReadInputs({"data/", "un.xml", "sdn.csv", "alt.csv"}, options);
//   // three batches: "curated" (the YAML folder), "un-consolidated",
//   // "ofac-sdn" (the CSV files together)
//
// Grouping: every YAML file or folder forms the one curated dataset; each
// UN or OFAC XML file is a dataset of its own; OFAC CSV files given together
// form one dataset per list (SDN files, and CONS_* files); each event-data
// file (UCDP GED, ACLED) is a dataset of its own. A folder holding
// no YAML is read as the list files inside it. Every batch is read and
// checked before any is returned: an error in one refuses the whole load.
#pragma once

#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/ingest/detect.h"
#include "vigil/model/model.h"

namespace vigil {

struct InputOptions {
  std::string format = "auto";  // or a FormatName(): applies to every file
  std::string dataset;          // names the dataset; only when there is one
  std::string texts_dir;        // YAML: check spans against these texts
  // YAML: whole dataset or part (ingest/yaml/dataset_reader.h). kMerge with
  // no YAML input is refused: lists always replace their stored version.
  CuratedMode curated_mode = CuratedMode::kAuto;
  // Event data: the admin-1 boundaries (GeoJSON) that event points are
  // resolved to provinces with; empty: provinces left unresolved, with the
  // reason (ingest/events/provinces.h).
  std::string boundaries;
  // Official lists in OFAC CSV, whatever their size, are read as they are
  // written (Batch::rest, ingest/ofac/csv_reader.h): the batch returned
  // holds the list's identity, and its records are checked as a load
  // writes them, inside its transaction.
  bool stream_lists = false;
};

struct InputGroup {
  InputFormat format;
  std::vector<std::string> paths;  // files (folders for YAML)
};

// Expands folders, recognises formats, groups files into datasets.
StatusOr<std::vector<InputGroup>> PlanInputs(const std::vector<std::string>& paths,
                                             const InputOptions& options);

// PlanInputs, then reads every group. InvalidArgument when two groups give
// the same dataset name, or --dataset is given for several datasets.
StatusOr<std::vector<Batch>> ReadInputs(const std::vector<std::string>& paths,
                                        const InputOptions& options);

}  // namespace vigil
