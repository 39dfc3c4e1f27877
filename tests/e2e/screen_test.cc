// End to end: vigil screen (one name and batch files) and vigil compare,
// against the real UN consolidated list.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "fixture.h"

namespace vigil::e2e {
namespace {


class ScreenTest : public SharedDatabaseTest<ScreenTest> {
 public:
  static std::string Needs() { return SharedDataDir() + "/un/consolidated-2025-04-19.xml"; }
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
  // The Persian spelling joins the compound with a zero-width non-joiner.
  for (const char* name : {"Sirajuddin Haqqani", "Serajuddin Haqani", "HAQQANI, Sirajuddin",
                           "سراج الدين حقاني", "سراج\u200Cالدین حقانی", "Сираджуддин Хаккани"}) {
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

TEST_F(ScreenTest, AnAcronymTheListGivesInParenthesesFindsItsRecord) {
  // The UN list names the network "HAQQANI NETWORK (HQN)".
  auto result = Json({"screen", "HQN"});
  ASSERT_FALSE(result["hits"].empty());
  const auto& hit = result["hits"][0];
  EXPECT_EQ(hit["entity"], "un-tae-012");
  EXPECT_GE(hit["score"].get<double>(), 0.95);
  bool stated = false;
  for (const auto& a : hit["explanation"]["adjustments"]) stated |= a["rule"] == "stated_acronym";
  EXPECT_TRUE(stated);
  // In lower case it is a word, not the acronym.
  EXPECT_TRUE(Json({"screen", "hqn"})["hits"].empty());
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

// Issue 10: no input may switch screening off. On the bundled knowledge
// base, whose designations make Sirajuddin Haqqani a listed person.
class ScreenHardeningTest : public SharedDatabaseTest<ScreenHardeningTest> {
 public:
  static std::string Needs() { return SourceDir() + "/data"; }
  static std::vector<std::string> LoadPaths() { return {Needs()}; }

 protected:
  static constexpr const char* kName = "Sirajuddin Haqqani";
  static constexpr const char* kEntity = "sirajuddin-haqqani";

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
  // The name with `between` after every letter.
  static std::string Interleave(const std::string& name, const std::string& between) {
    std::string out;
    for (char c : name) {
      out += c;
      if (c != ' ') out += between;
    }
    return out;
  }
  std::string TopEntity(const std::string& name) {
    auto result = Json({"screen", name});
    return result["hits"].empty() ? "" : result["hits"][0]["entity"].get<std::string>();
  }
};

TEST_F(ScreenHardeningTest, InvisibleCharactersBetweenLettersDoNotHideAName) {
  ASSERT_EQ(TopEntity(kName), kEntity);
  for (auto [invisible, label] : {std::pair{"\u200B", "U+200B"}, {"\u200D", "U+200D"},
                                  {"\u00AD", "U+00AD"}, {"\u2060", "U+2060"}}) {
    std::string name = Interleave(kName, invisible);
    auto result = Json({"screen", name});
    ASSERT_FALSE(result["hits"].empty()) << label;
    EXPECT_EQ(result["hits"][0]["entity"], kEntity) << label;
    EXPECT_EQ(result["query"]["cleaning"]["text"], kName);
    const auto& removed = result["query"]["cleaning"]["removed"];
    ASSERT_EQ(removed.size(), 1u);
    EXPECT_EQ(removed[0]["code_point"], label);
    EXPECT_EQ(removed[0]["count"], 17);  // one after each letter
    EXPECT_EQ(result["hits"][0]["explanation"]["cleaning"]["removed"], removed);
    auto text = Vigil({"screen", name});
    EXPECT_NE(text.out.find(std::string("invisible characters removed from the query: ") + label),
              std::string::npos)
        << text.out;
  }
}

TEST_F(ScreenHardeningTest, ABidiOverrideAroundANameHidesItNeitherWay) {
  // Written in order inside an override (shown reversed), and written
  // reversed so that it shows in order: both find the listed person.
  auto wrapped = Json({"screen", std::string("\u202E") + kName + "\u202C"});
  ASSERT_FALSE(wrapped["hits"].empty());
  EXPECT_EQ(wrapped["hits"][0]["entity"], kEntity);
  EXPECT_EQ(wrapped["hits"][0]["explanation"]["query_reading"], "written");
  std::string reversed(kName);
  std::reverse(reversed.begin(), reversed.end());
  auto shown = Json({"screen", "\u202E" + reversed + "\u202C"});
  ASSERT_FALSE(shown["hits"].empty());
  EXPECT_EQ(shown["hits"][0]["entity"], kEntity);
  EXPECT_EQ(shown["hits"][0]["explanation"]["query_reading"], "displayed");
  EXPECT_EQ(shown["query"]["cleaning"]["displayed"], kName);
  auto text = Vigil({"screen", "\u202E" + reversed + "\u202C"});
  EXPECT_EQ(text.out.find("\u202E"), std::string::npos) << "printed raw";
  EXPECT_NE(text.out.find("<U+202E>"), std::string::npos) << text.out;
}

TEST_F(ScreenHardeningTest, NumbersOutOfRangeAreRefused) {
  for (const char* threshold : {"nan", "NaN", "inf", "-inf", "-1", "1.5"}) {
    auto r = Vigil({"screen", kName, "--threshold", threshold});
    EXPECT_EQ(r.exit_code, 2) << threshold;
    EXPECT_NE(r.err.find("--threshold: must be a number between 0 and 1"), std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(Vigil({"compare", "a", "b", "--threshold", threshold}).exit_code, 2) << threshold;
  }
  for (const char* top : {"0", "1001", "-1", "nan"})
    EXPECT_EQ(Vigil({"screen", kName, "--top", top}).exit_code, 2) << top;
  EXPECT_EQ(Vigil({"screen", kName, "--country", "Narnia"}).exit_code, 2);
  std::string input = Write("one.csv", "name\nSirajuddin Haqqani\n");
  EXPECT_EQ(Vigil({"screen", "--input", input, "--output", dir() + "/o.csv", "--threshold", "nan"})
                .exit_code,
            2);
  EXPECT_FALSE(std::filesystem::exists(dir() + "/o.csv"));
  EXPECT_EQ(Vigil({"screen", kName, "--threshold", "0", "--top", "1000"}).exit_code, 0);
}

TEST_F(ScreenHardeningTest, BlankAndInvisibleOnlyNamesAreRefused) {
  for (const char* name : {" ", "   \t", "\u200B\u200D\u2060", "\u202E\u202C", "!?"}) {
    auto r = Vigil({"screen", name});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("NAME: "), std::string::npos) << r.err;
    EXPECT_EQ(Vigil({"compare", name, kName}).exit_code, 2);
  }
  auto r = Vigil({"screen", "\u200B\u200B"});
  EXPECT_NE(r.err.find("U+200B ZERO WIDTH SPACE x2"), std::string::npos) << r.err;
  // In a batch, such a row is skipped and said; the others are screened.
  std::string input = Write("blank.csv", "name\n\" \"\nSirajuddin Haqqani\n\"\u200B\u200B\"\n");
  auto batch = Vigil({"screen", "--input", input, "--output", dir() + "/blank-out.csv", "--json"});
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  auto summary = nlohmann::json::parse(batch.out);
  EXPECT_EQ(summary["screened"], 1);
  EXPECT_EQ(summary["skipped"], 2);
  EXPECT_NE(batch.err.find("blank.csv:2: name: is "), std::string::npos) << batch.err;
  EXPECT_NE(batch.err.find("blank.csv:4: name: has no letters or digits"), std::string::npos);
}

TEST_F(ScreenHardeningTest, AHugeThreadCountIsLoweredToTheCoresNotACrash) {
  std::filesystem::remove(db() + ".screening");  // the watch list is built again
  auto r = Vigil({"screen", kName, "--threads", "100000", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"][0]["entity"], kEntity);
  std::string input = Write("threads.csv", "name\nSirajuddin Haqqani\n");
  auto batch = Vigil({"screen", "--input", input, "--output", dir() + "/threads-out.csv",
                      "--threads", "100000", "--json"});
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  auto summary = nlohmann::json::parse(batch.out);
  EXPECT_EQ(summary["rows_with_hits"], 1);
  EXPECT_GE(summary["threads"].get<unsigned>(), 1u);
  EXPECT_LE(summary["threads"].get<unsigned>(), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(Vigil({"screen", kName, "--threads", "-1"}).exit_code, 2);
}

TEST_F(ScreenHardeningTest, CsvCellsThatSpreadsheetsWouldRunAreNeutralised) {
  std::string input = Write("payees.csv",
                            "id,name,note\n"
                            "\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\","
                            "Sirajuddin Haqqani,@SUM(1+1)\n"
                            "2,\"-Sira\u200Bjuddin Haqqani\",+1\n");
  std::string output = dir() + "/payees-out.csv";
  auto r = Vigil({"screen", "--input", input, "--output", output});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string out = Read(output);
  EXPECT_NE(out.find("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\""),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"'@SUM(1+1)\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"'+1\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"'-Sira"), std::string::npos) << out;
  EXPECT_NE(out.find("vigil_name_cleaning"), std::string::npos);
  EXPECT_NE(out.find("U+200B ZERO WIDTH SPACE"), std::string::npos) << out;
  EXPECT_NE(out.find(kEntity), std::string::npos);
  // For programs: as it was.
  auto raw = Vigil({"screen", "--input", input, "--output", output, "--raw-csv"});
  ASSERT_EQ(raw.exit_code, 0) << raw.err;
  out = Read(output);
  EXPECT_NE(out.find("\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\""),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("'="), std::string::npos) << out;
  EXPECT_NE(out.find("\"@SUM(1+1)\""), std::string::npos) << out;
}

TEST_F(ScreenHardeningTest, ControlSequencesInAQueryArePrintedEscaped) {
  auto r = Vigil({"screen", std::string(kName) + "\x1b[2J\x1b]0;owned\x07"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
  EXPECT_NE(r.out.find("Haqqani\\x1b[2J\\x1b]0;owned\\x07"), std::string::npos) << r.out;
  auto c = Vigil({"compare", std::string(kName) + "\x1b[2J", kName});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(c.out.find('\x1b'), std::string::npos);
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

TEST(CompareTest, ForeignNamesInArabicScriptAndCyrillicAndTheirShortForms) {
  // Each pair as a user would compare it; the explanation names the method.
  struct Pair {
    const char* a;
    const char* b;
    const char* method;  // of the first pair of parts that met
  };
  for (const Pair& p : {Pair{"Xi Jinping", "Си Цзиньпин", "transliterated"},
                        Pair{"Heinrich", "Генрих", "skeleton"},
                        Pair{"Cornet", "كورنيه", "skeleton"},
                        Pair{"Bill Clinton", "William Clinton", nullptr}}) {
    auto r = RunVigil({"compare", p.a, p.b, "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_TRUE(j["match"].get<bool>()) << p.a << " / " << p.b << ": " << j["score"];
    if (p.method) {
      EXPECT_EQ(j["explanation"]["pairs"][0]["method"], p.method) << p.a;
    }
    bool nickname = false;
    for (const auto& pair : j["explanation"]["pairs"]) nickname |= pair["method"] == "nickname";
    EXPECT_EQ(nickname, p.method == nullptr) << p.a;
  }
  // Two Chinese names one Cyrillic letter apart stay apart.
  auto r = RunVigil({"compare", "Jiang", "Цянь", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out)["match"].get<bool>());
}

}  // namespace
}  // namespace vigil::e2e
