// PostgresStore: a connection per thread to the database its URI names.
#include "vigil/store/postgres/postgres_store.h"

namespace vigil::store::postgres {

StatusOr<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& uri,
                                                             AccessMode mode) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(uri, mode));
  auto first = store->ThreadConnection();
  if (!first.ok()) return first.status();
  return store;
}

PostgresStore::~PostgresStore() = default;

StatusOr<std::unique_ptr<sql::Connection>> PostgresStore::OpenConnection() {
  auto db = PostgresConnection::Open(uri_, mode() == AccessMode::kReadOnly
                                               ? PostgresConnection::Mode::kReadOnly
                                               : PostgresConnection::Mode::kReadWrite);
  if (!db.ok()) return db.status();
  return std::unique_ptr<sql::Connection>(std::move(*db));
}

}  // namespace vigil::store::postgres
