// Tokens: creation, listing, revocation, authentication (libsodium).
#include "vigil/engine/accounts.h"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <mutex>

#include "vigil/base/clock.h"
#include "vigil/base/sodium.h"

namespace vigil {
namespace {

constexpr std::string_view kPrefix = "vigil_";
constexpr size_t kPublicBytes = 6;   // 12 hex digits
constexpr size_t kSecretBytes = 32;
constexpr size_t kSaltBytes = 16;

std::string SecretHash(std::string_view secret, std::string_view salt) {
  std::string out(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size());
  return out;
}

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
          c == '@'))
      return false;
  return true;
}

StatusOr<TokenInfo> InfoOf(const store::TokenRecord& record) {
  auto role = ParseRole(record.role);
  if (!role.ok())
    return absl::InternalError(
        fmt::format("token '{}': {}", record.name, std::string(role.status().message())));
  return TokenInfo{record.name, *role, record.public_id, record.created_at, record.revoked_at};
}

}  // namespace

StatusOr<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::kReader, Role::kScreener, Role::kAnalyst, Role::kAdmin})
    if (RoleName(r) == text) return r;
  return FieldError("role", fmt::format("unknown role '{}' (reader, screener, analyst or admin)", text));
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kReader: return "reader";
    case Role::kScreener: return "screener";
    case Role::kAnalyst: return "analyst";
    case Role::kAdmin: return "admin";
  }
  return "reader";
}

StatusOr<NewToken> Accounts::Create(const TokenRequest& request) {
  if (auto s = InitSodium(); !s.ok()) return s;
  if (!ValidName(request.name))
    return FieldError("name", "a token name is 1 to 64 letters, digits, '-', '_', '.' or '@'");
  std::string secret = Base64Url(RandomBytes(kSecretBytes));
  store::TokenRecord record;
  record.name = request.name;
  record.role = std::string(RoleName(request.role));
  record.public_id = HexOf(RandomBytes(kPublicBytes));
  record.salt = RandomBytes(kSaltBytes);
  record.hash = SecretHash(secret, record.salt);
  record.created_at = UtcTimestamp();
  if (auto s = store_.InsertToken(record); !s.ok()) return s;
  NewToken token;
  token.info = {record.name, request.role, record.public_id, record.created_at, std::nullopt};
  token.secret = fmt::format("{}{}_{}", kPrefix, record.public_id, secret);
  return token;
}

StatusOr<std::vector<TokenInfo>> Accounts::List() {
  auto records = store_.ListTokens();
  if (!records.ok()) return records.status();
  std::vector<TokenInfo> tokens;
  for (const auto& r : *records) {
    auto info = InfoOf(r);
    if (!info.ok()) return info.status();
    tokens.push_back(std::move(*info));
  }
  return tokens;
}

Status Accounts::Revoke(const std::string& name) { return store_.RevokeToken(name, UtcTimestamp()); }

StatusOr<TokenInfo> Accounts::Authenticate(std::string_view token) {
  if (auto s = InitSodium(); !s.ok()) return s;
  const Status refused = absl::UnauthenticatedError("the token is not valid");
  if (token.substr(0, kPrefix.size()) != kPrefix) return refused;
  token.remove_prefix(kPrefix.size());
  size_t sep = token.find('_');
  if (sep != kPublicBytes * 2) return refused;
  std::string public_id(token.substr(0, sep));
  std::string_view secret = token.substr(sep + 1);
  if (secret.empty() || secret.size() > 128) return refused;
  auto record = store_.FindToken(public_id);
  if (!record.ok()) return record.status();
  if (!*record || (*record)->revoked_at) return refused;
  std::string hash = SecretHash(secret, (*record)->salt);
  if (hash.size() != (*record)->hash.size() ||
      sodium_memcmp(hash.data(), (*record)->hash.data(), hash.size()) != 0)
    return refused;
  return InfoOf(**record);
}

}  // namespace vigil
