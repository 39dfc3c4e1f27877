// Migrations keep what a store holds: a store at schema 7 with a dataset in
// it is migrated to 0008 (which rebuilds facts, the table every record
// refers to) with every row kept, and the new view answers for old rows.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "vigil/store/sqlite/database.h"
#include "vigil/store/sqlite/schema_sql.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

// Runs sql on a raw connection, failing the test on an error.
void MigrationExec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << sql.substr(0, 200);
  sqlite3_free(error);
}

int64_t MigratedCount(Database& db, const std::string& sql) {
  Statement st(db, sql);
  EXPECT_TRUE(st.Step()) << sql;
  return st.Int(0);
}

TEST(MigrationTest, Schema7StoreMigratesKeepingEveryRow) {
  fs::path dir = fs::temp_directory_path() / ("vigil-migration-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "old.db").string();
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    MigrationExec(raw, "PRAGMA foreign_keys = ON");
    for (int v = 0; v < 7; ++v) MigrationExec(raw, kSchemaMigrations[v]);
    MigrationExec(raw, "PRAGMA user_version = 7; PRAGMA application_id = 1447642956");
    MigrationExec(raw,
            "INSERT INTO datasets(id, name, kind, version, files, loaded_at) VALUES "
            "(1, 'curated', 'curated', 'v1', '[]', 'now');"
            "INSERT INTO sources(id, dataset_id, key, title, kind) VALUES (1, 1, 's', 'S', "
            "'article');"
            "INSERT INTO facts(id, dataset_id, type) VALUES (1, 1, 'entity'), (2, 1, 'entity'), "
            "(3, 1, 'relation');"
            "INSERT INTO entities(id, key, kind) VALUES (1, 'a', 'person'), (2, 'b', "
            "'organization');"
            "INSERT INTO relations(id, subject_id, predicate, object_id, valid_from, from_day) "
            "VALUES (3, 1, 'member_of', 2, '2015', '2015-01-01');"
            "INSERT INTO claims(fact_id, source_id, locator, stance, confidence, position) "
            "VALUES (3, 1, 'p. 1', 'asserts', 0.9, 0);");
    sqlite3_close(raw);
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_EQ(MigratedCount(**db, "PRAGMA user_version"), Database::LatestSchemaVersion());
  EXPECT_EQ(MigratedCount(**db, "SELECT COUNT(*) FROM facts"), 3);
  EXPECT_EQ(MigratedCount(**db, "SELECT COUNT(*) FROM entities"), 2);
  EXPECT_EQ(MigratedCount(**db, "SELECT COUNT(*) FROM relations"), 1);
  EXPECT_EQ(MigratedCount(**db, "SELECT COUNT(*) FROM claims"), 1);
  EXPECT_EQ(MigratedCount(**db, "PRAGMA foreign_keys"), 1);  // back on
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
  EXPECT_EQ(MigratedCount(**db, "SELECT COUNT(*) FROM claims"), 0);
  db->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil
