// For SqlStore's area files: the calling thread's connection as a
// Connection& named `db`, or the method returns the error of opening it.
//
//   StatusOr<X> SqlStore::Method() {
//     VIGIL_SQL_CONNECTION(db);
//     Statement st(db, "SELECT ...");
#pragma once

#define VIGIL_SQL_CONNECTION(db)                 \
  auto db##_connection = ThreadConnection();        \
  if (!db##_connection.ok()) return db##_connection.status(); \
  ::vigil::store::sql::Connection& db = **db##_connection
