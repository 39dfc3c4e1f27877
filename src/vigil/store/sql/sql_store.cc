// SqlStore: connections per thread, store identity.
#include "vigil/store/sql/sql_store.h"

#include <string>

namespace vigil::store::sql {

SqlStore::~SqlStore() = default;

StatusOr<Connection*> SqlStore::ThreadConnection() {
  std::lock_guard lock(mutex_);
  auto& slot = connections_[std::this_thread::get_id()];
  if (!slot) {
    auto db = OpenConnection();
    if (!db.ok()) {
      connections_.erase(std::this_thread::get_id());
      return db.status();
    }
    slot = std::move(*db);
  }
  return slot.get();
}

StatusOr<std::string> SqlStore::StoreId() {
  auto db = ThreadConnection();
  if (!db.ok()) return db.status();
  return (*db)->Info("store_id");
}

StatusOr<int64_t> SqlStore::Generation() {
  auto db = ThreadConnection();
  if (!db.ok()) return db.status();
  std::string value = (*db)->Info("generation");
  return value.empty() ? 0 : std::stoll(value);
}

}  // namespace vigil::store::sql
