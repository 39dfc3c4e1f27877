// Reads the curated knowledge base (YAML files, see docs/data-model.md) into
// a Batch, checking every field, every reference and every span it can.
//
//   DatasetReadOptions options;
//   options.texts_dir = "../shared/seeds";   // optional: check spans against texts
//   auto batch = ReadYamlDataset({"data"}, options);
//   if (!batch.ok()) std::cerr << batch.status().message();   // file:line: field: problem
//
// All problems found are reported together (up to a limit), each as
// "path:line: field: problem"; nothing is half-read: either a whole Batch or
// an InvalidArgument status.
//
// Whole or part: a batch with at least one source and one entity is a whole
// dataset, checked here on its own; a batch lacking either (one file such
// as people.yaml or relations.yaml), or read with CuratedMode::kMerge, is a
// part (Batch::merge): its references may point at the stored dataset, so
// the engine checks it with CheckDatasetBatch once it is merged into the
// stored one. Files that hold no record at all are refused.
//
// Limits (docs/data-model.md): files up to max_file_bytes, nesting up to
// 32 levels, no YAML aliases; reading takes time and memory linear in the
// input (see yaml_tree.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/model/model.h"

namespace vigil {

struct DatasetReadOptions {
  std::string dataset_name = "curated";
  // When set, every source with a sha256 must have its text in this folder
  // (matched by hash), and every span is checked against that text.
  std::string texts_dir;
  size_t max_errors = 25;
  // kAuto: a whole dataset replaces, a part merges; kMerge: always merges;
  // kReplace: always replaces (a part is then checked as a whole dataset).
  CuratedMode mode = CuratedMode::kAuto;
  // Larger files are refused before they are read.
  size_t max_file_bytes = size_t{512} << 20;
};

// Paths may be YAML files or folders (every *.yaml / *.yml inside, sorted).
StatusOr<Batch> ReadYamlDataset(const std::vector<std::string>& paths,
                                const DatasetReadOptions& options = {});

// The checks across records and files: unique ids, references that resolve,
// authority codes (filled in from the authority's attribute), source texts
// found in texts_dir (or already in Source::text) and every span and digest
// against them. Fills Source::text and Source::length. ReadYamlDataset runs
// it on whole datasets; the engine on a part merged into the stored dataset.
Status CheckDatasetBatch(Batch* batch, const std::string& texts_dir, size_t max_errors = 25);

// Parses YAML text as one file of a dataset (for tests and fuzzing); the
// result is not cross-checked against other files.
StatusOr<Batch> ParseYamlDatasetText(const std::string& text, const std::string& path);

}  // namespace vigil
