// SqlStore, load area: the load transaction (store/sql/batch_writer.h)
// and the reads and writes its hooks make through store::LoadTransaction.
#include <fmt/format.h>

#include "vigil/store/sql/batch_reader.h"
#include "vigil/store/sql/batch_writer.h"
#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {
namespace {

using internal::OptInt;
using internal::ReadIds;
using internal::ReadRows;

// A LoadTransaction on the connection that holds the load transaction.
class SqlLoadTransaction final : public LoadTransaction {
 public:
  explicit SqlLoadTransaction(Connection& db) : db_(db) {}

  StatusOr<std::optional<StoredDatasetRecord>> StoredDataset(const std::string& name) override {
    Statement st(db_,
                 "SELECT kind, version, COALESCE(publish_date, '') FROM datasets WHERE name = ?");
    st.Bind(1, name);
    if (!st.Step()) {
      if (!st.status().ok()) return st.status();
      return std::nullopt;
    }
    return StoredDatasetRecord{st.Text(0), st.Text(1), st.Text(2)};
  }

  StatusOr<std::optional<Batch>> StoredBatch(const std::string& name) override {
    return ReadStoredBatch(db_, name);
  }

  StatusOr<std::vector<DatasetEntityRecord>> StoredEntities(const std::string& name) override {
    Statement st(db_,
                 "SELECT e.id, e.key, COALESCE(e.reference, ''), n.text, n.kind FROM entities e "
                 "JOIN facts f ON f.id = e.id JOIN datasets d ON d.id = f.dataset_id LEFT JOIN "
                 "names n ON n.entity_id = e.id WHERE d.name = ? ORDER BY e.id, n.position");
    st.Bind(1, name);
    std::vector<DatasetEntityRecord> out;
    int64_t row = 0;
    while (st.Step()) {
      if (out.empty() || st.Int(0) != row) {
        row = st.Int(0);
        out.push_back({st.Text(1), st.Text(2), {}});
      }
      if (!st.IsNull(3)) out.back().names.push_back({st.Text(3), st.Text(4), {}, {}});
    }
    if (!st.status().ok()) return st.status();
    return out;
  }

  StatusOr<std::vector<LinkableEntityRecord>> LinkableEntities() override {
    Statement st(db_,
                 "SELECT e.id, e.key, e.kind, d.kind, d.name FROM entities e JOIN facts f ON "
                 "f.id = e.id JOIN datasets d ON d.id = f.dataset_id");
    return ReadRows(st, [](const Statement& r) {
      return LinkableEntityRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(4),
                                  r.Text(3) == "curated"};
    });
  }

  StatusOr<std::vector<EntityValueRecord>> EntityValues(
      const std::vector<std::string>& keys) override {
    std::string marks;
    for (size_t i = 0; i < keys.size(); ++i) marks += i ? ", ?" : "?";
    std::vector<EntityValueRecord> out;
    for (const char* table : {"entity_values", "attributes"}) {
      Statement st(
          db_, fmt::format("SELECT entity_id, key, value FROM {} WHERE key IN ({})", table, marks));
      for (size_t i = 0; i < keys.size(); ++i) st.Bind(static_cast<int>(i) + 1, keys[i]);
      bool attribute = std::string_view(table) == "attributes";
      while (st.Step()) out.push_back({st.Int(0), st.Text(1), st.Text(2), attribute});
      if (!st.status().ok()) return st.status();
    }
    return out;
  }

