#include "vigil/engine/audit.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <thread>

#include "vigil/store/sql/sql_store.h"
#include "vigil/testing/store_fixture.h"

namespace vigil {
namespace {

class AuditTest : public test_support::StoreFixture {
 protected:
  AuditTest() : StoreFixture("vigil-audit") {}
  // The audit log writes through the SQL layer.
  store::sql::SqlStore& sql() { return static_cast<store::sql::SqlStore&>(*store_); }
  // Writes 40 rows from 4 threads.
  void Fill(AuditLog& log) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 10; ++i)
          log.Record(fmt::format("desk-{}", t), "screen",
                     Json{{"query", {{"name", fmt::format("n{}", i)}}}});
      });
    for (auto& th : threads) th.join();
    ASSERT_TRUE(log.Flush().ok());
  }
  void Sql(const std::string& text) {
    ASSERT_TRUE((*sql().ThreadConnection())->Execute(text).ok()) << text;
  }
};

TEST_F(AuditTest, ConcurrentRecordsMakeOneUnbrokenChain) {
  AuditLog log(sql());
  Fill(log);
  auto v = log.Verify();
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->rows, 40);
  EXPECT_EQ(v->head_seq, 40);
  EXPECT_EQ(v->head_hash.size(), 64u);
}

TEST_F(AuditTest, AnEditedRowIsFound) {
  AuditLog log(sql());
  Fill(log);
  Sql("UPDATE audit SET detail = '{\"query\":{\"name\":\"someone else\"}}' WHERE seq = 17");
  auto v = log.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->bad_seq, 17);
  EXPECT_NE(v->problem.find("edited"), std::string::npos) << v->problem;
}

TEST_F(AuditTest, AReHashedEditBreaksTheNextLink) {
  AuditLog log(sql());
  Fill(log);
  // Whoever edits row 5 and recomputes its hash still breaks row 6.
  auto conn = *sql().ThreadConnection();
  std::string prev;
  {
    store::sql::Statement st(*conn, "SELECT prev_hash, at, actor, action FROM audit WHERE seq = 5");
    ASSERT_TRUE(st.Step());
    prev = st.Text(0);
    store::AuditEntry e{st.Text(1), st.Text(2), st.Text(3), "{}"};
    store::sql::Statement up(*conn, "UPDATE audit SET detail = '{}', hash = ? WHERE seq = 5");
    up.Bind(1, store::AuditHash(5, e, prev));
    ASSERT_TRUE(up.Run().ok());
  }
  auto v = log.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->bad_seq, 6);
}

TEST_F(AuditTest, DeletedRowsAreFoundInTheMiddleAndAtTheEnd) {
  AuditLog log(sql());
  Fill(log);
  Sql("DELETE FROM audit WHERE seq = 40");
  auto v = log.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok);
  EXPECT_NE(v->problem.find("deleted from the end"), std::string::npos) << v->problem;
  Sql("DELETE FROM audit WHERE seq = 12");
  v = log.Verify();
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->bad_seq, 13);
  EXPECT_NE(v->problem.find("row 12 is missing"), std::string::npos) << v->problem;
}

TEST_F(AuditTest, ExportsCsvAndJsonLinesWithTheHead) {
  AuditLog log(sql());
  log.Record("desk-1", "screen", Json{{"query", {{"name", "Sirajuddin Haqqani"}}}});
  log.Record("admin", "token_create", Json{{"name", "desk-2"}});
  ASSERT_TRUE(log.Flush().ok());
  std::ostringstream jsonl, csv;
  ASSERT_TRUE(log.Export("", "", AuditFormat::kJsonLines, jsonl).ok());
  ASSERT_TRUE(log.Export("", "", AuditFormat::kCsv, csv).ok());
  std::istringstream lines(jsonl.str());
  std::string line;
  std::vector<Json> rows;
  while (std::getline(lines, line)) rows.push_back(Json::parse(line));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["detail"]["query"]["name"], "Sirajuddin Haqqani");
  EXPECT_EQ(rows[1]["action"], "token_create");
  EXPECT_EQ(rows[2]["head"]["seq"], 2);
  EXPECT_EQ(rows[2]["head"]["hash"], rows[1]["hash"]);
  EXPECT_EQ(csv.str().substr(0, 42), "seq,at,actor,action,detail,prev_hash,hash\n");
  EXPECT_NE(csv.str().find("\"{\"\"query\"\":{\"\"name\"\":\"\"Sirajuddin Haqqani\"\"}}\""),
            std::string::npos)
      << csv.str();
  // A time window that ends before now holds nothing.
  std::ostringstream none;
  ASSERT_TRUE(log.Export("", "2000-01-01", AuditFormat::kJsonLines, none).ok());
  EXPECT_EQ(none.str(), "{\"head\":{\"seq\":0,\"hash\":\"\"}}\n");
  EXPECT_EQ(FieldOf(ParseAuditFormat("xml").status()), "format");
}

}  // namespace
}  // namespace vigil
