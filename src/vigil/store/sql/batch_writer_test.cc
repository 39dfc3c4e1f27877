// Unit tests for the batch writer and reader: replacing a dataset takes
// work linear in its size (counted in SQLite VM steps, not time), every
// reference is still checked, and a stored dataset reads back as written.
#include "vigil/store/sql/batch_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/store/sql/batch_reader.h"
#include "vigil/store/postgres/postgres_connection.h"
#include "vigil/store/sqlite/sqlite_connection.h"
#include "vigil/testing/postgres.h"

namespace vigil::store::sql {
namespace {

namespace fs = std::filesystem;

class BatchWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vigil-writer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    databases_.clear();
    fs::remove_all(dir_);
  }
  // A new store: the file name in dir_, or a new database on the test
  // server (VIGIL_TEST_PG).
  std::unique_ptr<Connection> Open(const std::string& name) {
    std::string server = test_support::PostgresServer();
    if (server.empty()) return OpenSqlite(name);
    databases_.push_back(std::make_unique<test_support::TestDatabase>(server));
    auto db = postgres::PostgresConnection::Open(databases_.back()->uri());
    EXPECT_TRUE(db.ok()) << db.status();
    return std::move(*db);
  }
  std::unique_ptr<sqlite::SqliteConnection> OpenSqlite(const std::string& name) {
    auto db = sqlite::SqliteConnection::Open((dir_ / name).string());
    EXPECT_TRUE(db.ok()) << db.status();
    return std::move(*db);
  }
  fs::path dir_;
  std::vector<std::unique_ptr<test_support::TestDatabase>> databases_;
};

Claim Cite(const std::string& party = "") {
  Claim c;
  c.source = "s";
  c.locator = "p. 1";
  c.party = party;
  return c;
}

// n entities, each claimed by a party (the previous entity) and designated
// by the first: columns that have no index in the schema.
Batch Chain(const std::string& dataset, int n, const std::string& version) {
  Batch b;
  b.dataset = dataset;
  b.kind = "curated";
  b.version = version;
  Source s;
  s.id = "s";
  s.title = "A source";
  s.kind = "report";
  b.sources.push_back(s);
  for (int i = 0; i < n; ++i) {
    Entity e;
    e.id = "e" + std::to_string(i);
    e.kind = "person";
    e.names.push_back({"Person " + std::to_string(i), "primary", "Latn", ""});
    e.claims.push_back(Cite(i > 0 ? "e" + std::to_string(i - 1) : ""));
    b.entities.push_back(std::move(e));
    Designation d;
    d.entity = "e" + std::to_string(i);
    d.authority = "e0";
    d.authority_code = "XX";
    d.program = "P";
    d.claims.push_back(Cite());
    b.designations.push_back(std::move(d));
  }
  return b;
}

// SQLite virtual-machine steps, in thousands, that writing batch takes.
int64_t StepsToWrite(sqlite::SqliteConnection& db, const Batch& batch) {
  int64_t thousands = 0;
  sqlite3_progress_handler(
      db.handle(), 1000,
      [](void* count) {
        ++*static_cast<int64_t*>(count);
        return 0;
      },
      &thousands);
  auto report = ApplyBatch(db, batch);
  sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
  EXPECT_TRUE(report.ok()) << report.status();
  return thousands;
}

TEST_F(BatchWriterTest, ReplacingADatasetTakesWorkLinearInItsSize) {
  // With foreign keys on, deleting each entity made SQLite scan the
  // designations (and events, estimates, claims) for rows naming it in an
  // unindexed column: ten times the data, a hundred times the work.
  VIGIL_SQLITE_ONLY();  // counts SQLite's virtual-machine steps
  auto small = OpenSqlite("small.db");
  auto large = OpenSqlite("large.db");
  ASSERT_TRUE(ApplyBatch(*small, Chain("d", 400, "v1")).ok());
  ASSERT_TRUE(ApplyBatch(*large, Chain("d", 4000, "v1")).ok());
  int64_t steps_small = StepsToWrite(*small, Chain("d", 400, "v2"));
  int64_t steps_large = StepsToWrite(*large, Chain("d", 4000, "v2"));
  ASSERT_GT(steps_small, 0);
  EXPECT_LT(steps_large, 15 * steps_small) << steps_small << " vs " << steps_large;
}

