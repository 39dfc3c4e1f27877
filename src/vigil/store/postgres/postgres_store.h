// The PostgreSQL backend of store::Store: SqlStore's queries on a
// PostgresConnection per thread, to one database that several processes
// (vigil serve on several machines, vigil load) share. The screening
// snapshot is not cached in a file: each process builds its own.
//
//   auto store = PostgresStore::Open("postgresql://db.example/vigil", AccessMode::kShared);
#pragma once

#include <memory>
#include <string>

#include "vigil/store/postgres/postgres_connection.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::postgres {

class PostgresStore final : public sql::SqlStore {
 public:
  // Connects (and for kReadWrite and kShared creates and migrates vigil's
  // schema); the calling thread's connection is the one opened here.
  // location() is the URI without its password.
  static StatusOr<std::unique_ptr<PostgresStore>> Open(const std::string& uri, AccessMode mode);
  ~PostgresStore() override;

  std::string ScreeningCachePath() const override { return ""; }

 private:
  PostgresStore(std::string uri, AccessMode mode)
      : SqlStore(Redacted(uri), mode), uri_(std::move(uri)) {}
  StatusOr<std::unique_ptr<sql::Connection>> OpenConnection() override;

  std::string uri_;
};

}  // namespace vigil::store::postgres
