// vigil prints what it printed before the engine returned typed results:
// byte for byte the golden copies in tests/fixtures/golden (made by
// tests/fixtures/golden/capture from the binary before the change) for the
// bundled knowledge base and the mini fixture, and the same errors with the
// same exit codes (save the few whose wording names fields now).
#include <fstream>
#include <sstream>

#include "fixture.h"

namespace vigil::e2e {
namespace {

std::string Golden(const std::string& name) {
  std::ifstream in(SourceDir() + "/tests/fixtures/golden/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Output with the paths the goldens write relative to the repository.
std::string Relative(std::string text, const std::string& seeds = "") {
  const std::vector<std::pair<std::string, std::string>> replacements = {{seeds, "../shared/seeds"},
                                                                         {SourceDir() + "/", ""}};
  for (const auto& [from, to] : replacements) {
    if (from.empty()) continue;
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  }
  return text;
}

// The first line where two texts differ.
std::string FirstDifference(const std::string& actual, const std::string& golden) {
  std::istringstream a(actual), g(golden);
  std::string a_line, g_line;
  for (int line = 1; std::getline(a, a_line) && std::getline(g, g_line); ++line)
    if (a_line != g_line)
      return "line " + std::to_string(line) + ":\n  actual: " + a_line + "\n  golden: " + g_line;
  return "lengths differ";
}

#define EXPECT_GOLDEN(actual, name)                                                         \
  do {                                                                                      \
    std::string golden_ = Golden(name);                                                     \
    ASSERT_FALSE(golden_.empty()) << "no golden " << name;                                  \
    EXPECT_TRUE((actual) == golden_) << name << ": " << FirstDifference((actual), golden_); \
  } while (false)

class GoldenDataTest : public SharedDatabaseTest<GoldenDataTest> {
 public:
  static std::string Needs() { return SeedsDir(); }
  static std::vector<std::string> LoadPaths() {
    return {SourceDir() + "/data", "--texts", SeedsDir()};
  }
  std::string Output(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Relative(r.out, SeedsDir());
  }
};

TEST_F(GoldenDataTest, TheBundledKnowledgeBaseReadsAsBefore) {
  EXPECT_GOLDEN(Output({"show", "sirajuddin-haqqani"}), "data/show-sirajuddin-haqqani.json");
  EXPECT_GOLDEN(Output({"list", "relations", "--as-of", "2023"}),
                "data/list-relations-as-of-2023.json");
  EXPECT_GOLDEN(Output({"conflicts"}), "data/conflicts.json");
  EXPECT_GOLDEN(Output({"verify", "--texts", SeedsDir()}), "data/verify.json");
}

class GoldenMiniTest : public CliTest {
 protected:
  std::string Output(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Vigil(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Relative(r.out);
  }
  std::vector<std::string> LoadArgs() {
    return {"load", SourceDir() + "/" + kMini + "/data", "--texts",
            SourceDir() + "/" + kMini + "/texts"};
  }
  const std::string kMini = "tests/fixtures/mini";
};

TEST_F(GoldenMiniTest, LoadShowListConflictsAndVerifyPrintAsBefore) {
  EXPECT_GOLDEN(Output(LoadArgs()), "mini/load.json");
  EXPECT_GOLDEN(Output(LoadArgs()), "mini/load-unchanged.json");
  EXPECT_GOLDEN(Output({"show", "northern-front"}), "mini/show-northern-front.json");
  EXPECT_GOLDEN(Output({"show", "karim yousafzai"}), "mini/show-by-alias.json");
  EXPECT_GOLDEN(Output({"list", "entities"}), "mini/list-entities.json");
  EXPECT_GOLDEN(Output({"list", "relations", "--as-of", "2010"}),
                "mini/list-relations-as-of-2010.json");
  EXPECT_GOLDEN(Output({"list", "events"}), "mini/list-events.json");
  EXPECT_GOLDEN(Output({"list", "estimates"}), "mini/list-estimates.json");
  EXPECT_GOLDEN(Output({"list", "sources"}), "mini/list-sources.json");
  EXPECT_GOLDEN(Output({"conflicts"}), "mini/conflicts.json");
  EXPECT_GOLDEN(Output({"verify", "--texts", SourceDir() + "/" + kMini + "/texts"}),
                "mini/verify.json");
  EXPECT_GOLDEN(Output({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml"}),
                "mini/load-un.json");
  EXPECT_GOLDEN(Output({"show", "karim-yusufzai"}), "mini/show-karim-yusufzai-linked.json");
  EXPECT_GOLDEN(Output({"load", SourceDir() + "/tests/fixtures/lists/un-good-v2.xml"}),
                "mini/load-un-v2.json");
}

// Messages that named flags in the library name fields now; the CLI turns
// a leading field into its flag or argument. Everything else is as it was.
TEST_F(GoldenMiniTest, ErrorsExitAndReadAsBefore) {
  ASSERT_EQ(Vigil(LoadArgs()).exit_code, 0);
  const std::map<std::string, std::string> reworded = {
      {"vigil: list: unknown table 'widgets' (expected entities, relations, events, estimates or "
       "sources)",
       "vigil: WHAT: unknown table 'widgets' (expected entities, relations, events, estimates or "
       "sources)"},
      {"vigil: --kind does not apply to relations; use --predicate",
       "vigil: --kind: does not apply to relations; filter them by predicate"},
      {"vigil: --kind does not apply to estimates", "vigil: --kind: does not apply to estimates"},
      {"vigil: --kind does not apply to sources", "vigil: --kind: does not apply to sources"},
      {"vigil: --predicate applies to 'list relations' only",
       "vigil: --predicate: applies to relations only"}};
  auto cases = nlohmann::json::parse(Golden("mini/errors.json"));
  ASSERT_GE(cases.size(), 15u);
  for (const auto& c : cases) {
    std::vector<std::string> args;
    for (const auto& a : c["args"]) args.push_back(a.get<std::string>());
    if (args[0] == "verify") args.back() = dir_ + "/no-such-folder";
    args.push_back("--json");
    auto r = Vigil(args);
    std::string err = c["stderr"];
    if (auto it = reworded.find(err); it != reworded.end()) err = it->second;
    if (args[0] == "verify") err.replace(err.find("TMP"), 3, dir_);
    SCOPED_TRACE(args[0] + " " + args[1]);
    EXPECT_EQ(r.exit_code, c["exit_code"].get<int>());
    EXPECT_EQ(r.err, err + "\n");
    EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["code"], c["stdout"]["error"]["code"]);
  }
}

}  // namespace
}  // namespace vigil::e2e
