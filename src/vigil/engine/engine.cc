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

StatusOr<std::vector<Batch>> Engine::ReadAll(const std::vector<std::string>& paths,
                                             const LoadOptions& options) {
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
  return ReadInputs(paths, inputs);
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
  hooks.before_write = [&options, &changes](store::LoadTransaction& tx, size_t index,
                                            const Batch& batch) -> Status {
    auto compared = internal::CompareWithStored(tx, batch);
    if (!compared.ok()) return compared.status();
    if (auto s = internal::CheckReplacement(batch, *compared, options); !s.ok()) return s;
    changes[index] = std::move(*compared);
    return absl::OkStatus();
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
  auto batches = ReadAll(paths, options);
  if (!batches.ok()) return batches.status();
  std::error_code ec;
  bool stored = store::IsPostgresLocation(db_path) || std::filesystem::exists(db_path, ec);
  if (!stored)  // nothing to merge into: check parts alone
    for (const auto& batch : *batches)
      if (batch.merge)
        if (auto alone = internal::MergeIntoNothing(batch, options.texts_dir); !alone.ok())
          return alone.status();
  auto engine = Open(db_path, store::AccessMode::kReadWrite);
  if (!engine.ok()) return engine.status();
  return (*engine)->ApplyAll(*batches, options);
}

}  // namespace vigil
