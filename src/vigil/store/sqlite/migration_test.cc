// Unit tests for the migrations: a store made by an older schema, holding
// facts with claims, opens at the newest schema with every row and every
// reference kept (0008 and 0009 rebuild `facts`, which every fact table
// refers to, ON DELETE CASCADE).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "vigil/store/sqlite/sqlite_connection.h"
#include "vigil/store/sqlite/schema_sql.h"

namespace vigil::store::sqlite {
using sql::Statement;
namespace {

namespace fs = std::filesystem;

class MigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vigil-migration-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A store at schema version `version`, written with SQLite alone (as an
  // older vigil left it), with the rows of `sql`.
  std::string OldStore(int version, const std::string& sql) {
    std::string path = (dir_ / "old.db").string();
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    auto run = [&](const std::string& text) {
      char* error = nullptr;
      EXPECT_EQ(sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error), SQLITE_OK)
          << (error ? error : "");
      sqlite3_free(error);
    };
    run("PRAGMA foreign_keys = ON");
    for (int i = 0; i < version; ++i) run(kSchemaMigrations[i]);
    run("PRAGMA user_version = " + std::to_string(version));
    run("PRAGMA application_id = 1447642956");  // 0x5649474C, "VIGL"
    run(sql);
    sqlite3_close(db);
    return path;
  }

