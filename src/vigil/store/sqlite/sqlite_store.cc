// SqliteStore: connections per thread, store identity.
#include "vigil/store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <filesystem>

namespace vigil::store {

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& location, AccessMode mode) {
  auto store = SqliteStore::Open(location, mode);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(*store));
}

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, AccessMode mode) {
  if (mode == AccessMode::kReadOnly && !std::filesystem::exists(path))
    return absl::NotFoundError(
        fmt::format("{}: no such database; run 'vigil load data/' first (or pass --db)", path));
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, mode));
  auto first = store->Connection();
  if (!first.ok()) return first.status();
  return store;
}

SqliteStore::~SqliteStore() {
  if (mode_ != AccessMode::kShared || connections_.empty()) return;
  // Back to the rollback journal, on the last connection, so that the file
  // at rest needs no -wal/-shm beside it; when another process still has
  // the store open the switch fails at once and the next writer makes it.
  auto last = std::move(connections_.begin()->second);
  connections_.clear();
  last->LeaveSharedMode();
}

StatusOr<Database*> SqliteStore::Connection() {
  std::lock_guard lock(mutex_);
  auto& slot = connections_[std::this_thread::get_id()];
  if (!slot) {
    auto db = Database::Open(path_, mode_ == AccessMode::kReadOnly ? Database::Mode::kReadOnly
                                    : mode_ == AccessMode::kShared ? Database::Mode::kShared
                                                                   : Database::Mode::kReadWrite);
    if (!db.ok()) {
      connections_.erase(std::this_thread::get_id());
      return db.status();
    }
    slot = std::move(*db);
  }
  return slot.get();
}

StatusOr<std::string> SqliteStore::StoreId() {
  auto db = Connection();
  if (!db.ok()) return db.status();
  return (*db)->Info("store_id");
}

StatusOr<int64_t> SqliteStore::Generation() {
  auto db = Connection();
  if (!db.ok()) return db.status();
  std::string value = (*db)->Info("generation");
  return value.empty() ? 0 : std::stoll(value);
}

}  // namespace vigil::store
