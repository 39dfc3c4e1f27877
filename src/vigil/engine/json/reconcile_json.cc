// OpenRefine's reconciliation API on vigil's screening (reconcile_json.h).
#include "vigil/engine/json/reconcile_json.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "vigil/base/ascii.h"
#include "vigil/engine/json/yente_json.h"
#include "vigil/match/screener.h"
#include "vigil/text/escape.h"

namespace vigil {
namespace {

struct PropertyInfo {
  const char* id;
  const char* name;
};
// What extend can fetch, in the order proposed.
constexpr PropertyInfo kExtendProperties[] = {
    {"birthDate", "Birth date"},        {"nationality", "Nationality"},
    {"program", "Sanctions programme"}, {"authorityId", "List reference"},
    {"alias", "Other names"},           {"dataset", "Dataset"},
};

std::optional<std::string> KindOfType(const std::string& type) {
  if (type == "Person") return "person";
  if (type == "Organization" || type == "Company" || type == "PublicBody") return "organization";
  if (type == "LegalEntity" || type == "Thing") return "any";
  return std::nullopt;
}

// A property value's text: a string, a number, or {"id"}/{"name"}; the
// first of a list.
std::optional<std::string> ValueText(const Json& v) {
  if (v.is_array()) {
    for (const auto& item : v)
      if (auto t = ValueText(item)) return t;
    return std::nullopt;
  }
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  if (v.is_object()) {
    if (v.contains("id") && v["id"].is_string()) return v["id"].get<std::string>();
    if (v.contains("name") && v["name"].is_string()) return v["name"].get<std::string>();
  }
  return std::nullopt;
}

std::string Description(const ScreenHit& hit) {
  std::vector<std::string> parts{hit.dataset};
  if (!hit.references.empty()) parts.push_back(hit.references.front());
  if (!hit.birth_dates.empty()) parts.push_back("born " + hit.birth_dates.front());
  for (const auto& c : hit.nationalities) parts.push_back(AsciiLower(c));
  if (!hit.programs.empty()) parts.push_back(hit.programs.front());
  return fmt::format("{}", fmt::join(parts, " · "));
}

// Scores on OpenRefine's 0-100 scale, to a tenth.
double Percent(double score) { return std::round(score * 1000.0) / 10.0; }

Json TypeOf(const std::string& entity_kind) {
  std::string schema = FtmSchemaOf(entity_kind);
  return Json::array({{{"id", schema}, {"name", schema}}});
}

Json Strings(const std::vector<std::string>& values) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back({{"str", v}});
  return out;
}

}  // namespace

StatusOr<std::vector<ReconcileQuery>> ParseReconcileQueries(const Json& queries) {
  if (!queries.is_object())
    return FieldError("queries", "must be a JSON object {\"q0\": {\"query\": \"a name\"}}");
  if (queries.empty()) return FieldError("queries", "at least one query is required");
  if (queries.size() > kReconcileMaxQueries)
    return FieldError("queries", fmt::format("at most {} queries in one request, got {}",
                                             kReconcileMaxQueries, queries.size()));
  std::vector<ReconcileQuery> out;
  for (const auto& [key, q] : queries.items()) {
    const std::string where = "queries." + key;
    if (!q.is_object())
      return FieldError(where, "a query must be an object {\"query\": \"a name\"}");
    for (const auto& [field, value] : q.items())
      if (field != "query" && field != "type" && field != "type_strict" && field != "limit" &&
          field != "properties")
        return FieldError(where + "." + field,
                          "unknown field (expected: query, type, type_strict, limit, properties)");
    if (!q.contains("query") || !q["query"].is_string())
      return FieldError(where + ".query", "a name (a string) is required");
    ReconcileQuery query;
    query.key = key;
    query.request.name = q["query"].get<std::string>();
    query.request.threshold = kReconcileCutoff;
    query.request.top = kReconcileDefaultLimit;
    query.request.kind = "any";
    if (q.contains("type") && !q["type"].is_null()) {
      std::vector<std::string> types;
      if (q["type"].is_string())
        types.push_back(q["type"].get<std::string>());
      else if (q["type"].is_array())
        for (const auto& t : q["type"])
          if (t.is_string()) types.push_back(t.get<std::string>());
      if (types.empty()) return FieldError(where + ".type", "must be a type id or a list of them");
      std::optional<std::string> kind;
      for (const auto& t : types) {
        auto k = KindOfType(t);
        if (!k)
          return FieldError(where + ".type",
                            fmt::format("unknown type '{}' (Person, Organization, Company, "
                                        "PublicBody, LegalEntity, Thing)",
                                        t));
        kind = !kind || *kind == *k ? *k : std::string("any");
      }
      query.request.kind = *kind;
    }
    if (q.contains("limit") && !q["limit"].is_null()) {
      const Json& limit = q["limit"];
      if (!limit.is_number_integer() || limit.get<int64_t>() < 1 ||
          limit.get<int64_t>() > static_cast<int64_t>(kReconcileMaxLimit))
        return FieldError(where + ".limit",
                          fmt::format("must be a whole number from 1 to {}", kReconcileMaxLimit));
      query.request.top = limit.get<size_t>();
    }
    if (q.contains("properties") && !q["properties"].is_null()) {
      if (!q["properties"].is_array())
        return FieldError(where + ".properties", "must be a list of {\"pid\", \"v\"}");
      size_t i = 0;
      for (const auto& p : q["properties"]) {
        const std::string at = fmt::format("{}.properties[{}]", where, i++);
        if (!p.is_object() || !p.contains("pid") || !p["pid"].is_string())
          return FieldError(at + ".pid",
                            "each property needs a pid (birthDate, nationality, country)");
        const std::string pid = p["pid"].get<std::string>();
        auto value = p.contains("v") ? ValueText(p["v"]) : std::nullopt;
        if (pid == "birthDate" || pid == "dob" || pid == "birth_date") {
          if (value && query.request.dob.empty() && match::BirthDateProblem(*value).empty())
            query.request.dob = *value;
        } else if (pid == "nationality" || pid == "country" || pid == "citizenship") {
          if (value && query.request.country.empty() && match::CountryProblem(*value).empty())
            query.request.country = *value;
        } else {
          return FieldError(at + ".pid",
                            fmt::format("unknown property '{}' (birthDate, nationality, country, "
                                        "citizenship)",
                                        pid));
        }
      }
    }
    query.empty = !match::NameProblem(query.request.name).empty();
    out.push_back(std::move(query));
  }
  return out;
}

