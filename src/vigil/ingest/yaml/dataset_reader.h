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
#pragma once

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
};

// Paths may be YAML files or folders (every *.yaml / *.yml inside, sorted).
StatusOr<Batch> ReadYamlDataset(const std::vector<std::string>& paths,
                                const DatasetReadOptions& options = {});

// Parses YAML text as one file of a dataset (for tests and fuzzing); the
// result is not cross-checked against other files.
StatusOr<Batch> ParseYamlDatasetText(const std::string& text, const std::string& path);

}  // namespace vigil
