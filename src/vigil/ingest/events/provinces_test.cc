// ProvinceIndex: point-in-polygon on hand-made squares (holes, multipolygons,
// the nearest-province margin) and on the shared Natural Earth file, with
// its two mislabelled features.
#include "vigil/ingest/events/provinces.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace vigil {
namespace {

std::string Boundaries() {
  return std::string(VIGIL_SOURCE_DIR) +
         "/../shared/data/geo/afghanistan-admin1-naturalearth.geojson";
}

// A: the square 0..10 with a hole 4..6; B: two squares 20..22 and 30..32.
constexpr const char* kSquares = R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "A", "adm1_code": "X-1", "iso_a2": "XA"},
  "geometry": {"type": "Polygon", "coordinates": [
    [[0,0],[10,0],[10,10],[0,10],[0,0]], [[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
 {"type": "Feature", "properties": {"name": "B"},
  "geometry": {"type": "MultiPolygon", "coordinates": [
    [[[20,20],[22,20],[22,22],[20,22],[20,20]]], [[[30,30],[32,30],[32,32],[30,32],[30,30]]]]}}
]})";

TEST(ProvinceIndexTest, PolygonsWithHolesAndMultipolygons) {
  auto index = ProvinceIndex::Parse(kSquares, "squares.geojson");
  ASSERT_TRUE(index.ok()) << index.status();
  auto a = (*index)->Locate(/*latitude=*/2, /*longitude=*/2);
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.name, "A");
  EXPECT_EQ(a.code, "X-1");
  EXPECT_EQ(a.country, "XA");
  // In the hole, 1 degree (111 km) from A's inner edge: in no province.
  EXPECT_FALSE((*index)->Locate(5, 5).found);
  EXPECT_EQ((*index)->Locate(31, 31).name, "B");  // the second polygon of B
  EXPECT_EQ((*index)->Locate(21, 21).name, "B");
  EXPECT_FALSE((*index)->Locate(50, 50).found);
}

TEST(ProvinceIndexTest, APointJustOutsideTakesTheNearestProvinceWithinTheMargin) {
  auto index = ProvinceIndex::Parse(kSquares, "squares.geojson");
  ASSERT_TRUE(index.ok());
  auto near = (*index)->Locate(5, 10.05);  // 0.05 degrees: about 5.6 km east of A
  EXPECT_TRUE(near.found);
  EXPECT_EQ(near.name, "A");
  EXPECT_NE(near.note.find("km outside"), std::string::npos) << near.note;
  EXPECT_FALSE((*index)->Locate(5, 10.2).found);  // 22 km
}

TEST(ProvinceIndexTest, BadFilesNameTheFeatureAndField) {
  auto not_json = ProvinceIndex::Parse("{", "b.geojson");
  EXPECT_EQ(not_json.status().code(), absl::StatusCode::kInvalidArgument);
  auto point = ProvinceIndex::Parse(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"P"},)"
      R"("geometry":{"type":"Point","coordinates":[1,2]}}]})",
      "b.geojson");
  ASSERT_FALSE(point.ok());
  EXPECT_EQ(std::string(point.status().message()),
            "b.geojson: feature 0: geometry.type: 'Point' is not Polygon or MultiPolygon");
  auto short_ring = ProvinceIndex::Parse(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"P"},)"
      R"("geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}}]})",
      "b.geojson");
  ASSERT_FALSE(short_ring.ok());
  EXPECT_NE(short_ring.status().message().find("feature 0: geometry.coordinates"),
            std::string::npos);
}

class NaturalEarthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(Boundaries())) GTEST_SKIP() << "no shared data";
    auto loaded = ProvinceIndex::Load(Boundaries());
    ASSERT_TRUE(loaded.ok()) << loaded.status();
    index_ = std::move(*loaded);
  }
  std::unique_ptr<ProvinceIndex> index_;
};

TEST_F(NaturalEarthTest, ThirtyFourProvincesWithTheTwoMislabelsCorrected) {
  auto names = index_->Names();
  EXPECT_EQ(names.size(), 34u);
  EXPECT_EQ(std::count(names.begin(), names.end(), "Uruzgan"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "Parwan"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "Daykundi"), 1);
  EXPECT_EQ(std::count(names.begin(), names.end(), "Panjshir"), 1);
  EXPECT_EQ(index_->corrections().size(), 2u);
}

TEST_F(NaturalEarthTest, NiliIsInDaykundiNotUruzgan) {
  auto m = index_->Locate(33.7218, 66.1302);  // Nili, capital of Daykundi
  EXPECT_EQ(m.name, "Daykundi");
  EXPECT_EQ(m.code, "AFG-1753");
  EXPECT_NE(m.note.find("named 'Uruzgan'"), std::string::npos) << m.note;
  EXPECT_EQ(index_->Locate(32.6270, 65.8782).name, "Uruzgan");  // Tarin Kot
}

TEST_F(NaturalEarthTest, BazarakIsInPanjshirNotParwan) {
  auto m = index_->Locate(35.3139, 69.5207);  // Bazarak, capital of Panjshir
  EXPECT_EQ(m.name, "Panjshir");
  EXPECT_EQ(m.code, "AFG-1769");
  EXPECT_EQ(index_->Locate(35.0131, 69.1713).name, "Parwan");  // Charikar
}

TEST_F(NaturalEarthTest, KnownCities) {
  EXPECT_EQ(index_->Locate(31.6133, 65.7101).name, "Kandahar");
  EXPECT_EQ(index_->Locate(34.5553, 69.2075).name, "Kabul");
  EXPECT_EQ(index_->Locate(36.7286, 68.8681).name, "Kunduz");
  EXPECT_EQ(index_->Locate(34.3482, 62.1997).name, "Hirat");
  EXPECT_EQ(index_->Locate(31.6133, 65.7101).country, "AF");
}

}  // namespace
}  // namespace vigil
