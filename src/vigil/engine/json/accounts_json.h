// The JSON shapes of tokens and of an audit verification (docs/api.md,
// docs/cli.md: vigil token, vigil audit).
#pragma once

#include <nlohmann/json.hpp>

#include "vigil/engine/accounts.h"
#include "vigil/engine/audit.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// {"name", "role", "id", "created_at", "revoked_at"}; never the secret.
Json ToJson(const TokenInfo& token);
// ToJson(info) plus {"token": the whole token}: shown once, at creation.
Json ToJson(const NewToken& token);
// {"ok", "rows", "head": {"seq", "hash"}, "bad_seq", "problem"}
Json ToJson(const AuditVerification& verification);

}  // namespace vigil
