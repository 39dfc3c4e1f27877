// Query-string parameters into typed options (query_params.h).
#include "vigil/engine/json/query_params.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string_view>

namespace vigil {
namespace {

constexpr std::string_view kViewParameters[] = {"as_of", "predicate", "min_confidence", "party",
                                                "directed"};

// Reads the pairs; every parameter must be one of the view's or of extra.
class Params {
 public:
  Params(const QueryPairs& query, std::initializer_list<std::string_view> extra, bool view)
      : query_(query) {
    for (const auto& [key, value] : query) {
      bool known = false;
      for (auto k : extra) known = known || k == key;
      if (view)
        for (auto k : kViewParameters) known = known || k == key;
      if (!known && status_.ok()) {
        std::vector<std::string_view> all(extra);
        if (view) all.insert(all.end(), std::begin(kViewParameters), std::end(kViewParameters));
        status_ = FieldError(key, all.empty() ? std::string("takes no parameters")
                                              : fmt::format("unknown parameter (expected: {})",
                                                            fmt::join(all, ", ")));
      }
    }
  }
  const Status& status() const { return status_; }

  const std::string* First(std::string_view key) const {
    for (const auto& [k, v] : query_)
      if (k == key) return &v;
    return nullptr;
  }
  // Every value, repeated or comma-separated.
  std::vector<std::string> All(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : query_) {
      if (k != key) continue;
      size_t start = 0;
      while (start <= v.size()) {
        size_t comma = v.find(',', start);
        if (comma == std::string::npos) comma = v.size();
        if (comma > start) out.push_back(v.substr(start, comma - start));
        start = comma + 1;
      }
    }
    return out;
  }
  void Text(std::string_view key, std::string* out) const {
    if (const auto* v = First(key)) *out = *v;
  }
  Status Int(std::string_view key, int* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    int value = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || end != v->data() + v->size())
      return FieldError(key, fmt::format("must be a whole number, got '{}'", *v));
    *out = value;
    return absl::OkStatus();
  }
  Status Unsigned(std::string_view key, uint64_t* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    uint64_t value = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || end != v->data() + v->size())
      return FieldError(key, fmt::format("must be a whole number, got '{}'", *v));
    *out = value;
    return absl::OkStatus();
  }
  Status Number(std::string_view key, double* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    double value = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), value);
    if (ec != std::errc() || end != v->data() + v->size() || !std::isfinite(value))
      return FieldError(key, fmt::format("must be a number, got '{}'", *v));
    *out = value;
    return absl::OkStatus();
  }
  Status Bool(std::string_view key, bool* out) const {
    const auto* v = First(key);
    if (!v) return absl::OkStatus();
    if (*v == "true" || *v == "1" || v->empty()) {
      *out = true;
    } else if (*v == "false" || *v == "0") {
      *out = false;
    } else {
      return FieldError(key, fmt::format("must be true or false, got '{}'", *v));
    }
    return absl::OkStatus();
  }

 private:
  const QueryPairs& query_;
  Status status_;
};

Status FirstError(std::initializer_list<Status> statuses) {
  for (const auto& s : statuses)
    if (!s.ok()) return s;
  return absl::OkStatus();
}

Status ReadView(const Params& p, GraphViewOptions* view) {
  p.Text("as_of", &view->as_of);
  view->predicate = p.All("predicate");
  view->party = p.All("party");
  if (auto s = FirstError({p.Number("min_confidence", &view->min_confidence),
                           p.Bool("directed", &view->directed)});
      !s.ok())
    return s;
  return view->Validate();
}

}  // namespace

StatusOr<GraphViewOptions> GraphViewFromQuery(const QueryPairs& query) {
  Params p(query, {}, true);
  if (!p.status().ok()) return p.status();
  GraphViewOptions view;
  if (auto s = ReadView(p, &view); !s.ok()) return s;
  return view;
}

StatusOr<ExposureOptions> ExposureOptionsFromQuery(const QueryPairs& query) {
  Params p(query, {"max_hops", "paths", "authority", "top"}, true);
  if (!p.status().ok()) return p.status();
  ExposureOptions options;
  if (auto s = ReadView(p, &options.view); !s.ok()) return s;
  options.authority = p.All("authority");
  if (auto s = FirstError({p.Int("max_hops", &options.max_hops), p.Int("paths", &options.paths),
                           p.Int("top", &options.top)});
      !s.ok())
    return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<PathsOptions> PathsOptionsFromQuery(const QueryPairs& query) {
  Params p(query, {"k"}, true);
  if (!p.status().ok()) return p.status();
  PathsOptions options;
  if (auto s = ReadView(p, &options.view); !s.ok()) return s;
  if (auto s = p.Int("k", &options.k); !s.ok()) return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<RankOptions> RankOptionsFromQuery(const QueryPairs& query, GraphViewOptions* view) {
  Params p(query, {"measure", "top", "weighted", "raw"}, true);
  if (!p.status().ok()) return p.status();
  if (auto s = ReadView(p, view); !s.ok()) return s;
  RankOptions options;
  if (const auto* m = p.First("measure")) {
    auto measure = ParseMeasure(*m);
    if (!measure.ok()) return measure.status();
    options.measure = *measure;
  }
  if (auto s = FirstError({p.Int("top", &options.top), p.Bool("weighted", &options.weighted),
                           p.Bool("raw", &options.raw)});
      !s.ok())
    return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<CommunityOptions> CommunityOptionsFromQuery(const QueryPairs& query,
                                                     GraphViewOptions* view) {
  Params p(query, {"resolution", "weighted", "seed", "runs"}, true);
  if (!p.status().ok()) return p.status();
  if (auto s = ReadView(p, view); !s.ok()) return s;
  CommunityOptions options;
  if (auto s = FirstError({p.Number("resolution", &options.resolution),
                           p.Bool("weighted", &options.weighted),
                           p.Unsigned("seed", &options.seed), p.Int("runs", &options.runs)});
      !s.ok())
    return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<KeyPlayerOptions> KeyPlayerOptionsFromQuery(const QueryPairs& query,
                                                     GraphViewOptions* view) {
  Params p(query, {"k"}, true);
  if (!p.status().ok()) return p.status();
  if (auto s = ReadView(p, view); !s.ok()) return s;
  KeyPlayerOptions options;
  if (auto s = p.Int("k", &options.k); !s.ok()) return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<ListRequest> ListRequestFromQuery(const std::string& what, const QueryPairs& query) {
  Params p(query, {"kind", "predicate", "as_of"}, false);
  if (!p.status().ok()) return p.status();
  auto table = ParseListTable(what);
  if (!table.ok()) return table.status();
  ListRequest request;
  request.what = *table;
  p.Text("kind", &request.kind);
  p.Text("predicate", &request.predicate);
  p.Text("as_of", &request.as_of);
  if (auto s = request.Validate(); !s.ok()) return s;
  return request;
}

}  // namespace vigil
