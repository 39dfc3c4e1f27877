// yente's matching API on vigil's screening (yente_json.h).
#include "vigil/engine/json/yente_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "vigil/engine/json/monitoring_json.h"
#include "vigil/engine/json/internal/params.h"
#include "vigil/match/name_scorer.h"

namespace vigil {
namespace {

// The FtM properties whose values are names of the entity.
constexpr const char* kNameProperties[] = {"name",      "alias",     "weakAlias", "previousName",
                                           "firstName", "lastName",  "middleName",
                                           "fatherName"};
constexpr const char* kDateProperties[] = {"birthDate", "incorporationDate"};
constexpr const char* kCountryProperties[] = {"nationality", "citizenship", "country",
                                              "jurisdiction"};

// A property's values: a string or a list of strings (yente takes both).
StatusOr<std::vector<std::string>> Values(const Json& properties, const char* name,
                                          const std::string& where) {
  std::vector<std::string> out;
  auto found = properties.find(name);
  if (found == properties.end() || found->is_null()) return out;
  auto add = [&](const Json& v) -> Status {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
      return absl::OkStatus();
    }
    if (v.is_number()) {
      out.push_back(v.dump());
      return absl::OkStatus();
    }
    return FieldError(where + "." + name, "values must be strings");
  };
  if (found->is_array()) {
    for (const auto& v : *found)
      if (auto s = add(v); !s.ok()) return s;
  } else if (auto s = add(*found); !s.ok()) {
    return s;
  }
  return out;
}

// The kind vigil screens as for an FtM schema; "" for one that names no
// person or organisation.
std::optional<std::string> KindOfSchema(const std::string& schema) {
  static const std::unordered_map<std::string, std::string> kinds = {
      {"Person", "person"},         {"Organization", "organization"},
      {"Company", "organization"},  {"PublicBody", "organization"},
      {"LegalEntity", "any"},       {"Thing", "any"},
  };
  auto found = kinds.find(schema);
  if (found == kinds.end()) return std::nullopt;
  return found->second;
}

bool Allowed(const YenteMatch& match, const std::string& dataset) {
  if (!match.datasets.empty() &&
      std::find(match.datasets.begin(), match.datasets.end(), dataset) == match.datasets.end())
    return false;
  return std::find(match.excluded.begin(), match.excluded.end(), dataset) == match.excluded.end();
}

// "Sirajuddin~Serajuddin (phonetic, 0.93)".
std::string PairsInWords(const match::NameComparison& c) {
  std::string out;
  for (const auto& p : c.pairs) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{} ~ {} ({}, {:.2f})", p.query, p.candidate, match::MethodName(p.method),
                       p.similarity);
  }
  for (const auto& q : c.unmatched_query)
    out += fmt::format("{}{} unmatched in the query", out.empty() ? "" : "; ", q);
  for (const auto& q : c.unmatched_candidate)
    out += fmt::format("{}{} unmatched in the listed name", out.empty() ? "" : "; ", q);
  return out;
}

std::string CountryLower(std::string code) {
  for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return code;
}

}  // namespace

std::string FtmSchemaOf(std::string_view entity_kind) {
  if (entity_kind == "person") return "Person";
  if (entity_kind == "organization" || entity_kind == "group" || entity_kind == "faction")
    return "Organization";
  if (entity_kind == "government_body") return "PublicBody";
  return "LegalEntity";
}

StatusOr<YenteMatch> ParseYenteMatch(const Json& body, const std::string& dataset,
                                     const YenteQueryPairs& query,
                                     const std::vector<std::string>& known_datasets) {
  json_internal::Params params(
      query, {"threshold", "cutoff", "limit", "include_dataset", "exclude_dataset", "algorithm",
              "topics", "changed_since", "exclude_schema", "exclude_entity_ids"});
  if (!params.status().ok()) return params.status();
  YenteMatch match;
  auto fraction = [&](const char* field, double* value) -> Status {
    if (auto s = params.Number(field, value); !s.ok()) return s;
    if (*value < 0 || *value > 1)
      return FieldError(field, fmt::format("must be a number between 0 and 1, got {}", *value));
    return absl::OkStatus();
  };
  if (auto s = fraction("threshold", &match.threshold); !s.ok()) return s;
  match.cutoff = std::min(kYenteCutoff, match.threshold);  // unless given
  if (auto s = fraction("cutoff", &match.cutoff); !s.ok()) return s;
  int limit = static_cast<int>(kYenteLimit);
  if (auto s = params.Int("limit", &limit); !s.ok()) return s;
  if (limit < 1 || limit > static_cast<int>(kYenteMaxLimit))
    return FieldError("limit", fmt::format("must be a whole number from 1 to {}, got {}",
                                           kYenteMaxLimit, limit));
  match.limit = static_cast<size_t>(limit);
  const std::vector<std::string> include = params.All("include_dataset");
  auto known = [&](const std::string& name, std::string_view field) -> Status {
    if (std::find(known_datasets.begin(), known_datasets.end(), name) != known_datasets.end())
      return absl::OkStatus();
    return absl::NotFoundError(fmt::format("{}: no dataset '{}' (GET /catalog lists them)", field, name));
  };
  if (dataset != "default") {
    if (auto s = known(dataset, "dataset"); !s.ok()) return s;
    match.datasets.push_back(dataset);
  }
  for (const auto& name : include) {
    if (auto s = known(name, "include_dataset"); !s.ok()) return s;
    if (dataset == "default" || name == dataset) match.datasets.push_back(name);
  }
  if (!include.empty() && match.datasets.empty())
    return FieldError("include_dataset", "names no dataset inside the path's dataset");
  for (const auto& name : params.All("exclude_dataset")) {
    if (auto s = known(name, "exclude_dataset"); !s.ok()) return s;
    match.excluded.push_back(name);
  }

  if (!body.is_object() || !body.contains("queries") || !body["queries"].is_object())
    return FieldError("queries", "the body must be {\"queries\": {\"q1\": {\"schema\", \"properties\"}}}");
  const Json& queries = body["queries"];
  if (queries.empty()) return FieldError("queries", "at least one query is required");
  if (queries.size() > kYenteMaxQueries)
    return FieldError("queries", fmt::format("at most {} queries in one request, got {}",
                                             kYenteMaxQueries, queries.size()));
  for (const auto& [key, example] : queries.items()) {
    std::string where = "queries." + key;
    if (!example.is_object()) return FieldError(where, "a query must be an object");
    YenteQuery query;
    query.key = key;
    query.example = example;
    query.schema = example.value("schema", "");
    if (!example.contains("schema") || !example["schema"].is_string())
      return FieldError(where + ".schema", "a schema is required (Person, Organization, LegalEntity...)");
    auto kind = KindOfSchema(query.schema);
    if (!kind)
      return FieldError(where + ".schema",
                        fmt::format("'{}' cannot be screened: vigil screens Person, Organization, "
                                    "Company, PublicBody, LegalEntity and Thing",
                                    query.schema));
    if (!example.contains("properties") || !example["properties"].is_object())
      return FieldError(where + ".properties", "an object of properties is required");
    const Json& properties = example["properties"];
    std::string prop_where = where + ".properties";
    std::vector<std::string> names, dates, countries;
    for (const char* p : kNameProperties) {
      auto v = Values(properties, p, prop_where);
      if (!v.ok()) return v.status();
      for (auto& n : *v)
        if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(std::move(n));
    }
    for (const char* p : kDateProperties) {
      auto v = Values(properties, p, prop_where);
      if (!v.ok()) return v.status();
      dates.insert(dates.end(), v->begin(), v->end());
    }
    for (const char* p : kCountryProperties) {
      auto v = Values(properties, p, prop_where);
      if (!v.ok()) return v.status();
      countries.insert(countries.end(), v->begin(), v->end());
    }
    if (names.empty()) return FieldError(prop_where + ".name", "at least one name is required");
    if (names.size() > 50)
      return FieldError(prop_where + ".name", fmt::format("at most 50 names, got {}", names.size()));
    for (size_t i = 0; i < names.size(); ++i) {
      ScreenRequest r;
      r.name = names[i];
      if (!dates.empty()) r.dob = dates.front();
      if (!countries.empty()) r.country = countries.front();
      r.kind = *kind;
      r.threshold = match.cutoff;
      // Results outside the datasets asked for are dropped after screening:
      // ask for more so that the limit can still be filled.
      r.top = match.datasets.empty() && match.excluded.empty()
                  ? match.limit
                  : std::min<size_t>(match::kMaxTop, match.limit * 20);
      if (auto s = r.Validate(); !s.ok()) {
        std::string field = FieldOf(s);
        std::string property = field == "name" ? "name" : field == "dob" ? "birthDate" : field;
        std::string message(s.message());
        if (message.rfind(field + ": ", 0) == 0) message.erase(0, field.size() + 2);
        return FieldError(prop_where + "." + property, message);
      }
      query.requests.push_back(std::move(r));
    }
    match.queries.push_back(std::move(query));
  }
  return match;
}

