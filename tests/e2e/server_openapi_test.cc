// End to end: /openapi.json served without a token, a well-formed OpenAPI
// 3.1 document, and the real answers of the main routes valid against the
// response schemas it gives for them (a checker of the JSON Schema subset
// the document uses: type, properties, required, additionalProperties,
// items, enum, allOf, anyOf, $ref). That every registered route is
// described is checked by server/openapi_test.cc, against the router.
#include <nlohmann/json.hpp>
#include <set>

#include "fixture.h"
#include "server_process.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

// Problems of a value against a schema; empty when it is valid.
class SchemaChecker {
 public:
  explicit SchemaChecker(const json& document) : document_(document) {}

  std::vector<std::string> Check(const json& value, const json& schema) {
    problems_.clear();
    Visit(value, schema, "$");
    return problems_;
  }

 private:
  bool TypeIs(const json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    problems_.push_back("unknown type '" + type + "' in the schema");
    return false;
  }
  const json& Resolve(const json& schema) {
    if (!schema.contains("$ref")) return schema;
    std::string ref = schema["$ref"];
    const std::string prefix = "#/components/schemas/";
    return document_["components"]["schemas"][ref.substr(prefix.size())];
  }
  void Visit(const json& value, const json& raw, const std::string& at) {
    const json& schema = Resolve(raw);
    if (schema.contains("type")) {
      std::vector<std::string> types;
      if (schema["type"].is_array())
        for (const auto& t : schema["type"]) types.push_back(t);
      else
        types.push_back(schema["type"]);
      bool any = false;
      for (const auto& t : types) any = any || TypeIs(value, t);
      if (!any) {
        problems_.push_back(at + ": " + value.dump().substr(0, 80) + " is not " +
                            schema["type"].dump());
        return;
      }
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& e : schema["enum"]) found = found || e == value;
      if (!found)
        problems_.push_back(at + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    }
    if (schema.contains("allOf"))
      for (const auto& part : schema["allOf"]) Visit(value, part, at);
    if (schema.contains("anyOf")) {
      bool one = false;
      for (const auto& part : schema["anyOf"]) {
        SchemaChecker inner(document_);
        one = one || inner.Check(value, part).empty();
      }
      if (!one) problems_.push_back(at + ": matches none of anyOf");
    }
    if (value.is_object()) {
      if (schema.contains("required"))
        for (const auto& key : schema["required"])
          if (!value.contains(key.get<std::string>()))
            problems_.push_back(at + ": lacks required '" + key.get<std::string>() + "'");
      const json properties = schema.value("properties", json::object());
      for (const auto& [key, item] : value.items()) {
        if (properties.contains(key)) {
          Visit(item, properties[key], at + "." + key);
        } else if (schema.contains("additionalProperties")) {
          const json& extra = schema["additionalProperties"];
          if (extra.is_boolean() && !extra.get<bool>())
            problems_.push_back(at + ": '" + key + "' is not allowed");
          else if (extra.is_object())
            Visit(item, extra, at + "." + key);
        }
      }
    }
    if (value.is_array() && schema.contains("items"))
      for (size_t i = 0; i < value.size(); ++i)
        Visit(value[i], schema["items"], at + "[" + std::to_string(i) + "]");
  }

  const json& document_;
  std::vector<std::string> problems_;
};

class ServerOpenApiTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    auto un = Vigil({"load", SourceDir() + "/tests/fixtures/lists/un-good.xml"});
    ASSERT_EQ(un.exit_code, 0) << un.err;
    auto r = Vigil({"token", "create", "--name", "boss", "--role", "admin"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    admin_ = r.out.substr(0, r.out.find_first_of("\r\n"));
  }
  std::string admin_;
};