TEST_F(BatchWriterTest, ARecordThatAnotherDatasetRefersToIsNotRemoved) {
  auto db = Open("refs.db");
  ASSERT_TRUE(ApplyBatch(*db, Chain("a", 3, "v1")).ok());
  Batch b = Chain("b", 1, "v1");
  b.designations.clear();
  b.sources[0].id = "s-b";
  b.entities[0].id = "b0";
  b.entities[0].claims[0].source = "s-b";
  Relation r;
  r.subject = "b0";
  r.predicate = "member_of";
  r.object = "e2";  // an entity of dataset a
  r.claims.push_back(Cite());
  r.claims[0].source = "s-b";
  b.relations.push_back(r);
  ASSERT_TRUE(ApplyBatch(*db, b).ok());
  // A new version of a without e2 would leave b's relation pointing at nothing.
  auto refused = ApplyBatch(*db, Chain("a", 2, "v2"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("a reference in table relations"), std::string::npos)
      << refused.status();
  auto stored = ReadStoredBatch(*db, "a");
  ASSERT_TRUE(stored.ok() && *stored);
  EXPECT_EQ((*stored)->version, "v1");
  EXPECT_EQ((*stored)->entities.size(), 3u);
}

TEST_F(BatchWriterTest, AStoredDatasetReadsBackAsWritten) {
  auto db = Open("round.db");
  Batch b = Chain("d", 3, "v1");
  b.designations.clear();
  b.sources[0].text = "Some text.";
  b.sources[0].length = 10;
  b.sources[0].date = *PartialDate::Parse("~2020-03");
  b.entities[1].attributes["authority_code"] = "UN";
  b.entities[1].values = {{"birth_date", "1970"}, {"address", "Kabul"}};
  b.entities[1].identifiers.push_back({"passport", "X1", "AF", "note"});
  b.entities[0].claims[0].span_start = 0;
  b.entities[0].claims[0].span_end = 4;
  b.entities[0].claims[0].stance = Stance::kDenies;
  b.entities[0].claims[0].confidence = 0.35;
  Relation r;
  r.subject = "e0";
  r.predicate = "allied_with";
  r.object = "e2";
  r.role = "ally";
  r.from = *PartialDate::Parse("2015");
  r.claims.push_back(Cite("e1"));
  b.relations.push_back(r);
  Event e;
  e.id = "ev";
  e.type = "attack";
  e.title = "An attack";
  e.date = *PartialDate::Parse("2020-01-02");
  e.place.city = "Kabul";
  e.place.entity = "e2";
  e.killed.best = 3;
  e.perpetrators.push_back({"e0", "", "claimed", {Cite()}});
  e.targets.push_back({"", "civilians", "target", {}});
  e.claims.push_back(Cite());
  b.events.push_back(e);
  Estimate m;
  m.id = "m";
  m.subject = "e0";
  m.quantity = "fighters";
  m.low = 10;
  m.high = 20;
  m.scope_entity = "e2";
  m.as_of = *PartialDate::Parse("2021");
  m.claims.push_back(Cite());
  b.estimates.push_back(m);
  Designation d;
  d.entity = "e0";
  d.authority = "e1";
  d.authority_code = "UN";
  d.program = "P";
  d.reference = "R.1";
  d.claims.push_back(Cite());
  b.designations.push_back(d);
  ASSERT_TRUE(ApplyBatch(*db, b).ok());

  auto stored = ReadStoredBatch(*db, "d");
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_TRUE(*stored);
  const Batch& s = **stored;
  EXPECT_EQ(s.version, "v1");
  EXPECT_EQ(s.sources[0].text, "Some text.");
  EXPECT_EQ(s.sources[0].length, 10);
  EXPECT_EQ(s.sources[0].date.ToString(), "~2020-03");
  ASSERT_EQ(s.entities.size(), 3u);
  EXPECT_EQ(s.entities[1].attributes.at("authority_code"), "UN");
  EXPECT_EQ(s.entities[1].values, b.entities[1].values);
  EXPECT_EQ(s.entities[1].identifiers[0].note, "note");
  EXPECT_EQ(s.entities[0].claims[0].span_end, 4);
  EXPECT_EQ(s.entities[0].claims[0].stance, Stance::kDenies);
  EXPECT_EQ(s.entities[0].claims[0].confidence, 0.35);
  EXPECT_EQ(s.entities[2].claims[0].party, "e1");
  EXPECT_EQ(s.relations[0].Key(), "e0|allied_with|e2|2015");
  EXPECT_EQ(s.relations[0].role, "ally");
  EXPECT_EQ(s.relations[0].claims[0].party, "e1");
  EXPECT_EQ(s.events[0].place.entity, "e2");
  EXPECT_EQ(s.events[0].killed.best, 3);
  ASSERT_EQ(s.events[0].perpetrators.size(), 1u);
  EXPECT_EQ(s.events[0].perpetrators[0].claims.size(), 1u);
  ASSERT_EQ(s.events[0].targets.size(), 1u);
  EXPECT_EQ(s.events[0].targets[0].label, "civilians");
  EXPECT_EQ(s.estimates[0].scope_entity, "e2");
  EXPECT_EQ(s.estimates[0].high, 20);
  EXPECT_EQ(s.designations[0].Key(), "e0|e1|P");
  EXPECT_EQ(s.designations[0].authority_code, "UN");
  EXPECT_EQ(s.designations[0].where.path, "stored dataset 'd'");
  EXPECT_FALSE(*ReadStoredBatch(*db, "other"));
}

TEST_F(BatchWriterTest, AParticipationJoinsAnotherDatasetsEventAndReadsBack) {
  auto db = Open("joined.db");
  Batch a = Chain("a", 2, "v1");
  Event e;
  e.id = "ev";
  e.type = "attack";
  e.title = "An attack";
  e.perpetrators.push_back({"e0", "", "claimed", {Cite()}});
  e.claims.push_back(Cite());
  a.events.push_back(e);
  ASSERT_TRUE(ApplyBatch(*db, a).ok());

  Batch b;
  b.dataset = "b";
  b.kind = "reading";
  b.version = "v1";
  Source s;
  s.id = "s-b";
  s.title = "An article";
  s.kind = "article";
  b.sources.push_back(s);
  Claim cite = Cite();
  cite.source = "s-b";
  b.participations.push_back({"ev", {"e1", "", "attributed", {cite}}});
  auto written = ApplyBatch(*db, b);
  ASSERT_TRUE(written.ok()) << written.status();

  Statement rows(*db,
                 "SELECT n.key, p.role, p.position FROM participants p JOIN entities n ON n.id = "
                 "p.entity_id JOIN events e ON e.id = p.event_id WHERE e.key = 'ev' ORDER BY "
                 "p.position");
  std::vector<std::string> seen;
  while (rows.Step())
    seen.push_back(rows.Text(0) + " " + rows.Text(1) + " " + std::to_string(rows.Int(2)));
  EXPECT_EQ(seen, (std::vector<std::string>{"e0 claimed 0", "e1 attributed 1"}));

  // Read back: a participation of b, not an event of b.
  auto stored = ReadStoredBatch(*db, "b");
  ASSERT_TRUE(stored.ok() && *stored) << stored.status();
  EXPECT_TRUE((*stored)->events.empty());
  ASSERT_EQ((*stored)->participations.size(), 1u);
  EXPECT_EQ((*stored)->participations[0].event, "ev");
  EXPECT_EQ((*stored)->participations[0].participant.entity, "e1");
  EXPECT_EQ((*stored)->participations[0].participant.claims.size(), 1u);
  // a reads back with its own participant only.
  auto own = ReadStoredBatch(*db, "a");
  ASSERT_TRUE(own.ok() && *own);
  EXPECT_EQ((*own)->events[0].perpetrators.size(), 1u);

  // An event no dataset holds is refused, and nothing is written.
  b.version = "v2";
  b.participations[0].event = "no-such-event";
  auto refused = ApplyBatch(*db, b);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("unknown event 'no-such-event'"), std::string::npos)
      << refused.status();
  EXPECT_EQ((*ReadStoredBatch(*db, "b"))->version, "v1");
}

