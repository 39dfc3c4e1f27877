// End to end: the analysis commands' output, case by case, against golden
// files captured from the binary before the engine's refactoring (issue 8,
// step 0), so that it provably changes no output.
//
// tests/fixtures/golden/analysis/cases.json lists the cases: a store
// ("kb": the bundled knowledge base with ../shared/seeds, "mini":
// tests/fixtures/mini, "exposure": tests/fixtures/exposure, or null for
// network files) and vigil's arguments, where {source} is the repository.
// Each case's stdout is in NAME.out, its stderr (when any) in NAME.err,
// with the repository's path written {source}. JSON output is compared
// value by value, numbers within 1e-12 (relative to their size above 1);
// text output byte for byte. Cases whose store or file is absent are
// skipped. VIGIL_UPDATE_GOLDEN=1 rewrites the files from the binary
// instead of comparing (then review the diff).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "fixture.h"

namespace vigil::e2e {
namespace {

namespace fs = std::filesystem;
// Ordered, so that key order counts as part of the shape.
using OrderedJson = nlohmann::ordered_json;

std::string AnalysisGoldenDir() { return SourceDir() + "/tests/fixtures/golden/analysis"; }

std::vector<OrderedJson> AnalysisCases() {
  std::vector<OrderedJson> cases;
  OrderedJson file = OrderedJson::parse(ReadText(AnalysisGoldenDir() + "/cases.json"));
  for (auto& c : file["cases"]) cases.push_back(c);
  return cases;
}

bool Updating() {
  const char* update = std::getenv("VIGIL_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

// "" when a and b agree; otherwise where and how they differ.
std::string Difference(const OrderedJson& a, const OrderedJson& b, const std::string& where) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_float() != b.is_number_float())
      return where + ": " + a.dump() + " and " + b.dump() + " differ in type";
    double x = a.get<double>(), y = b.get<double>();
    if (x == y || std::abs(x - y) <= 1e-12 * std::max({1.0, std::abs(x), std::abs(y)})) return "";
    return where + ": " + a.dump() + " != " + b.dump();
  }
  if (a.type() != b.type()) return where + ": " + a.dump() + " != " + b.dump();
  if (a.is_array()) {
    if (a.size() != b.size())
      return where + ": " + std::to_string(a.size()) + " items != " + std::to_string(b.size());
    for (size_t i = 0; i < a.size(); ++i)
      if (auto d = Difference(a[i], b[i], where + "[" + std::to_string(i) + "]"); !d.empty())
        return d;
    return "";
  }
  if (a.is_object()) {
    std::vector<std::string> keys_a, keys_b;
    for (const auto& item : a.items()) keys_a.push_back(item.key());
    for (const auto& item : b.items()) keys_b.push_back(item.key());
    if (keys_a != keys_b) return where + ": keys " + OrderedJson(keys_a).dump() + " != " + OrderedJson(keys_b).dump();
    for (const auto& key : keys_a)
      if (auto d = Difference(a[key], b[key], where + "." + key); !d.empty()) return d;
    return "";
  }
  return a == b ? "" : where + ": " + a.dump() + " != " + b.dump();
}

class GoldenAnalysis : public ::testing::TestWithParam<OrderedJson> {
 protected:
  static void TearDownTestSuite() {
    for (const auto& [name, dir] : Stores()) fs::remove_all(dir);
    Stores().clear();
  }

  // The database of a store, loaded on first use; "" when it cannot be.
  static std::string Store(const std::string& name) {
    auto& stores = Stores();
    if (auto it = stores.find(name); it != stores.end()) return it->second + "/vigil.db";
    std::vector<std::string> args = {"load"};
    if (name == "kb") {
      if (!fs::exists(SeedsDir())) return "";
      args.insert(args.end(), {SourceDir() + "/data", "--texts", SeedsDir()});
    } else {
      std::string fixture = SourceDir() + "/tests/fixtures/" + name;
      args.insert(args.end(), {fixture + "/data", "--texts", fixture + "/texts"});
    }
    std::string dir = TempDir();
    args.insert(args.end(), {"--db", dir + "/vigil.db"});
    auto load = RunVigil(args);
    EXPECT_EQ(load.exit_code, 0) << load.err;
    stores[name] = dir;
    return dir + "/vigil.db";
  }

