// Load inputs: folders expanded, formats recognised, files grouped, groups read.
#include "vigil/ingest/inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "vigil/ingest/events/event_readers.h"
#include "vigil/ingest/events/provinces.h"
#include "vigil/ingest/internal/list_input.h"
#include "vigil/ingest/ofac/csv_reader.h"
#include "vigil/ingest/ofac/xml_reader.h"
#include "vigil/ingest/un/un_reader.h"
#include "vigil/ingest/yaml/dataset_reader.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

constexpr size_t kHeadBytes = 1 << 16;

StatusOr<std::string> ReadHead(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(fmt::format("{}: cannot open", path));
  std::string head(kHeadBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return head;
}

bool IsYamlName(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

}  // namespace

StatusOr<std::vector<InputGroup>> PlanInputs(const std::vector<std::string>& paths,
                                             const InputOptions& options) {
  if (paths.empty()) return absl::InvalidArgumentError("load: give at least one file or folder");
  std::optional<InputFormat> forced;
  if (!options.format.empty() && options.format != "auto") {
    auto format = ParseFormatName(options.format);
    if (!format.ok()) return format.status();
    forced = *format;
  }
  std::vector<std::pair<std::string, InputFormat>> files;  // in the order given
  std::vector<std::string> yaml_paths;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> yaml, others;
      for (const auto& entry : fs::directory_iterator(path, ec)) {
        if (!entry.is_regular_file() || entry.path().filename().string().front() == '.') continue;
        (IsYamlName(entry.path()) ? yaml : others).push_back(entry.path().string());
      }
      if (!yaml.empty() || forced == InputFormat::kYaml) {
        yaml_paths.push_back(path);  // the YAML reader lists the folder itself
        continue;
      }
      if (others.empty())
        return absl::InvalidArgumentError(
            fmt::format("{}: the folder holds no files to load", path));
      std::sort(others.begin(), others.end());
      for (auto& file : others) {
        if (forced) {
          files.emplace_back(file, *forced);
          continue;
        }
        auto head = ReadHead(file);
        if (!head.ok()) return head.status();
        auto format = DetectFormat(file, *head);
        if (!format.ok()) return format.status();
        files.emplace_back(file, *format);
      }
      continue;
    }
    if (!fs::exists(path, ec))
      return absl::NotFoundError(fmt::format("{}: no such file or folder", path));
    InputFormat format;
    if (forced) {
      format = *forced;
    } else {
      auto head = ReadHead(path);
      if (!head.ok()) return head.status();
      auto detected = DetectFormat(path, *head);
      if (!detected.ok()) return detected.status();
      format = *detected;
    }
    if (format == InputFormat::kYaml)
      yaml_paths.push_back(path);
    else
      files.emplace_back(path, format);
  }

  std::vector<InputGroup> groups;
  if (!yaml_paths.empty()) groups.push_back({InputFormat::kYaml, yaml_paths});
  std::map<ofac::ListKind, size_t> csv_groups;  // list kind -> index in groups
  for (auto& [file, format] : files) {
    if (format != InputFormat::kOfacCsv) {
      groups.push_back({format, {file}});
      continue;
    }
    ofac::ListKind kind = ofac::ListKindOfFile(file);
    auto [it, inserted] = csv_groups.emplace(kind, groups.size());
    if (inserted) groups.push_back({format, {}});
    groups[it->second].paths.push_back(file);
  }
  return groups;
}

StatusOr<std::vector<Batch>> ReadInputs(const std::vector<std::string>& paths,
                                        const InputOptions& options) {
  auto groups = PlanInputs(paths, options);
  if (!groups.ok()) return groups.status();
  if (!options.dataset.empty() && groups->size() > 1)
    return absl::InvalidArgumentError(
        fmt::format("--dataset names one dataset, but these files make {}: load them separately",
                    groups->size()));
  if (options.curated_mode == CuratedMode::kMerge &&
      std::none_of(groups->begin(), groups->end(),
                   [](const InputGroup& g) { return g.format == InputFormat::kYaml; }))
    return absl::InvalidArgumentError(
        "merge applies to curated YAML files; an official list or event data always replaces "
        "its stored version");
  std::unique_ptr<ProvinceIndex> provinces;
  bool events = std::any_of(groups->begin(), groups->end(), [](const InputGroup& g) {
    return g.format == InputFormat::kUcdpGeoJson || g.format == InputFormat::kUcdpCsv ||
           g.format == InputFormat::kAcledCsv;
  });
  if (events && !options.boundaries.empty()) {
    auto loaded = ProvinceIndex::Load(options.boundaries);
    if (!loaded.ok())
      return Status(loaded.status().code(),
                    fmt::format("boundaries: {}", std::string(loaded.status().message())));
    provinces = std::move(*loaded);
  }
  EventReadOptions event_options;
  event_options.dataset = options.dataset;
  event_options.provinces = provinces.get();
  std::vector<Batch> batches;
  Status first_failure;
  std::string messages;
  for (const auto& group : *groups) {
    StatusOr<Batch> batch = absl::UnknownError("unread");
    switch (group.format) {
      case InputFormat::kYaml: {
        DatasetReadOptions read;
        read.dataset_name = options.dataset.empty() ? "curated" : options.dataset;
        read.texts_dir = options.texts_dir;
        read.mode = options.curated_mode;
        batch = ReadYamlDataset(group.paths, read);
        break;
      }
      case InputFormat::kUnXml: {
        UnReadOptions read;
        if (!options.dataset.empty()) read.dataset_name = options.dataset;
        batch = ReadUnList(group.paths[0], read);
        break;
      }
      case InputFormat::kOfacXml:
        batch = ReadOfacXml(group.paths[0], {options.dataset});
        break;
      case InputFormat::kOfacCsv:
        batch = options.stream_lists ? OpenOfacCsv(group.paths, {options.dataset})
                                     : ReadOfacCsv(group.paths, {options.dataset});
        break;
      case InputFormat::kUcdpGeoJson:
        batch = ReadUcdpGeoJson(group.paths[0], event_options);
        break;
      case InputFormat::kUcdpCsv:
        batch = ReadUcdpCsv(group.paths[0], event_options);
        break;
      case InputFormat::kAcledCsv:
        batch = ReadAcledCsv(group.paths[0], event_options);
        break;
    }
    if (!batch.ok()) {
      if (first_failure.ok()) first_failure = batch.status();
      internal::AppendJoined(&messages, "\n", std::string(batch.status().message()));
      continue;
    }
    batches.push_back(std::move(*batch));
  }
  if (!first_failure.ok()) return Status(first_failure.code(), messages);
  std::map<std::string, const Batch*> names;
  for (const auto& b : batches) {
    auto [it, inserted] = names.emplace(b.dataset, &b);
    if (!inserted) {
      std::string a, c;
      for (const auto& f : it->second->files) internal::AppendJoined(&a, ", ", f);
      for (const auto& f : b.files) internal::AppendJoined(&c, ", ", f);
      return absl::InvalidArgumentError(fmt::format(
          "two inputs make the same dataset '{}' ({}; and {}): load one version of a list at "
          "a time",
          b.dataset, a, c));
    }
  }
  return batches;
}

}  // namespace vigil
