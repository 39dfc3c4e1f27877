// SqliteStore: opening the file's connections, and leaving write-ahead-log
// mode when a server's store closes.
#include "vigil/store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <filesystem>

namespace vigil::store::sqlite {

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, AccessMode mode) {
  if (mode == AccessMode::kReadOnly && !std::filesystem::exists(path))
    return absl::NotFoundError(
        fmt::format("{}: no such database; run 'vigil load data/' first (or pass --db)", path));
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, mode));
  auto first = store->ThreadConnection();
  if (!first.ok()) return first.status();
  return store;
}

SqliteStore::~SqliteStore() {
  auto& open = connections();
  if (mode() != AccessMode::kShared || open.empty()) return;
  // Back to the rollback journal, on the last connection, so that the file
  // at rest needs no -wal/-shm beside it; when another process still has
  // the store open the switch fails at once and the next writer makes it.
  auto last = std::move(open.begin()->second);
  open.clear();
  static_cast<SqliteConnection&>(*last).LeaveSharedMode();
}

StatusOr<std::unique_ptr<sql::Connection>> SqliteStore::OpenConnection() {
  using Mode = SqliteConnection::Mode;
  auto db = SqliteConnection::Open(location(), mode() == AccessMode::kReadOnly ? Mode::kReadOnly
                                               : mode() == AccessMode::kShared ? Mode::kShared
                                                                               : Mode::kReadWrite);
  if (!db.ok()) return db.status();
  return std::unique_ptr<sql::Connection>(std::move(*db));
}

}  // namespace vigil::store::sqlite
