// SqlStore, knowledge area: entities' lifespan bounds (schema 0009) and
// the questions that claims answer differently.
#include <fmt/format.h>

#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {

using internal::OptInt;
using internal::OptText;

namespace {

// The columns LifespanBoundFromRow reads from lifespan_bounds l joined with
// facts f.
constexpr std::string_view kLifespanColumns =
    "l.id, l.bound, l.date, l.day, l.general_knowledge, f.file, f.line, l.entity_id";

LifespanBoundRecord LifespanBoundFromRow(const Statement& st) {
  LifespanBoundRecord b;
  b.fact_id = st.Int(0);
  b.bound = st.Text(1);
  b.date = st.Text(2);
  b.day = st.Text(3);
  b.general_knowledge = OptText(st, 4);
  b.file = OptText(st, 5);
  b.line = OptInt(st, 6);
  return b;
}

}  // namespace

StatusOr<std::vector<LifespanBoundRecord>> SqlStore::LifespanOf(int64_t entity_row) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM lifespan_bounds l JOIN facts f ON f.id = l.id "
                               "WHERE l.entity_id = ? ORDER BY l.bound = 'end'",
                               kLifespanColumns));
  st.Bind(1, entity_row);
  std::vector<LifespanBoundRecord> out;
  while (st.Step()) out.push_back(LifespanBoundFromRow(st));
  if (!st.status().ok()) return st.status();
  for (auto& b : out) {
    auto claims = ClaimsOf(b.fact_id);
    if (!claims.ok()) return claims.status();
    b.claims = std::move(*claims);
  }
  return out;
}

StatusOr<std::vector<EntityLifespanRecord>> SqlStore::Lifespans() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, fmt::format("SELECT {} FROM lifespan_bounds l JOIN facts f ON f.id = l.id "
                               "JOIN entities e ON e.id = l.entity_id ORDER BY e.key, "
                               "l.bound = 'end'",
                               kLifespanColumns));
  std::vector<EntityLifespanRecord> out;
  std::vector<int64_t> rows;
  while (st.Step()) {
    int64_t row = st.Int(7);
    if (rows.empty() || rows.back() != row) {
      rows.push_back(row);
      out.emplace_back();
    }
    out.back().bounds.push_back(LifespanBoundFromRow(st));
  }
  if (!st.status().ok()) return st.status();
  for (size_t i = 0; i < out.size(); ++i) {
    auto ref = EntityRef(rows[i]);
    if (!ref.ok()) return ref.status();
    if (*ref) out[i].entity = **ref;
    for (auto& b : out[i].bounds) {
      auto claims = ClaimsOf(b.fact_id);
      if (!claims.ok()) return claims.status();
      b.claims = std::move(*claims);
    }
  }
  return out;
}

StatusOr<std::vector<QuestionRecord>> SqlStore::Questions() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT q.id, q.key, q.text, q.note, f.file, f.line FROM questions q JOIN facts f "
               "ON f.id = q.id ORDER BY q.key");
  std::vector<QuestionRecord> out;
  while (st.Step()) {
    QuestionRecord q;
    q.fact_id = st.Int(0);
    q.id = st.Text(1);
    q.text = st.Text(2);
    q.note = OptText(st, 3);
    q.file = OptText(st, 4);
    q.line = OptInt(st, 5);
    out.push_back(std::move(q));
  }
  if (!st.status().ok()) return st.status();
  for (auto& q : out) {
    Statement about(db,
                    "SELECT entity_id FROM question_entities WHERE question_id = ? ORDER BY "
                    "position");
    about.Bind(1, q.fact_id);
    std::vector<int64_t> rows;
    while (about.Step()) rows.push_back(about.Int(0));
    if (!about.status().ok()) return about.status();
    for (int64_t row : rows) {
      auto ref = EntityRef(row);
      if (!ref.ok()) return ref.status();
      if (*ref) q.about.push_back(**ref);
    }
    auto claims = ClaimsOf(q.fact_id);
    if (!claims.ok()) return claims.status();
    q.claims = std::move(*claims);
  }
  return out;
}

StatusOr<std::vector<LintClaimRecord>> SqlStore::ClaimsToLint() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT c.id, c.fact_id, c.position, f.type, COALESCE(c.file, f.file), "
               "COALESCE(c.line, f.line), c.party_entity_id IS NOT NULL OR COALESCE(c.party_label, "
               "'') != '', c.stance, c.confidence, c.source_id, c.span_start, c.span_end, "
               "COALESCE(r.predicate, e.type, '') FROM claims c JOIN facts f ON f.id = c.fact_id "
               "LEFT JOIN relations r ON r.id = c.fact_id LEFT JOIN events e ON e.id = c.fact_id "
               "WHERE c.span_start IS NOT NULL ORDER BY "
               "COALESCE(c.file, f.file), COALESCE(c.line, f.line), c.id");
  std::vector<LintClaimRecord> out;
  while (st.Step()) {
    LintClaimRecord c;
    c.claim_id = st.Int(0);
    c.fact_id = st.Int(1);
    c.position = st.Int(2);
    c.fact_type = st.Text(3);
    c.file = OptText(st, 4);
    c.line = OptInt(st, 5);
    c.has_party = st.Int(6) != 0;
    c.stance = st.Text(7);
    c.confidence = st.Real(8);
    c.kind = st.Text(12);
    auto text = TextOf(db, st.Int(9));
    int64_t start = st.Int(10), end = st.Int(11);
    int64_t n = static_cast<int64_t>(text->offsets.size()) - 1;
    if (!text->text.empty() && start >= 0 && end <= n && start < end)
      c.passage = text->text.substr(text->offsets[static_cast<size_t>(start)],
                                    text->offsets[static_cast<size_t>(end)] -
                                        text->offsets[static_cast<size_t>(start)]);
    out.push_back(std::move(c));
  }
  if (!st.status().ok()) return st.status();
  for (auto& c : out) {
    auto fact = FactSummary(c.fact_id);
    if (!fact.ok()) return fact.status();
    c.fact = std::move(*fact);
  }
  return out;
}

StatusOr<std::vector<LintEntityRecord>> SqlStore::EndedEntities() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT e.id, f.file, f.line FROM entities e JOIN facts f ON f.id = e.id WHERE "
               "EXISTS (SELECT 1 FROM attributes a WHERE a.entity_id = e.id AND (a.key = "
               "'death_date' OR (a.key = 'status' AND a.value IN ('deceased', 'defunct')))) "
               "ORDER BY e.key");
  std::vector<int64_t> rows;
  std::vector<LintEntityRecord> out;
  while (st.Step()) {
    rows.push_back(st.Int(0));
    LintEntityRecord e;
    e.file = OptText(st, 1);
    e.line = OptInt(st, 2);
    out.push_back(std::move(e));
  }
  if (!st.status().ok()) return st.status();
  for (size_t i = 0; i < out.size(); ++i) {
    auto entity = Entity(rows[i]);
    if (!entity.ok()) return entity.status();
    if (*entity) {
      out[i].entity = (*entity)->ref;
      out[i].attributes = (*entity)->attributes;
    }
    auto lifespan = LifespanOf(rows[i]);
    if (!lifespan.ok()) return lifespan.status();
    out[i].lifespan = std::move(*lifespan);
  }
  return out;
}

}  // namespace vigil::store::sql
