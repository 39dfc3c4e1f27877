// The screening snapshot an Engine serves, and replacing it when the store
// changes: built beside the old one, then swapped atomically
// (engine/list_swap.h); list files loaded from bytes (POST /v1/lists).
#include <fmt/format.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>

#include "vigil/base/clock.h"
#include "vigil/base/file.h"
#include "vigil/engine/engine.h"
#include "vigil/ingest/detect.h"
#include "vigil/match/threads.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

// A folder of its own under the system's temporary folder, removed with
// this object.
class TempFolder {
 public:
  static StatusOr<TempFolder> Make() {
    std::string pattern = (fs::temp_directory_path() / "vigil-upload-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      return absl::InternalError("cannot make a temporary folder for the upload");
    return TempFolder(pattern);
  }
  TempFolder(TempFolder&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempFolder(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit TempFolder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// The status with every mention of a temporary path replaced by the
// upload's label, and with code (when given) in place of its own.
Status Relabel(const Status& status, const std::string& path, const std::string& label,
               std::optional<absl::StatusCode> code = std::nullopt) {
  std::string message(status.message());
  for (size_t at = message.find(path); at != std::string::npos;
       at = message.find(path, at + label.size()))
    message.replace(at, path.size(), label);
  Status out(code.value_or(status.code()), message);
  status.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

}  // namespace

Engine::~Engine() { StopWatching(); }

StatusOr<std::shared_ptr<const ScreeningService>> Engine::Screening(unsigned threads) {
  if (auto current = screening_.load(std::memory_order_acquire)) return current;
  std::lock_guard lock(screening_mutex_);
  if (auto current = screening_.load(std::memory_order_acquire)) return current;
  if (auto s = BuildAndSwap(threads); !s.ok()) return s;
  return screening_.load(std::memory_order_acquire);
}

Status Engine::BuildAndSwap(unsigned threads) {
  // The generation is read first: a load that commits during the build
  // leaves the snapshot older than the generation it records, never newer,
  // so the next refresh builds again.
  auto generation = store_->Generation();
  if (!generation.ok()) return generation.status();
  auto start = std::chrono::steady_clock::now();
  auto built = ScreeningService::Build(*store_, match::WorkerThreads(threads));
  if (!built.ok()) return built.status();
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  bool from_cache = (*built)->stats().from_snapshot;
  bool replaced = screening_.load(std::memory_order_acquire) != nullptr;
  screening_.store(std::shared_ptr<const ScreeningService>(std::move(*built)),
                   std::memory_order_release);
  std::lock_guard lock(info_mutex_);
  info_.built = true;
  info_.generation = *generation;
  info_.loaded_at = UtcTimestamp();
  info_.build_ms = ms;
  info_.from_cache = from_cache;
  if (replaced) ++info_.swaps;
  return absl::OkStatus();
}

StatusOr<bool> Engine::RefreshScreening(unsigned threads) {
  std::lock_guard lock(screening_mutex_);
  if (!screening_.load(std::memory_order_acquire)) return false;  // the first use builds it
  auto generation = store_->Generation();
  if (!generation.ok()) return generation.status();
  {
    std::lock_guard info_lock(info_mutex_);
    if (*generation == info_.generation) return false;
  }
  if (auto s = BuildAndSwap(threads); !s.ok()) return s;
  return true;
}

void Engine::WatchStore(std::chrono::milliseconds interval, unsigned threads) {
  StopWatching();
  {
    std::lock_guard lock(watch_mutex_);
    watch_stop_ = false;
  }
  watcher_ = std::thread([this, interval, threads] {
    std::unique_lock lock(watch_mutex_);
    while (!watch_wake_.wait_for(lock, interval, [this] { return watch_stop_; })) {
      lock.unlock();
      // A failed refresh (the store busy past its timeout) keeps the
      // snapshot served and is tried again at the next interval.
      (void)RefreshScreening(threads);
      lock.lock();
    }
  });
}

void Engine::StopWatching() {
  {
    std::lock_guard lock(watch_mutex_);
    watch_stop_ = true;
  }
  watch_wake_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

ScreeningSnapshotInfo Engine::SnapshotInfo() const {
  std::lock_guard lock(info_mutex_);
  return info_;
}

StatusOr<std::vector<LoadReport>> Engine::LoadUpload(const ListUpload& upload) {
  if (upload.body.empty())
    return FieldError("body", "empty: send the list file as the request body");
  if (upload.body.size() > kMaxListUploadBytes)
    return absl::ResourceExhaustedError(fmt::format(
        "the list file is larger than {} bytes; load it with vigil load", kMaxListUploadBytes));
  if (upload.label.empty() || upload.label == "." || upload.label == ".." ||
      upload.label.find_first_of("/\\") != std::string::npos || upload.label.size() > 200)
    return FieldError("filename", fmt::format("'{}' is not a plain file name", upload.label));
  if (upload.format != "auto") {
    auto format = ParseFormatName(upload.format);
    if (!format.ok()) return FieldError("format", std::string(format.status().message()));
    if (*format == InputFormat::kYaml)
      return FieldError("format", "curated YAML is loaded with vigil load, not uploaded");
  }
  auto folder = TempFolder::Make();
  if (!folder.ok()) return folder.status();
  const std::string path = folder->path() + "/" + upload.label;
  if (auto s = WriteFileAtomically(path, upload.body); !s.ok())
    return Relabel(s, path, upload.label, absl::StatusCode::kInternal);
  LoadOptions options;
  options.format = upload.format;
  options.allow_older = upload.allow_older;
  options.allow_shrink = upload.allow_shrink;
  auto batches = ReadAll({path}, options);
  if (!batches.ok()) return Relabel(batches.status(), path, upload.label);
  for (auto& batch : *batches) {
    if (batch.kind == "curated" || batch.merge)
      return FieldError("body", "curated YAML is loaded with vigil load, not uploaded");
    batch.files = {upload.label};
  }
  auto reports = ApplyAll(*batches, options);
  // Refusals (an older version, too much removed) are about the stored
  // version, not about the file: 409 rather than 400.
  if (!reports.ok())
    return Relabel(reports.status(), path, upload.label,
                   reports.status().code() == absl::StatusCode::kInvalidArgument
                       ? std::optional(absl::StatusCode::kFailedPrecondition)
                       : std::nullopt);
  // The load is committed: a snapshot that cannot be built now (the store
  // busy) is built by the next refresh, and SnapshotInfo() says which is
  // served.
  (void)RefreshScreening();
  return reports;
}

}  // namespace vigil
