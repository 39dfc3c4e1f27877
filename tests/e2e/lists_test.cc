// End to end: `vigil load` on official lists (the real UN and OFAC files in
// ../shared/data, and hand-made malformed files in tests/fixtures/lists),
// version replacement and its change report, idempotence, refusals that
// write nothing, and the linking of list records to a curated fixture
// (tests/fixtures/linking).
#include <filesystem>
#include <fstream>
#include <set>

#include "fixture.h"
#include "vigil/base/file.h"
#include "vigil/base/sha256.h"
#include "vigil/testing/support.h"

namespace vigil::e2e {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Un2020() { return SharedDataDir() + "/un/consolidated-2020-11-30.xml"; }
std::string Un2025() { return SharedDataDir() + "/un/consolidated-2025-04-19.xml"; }
std::string Ofac(const std::string& file) { return SharedDataDir() + "/ofac/" + file; }
std::string Fixture(const std::string& file) {
  return SourceDir() + "/tests/fixtures/lists/" + file;
}
std::string LinkingData() { return SourceDir() + "/tests/fixtures/linking/data"; }
std::string LinkingTexts() { return SourceDir() + "/tests/fixtures/linking/texts"; }

class ListsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Un2025())) GTEST_SKIP() << "no shared data at " << SharedDataDir();
    dir_ = TempDir();
    db_ = dir_ + "/vigil.db";
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  RunResult Vigil(std::vector<std::string> args,
                  const std::map<std::string, std::string>& env = {}) {
    args.push_back("--db");
    args.push_back(db_);
    return RunVigil(args, env);
  }
  json Json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.empty() ? json() : json::parse(r.out);
  }
  json Load(std::vector<std::string> paths) {
    paths.insert(paths.begin(), "load");
    return Json(paths);
  }
  // Refused with exit code 2 and every part in stderr.
  void ExpectRefused(const std::vector<std::string>& args, const std::vector<std::string>& parts) {
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    for (const auto& part : parts)
      EXPECT_NE(r.err.find(part), std::string::npos) << part << " not in:\n" << r.err;
  }
  static std::set<std::string> Keys(const json& entities) {
    std::set<std::string> keys;
    for (const auto& e : entities) keys.insert(e["id"].get<std::string>());
    return keys;
  }
  // The database file's bytes, hashed: a refused load leaves it as it was.
  std::string Hash() {
    auto bytes = ReadFile(db_);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    return bytes.ok() ? Sha256Hex(*bytes) : "";
  }
  static std::vector<std::string> ValuesOf(const json& card, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& v : card["values"])
      if (v["key"] == key) out.push_back(v["value"]);
    return out;
  }

  std::string dir_, db_;
};

TEST_F(ListsTest, ImportsTheUnList) {
  json report = Load({Un2025()});
  EXPECT_EQ(report["dataset"], "un-consolidated");
  EXPECT_EQ(report["kind"], "un-list");
  EXPECT_EQ(report["publish_date"], "2025-04-19");
  EXPECT_EQ(report["version"].get<std::string>().substr(0, 11), "2025-04-19+");
  EXPECT_EQ(report["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(report["counts"]["entities"], 877);  // 684 individuals, 193 entities
  EXPECT_EQ(report["counts"]["designations"], 877);
  EXPECT_FALSE(report["unchanged"].get<bool>());
  EXPECT_TRUE(report["changes"]["previous_version"].is_null());
  EXPECT_EQ(report["changes"]["counts"]["added"], 877);

  json card = Json({"show", "un-tai-144"});
  EXPECT_EQ(card["name"], "SIRAJUDDIN JALLALOUDINE HAQQANI");
  EXPECT_EQ(card["kind"], "person");
  EXPECT_EQ(card["dataset"], "un-consolidated");
  EXPECT_EQ(card["reference"], "TAi.144");
  EXPECT_EQ(ValuesOf(card, "birth_date"), std::vector<std::string>{"~1977/~1978"});
  EXPECT_EQ(ValuesOf(card, "nationality"), std::vector<std::string>{"AF"});
  std::set<std::string> kinds;
  for (const auto& n : card["names"])
    kinds.insert(n["kind"].get<std::string>() + ":" + n["script"].get<std::string>());
  EXPECT_TRUE(kinds.count("original_script:Arab")) << card["names"];
  EXPECT_TRUE(kinds.count("weak_alias:Latn")) << card["names"];
  ASSERT_EQ(card["designations"].size(), 1u);
  const json& d = card["designations"][0];
  EXPECT_EQ(d["authority_code"], "UN");
  EXPECT_EQ(d["program"], "1988 Taliban");
  EXPECT_EQ(d["reference"], "TAi.144");
  EXPECT_EQ(d["date"], "2007-09-13");
  EXPECT_EQ(d["claims"][0]["locator"], "TAi.144");
  EXPECT_EQ(d["claims"][0]["source"], "list-un-consolidated");

  json sources = Json({"list", "sources"});
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0]["kind"], "list");
  EXPECT_EQ(sources[0]["date"], "2025-04-19");
  EXPECT_EQ(sources[0]["sha256"], report["sha256"]);
}

