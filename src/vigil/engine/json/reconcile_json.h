// The OpenRefine reconciliation API (W3C Reconciliation Service API 0.2, the
// version OpenRefine speaks) over vigil's screening: the service manifest,
// reconciliation queries and their candidates, entity suggestions, previews
// and data extension (docs/api.md, "OpenRefine reconciliation").
//
//   auto queries = ParseReconcileQueries(Json::parse(form["queries"]));
//   for (auto& q : *queries) answers[q.key] = ReconcileCandidates(q, *engine.Screen(q.request));
//
// Candidates' scores are on OpenRefine's scale, 0 to 100 (vigil's score
// times 100); `match` is true only for a clear top hit (IsClearMatch in
// engine/search.h), which OpenRefine then accepts without asking.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/entity_card.h"
#include "vigil/engine/screening.h"
#include "vigil/engine/search.h"

namespace vigil {

using Json = nlohmann::ordered_json;

inline constexpr size_t kReconcileDefaultLimit = 5;
inline constexpr size_t kReconcileMaxLimit = 100;
inline constexpr size_t kReconcileMaxQueries = 1000;
inline constexpr double kReconcileCutoff = 0.5;  // lowest score a candidate may have

struct ReconcileQuery {
  std::string key;        // the client's name for it ("q0")
  ScreenRequest request;  // name, birth date, country, kind; top = the query's limit
  // The name has no letter or digit (an empty cell): answered with no
  // candidates rather than an error that would fail the whole batch.
  bool empty = false;
};

// {"q0": {"query", "type"?, "type_strict"?, "limit"?, "properties"?: [{"pid",
// "v"}]}}. Types: Person, Organization, Company, PublicBody, LegalEntity,
// Thing. Properties: birthDate (or dob), nationality, country, citizenship;
// a value may be a string, a number, {"id"} or a list of them, the first
// counts; one vigil cannot read as a date or a country is left out.
// Field errors name the query ("queries.q0.type").
StatusOr<std::vector<ReconcileQuery>> ParseReconcileQueries(const Json& queries);

// {"result": [{"id", "name", "description", "score", "match", "type":
// [{"id", "name"}], "features"}]}, best first.
Json ReconcileCandidates(const ScreenResponse& response);

// The service manifest. base_url: "http://host:port" as the client reached
// the server; key_parameter: "" or "api_key=..." to carry in the URLs the
// client follows (preview, view, suggest, properties).
Json ReconcileManifest(const std::string& base_url, const std::string& key_parameter);

// {"result": [{"id", "name", "description"}]}.
Json ReconcileSuggestions(const std::vector<NameSuggestion>& suggestions);

// The properties extend can fetch, for a type ("" for any):
// {"type", "properties": [{"id", "name"}]}, at most limit.
Json ReconcileProperties(const std::string& type, size_t limit);

struct ReconcileExtend {
  std::vector<std::string> ids;
  std::vector<std::string> properties;  // ids of ReconcileProperties()'s
};
// {"ids": [...], "properties": [{"id"}]}; unknown properties are field
// errors ("extend.properties[1].id").
StatusOr<ReconcileExtend> ParseReconcileExtend(const Json& body);
// {"meta": [{"id", "name"}], "rows": {id: {property: [{"str"} | {"date"}]}}};
// records: the listed records found for the ids (an id without one gets
// empty values).
Json ReconcileExtendResponse(const ReconcileExtend& extend, const std::vector<ScreenHit>& records);

// A small HTML card of a listed record, or of a knowledge-base entity, for
// OpenRefine's preview pane, every value escaped.
std::string ReconcilePreviewHtml(const ScreenHit& record);
std::string ReconcilePreviewHtml(const EntityCard& card);

}  // namespace vigil
