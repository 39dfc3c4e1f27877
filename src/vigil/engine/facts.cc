// Store-to-JSON readers for facts and their claims.
#include "vigil/engine/facts.h"

#include <fmt/format.h>

#include <map>

#include "vigil/base/utf8.h"

namespace vigil::internal {
namespace {

Json OptText(const Statement& st, int column) {
  return st.IsNull(column) ? Json(nullptr) : Json(st.Text(column));
}
Json OptNumber(const Statement& st, int column) {
  return st.IsNull(column) ? Json(nullptr) : Json(st.Real(column));
}

// Source texts with their code-point offsets, cached per connection.
struct SourceText {
  std::string text;
  std::vector<size_t> offsets;
};

const SourceText* TextOf(Database& db, int64_t source_id) {
  thread_local std::map<std::pair<sqlite3*, int64_t>, SourceText> cache;
  auto key = std::make_pair(db.handle(), source_id);
  if (auto it = cache.find(key); it != cache.end()) return it->second.text.empty() ? nullptr : &it->second;
  Statement st(db, "SELECT text FROM sources WHERE id = ?");
  st.Bind(1, source_id);
  SourceText entry;
  if (st.Step() && !st.IsNull(0)) {
    entry.text = st.Text(0);
    entry.offsets = CodePointOffsets(entry.text);
  }
  auto& stored = cache[key] = std::move(entry);
  return stored.text.empty() ? nullptr : &stored;
}

}  // namespace

Json EntityRef(Database& db, int64_t entity_id) {
  Statement st(db,
               "SELECT e.key, e.kind, (SELECT text FROM names n WHERE n.entity_id = e.id "
               "ORDER BY n.kind != 'primary', n.position LIMIT 1) FROM entities e WHERE e.id = ?");
  st.Bind(1, entity_id);
  if (!st.Step()) return nullptr;
  return Json{{"id", st.Text(0)}, {"name", st.Text(2)}, {"kind", st.Text(1)}};
}

Json NamesOf(Database& db, int64_t entity_id) {
  Statement st(db,
               "SELECT text, kind, script, lang FROM names WHERE entity_id = ? ORDER BY position");
  st.Bind(1, entity_id);
  Json names = Json::array();
  while (st.Step())
    names.push_back({{"text", st.Text(0)},
                     {"kind", st.Text(1)},
                     {"script", st.IsNull(2) ? Json(nullptr) : Json(st.Text(2))},
                     {"lang", st.IsNull(3) ? Json(nullptr) : Json(st.Text(3))}});
  return names;
}

Json ClaimsOf(Database& db, int64_t fact_id) {
  Statement st(db,
               "SELECT c.source_id, s.key, s.title, s.publisher, s.date, c.span_start, c.span_end, "
               "c.digest, c.locator, c.party_entity_id, c.party_label, c.stance, c.confidence, "
               "c.note, c.id, s.author FROM claims c JOIN sources s ON s.id = c.source_id "
               "WHERE c.fact_id = ? ORDER BY c.position");
  st.Bind(1, fact_id);
  Json claims = Json::array();
  while (st.Step()) {
    Json c;
    c["claim_id"] = st.Int(14);
    c["source"] = st.Text(1);
    c["source_title"] = st.Text(2);
    c["publisher"] = OptText(st, 3);
    c["author"] = OptText(st, 15);
    c["source_date"] = OptText(st, 4);
    Json span = nullptr, passage = nullptr;
    if (!st.IsNull(5)) {
      int64_t start = st.Int(5), end = st.Int(6);
      span = Json::array({start, end});
      if (const SourceText* text = TextOf(db, st.Int(0))) {
        int64_t n = static_cast<int64_t>(text->offsets.size()) - 1;
        if (start >= 0 && end <= n && start < end)
          passage = text->text.substr(text->offsets[start],
                                      text->offsets[end] - text->offsets[start]);
      }
    }
    c["span"] = span;
    c["passage"] = passage;
    c["digest"] = OptText(st, 7);
    c["locator"] = OptText(st, 8);
    c["party"] = st.IsNull(9) ? Json(nullptr) : EntityRef(db, st.Int(9));
    c["party_label"] = OptText(st, 10);
    c["stance"] = st.Text(11);
    c["confidence"] = st.Real(12);
    c["note"] = OptText(st, 13);
    claims.push_back(std::move(c));
  }
  return claims;
}

Json RelationJson(Database& db, int64_t fact_id) {
  Statement st(db,
               "SELECT subject_id, predicate, object_id, role, valid_from, valid_to FROM "
               "relations WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) return nullptr;
  return Json{{"fact_id", fact_id},
              {"subject", EntityRef(db, st.Int(0))},
              {"predicate", st.Text(1)},
              {"object", EntityRef(db, st.Int(2))},
              {"role", OptText(st, 3)},
              {"from", OptText(st, 4)},
              {"to", OptText(st, 5)},
              {"claims", ClaimsOf(db, fact_id)}};
}

Json EventJson(Database& db, int64_t fact_id) {
  Statement st(db,
               "SELECT key, type, title, date, date_from, date_to, city, province, country, "
               "place_entity_id, place_detail, killed_best, killed_low, killed_high, "
               "wounded_best, wounded_low, wounded_high FROM events WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) return nullptr;
  auto quantity = [&](int column) {
    if (st.IsNull(column) && st.IsNull(column + 1) && st.IsNull(column + 2)) return Json(nullptr);
    return Json{{"best", OptNumber(st, column)},
                {"low", OptNumber(st, column + 1)},
                {"high", OptNumber(st, column + 2)}};
  };
  Json event{{"id", st.Text(0)},
             {"fact_id", fact_id},
             {"type", st.Text(1)},
             {"title", st.Text(2)},
             {"date", OptText(st, 3)},
             {"from", OptText(st, 4)},
             {"to", OptText(st, 5)},
             {"place",
              {{"city", OptText(st, 6)},
               {"province", OptText(st, 7)},
               {"country", OptText(st, 8)},
               {"entity", st.IsNull(9) ? Json(nullptr) : EntityRef(db, st.Int(9))},
               {"detail", OptText(st, 10)}}},
             {"killed", quantity(11)},
             {"wounded", quantity(14)}};
  Statement parts(db,
                  "SELECT id, entity_id, label, role FROM participants WHERE event_id = ? "
                  "ORDER BY position");
  parts.Bind(1, fact_id);
  Json perpetrators = Json::array(), targets = Json::array();
  while (parts.Step()) {
    Json p{{"entity", parts.IsNull(1) ? Json(nullptr) : EntityRef(db, parts.Int(1))},
           {"label", OptText(parts, 2)},
           {"role", parts.Text(3)},
           {"claims", ClaimsOf(db, parts.Int(0))}};
    (parts.Text(3) == "target" ? targets : perpetrators).push_back(std::move(p));
  }
  event["perpetrators"] = std::move(perpetrators);
  event["targets"] = std::move(targets);
  event["claims"] = ClaimsOf(db, fact_id);
  return event;
}

Json EstimateJson(Database& db, int64_t fact_id) {
  Statement st(db,
               "SELECT key, subject_id, quantity, value, low, high, of, qualifier, unit, scope, "
               "scope_entity_id, as_of FROM estimates WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) return nullptr;
  return Json{{"id", st.Text(0)},
              {"fact_id", fact_id},
              {"subject", EntityRef(db, st.Int(1))},
              {"quantity", st.Text(2)},
              {"value", OptNumber(st, 3)},
              {"low", OptNumber(st, 4)},
              {"high", OptNumber(st, 5)},
              {"of", OptNumber(st, 6)},
              {"qualifier", OptText(st, 7)},
              {"unit", OptText(st, 8)},
              {"scope", OptText(st, 9)},
              {"scope_entity", st.IsNull(10) ? Json(nullptr) : EntityRef(db, st.Int(10))},
              {"as_of", OptText(st, 11)},
              {"claims", ClaimsOf(db, fact_id)}};
}

Json DesignationJson(Database& db, int64_t fact_id) {
  Statement st(db,
               "SELECT entity_id, authority_id, list, program, reference, date, authority "
               "FROM designations WHERE id = ?");
  st.Bind(1, fact_id);
  if (!st.Step()) return nullptr;
  return Json{{"fact_id", fact_id},
              {"entity", EntityRef(db, st.Int(0))},
              {"authority", st.IsNull(1) ? Json(nullptr) : EntityRef(db, st.Int(1))},
              {"authority_code", st.Text(6)},
              {"list", OptText(st, 2)},
              {"program", st.Text(3)},
              {"reference", OptText(st, 4)},
              {"date", OptText(st, 5)},
              {"claims", ClaimsOf(db, fact_id)}};
}

std::string FactSummary(Database& db, int64_t fact_id) {
  Statement type(db, "SELECT type FROM facts WHERE id = ?");
  type.Bind(1, fact_id);
  if (!type.Step()) return "unknown fact";
  std::string kind = type.Text(0);
  auto key = [&](std::string_view sql) {
    Statement st(db, sql);
    st.Bind(1, fact_id);
    return st.Step() ? st.Text(0) : std::string("?");
  };
  if (kind == "entity") return "entity " + key("SELECT key FROM entities WHERE id = ?");
  if (kind == "relation")
    return "relation " +
           key("SELECT s.key || ' ' || r.predicate || ' ' || o.key FROM relations r JOIN "
               "entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id WHERE "
               "r.id = ?");
  if (kind == "event") return "event " + key("SELECT key FROM events WHERE id = ?");
  if (kind == "participant")
    return "event " +
           key("SELECT e.key || ': ' || p.role || ' ' || COALESCE(n.key, p.label) FROM "
               "participants p JOIN events e ON e.id = p.event_id LEFT JOIN entities n ON n.id "
               "= p.entity_id WHERE p.id = ?");
  if (kind == "estimate") return "estimate " + key("SELECT key FROM estimates WHERE id = ?");
  if (kind == "designation")
    return "designation " +
           key("SELECT e.key || ' by ' || d.authority || ' (' || d.program || ')' FROM "
               "designations d JOIN entities e ON e.id = d.entity_id WHERE d.id = ?");
  return kind;
}

}  // namespace vigil::internal
