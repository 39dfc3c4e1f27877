// Search results and FtM entities as JSON (search_json.h).
#include "vigil/engine/json/search_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "vigil/base/ascii.h"
#include "vigil/engine/json/internal/params.h"
#include "vigil/engine/json/yente_json.h"
#include "vigil/text/country.h"

namespace vigil {
namespace {

// limit and offset, read the same way for both APIs.
Status Paging(const json_internal::Params& params, SearchRequest* request) {
  int limit = static_cast<int>(request->limit);
  if (auto s = params.Int("limit", &limit); !s.ok()) return s;
  if (limit < 1 || limit > static_cast<int>(kSearchMaxLimit))
    return FieldError("limit", fmt::format("must be a whole number from 1 to {}, got {}",
                                           kSearchMaxLimit, limit));
  request->limit = static_cast<size_t>(limit);
  int offset = 0;
  if (auto s = params.Int("offset", &offset); !s.ok()) return s;
  if (offset < 0 || offset > static_cast<int>(kSearchMaxOffset))
    return FieldError("offset", fmt::format("must be a whole number from 0 to {}, got {}",
                                            kSearchMaxOffset, offset));
  request->offset = static_cast<size_t>(offset);
  return absl::OkStatus();
}

// The request's own check, with "query" reported as the parameter "q".
Status Checked(const SearchRequest& request) {
  Status s = request.Validate();
  if (s.ok() || FieldOf(s) != "query") return s;
  std::string message(s.message());
  if (message.rfind("query: ", 0) == 0) message.erase(0, 7);
  return FieldError("q", message);
}

Json Facet(const char* label, const std::map<std::string, size_t>& counts) {
  std::vector<std::pair<std::string, size_t>> values(counts.begin(), counts.end());
  std::stable_sort(values.begin(), values.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  Json out = Json::array();
  for (const auto& [name, count] : values)
    out.push_back({{"name", name}, {"label", name}, {"count", count}});
  return {{"label", label}, {"values", std::move(out)}};
}

}  // namespace

StatusOr<SearchRequest> SearchRequestFromQuery(const SearchQueryPairs& query) {
  json_internal::Params params(query, {"q", "kind", "dataset", "country", "limit", "offset"});
  if (!params.status().ok()) return params.status();
  SearchRequest request;
  params.Text("q", &request.query);
  params.Text("kind", &request.kind);
  request.datasets = params.All("dataset");
  request.countries = params.All("country");
  if (auto s = Paging(params, &request); !s.ok()) return s;
  if (auto s = Checked(request); !s.ok()) return s;
  return request;
}

Json ToJson(const SearchResult& result) {
  Json results = Json::array();
  for (const auto& e : result.results) {
    Json r = {
        {"id", e.id},
        {"name", e.name},
        {"kind", e.kind},
        {"dataset", e.dataset},
        {"score", e.score},
        {"matched_name",
         {{"text", e.matched_name.text},
          {"type", e.matched_name.type.empty() ? Json(nullptr) : Json(e.matched_name.type)},
          {"script", e.matched_name.script.empty() ? Json(nullptr) : Json(e.matched_name.script)}}},
        {"listed", e.listed}};
    if (e.listed) {
      r["references"] = e.record.references;
      r["programs"] = e.record.programs;
      r["nationalities"] = e.record.nationalities;
      r["birth_dates"] = e.record.birth_dates;
      r["linked"] = e.record.linked.empty() ? Json(nullptr) : Json(e.record.linked);
    }
    results.push_back(std::move(r));
  }
  Json lists = Json::array();
  for (const auto& l : result.lists)
    lists.push_back(
        {{"dataset", l.dataset}, {"version", l.version}, {"publish_date", l.publish_date}});
  return {{"query", result.query},   {"total", result.total},     {"limit", result.limit},
          {"offset", result.offset}, {"lists", std::move(lists)}, {"results", std::move(results)}};
}

StatusOr<SearchRequest> YenteSearchFromQuery(const std::string& dataset,
                                             const SearchQueryPairs& query,
                                             const std::vector<std::string>& known_datasets) {
  json_internal::Params params(
      query, {"q", "schema", "countries", "limit", "offset", "include_dataset", "exclude_dataset",
              "topics", "datasets", "fuzzy", "simple", "facets", "filter", "sort", "target",
              "changed_since", "exclude_schema", "exclude_entity_ids"});
  if (!params.status().ok()) return params.status();
  auto known = [&](const std::string& name, std::string_view field) -> Status {
    if (std::find(known_datasets.begin(), known_datasets.end(), name) != known_datasets.end())
      return absl::OkStatus();
    return absl::NotFoundError(
        fmt::format("{}: no dataset '{}' (GET /catalog lists them)", field, name));
  };
  SearchRequest request;
  params.Text("q", &request.query);
  std::string schema = "Thing";
  params.Text("schema", &schema);
  if (schema == "Person")
    request.kind = "person";
  else if (schema == "Organization" || schema == "Company" || schema == "PublicBody")
    request.kind = "organization";
  else if (schema == "LegalEntity" || schema == "Thing")
    request.kind = "any";
  else
    return FieldError("schema", fmt::format("'{}' cannot be searched: vigil holds Person, "
                                            "Organization, Company, PublicBody, LegalEntity and "
                                            "Thing",
                                            schema));
  request.countries = params.All("countries");
  // The datasets a result may come from: the path's, narrowed by
  // include_dataset, less exclude_dataset.
  std::vector<std::string> datasets;
  if (dataset != "default") {
    if (auto s = known(dataset, "dataset"); !s.ok()) return s;
    datasets.push_back(dataset);
  }
  std::vector<std::string> include = params.All("include_dataset");
  for (const auto& name : include)
    if (auto s = known(name, "include_dataset"); !s.ok()) return s;
  std::vector<std::string> exclude = params.All("exclude_dataset");
  for (const auto& name : exclude)
    if (auto s = known(name, "exclude_dataset"); !s.ok()) return s;
  if (!include.empty() || !exclude.empty()) {
    std::vector<std::string> base = datasets.empty() ? known_datasets : datasets;
    datasets.clear();
    for (const auto& d : base) {
      bool in = include.empty() || std::find(include.begin(), include.end(), d) != include.end();
      bool out = std::find(exclude.begin(), exclude.end(), d) != exclude.end();
      if (in && !out) datasets.push_back(d);
    }
    if (datasets.empty())
      return FieldError(include.empty() ? "exclude_dataset" : "include_dataset",
                        "leaves no dataset to search");
  }
  request.datasets = std::move(datasets);
  if (auto s = Paging(params, &request); !s.ok()) return s;
  if (auto s = Checked(request); !s.ok()) return s;
  return request;
}

Json YenteEntity(const ScreenHit& record, const std::vector<match::ListVersion>& lists) {
  Json entity = YenteResult(record, 1.0, lists);
  for (const char* scored : {"score", "match", "features", "explanations"}) entity.erase(scored);
  return entity;
}

Json YenteEntity(const SearchEntry& entry, const std::vector<match::ListVersion>& lists) {
  if (entry.listed) return YenteEntity(entry.record, lists);
  Json properties = {{"name", Json::array({entry.name})}};
  if (!entry.matched_name.text.empty() && entry.matched_name.text != entry.name)
    properties["alias"] = Json::array({entry.matched_name.text});
  return {{"id", entry.id},
          {"caption", entry.name},
          {"schema", FtmSchemaOf(entry.kind)},
          {"properties", std::move(properties)},
          {"datasets", Json::array({entry.dataset})},
          {"referents", Json::array()},
          {"target", false},
          {"first_seen", nullptr},
          {"last_seen", nullptr},
          {"last_change", nullptr}};
}

Json YenteEntity(const EntityCard& card) {
  Json properties = Json::object();
  auto add = [&](const char* property, const std::string& value) {
    if (value.empty()) return;
    Json& values = properties[property];
    if (values.is_null()) values = Json::array();
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  };
  add("name", card.entity.name);
  for (const auto& n : card.names)
    if (n.text != card.entity.name) add(n.kind == "weak_alias" ? "weakAlias" : "alias", n.text);
  add("notes", card.description);
  if (card.reference) add("authorityId", *card.reference);
  for (const auto& d : card.designations) add("program", d.program);
  if (!card.designations.empty()) add("topics", "sanction");
  Json referents = Json::array();
  for (const auto& l : card.linked) referents.push_back(l.link.other.id);
  return {{"id", card.entity.id},
          {"caption", card.entity.name},
          {"schema", FtmSchemaOf(card.entity.kind)},
          {"properties", std::move(properties)},
          {"datasets", Json::array({card.dataset})},
          {"referents", std::move(referents)},
          {"target", !card.designations.empty()},
          {"first_seen", nullptr},
          {"last_seen", nullptr},
          {"last_change", nullptr}};
}

Json YenteSearchResponse(const SearchResult& result) {
  Json results = Json::array();
  for (const auto& e : result.results) results.push_back(YenteEntity(e, result.lists));
  std::map<std::string, size_t> countries, datasets, schemata;
  for (const auto& e : result.all) {
    for (const auto& c : e.record.nationalities) ++countries[AsciiLower(c)];
    ++datasets[e.dataset];
    ++schemata[FtmSchemaOf(e.kind)];
  }
  return {{"results", std::move(results)},
          {"facets",
           {{"countries", Facet("Countries", countries)},
            {"datasets", Facet("Data sources", datasets)},
            {"schema", Facet("Entity types", schemata)}}},
          {"total", {{"value", result.total}, {"relation", "eq"}}},
          {"limit", result.limit},
          {"offset", result.offset}};
}

}  // namespace vigil
