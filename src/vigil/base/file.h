// Reading whole files, and writing files so that no reader ever sees half
// of one, with errors that name the path.
//
//   auto text = ReadFile("list.xml");
//
//   auto out = AtomicFile::Create("results.csv");   // a new temporary beside it
//   (*out)->stream() << rows;
//   Status s = (*out)->Commit();                   // flushed, synced, renamed over
//
// AtomicFile creates its temporary with a unique name in the target's
// folder, exclusively and without following symbolic links (a link planted
// at any name cannot redirect the write), and renames it over the target
// only on Commit(): the target keeps its old content until then, two
// writers never share a temporary, and an AtomicFile destroyed without
// Commit() removes its temporary. Front ends that want the temporaries
// removed when the process is interrupted call RemoveTemporariesOnSignal()
// once at start-up (SIGINT, SIGTERM, SIGHUP); the library never installs
// signal handlers by itself.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil {

// The bytes of a file; NotFound / InvalidArgument naming the path on failure.
StatusOr<std::string> ReadFile(const std::string& path);

class AtomicFile {
 public:
  // InvalidArgument naming the path when its folder cannot take a new file.
  static StatusOr<std::unique_ptr<AtomicFile>> Create(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream();
  // Flushes, syncs and renames the temporary over the target. Once only.
  Status Commit();
  const std::string& path() const { return path_; }
  const std::string& temporary_path() const { return temporary_; }

 private:
  class Buffer;
  AtomicFile(std::string path, std::string temporary, int fd);
  void Discard();

  std::string path_, temporary_;
  int fd_ = -1;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
  int registry_slot_ = -1;
  bool done_ = false;
};

// Create(), write bytes, Commit().
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// A regular file's bytes mapped read-only, for large files read once and
// decoded (the screening snapshot): no copy, and the pages come from the
// page cache in one call instead of a fault each. A file replaced by an
// AtomicFile while mapped stays as it was for the mapping (the rename
// leaves the old bytes in place until unmapped).
class MappedFile {
 public:
  // NotFound naming the path when it cannot be opened; InvalidArgument
  // when it is not a regular file or cannot be mapped.
  static StatusOr<MappedFile> Open(const std::string& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every
// uncommitted AtomicFile temporary, then end the process as the signal
// would have. Idempotent.
void RemoveTemporariesOnSignal();

}  // namespace vigil
