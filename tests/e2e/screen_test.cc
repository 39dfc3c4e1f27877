// End to end: vigil screen (one name and batch files) and vigil compare,
// against the real UN consolidated list.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "fixture.h"

namespace vigil::e2e {
namespace {

std::string DataDir() { return SourceDir() + "/../shared/data"; }

class ScreenTest : public SharedDatabaseTest<ScreenTest> {
 public:
  static std::string Needs() { return DataDir() + "/un/consolidated-2025-04-19.xml"; }
  static std::vector<std::string> LoadPaths() { return {Needs()}; }

 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir() + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

TEST_F(ScreenTest, FindsADesignatedPersonBehindSpellingsAndScripts) {
  for (const char* name : {"Sirajuddin Haqqani", "Serajuddin Haqani", "HAQQANI, Sirajuddin",
                           "سراج الدين حقاني", "Сираджуддин Хаккани"}) {
    auto result = Json({"screen", name, "--kind", "person"});
    ASSERT_FALSE(result["hits"].empty()) << name;
    const auto& hit = result["hits"][0];
    EXPECT_EQ(hit["entity"], "un-tai-144") << name;
    EXPECT_EQ(hit["references"][0], "TAi.144");
    EXPECT_FALSE(hit["programs"].empty());
    EXPECT_GE(hit["score"].get<double>(), 0.8);
    EXPECT_FALSE(hit["explanation"]["pairs"].empty());
    for (const auto& pair : hit["explanation"]["pairs"]) {
      EXPECT_TRUE(pair.contains("method"));
      EXPECT_TRUE(pair.contains("weight"));
    }
  }
}

TEST_F(ScreenTest, EveryResultCarriesTheListVersion) {
  auto result = Json({"screen", "Haqqani Network"});
  ASSERT_EQ(result["lists"].size(), 1u);
  EXPECT_EQ(result["lists"][0]["dataset"], "un-consolidated");
  EXPECT_EQ(result["lists"][0]["publish_date"], "2025-04-19");
  EXPECT_FALSE(result["lists"][0]["sha256"].is_null());
  ASSERT_FALSE(result["hits"].empty());
  EXPECT_EQ(result["hits"][0]["kind"], "organization");
}

TEST_F(ScreenTest, UnlistedNamesAndTheOtherKindFindNothing) {
  EXPECT_TRUE(Json({"screen", "Margaret Thornton"})["hits"].empty());
  EXPECT_TRUE(Json({"screen", "Haqqani Network", "--kind", "person"})["hits"].empty());
}

TEST_F(ScreenTest, BirthDateAndCountryAreExplainedEvidence) {
  auto result = Json({"screen", "Sirajuddin Haqqani", "--dob", "1950", "--country", "AF",
                      "--threshold", "0.5"});
  ASSERT_FALSE(result["hits"].empty());
  std::set<std::string> kinds;
  for (const auto& e : result["hits"][0]["explanation"]["evidence"]) {
    kinds.insert(e["kind"].get<std::string>());
    EXPECT_FALSE(e["detail"].get<std::string>().empty());
  }
  EXPECT_TRUE(kinds.count("birth_date"));
  EXPECT_TRUE(kinds.count("country"));
}

TEST_F(ScreenTest, TextOutputExplainsEachHit) {
  auto r = Vigil({"screen", "Serajuddin Haqani"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("TAi.144"), std::string::npos);
  EXPECT_NE(r.out.find("un-consolidated"), std::string::npos);
}

TEST_F(ScreenTest, BadArgumentsAreRefused) {
  EXPECT_EQ(Vigil({"screen", "x", "--dob", "last year"}).exit_code, 2);
  EXPECT_EQ(Vigil({"screen", "x", "--kind", "vessel-ish"}).exit_code, 2);
  EXPECT_EQ(Vigil({"screen"}).exit_code, 2);
  EXPECT_EQ(RunVigil({"screen", "x", "--db", dir() + "/missing.db"}).exit_code, 3);
}

TEST_F(ScreenTest, BatchCsvSkipsBadRowsWithTheirLineAndWritesEveryGoodRow) {
  std::string input = Write("partners.csv",
                            "id,name,dob,country\n"
                            "1,Sirajuddin Haqqani,1973,AF\n"
                            "2,Margaret Thornton,,GB\n"
                            "3,too,many,fields,here\n"
                            "4,\"Bad \xC3\x28 byte\",,\n"
                            "5,,1970,\n"
                            "6,\"HAQQANI, Sirajuddin\",not a date,\n");
  std::string output = dir() + "/out.csv";
  auto r = Vigil({"screen", "--input", input, "--output", output, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto summary = nlohmann::json::parse(r.out);
  EXPECT_EQ(summary["screened"], 3);
  EXPECT_EQ(summary["rows_with_hits"], 2);
  EXPECT_NE(r.err.find("partners.csv:4:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("partners.csv:5:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("partners.csv:6:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("partners.csv:7:"), std::string::npos) << r.err;
  std::string out = Read(output);
  EXPECT_NE(out.find("vigil_top_score"), std::string::npos);
  EXPECT_NE(out.find("un-tai-144"), std::string::npos);
  EXPECT_NE(out.find("Margaret Thornton"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(output + ".partial"));
}

TEST_F(ScreenTest, BatchJsonLinesCarryHitsAndListVersions) {
  std::string input = Write("travellers.jsonl",
                            "{\"name\": \"Serajuddin Haqani\", \"ref\": \"A1\"}\n"
                            "not json\n"
                            "{\"name\": \"Margaret Thornton\", \"ref\": \"A2\"}\n");
  std::string output = dir() + "/out.jsonl";
  auto r = Vigil({"screen", "--input", input, "--output", output, "--name-column", "name",
                  "--id-column", "ref"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("travellers.jsonl:2:"), std::string::npos) << r.err;
  std::istringstream lines(Read(output));
  std::string line;
  std::vector<nlohmann::json> rows;
  while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["id"], "A1");
  EXPECT_EQ(rows[0]["hits"][0]["references"][0], "TAi.144");
  EXPECT_FALSE(rows[0]["lists"].empty());
  EXPECT_TRUE(rows[1]["hits"].empty());
}

TEST_F(ScreenTest, BatchNeedsAnOutputAndAKnownColumn) {
  std::string input = Write("x.csv", "name\nAli\n");
  EXPECT_EQ(Vigil({"screen", "--input", input}).exit_code, 2);
  EXPECT_EQ(Vigil({"screen", "--input", input, "--output", dir() + "/o.csv", "--name-column",
                   "nom"})
                .exit_code,
            2);
  EXPECT_NE(Vigil({"screen", "--input", dir() + "/nope.csv", "--output", dir() + "/o.csv"})
                .exit_code,
            0);
}

TEST(CompareTest, ScoresAndExplainsAPair) {
  auto r = RunVigil({"compare", "Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi",
                     "--kind", "person", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["match"].get<bool>());
  bool nasab = false;
  for (const auto& a : j["explanation"]["adjustments"]) nasab |= a["rule"] == "nasab_order";
  EXPECT_TRUE(nasab);
  r = RunVigil({"compare", "Usama bin Ladin", "أسامة بن لادن", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(nlohmann::json::parse(r.out)["match"].get<bool>());
}

}  // namespace
}  // namespace vigil::e2e
