// List updates while the engine serves: which screening snapshot is served
// (ScreeningSnapshotInfo), and a list file given as bytes (ListUpload, the
// body of POST /v1/lists) rather than as a path.
//
//   engine->WatchStore(std::chrono::milliseconds(1000));  // picks up `vigil load`
//   ListUpload upload;  upload.body = xml;
//   auto reports = engine->LoadUpload(upload);              // loads, then swaps
//   ScreeningSnapshotInfo served = engine->SnapshotInfo();  // generation, loaded_at
//
// The swap: the engine keeps the screening snapshot (ScreeningService) it
// serves behind one shared pointer. When the store's generation (raised by
// every load that changes a dataset, in this process or another) differs
// from the one the snapshot was built at, a new snapshot is built beside
// the old one, off the request path, and the pointer is replaced
// atomically. A request holds the snapshot it started with until it ends,
// so requests in flight finish on the old one and none waits for the
// build. Docs: docs/api.md ("List updates"), docs/lists.md.
#pragma once

#include <cstdint>
#include <string>

namespace vigil {

// The screening snapshot being served.
struct ScreeningSnapshotInfo {
  bool built = false;       // false until the first screening (or PrepareScreening)
  int64_t generation = 0;   // the store's generation it was built at
  std::string loaded_at;    // when it began to be served (UTC, ISO 8601)
  double build_ms = 0;      // reading and building it (or reading its cache)
  bool from_cache = false;  // read back from the store's snapshot cache
  int64_t swaps = 0;        // snapshots replaced since the engine opened
};

// A list upload is refused above this size (413).
inline constexpr size_t kMaxListUploadBytes = 64 << 20;

// One official list file, as bytes.
struct ListUpload {
  std::string body;
  std::string format = "auto";   // auto | un-xml | ofac-xml | ofac-csv
  std::string label = "upload";  // names the file in messages and in the stored dataset
  bool allow_older = false;      // LoadOptions::allow_older
  bool allow_shrink = false;     // LoadOptions::allow_shrink
};

}  // namespace vigil
