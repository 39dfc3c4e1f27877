// store::OpenStore: the backend a location names.
#include "vigil/store/sqlite/sqlite_store.h"
#include "vigil/store/store.h"

namespace vigil::store {

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& location, AccessMode mode) {
  auto store = sqlite::SqliteStore::Open(location, mode);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace vigil::store
