// The screening JSON shapes and batch CSV rows, from hand-made typed
// results (known answers); tests/e2e/screen_golden_test.cc checks whole
// outputs against those of the binary before the typed API.
#include "vigil/engine/json/screening_json.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : object.items()) keys.push_back(k);
  return keys;
}

ScreenResponse Response() {
  ScreenResponse r;
  r.query.name = "Sira\u200Bjuddin Haqqani";
  r.query.birth_date = "1973";
  r.query.kind = match::NameKind::kPerson;
  r.query.cleaning = CleanText(r.query.name);
  r.query.analysis = match::AnalyzeName(r.query.cleaning.text, match::NameKind::kPerson);
  r.threshold = 0.8;
  r.lists = {{"un-consolidated", "un-list", "2025-04-19+929a", "2025-04-19", "929a", 877},
             {"curated", "curated", "59d5", "", "", 16}};
  ScreenHit h;
  h.rank = 1;
  h.entity = "un-tai-144";
  h.name = "SIRAJUDDIN JALLALOUDINE HAQQANI";
  h.kind = "person";
  h.dataset = "un-consolidated";
  h.score = 0.97;
  h.name_score = 0.93;
  h.matched_name = {"Sirajuddin Haqqani", "alias", "Latn"};
  h.references = {"TAi.144", "7000"};
  h.programs = {"1988 Taliban", "SDGT"};
  h.designations = {{"UN", "1988 Taliban", "", "TAi.144", "2007-07-31"}};
  h.nationalities = {"AF"};
  h.linked = "sirajuddin-haqqani";
  h.comparison = match::CompareNames("Sirajuddin Haqqani", "Sirajuddin Haqqani",
                                     match::NameKind::kPerson, match::NameScorer())
                     .comparison;
  h.evidence = {{"birth_date", 0.04, "falls within a listed birth date or range"}};
  r.hits.push_back(h);
  r.candidates = 3;
  r.elapsed_ms = 0.5;
  return r;
}

TEST(ScreeningJsonTest, AScreenResultHasTheDocumentedShape) {
  Json j = ToJson(Response());
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"query", "threshold", "lists", "hits", "candidates",
                                               "fallback", "elapsed_ms"}));
  EXPECT_EQ(Keys(j["query"]), (std::vector<std::string>{"name", "birth_date", "country", "kind",
                                                        "cleaning", "analysis",
                                                        "displayed_analysis"}));
  EXPECT_EQ(j["query"]["country"], nullptr);
  EXPECT_EQ(j["query"]["kind"], "person");
  EXPECT_EQ(j["query"]["cleaning"]["summary"], "U+200B ZERO WIDTH SPACE");
  EXPECT_EQ(j["lists"][1]["publish_date"], nullptr);
  EXPECT_EQ(j["lists"][0]["records"], 877);
  const Json& hit = j["hits"][0];
  EXPECT_EQ(Keys(hit), (std::vector<std::string>{"rank", "entity", "name", "kind", "dataset",
                                                 "score", "rank_score", "matched_name",
                                                 "references",
                                                 "programs", "designations", "nationalities",
                                                 "linked", "explanation"}));
  EXPECT_EQ(hit["designations"][0]["list"], nullptr);
  EXPECT_EQ(Keys(hit["explanation"]),
            (std::vector<std::string>{"pairs", "unmatched_query", "unmatched_candidate",
                                      "adjustments", "query_reading", "candidate_parts",
                                      "name_score", "evidence", "cleaning"}));
  EXPECT_EQ(hit["explanation"]["cleaning"], j["query"]["cleaning"]);
  EXPECT_EQ(hit["explanation"]["query_reading"], "written");
  EXPECT_EQ(hit["explanation"]["pairs"][0]["method"], "exact");
  // A hit alone explains itself without the query's cleaning.
  EXPECT_FALSE(ToJson(Response().hits[0])["explanation"].contains("cleaning"));
}