TEST_F(ServerOpenApiTest, DocumentIsOpenApi31AndDescribesTheRealAnswers) {
  ServerProcess server({"--db", db_});
  ASSERT_TRUE(server.Start()) << server.log();
  ASSERT_TRUE(server.WaitUntilReady()) << server.log();
  auto r = server.Get("/openapi.json");  // public: no token
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["content-type"], "application/json");
  json document = r.Json();
  ASSERT_TRUE(document.is_object()) << r.body.substr(0, 200);

  // OpenAPI 3.1's required structure.
  EXPECT_EQ(document["openapi"].get<std::string>().rfind("3.1.", 0), 0u);
  ASSERT_TRUE(document["info"]["title"].is_string());
  ASSERT_TRUE(document["info"]["version"].is_string());
  ASSERT_TRUE(document["paths"].is_object());
  const std::set<std::string> methods{"get", "post", "put", "delete", "patch", "head", "options"};
  for (const auto& [path, item] : document["paths"].items()) {
    EXPECT_EQ(path.front(), '/') << path;
    for (const auto& [method, operation] : item.items()) {
      EXPECT_TRUE(methods.count(method)) << path << " " << method;
      ASSERT_TRUE(operation["responses"].is_object()) << path << " " << method;
      for (const auto& [status, response] : operation["responses"].items())
        EXPECT_TRUE(response["description"].is_string()) << path << " " << method << " " << status;
      // Every {name} of the path is a path parameter.
      for (size_t open = path.find('{'); open != std::string::npos;
           open = path.find('{', open + 1)) {
        std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
        bool declared = false;
        for (const auto& p : operation.value("parameters", json::array()))
          declared = declared || (p["in"] == "path" && p["name"] == name && p["required"] == true);
        EXPECT_TRUE(declared) << path << " " << method << ": {" << name << "}";
      }
    }
  }

  // Real answers against their documented schemas.
  SchemaChecker checker(document);
  struct Call {
    std::string method, target, documented, body, content_type;
    int status = 200;
  };
  const std::string form = "application/x-www-form-urlencoded";
  const std::vector<Call> calls = {
      {"GET", "/healthz", "/healthz", "", ""},
      {"GET", "/readyz", "/readyz", "", ""},
      {"POST", "/v1/screen", "/v1/screen", R"({"name": "Karim Yousufzai", "birth_date": "1970"})",
       "application/json"},
      {"POST", "/v1/compare", "/v1/compare",
       R"({"name_a": "Karim Yusufzai", "name_b": "Karim Yousafzai"})", "application/json"},
      {"GET", "/v1/lists", "/v1/lists", "", ""},
      {"GET", "/v1/search?q=Front", "/v1/search", "", ""},
      {"GET", "/v1/entities/northern-front", "/v1/entities/{id}", "", ""},
      {"GET", "/v1/entities", "/v1/entities", "", ""},
      {"GET", "/v1/relations", "/v1/relations", "", ""},
      {"GET", "/v1/conflicts", "/v1/conflicts", "", ""},
      {"GET", "/v1/sources/mini-report", "/v1/sources/{id}", "", ""},
      {"GET", "/v1/exposure/valley-brigade", "/v1/exposure/{name}", "", ""},
      {"GET", "/v1/paths/valley-brigade/northern-front", "/v1/paths/{from}/{to}", "", ""},
      {"GET", "/v1/rank", "/v1/rank", "", ""},
      {"GET", "/v1/communities", "/v1/communities", "", ""},
      {"GET", "/v1/keyplayers", "/v1/keyplayers", "", ""},
      {"GET", "/v1/graph?focus=northern-front&depth=2", "/v1/graph", "", ""},
      {"GET", "/v1/tokens", "/v1/tokens", "", ""},
      {"POST", "/v1/tokens", "/v1/tokens", R"({"name": "desk-9", "role": "screener"})",
       "application/json", 201},
      {"GET", "/v1/audit/verify", "/v1/audit/verify", "", ""},
      {"POST", "/match/default", "/match/{dataset}",
       R"({"queries": {"q1": {"schema": "Person", "properties": {"name": ["Karim Yusufzai"]}}}})",
       "application/json"},
      {"GET", "/search/default?q=Northern%20Front", "/search/{dataset}", "", ""},
      {"GET", "/entities/un-tai-901", "/entities/{id}", "", ""},
      {"GET", "/entities/valley-brigade", "/entities/{id}", "", ""},
      {"GET", "/catalog", "/catalog", "", ""},
      {"GET", "/reconcile", "/reconcile", "", ""},
      {"POST", "/reconcile", "/reconcile",
       "queries=%7B%22q0%22%3A%7B%22query%22%3A%22Karim%22%7D%7D", form},
      {"GET", "/reconcile/suggest/entity?prefix=front", "/reconcile/suggest/entity", "", ""},
      {"GET", "/reconcile/properties", "/reconcile/properties", "", ""},
      {"POST", "/reconcile/extend", "/reconcile/extend",
       R"({"ids": ["un-tai-901"], "properties": [{"id": "birthDate"}]})", "application/json"},
  };
  for (const auto& call : calls) {
    std::map<std::string, std::string> headers;
    if (!call.content_type.empty()) headers["Content-Type"] = call.content_type;
    auto answer = server.Request(call.method, call.target, admin_, call.body, headers);
    ASSERT_EQ(answer.status, call.status)
        << call.method << " " << call.target << ": " << answer.body;
    std::string method = call.method == "GET" ? "get" : "post";
    const json& operation = document["paths"][call.documented][method];
    ASSERT_TRUE(operation.is_object()) << call.documented;
    const json& schema = operation["responses"][std::to_string(call.status)]["content"]
                                  ["application/json"]["schema"];
    ASSERT_FALSE(schema.is_null()) << call.documented;
    auto problems = checker.Check(answer.Json(), schema);
    EXPECT_TRUE(problems.empty()) << call.method << " " << call.target << ":\n"
                                  << (problems.empty() ? "" : problems.front()) << "\n"
                                  << answer.body.substr(0, 600);
  }
  // Errors have the documented shape.
  auto missing = server.Get("/v1/entities/no-such-entity", admin_);
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(checker.Check(missing.Json(), document["components"]["schemas"]["Error"]).empty());
  auto invalid = server.Get("/v1/search?q=Front&limit=0", admin_);
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(checker.Check(invalid.Json(), document["components"]["schemas"]["Error"]).empty());
  // The checker does find what is wrong.
  EXPECT_FALSE(
      checker.Check(json{{"error", {{"code", 1}}}}, document["components"]["schemas"]["Error"])
          .empty());
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace vigil::e2e
