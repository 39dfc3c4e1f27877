// End to end: vigil load, its idempotence, a load killed midway, and the
// rules that keep a load from losing data: files with no record, one file
// of a dataset (merged), some of its files (refused), hostile YAML.
#include <filesystem>
#include <fstream>

#include "fixture.h"
#include "vigil/base/file.h"
#include "vigil/base/sha256.h"

namespace vigil::e2e {
namespace {

// The bytes of the database file, hashed (a PostgreSQL database: its rows):
// a refused load leaves it as it was.
std::string Hash(const std::string& path) {
  if (store::IsPostgresLocation(path)) return Sha256Hex(test_support::DumpDatabase(path));
  auto bytes = ReadFile(path);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? Sha256Hex(*bytes) : "";
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

TEST_F(CliTest, LoadReportsCountsAsTextAndJson) {
  auto r = LoadMini();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("loaded dataset 'curated'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("6 entities"), std::string::npos) << r.out;
  auto j = Json({"list", "sources"});
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], "mini-report");
  EXPECT_TRUE(j[0]["text_stored"].get<bool>());
}

TEST_F(CliTest, LoadingTheSameDataTwiceChangesNothing) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto before_entities = Json({"list", "entities"});
  auto before_relations = Json({"list", "relations"});
  auto before_conflicts = Json({"conflicts"});
  auto again = Vigil({"load", data_, "--texts", MiniTexts(), "--json"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  auto report = nlohmann::json::parse(again.out);
  EXPECT_TRUE(report["unchanged"].get<bool>());
  EXPECT_EQ(Json({"list", "entities"}), before_entities);
  EXPECT_EQ(Json({"list", "relations"}), before_relations);
  EXPECT_EQ(Json({"conflicts"}), before_conflicts);
}

TEST_F(CliTest, ReloadingChangedDataReplacesTheDataset) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  Edit("entities.yaml", "id: the-council", "id: the-assembly");
  Edit("facts.yaml", "authority: the-council", "authority: the-assembly");
  auto r = LoadMini();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto entities = Json({"list", "entities", "--kind", "government_body"});
  std::vector<std::string> ids;
  for (const auto& e : entities) ids.push_back(e["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"eastern-committee", "the-assembly"}));
  EXPECT_EQ(Json({"list", "entities"}).size(), 6u);
}

TEST_F(CliTest, ALoadKilledMidwayLeavesThePreviousDatabase) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto before = Json({"show", "northern-front"});
  Edit("entities.yaml", "A fictional armed group used by the tests.", "Changed description.");
  auto killed = Vigil({"load", data_, "--texts", MiniTexts()},
                      {{"VIGIL_FAULT_KILL_AFTER_ROWS", "12"}});
  EXPECT_EQ(killed.exit_code, -9) << "the load should have been killed: " << killed.out << killed.err;
  EXPECT_EQ(Json({"show", "northern-front"}), before);
  auto r = LoadMini();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json({"show", "northern-front"})["description"], "Changed description.");
}

TEST_F(CliTest, AKilledFirstLoadLeavesNoData) {
  auto killed = Vigil({"load", data_}, {{"VIGIL_FAULT_KILL_AFTER_ROWS", "3"}});
  EXPECT_EQ(killed.exit_code, -9);
  auto r = Vigil({"list", "entities", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out).size(), 0u);
}

TEST_F(CliTest, AFileWithNoRecordNeverWipesTheDataset) {
  // Each of these used to replace the six entities with nothing (exit 0).
  ASSERT_EQ(LoadMini().exit_code, 0);
  std::string before = Hash(db_);
  std::string path = dir_ + "/empty.yaml";
  for (const char* text : {"", "# nothing yet\n", "null\n", "{}\n", "entities: []\n"}) {
    WriteText(path, text);
    auto r = Vigil({"load", path});
    EXPECT_EQ(r.exit_code, 2) << "'" << text << "': " << r.out << r.err;
    EXPECT_NE(r.err.find(path + ": no sources, entities, relations, events, estimates or "
                                "designations: nothing loaded"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(Hash(db_), before) << text;
  }
  EXPECT_EQ(Json({"list", "entities"}).size(), 6u);
}

TEST_F(CliTest, OneFileOfTheDatasetIsMergedIntoIt) {
  // `vigil load data/sources.yaml` used to replace the dataset with its one
  // source ("6 removed").
  ASSERT_EQ(LoadMini().exit_code, 0);
  auto relations = Json({"list", "relations"});
  auto sources = Json({"load", data_ + "/sources.yaml"});
  EXPECT_TRUE(sources["merged"].get<bool>());
  EXPECT_TRUE(sources["unchanged"].get<bool>());
  EXPECT_TRUE(Json({"load", data_ + "/facts.yaml"})["unchanged"].get<bool>());
  EXPECT_EQ(Json({"list", "entities"}).size(), 6u);

  // An edited file of entities updates them in place, and nothing else.
  Edit("entities.yaml", "A fictional armed group used by the tests.", "Changed by a merge.");
  auto merged = Json({"load", data_ + "/entities.yaml", "--texts", MiniTexts()});
  EXPECT_TRUE(merged["merged"].get<bool>());
  EXPECT_FALSE(merged["unchanged"].get<bool>());
  EXPECT_EQ(merged["changes"]["counts"]["removed"], 0);
  EXPECT_EQ(merged["changes"]["counts"]["unchanged"], 6);
  EXPECT_EQ(merged["counts"]["relations"], 4);  // the whole dataset is written again
  EXPECT_EQ(Json({"show", "northern-front"})["description"], "Changed by a merge.");
  EXPECT_EQ(Json({"list", "relations"}), relations);

  // The same file again, with or without texts: nothing to do.
  std::string stored = Hash(db_);
  auto again = Vigil({"load", data_ + "/entities.yaml"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("dataset 'curated' already holds these records as given"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(Hash(db_), stored);
  // Merged without --texts, the source keeps the text stored for its hash.
  auto sources_again = Json({"load", data_ + "/sources.yaml"});
  EXPECT_TRUE(sources_again["unchanged"].get<bool>());
  EXPECT_TRUE(Json({"list", "sources"})[0]["text_stored"].get<bool>());
  auto verify = Vigil({"verify", "--texts", MiniTexts(), "--quiet"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

// Each file of the bundled knowledge base, loaded on its own over the
// whole, is a part that changes nothing: every kind of record reads back
// from the store exactly as it was written.
TEST_F(CliTest, EachBundledFileAloneMergesAsANoOp) {
  std::string data = SourceDir() + "/data";
  if (!std::filesystem::exists(SeedsDir())) GTEST_SKIP() << "no seeds at " << SeedsDir();
  auto whole = Vigil({"load", data, "--texts", SeedsDir()});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  std::string before = Hash(db_);
  for (const char* file : {"designations.yaml", "estimates.yaml", "events.yaml", "groups.yaml",
                           "people.yaml", "relations.yaml", "sources.yaml", "states.yaml"}) {
    auto r = Vigil({"load", data + "/" + file, "--json"});
    ASSERT_EQ(r.exit_code, 0) << file << ": " << r.err;
    auto report = nlohmann::json::parse(r.out);
    EXPECT_TRUE(report["merged"].get<bool>()) << file;
    EXPECT_TRUE(report["unchanged"].get<bool>()) << file;
  }
  EXPECT_EQ(Hash(db_), before);
}

TEST_F(CliTest, APartMayReferToStoredRecordsAndIsCheckedAgainstThem) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  const std::string claim =
      "claims: [{source: mini-report, span: [63, 131], digest: 668f4b37}]";
  std::string more = dir_ + "/more.yaml";
  WriteText(more, "entities:\n  - {id: hill-company, kind: organization, names: [{text: Hill "
                  "Company, kind: primary}], " + claim + "}\nrelations:\n  - {subject: "
                  "hill-company, predicate: allied_with, object: northern-front, " + claim +
                      "}\n");
  auto r = Vigil({"load", more, "--texts", MiniTexts()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("merged into dataset 'curated'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 added, 0 removed"), std::string::npos) << r.out;
  auto card = Json({"show", "hill-company"});
  ASSERT_EQ(card["relations"]["outgoing"].size(), 1u);
  EXPECT_EQ(card["relations"]["outgoing"][0]["object"]["id"], "northern-front");
  EXPECT_EQ(Json({"list", "entities"}).size(), 7u);

  std::string before = Hash(db_);
  std::string bad = dir_ + "/bad.yaml";
  WriteText(bad, "relations:\n  - {subject: hill-company, predicate: arms, object: "
                 "nothern-front, " + claim + "}\n");
  auto refused = Vigil({"load", bad});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find(bad + ":2: relation.object: unknown entity 'nothern-front' (did you "
                                   "mean 'northern-front'?)"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(Hash(db_), before);
}

TEST_F(CliTest, SomeFilesOfTheDatasetAreRefusedSayingWhatWouldGo) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  std::string before = Hash(db_);
  // Sources and entities make a whole dataset, but without facts.yaml it
  // would drop every relation, event, estimate and designation.
  auto r = Vigil({"load", data_ + "/sources.yaml", data_ + "/entities.yaml"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  for (const char* part :
       {"dataset 'curated' not replaced, nothing loaded",
        "it holds no relations: it would remove all 4 stored relations",
        "karim-yusufzai leader_of northern-front from 2009",
        "it holds no designations: it would remove all 1 stored designations",
        "northern-front by the-council under COUNCIL-TERROR", "(merge)",
        "(allow_shrink, or replace)"})
    EXPECT_NE(r.err.find(part), std::string::npos) << part << " not in:\n" << r.err;
  EXPECT_EQ(Hash(db_), before);

  auto merged = Json({"load", data_ + "/sources.yaml", data_ + "/entities.yaml", "--merge"});
  EXPECT_TRUE(merged["unchanged"].get<bool>());
  auto replaced = Json({"load", data_ + "/sources.yaml", data_ + "/entities.yaml", "--replace",
                        "--texts", MiniTexts()});
  EXPECT_FALSE(replaced["merged"].get<bool>());
  EXPECT_EQ(Json({"list", "relations"}).size(), 0u);
  EXPECT_EQ(Json({"list", "entities"}).size(), 6u);
}

TEST_F(CliTest, APartWithNoDatabaseIsCheckedAloneAndCreatesNothing) {
  auto r = Vigil({"load", data_ + "/entities.yaml"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("claim.source: unknown source 'mini-report'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db_)) << "a refused load must not create the database";
  auto merge_list = Vigil({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml", "--merge"});
  EXPECT_EQ(merge_list.exit_code, 2);
  EXPECT_NE(merge_list.err.find("merge applies to curated YAML files"), std::string::npos);
  EXPECT_EQ(Vigil({"load", data_, "--merge", "--replace"}).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliTest, HostileYamlIsRefusedWithItsLine) {
  // A recursive-descent parser overflows its stack on deep enough nesting.
  std::string deep = dir_ + "/deep.yaml";
  WriteText(deep, "entities:\n  - " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  auto r = Vigil({"load", deep});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(deep + ":2: nested deeper than 32 levels"), std::string::npos) << r.err;
  // A key given twice: the first one used to win without a word.
  Edit("entities.yaml", "    description: A fictional armed group used by the tests.\n",
       "    description: A fictional armed group used by the tests.\n    description: Two.\n");
  r = Vigil({"load", data_});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("entities.yaml:5: key 'description' appears twice in this mapping (first "
                       "at line 4)"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(db_));
}

}  // namespace
}  // namespace vigil::e2e