// What an explanation drawn as an alignment needs: each pair names the parts
// it joins on either side, the matched name's parts come with the hit, and
// with part sources each part says which written words it was read from.
TEST(ScreeningJsonTest, AHitCarriesWhatItsAlignmentNeeds) {
  ScreenResponse r = Response();
  r.query.name = "سراج الدين حقاني";
  r.query.cleaning = CleanText(r.query.name);
  r.query.analysis = match::AnalyzeName(r.query.name, match::NameKind::kPerson);
  r.query.part_sources = match::PartSources(r.query.name, match::NameKind::kPerson);
  ScreenHit& h = r.hits[0];
  h.matched_name = {"HAQQANI, Siraj al-Din", "alias", "Latn"};
  const match::AnalyzedName listed =
      match::AnalyzeName(h.matched_name.text, match::NameKind::kPerson);
  h.comparison = match::NameScorer().Compare(r.query.analysis, listed);
  h.candidate_parts = listed.parts;
  h.candidate_sources = match::PartSources(h.matched_name.text, match::NameKind::kPerson);

  Json j = ToJson(r);
  const Json& parts = j["query"]["analysis"]["parts"];
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0]["source"], "سراج الدين");
  EXPECT_EQ(parts[1]["source"], "حقاني");
  const Json& e = j["hits"][0]["explanation"];
  ASSERT_EQ(e["candidate_parts"].size(), 2u);
  EXPECT_EQ(e["candidate_parts"][0]["folded"], "sirajdin");
  EXPECT_EQ(e["candidate_parts"][0]["source"], "Siraj al-Din");
  EXPECT_EQ(e["candidate_parts"][1]["source"], "HAQQANI");
  ASSERT_EQ(e["pairs"].size(), 2u);
  for (const Json& pair : e["pairs"]) {
    const bool first = pair["query"] == "srajdin";
    EXPECT_EQ(pair["query_parts"], Json::array({first ? 0 : 1}));
    EXPECT_EQ(pair["candidate_parts"], Json::array({first ? 0 : 1}));
    EXPECT_EQ(pair["method"], "skeleton");
  }
  // Without part sources (batches), parts carry no "source".
  EXPECT_FALSE(ToJson(Response())["query"]["analysis"]["parts"][0].contains("source"));
}

