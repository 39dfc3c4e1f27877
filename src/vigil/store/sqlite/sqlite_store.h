// The SQLite backend of store::Store: one file, and SqlStore's queries on a
// SqliteConnection per thread. The file rests in rollback-journal mode; a
// kShared store (a server) runs in write-ahead-log mode until it closes.
//
//   auto store = SqliteStore::Open("vigil.db", store::AccessMode::kReadWrite);
#pragma once

#include <memory>
#include <string>

#include "vigil/store/sql/sql_store.h"
#include "vigil/store/sqlite/sqlite_connection.h"

namespace vigil::store::sqlite {

class SqliteStore final : public sql::SqlStore {
 public:
  // Opens (and for kReadWrite creates and migrates) the database file; the
  // calling thread's connection is the one opened here. kReadOnly: NotFound
  // when the file does not exist.
  static StatusOr<std::unique_ptr<SqliteStore>> Open(const std::string& path, AccessMode mode);
  ~SqliteStore() override;

  std::string ScreeningCachePath() const override { return location() + ".screening"; }

 private:
  using SqlStore::SqlStore;
  StatusOr<std::unique_ptr<sql::Connection>> OpenConnection() override;
};

}  // namespace vigil::store::sqlite
