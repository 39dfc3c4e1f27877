// store::OpenStore: the backend a location names.
#include <string_view>

#include "vigil/store/postgres/postgres_store.h"
#include "vigil/store/sqlite/sqlite_store.h"
#include "vigil/store/store.h"

namespace vigil::store {

bool IsPostgresLocation(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string DisplayLocation(std::string_view location) {
  return IsPostgresLocation(location) ? postgres::Redacted(location) : std::string(location);
}

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& location, AccessMode mode) {
  if (IsPostgresLocation(location)) {
    auto store = postgres::PostgresStore::Open(location, mode);
    if (!store.ok()) return store.status();
    return std::unique_ptr<Store>(std::move(*store));
  }
  auto store = sqlite::SqliteStore::Open(location, mode);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace vigil::store