  StatusOr<std::vector<ReferencedDesignationRecord>> ReferencedDesignations() override {
    Statement st(db_,
                 "SELECT entity_id, authority, program, reference FROM designations WHERE "
                 "reference IS NOT NULL AND reference != ''");
    return ReadRows(st, [](const Statement& r) {
      return ReferencedDesignationRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(3)};
    });
  }

  StatusOr<std::vector<int64_t>> EntitiesWithReference(
      const std::string& reference, const std::optional<std::string>& designated_by) override {
    if (!designated_by) {
      Statement st(db_, "SELECT id FROM entities WHERE reference = ?");
      st.Bind(1, reference);
      return ReadIds(st);
    }
    Statement st(db_,
                 "SELECT e.id FROM entities e WHERE e.reference = ?1 AND EXISTS (SELECT 1 FROM "
                 "designations g WHERE g.entity_id = e.id AND g.authority = ?2)");
    st.Bind(1, reference).Bind(2, *designated_by);
    return ReadIds(st);
  }

  StatusOr<std::vector<LocatorClaimRecord>> LocatorClaims() override {
    Statement st(db_,
                 "SELECT c.fact_id, (SELECT g.entity_id FROM designations g WHERE g.id = "
                 "c.fact_id), c.locator, s.key FROM claims c JOIN sources s ON s.id = c.source_id "
                 "WHERE s.kind = 'list' AND c.locator IS NOT NULL AND c.locator != ''");
    return ReadRows(st, [](const Statement& r) {
      return LocatorClaimRecord{r.Int(0), OptInt(r, 1), r.Text(2), r.Text(3)};
    });
  }

  StatusOr<std::vector<KeyedNameRecord>> LinkableNames() override {
    Statement st(db_,
                 "SELECT entity_id, text, kind, name_key FROM names WHERE kind != 'weak_alias' "
                 "ORDER BY id");
    return ReadRows(st, [](const Statement& r) {
      return KeyedNameRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(3)};
    });
  }

  Status ReplaceComputedLinks(const std::vector<ComputedLinkRecord>& links) override {
    if (auto s = db_.Execute("DELETE FROM links WHERE method != 'manual'"); !s.ok()) return s;
    if (auto s = db_.RestartIds("links"); !s.ok()) return s;
    Statement insert(db_,
                     "INSERT INTO links(entity_key, target_key, method, score, reason) "
                     "VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING");
    for (const auto& link : links) {
      insert.Bind(1, link.entity_id).Bind(2, link.target_id).Bind(3, link.method);
      insert.Bind(4, link.score).Bind(5, link.reason);
      if (auto s = insert.Run(); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  StatusOr<std::vector<EventActorRecord>> EventActors() override {
    Statement st(db_,
                 "SELECT p.id, p.label, p.role, COALESCE(e.first_day, ''), "
                 "COALESCE(e.last_day, ''), COALESCE(e.country, '') FROM participants p "
                 "JOIN events e ON e.id = p.event_id JOIN facts f ON f.id = e.id JOIN datasets d "
                 "ON d.id = f.dataset_id WHERE d.kind != 'curated' AND p.entity_id IS NULL AND "
                 "p.label IS NOT NULL ORDER BY p.id");
    return ReadRows(st, [](const Statement& r) {
      return EventActorRecord{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
    });
  }

  StatusOr<std::vector<CuratedNameRecord>> CuratedNames() override {
    Statement st(db_,
                 "SELECT e.key, e.kind, n.text, n.kind FROM names n JOIN entities e ON e.id = "
                 "n.entity_id JOIN facts f ON f.id = e.id JOIN datasets d ON d.id = f.dataset_id "
                 "WHERE d.kind = 'curated' ORDER BY e.id, n.position");
    return ReadRows(st, [](const Statement& r) {
      return CuratedNameRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3)};
    });
  }

  StatusOr<std::vector<CuratedRelationRecord>> CuratedRelations(
      const std::vector<std::string>& predicates) override {
    std::string marks;
    for (size_t i = 0; i < predicates.size(); ++i) marks += i ? ", ?" : "?";
    Statement st(db_, fmt::format("SELECT s.key, r.predicate, o.key, COALESCE(r.role, ''), "
                                  "COALESCE(r.from_day, ''), COALESCE(r.to_day, '') FROM "
                                  "relations r JOIN entities s ON s.id = r.subject_id JOIN "
                                  "entities o ON o.id = r.object_id JOIN facts f ON f.id = r.id "
                                  "JOIN datasets d ON d.id = f.dataset_id WHERE d.kind = "
                                  "'curated' AND r.predicate IN ({}) ORDER BY r.id",
                                  marks));
    for (size_t i = 0; i < predicates.size(); ++i) st.Bind(static_cast<int>(i) + 1, predicates[i]);
    return ReadRows(st, [](const Statement& r) {
      return CuratedRelationRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                                   r.Text(5)};
    });
  }

  StatusOr<std::map<std::string, std::string>> CuratedAttribute(const std::string& key) override {
    Statement st(db_,
                 "SELECT e.key, a.value FROM attributes a JOIN entities e ON e.id = a.entity_id "
                 "WHERE a.key = ?");
    st.Bind(1, key);
    std::map<std::string, std::string> out;
    while (st.Step()) out.emplace(st.Text(0), st.Text(1));
    if (!st.status().ok()) return st.status();
    return out;
  }

  Status ReplaceEventLinks(const std::vector<EventLinkRecord>& links) override {
    if (auto s = db_.Execute("DELETE FROM event_links"); !s.ok()) return s;
    if (auto s = db_.RestartIds("event_links"); !s.ok()) return s;
    Statement st(db_,
                 "INSERT INTO event_links(participant_id, entity_key, status, method, score, "
                 "reason, position) VALUES (?, ?, ?, ?, ?, ?, ?)");
    int64_t position = 0;
    for (const auto& l : links) {
      st.Bind(1, l.participant_row);
      if (l.entity)
        st.Bind(2, *l.entity);
      else
        st.BindNull(2);
      st.Bind(3, l.status).Bind(4, l.method).Bind(5, l.score).Bind(6, l.reason);
      st.Bind(7, position++);
      if (auto s = st.Run(); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  StatusOr<std::map<std::string, int64_t>> LinkCountsByMethod() override {
    Statement st(db_, "SELECT method, COUNT(*) FROM links GROUP BY method");
    std::map<std::string, int64_t> out;
    while (st.Step()) out[st.Text(0)] = st.Int(1);
    if (!st.status().ok()) return st.status();
    return out;
  }

 private:
  Connection& db_;
};

}  // namespace

StatusOr<std::vector<DatasetWriteRecord>> SqlStore::ApplyBatches(
    const std::vector<const Batch*>& batches, const ApplyHooks& hooks) {
  VIGIL_SQL_CONNECTION(db);
  SqlLoadTransaction tx(db);
  return sql::ApplyBatches(db, tx, batches, hooks);
}

StatusOr<store::DatasetWriteRecord> ApplyBatch(Connection& db, const Batch& batch,
                                               const store::ApplyHooks& hooks) {
  SqlLoadTransaction tx(db);
  auto written = ApplyBatches(db, tx, {&batch}, hooks);
  if (!written.ok()) return written.status();
  return std::move(written->front());
}

}  // namespace vigil::store::sql
