// SqlStore, accounts area: tokens and the audit chain.
#include <fmt/format.h>

#include "vigil/store/sql/internal/audit_chain.h"
#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {
namespace {

TokenRecord TokenFrom(const Statement& st) {
  TokenRecord t;
  t.name = st.Text(0);
  t.role = st.Text(1);
  t.public_id = st.Text(2);
  t.salt = st.Blob(3);
  t.hash = st.Blob(4);
  t.created_at = st.Text(5);
  if (!st.IsNull(6)) t.revoked_at = st.Text(6);
  return t;
}

constexpr char kTokenColumns[] = "name, role, public_id, salt, hash, created_at, revoked_at";

}  // namespace

Status SqlStore::InsertToken(const TokenRecord& token) {
  VIGIL_SQL_CONNECTION(db);
  {
    Statement taken(db, "SELECT 1 FROM tokens WHERE name = ?");
    taken.Bind(1, token.name);
    if (taken.Step())
      return absl::AlreadyExistsError(
          fmt::format("name: a token called '{}' exists already (revoke it first, or choose "
                      "another name)",
                      token.name));
    if (!taken.status().ok()) return taken.status();
  }
  Statement insert(db,
                   "INSERT INTO tokens(name, role, public_id, salt, hash, created_at) VALUES "
                   "(?, ?, ?, ?, ?, ?)");
  insert.Bind(1, token.name).Bind(2, token.role).Bind(3, token.public_id);
  insert.BindBlob(4, token.salt).BindBlob(5, token.hash).Bind(6, token.created_at);
  return insert.Run();
}

Status SqlStore::InsertPsiEpoch(const PsiEpochRecord& epoch) {
  VIGIL_SQL_CONNECTION(db);
  Transaction tx(db);
  if (auto s = tx.Begin(); !s.ok()) return s;
  Statement retire(db,
                   "UPDATE psi_epochs SET retired_at = ? WHERE list = ? AND mode = ? AND "
                   "retired_at IS NULL");
  retire.Bind(1, epoch.created_at).Bind(2, epoch.list).Bind(3, epoch.mode);
  if (auto s = retire.Run(); !s.ok()) return s;
  Statement insert(db,
                   "INSERT INTO psi_epochs(id, list, mode, secret, created_at, verifiable) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(1, epoch.id).Bind(2, epoch.list).Bind(3, epoch.mode);
  insert.BindBlob(4, epoch.secret).Bind(5, epoch.created_at);
  insert.Bind(6, int64_t{epoch.verifiable ? 1 : 0});
  if (auto s = insert.Run(); !s.ok()) return s;
  return tx.Commit();
}

namespace {

// The row a query on psi_epochs (kPsiEpochColumns in order) stands on.
PsiEpochRecord PsiEpochAt(Statement& st) {
  PsiEpochRecord e{st.Text(0), st.Text(1), st.Text(2), st.Blob(3), st.Text(4), std::nullopt};
  if (!st.IsNull(5)) e.retired_at = st.Text(5);
  e.verifiable = st.Int(6) != 0;
  return e;
}

// The epoch a query on psi_epochs finds, if any.
StatusOr<std::optional<PsiEpochRecord>> PsiEpochFrom(Statement& st) {
  if (st.Step()) return PsiEpochAt(st);
  if (!st.status().ok()) return st.status();
  return std::nullopt;
}

constexpr char kPsiEpochColumns[] =
    "id, list, mode, secret, created_at, retired_at, verifiable";

}  // namespace

StatusOr<std::optional<PsiEpochRecord>> SqlStore::FindPsiEpoch(const std::string& id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM psi_epochs WHERE id = ?", kPsiEpochColumns));
  st.Bind(1, id);
  return PsiEpochFrom(st);
}

StatusOr<std::optional<PsiEpochRecord>> SqlStore::LivePsiEpoch(const std::string& list,
                                                               const std::string& mode) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM psi_epochs WHERE list = ? AND mode = ? AND "
                               "retired_at IS NULL ORDER BY created_at DESC",
                               kPsiEpochColumns));
  st.Bind(1, list).Bind(2, mode);
  return PsiEpochFrom(st);
}