TEST_F(BatchWriterTest, AClaimedAttributeIsAFactOfItsDatasetBesideTheCuratedValue) {
  auto db = Open("attribute.db");
  Batch a = Chain("a", 2, "v1");
  a.designations.clear();
  a.entities[0].attributes["status"] = "active";
  ASSERT_TRUE(ApplyBatch(*db, a).ok());

  Batch b;
  b.dataset = "b";
  b.kind = "reading";
  b.version = "v1";
  Source s;
  s.id = "s-b";
  s.title = "An article";
  s.kind = "article";
  s.text = "e0 was killed.";
  b.sources.push_back(s);
  ClaimedAttribute claimed;
  claimed.entity = "e0";  // an entity of dataset a
  claimed.key = "status";
  claimed.value = "deceased";
  Claim cite = Cite("e1");
  cite.source = "s-b";
  cite.locator.clear();
  cite.span_start = 0;
  cite.span_end = 14;
  cite.digest = "0123abcd";
  cite.stance = Stance::kDenies;
  claimed.claims.push_back(cite);
  b.claimed_attributes.push_back(claimed);
  auto written = ApplyBatch(*db, b);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(written->counts.at("claimed_attributes"), 1);

  // The curated value stays as it was, beside the claimed one.
  Statement curated(*db,
                    "SELECT a.value FROM attributes a JOIN entities e ON e.id = a.entity_id "
                    "WHERE e.key = 'e0' AND a.key = 'status'");
  ASSERT_TRUE(curated.Step());
  EXPECT_EQ(curated.Text(0), "active");
  Statement fact(*db,
                 "SELECT f.type, d.name FROM claimed_attributes a JOIN facts f ON f.id = a.id "
                 "JOIN datasets d ON d.id = f.dataset_id");
  ASSERT_TRUE(fact.Step());
  EXPECT_EQ(fact.Text(0), "attribute");
  EXPECT_EQ(fact.Text(1), "b");

  auto stored = ReadStoredBatch(*db, "b");
  ASSERT_TRUE(stored.ok() && *stored) << stored.status();
  ASSERT_EQ((*stored)->claimed_attributes.size(), 1u);
  const ClaimedAttribute& back = (*stored)->claimed_attributes[0];
  EXPECT_EQ(back.Key(), "e0|status|deceased");
  ASSERT_EQ(back.claims.size(), 1u);
  EXPECT_EQ(back.claims[0].source, "s-b");
  EXPECT_EQ(back.claims[0].span_start, 0);
  EXPECT_EQ(back.claims[0].span_end, 14);
  EXPECT_EQ(back.claims[0].digest, "0123abcd");
  EXPECT_EQ(back.claims[0].party, "e1");
  EXPECT_EQ(back.claims[0].stance, Stance::kDenies);
  EXPECT_EQ(back.where.path, "stored dataset 'b'");
  // a reads back without it.
  EXPECT_TRUE((*ReadStoredBatch(*db, "a"))->claimed_attributes.empty());

  // A new version of b replaces the fact and its claims (DeleteDataset).
  b.version = "v2";
  b.claimed_attributes[0].value = "killed";
  ASSERT_TRUE(ApplyBatch(*db, b).ok());
  Statement rows(*db, fmt::format("SELECT (SELECT COUNT(*) FROM claimed_attributes), (SELECT {} "
                                  "FROM claimed_attributes), (SELECT COUNT(*) FROM claims c JOIN "
                                  "facts f ON f.id = c.fact_id WHERE f.type = 'attribute')",
                                  db->GroupConcat("value", "','")));
  ASSERT_TRUE(rows.Step());
  EXPECT_EQ(rows.Int(0), 1);
  EXPECT_EQ(rows.Text(1), "killed");
  EXPECT_EQ(rows.Int(2), 1);

  // An unknown entity is refused, and nothing is written.
  b.version = "v3";
  b.claimed_attributes[0].entity = "nobody";
  auto refused = ApplyBatch(*db, b);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("unknown entity 'nobody'"), std::string::npos)
      << refused.status();
  EXPECT_EQ((*ReadStoredBatch(*db, "b"))->version, "v2");
}

