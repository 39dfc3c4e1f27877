// Engine: opening the store, and loading datasets into it.
#include "vigil/engine/engine.h"
#include "vigil/engine/reading_dataset.h"

#include <fmt/format.h>

#include <filesystem>

#include "vigil/engine/curated_merge.h"
#include "vigil/engine/dataset_changes.h"
#include "vigil/engine/event_linking.h"
#include "vigil/engine/linking.h"
#include "vigil/ingest/events/provinces.h"
#include "vigil/ingest/inputs.h"

namespace vigil {

StatusOr<std::unique_ptr<Engine>> Engine::Open(const std::string& db_path, store::AccessMode mode) {
  auto opened = store::OpenStore(db_path, mode);
  if (!opened.ok()) return opened.status();
  return std::unique_ptr<Engine>(new Engine(std::move(*opened)));
}

AuditLog& Engine::audit() {
  std::call_once(audit_once_, [this] { audit_ = std::make_unique<AuditLog>(*store_); });
  return *audit_;
}

namespace {

InputOptions InputsOf(const LoadOptions& options) {
  InputOptions inputs;
  inputs.format = options.format.empty() ? "auto" : options.format;
  inputs.dataset = options.dataset;
  inputs.texts_dir = options.texts_dir;
  // Event data: the boundaries given, or those installed with the UI.
  std::error_code ec;
  inputs.boundaries = !options.boundaries.empty()
                          ? options.boundaries
                          : DefaultBoundariesPath(
                                std::filesystem::read_symlink("/proc/self/exe", ec).string());
  inputs.curated_mode = options.curated_mode;
  return inputs;
}

}  // namespace

StatusOr<std::vector<Batch>> Engine::ReadAll(const std::vector<std::string>& paths,
                                             const LoadOptions& options) {
  return ReadInputs(paths, InputsOf(options));
}

StatusOr<Batch> Engine::Read(const std::vector<std::string>& paths,
                             const LoadOptions& options) {
  auto batches = ReadAll(paths, options);
  if (!batches.ok()) return batches.status();
  if (batches->size() != 1)
    return absl::InvalidArgumentError(fmt::format(
        "these files make {} datasets; load them one dataset at a time", batches->size()));
  return std::move(batches->front());
}

StatusOr<LoadReport> Engine::Apply(const Batch& batch, const LoadOptions& options) {
  auto reports = ApplyAll({batch}, options);
  if (!reports.ok()) return reports.status();
  return std::move(reports->front());
}

StatusOr<std::vector<LoadReport>> Engine::ApplyAll(const std::vector<Batch>& batches,
                                                   const LoadOptions& options) {
  std::vector<const Batch*> pointers;
  for (const auto& b : batches) pointers.push_back(&b);
  // Articles read and accepted proposals refer to other datasets' entities:
  // written again after any load that rewrites another dataset, in the same
  // transaction (engine/reading_dataset.h).
  std::optional<Batch> reading;
  std::string versions;
  for (const auto& b : batches)
    if (b.dataset != kReadingDataset) versions += b.dataset + "=" + b.version + ";";
  if (!versions.empty()) {
    auto made = internal::ReadingDataset(*store_, versions);
    if (!made.ok()) return made.status();
    reading = std::move(*made);
    if (reading) pointers.push_back(&*reading);
  }
  std::vector<std::optional<DatasetChanges>> changes(pointers.size());
  std::optional<internal::LinkSummary> links;
  store::ApplyHooks hooks;
  hooks.prepare = [&options](store::LoadTransaction& tx,
                             const Batch& batch) -> StatusOr<std::optional<Batch>> {
    if (!batch.merge) return std::optional<Batch>();
    auto merged = internal::MergeIntoStored(tx, batch, options.texts_dir);
    if (!merged.ok()) return merged.status();
    return std::optional<Batch>(std::move(*merged));
  };
  // Each new version is compared with the stored one as it is written, and
  // refused (the whole load rolled back) once it is known whole.
  std::vector<std::optional<internal::DatasetComparison>> comparisons(pointers.size());
  hooks.before_write = [&comparisons](store::LoadTransaction& tx, size_t index,
                                      const Batch& batch) -> Status {
    auto started = internal::DatasetComparison::Start(tx, batch);
    if (!started.ok()) return started.status();
    comparisons[index] = std::move(*started);
    return absl::OkStatus();
  };
  hooks.on_entity = [&comparisons](size_t index, const Entity& e) { comparisons[index]->Add(e); };
  hooks.after_batch = [&options, &comparisons, &changes](store::LoadTransaction&, size_t index,
                                                         const Batch& batch) -> Status {
    changes[index] = std::move(*comparisons[index]).Finish();
    comparisons[index].reset();
    return internal::CheckReplacement(batch, *changes[index], options);
  };
  std::optional<internal::EventLinkSummary> event_links;
  hooks.after_write = [&links, &event_links](store::LoadTransaction& tx) -> Status {
    auto summary = internal::RecomputeLinks(tx);
    if (!summary.ok()) return summary.status();
    links = std::move(*summary);
    auto actors = internal::RecomputeEventLinks(tx);
    if (!actors.ok()) return actors.status();
    event_links = std::move(*actors);
    return absl::OkStatus();
  };
  auto written = store_->ApplyBatches(pointers, hooks);
  if (!written.ok()) return written.status();
  std::vector<LoadReport> reports;
  bool warned = false;  // linking warnings go to the first report written
  for (size_t i = 0; i < written->size(); ++i) {
    LoadReport report;
    static_cast<store::DatasetWriteRecord&>(report) = std::move((*written)[i]);
    if (!report.unchanged) {
      report.changes = std::move(changes[i]);
      if (event_links && event_links->actors > 0 && report.counts.count("events") &&
          report.kind != "curated")
        report.actor_links = ActorLinkCounts{event_links->actors, event_links->linked,
                                             event_links->suggested, event_links->unlinked};
      if (links) {
        report.links = links->counts;
        if (!warned && !links->warnings.empty()) {
          warned = true;
          for (const auto& w : links->warnings) report.warnings.push_back("linking: " + w);
          report.warning_counts["link_refused"] += static_cast<int64_t>(links->warnings.size());
        }
      }
    }
    reports.push_back(std::move(report));
  }
  RescreenAfterLoad(&reports);
  return reports;
}

StatusOr<LoadReport> Engine::Load(const std::vector<std::string>& paths,
                                  const LoadOptions& options) {
  auto batch = Read(paths, options);
  if (!batch.ok()) return batch.status();
  return Apply(*batch, options);
}

StatusOr<std::vector<LoadReport>> Engine::LoadFiles(const std::string& db_path,
                                                    const std::vector<std::string>& paths,
                                                    const LoadOptions& options) {
  // Lists are read as they are written: the largest need not be held whole.
  InputOptions inputs = InputsOf(options);
  inputs.stream_lists = true;
  auto batches = ReadInputs(paths, inputs);
  if (!batches.ok()) return batches.status();
  std::error_code ec;
  bool stored = store::IsPostgresLocation(db_path) || std::filesystem::exists(db_path, ec);
  if (!stored)  // nothing to merge into: check parts alone
    for (const auto& batch : *batches)
      if (batch.merge)
        if (auto alone = internal::MergeIntoNothing(batch, options.texts_dir); !alone.ok())
          return alone.status();
  StatusOr<std::vector<LoadReport>> reports = absl::UnknownError("not loaded");
  {
    auto engine = Open(db_path, store::AccessMode::kReadWrite);
    if (!engine.ok()) return engine.status();
    reports = (*engine)->ApplyAll(*batches, options);
  }
  // A list's records are checked as they are written: a database that this
  // load created is removed when they fail, as though never made.
  if (!reports.ok() && !stored)
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
      std::filesystem::remove(db_path + suffix, ec);
  return reports;
}

}  // namespace vigil