  fs::path dir_;
};

int64_t SchemaRowCount(SqliteConnection& db, const std::string& sql) {
  Statement st(db, sql);
  EXPECT_TRUE(st.Step()) << sql;
  return st.Int(0);
}

TEST_F(MigrationTest, RebuildingFactsKeepsEveryFactItsClaimsAndTheirReferences) {
  // A store made before the newest migration (0009, lifespans), as the
  // previous release left it.
  int previous = SqliteConnection::LatestSchemaVersion() - 1;
  std::string path = OldStore(previous, R"sql(
    INSERT INTO datasets(id, name, kind, version, files, loaded_at)
      VALUES (1, 'curated', 'curated', 'v1', '[]', '2024-01-01T00:00:00Z');
    INSERT INTO sources(id, dataset_id, key, title, kind) VALUES (1, 1, 's', 'S', 'report');
    INSERT INTO facts(id, dataset_id, type) VALUES (10, 1, 'entity'), (11, 1, 'entity'),
      (12, 1, 'relation');
    INSERT INTO entities(id, key, kind) VALUES (10, 'a', 'person'), (11, 'b', 'organization');
    INSERT INTO names(entity_id, text, kind, name_key, position)
      VALUES (10, 'A', 'primary', 'a', 0);
    INSERT INTO attributes(entity_id, key, value) VALUES (10, 'status', 'active');
    INSERT INTO relations(id, subject_id, predicate, object_id) VALUES (12, 10, 'leader_of', 11);
    INSERT INTO claims(fact_id, source_id, stance, confidence, position)
      VALUES (10, 1, 'asserts', 0.8, 0), (12, 1, 'asserts', 0.8, 0);
  )sql");

  auto opened = SqliteConnection::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status();
  SqliteConnection& db = **opened;
  EXPECT_EQ(db.SchemaVersion(), SqliteConnection::LatestSchemaVersion());
  // Every row is still there, under the same ids.
  EXPECT_EQ(SchemaRowCount(db, "SELECT COUNT(*) FROM facts"), 3);
  EXPECT_EQ(
      SchemaRowCount(db, "SELECT COUNT(*) FROM facts WHERE id = 12 AND type = 'relation'"), 1);
  EXPECT_EQ(SchemaRowCount(db, "SELECT COUNT(*) FROM entities"), 2);
  EXPECT_EQ(SchemaRowCount(db, "SELECT COUNT(*) FROM names"), 1);
  EXPECT_EQ(SchemaRowCount(db, "SELECT COUNT(*) FROM attributes"), 1);
  EXPECT_EQ(SchemaRowCount(db, "SELECT COUNT(*) FROM relations"), 1);
  EXPECT_EQ(SchemaRowCount(db, "SELECT COUNT(*) FROM claims"), 2);
  {
    Statement check(db, "PRAGMA foreign_key_check");
    EXPECT_FALSE(check.Step()) << check.Text(0);
  }
  {
    Statement on(db, "PRAGMA foreign_keys");
    ASSERT_TRUE(on.Step());
    EXPECT_EQ(on.Int(0), 1);  // on again after migrating
  }
  // An attribute fact is now allowed, with its claim.
  ASSERT_TRUE(db.Execute("INSERT INTO facts(id, dataset_id, type) VALUES (13, 1, 'attribute');"
                         "INSERT INTO claimed_attributes(id, entity_id, key, value) VALUES (13, "
                         "10, 'status', 'deceased');"
                         "INSERT INTO claims(fact_id, source_id, stance, confidence, position) "
                         "VALUES (13, 1, 'asserts', 0.8, 0)")
                  .ok());
  EXPECT_FALSE(db.Execute("INSERT INTO facts(dataset_id, type) VALUES (1, 'nonsense')").ok());
  // The tables refer to the new `facts`: deleting the dataset cascades
  // through it to every fact table and claim.
  ASSERT_TRUE(db.Execute("DELETE FROM datasets WHERE id = 1").ok());
  for (const char* table : {"facts", "entities", "names", "attributes", "relations", "claims",
                            "claimed_attributes", "sources"})
    EXPECT_EQ(SchemaRowCount(db, std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
}

TEST_F(MigrationTest, ANewStoreIsMadeAtTheNewestSchema) {
  auto opened = SqliteConnection::Open((dir_ / "new.db").string());
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ((*opened)->SchemaVersion(), SqliteConnection::LatestSchemaVersion());
  EXPECT_EQ(SchemaRowCount(**opened, "SELECT COUNT(*) FROM sqlite_schema WHERE name = "
                            "'claimed_attributes'"),
            1);
  EXPECT_EQ(
      SchemaRowCount(**opened, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'facts_v2'"), 0);
}

TEST_F(MigrationTest, AStoreAtSchema7GainsEveryLaterTableAndItsRelationsTheirValidity) {
  std::string path = OldStore(7, R"sql(
    INSERT INTO datasets(id, name, kind, version, files, loaded_at)
      VALUES (1, 'curated', 'curated', 'v1', '[]', 'now');
    INSERT INTO sources(id, dataset_id, key, title, kind) VALUES (1, 1, 's', 'S', 'article');
    INSERT INTO facts(id, dataset_id, type) VALUES (1, 1, 'entity'), (2, 1, 'entity'),
      (3, 1, 'relation');
    INSERT INTO entities(id, key, kind) VALUES (1, 'a', 'person'), (2, 'b', 'organization');
    INSERT INTO relations(id, subject_id, predicate, object_id, valid_from, from_day)
      VALUES (3, 1, 'member_of', 2, '2015', '2015-01-01');
    INSERT INTO claims(fact_id, source_id, locator, stance, confidence, position)
      VALUES (3, 1, 'p. 1', 'asserts', 0.9, 0);
  )sql");
  auto db = SqliteConnection::Open(path);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(SchemaRowCount(**db, "PRAGMA user_version"), SqliteConnection::LatestSchemaVersion());
  EXPECT_EQ(SchemaRowCount(**db, "SELECT COUNT(*) FROM facts"), 3);
  EXPECT_EQ(SchemaRowCount(**db, "SELECT COUNT(*) FROM entities"), 2);
  EXPECT_EQ(SchemaRowCount(**db, "SELECT COUNT(*) FROM relations"), 1);
  EXPECT_EQ(SchemaRowCount(**db, "SELECT COUNT(*) FROM claims"), 1);
  EXPECT_EQ(SchemaRowCount(**db, "PRAGMA foreign_keys"), 1);  // back on
  for (const char* table : {"claimed_attributes", "lifespan_bounds", "questions"})
    EXPECT_EQ(SchemaRowCount(**db, std::string("SELECT COUNT(*) FROM sqlite_schema WHERE name = '") +
                                      table + "'"),
              1)
        << table;
  {
    Statement st(**db, "SELECT from_day, from_bound, to_day FROM relation_validity");
    ASSERT_TRUE(st.Step());
    EXPECT_EQ(st.Text(0), "2015-01-01");
    EXPECT_EQ(st.Text(1), "relation");
    EXPECT_TRUE(st.IsNull(2));
  }
  // Deleting a fact still cascades to its claims (the rebuilt table is the
  // one referred to).
  ASSERT_TRUE((*db)->Execute("DELETE FROM facts WHERE id = 3").ok());
  EXPECT_EQ(SchemaRowCount(**db, "SELECT COUNT(*) FROM claims"), 0);
}

}  // namespace
}  // namespace vigil::store::sqlite
