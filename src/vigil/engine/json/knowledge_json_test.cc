// The knowledge commands' results, turned into JSON, equal the golden copies
// captured from vigil before the engine returned typed results
// (tests/fixtures/golden/mini, made by tests/fixtures/golden/capture): load
// reports, cards, lists, conflicts and verification on the mini fixture, then
// with an official list linked to it and a newer version of that list.
#include "vigil/engine/json/knowledge_json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "vigil/engine/engine.h"
#include "vigil/testing/support.h"

namespace vigil {
namespace {

using test_support::SourceDir;
const std::string kMini = "tests/fixtures/mini";

// Paths as the goldens write them: relative to the repository.
void Relativize(Json* j) {
  if (j->is_string()) {
    std::string text = j->get<std::string>();
    if (text.rfind(SourceDir() + "/", 0) == 0) *j = text.substr(SourceDir().size() + 1);
  }
  if (j->is_structured())
    for (auto& item : *j) Relativize(&item);
}

// The first line where two JSON values' dumps differ, with its neighbours.
std::string Difference(const Json& actual, const Json& golden) {
  std::istringstream a(actual.dump(2)), g(golden.dump(2));
  std::string a_line, g_line;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(a, a_line));
    bool more_g = static_cast<bool>(std::getline(g, g_line));
    if (!more_a && !more_g) return "";
    if (a_line != g_line || more_a != more_g)
      return "line " + std::to_string(line) + ":\n  actual: " + a_line + "\n  golden: " + g_line;
  }
}

void ExpectGolden(Json actual, const std::string& name) {
  std::ifstream in(SourceDir() + "/tests/fixtures/golden/mini/" + name);
  ASSERT_TRUE(in) << "no golden " << name;
  Json golden = Json::parse(in);
  Relativize(&actual);
  // Keys in the same order, numbers written alike.
  EXPECT_TRUE(actual.dump() == golden.dump()) << name << ": " << Difference(actual, golden);
}

class KnowledgeJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vigil-knowledge-json-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "vigil.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  StatusOr<std::vector<LoadReport>> Load(const std::string& path, bool texts) {
    LoadOptions options;
    if (texts) options.texts_dir = SourceDir() + "/" + kMini + "/texts";
    return Engine::LoadFiles(db_, {SourceDir() + "/" + path}, options);
  }
  void ExpectLoad(const std::string& path, bool texts, const std::string& golden) {
    auto reports = Load(path, texts);
    ASSERT_TRUE(reports.ok()) << reports.status();
    ExpectGolden(ToJson(*reports), golden);
  }
  std::unique_ptr<Engine> Open() {
    auto engine = Engine::Open(db_, store::AccessMode::kReadOnly);
    EXPECT_TRUE(engine.ok()) << engine.status();
    return engine.ok() ? std::move(*engine) : nullptr;
  }
  void ExpectShow(Engine& engine, const std::string& name, const std::string& golden) {
    auto card = engine.Show(name);
    ASSERT_TRUE(card.ok()) << card.status();
    ExpectGolden(ToJson(*card), golden);
  }
  void ExpectList(Engine& engine, const std::string& what, ListRequest request,
                  const std::string& golden) {
    auto table = ParseListTable(what);
    ASSERT_TRUE(table.ok()) << table.status();
    request.what = *table;
    auto rows = engine.List(request);
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_EQ(rows->size(), ToJson(*rows).size());
    ExpectGolden(ToJson(*rows), golden);
  }
  void ExpectChecks(Engine& engine, const std::string& suffix) {
    auto conflicts = engine.Conflicts();
    ASSERT_TRUE(conflicts.ok()) << conflicts.status();
    ExpectGolden(ToJson(*conflicts), "conflicts" + suffix + ".json");
    auto verified = engine.Verify({SourceDir() + "/" + kMini + "/texts"});
    ASSERT_TRUE(verified.ok()) << verified.status();
    EXPECT_TRUE(verified->ok());
    ExpectGolden(ToJson(*verified), "verify" + suffix + ".json");
  }

  std::filesystem::path dir_;
  std::string db_;
};

