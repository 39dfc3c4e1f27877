// UCDP GED (GeoJSON, CSV) and ACLED (CSV) into events: one builder shared by
// the three readers, which only differ in how they find a field.
#include "vigil/ingest/events/event_readers.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "vigil/base/ascii.h"
#include "vigil/base/date.h"
#include "vigil/base/file.h"
#include "vigil/base/sha256.h"
#include "vigil/base/number.h"
#include "vigil/base/utf8.h"
#include "vigil/ingest/events/provinces.h"
#include "vigil/ingest/table/row_reader.h"
#include "vigil/text/country.h"

namespace vigil {
namespace {

using Json = nlohmann::json;

// How many warnings of each kind are quoted; all are counted.
constexpr size_t kQuotedEventWarnings = 50;

std::string TrimField(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(a, b - a + 1));
}

// The dataset's event id as a slug part: lower case, [a-z0-9] kept, any
// other run of bytes one '-'.
std::string SlugPart(std::string_view id) {
  std::string out;
  for (char c : AsciiLower(std::string(id))) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep)
      out += c;
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::optional<double> ParseEventNumber(const std::string& text) {
  return ParseFiniteNumber(TrimField(text));
}

std::vector<std::string> SplitTrimmed(const std::string& text, std::string_view separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    std::string part = TrimField(std::string_view(text).substr(start, end - start));
    if (!part.empty()) out.push_back(std::move(part));
    start = end + separator.size();
  }
  return out;
}

// ACLED writes dates as "2021-08-26" or, in older exports, "26 August 2021".
StatusOr<PartialDate> ParseEventDate(const std::string& text) {
  std::string t = TrimField(text);
  auto iso = PartialDate::Parse(t);
  if (iso.ok()) return iso;
  static const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                  "july",    "august",   "september", "october", "november", "december"};
  auto words = SplitTrimmed(t, " ");
  if (words.size() == 3) {
    for (int m = 0; m < 12; ++m) {
      if (AsciiLower(words[1]) != kMonths[m] && AsciiLower(words[1]) != std::string(kMonths[m]).substr(0, 3))
        continue;
      int day = 0, year = 0;
      auto d = std::from_chars(words[0].data(), words[0].data() + words[0].size(), day);
      auto y = std::from_chars(words[2].data(), words[2].data() + words[2].size(), year);
      if (d.ec != std::errc() || y.ec != std::errc() || d.ptr != words[0].data() + words[0].size() ||
          y.ptr != words[2].data() + words[2].size())
        break;
      return PartialDate::Parse(fmt::format("{:04d}-{:02d}-{:02d}", year, m + 1, day));
    }
  }
  return absl::InvalidArgumentError(fmt::format("'{}' is not a date (YYYY-MM-DD)", t));
}

// One record of the input, whatever its format: fields by column name.
struct Record {
  std::string where;  // "path:line" or "path: feature N"
  std::function<std::optional<std::string>(std::string_view)> get;

  std::string Text(std::string_view column) const {
    auto v = get(column);
    return v ? TrimField(*v) : std::string();
  }
};

// The conventions of one dataset.
struct DatasetStyle {
  std::string default_name, party_label, publisher, url, title;
};

const DatasetStyle kUcdp{"ucdp-ged", "UCDP GED", "Uppsala Conflict Data Program (UCDP)",
                         "https://ucdp.uu.se/downloads/", "UCDP Georeferenced Event Dataset"};
const DatasetStyle kAcled{"acled", "ACLED", "Armed Conflict Location & Event Data (ACLED)",
                          "https://acleddata.com/", "ACLED event data export"};

class EventBuilder {
 public:
  EventBuilder(const std::string& path, std::string_view text, const DatasetStyle& style,
               const EventReadOptions& options)
      : path_(path), style_(style), options_(options) {
    batch_.dataset = options.dataset.empty() ? style.default_name : options.dataset;
    batch_.kind = style.default_name;
    batch_.files = {path};
    batch_.sha256 = Sha256Hex(text);
    // The version covers the boundaries too: other boundaries, other provinces.
    batch_.version = Sha256Hex(batch_.sha256 + "|" +
                               (options.provinces ? options.provinces->sha256() : "none"));
    Source source;
    source.id = batch_.dataset + "-" + batch_.sha256.substr(0, 12);
    std::string file = std::filesystem::path(path).filename().string();
    source.title = fmt::format("{}: {}", style.title, file);
    source.publisher = style.publisher;
    source.url = style.url;
    source.file = file;
    source.kind = "dataset";
    source_id_ = source.id;
    batch_.sources.push_back(std::move(source));
  }

