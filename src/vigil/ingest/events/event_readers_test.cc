// The UCDP GED (GeoJSON, CSV) and ACLED (CSV) readers on hand-made fixtures
// (tests/fixtures/events) and strings: events, actors and roles, deaths,
// claims, and every malformed row reported with its line and field.
#include "vigil/ingest/events/event_readers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "vigil/ingest/detect.h"
#include "vigil/ingest/events/provinces.h"

namespace vigil {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/events/" + name;
}

const Event* FindEvent(const Batch& b, const std::string& id) {
  for (const auto& e : b.events)
    if (e.id == id) return &e;
  return nullptr;
}

bool Warned(const Batch& b, const std::string& text) {
  for (const auto& w : b.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

TEST(UcdpCsvTest, ReadsEventsActorsDeathsAndClaims) {
  auto batch = ReadUcdpCsv(Fixture("ucdp-ged-sample.csv"), {});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->dataset, "ucdp-ged");
  EXPECT_EQ(batch->kind, "ucdp-ged");
  ASSERT_EQ(batch->events.size(), 5u);
  ASSERT_EQ(batch->sources.size(), 1u);
  const Event* e = FindEvent(*batch, "ucdp-ged-900001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->type, "state_based_conflict");
  EXPECT_EQ(e->date.ToString(), "2016-05-03");
  EXPECT_EQ(e->killed.best, 12);
  EXPECT_EQ(e->killed.low, 10);
  EXPECT_EQ(e->killed.high, 15);
  EXPECT_EQ(e->place.country, "AF");
  EXPECT_EQ(e->place.admin1, "Kandahar province");
  EXPECT_EQ(*e->place.latitude, 31.6133);
  EXPECT_NE(e->place.province_note.find("no boundaries file"), std::string::npos);
  ASSERT_EQ(e->actors.size(), 2u);
  EXPECT_EQ(e->actors[0].label, "Government of Afghanistan");
  EXPECT_EQ(e->actors[0].role, "side_a");
  EXPECT_EQ(e->actors[1].label, "Taleban");
  EXPECT_EQ(e->actors[1].role, "side_b");
  ASSERT_EQ(e->claims.size(), 1u);
  EXPECT_EQ(e->claims[0].locator, "900001");
  EXPECT_EQ(e->claims[0].party_label, "UCDP GED");
  EXPECT_EQ(e->claims[0].source, batch->sources[0].id);
  // A range, and one-sided violence: perpetrator and target.
  const Event* range = FindEvent(*batch, "ucdp-ged-900002");
  EXPECT_EQ(range->from.ToString(), "2017-06-10");
  EXPECT_EQ(range->to.ToString(), "2017-06-12");
  EXPECT_EQ(range->type, "non_state_conflict");
  const Event* one_sided = FindEvent(*batch, "ucdp-ged-900003");
  EXPECT_EQ(one_sided->type, "one_sided_violence");
  EXPECT_EQ(one_sided->actors[0].role, "perpetrator");
  EXPECT_EQ(one_sided->actors[1].role, "target");
  EXPECT_EQ(one_sided->killed.high, 40);
}

TEST(UcdpCsvTest, ProvincesFromTheBoundaries) {
  std::string geo = std::string(VIGIL_SOURCE_DIR) +
                    "/../shared/data/geo/afghanistan-admin1-naturalearth.geojson";
  if (!std::filesystem::exists(geo)) GTEST_SKIP() << "no shared data";
  auto index = ProvinceIndex::Load(geo);
  ASSERT_TRUE(index.ok());
  EventReadOptions options;
  options.provinces = index->get();
  auto batch = ReadUcdpCsv(Fixture("ucdp-ged-sample.csv"), options);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(FindEvent(*batch, "ucdp-ged-900001")->place.province, "Kandahar");
  EXPECT_EQ(FindEvent(*batch, "ucdp-ged-900002")->place.province, "Nangarhar");
  EXPECT_EQ(FindEvent(*batch, "ucdp-ged-900004")->place.province, "Panjshir");
  EXPECT_EQ(FindEvent(*batch, "ucdp-ged-900005")->place.province, "Daykundi");
  EXPECT_NE(batch->version, ReadUcdpCsv(Fixture("ucdp-ged-sample.csv"), {})->version)
      << "other boundaries, other version";
}

TEST(UcdpCsvTest, MalformedRowsAreSkippedAndReportedWithLineAndField) {
  std::string path = Fixture("ucdp-ged-bad-rows.csv");
  auto batch = ReadUcdpCsv(path, {});
  ASSERT_TRUE(batch.ok()) << batch.status();
  // Imported: 910001 (line 2), 910004 (no point), 910008 (latitude 131: no point).
  EXPECT_EQ(batch->events.size(), 3u);
  EXPECT_EQ(batch->warning_counts.at("event_skipped"), 5);
  EXPECT_TRUE(Warned(*batch, path + ":3: date_start: missing; event skipped"));
  EXPECT_TRUE(Warned(*batch, path + ":4: date_start: '2016-13-40' is not a date"));
  EXPECT_TRUE(Warned(*batch, path + ":6: side_a: invalid UTF-8; event skipped") ||
                  Warned(*batch, path + ":6: side_b: invalid UTF-8; event skipped"));
  EXPECT_TRUE(Warned(*batch, path + ":7: id: event 910001 is given twice; event skipped"));
  EXPECT_TRUE(Warned(*batch, path + ":8: date_end: 2016-05-07 is before date_start"));
  EXPECT_TRUE(Warned(*batch, path + ":5: latitude/longitude: 'north, 65.7101' are no coordinates"));
  EXPECT_TRUE(Warned(*batch, path + ":9: latitude/longitude: '131.6, 65.7101'"));
  EXPECT_EQ(FindEvent(*batch, "ucdp-ged-910004")->place.province_note, "unresolved: no coordinates");
}

TEST(UcdpCsvTest, MissingColumnsRefuseTheFile) {
  std::string path = Fixture("ucdp-ged-missing-columns.csv");
  auto batch = ReadUcdpCsv(path, {});
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(std::string(batch.status().message()),
            path + ":1: header: missing column side_b of UCDP GED's CSV layout");
}

TEST(AcledCsvTest, ReadsEventsWithTypesRolesAndBothDateForms) {
  auto batch = ReadAcledCsv(Fixture("acled-sample.csv"), {});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->dataset, "acled");
  ASSERT_EQ(batch->events.size(), 4u);
  const Event* airport = FindEvent(*batch, "acled-afg100001");
  ASSERT_NE(airport, nullptr);
  EXPECT_EQ(airport->type, "remote_violence");
  EXPECT_EQ(airport->killed.best, 183);
  EXPECT_EQ(airport->actors[0].role, "perpetrator");  // civilian targeting
  EXPECT_EQ(airport->actors[0].label, "Islamic State Khorasan Province");
  EXPECT_EQ(airport->actors[1].role, "target");
  EXPECT_EQ(airport->claims[0].locator, "AFG100001");
  EXPECT_EQ(airport->claims[0].party_label, "ACLED");
  EXPECT_EQ(airport->place.city, "Kabul - Airport");
  EXPECT_EQ(FindEvent(*batch, "acled-afg100003")->date.ToString(), "2021-09-03");
  const Event* protest = FindEvent(*batch, "acled-afg100004");
  EXPECT_EQ(protest->type, "protest");
  ASSERT_EQ(protest->actors.size(), 2u);  // actor1 and its associate
  EXPECT_EQ(protest->actors[1].label, "Women (Afghanistan)");
  EXPECT_EQ(protest->actors[1].role, "side_a");
}

TEST(AcledCsvTest, MalformedRows) {
  std::string path = Fixture("acled-bad-rows.csv");
  auto batch = ReadAcledCsv(path, {});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->events.size(), 2u);  // AFG200001, and AFG200004 without its point
  EXPECT_TRUE(Warned(*batch, path + ":3: event_date:"));
  EXPECT_TRUE(Warned(*batch, path + ":4: event_type: unknown ACLED type 'Earthquakes'"));
  EXPECT_TRUE(Warned(*batch, path + ":5: latitude/longitude: '95.0, 68.42' are no coordinates"));
  EXPECT_TRUE(Warned(*batch, path + ":6: actor1: missing; event skipped"));
}