TEST(ScreeningJsonTest, BatchRowsAsJsonLinesAndCsv) {
  ScreenResponse r = Response();
  std::string id = "A1";
  std::string line = BatchJsonLine(7, &id, {{"name", "=x"}, {"id", "A1"}}, r);
  ASSERT_EQ(line.back(), '\n');
  Json j = Json::parse(line);
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"line", "id", "input", "query", "lists", "hits",
                                               "candidates", "fallback", "elapsed_ms"}));
  EXPECT_EQ(Keys(j["input"]), (std::vector<std::string>{"name", "id"}));
  EXPECT_FALSE(Json::parse(BatchJsonLine(7, nullptr, {}, r)).contains("id"));
  // The line is written as text directly; it is byte for byte the response's
  // tree (as the API serves it) without "threshold", after line, id, input.
  Json tree = {{"line", 7}, {"id", "A1"}, {"input", {{"name", "=x"}, {"id", "A1"}}}};
  const Json response = ToJson(r);
  for (const auto& [key, value] : response.items())
    if (key != "threshold") tree[key] = value;
  EXPECT_EQ(line, tree.dump() + "\n");
  // Also with the parts only some responses have: a displayed reading, a
  // decision on the hit, an adjustment and a nasab part.
  ScreenResponse rich = r;
  rich.query.displayed_analysis = rich.query.analysis;
  rich.query.analysis.parts[0].role = match::PartRole::kNasab;
  rich.query.analysis.parts[0].nasab_position = 2;
  rich.hits[0].comparison.adjustments.push_back({"nasab_order", "father and grandfather swapped"});
  Decision d;
  d.decision = "false_positive", d.actor = "desk-1", d.at = "2026-11-30T10:00:00Z";
  rich.hits[0].decisions.push_back(d);
  Json rich_tree = {{"line", 8}, {"input", Json::object()}};
  const Json rich_response = ToJson(rich);
  for (const auto& [key, value] : rich_response.items())
    if (key != "threshold") rich_tree[key] = value;
  EXPECT_EQ(BatchJsonLine(8, nullptr, {}, rich), rich_tree.dump() + "\n");
  EXPECT_EQ(rich_tree["hits"][0]["decisions"][0]["actor"], "desk-1");
  EXPECT_EQ(rich_tree["query"]["analysis"]["parts"][0]["nasab_position"], 2);
  // A batch's explanation column: the hit's explanation in the response,
  // with the query's cleaning, as text.
  EXPECT_EQ(HitExplanationText(rich.hits[0], rich.query.cleaning),
            rich_tree["hits"][0]["explanation"].dump());
  EXPECT_EQ(rich_tree["hits"][0]["explanation"]["cleaning"]["summary"], "U+200B ZERO WIDTH SPACE");

  std::string lists = ListsLine(r.lists);
  EXPECT_EQ(lists, "un-consolidated (2025-04-19, 877 records); curated (59d5, 16 records)");
  EXPECT_EQ(BatchCsvHeader({"id", "=name"}, /*raw=*/false),
            "\"id\",\"'=name\",vigil_hits,vigil_top_score,vigil_top_entity,vigil_top_name,"
            "vigil_top_matched_name,vigil_top_references,vigil_top_programs,vigil_top_dataset,"
            "vigil_lists,vigil_name_cleaning,vigil_top_decision\n");
  EXPECT_EQ(BatchCsvLine({"A1", "-5"}, r, lists, /*raw=*/false),
            "\"A1\",\"'-5\",1,0.9700,\"un-tai-144\",\"SIRAJUDDIN JALLALOUDINE HAQQANI\","
            "\"Sirajuddin Haqqani\",\"TAi.144;7000\",\"1988 Taliban;SDGT\",\"un-consolidated\","
            "\"" + lists + "\",\"U+200B ZERO WIDTH SPACE\",\"\"\n");
  // The latest decision on the top hit, and whether the record changed since.
  Decision earlier, later;
  earlier.decision = "match";
  later.decision = "false_positive";
  later.at = "2026-11-30T10:00:00Z";
  later.actor = "desk-1";
  later.stale = true;
  r.hits.front().decisions = {earlier, later};
  std::string decided = BatchCsvLine({"A1", "-5"}, r, lists, /*raw=*/false);
  EXPECT_EQ(decided.substr(decided.rfind(",\"U+200B")),
            ",\"U+200B ZERO WIDTH SPACE\",\"false_positive 2026-11-30T10:00:00Z desk-1 (stale)\"\n");
  r.hits.clear();
  EXPECT_EQ(BatchCsvLine({"A1", "-5"}, r, lists, /*raw=*/true),
            "\"A1\",\"-5\",0,,,,,,,,\"" + lists + "\",\"U+200B ZERO WIDTH SPACE\",\n");
}

TEST(ScreeningJsonTest, AComparisonExplainsBothReadings) {
  Comparison c;
  c.name_a = "Usama bin Ladin";
  c.name_b = "\u202Enidal nib amasu\u202C";
  c.pair = match::CompareNames(c.name_a, c.name_b, match::NameKind::kAny, match::NameScorer());
  c.score = c.pair.comparison.score;
  c.match = c.score >= c.threshold;
  c.cleaning_a = CleanText(c.name_a);
  c.cleaning_b = CleanText(c.name_b);
  Json j = ToJson(c);
  EXPECT_EQ(Keys(j), (std::vector<std::string>{"name_a", "name_b", "kind", "score", "threshold",
                                               "match", "explanation", "analysis"}));
  EXPECT_EQ(j["kind"], "any");
  EXPECT_TRUE(j["match"].get<bool>());
  EXPECT_EQ(j["explanation"]["readings"]["b"], "displayed");
  EXPECT_EQ(j["explanation"]["cleaning"]["b"]["displayed"], "usama bin ladin");
  EXPECT_TRUE(j["explanation"]["pairs"][0].contains("method"));
  EXPECT_EQ(Keys(j["analysis"]["a"]),
            (std::vector<std::string>{"name", "script", "parts", "honorifics", "nasab"}));
}

}  // namespace
}  // namespace vigil
