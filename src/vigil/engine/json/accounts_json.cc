// JSON of tokens and audit verifications.
#include "vigil/engine/json/accounts_json.h"

namespace vigil {

Json ToJson(const TokenInfo& t) {
  return Json{{"name", t.name},
              {"role", RoleName(t.role)},
              {"id", t.public_id},
              {"created_at", t.created_at},
              {"revoked_at", t.revoked_at ? Json(*t.revoked_at) : Json(nullptr)}};
}

Json ToJson(const NewToken& token) {
  Json j = ToJson(token.info);
  j["token"] = token.secret;
  return j;
}

Json ToJson(const AuditVerification& v) {
  return Json{{"ok", v.ok},
              {"rows", v.rows},
              {"head", {{"seq", v.head_seq}, {"hash", v.head_hash}}},
              {"bad_seq", v.bad_seq ? Json(v.bad_seq) : Json(nullptr)},
              {"problem", v.ok ? Json(nullptr) : Json(v.problem)}};
}

}  // namespace vigil
