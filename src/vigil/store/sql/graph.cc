// SqlStore, graph area: the rows of the knowledge graph (nodes,
// relations with their claims, designations, links), entities found by part
// of a name, claims' party labels, and the attributes of graph nodes.
#include <fmt/format.h>

#include <string>
#include <unordered_map>

#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {
namespace {

std::optional<std::string> MaybeText(const Statement& st, int column) {
  if (st.IsNull(column)) return std::nullopt;
  return st.Text(column);
}

// The graph's nodes: entities in a relation (in_network 1), entities on
// either side of a link (0).
constexpr char kMembers[] =
    "WITH member(id, in_network) AS ("
    "  SELECT subject_id, 1 FROM relations UNION SELECT object_id, 1 FROM relations"
    "  UNION SELECT e.id, 0 FROM links l JOIN entities e ON e.key = l.entity_key"
    "  UNION SELECT e.id, 0 FROM links l JOIN entities e ON e.key = l.target_key) ";

Status ReadNodes(Connection& db, std::vector<GraphNodeRecord>& nodes) {
  Statement st(db,
               std::string(kMembers) +
                   "SELECT e.id, e.key, e.kind, (SELECT text FROM names n WHERE n.entity_id = e.id "
               "ORDER BY n.kind != 'primary', n.position LIMIT 1), MAX(m.in_network) "
               "FROM member m JOIN entities e ON e.id = m.id GROUP BY e.id ORDER BY e.key");
  while (st.Step())
    nodes.push_back({st.Int(0), st.Text(1), st.Text(3), st.Text(2), st.Int(4) != 0});
  return st.status();
}

Status ReadRelations(Connection& db, std::vector<GraphRelationRecord>& relations) {
  std::unordered_map<int64_t, size_t> index_of;
  Statement st(db,
               "SELECT r.id, r.subject_id, r.predicate, r.object_id, v.from_day, v.to_day, "
               "v.from_bound, v.to_bound FROM relations r JOIN relation_validity v ON "
               "v.relation_id = r.id ORDER BY r.id");
  while (st.Step()) {
    GraphRelationRecord r;
    r.fact_id = st.Int(0);
    r.subject_row = st.Int(1);
    r.predicate = st.Text(2);
    r.object_row = st.Int(3);
    r.from_day = MaybeText(st, 4);
    r.to_day = MaybeText(st, 5);
    r.from_bound = st.Text(6);
    r.to_bound = st.Text(7);
    index_of[r.fact_id] = relations.size();
    relations.push_back(std::move(r));
  }
  if (!st.status().ok()) return st.status();
  Statement claims(db,
                   "SELECT c.fact_id, c.id, c.confidence, c.stance, c.party_entity_id, "
                   "c.party_label FROM claims c JOIN relations r ON r.id = c.fact_id "
                   "ORDER BY c.fact_id, c.position");
  while (claims.Step()) {
    GraphClaimRecord c;
    c.claim_id = claims.Int(1);
    c.confidence = claims.Real(2);
    c.stance = claims.Text(3);
    if (!claims.IsNull(4)) c.party_row = claims.Int(4);
    c.party_label = MaybeText(claims, 5);
    relations[index_of.at(claims.Int(0))].claims.push_back(std::move(c));
  }
  return claims.status();
}

}  // namespace

StatusOr<GraphRecords> SqlStore::GraphView() {
  VIGIL_SQL_CONNECTION(db);
  GraphRecords out;
  if (auto s = ReadNodes(db, out.nodes); !s.ok()) return s;
  if (auto s = ReadRelations(db, out.relations); !s.ok()) return s;
  // Designations of entities that are nodes (in the network or linked).
  Statement designations(db, std::string(kMembers) +
                                 "SELECT id, entity_id, authority, program, list, reference, "
                                 "date FROM designations WHERE entity_id IN (SELECT id FROM "
                                 "member) ORDER BY id");
  while (designations.Step())
    out.designations.push_back({designations.Int(0), designations.Int(1), designations.Text(2),
                                designations.Text(3), MaybeText(designations, 4),
                                MaybeText(designations, 5), MaybeText(designations, 6)});
  if (!designations.status().ok()) return designations.status();
  Statement links(db,
                  "SELECT a.id, b.id, l.method, l.score, l.reason FROM links l JOIN entities a "
                  "ON a.key = l.entity_key JOIN entities b ON b.key = l.target_key ORDER BY l.id");
  while (links.Step())
    out.links.push_back(
        {links.Int(0), links.Int(1), links.Text(2), links.Text(4), links.Real(3)});
  if (!links.status().ok()) return links.status();
  return out;
}

StatusOr<std::vector<NameLikeRecord>> SqlStore::EntitiesNamedLike(std::string_view name_key,
                                                                      int limit) {
  VIGIL_SQL_CONNECTION(db);
  Statement entities(db, fmt::format("SELECT DISTINCT n.entity_id FROM names n WHERE {} > 0 AND "
                                     "n.kind != 'weak_alias' LIMIT ?",
                                     db.Instr("n.name_key", "?")));
  entities.Bind(1, name_key).Bind(2, static_cast<int64_t>(limit));
  std::vector<NameLikeRecord> found;
  while (entities.Step()) found.push_back({entities.Int(0), ""});
  if (!entities.status().ok()) return entities.status();
  for (auto& match : found) {
    Statement name(db, fmt::format("SELECT text FROM names WHERE entity_id = ? AND {} > 0 "
                                   "ORDER BY kind != 'primary', position LIMIT 1",
                                   db.Instr("name_key", "?")));
    name.Bind(1, match.entity_row).Bind(2, name_key);
    if (name.Step()) match.name = name.Text(0);
    if (!name.status().ok()) return name.status();
  }
  return found;
}

StatusOr<bool> SqlStore::HasPartyLabel(std::string_view label) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, "SELECT 1 FROM claims WHERE party_label = ? LIMIT 1");
  st.Bind(1, label);
  bool found = st.Step();
  if (!st.status().ok()) return st.status();
  return found;
}

StatusOr<std::vector<std::map<std::string, std::string>>> SqlStore::AttributesOf(
    std::span<const int64_t> entity_rows) {
  VIGIL_SQL_CONNECTION(db);
  std::vector<std::map<std::string, std::string>> out(entity_rows.size());
  // One prepared statement, reset per row (the cache keeps it prepared).
  Statement st(db, "SELECT key, value FROM attributes WHERE entity_id = ?");
  for (size_t i = 0; i < entity_rows.size(); ++i) {
    st.Reset();
    st.Bind(1, entity_rows[i]);
    while (st.Step()) out[i][st.Text(0)] = st.Text(1);
    if (!st.status().ok()) return st.status();
  }
  return out;
}

}  // namespace vigil::store::sql
