// The audit chain's hash, the same for every backend.
#include "vigil/store/account_store.h"

#include <fmt/format.h>

#include "vigil/base/sha256.h"

namespace vigil::store {

std::string AuditHash(int64_t seq, const AuditEntry& entry, const std::string& prev_hash) {
  // Fields joined by a byte that JSON text and timestamps never contain.
  Sha256 hash;
  hash.Update(fmt::format("vigil-audit-1\x1f{}\x1f", seq));
  for (const std::string* field : {&entry.at, &entry.actor, &entry.action, &entry.detail}) {
    hash.Update(*field);
    hash.Update("\x1f");
  }
  hash.Update(prev_hash);
  return hash.FinishHex();
}

}  // namespace vigil::store
