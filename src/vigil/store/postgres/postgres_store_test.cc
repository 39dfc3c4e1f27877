// Unit tests for the PostgreSQL backend: placeholders and redacted URIs
// (no server needed), and against the throwaway server (VIGIL_TEST_PG;
// skipped without one): migrations when several processes start together,
// read-only opens, foreign databases, and one audit chain from many writers.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "vigil/store/postgres/postgres_connection.h"
#include "vigil/store/postgres/postgres_store.h"
#include "vigil/testing/postgres.h"

namespace vigil::store::postgres {
namespace {

TEST(PostgresSql, PlaceholdersAreNumberedOutsideQuotesAndComments) {
  std::vector<bool> params;
  EXPECT_EQ(NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c = ?", &params),
            "SELECT a FROM t WHERE b = $1 AND c = $2");
  EXPECT_EQ(params.size(), 2u);
  EXPECT_EQ(NumberPlaceholders("SELECT '?', \"x?\" -- ?\nFROM t /* ? */ WHERE a = ?", &params),
            "SELECT '?', \"x?\" -- ?\nFROM t /* ? */ WHERE a = $1");
  EXPECT_EQ(params.size(), 1u);
  EXPECT_EQ(NumberPlaceholders("WHERE (?1 = '' OR at >= ?1) AND (?2 = '' OR at < ?2)", &params),
            "WHERE ($1 = '' OR at >= $1) AND ($2 = '' OR at < $2)");
  EXPECT_EQ(params.size(), 2u);
  EXPECT_EQ(NumberPlaceholders("VALUES ('it''s ?', ?)", &params), "VALUES ('it''s ?', $1)");
  EXPECT_EQ(params.size(), 1u);
  EXPECT_EQ(NumberPlaceholders("WHERE record_key = ?2", &params), "WHERE record_key = $2");
  EXPECT_EQ(params, (std::vector<bool>{false, true}));
}

TEST(PostgresSql, MessagesNeverShowThePassword) {
  EXPECT_EQ(Redacted("postgresql://vigil:s3cret@db.example:5432/vigil"),
            "postgresql://vigil@db.example:5432/vigil");
  EXPECT_EQ(Redacted("postgres://db.example/vigil?user=v&password=s3cret&sslmode=require"),
            "postgres://db.example/vigil?user=v&sslmode=require");
  EXPECT_EQ(Redacted("postgresql://db.example/vigil?password=s3cret"),
            "postgresql://db.example/vigil");
  EXPECT_EQ(Redacted("postgresql:///vigil?host=/tmp/x"), "postgresql:///vigil?host=/tmp/x");
  // A database that cannot be reached: the message names it without the password.
  auto store = OpenStore("postgresql://vigil:s3cret@127.0.0.1:1/none?connect_timeout=2",
                         AccessMode::kReadOnly);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(std::string(store.status().message()).find("s3cret"), std::string::npos)
      << store.status();
}

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = test_support::PostgresServer();
    if (server_.empty()) GTEST_SKIP() << "no test server (VIGIL_TEST_PG)";
    database_ = std::make_unique<test_support::TestDatabase>(server_);
  }
  std::string server_;
  std::unique_ptr<test_support::TestDatabase> database_;
};

TEST_F(PostgresStoreTest, ReadingAnEmptyDatabaseIsNotFoundAndWritesNothing) {
  auto store = OpenStore(database_->uri(), AccessMode::kReadOnly);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kNotFound) << store.status();
  auto missing = OpenStore(test_support::WithDatabase(server_, "vigil_no_such_database"),
                           AccessMode::kReadOnly);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound) << missing.status();
  // Still empty: a writer then makes the schema.
  auto writer = OpenStore(database_->uri(), AccessMode::kReadWrite);
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_TRUE(OpenStore(database_->uri(), AccessMode::kReadOnly).ok());
}

TEST_F(PostgresStoreTest, ProcessesStartingTogetherMigrateOnce) {
  std::vector<std::thread> threads;
  std::vector<Status> results(6);
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&, i] {
      auto db = PostgresConnection::Open(database_->uri());
      results[i] = db.status();
      if (db.ok()) {
        EXPECT_EQ((*db)->SchemaVersion(), PostgresConnection::LatestSchemaVersion());
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& s : results) EXPECT_TRUE(s.ok()) << s;
  auto store = OpenStore(database_->uri(), AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  auto id = (*store)->StoreId();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->size(), 32u) << *id;
  EXPECT_EQ(*(*store)->Generation(), 0);
}

TEST_F(PostgresStoreTest, ADatabaseOfAnotherProgramIsRefusedWithNothingWritten) {
  test_support::TestDatabase foreign(server_);
  {
    PGconn* conn = PQconnectdb(foreign.uri().c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK);
    PQclear(PQexec(conn, "CREATE TABLE customers (id INTEGER)"));
    PQfinish(conn);
  }
  auto store = OpenStore(foreign.uri(), AccessMode::kReadWrite);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument) << store.status();
  EXPECT_NE(std::string(store.status().message()).find("customers"), std::string::npos)
      << store.status();
}

TEST_F(PostgresStoreTest, WritersOnManyConnectionsLeaveOneUnbrokenAuditChain) {
  constexpr int kWriters = 4, kEach = 25;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w)
    threads.emplace_back([&, w] {
      // A store each, as separate server processes would have.
      auto store = OpenStore(database_->uri(), AccessMode::kShared);
      ASSERT_TRUE(store.ok()) << store.status();
      for (int i = 0; i < kEach; ++i) {
        AuditEntry entry{"2026-12-01T00:00:00.000Z", "writer-" + std::to_string(w), "screen",
                         "{\"i\":" + std::to_string(i) + "}"};
        auto seqs = (*store)->AppendAudit({entry});
        ASSERT_TRUE(seqs.ok()) << seqs.status();
      }
    });
  for (auto& t : threads) t.join();
  auto store = OpenStore(database_->uri(), AccessMode::kReadOnly);
  ASSERT_TRUE(store.ok()) << store.status();
  int64_t expected_seq = 0;
  std::string prev = kAuditGenesis;
  ASSERT_TRUE((*store)
                  ->ReadAudit("", "",
                              [&](const AuditRecord& r) {
                                EXPECT_EQ(r.seq, ++expected_seq);
                                EXPECT_EQ(r.prev_hash, prev);
                                AuditEntry e{r.at, r.actor, r.action, r.detail};
                                EXPECT_EQ(r.hash, AuditHash(r.seq, e, r.prev_hash));
                                prev = r.hash;
                                return true;
                              })
                  .ok());
  EXPECT_EQ(expected_seq, kWriters * kEach);
  EXPECT_EQ(*(*store)->AuditHead(), std::to_string(expected_seq) + ":" + prev);
}

}  // namespace
}  // namespace vigil::store::postgres