Json ReconcileCandidates(const ScreenResponse& response) {
  Json result = Json::array();
  for (size_t i = 0; i < response.hits.size(); ++i) {
    const ScreenHit& hit = response.hits[i];
    result.push_back(
        {{"id", hit.entity},
         {"name", hit.name},
         {"description", Description(hit)},
         {"score", Percent(hit.score)},
         {"match", IsClearMatch(response.hits, i)},
         {"type", TypeOf(hit.kind)},
         {"features", Json::array({{{"id", "name"}, {"value", Percent(hit.name_score)}}})}});
  }
  return {{"result", std::move(result)}};
}

Json ReconcileManifest(const std::string& base_url, const std::string& key_parameter) {
  const std::string key = key_parameter.empty() ? "" : "&" + key_parameter;
  const std::string only_key = key_parameter.empty() ? "" : "?" + key_parameter;
  Json types = Json::array();
  for (const char* t : {"Person", "Organization", "LegalEntity"})
    types.push_back({{"id", t}, {"name", t}});
  Json settings = Json::array();
  return {
      {"versions", Json::array({"0.2"})},
      {"name", "vigil: sanctions lists and the curated knowledge base"},
      {"identifierSpace", base_url + "/entities/"},
      {"schemaSpace", "https://followthemoney.tech/explorer/schemata/"},
      {"defaultTypes", std::move(types)},
      {"view", {{"url", base_url + "/reconcile/preview?id={{id}}" + key}}},
      {"preview",
       {{"url", base_url + "/reconcile/preview?id={{id}}" + key}, {"width", 430}, {"height", 300}}},
      {"suggest",
       {{"entity",
         {{"service_url", base_url}, {"service_path", "/reconcile/suggest/entity" + only_key}}}}},
      {"extend",
       {{"propose_properties",
         {{"service_url", base_url}, {"service_path", "/reconcile/properties" + only_key}}},
        {"property_settings", std::move(settings)}}}};
}

Json ReconcileSuggestions(const std::vector<NameSuggestion>& suggestions) {
  Json result = Json::array();
  for (const auto& s : suggestions)
    result.push_back({{"id", s.id},
                      {"name", s.name},
                      {"description", fmt::format("{} · {}", s.dataset, s.kind)}});
  return {{"result", std::move(result)}};
}

Json ReconcileProperties(const std::string& type, size_t limit) {
  Json properties = Json::array();
  for (const auto& p : kExtendProperties) {
    if (properties.size() >= limit) break;
    properties.push_back({{"id", p.id}, {"name", p.name}});
  }
  return {{"type", type}, {"properties", std::move(properties)}};
}

