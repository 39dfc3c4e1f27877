// End to end: the files vigil keeps and writes cannot be turned against it.
// It never writes into another program's database, read-only commands leave
// the folder as they found it, the screening cache is checked before it is
// trusted, and outputs go through exclusive temporaries.
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

class StoreSafetyTest : public CliTest {
 protected:
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::set<std::string> Files() const {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir_)) names.insert(e.path().filename().string());
    return names;
  }
  void MakeForeignDatabase(const std::string& path) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE invoices(id INTEGER PRIMARY KEY, payee TEXT);"
                           "INSERT INTO invoices(payee) VALUES ('Acme');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
};

// Regression (issue 10): --db pointed at another program's SQLite file added
// vigil's tables to it, or refused with exit 1 after switching it to WAL.
TEST_F(StoreSafetyTest, AnotherProgramsDatabaseIsRefusedUntouched) {
  VIGIL_SQLITE_ONLY();  // the file itself
  MakeForeignDatabase(db_);
  std::string before = Sha256Hex(Read(db_));
  auto files_before = Files();
  for (std::vector<std::string> args :
       {std::vector<std::string>{"load", data_, "--texts", MiniTexts()},
        {"show", "Northern Front"},
        {"screen", "Northern Front"}}) {
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << ": " << r.err;
    EXPECT_NE(r.err.find("not a vigil database"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("invoices"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(db_), std::string::npos) << r.err;
  }
  EXPECT_EQ(Sha256Hex(Read(db_)), before);
  EXPECT_EQ(Files(), files_before);
}

TEST_F(StoreSafetyTest, AFileThatIsNotSqliteIsRefusedUntouched) {
  VIGIL_SQLITE_ONLY();  // the file itself
  std::ofstream(db_, std::ios::binary) << "name,amount\nAcme,10\n";
  std::string before = Read(db_);
  auto r = Vigil({"load", data_, "--texts", MiniTexts()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("not an SQLite file"), std::string::npos) << r.err;
  EXPECT_EQ(Read(db_), before);
}

// Regression (issue 10): read-only commands left -wal/-shm files.
TEST_F(StoreSafetyTest, ReadOnlyCommandsLeaveNoFilesBehind) {
  VIGIL_SQLITE_ONLY();  // the file itself
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto files = Files();
  EXPECT_EQ(files.count("vigil.db-wal") + files.count("vigil.db-shm") +
                files.count("vigil.db-journal"),
            0u);
  std::string before = Sha256Hex(Read(db_));
  for (std::vector<std::string> args :
       {std::vector<std::string>{"show", "Northern Front"},
        {"list", "relations"},
        {"conflicts"},
        {"verify", "--texts", MiniTexts()},
        {"rank", "--measure", "degree"}}) {
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    EXPECT_EQ(Files(), files) << args[0];
  }
  EXPECT_EQ(Sha256Hex(Read(db_)), before);
  // Screening adds its cache beside the database, and nothing else; the
  // database gains the screening's audit row (issue 8: every screening,
  // from the CLI too, is in the audit log).
  ASSERT_EQ(Vigil({"screen", "Northern Front", "--actor", "desk-7"}).exit_code, 0);
  files.insert("vigil.db.screening");
  EXPECT_EQ(Files(), files);
  auto audit = Json({"audit", "verify"});
  EXPECT_EQ(audit["rows"], 1);
  EXPECT_EQ(audit["ok"], true);
  auto exported = Vigil({"audit", "export"});
  EXPECT_NE(exported.out.find("\"actor\":\"desk-7\",\"action\":\"screen\""), std::string::npos)
      << exported.out;
  EXPECT_NE(exported.out.find("Northern Front"), std::string::npos) << exported.out;
}

// Regression (issue 10): editing a name inside DB.screening changed what
// `screen` reported.
TEST_F(StoreSafetyTest, AnEditedScreeningCacheIsRebuiltNotTrusted) {
  VIGIL_SQLITE_ONLY();  // the file itself
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto clean = Json({"screen", "Northern Front"});
  ASSERT_FALSE(clean["hits"].empty());
  std::string cache = db_ + ".screening";
  std::string bytes = Read(cache);
  // Rename the listed group inside the cache, same length.
  for (size_t at = bytes.find("Northern Front"); at != std::string::npos;
       at = bytes.find("Northern Front", at))
    bytes.replace(at, 14, "Southern Front");
  std::ofstream(cache, std::ios::binary | std::ios::trunc) << bytes;
  auto again = Json({"screen", "Northern Front"});
  ASSERT_FALSE(again["hits"].empty());
  EXPECT_EQ(again["hits"][0]["name"], clean["hits"][0]["name"]);
  EXPECT_DOUBLE_EQ(again["hits"][0]["score"].get<double>(), clean["hits"][0]["score"].get<double>());
  auto southern = Json({"screen", "Southern Front"});  // kept: the loop reads into it
  for (const auto& hit : southern["hits"]) EXPECT_NE(hit["name"], "Southern Front");
  // The cache was written again from the store.
  EXPECT_EQ(Read(cache).find("Southern Front"), std::string::npos);
}

// A newer load makes the cache stale: the next screen sees the new data.
TEST_F(StoreSafetyTest, ANewLoadMakesTheCacheStale) {
  VIGIL_SQLITE_ONLY();  // the file itself
  ASSERT_EQ(LoadMini().exit_code, 0);
  ASSERT_EQ(Vigil({"screen", "Northern Front"}).exit_code, 0);
  Edit("entities.yaml", "{text: Northern Front, kind: primary}",
       "{text: Northern Front, kind: primary}\n      - {text: Zarghun Lashkar, kind: alias}");
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto result = Json({"screen", "Zarghun Lashkar"});
  ASSERT_FALSE(result["hits"].empty());
  EXPECT_EQ(result["hits"][0]["entity"], "northern-front");
}

// Regression (issue 10): batch output followed a planted OUT.partial
// symbolic link; export --output wrote in place.
TEST_F(StoreSafetyTest, OutputsNeverFollowPlantedLinks) {
  VIGIL_SQLITE_ONLY();  // the file itself
  ASSERT_EQ(LoadMini().exit_code, 0);
  std::string victim = dir_ + "/victim.txt";
  std::ofstream(victim) << "precious";
  std::string input = dir_ + "/in.csv";
  std::ofstream(input) << "name\nNorthern Front\n";
  std::string output = dir_ + "/out.csv";
  fs::create_symlink(victim, output + ".partial");
  auto r = Vigil({"screen", "--input", input, "--output", output});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Read(victim), "precious");
  EXPECT_NE(Read(output).find("Northern Front"), std::string::npos);

  std::string graph = dir_ + "/kb.graphml";
  fs::create_symlink(victim, graph);
  r = Vigil({"export", "--format", "graphml", "--output", graph});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Read(victim), "precious");
  EXPECT_FALSE(fs::is_symlink(graph));
  EXPECT_NE(Read(graph).find("<graphml"), std::string::npos);
  // Nothing but the outputs and the planted links is left: no temporaries.
  EXPECT_EQ(Files(), (std::set<std::string>{"data", "vigil.db", "vigil.db.screening", "victim.txt",
                                            "in.csv", "out.csv", "out.csv.partial",
                                            "kb.graphml"}));
}

TEST_F(StoreSafetyTest, AnOutputInAMissingFolderIsABadArgument) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto r = Vigil({"export", "--format", "gexf", "--output", dir_ + "/missing/kb.gexf"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("missing"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ + "/missing"));
}

}  // namespace
}  // namespace vigil::e2e