  void Warn(const std::string& kind, const std::string& message) {
    if (static_cast<size_t>(batch_.warning_counts[kind]++) < kQuotedEventWarnings)
      batch_.warnings.push_back(message);
  }
  // Counted; only the first quoted (a file without the column has it on
  // every row).
  void Inferred(const std::string& message) {
    if (batch_.warning_counts["type_inferred"]++ == 0) batch_.warnings.push_back(message);
  }
  void Skip(const Record& r, std::string_view field, std::string_view problem) {
    Warn("event_skipped", fmt::format("{}: {}: {}; event skipped", r.where, field, problem));
  }

  Claim DatasetClaim(const std::string& id) const {
    Claim c;
    c.source = source_id_;
    c.locator = id;
    c.party_label = style_.party_label;
    return c;
  }

  // The id, and an event with its id, dates and claim; nullopt when skipped.
  std::optional<Event> Begin(const Record& r, std::string_view id_column,
                             std::string_view from_column, std::string_view to_column) {
    std::string id = r.Text(id_column);
    std::string slug = SlugPart(id);
    if (slug.empty()) {
      Skip(r, id_column, id.empty() ? "missing" : "not an event id");
      return std::nullopt;
    }
    if (!ids_.insert(slug).second) {
      Skip(r, id_column, fmt::format("event {} is given twice", id));
      return std::nullopt;
    }
    Event e;
    e.id = batch_.dataset + "-" + slug;
    e.where = {path_, 0};
    std::string from_text = r.Text(from_column);
    if (from_text.empty()) {
      Skip(r, from_column, "missing");
      return std::nullopt;
    }
    auto from = ParseEventDate(from_text);
    if (!from.ok()) {
      Skip(r, from_column, std::string(from.status().message()));
      return std::nullopt;
    }
    PartialDate to = *from;
    if (!to_column.empty() && !r.Text(to_column).empty()) {
      auto parsed = ParseEventDate(r.Text(to_column));
      if (!parsed.ok()) {
        Skip(r, to_column, std::string(parsed.status().message()));
        return std::nullopt;
      }
      to = *parsed;
      if (to.Latest() < from->Earliest()) {
        Skip(r, to_column, fmt::format("{} is before {} ({})", to.ToString(), from_column,
                                       from->ToString()));
        return std::nullopt;
      }
    }
    if (to == *from) {
      e.date = *from;
    } else {
      e.from = *from;
      e.to = to;
    }
    Claim claim = DatasetClaim(id);
    e.claims.push_back(claim);
    return e;
  }

  void AddActors(Event* e, const std::string& names, std::string_view separator,
                 const std::string& role, const std::string& locator) {
    for (auto& name : SplitTrimmed(names, separator)) {
      Participant p;
      p.label = name;
      p.role = role;
      p.claims.push_back(DatasetClaim(locator));
      e->actors.push_back(std::move(p));
    }
  }

  // Coordinates, and the province they lie in.
  void Place(const Record& r, Event* e, const std::optional<std::string>& latitude,
             const std::optional<std::string>& longitude) {
    std::optional<double> lat, lon;
    if (latitude && longitude && !TrimField(*latitude).empty() && !TrimField(*longitude).empty()) {
      lat = ParseEventNumber(*latitude);
      lon = ParseEventNumber(*longitude);
      if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) {
        Warn("bad_coordinates",
             fmt::format("{}: latitude/longitude: '{}, {}' are no coordinates; event imported "
                         "without a point",
                         r.where, TrimField(*latitude), TrimField(*longitude)));
        lat.reset();
        lon.reset();
      }
    }
    if (!lat) {
      e->place.province_note = "unresolved: no coordinates";
      return;
    }
    e->place.latitude = lat;
    e->place.longitude = lon;
    if (!options_.provinces) {
      e->place.province_note = options_.no_boundaries_reason;
      return;
    }
    ProvinceMatch m = options_.provinces->Locate(*lat, *lon);
    e->place.province_note = m.note;
    if (!m.found) return;
    e->place.province = m.name;
    if (e->place.country.empty() && !m.country.empty()) e->place.country = m.country;
  }

  void Add(Event e) { batch_.events.push_back(std::move(e)); }

  StatusOr<Batch> Finish() {
    if (batch_.events.empty()) {
      std::string why = batch_.warnings.empty() ? "" : ": " + batch_.warnings.front();
      return absl::InvalidArgumentError(
          fmt::format("{}: no event could be imported{}", path_, why));
    }
    if (options_.provinces)
      for (const auto& c : options_.provinces->corrections())
        Warn("province_corrected", fmt::format("{}: {}", options_.provinces->path(), c));
    return std::move(batch_);
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  const DatasetStyle& style_;
  const EventReadOptions& options_;
  Batch batch_;
  std::string source_id_;
  std::set<std::string> ids_;
};