StatusOr<std::vector<PsiEpochRecord>> SqlStore::LivePsiEpochs() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM psi_epochs WHERE retired_at IS NULL ORDER BY "
                               "list, mode, created_at DESC",
                               kPsiEpochColumns));
  std::vector<PsiEpochRecord> epochs;
  while (st.Step()) epochs.push_back(PsiEpochAt(st));
  if (!st.status().ok()) return st.status();
  return epochs;
}

StatusOr<std::optional<TokenRecord>> SqlStore::FindToken(const std::string& public_id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM tokens WHERE public_id = ?", kTokenColumns));
  st.Bind(1, public_id);
  if (st.Step()) return TokenFrom(st);
  if (!st.status().ok()) return st.status();
  return std::nullopt;
}

StatusOr<std::vector<TokenRecord>> SqlStore::ListTokens() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM tokens ORDER BY name", kTokenColumns));
  std::vector<TokenRecord> tokens;
  while (st.Step()) tokens.push_back(TokenFrom(st));
  if (!st.status().ok()) return st.status();
  return tokens;
}

Status SqlStore::RevokeToken(const std::string& name, const std::string& at) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
  st.Bind(1, at).Bind(2, name);
  if (auto s = st.Run(); !s.ok()) return s;
  if (st.Changes() == 0)
    return absl::NotFoundError(fmt::format("name: no live token called '{}'", name));
  return absl::OkStatus();
}

namespace internal {

StatusOr<std::vector<int64_t>> AppendAuditRows(Connection& db, const std::vector<AuditEntry>& entries) {
  std::vector<int64_t> seqs;
  int64_t seq = 0;
  std::string prev = kAuditGenesis;
  // One appender at a time across every process on the store, so that the
  // head read here is still the head when the rows land.
  if (auto s = db.Lock(WriteLock::kAudit); !s.ok()) return s;
  {
    Statement last(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (last.Step()) {
      seq = last.Int(0);
      prev = last.Text(1);
    }
    if (!last.status().ok()) return last.status();
  }
  Statement insert(db,
                   "INSERT INTO audit(seq, at, actor, action, detail, prev_hash, hash) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?)");
  for (const auto& entry : entries) {
    ++seq;
    std::string hash = AuditHash(seq, entry, prev);
    insert.Bind(1, seq).Bind(2, entry.at).Bind(3, entry.actor).Bind(4, entry.action);
    insert.Bind(5, entry.detail).Bind(6, prev).Bind(7, hash);
    if (auto s = insert.Run(); !s.ok()) return s;
    seqs.push_back(seq);
    prev = std::move(hash);
  }
  // The head, kept apart from the rows: deleting the last rows leaves it
  // pointing past the end (vigil audit verify reports it).
  if (auto s = db.SetInfo("audit_head", fmt::format("{}:{}", seq, prev)); !s.ok()) return s;
  return seqs;
}

}  // namespace internal

StatusOr<std::vector<int64_t>> SqlStore::AppendAudit(const std::vector<AuditEntry>& entries) {
  VIGIL_SQL_CONNECTION(db);
  if (entries.empty()) return std::vector<int64_t>();
  Transaction tx(db);
  if (auto s = tx.Begin(); !s.ok()) return s;
  auto seqs = internal::AppendAuditRows(db, entries);
  if (!seqs.ok()) return seqs.status();
  if (auto s = tx.Commit(); !s.ok()) return s;
  return seqs;
}

StatusOr<std::string> SqlStore::AuditHead() {
  VIGIL_SQL_CONNECTION(db);
  return db.Info("audit_head");
}

Status SqlStore::ReadAudit(const std::string& from, const std::string& to,
                              const std::function<bool(const AuditRecord&)>& visit) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit WHERE "
               "(?1 = '' OR at >= ?1) AND (?2 = '' OR at < ?2) ORDER BY seq");
  st.Bind(1, from).Bind(2, to);
  while (st.Step()) {
    AuditRecord r{st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6)};
    if (!visit(r)) break;
  }
  return st.status();
}

}  // namespace vigil::store::sql
