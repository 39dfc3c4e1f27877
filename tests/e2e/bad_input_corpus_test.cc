// End to end: the bad-input corpus (tests/bad-inputs/cases.json). Every case
// runs the real binary against a copy of a loaded store and must exit with
// its documented code, name the file, line and field it expects, and leave
// the store byte-identical.
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fixture.h"
#include "vigil/base/sha256.h"

namespace vigil::e2e {
namespace {

namespace fs = std::filesystem;

// A digest of everything the store holds but its audit log: every table's
// rows in rowid order, without the audit table and its head. A screening
// that exits 0 writes its audit row (issue 8) and must change nothing else.
std::string ContentDigest(const std::string& path) {
  sqlite3* db = nullptr;
  std::string all;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "unreadable";
  }
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'audit' "
                     "ORDER BY name",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  for (const auto& table : tables) {
    std::string sql = "SELECT * FROM \"" + table + "\"";
    if (table == "store_info") sql += " WHERE key != 'audit_head' ORDER BY key";
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    all += table + "\n";
    while (st && sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* text = sqlite3_column_text(st, i);
        all += text ? reinterpret_cast<const char*>(text) : "NULL";
        all += '\x1f';
      }
      all += '\n';
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return Sha256Hex(all);
}
using nlohmann::json;

std::string CorpusDir() { return SourceDir() + "/tests/bad-inputs"; }

std::vector<json> CorpusCases() {
  std::vector<json> cases;
  for (auto& c : json::parse(ReadText(CorpusDir() + "/cases.json"))) cases.push_back(c);
  return cases;
}

class BadInputCorpus : public ::testing::TestWithParam<json> {
 protected:
  // One loaded store for the whole corpus; each case gets a copy.
  static void SetUpTestSuite() {
    store_dir_ = TempDir();
    std::string db = store_dir_ + "/vigil.db";
    std::string mini = SourceDir() + "/tests/fixtures/mini";
    load_ = RunVigil({"load", mini + "/data", "--texts", mini + "/texts", "--db", db});
    if (load_.exit_code == 0)
      load_ = RunVigil({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml", "--db", db});
  }
  static void TearDownTestSuite() { fs::remove_all(store_dir_); }

  static std::string store_dir_;
  static RunResult load_;
};

std::string BadInputCorpus::store_dir_;
RunResult BadInputCorpus::load_;

TEST_P(BadInputCorpus, IsRefusedAsDocumentedAndChangesNothing) {
  ASSERT_EQ(load_.exit_code, 0) << load_.err;
  const json& c = GetParam();
  std::string scratch = TempDir();
  std::string input;
  std::string given = c.value("input", "");
  if (c.contains("generate")) {
    const json& g = c["generate"];
    input = scratch + "/generated" + fs::path(given).extension().string();
    std::ofstream out(input, std::ios::binary);
    out << g.value("head", "");
    std::string line = g.value("line", "");
    for (int64_t i = 0; i < g.value("repeat", int64_t{0}); ++i) out << line;
    out << g.value("tail", "");
  } else if (given.empty()) {
    // The case needs no file: everything is in its arguments.
  } else if (given.rfind("shared:", 0) == 0) {
    input = SharedDataDir() + "/" + given.substr(7);
    if (!fs::exists(input)) GTEST_SKIP() << "not found: " << input;
  } else {
    input = CorpusDir() + "/" + given;
    ASSERT_TRUE(fs::exists(input)) << input;
  }
  auto expand = [&](const std::string& s) {
    return ReplaceAll(ReplaceAll(s, "{input}", input), "{scratch}", scratch);
  };

  std::string db_dir = scratch + "/store";
  fs::create_directories(db_dir);
  std::string db = db_dir + "/vigil.db";
  fs::copy_file(store_dir_ + "/vigil.db", db);
  std::string before = Sha256Hex(ReadText(db));
  std::string content_before = ContentDigest(db);
  // Screening writes its audit row when it succeeds; nothing else may change.
  const bool audited = c["args"][0] == "screen" && c["exit"].get<int>() == 0;

  std::vector<std::string> args;
  for (const auto& a : c["args"]) args.push_back(expand(a.get<std::string>()));
  args.insert(args.end(), {"--db", db});
  auto r = RunVigil(args);

  EXPECT_EQ(r.exit_code, c["exit"].get<int>()) << c["about"] << "\n" << r.err;
  for (const auto& part : c["stderr"]) {
    std::string want = expand(part.get<std::string>());
    EXPECT_NE(r.err.find(want), std::string::npos) << "'" << want << "' not in:\n" << r.err;
  }
  if (c.contains("stderr_not"))
    for (const auto& part : c["stderr_not"]) {
      std::string unwanted = expand(part.get<std::string>());
      EXPECT_EQ(r.err.find(unwanted), std::string::npos) << "'" << unwanted << "' in:\n" << r.err;
    }
  EXPECT_EQ(r.err.find("std::"), std::string::npos) << "a raw C++ exception leaked:\n" << r.err;
  if (audited)
    EXPECT_EQ(ContentDigest(db), content_before) << "the store changed beyond its audit log";
  else
    EXPECT_EQ(Sha256Hex(ReadText(db)), before) << "the store changed";
  for (const auto& e : fs::directory_iterator(db_dir)) {
    std::string name = e.path().filename().string();
    EXPECT_TRUE(name == "vigil.db" || name == "vigil.db.screening") << "left behind: " << name;
  }
  fs::remove_all(scratch);
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInputCorpus, ::testing::ValuesIn(CorpusCases()),
                         [](const ::testing::TestParamInfo<json>& info) {
                           return info.param["name"].get<std::string>();
                         });

}  // namespace
}  // namespace vigil::e2e