StatusOr<ReconcileExtend> ParseReconcileExtend(const Json& body) {
  if (!body.is_object())
    return FieldError("extend",
                      "must be a JSON object {\"ids\": [...], \"properties\": [{\"id\"}]}");
  ReconcileExtend extend;
  if (!body.contains("ids") || !body["ids"].is_array())
    return FieldError("extend.ids", "a list of entity ids is required");
  for (const auto& id : body["ids"]) {
    if (!id.is_string()) return FieldError("extend.ids", "ids must be strings");
    extend.ids.push_back(id.get<std::string>());
  }
  if (extend.ids.size() > kReconcileMaxQueries)
    return FieldError("extend.ids", fmt::format("at most {} ids, got {}", kReconcileMaxQueries,
                                                extend.ids.size()));
  if (!body.contains("properties") || !body["properties"].is_array())
    return FieldError("extend.properties", "a list of {\"id\"} is required");
  size_t i = 0;
  for (const auto& p : body["properties"]) {
    const std::string at = fmt::format("extend.properties[{}].id", i++);
    if (!p.is_object() || !p.contains("id") || !p["id"].is_string())
      return FieldError(at, "each property needs an id");
    std::string id = p["id"].get<std::string>();
    bool known = std::any_of(std::begin(kExtendProperties), std::end(kExtendProperties),
                             [&](const PropertyInfo& k) { return id == k.id; });
    if (!known)
      return FieldError(at, fmt::format("unknown property '{}' (GET /reconcile/properties lists "
                                        "them)",
                                        id));
    extend.properties.push_back(std::move(id));
  }
  return extend;
}

Json ReconcileExtendResponse(const ReconcileExtend& extend, const std::vector<ScreenHit>& records) {
  Json meta = Json::array();
  for (const auto& id : extend.properties)
    for (const auto& p : kExtendProperties)
      if (id == p.id) meta.push_back({{"id", p.id}, {"name", p.name}});
  Json rows = Json::object();
  for (const auto& id : extend.ids) {
    auto found = std::find_if(records.begin(), records.end(),
                              [&](const ScreenHit& r) { return r.entity == id; });
    Json row = Json::object();
    for (const auto& p : extend.properties) {
      if (found == records.end()) {
        row[p] = Json::array();
        continue;
      }
      std::vector<std::string> values;
      if (p == "birthDate")
        values = found->birth_dates;
      else if (p == "nationality")
        for (const auto& c : found->nationalities) values.push_back(AsciiLower(c));
      else if (p == "program")
        values = found->programs;
      else if (p == "authorityId")
        values = found->references;
      else if (p == "dataset")
        values = {found->dataset};
      else if (p == "alias")
        for (const auto& n : found->names)
          if (n.text != found->name) values.push_back(n.text);
      row[p] = Strings(values);
    }
    rows[id] = std::move(row);
  }
  return {{"meta", std::move(meta)}, {"rows", std::move(rows)}};
}

namespace {

std::string Page(const std::string& title, const std::string& rows) {
  return fmt::format(
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{0}</title>"
      "<style>body{{font-family:sans-serif;font-size:13px;margin:8px}}th{{text-align:left;"
      "padding-right:8px;vertical-align:top;color:#555}}</style></head>\n"
      "<body><h3>{0}</h3><table>\n{1}</table></body></html>\n",
      title, rows);
}

void AppendRow(std::string* rows, const char* label, const std::vector<std::string>& values) {
  if (values.empty()) return;
  std::string cell;
  for (const auto& v : values) cell += (cell.empty() ? "" : "<br>") + EscapeMarkup(v);
  *rows += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", label, cell);
}

}  // namespace

std::string ReconcilePreviewHtml(const ScreenHit& record) {
  std::string rows;
  AppendRow(&rows, "Type", {FtmSchemaOf(record.kind)});
  AppendRow(&rows, "Dataset", {record.dataset});
  AppendRow(&rows, "Reference", record.references);
  std::vector<std::string> aliases;
  for (const auto& n : record.names)
    if (n.text != record.name) aliases.push_back(n.text);
  AppendRow(&rows, "Other names", aliases);
  AppendRow(&rows, "Born", record.birth_dates);
  std::vector<std::string> countries;
  for (const auto& c : record.nationalities) countries.push_back(AsciiLower(c));
  AppendRow(&rows, "Nationality", countries);
  AppendRow(&rows, "Programme", record.programs);
  AppendRow(&rows, "Id", {record.entity});
  return Page(EscapeMarkup(record.name), rows);
}

std::string ReconcilePreviewHtml(const EntityCard& card) {
  std::string rows;
  AppendRow(&rows, "Kind", {card.entity.kind});
  AppendRow(&rows, "Dataset", {card.dataset});
  std::vector<std::string> names;
  for (const auto& n : card.names)
    if (n.text != card.entity.name) names.push_back(n.text);
  AppendRow(&rows, "Other names", names);
  if (!card.description.empty()) AppendRow(&rows, "About", {card.description});
  AppendRow(&rows, "Id", {card.entity.id});
  return Page(EscapeMarkup(card.entity.name), rows);
}

}  // namespace vigil