TEST_F(BatchWriterTest, ADatasetOfManyStatementsReadsBackAndAClashNamesItsRecord) {
  // PostgreSQL takes rows several hundred to a statement: a dataset of
  // more rows than one statement holds reads back whole, and a key that
  // clashes among them is reported at its own record, nothing written.
  auto db = Open("many.db");
  ASSERT_TRUE(ApplyBatch(*db, Chain("a", 1200, "v1")).ok());
  auto stored = ReadStoredBatch(*db, "a");
  ASSERT_TRUE(stored.ok() && *stored) << stored.status();
  ASSERT_EQ((*stored)->entities.size(), 1200u);
  ASSERT_EQ((*stored)->designations.size(), 1200u);
  EXPECT_EQ((*stored)->entities[777].names.at(0).text, "Person 777");
  EXPECT_EQ((*stored)->designations[777].entity, "e777");
  EXPECT_EQ((*stored)->entities[1199].claims.at(0).party, "e1198");

  Batch b = Chain("b", 1200, "v1");
  b.designations.clear();
  b.sources[0].id = "s-b";
  for (size_t i = 0; i < b.entities.size(); ++i) {
    Entity& e = b.entities[i];
    e.id = "b" + std::to_string(i);
    e.where = {"b.yaml", static_cast<int>(i) + 10};
    e.claims[0] = Cite();
    e.claims[0].source = "s-b";
  }
  b.entities[700].id = "e5";  // dataset a's
  auto refused = ApplyBatch(*db, b);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(std::string(refused.status().message()),
            "b.yaml:710: entities.id: 'e5' already exists in another dataset");
  auto none = ReadStoredBatch(*db, "b");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);

  // Without the clash it is written, its facts numbered after a's.
  b.entities[700].id = "b700";
  auto written = ApplyBatch(*db, b);
  ASSERT_TRUE(written.ok()) << written.status();
  Statement facts(*db, "SELECT COUNT(*), COUNT(DISTINCT f.id), MIN(f.id) FROM facts f JOIN "
                       "datasets d ON d.id = f.dataset_id WHERE d.name = 'b'");
  ASSERT_TRUE(facts.Step()) << facts.status();
  EXPECT_EQ(facts.Int(0), 1200);
  EXPECT_EQ(facts.Int(1), 1200);
  EXPECT_EQ(facts.Int(2), 2401);  // a: 1200 entities and 1200 designations
}

}  // namespace
}  // namespace vigil::store::sql
