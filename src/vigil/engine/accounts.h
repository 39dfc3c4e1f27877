// API tokens and their roles: who may do what through the HTTP API.
//
//   auto token = engine.accounts().Create({.name = "desk-1", .role = Role::kScreener});
//   std::cout << token->secret;            // shown once; only a hash is kept
//   auto who = engine.accounts().Authenticate("vigil_3f9a..._Xk2...");
//   if (who.ok() && Allows(who->role, Role::kScreener)) ...
//
// A token reads "vigil_<public id>_<secret>": the public id (12 hex digits)
// finds the row, the secret (32 random bytes, base64url) is checked against
// a salted BLAKE2b hash (libsodium) in constant time. Revoked tokens fail
// at once. Roles are ordered: each has the rights of the ones before it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/account_store.h"

namespace vigil {

enum class Role {
  kReader = 0,    // knowledge base and analysis
  kScreener = 1,  // also screening, decisions, monitors
  kAnalyst = 2,   // also writes to the knowledge base
  kAdmin = 3,     // also tokens, list updates, the audit log
};

// "reader" | "screener" | "analyst" | "admin"; a field error on "role"
// otherwise.
StatusOr<Role> ParseRole(std::string_view text);
std::string_view RoleName(Role role);
inline bool Allows(Role have, Role need) { return static_cast<int>(have) >= static_cast<int>(need); }

struct TokenInfo {
  std::string name;
  Role role = Role::kReader;
  std::string public_id, created_at;
  std::optional<std::string> revoked_at;
};

struct NewToken {
  TokenInfo info;
  std::string secret;  // the whole token, "vigil_<id>_<secret>"; never stored
};

struct TokenRequest {
  std::string name;  // 1-64 letters, digits, '-', '_', '.', '@'
  Role role = Role::kReader;
};

class Accounts {
 public:
  explicit Accounts(store::AccountStore& store) : store_(store) {}

  StatusOr<NewToken> Create(const TokenRequest& request);
  StatusOr<std::vector<TokenInfo>> List();
  Status Revoke(const std::string& name);
  // The token's owner, or Unauthenticated (malformed, unknown, wrong secret
  // or revoked: one message for all, so that probing learns nothing).
  StatusOr<TokenInfo> Authenticate(std::string_view token);

 private:
  store::AccountStore& store_;
};

}  // namespace vigil
