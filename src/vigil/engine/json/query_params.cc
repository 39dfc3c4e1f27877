// Query-string parameters into typed options (query_params.h).
#include "vigil/engine/json/query_params.h"

#include <fmt/format.h>

#include <initializer_list>
#include <string_view>

#include "vigil/engine/json/internal/params.h"

namespace vigil {
namespace {

using json_internal::Params;

constexpr std::string_view kViewParameters[] = {"as_of",          "during", "predicate",
                                                "min_confidence", "party",  "directed"};

// The names of a request's own parameters, and the graph view's.
std::vector<std::string_view> WithView(std::vector<std::string_view> names) {
  names.insert(names.end(), std::begin(kViewParameters), std::end(kViewParameters));
  return names;
}

Status FirstError(std::initializer_list<Status> statuses) {
  for (const auto& s : statuses)
    if (!s.ok()) return s;
  return absl::OkStatus();
}

Status ReadView(const Params& p, GraphViewOptions* view) {
  p.Text("as_of", &view->as_of);
  p.Text("during", &view->during);
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
  Params p(query, WithView({}));
  if (!p.status().ok()) return p.status();
  GraphViewOptions view;
  if (auto s = ReadView(p, &view); !s.ok()) return s;
  return view;
}

StatusOr<ExposureOptions> ExposureOptionsFromQuery(const QueryPairs& query) {
  Params p(query, WithView({"max_hops", "paths", "authority", "top"}));
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
  Params p(query, WithView({"k"}));
  if (!p.status().ok()) return p.status();
  PathsOptions options;
  if (auto s = ReadView(p, &options.view); !s.ok()) return s;
  if (auto s = p.Int("k", &options.k); !s.ok()) return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<NeighbourhoodOptions> NeighbourhoodOptionsFromQuery(const QueryPairs& query) {
  Params p(query, WithView({"focus", "depth", "limit", "claims"}));
  if (!p.status().ok()) return p.status();
  NeighbourhoodOptions options;
  if (auto s = ReadView(p, &options.view); !s.ok()) return s;
  options.focus = p.All("focus");
  if (auto s = FirstError({p.Int("depth", &options.depth), p.Int("limit", &options.limit),
                           p.Bool("claims", &options.claims)});
      !s.ok())
    return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<RankOptions> RankOptionsFromQuery(const QueryPairs& query, GraphViewOptions* view) {
  Params p(query, WithView({"measure", "top", "weighted", "raw"}));
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
  Params p(query, WithView({"resolution", "weighted", "seed", "runs"}));
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
  Params p(query, WithView({"k"}));
  if (!p.status().ok()) return p.status();
  if (auto s = ReadView(p, view); !s.ok()) return s;
  KeyPlayerOptions options;
  if (auto s = p.Int("k", &options.k); !s.ok()) return s;
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<ListRequest> ListRequestFromQuery(const std::string& what, const QueryPairs& query) {
  Params p(query, {"kind", "predicate", "as_of", "during"});
  if (!p.status().ok()) return p.status();
  auto table = ParseListTable(what);
  if (!table.ok()) return table.status();
  ListRequest request;
  request.what = *table;
  p.Text("kind", &request.kind);
  p.Text("predicate", &request.predicate);
  p.Text("as_of", &request.as_of);
  p.Text("during", &request.during);
  if (auto s = request.Validate(); !s.ok()) return s;
  return request;
}

StatusOr<EventQuery> EventQueryFromQuery(const QueryPairs& query) {
  Params p(query,
           {"actor", "from", "to", "place", "kind", "as_of", "during", "party", "links"});
  if (!p.status().ok()) return p.status();
  EventQuery q;
  p.Text("actor", &q.actor);
  p.Text("from", &q.from);
  p.Text("to", &q.to);
  p.Text("place", &q.place);
  p.Text("kind", &q.kind);
  p.Text("as_of", &q.as_of);
  p.Text("during", &q.during);
  q.party = p.All("party");
  if (auto s = p.Bool("links", &q.links); !s.ok()) return s;
  if (auto s = q.Validate(); !s.ok()) return s;
  return q;
}

StatusOr<ActivityQuery> ActivityQueryFromQuery(const std::string& name, const QueryPairs& query) {
  Params p(query, {"by", "by_place", "from", "to", "as_of", "during", "party"});
  if (!p.status().ok()) return p.status();
  ActivityQuery q;
  q.name = name;
  p.Text("by", &q.by);
  p.Text("from", &q.from);
  p.Text("to", &q.to);
  p.Text("as_of", &q.as_of);
  p.Text("during", &q.during);
  q.party = p.All("party");
  if (auto s = p.Bool("by_place", &q.by_place); !s.ok()) return s;
  if (auto s = q.Validate(); !s.ok()) return s;
  return q;
}

StatusOr<ReviewRequest> ReviewRequestFromQuery(const QueryPairs& query) {
  Params p(query, {"source", "status"});
  if (!p.status().ok()) return p.status();
  ReviewRequest request;
  p.Text("source", &request.source);
  p.Text("status", &request.status);
  if (auto s = request.Validate(); !s.ok()) return s;
  return request;
}

StatusOr<ShowOptions> ShowOptionsFromQuery(const QueryPairs& query) {
  Params p(query, {"as_of", "during"});
  if (!p.status().ok()) return p.status();
  ShowOptions options;
  p.Text("as_of", &options.as_of);
  p.Text("during", &options.during);
  if (auto s = options.Validate(); !s.ok()) return s;
  return options;
}

StatusOr<SourceRequest> SourceRequestFromQuery(const std::string& id, const QueryPairs& query) {
  Params p(query, {"limit", "offset"});
  if (!p.status().ok()) return p.status();
  SourceRequest request;
  request.id = id;
  int limit = static_cast<int>(request.limit), offset = 0;
  if (auto s = p.Int("limit", &limit); !s.ok()) return s;
  if (limit < 1)
    return FieldError("limit", fmt::format("must be a whole number from 1 to {}, got {}",
                                           kSourceClaimsMaxLimit, limit));
  if (auto s = p.Int("offset", &offset); !s.ok()) return s;
  if (offset < 0) return FieldError("offset", fmt::format("must be 0 or more, got {}", offset));
  request.limit = static_cast<size_t>(limit);
  request.offset = static_cast<size_t>(offset);
  if (auto s = request.Validate(); !s.ok()) return s;
  return request;
}

}  // namespace vigil
