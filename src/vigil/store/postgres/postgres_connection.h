// The PostgreSQL backend of the neutral SQL layer (store/sql/connection.h),
// over libpq: one connection to a database named by a URI
// (postgresql://user:password@host:port/database?options), its migrations
// (schema/NNNN_*.sql, numbered in step with store/sqlite/schema/) and
// server-side prepared statements.
//
// The schema version is the row of table vigil_schema. Open() migrates
// inside one transaction holding an advisory lock, so that processes
// starting together on a new database do not race; a read-only Open() of a
// database without vigil's current schema is NotFound. Messages name the
// database by its URI without the password (Redacted).
//
//   auto db = PostgresConnection::Open("postgresql://localhost/vigil");
//   sql::Statement q(**db, "SELECT key FROM entities WHERE kind = ?");
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/sql/connection.h"

namespace vigil::store::postgres {

// The URI with its password (user:password@, or password=... among the
// options) removed, for messages.
std::string Redacted(std::string_view uri);

// SQL with `?` and `?N` placeholders (SQLite's) spelled $1..$n; text
// inside quotes and comments is left as it is. *used: for each parameter
// number up to the highest, whether the SQL names it.
std::string NumberPlaceholders(std::string_view sql, std::vector<bool>* used);

class PostgresConnection final : public sql::Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Connects and (kReadWrite) creates or migrates vigil's schema.
  // InvalidArgument, with nothing written, when the database holds tables
  // but not vigil's.
  static StatusOr<std::unique_ptr<PostgresConnection>> Open(const std::string& uri,
                                                            Mode mode = Mode::kReadWrite);
  ~PostgresConnection() override;

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  Status Execute(std::string_view sql) override;
  Status BeginWrite() override;
  // pg_advisory_xact_lock: held by this transaction until it ends.
  Status Lock(sql::WriteLock lock) override;
  // SET CONSTRAINTS ALL IMMEDIATE: the deferred references are checked now.
  Status CheckReferences() override;
  // setval of the table's identity sequence (its column id) to MAX(id) + 1.
  Status RestartIds(std::string_view table) override;
  int SchemaVersion() const override { return schema_version_; }
  static int LatestSchemaVersion();
  PGconn* handle() const { return conn_; }
  // An InternalError naming the database, what failed and libpq's message.
  Status Error(std::string_view what, const PGresult* result = nullptr) const;

 private:
  PostgresConnection(PGconn* conn, std::string location)
      : sql::Connection(std::move(location)), conn_(conn) {}
  StatusOr<std::unique_ptr<sql::Cursor>> Prepare(const std::string& sql) const override;
  Status Migrate(bool read_only);
  StatusOr<int> StoredVersion(bool* has_table);

  PGconn* conn_;
  int schema_version_ = 0;
  mutable int64_t prepared_ = 0;  // names prepared statements: s1, s2...
};

}  // namespace vigil::store::postgres