std::vector<ScreenHit> MergeYenteHits(const YenteMatch& match,
                                      const std::vector<ScreenResponse>& answers) {
  std::vector<ScreenHit> merged;
  std::unordered_map<std::string, size_t> at;
  for (const auto& answer : answers)
    for (const auto& hit : answer.hits) {
      if (hit.score < match.cutoff || !Allowed(match, hit.dataset)) continue;
      auto [it, fresh] = at.emplace(hit.entity, merged.size());
      if (fresh)
        merged.push_back(hit);
      else if (hit.rank_score > merged[it->second].rank_score)
        merged[it->second] = hit;
    }
  std::stable_sort(merged.begin(), merged.end(), [](const ScreenHit& a, const ScreenHit& b) {
    if (a.rank_score != b.rank_score) return a.rank_score > b.rank_score;
    return a.entity < b.entity;
  });
  return merged;
}

Json YenteResult(const ScreenHit& hit, double threshold,
                 const std::vector<match::ListVersion>& lists) {
  Json properties = Json::object();
  auto add = [&](const char* property, const std::string& value) {
    if (value.empty()) return;
    Json& values = properties[property];
    if (values.is_null()) values = Json::array();
    if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
  };
  add("name", hit.name);
  for (const auto& n : hit.names) {
    if (n.text == hit.name) continue;
    add(n.type == "weak_alias" ? "weakAlias" : "alias", n.text);
  }
  for (const auto& d : hit.birth_dates) add(hit.kind == "person" ? "birthDate" : "incorporationDate", d);
  for (const auto& c : hit.nationalities) add(hit.kind == "person" ? "nationality" : "country", CountryLower(c));
  for (const auto& p : hit.programs) add("program", p);
  for (const auto& r : hit.references) add("authorityId", r);
  add("topics", "sanction");

  std::optional<std::string> last_change;
  for (const auto& l : lists)
    if (l.dataset == hit.dataset && !l.publish_date.empty()) last_change = l.publish_date;

  Json features = Json::object();
  Json explanations = Json::object();
  features["name"] = hit.name_score;
  explanations["name"] = {{"score", hit.name_score},
                          {"detail", fmt::format("'{}' ({}) met: {}", hit.matched_name.text,
                                                 hit.matched_name.type,
                                                 PairsInWords(hit.comparison))}};
  for (const auto& e : hit.evidence) {
    features[e.kind] = e.effect;
    explanations[e.kind] = {{"score", e.effect}, {"detail", e.detail}};
  }
  Json referents = Json::array();
  if (!hit.linked.empty()) referents.push_back(hit.linked);
  Json out = {{"id", hit.entity},
              {"caption", hit.name},
              {"schema", FtmSchemaOf(hit.kind)},
              {"properties", std::move(properties)},
              {"datasets", Json::array({hit.dataset})},
              {"referents", std::move(referents)},
              {"target", true},
              {"first_seen", nullptr},
              {"last_seen", nullptr},
              {"last_change", last_change ? Json(*last_change) : Json(nullptr)},
              {"score", hit.score},
              {"match", hit.score >= threshold},
              {"features", std::move(features)},
              {"explanations", std::move(explanations)}};
  // vigil's own additions, under a key yente clients ignore: the score that
  // ranks hits without saturating at 1.0, and decision memory.
  Json& vigil = out["vigil"];
  vigil["rank_score"] = hit.rank_score;
  if (!hit.decisions.empty()) {
    Json decisions = Json::array();
    for (const auto& d : hit.decisions) decisions.push_back(HitDecisionJson(d));
    vigil["decisions"] = std::move(decisions);
  }
  return out;
}