TEST_F(ListsTest, LoadingTheSameListTwiceWritesNothing) {
  Load({Un2025()});
  json before = Json({"list", "entities"});
  json again = Load({Un2025()});
  EXPECT_TRUE(again["unchanged"].get<bool>());
  EXPECT_TRUE(again["changes"].is_null());
  EXPECT_EQ(Json({"list", "entities"}), before);
}

TEST_F(ListsTest, ReimportingANewerVersionReportsAndStoresWhatChanged) {
  json first = Load({Un2020()});
  EXPECT_EQ(first["publish_date"], "2020-11-30");
  EXPECT_EQ(first["counts"]["entities"], 1018);
  EXPECT_EQ(Json({"show", "un-iqe-003"})["name"], "RAFIDAIN BANK");

  // Five years on, the list removed 18% of its records: more than a new
  // version may remove unless that is allowed.
  ExpectRefused({"load", Un2025()},
                {"it would remove 186 of the 1018 stored entities (18%)", "(allow_shrink)"});
  json report = Load({Un2025(), "--allow-shrink"});
  const json& changes = report["changes"];
  EXPECT_EQ(changes["previous_version"], first["version"]);
  EXPECT_EQ(changes["previous_publish_date"], "2020-11-30");
  EXPECT_EQ(changes["counts"]["added"], 45);
  EXPECT_EQ(changes["counts"]["removed"], 186);
  EXPECT_EQ(changes["counts"]["names_changed"], 56);
  EXPECT_EQ(changes["counts"]["unchanged"], 776);
  EXPECT_EQ(changes["added"].size(), 45u);
  EXPECT_EQ(changes["removed"].size(), 186u);
  EXPECT_EQ(changes["names_changed"].size(), 56u);

  // Removed: gone from the store. Added: there, by reference.
  EXPECT_TRUE(Keys(changes["removed"]).count("un-iqe-003"));
  EXPECT_EQ(Vigil({"show", "un-iqe-003"}).exit_code, 3);
  EXPECT_TRUE(Keys(changes["added"]).count("un-hti-001"));
  for (const auto& a : changes["added"]) {
    if (a["id"] == "un-hti-001") {
      EXPECT_EQ(a["reference"], "HTi.001");
    }
  }
  EXPECT_EQ(Json({"show", "un-hti-001"})["name"], "JIMMY CHERIZIER");
  // Renamed: the new primary name is stored, the change is reported.
  bool seen = false;
  for (const auto& c : changes["names_changed"]) {
    if (c["id"] != "un-kpe-029") continue;
    seen = true;
    EXPECT_EQ(c["reference"], "KPe.029");
    std::set<std::string> added(c["names_added"].begin(), c["names_added"].end());
    std::set<std::string> removed(c["names_removed"].begin(), c["names_removed"].end());
    EXPECT_TRUE(added.count("NATIONAL AEROSPACE TECHNOLOGY ADMINISTRATION (primary)"));
    EXPECT_TRUE(removed.count("NATIONAL AEROSPACE DEVELOPMENT ADMINISTRATION (primary)"));
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(Json({"show", "un-kpe-029"})["name"], "NATIONAL AEROSPACE TECHNOLOGY ADMINISTRATION");
  EXPECT_EQ(Json({"list", "entities"}).size(), 877u);
}

TEST_F(ListsTest, ChangesBetweenVersionsInTextAndJson) {
  Load({Fixture("un-good.xml")});
  auto text = Vigil({"load", Fixture("un-good-v2.xml")});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("1 added, 1 removed, 1 with changed names, 0 unchanged"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("added TAe.902 VALLEY BRIGADE [un-tae-902]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("removed TAe.901 NORTHERN FRONT [un-tae-901]"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("renamed TAi.901 KARIM YUSUFZAI [un-tai-901]: + Commander Karim (weak_alias)"),
            std::string::npos)
      << text.out;
  json back = Load({Fixture("un-good.xml"), "--allow-older"});
  EXPECT_EQ(back["changes"]["previous_publish_date"], "2025-06-30");
  EXPECT_EQ(back["changes"]["names_changed"][0]["names_removed"],
            json::array({"Commander Karim (weak_alias)"}));
  EXPECT_EQ(back["changes"]["added"][0]["id"], "un-tae-901");
  EXPECT_EQ(back["changes"]["removed"][0]["id"], "un-tae-902");
}

TEST_F(ListsTest, AnOlderVersionIsRefusedUnlessAllowed) {
  // It used to replace the newer version without a word.
  Load({Fixture("un-good-v2.xml")});
  std::string before = Hash();
  ExpectRefused({"load", Fixture("un-good.xml")},
                {Fixture("un-good.xml") +
                     ": dataset 'un-consolidated' not replaced, nothing loaded",
                 "this version (published 2025-01-02) is older than the stored one (published "
                 "2025-06-30)",
                 "(allow_older)", "it would remove 1 of the 2 stored entities (50%)",
                 "TAe.902 VALLEY BRIGADE [un-tae-902]"});
  EXPECT_EQ(Hash(), before);
  json older = Load({Fixture("un-good.xml"), "--allow-older"});
  EXPECT_EQ(older["publish_date"], "2025-01-02");
  // The version now stored may be loaded again: a no-op, not a refusal.
  EXPECT_TRUE(Load({Fixture("un-good.xml")})["unchanged"].get<bool>());
}

TEST_F(ListsTest, AVersionThatRemovesMostRecordsIsRefusedUnlessAllowed) {
  // A newer list with two records of its own, over the full list of 877.
  Load({Un2025()});
  std::string before = Hash();
  std::ifstream in(Fixture("un-good.xml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("2025-01-02"), 10, "2025-09-01");
  std::string small = dir_ + "/consolidated-2025-09-01.xml";
  std::ofstream(small) << text;
  ExpectRefused({"load", small},
                {small + ": dataset 'un-consolidated' not replaced, nothing loaded",
                 "it would remove 877 of the 877 stored entities (100%)",
                 "CDe.001 ADF [un-cde-001]", "... and 872 more", "(allow_shrink)"});
  EXPECT_EQ(Hash(), before);
  json report = Load({small, "--allow-shrink"});
  EXPECT_EQ(report["counts"]["entities"], 2);
  EXPECT_EQ(report["changes"]["counts"]["removed"], 877);
}

TEST_F(ListsTest, AKilledReimportLeavesThePreviousVersion) {
  Load({Fixture("un-good.xml")});
  json before = Json({"list", "entities"});
  auto killed = Vigil({"load", Un2020(), "--allow-older", "--allow-shrink"},
                      {{"VIGIL_FAULT_KILL_AFTER_ROWS", "2000"}});
  EXPECT_EQ(killed.exit_code, -9) << killed.out << killed.err;
  EXPECT_EQ(Json({"list", "entities"}), before);
  json again = Load({Fixture("un-good.xml")});
  EXPECT_TRUE(again["unchanged"].get<bool>());
}

TEST_F(ListsTest, ImportsTheOfacCsvSetReportsOrphansAndLinks) {
  auto r = Vigil({"load", Ofac("sdn-2023-01.csv"), Ofac("alt-2025-12.csv"), Ofac("add-2025-12.csv"),
                  Ofac("sdn_comments-2025-12.csv"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(r.out);
  EXPECT_EQ(report["dataset"], "ofac-sdn");
  EXPECT_EQ(report["kind"], "ofac-list");
  EXPECT_TRUE(report["publish_date"].is_null());  // SDN.CSV states no date
  EXPECT_EQ(report["files"].size(), 4u);
  EXPECT_EQ(report["counts"]["entities"], 11443);
  // ALT/ADD/COMMENTS are from 2025, SDN.CSV from 2023: newer entries' rows
  // are orphans, counted and quoted with their lines, never a crash.
  EXPECT_EQ(report["warnings"]["by_kind"]["orphan_alias"], 5749);
  EXPECT_EQ(report["warnings"]["by_kind"]["orphan_address"], 9503);
  EXPECT_EQ(report["warnings"]["by_kind"]["orphan_comment"], 12);
  EXPECT_NE(r.err.find("alt-2025-12.csv:1845: ent_num: alias 'AL ZAHAR, Mahmoud Khaled' belongs "
                       "to entry 9647"),
            std::string::npos)
      << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("5749 aliases of 3467 entries"), std::string::npos);

  json card = Json({"show", "ofac-15484"});
  EXPECT_EQ(card["name"], "HAQQANI NETWORK");
  EXPECT_EQ(card["kind"], "organization");
  std::set<std::string> programs;
  for (const auto& d : card["designations"]) {
    programs.insert(d["program"].get<std::string>());
    EXPECT_EQ(d["authority_code"], "US");
    EXPECT_EQ(d["reference"], "15484");
  }
  EXPECT_EQ(programs, (std::set<std::string>{"FTO", "SDGT"}));
  bool weak = false;
  for (const auto& n : card["names"])
    weak = weak || (n["text"] == "HQN" && n["kind"] == "weak_alias");
  EXPECT_TRUE(weak) << card["names"];

  json vessel = Json({"show", "ofac-4238"});
  EXPECT_EQ(vessel["attributes"]["list_type"], "vessel");

  // Linking (one OFAC import serves both, to keep the suite fast): the
  // curated cards come after the list, and are linked by reference
  // (10743) and by names whose words OFAC writes the other way round.
  json curated = Load({LinkingData(), "--texts", LinkingTexts()});
  EXPECT_GE(curated["links"]["total"], 3);
  auto linked = [&](const std::string& card_id) {
    std::map<std::string, json> out;
    json card = Json({"show", card_id});
    for (const auto& l : card["linked"]) out[l["entity"]["id"]] = l;
    return out;
  };
  EXPECT_EQ(linked("siraj-card")["ofac-10743"]["method"], "reference");
  auto nasir = linked("nasir-card");
  ASSERT_TRUE(nasir.count("ofac-12129"));
  EXPECT_EQ(nasir["ofac-12129"]["method"], "name");
  EXPECT_NE(nasir["ofac-12129"]["reason"].get<std::string>().find("words rotated"),
            std::string::npos);
  EXPECT_EQ(linked("network-card")["ofac-15484"]["method"], "name");
  // Equal names but different countries (Cuba's ministry, an Afghan one).
  EXPECT_TRUE(linked("interior-card").empty());
}

TEST_F(ListsTest, ImportsTheOfacXmlList) {
  json report = Load({Ofac("cons-nonsdn-2025-03-28.xml")});
  EXPECT_EQ(report["dataset"], "ofac-consolidated");
  EXPECT_EQ(report["publish_date"], "2025-03-28");
  EXPECT_EQ(report["counts"]["entities"], 443);
  json card = Json({"show", "ofac-cons-9639"});
  EXPECT_EQ(card["reference"], "9639");
  EXPECT_EQ(ValuesOf(card, "birth_date"), std::vector<std::string>{"1962"});
}

TEST_F(ListsTest, RefusesTheMisencodedUnFileNamingOffsetAndLine) {
  ExpectRefused({"load", SharedDataDir() + "/bad-inputs/un-consolidated-2025-08-16-misencoded.xml"},
                {"un-consolidated-2025-08-16-misencoded.xml:54:", "invalid UTF-8: byte 0xE9",
                 "byte offset 2192"});
  EXPECT_FALSE(fs::exists(db_)) << "a refused load must not create the database";
}

TEST_F(ListsTest, RefusesMalformedListsWithFileLineAndField) {
  ExpectRefused({"load", Fixture("un-bad-xml.xml")}, {"un-bad-xml.xml:16:", "XML syntax error"});
  ExpectRefused({"load", Fixture("un-bad-date.xml")},
                {"un-bad-date.xml:9: INDIVIDUAL.LISTED_ON: invalid date '2019-02-30'"});
  ExpectRefused({"load", Fixture("un-unknown-type.xml")},
                {"un-unknown-type.xml:15: VESSEL: unknown entity type <VESSEL>"});
  ExpectRefused({"load", Fixture("sdn-wrong-columns.csv")},
                {"sdn-wrong-columns.csv:1: record: expected 12 fields (SDN.CSV layout), found 11"});
  ExpectRefused({"load", Fixture("sdn-unknown-type.csv")},
                {"sdn-unknown-type.csv:1: SDN_Type: unknown entity type 'militant'"});
  ExpectRefused({"load", Fixture("sdn-bad-date.csv")},
                {"sdn-bad-date.csv:1: remarks.DOB: invalid date '31 Feb 1970'"});
  ExpectRefused({"load", Fixture("ofac-bad-type.xml")},
                {"ofac-bad-type.xml:7: sdnEntry.sdnType: unknown entity type 'Militia'"});
  ExpectRefused({"load", Fixture("empty.csv")}, {"empty.csv:1: the file is empty"});
  ExpectRefused({"load", Fixture("people.csv")}, {"people.csv:1: unrecognised format"});
  ExpectRefused({"load", Fixture("alt-good.csv")}, {"without their SDN.CSV"});
  EXPECT_FALSE(fs::exists(db_)) << "a refused load must not create the database";
}

TEST_F(ListsTest, ARefusedLoadLeavesTheDatabaseAsItWas) {
  Load({Fixture("un-good.xml")});
  json before = Json({"list", "entities"});
  // One good file and one bad file: the whole load is refused.
  ExpectRefused({"load", Fixture("sdn-good.csv"), Fixture("sdn-bad-date.csv")},
                {"a second SDN.CSV file"});
  ExpectRefused({"load", Fixture("sdn-bad-date.csv"), Fixture("un-good.xml")},
                {"sdn-bad-date.csv:1:"});
  EXPECT_EQ(Json({"list", "entities"}), before);
}

// A list larger than one chunk (10,000 records) is checked as it is
// written: a bad record late in it, or a version that removes too much,
// rolls the load back after records were written, and a database the load
// created is removed.
TEST_F(ListsTest, ALargeListIsCheckedAsItIsWrittenAndARefusalLeavesNothing) {
  auto write = [&](const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  };
  std::string good = write("sdn.csv", test_support::NumberedSdnCsv(25001));
  std::string bad = write("sdn-bad.csv", test_support::NumberedSdnCsv(25001, 24000));
  std::string shrunk = write("sdn-shrunk.csv", test_support::NumberedSdnCsv(20000));

  auto fresh = RunVigil({"load", bad, "--db", dir_ + "/fresh.db"});
  EXPECT_EQ(fresh.exit_code, 2) << fresh.err;
  EXPECT_NE(fresh.err.find("sdn-bad.csv:24000: SDN_Type: unknown entity type 'militant'"),
            std::string::npos)
      << fresh.err;
  EXPECT_FALSE(fs::exists(dir_ + "/fresh.db"));

  json report = Load({good});
  EXPECT_EQ(report["counts"]["entities"], 25001);
  EXPECT_EQ(report["counts"]["designations"], 25001);
  std::string before = Hash();
  ExpectRefused({"load", bad}, {"sdn-bad.csv:24000: SDN_Type: unknown entity type 'militant'"});
  EXPECT_EQ(Hash(), before);
  ExpectRefused({"load", shrunk},
                {"not replaced, nothing loaded", "it would remove 5001 of the 25001 stored "
                                                 "entities (20%)",
                 "ofac-20001"});
  EXPECT_EQ(Hash(), before);
  json card = Json({"show", "ofac-25001"});
  EXPECT_EQ(card["name"], "PERSON, Number 25001");
  // The indexes a large load makes after its rows (SQLite) are there,
  // after the loads and after the refusals: making them again fails.
  auto indexed = [&] {
    EXPECT_FALSE(test_support::RunSql(db_, "CREATE INDEX names_key ON names(name_key)").ok());
    EXPECT_FALSE(
        test_support::RunSql(db_, "CREATE INDEX entities_reference ON entities(reference)").ok());
  };
  indexed();
  json allowed = Load({shrunk, "--allow-shrink"});
  EXPECT_EQ(allowed["changes"]["counts"]["removed"], 5001);
  indexed();
  EXPECT_EQ(Json({"show", "PERSON, Number 19999"})["id"], "ofac-19999");
}

TEST_F(ListsTest, FormatIsRecognisedOrForced) {
  // A CSV pair given together forms one dataset, orphans warned about.
  auto r = Vigil({"load", Fixture("alt-good.csv"), Fixture("sdn-good.csv"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(r.out);
  EXPECT_EQ(report["dataset"], "ofac-sdn");
  EXPECT_EQ(report["warnings"]["by_kind"]["orphan_alias"], 1);
  EXPECT_NE(r.err.find("vigil: warning: " + Fixture("alt-good.csv") + ":2: ent_num:"),
            std::string::npos)
      << r.err;
  json card = Json({"show", "YOUSAFZAI, Karim"});
  EXPECT_EQ(card["id"], "ofac-901");
  // Forced formats apply to every file.
  ExpectRefused({"load", Fixture("un-good.xml"), "--format", "ofac-xml"},
                {"not an OFAC XML list", "<CONSOLIDATED_LIST>"});
  ExpectRefused({"load", Fixture("un-good.xml"), "--format", "un-xm"},
                {"--format: unknown format 'un-xm' (did you mean 'un-xml'?)"});
  json forced = Load({Fixture("un-good.xml"), "--format", "un-xml"});
  EXPECT_EQ(forced["dataset"], "un-consolidated");
}

TEST_F(ListsTest, SeveralDatasetsInOneLoad) {
  auto r = Vigil({"load", Fixture("un-good.xml"), Fixture("sdn-good.csv"), LinkingData(), "--texts",
                  LinkingTexts(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json all = json::parse(r.out);
  ASSERT_EQ(all["datasets"].size(), 3u);
  std::set<std::string> names;
  for (const auto& d : all["datasets"]) names.insert(d["dataset"].get<std::string>());
  EXPECT_EQ(names, (std::set<std::string>{"curated", "un-consolidated", "ofac-sdn"}));
  ExpectRefused({"load", Fixture("un-good.xml"), Fixture("sdn-good.csv"), "--dataset", "x"},
                {"--dataset names one dataset, but these files make 2"});
  ExpectRefused({"load", Fixture("un-good.xml"), Un2025()},
                {"two inputs make the same dataset 'un-consolidated'"});
}

TEST_F(ListsTest, LoadReportJsonShape) {
  json report = Load({Fixture("un-good.xml")});
  for (const char* key : {"dataset", "kind", "version", "publish_date", "sha256", "files",
                          "unchanged", "counts", "warnings", "changes", "links"})
    EXPECT_TRUE(report.contains(key)) << key;
  for (const char* key : {"count", "by_kind", "messages"})
    EXPECT_TRUE(report["warnings"].contains(key)) << key;
  for (const char* key :
       {"previous_version", "previous_publish_date", "counts", "added", "removed", "names_changed"})
    EXPECT_TRUE(report["changes"].contains(key)) << key;
  for (const char* key :
       {"total", "reference", "name", "name+dob", "manual", "ambiguous", "refused"})
    EXPECT_TRUE(report["links"].contains(key)) << key;
}

// The curated fixture denotes records of the real UN list; each card tests
// one linking rule (tests/fixtures/linking/data/linking.yaml).
TEST_F(ListsTest, LinksUnRecordsToTheCuratedKnowledgeBase) {
  Load({LinkingData(), "--texts", LinkingTexts()});
  json report = Load({Un2025()});
  EXPECT_EQ(report["links"]["reference"], 2);
  EXPECT_EQ(report["links"]["name"], 2);
  EXPECT_EQ(report["links"]["name+dob"], 1);
  EXPECT_EQ(report["links"]["ambiguous"], 1);
  EXPECT_GE(report["links"]["refused"], 1);

  auto linked_to = [&](const std::string& card_id) {
    std::map<std::string, json> out;
    json card = Json({"show", card_id});
    for (const auto& l : card["linked"]) out[l["entity"]["id"]] = l;
    return out;
  };
  auto siraj = linked_to("siraj-card");
  ASSERT_TRUE(siraj.count("un-tai-144")) << Json({"show", "siraj-card"})["linked"];
  EXPECT_EQ(siraj["un-tai-144"]["method"], "reference");
  EXPECT_EQ(siraj["un-tai-144"]["score"], 1.0);
  EXPECT_EQ(siraj["un-tai-144"]["role"], "list_record");
  EXPECT_EQ(siraj["un-tai-144"]["dataset"], "un-consolidated");
  EXPECT_EQ(siraj["un-tai-144"]["reference"], "TAi.144");
  EXPECT_NE(siraj["un-tai-144"]["reason"].get<std::string>().find("TAi.144"), std::string::npos);
  EXPECT_EQ(siraj["un-tai-144"]["designations"][0]["program"], "1988 Taliban");
  EXPECT_FALSE(siraj["un-tai-144"]["names"].empty());

  EXPECT_EQ(linked_to("network-card")["un-tae-012"]["method"], "reference");
  EXPECT_EQ(linked_to("nasir-card")["un-tai-146"]["method"], "name");
  EXPECT_EQ(linked_to("mansur-card")["un-tai-007"]["method"], "name+dob");
  EXPECT_EQ(linked_to("qaeda-card")["un-qde-004"]["method"], "name");
  EXPECT_TRUE(linked_to("omar-card").empty());  // birth dates disagree
  EXPECT_TRUE(linked_to("rahat-one").empty());  // ambiguous
  EXPECT_TRUE(linked_to("rahat-two").empty());
  EXPECT_TRUE(linked_to("khalifa-card").empty());  // one-word person name

  // Either way round: the list record shows the curated card.
  json record = Json({"show", "un-tai-144"});
  ASSERT_EQ(record["linked"].size(), 1u);
  EXPECT_EQ(record["linked"][0]["entity"]["id"], "siraj-card");
  EXPECT_EQ(record["linked"][0]["role"], "curated_card");
  EXPECT_EQ(record["linked"][0]["dataset"], "curated");

  // Names of linked records resolve to the curated card, not ambiguously.
  EXPECT_EQ(Json({"show", "Siraj Haqqani"})["id"], "siraj-card");
  EXPECT_EQ(Json({"show", "Serajuddin Haqani"})["id"], "siraj-card");
  auto text = Vigil({"show", "siraj-card"});
  EXPECT_NE(text.out.find("Linked list records"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("[un-tai-144] — from 'un-consolidated', ref TAi.144"), std::string::npos)
      << text.out;

  // Links are recomputed when either side is reloaded.
  json reload = Load({Un2020(), "--allow-older"});
  EXPECT_GE(reload["links"]["total"], 1);
  EXPECT_EQ(linked_to("siraj-card")["un-tai-144"]["method"], "reference");
  auto verify = Vigil({"verify", "--texts", LinkingTexts(), "--quiet"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace vigil::e2e