void SetQuantity(Quantity* q, const Record& r, std::string_view column,
                 std::optional<double> Quantity::*slot, EventBuilder& b) {
  std::string text = r.Text(column);
  if (text.empty()) return;
  auto v = ParseEventNumber(text);
  if (!v || *v < 0) {
    b.Warn("bad_number", fmt::format("{}: {}: '{}' is not a count of deaths; left out", r.where,
                                     column, text));
    return;
  }
  (*q).*slot = *v;
}

// UCDP GED's columns, from a CSV row or a GeoJSON feature.
void BuildUcdp(const Record& r, EventBuilder& b, const std::optional<std::string>& latitude,
               const std::optional<std::string>& longitude) {
  auto begun = b.Begin(r, "id", "date_start", "date_end");
  if (!begun) return;
  Event e = std::move(*begun);
  std::string side_a = r.Text("side_a"), side_b = r.Text("side_b");
  if (side_a.empty()) return b.Skip(r, "side_a", "missing");
  std::string type = r.Text("type_of_violence");
  bool government = side_a.rfind("Government of", 0) == 0 || side_b.rfind("Government of", 0) == 0;
  if (type == "1") {
    e.type = "state_based_conflict";
  } else if (type == "2") {
    e.type = "non_state_conflict";
  } else if (type == "3") {
    e.type = "one_sided_violence";
  } else if (type.empty()) {
    e.type = government ? "state_based_conflict" : "non_state_conflict";
    b.Inferred(fmt::format("{}: type_of_violence: not given; inferred from the sides: "
                           "state_based_conflict when a side is a government, else "
                           "non_state_conflict (counted under type_inferred, quoted once)",
                           r.where));
  } else {
    return b.Skip(r, "type_of_violence", fmt::format("'{}' is not 1, 2 or 3", type));
  }
  std::string id = r.Text("id");
  bool one_sided = e.type == "one_sided_violence";
  b.AddActors(&e, side_a, ", ", one_sided ? "perpetrator" : "side_a", id);
  b.AddActors(&e, side_b, ", ", one_sided ? "target" : "side_b", id);
  std::string dyad = r.Text("dyad_name");
  e.title = !dyad.empty() ? dyad : side_b.empty() ? side_a : side_a + " vs " + side_b;
  e.place.admin1 = r.Text("adm_1");
  e.place.admin2 = r.Text("adm_2");
  e.place.detail = r.Text("where_coordinates");
  std::string country = r.Text("country");
  if (!country.empty()) e.place.country = CountryCode(country);
  SetQuantity(&e.killed, r, "best", &Quantity::best, b);
  SetQuantity(&e.killed, r, "low", &Quantity::low, b);
  SetQuantity(&e.killed, r, "high", &Quantity::high, b);
  if (!e.killed.IsSet()) {  // the parts UCDP's best is the sum of
    double sum = 0;
    bool any = false;
    for (const char* column : {"deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"}) {
      std::string text = r.Text(column);
      if (text.empty()) continue;
      auto v = ParseEventNumber(text);
      if (!v || *v < 0) {
        b.Warn("bad_number", fmt::format("{}: {}: '{}' is not a count of deaths; left out",
                                         r.where, column, text));
        continue;
      }
      sum += *v;
      any = true;
    }
    if (any) e.killed.best = sum;
  }
  std::string article = r.Text("source_article");
  if (article.empty()) article = r.Text("source_art");
  if (!article.empty()) e.claims.front().note = "sources cited: " + article;
  b.Place(r, &e, latitude, longitude);
  b.Add(std::move(e));
}

std::string AcledType(const std::string& event_type) {
  static const std::map<std::string, std::string> kTypes = {
      {"battles", "battle"},
      {"explosions/remote violence", "remote_violence"},
      {"violence against civilians", "violence_against_civilians"},
      {"protests", "protest"},
      {"riots", "riot"},
      {"strategic developments", "strategic_development"}};
  auto it = kTypes.find(AsciiLower(event_type));
  return it == kTypes.end() ? "" : it->second;
}

