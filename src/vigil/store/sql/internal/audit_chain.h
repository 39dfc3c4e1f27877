// For SqlStore's area files: appending rows to the audit chain inside a
// transaction the caller holds (accounts.cc's AppendAudit, and writes that
// must land with their audit row, such as decisions in monitoring.cc).
#pragma once

#include <cstdint>
#include <vector>

#include "vigil/store/account_store.h"
#include "vigil/store/sql/connection.h"

namespace vigil::store::sql::internal {

// Appends entries after the last row, each hash chained to the one before,
// and moves the head; the seq of each. The caller's transaction must be
// open (BEGIN IMMEDIATE, so that no other writer appends in between).
StatusOr<std::vector<int64_t>> AppendAuditRows(Connection& db,
                                               const std::vector<AuditEntry>& entries);

}  // namespace vigil::store::sql::internal