TEST(UcdpGeoJsonTest, FeaturesAndTheirProblems) {
  std::string text = R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"id": "1", "side_a": "IS", "side_b": "Taleban",
   "date_start": "2015-05-24", "date_end": "2015-05-25", "deaths_a": 15, "deaths_b": "10"},
  "geometry": {"type": "Point", "coordinates": [62.07, 32.75]}},
 {"type": "Feature", "properties": {"id": "2", "side_a": "IS", "side_b": "Taleban",
   "date_start": null, "date_end": "2015-05-25"},
  "geometry": {"type": "Point", "coordinates": [62.07, 32.75]}},
 {"type": "Feature", "properties": {"id": "3", "side_a": "IS", "side_b": "Taleban",
   "date_start": "2015-06-01", "date_end": "2015-06-01"}, "geometry": null},
 "not a feature"
]})";
  auto batch = ParseUcdpGeoJson(text, "g.geojson", {});
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_EQ(batch->events.size(), 2u);
  EXPECT_EQ(batch->events[0].killed.best, 25);  // deaths_a + deaths_b
  EXPECT_EQ(batch->events[0].type, "non_state_conflict");
  EXPECT_EQ(batch->warning_counts.at("type_inferred"), 2);
  EXPECT_TRUE(Warned(*batch, "g.geojson: feature 1: date_start: missing; event skipped"));
  EXPECT_TRUE(Warned(*batch, "g.geojson: feature 3: properties: missing; event skipped"));
  EXPECT_EQ(batch->events[1].place.province_note, "unresolved: no coordinates");
}

