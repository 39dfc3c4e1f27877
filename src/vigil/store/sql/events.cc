// Events of every dataset for the event analytics (engine/events.h): three
// reads (events, participants with their actor links, claims' parties)
// joined in memory.
#include <unordered_map>

#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {

StatusOr<std::vector<EventFactRecord>> SqlStore::EventFacts(const std::string& key) {
  VIGIL_SQL_CONNECTION(db);
  std::vector<EventFactRecord> out;
  std::unordered_map<int64_t, size_t> events;  // fact id -> index
  {
    Statement st(db,
                 "SELECT e.id, e.key, d.name, e.type, e.title, COALESCE(e.first_day, ''), "
                 "COALESCE(e.last_day, ''), COALESCE(e.province, ''), COALESCE(e.admin1, ''), "
                 "COALESCE(e.admin2, ''), COALESCE(e.city, ''), COALESCE(e.country, ''), "
                 "COALESCE(e.province_note, ''), e.latitude, e.longitude, e.killed_best, "
                 "e.killed_low, e.killed_high FROM events e JOIN facts f ON f.id = e.id JOIN "
                 "datasets d ON d.id = f.dataset_id WHERE ?1 = '' OR e.key = ?1 ORDER BY e.first_day "
                 "IS NULL, e.first_day, e.key");
    st.Bind(1, key);
    while (st.Step()) {
      EventFactRecord e;
      e.fact_id = st.Int(0);
      e.id = st.Text(1);
      e.dataset = st.Text(2);
      e.type = st.Text(3);
      e.title = st.Text(4);
      e.first_day = st.Text(5);
      e.last_day = st.Text(6);
      e.province = st.Text(7);
      e.admin1 = st.Text(8);
      e.admin2 = st.Text(9);
      e.city = st.Text(10);
      e.country = st.Text(11);
      e.province_note = st.Text(12);
      e.latitude = st.OptionalReal(13);
      e.longitude = st.OptionalReal(14);
      e.killed_best = st.OptionalReal(15);
      e.killed_low = st.OptionalReal(16);
      e.killed_high = st.OptionalReal(17);
      events.emplace(e.fact_id, out.size());
      out.push_back(std::move(e));
    }
    if (!st.status().ok()) return st.status();
  }
  // fact id -> (event index, participant index)
  std::unordered_map<int64_t, std::pair<size_t, size_t>> participants;
  {
    Statement st(db,
                 "SELECT p.id, p.event_id, p.role, COALESCE(n.key, ''), COALESCE(p.label, ''), "
                 "COALESCE((SELECT text FROM names WHERE entity_id = n.id AND kind = 'primary' "
                 "LIMIT 1), '') FROM participants p LEFT JOIN entities n ON n.id = p.entity_id "
                 "ORDER BY p.event_id, p.position");
    while (st.Step()) {
      auto e = events.find(st.Int(1));
      if (e == events.end()) continue;
      auto& list = out[e->second].participants;
      participants.emplace(st.Int(0), std::make_pair(e->second, list.size()));
      list.push_back({st.Text(2), st.Text(3), st.Text(5), st.Text(4), {}, {}});
    }
    if (!st.status().ok()) return st.status();
  }
  {
    Statement st(db,
                 "SELECT participant_id, COALESCE(entity_key, ''), status, method, reason, score "
                 "FROM event_links ORDER BY position");
    while (st.Step()) {
      auto p = participants.find(st.Int(0));
      if (p == participants.end()) continue;
      out[p->second.first].participants[p->second.second].links.push_back(
          {st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Real(5)});
    }
    if (!st.status().ok()) return st.status();
  }
  {
    Statement st(db,
                 "SELECT c.fact_id, COALESCE(pe.key, ''), COALESCE(c.party_label, ''), c.stance, "
                 "s.key, COALESCE(c.locator, '') FROM claims c JOIN facts f ON f.id = c.fact_id "
                 "JOIN sources s ON s.id = c.source_id LEFT JOIN entities pe ON pe.id = "
                 "c.party_entity_id WHERE f.type IN ('event', 'participant') ORDER BY c.fact_id, "
                 "c.position");
    while (st.Step()) {
      ClaimPartyRecord c{st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)};
      int64_t fact = st.Int(0);
      if (auto e = events.find(fact); e != events.end()) {
        out[e->second].claims.push_back(std::move(c));
      } else if (auto p = participants.find(fact); p != participants.end()) {
        out[p->second.first].participants[p->second.second].claims.push_back(std::move(c));
      }
    }
    if (!st.status().ok()) return st.status();
  }
  return out;
}

}  // namespace vigil::store::sql