TEST_F(KnowledgeJsonTest, TheMiniFixtureReadsAsBefore) {
  ExpectLoad(kMini + "/data", true, "load.json");
  ExpectLoad(kMini + "/data", true, "load-unchanged.json");
  ExpectLoad(kMini + "/data/entities.yaml", false, "load-part-unchanged.json");
  auto engine = Open();
  ASSERT_TRUE(engine);
  for (const char* id : {"northern-front", "valley-brigade", "karim-yusufzai", "eastern-committee",
                         "the-council", "darvaz"})
    ExpectShow(*engine, id, std::string("show-") + id + ".json");
  ExpectShow(*engine, "karim yousafzai", "show-by-alias.json");
  ExpectShow(*engine, "Северный фронт", "show-by-script.json");
  ExpectList(*engine, "entities", {}, "list-entities.json");
  ExpectList(*engine, "entities", {.kind = "person"}, "list-entities-person.json");
  ExpectList(*engine, "relations", {}, "list-relations.json");
  ExpectList(*engine, "relations", {.predicate = "allied_with"}, "list-relations-allied-with.json");
  ExpectList(*engine, "relations", {.as_of = "2010"}, "list-relations-as-of-2010.json");
  ExpectList(*engine, "events", {}, "list-events.json");
  ExpectList(*engine, "events", {.kind = "bombing"}, "list-events-bombing.json");
  ExpectList(*engine, "events", {.as_of = "2017"}, "list-events-as-of-2017.json");
  ExpectList(*engine, "events", {.as_of = "2018-05-03"}, "list-events-as-of-2018-05-03.json");
  ExpectList(*engine, "estimates", {}, "list-estimates.json");
  ExpectList(*engine, "estimates", {.as_of = "2019"}, "list-estimates-as-of-2019.json");
  ExpectList(*engine, "estimates", {.as_of = "2020"}, "list-estimates-as-of-2020.json");
  ExpectList(*engine, "sources", {}, "list-sources.json");
  ExpectChecks(*engine, "");
}

TEST_F(KnowledgeJsonTest, AListLinkedToTheMiniFixtureReadsAsBefore) {
  ASSERT_TRUE(Load(kMini + "/data", true).ok());
  ExpectLoad("tests/fixtures/lists/un-good.xml", false, "load-un.json");
  {
    auto engine = Open();
    ASSERT_TRUE(engine);
    ExpectShow(*engine, "karim-yusufzai", "show-karim-yusufzai-linked.json");
    ExpectShow(*engine, "un-tae-901", "show-un-tae-901.json");
  }
  ExpectLoad("tests/fixtures/lists/un-good-v2.xml", false, "load-un-v2.json");
  auto engine = Open();
  ASSERT_TRUE(engine);
  ExpectList(*engine, "entities", {}, "list-entities-with-list.json");
  ExpectList(*engine, "sources", {}, "list-sources-with-list.json");
  ExpectChecks(*engine, "-with-list");
}

// The engine refuses what the front end did not check, naming the field.
TEST_F(KnowledgeJsonTest, RequestsNameTheFieldThatIsWrong) {
  ASSERT_TRUE(Load(kMini + "/data", true).ok());
  auto engine = Open();
  ASSERT_TRUE(engine);
  std::string missing = (dir_ / "no-texts").string();
  auto verified = engine->Verify({missing});
  EXPECT_EQ(FieldOf(verified.status()), "texts");
  EXPECT_EQ(verified.status().message(), "texts: " + missing + ": not a folder");
  auto listed = engine->List({.what = ListTable::kEvents, .as_of = "last year"});
  EXPECT_EQ(FieldOf(listed.status()), "as_of");
  auto shown = engine->Show("Front");
  EXPECT_EQ(shown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(shown.status().message(),
            "'Front' is ambiguous; it names:\n  northern-front (Northern Front, organization)\n"
            "  valley-brigade (Valley Brigade, organization)");
  EXPECT_EQ(engine->Show("Northern").status().message(),
            "no entity is named 'Northern'; did you mean:\n  northern-front (Northern Front)");
}

}  // namespace
}  // namespace vigil
