// The accounts area of the store (store/store.h): API tokens and the
// hash-chained audit log. The engine decides what to write (engine/
// accounts.h, engine/audit.h); the store keeps it and keeps the chain
// unbroken under concurrent writers (AppendAudit computes each hash inside
// the transaction that inserts the row).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"

namespace vigil::store {

struct TokenRecord {
  std::string name, role, public_id;
  std::string salt, hash;  // raw bytes
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// The list holder's secret of one private-matching epoch (psi/exchange.h).
struct PsiEpochRecord {
  std::string id;  // public, names the setup
  std::string list, mode;
  std::string secret;  // the OPRF key, raw bytes
  std::string created_at;
  std::optional<std::string> retired_at;  // when a newer setup replaced it
  bool verifiable = false;                // RFC 9497 VOPRF mode: responses carry a proof
};

// One row of the audit log as appended: the store assigns seq and the
// hashes. detail is canonical JSON text.
struct AuditEntry {
  std::string at;  // UTC, ISO 8601 with milliseconds
  std::string actor, action, detail;
};

struct AuditRecord {
  int64_t seq = 0;
  std::string at, actor, action, detail, prev_hash, hash;
};

// The chain hash of a row: SHA-256 (hex) over its fields and the previous
// row's hash. The first row's previous hash is 64 zeros.
std::string AuditHash(int64_t seq, const AuditEntry& entry, const std::string& prev_hash);
inline constexpr char kAuditGenesis[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // AlreadyExists when the name is taken.
  virtual Status InsertToken(const TokenRecord& token) = 0;
  virtual StatusOr<std::optional<TokenRecord>> FindToken(const std::string& public_id) = 0;
  virtual StatusOr<std::vector<TokenRecord>> ListTokens() = 0;
  // NotFound when no live token has the name.
  virtual Status RevokeToken(const std::string& name, const std::string& at) = 0;

  // Keeps a new private-matching epoch and retires (at its created_at) the
  // live epochs of the same list and mode, in one transaction.
  virtual Status InsertPsiEpoch(const PsiEpochRecord& epoch) = 0;
  virtual StatusOr<std::optional<PsiEpochRecord>> FindPsiEpoch(const std::string& id) = 0;
  // The live (not retired) epoch of a list and mode, if any.
  virtual StatusOr<std::optional<PsiEpochRecord>> LivePsiEpoch(const std::string& list,
                                                               const std::string& mode) = 0;
  // Every live epoch, by list and mode.
  virtual StatusOr<std::vector<PsiEpochRecord>> LivePsiEpochs() = 0;

  // Appends entries in order, in one transaction; returns the seq of each.
  virtual StatusOr<std::vector<int64_t>> AppendAudit(const std::vector<AuditEntry>& entries) = 0;
  // "SEQ:HASH" of the last row appended, kept apart from the rows; "" when
  // none was.
  virtual StatusOr<std::string> AuditHead() = 0;
  // Rows with from <= at < to (empty bounds: open), in seq order, handed to
  // visit one at a time (the log may be large); visit returns false to stop.
  virtual Status ReadAudit(const std::string& from, const std::string& to,
                           const std::function<bool(const AuditRecord&)>& visit) = 0;
};

}  // namespace vigil::store