Json YenteMatchResponse(const YenteMatch& match, const std::vector<std::vector<ScreenHit>>& merged,
                        const std::vector<match::ListVersion>& lists) {
  Json responses = Json::object();
  for (size_t i = 0; i < match.queries.size(); ++i) {
    const auto& hits = merged[i];
    Json results = Json::array();
    for (size_t k = 0; k < hits.size() && k < match.limit; ++k)
      results.push_back(YenteResult(hits[k], match.threshold, lists));
    responses[match.queries[i].key] = {{"status", 200},
                                       {"results", std::move(results)},
                                       {"total", {{"value", hits.size()}, {"relation", "eq"}}},
                                       {"query", match.queries[i].example}};
  }
  // The same for every response: built once.
  static const Json matcher = {
      {"name", {{"description", "vigil's name comparison: each part of the query's name joined to "
                                "a part of the listed name, exactly, by transliteration, phonetic "
                                "or consonant skeleton, or by edit distance, weighted by how rare "
                                "the part is (docs/screening.md)"},
                {"coefficient", 1.0},
                {"url", "docs/screening.md"}}},
      {"birth_date", {{"description", "added when the birth dates agree, removed when they "
                                      "contradict each other"},
                      {"coefficient", 1.0},
                      {"url", "docs/screening.md"}}},
      {"country", {{"description", "added or removed as the nationalities agree or differ"},
                   {"coefficient", 1.0},
                   {"url", "docs/screening.md"}}},
      {"weak_alias", {{"description", "a match on a weak alias only counts for less"},
                      {"coefficient", 1.0},
                      {"url", "docs/screening.md"}}},
  };
  return {{"responses", std::move(responses)}, {"matcher", matcher}, {"limit", match.limit}};
}

Json YenteCatalog(const std::vector<match::ListVersion>& lists) {
  Json datasets = Json::array();
  Json children = Json::array();
  Json current = Json::array();
  for (const auto& l : lists) {
    std::string version = l.publish_date.empty() ? l.version : l.publish_date;
    datasets.push_back({{"name", l.dataset},
                        {"title", l.dataset},
                        {"summary", fmt::format("{} ({} designated records)", l.kind, l.records)},
                        {"load", true},
                        {"version", version},
                        {"index_version", l.sha256.empty() ? version : l.sha256.substr(0, 16)},
                        {"index_current", true},
                        {"children", Json::array()},
                        {"records", l.records}});
    children.push_back(l.dataset);
    current.push_back(l.dataset);
  }
  datasets.push_back({{"name", "default"},
                      {"title", "Every list and the curated knowledge base"},
                      {"summary", "all datasets vigil screens against"},
                      {"load", true},
                      {"version", ""},
                      {"index_version", ""},
                      {"index_current", true},
                      {"children", children}});
  current.push_back("default");
  return {{"datasets", std::move(datasets)},
          {"current", std::move(current)},
          {"outdated", Json::array()},
          {"index_stale", false}};
}

}  // namespace vigil
