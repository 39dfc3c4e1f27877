// For SqliteStore's area files: the calling thread's connection as a
// Database& named `db`, or the method returns the error of opening it.
//
//   StatusOr<X> SqliteStore::Method() {
//     VIGIL_SQLITE_CONNECTION(db);
//     Statement st(db, "SELECT ...");
#pragma once

#define VIGIL_SQLITE_CONNECTION(db)                 \
  auto db##_connection = Connection();              \
  if (!db##_connection.ok()) return db##_connection.status(); \
  ::vigil::Database& db = **db##_connection
