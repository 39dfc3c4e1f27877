// End to end: what `vigil screen` and `vigil compare` print and write, byte
// for byte, against golden files captured from the binary before the
// screening area moved behind the engine's typed API (issue 8, step 0).
// Timings (elapsed_ms, seconds, rows_per_second) and the thread count are
// left out; temporary paths are written $IN and $OUT.
//
// On the mini fixture (always) and on the bundled knowledge base with the
// UN consolidated list of 2025-04-19 (when ../shared/data holds it). To
// capture the golden files again, on purpose:
//   VIGIL_GOLDEN_UPDATE=1 build/release/tests/vigil_e2e_tests --gtest_filter='ScreenGolden*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "cli_runner.h"

namespace vigil::e2e {
namespace {

namespace fs = std::filesystem;
using OrderedJson = nlohmann::ordered_json;

struct Case {
  std::string name;
  std::vector<std::string> args;     // $IN: the inputs folder, $OUT: scratch
  std::vector<std::string> outputs;  // files under $OUT to compare
};

std::string ScreeningGoldenDir() { return SourceDir() + "/tests/fixtures/golden/screening"; }

void StripTimings(OrderedJson* j) {
  if (j->is_object()) {
    for (const char* key : {"elapsed_ms", "seconds", "rows_per_second", "threads"}) j->erase(key);
    for (auto& [k, v] : j->items()) StripTimings(&v);
  } else if (j->is_array()) {
    for (auto& v : *j) StripTimings(&v);
  }
}

// A whole JSON document without timings, or the text with the timings of
// the batch summary line masked.
std::string NormaliseOutput(const std::string& text) {
  OrderedJson j = OrderedJson::parse(text, nullptr, false);
  if (!j.is_discarded() && !text.empty()) {
    StripTimings(&j);
    return j.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
  }
  static const std::regex timing(R"(in [0-9.]+s \([0-9]+ rows/s, [0-9]+ threads?\))");
  return std::regex_replace(text, timing, "in Xs (X rows/s, X threads)");
}

// JSON lines without timings; other files as they are.
std::string NormaliseFile(const std::string& path, const std::string& text) {
  if (path.size() < 6 || path.compare(path.size() - 6, 6, ".jsonl") != 0) return text;
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    OrderedJson j = OrderedJson::parse(line, nullptr, false);
    if (j.is_discarded()) {
      out += line + "\n";
      continue;
    }
    StripTimings(&j);
    out += j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
  }
  return out;
}

std::vector<Case> ScreeningCases() {
  std::vector<Case> cases = {
      // One name.
      {"screen-northern-front", {"screen", "Northern Front", "--json"}, {}},
      {"screen-northern-front-text", {"screen", "Northern Front"}, {}},
      {"screen-cyrillic-org", {"screen", "Северный фронт", "--kind", "organization", "--json"}, {}},
      {"screen-haqqani-dob-country",
       {"screen", "Sirajuddin Haqqani", "--dob", "1973", "--country", "AF", "--kind", "person",
        "--json"},
       {}},
      {"screen-haqqani-text", {"screen", "Serajuddin Haqani", "--dob", "1950/1960"}, {}},
      {"screen-arabic", {"screen", "سراج الدين حقاني", "--kind", "person", "--json"}, {}},
      {"screen-arabic-text", {"screen", "أيمن الظواهري"}, {}},
      {"screen-cyrillic", {"screen", "Сираджуддин Хаккани", "--country", "Afghanistan", "--json"}, {}},
      {"screen-org", {"screen", "Haqqani Network", "--kind", "organization", "--json"}, {}},
      {"screen-unlisted", {"screen", "Margaret Thornton", "--json"}, {}},
      {"screen-low-threshold",
       {"screen", "Mohammad Omar", "--threshold", "0.5", "--top", "3", "--json"},
       {}},
      {"screen-invisible", {"screen", "Sira\u200Bjuddin Haq\u200Dqani", "--json"}, {}},
      {"screen-invisible-text", {"screen", "Sira\u200Bjuddin Haq\u200Dqani"}, {}},
      {"screen-bidi", {"screen", "\u202Einaqqah niddujaris\u202C", "--json"}, {}},
      {"screen-bidi-text", {"screen", "\u202Einaqqah niddujaris\u202C"}, {}},
      {"screen-control-text", {"screen", "Sirajuddin Haqqani\x1b[2J"}, {}},
      {"screen-bad-dob", {"screen", "x", "--dob", "last year"}, {}},
      {"screen-bad-dob-json", {"screen", "x", "--dob", "last year", "--json"}, {}},
      {"screen-bad-threshold", {"screen", "x", "--threshold", "nan"}, {}},
      {"screen-bad-top", {"screen", "x", "--top", "0"}, {}},
      {"screen-bad-country", {"screen", "x", "--country", "Narnia"}, {}},
      {"screen-bad-kind", {"screen", "x", "--kind", "vessel-ish"}, {}},
      {"screen-blank-name", {"screen", "\u200B\u200B"}, {}},
      {"screen-no-name", {"screen"}, {}},
      // Two names.
      {"compare-nasab", {"compare", "Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi",
                         "--kind", "person", "--json"}, {}},
      {"compare-nasab-text",
       {"compare", "Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi"},
       {}},
      {"compare-arabic", {"compare", "Usama bin Ladin", "أسامة بن لادن", "--json"}, {}},
      {"compare-cyrillic",
       {"compare", "Sirajuddin Haqqani", "Сираджуддин Хаккани", "--threshold", "0.9", "--json"},
       {}},
      {"compare-bidi-text",
       {"compare", "\u202Einaqqah niddujaris\u202C", "Sirajuddin\u200B Haqqani"},
       {}},
      {"compare-org", {"compare", "Central Bank of Iran",
                       "Central Bank of the Islamic Republic of Iran", "--kind", "organization",
                       "--json"}, {}},
      {"compare-blank", {"compare", " ", "Sirajuddin Haqqani"}, {}},
      {"compare-bad-kind", {"compare", "a", "b", "--kind", "vessel"}, {}},
      {"compare-bad-threshold", {"compare", "a", "b", "--threshold", "1.5"}, {}},
      {"compare-pairs", {"compare", "--pairs", "$IN/pairs.csv"}, {}},
      {"compare-pairs-output",
       {"compare", "--pairs", "$IN/pairs.csv", "--output", "$OUT/pairs.jsonl", "--kind", "person"},
       {"pairs.jsonl"}},
      // Batches.
      {"batch-csv-csv",
       {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/out.csv", "--threads", "2", "--json"},
       {"out.csv"}},
      {"batch-csv-jsonl",
       {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/out.jsonl", "--threads", "1"},
       {"out.jsonl"}},
      {"batch-csv-raw-settings",
       {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/raw.csv", "--raw-csv", "--dob",
        "1970", "--country", "AF", "--kind", "person", "--threshold", "0.7", "--top", "3", "--json"},
       {"raw.csv"}},
      {"batch-csv-columns",
       {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/cols.jsonl", "--name-column", "name",
        "--name-column", "note", "--id-column", "note", "--kind-column", "note", "--dob-column",
        "country", "--country-column", "dob", "--json"},
       {"cols.jsonl"}},
      {"batch-jsonl-jsonl",
       {"screen", "--input", "$IN/batch.jsonl", "--output", "$OUT/j.jsonl", "--json"},
       {"j.jsonl"}},
      {"batch-jsonl-csv",
       {"screen", "--input", "$IN/batch.jsonl", "--output", "$OUT/j.csv", "--threads", "2"},
       {"j.csv"}},
      {"batch-header-only",
       {"screen", "--input", "$IN/header-only.csv", "--output", "$OUT/h.csv", "--json"},
       {"h.csv"}},
      {"batch-unknown-column",
       {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/x.csv", "--name-column", "nom"},
       {}},
      {"batch-unknown-dob-column",
       {"screen", "--input", "$IN/batch.jsonl", "--output", "$OUT/x.csv", "--dob-column", "born",
        "--json"},
       {}},
      {"batch-bad-threshold",
       {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/x.csv", "--threshold", "nan"},
       {}},
      {"batch-bad-kind",
       {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/x.csv", "--kind", "vessel"},
       {}},
      {"batch-bad-dob", {"screen", "--input", "$IN/batch.csv", "--output", "$OUT/x.csv", "--dob", "x"}, {}},
      {"batch-no-output", {"screen", "--input", "$IN/batch.csv"}, {}},
      {"batch-name-and-input", {"screen", "x", "--input", "$IN/batch.csv", "--output", "$OUT/x.csv"}, {}},
      {"batch-missing-input",
       {"screen", "--input", "$IN/missing.csv", "--output", "$OUT/x.csv"},
       {}},
  };
  return cases;
}

// Runs every case against db and compares (or, with VIGIL_GOLDEN_UPDATE,
// writes) the golden file of each.
void RunCases(const std::string& db, const std::string& set) {
  const bool update = std::getenv("VIGIL_GOLDEN_UPDATE") != nullptr;
  const std::string in = ScreeningGoldenDir() + "/inputs";
  const std::string golden = ScreeningGoldenDir() + "/" + set;
  if (update) fs::create_directories(golden);
  for (const Case& c : ScreeningCases()) {
    std::string out = TempDir();
    std::vector<std::string> args;
    for (std::string a : c.args) {
      a = ReplaceAll(a, "$IN", in);
      a = ReplaceAll(a, "$OUT", out);
      args.push_back(std::move(a));
    }
    args.insert(args.end(), {"--db", db});
    RunResult r = RunVigil(args);
    std::string text = "exit: " + std::to_string(r.exit_code) + "\n--- stdout\n" +
                       NormaliseOutput(r.out) + "--- stderr\n" + r.err;
    for (const auto& file : c.outputs)
      text += "--- " + file + "\n" + NormaliseFile(file, ReadText(out + "/" + file));
    text = ReplaceAll(text, in, "$IN");
    text = ReplaceAll(text, out, "$OUT");
    text = ReplaceAll(text, db, "$DB");
    fs::remove_all(out);
    const std::string path = golden + "/" + c.name + ".txt";
    if (update) {
      std::ofstream(path, std::ios::binary) << text;
      continue;
    }
    ASSERT_TRUE(fs::exists(path)) << path;
    EXPECT_EQ(text, ReadText(path)) << c.name;
  }
}

std::string Load(const std::vector<std::string>& paths, const std::string& dir) {
  std::string db = dir + "/vigil.db";
  std::vector<std::string> args = {"load"};
  args.insert(args.end(), paths.begin(), paths.end());
  args.insert(args.end(), {"--db", db});
  RunResult r = RunVigil(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return db;
}

TEST(ScreenGoldenTest, MiniFixtureOutputsAreUnchanged) {
  std::string dir = TempDir();
  std::string mini = SourceDir() + "/tests/fixtures/mini";
  std::string db = Load({mini + "/data", "--texts", mini + "/texts"}, dir);
  RunCases(db, "mini");
  fs::remove_all(dir);
}

TEST(ScreenGoldenTest, KnowledgeBaseAndUnListOutputsAreUnchanged) {
  std::string un = SharedDataDir() + "/un/consolidated-2025-04-19.xml";
  if (!fs::exists(un)) GTEST_SKIP() << "not found: " << un;
  std::string dir = TempDir();
  std::string db = Load({SourceDir() + "/data", un}, dir);
  RunCases(db, "kb");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::e2e