void BuildAcled(const Record& r, EventBuilder& b) {
  auto begun = b.Begin(r, "event_id_cnty", "event_date", "");
  if (!begun) return;
  Event e = std::move(*begun);
  std::string event_type = r.Text("event_type");
  e.type = AcledType(event_type);
  if (e.type.empty())
    return b.Skip(r, "event_type",
                  event_type.empty() ? "missing" : fmt::format("unknown ACLED type '{}'", event_type));
  std::string actor1 = r.Text("actor1"), actor2 = r.Text("actor2");
  if (actor1.empty()) return b.Skip(r, "actor1", "missing");
  bool targets_civilians = e.type == "violence_against_civilians" ||
                           !r.Text("civilian_targeting").empty();
  std::string id = r.Text("event_id_cnty");
  b.AddActors(&e, actor1, "\x01", targets_civilians ? "perpetrator" : "side_a", id);
  b.AddActors(&e, r.Text("assoc_actor_1"), ";", targets_civilians ? "perpetrator" : "side_a", id);
  b.AddActors(&e, actor2, "\x01", targets_civilians ? "target" : "side_b", id);
  b.AddActors(&e, r.Text("assoc_actor_2"), ";", targets_civilians ? "target" : "side_b", id);
  std::string sub = r.Text("sub_event_type");
  e.title = fmt::format("{}: {}{}", sub.empty() ? event_type : sub, actor1,
                        actor2.empty() ? "" : " vs " + actor2);
  e.place.admin1 = r.Text("admin1");
  e.place.admin2 = r.Text("admin2");
  e.place.city = r.Text("location");
  std::string country = r.Text("country");
  if (!country.empty()) e.place.country = CountryCode(country);
  SetQuantity(&e.killed, r, "fatalities", &Quantity::best, b);
  std::string notes = r.Text("notes"), source = r.Text("source");
  if (!notes.empty() || !source.empty())
    e.claims.front().note = fmt::format("{}{}{}", notes, notes.empty() || source.empty() ? "" : " ",
                                        source.empty() ? "" : "(source: " + source + ")");
  b.Place(r, &e, r.get("latitude"), r.get("longitude"));
  b.Add(std::move(e));
}

StatusOr<std::string> ReadEventFile(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxEventFileBytes)
    return absl::InvalidArgumentError(fmt::format(
        "{}: {} MiB is more than an event file may hold ({} MiB)", path, size >> 20,
        kMaxEventFileBytes >> 20));
  return ReadFile(path);
}

StatusOr<Batch> ParseCsv(std::string_view text, const std::string& path,
                         const EventReadOptions& options, const DatasetStyle& style,
                         const std::vector<std::string_view>& required,
                         const std::function<void(const Record&, EventBuilder&)>& build) {
  if (text.size() > kMaxEventFileBytes)
    return absl::InvalidArgumentError(fmt::format("{}: too large for an event file", path));
  auto rows = ParseRows(std::string(text), path, RowFormat::kCsv);
  if (!rows.ok()) return rows.status();
  std::set<std::string> columns(rows->columns.begin(), rows->columns.end());
  std::string missing;
  for (auto column : required)
    if (!columns.count(std::string(column)))
      missing += fmt::format("{}{}", missing.empty() ? "" : ", ", column);
  if (!missing.empty())
    return InputError({path, 1}, "header",
                      fmt::format("missing column{} {} of {}'s CSV layout",
                                  missing.find(',') == std::string::npos ? "" : "s", missing,
                                  style.party_label));
  EventBuilder builder(path, text, style, options);
  for (const auto& problem : rows->problems) {
    std::string p = problem;
    if (auto at = p.rfind("; row skipped"); at != std::string::npos) p.replace(at, 13, "; event skipped");
    builder.Warn("event_skipped", p);
  }
  for (const auto& row : rows->rows) {
    Record r{fmt::format("{}:{}", path, row.line),
             [&row](std::string_view column) -> std::optional<std::string> {
               auto it = row.values.find(std::string(column));
               if (it == row.values.end()) return std::nullopt;
               return it->second;
             }};
    build(r, builder);
  }
  return builder.Finish();
}

const std::vector<std::string_view> kUcdpRequired = {"id",       "date_start", "date_end",
                                                     "side_a",   "side_b",     "latitude",
                                                     "longitude"};
const std::vector<std::string_view> kAcledRequired = {
    "event_id_cnty", "event_date", "event_type", "actor1", "actor2", "latitude", "longitude",
    "fatalities"};

// The first line of head, lower-cased, without a byte-order mark.
std::string HeaderLine(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  return AsciiLower(std::string(head.substr(0, head.find('\n'))));
}

bool HasColumns(std::string_view head, const std::vector<std::string_view>& columns) {
  std::string header = HeaderLine(head);
  std::set<std::string> names;
  for (auto& name : SplitTrimmed(header, ",")) {
    std::string n = name;
    if (n.size() >= 2 && n.front() == '"' && n.back() == '"') n = n.substr(1, n.size() - 2);
    names.insert(n);
  }
  for (auto c : columns)
    if (!names.count(std::string(c))) return false;
  return true;
}

}  // namespace