 private:
  static std::map<std::string, std::string>& Stores() {
    static std::map<std::string, std::string> stores;
    return stores;
  }
};

TEST_P(GoldenAnalysis, OutputIsUnchanged) {
  const OrderedJson& c = GetParam();
  const std::string name = c["name"];
  std::vector<std::string> args;
  for (const auto& arg : c["args"]) {
    std::string a = ReplaceAll(arg.get<std::string>(), "{source}", SourceDir());
    if (a.find(SourceDir() + "/../shared/") == 0 && !fs::exists(a)) GTEST_SKIP() << "no " << a;
    args.push_back(a);
  }
  if (!c["store"].is_null()) {
    std::string db = Store(c["store"]);
    if (db.empty()) GTEST_SKIP() << "no " << SeedsDir();
    args.insert(args.end(), {"--db", db});
  }
  auto r = RunVigil(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = ReplaceAll(r.out, SourceDir(), "{source}");
  const std::string err = ReplaceAll(r.err, SourceDir(), "{source}");
  const std::string out_path = AnalysisGoldenDir() + "/" + name + ".out";
  const std::string err_path = AnalysisGoldenDir() + "/" + name + ".err";
  if (Updating()) {
    std::ofstream(out_path, std::ios::binary) << out;
    if (err.empty())
      fs::remove(err_path);
    else
      std::ofstream(err_path, std::ios::binary) << err;
    return;
  }
  ASSERT_TRUE(fs::exists(out_path)) << out_path << " (run with VIGIL_UPDATE_GOLDEN=1)";
  const std::string golden = ReadText(out_path);
  bool is_json = std::find(args.begin(), args.end(), "--json") != args.end();
  if (is_json) {
    std::string d = Difference(OrderedJson::parse(out), OrderedJson::parse(golden), "$");
    EXPECT_TRUE(d.empty()) << name << ": " << d;
  } else {
    EXPECT_EQ(out, golden) << name;
  }
  EXPECT_EQ(err, fs::exists(err_path) ? ReadText(err_path) : "") << name;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenAnalysis, ::testing::ValuesIn(AnalysisCases()),
                         [](const ::testing::TestParamInfo<OrderedJson>& info) {
                           return info.param["name"].get<std::string>();
                         });

// The comparison itself: tolerant of rounding, strict about everything else.
TEST(GoldenAnalysisCompare, NumbersWithinToleranceAgreeAndEverythingElseMustMatch) {
  EXPECT_EQ(Difference(OrderedJson::parse(R"({"a": [1, 0.1]})"), OrderedJson::parse(R"({"a": [1, 0.1]})"), "$"),
            "");
  EXPECT_EQ(Difference(OrderedJson(0.3), OrderedJson(0.1 + 0.2), "$"), "");  // 5.5e-17 apart
  EXPECT_EQ(Difference(OrderedJson(1e6), OrderedJson(1e6 + 1e-7), "$"), "");  // relative
  EXPECT_NE(Difference(OrderedJson(0.3), OrderedJson(0.3 + 1e-9), "$"), "");
  EXPECT_NE(Difference(OrderedJson(1), OrderedJson(1.0), "$"), "");  // kcore values stay integers
  EXPECT_NE(Difference(OrderedJson::parse(R"({"a": 1, "b": 2})"), OrderedJson::parse(R"({"b": 2, "a": 1})"),
                       "$"),
            "");  // key order is part of the shape
  EXPECT_NE(Difference(OrderedJson(nullptr), OrderedJson(0), "$"), "");
  EXPECT_EQ(Difference(OrderedJson::parse(R"({"x": [{"y": "s"}]})"), OrderedJson::parse(R"({"x": [{"y": "t"}]})"),
                       "$"),
            "$.x[0].y: \"s\" != \"t\"");
}

}  // namespace
}  // namespace vigil::e2e