TEST(UcdpGeoJsonTest, BadFilesAreRefused) {
  EXPECT_FALSE(ParseUcdpGeoJson("{\"type\": ", "g.geojson", {}).ok());
  auto utf8 = ParseUcdpGeoJson("{\"type\": \"FeatureCollection\",\n \"features\": [\"\xff\"]}",
                               "g.geojson", {});
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(std::string(utf8.status().message()).substr(0, 12), "g.geojson:2:");
  auto empty = ParseUcdpGeoJson(R"({"type": "FeatureCollection", "features": []})", "g.geojson",
                                {});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(std::string(empty.status().message()), "g.geojson: no event could be imported");
}

TEST(EventDetectTest, FormatsAreRecognisedByContent) {
  auto head = [](const std::string& path) {
    std::ifstream in(path);
    std::string s((std::istreambuf_iterator<char>(in)), {});
    return s;
  };
  EXPECT_EQ(*DetectFormat("x.csv", head(Fixture("ucdp-ged-sample.csv"))), InputFormat::kUcdpCsv);
  EXPECT_EQ(*DetectFormat("x.csv", head(Fixture("acled-sample.csv"))), InputFormat::kAcledCsv);
  EXPECT_EQ(*DetectFormat("x.json", R"({"type": "FeatureCollection", "features": [{"properties":
      {"id": "1", "side_a": "IS", "date_start": "2015-01-01"}}]})"),
            InputFormat::kUcdpGeoJson);
  EXPECT_FALSE(DetectFormat("x.json", R"({"type": "FeatureCollection"})").ok());
  EXPECT_EQ(*ParseFormatName("acled-csv"), InputFormat::kAcledCsv);
}

}  // namespace
}  // namespace vigil