StatusOr<Batch> ParseUcdpGeoJson(std::string_view text, const std::string& path,
                                 const EventReadOptions& options) {
  if (text.size() > kMaxEventFileBytes)
    return absl::InvalidArgumentError(fmt::format("{}: too large for an event file", path));
  if (auto bad = FindInvalidUtf8(text))
    return InputError({path, bad->line}, "",
                      fmt::format("invalid UTF-8 (byte 0x{:02x} at column {})", bad->byte,
                                  bad->column));
  Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return absl::InvalidArgumentError(fmt::format("{}: not valid JSON", path));
  if (!doc.is_object() || !doc.contains("type") || doc["type"] != "FeatureCollection" ||
      !doc.contains("features") || !doc["features"].is_array())
    return absl::InvalidArgumentError(
        fmt::format("{}: type: UCDP GeoJSON is a FeatureCollection with a features list", path));
  EventBuilder builder(path, text, kUcdp, options);
  const Json& features = doc["features"];
  for (size_t i = 0; i < features.size(); ++i) {
    const Json& f = features[i];
    std::string where = fmt::format("{}: feature {}", path, i);
    if (!f.is_object() || !f.contains("properties") || !f["properties"].is_object()) {
      builder.Warn("event_skipped",
                   fmt::format("{}: properties: missing; event skipped", where));
      continue;
    }
    const Json& properties = f["properties"];
    Record r{where, [&properties](std::string_view key) -> std::optional<std::string> {
               auto it = properties.find(std::string(key));
               if (it == properties.end() || it->is_null()) return std::nullopt;
               if (it->is_string()) return it->get<std::string>();
               if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
               if (it->is_number()) return fmt::format("{}", it->get<double>());
               if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
               return std::nullopt;
             }};
    std::optional<std::string> latitude = r.get("latitude"), longitude = r.get("longitude");
    if (f.contains("geometry") && f["geometry"].is_object()) {
      const Json& g = f["geometry"];
      if (g.contains("type") && g["type"] == "Point" && g.contains("coordinates") &&
          g["coordinates"].is_array() && g["coordinates"].size() >= 2 &&
          g["coordinates"][0].is_number() && g["coordinates"][1].is_number()) {
        longitude = fmt::format("{}", g["coordinates"][0].get<double>());
        latitude = fmt::format("{}", g["coordinates"][1].get<double>());
      } else if (!latitude) {
        latitude = longitude = "?";  // reported as no coordinates
      }
    }
    BuildUcdp(r, builder, latitude, longitude);
  }
  return builder.Finish();
}

StatusOr<Batch> ReadUcdpGeoJson(const std::string& path, const EventReadOptions& options) {
  auto text = ReadEventFile(path);
  if (!text.ok()) return text.status();
  return ParseUcdpGeoJson(*text, path, options);
}

StatusOr<Batch> ParseUcdpCsv(std::string_view text, const std::string& path,
                             const EventReadOptions& options) {
  return ParseCsv(text, path, options, kUcdp, kUcdpRequired, [](const Record& r, EventBuilder& b) {
    BuildUcdp(r, b, r.get("latitude"), r.get("longitude"));
  });
}

StatusOr<Batch> ReadUcdpCsv(const std::string& path, const EventReadOptions& options) {
  auto text = ReadEventFile(path);
  if (!text.ok()) return text.status();
  return ParseUcdpCsv(*text, path, options);
}

StatusOr<Batch> ParseAcledCsv(std::string_view text, const std::string& path,
                              const EventReadOptions& options) {
  return ParseCsv(text, path, options, kAcled, kAcledRequired, BuildAcled);
}

StatusOr<Batch> ReadAcledCsv(const std::string& path, const EventReadOptions& options) {
  auto text = ReadEventFile(path);
  if (!text.ok()) return text.status();
  return ParseAcledCsv(*text, path, options);
}

bool LooksLikeUcdpGeoJson(std::string_view head) {
  return head.find("\"FeatureCollection\"") != std::string_view::npos &&
         head.find("\"side_a\"") != std::string_view::npos &&
         head.find("\"date_start\"") != std::string_view::npos;
}

bool LooksLikeUcdpCsv(std::string_view head) { return HasColumns(head, kUcdpRequired); }

bool LooksLikeAcledCsv(std::string_view head) { return HasColumns(head, kAcledRequired); }

}  // namespace vigil
