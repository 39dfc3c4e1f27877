// docs/openapi.json (served at /openapi.json) against the routes the API
// registers: every route is described, with the role it requires, and every
// described operation is a route; references resolve. A route added
// without its description fails here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "server/app.h"
#include "server/openapi_document.h"
#include "vigil/base/ascii.h"

namespace vigil::server {
namespace {

// A route's pattern as OpenAPI writes a path: "{rest...}" is "{rest}".
std::string PathOf(const std::string& pattern) {
  std::string out = pattern;
  for (size_t at = out.find("...}"); at != std::string::npos; at = out.find("...}"))
    out.erase(at, 3);
  return out;
}

void CollectRefs(const Json& node, std::set<std::string>* refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) refs->insert(value.get<std::string>());
      CollectRefs(value, refs);
    }
  } else if (node.is_array()) {
    for (const auto& value : node) CollectRefs(value, refs);
  }
}

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("openapi_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    auto engine = Engine::Open((dir_ / "vigil.db").string(), store::AccessMode::kReadWrite);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
    api_ = std::make_unique<Api>(*engine_, ApiOptions{});
    document_ = Json::parse(OpenApiDocument(), nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(document_.is_discarded()) << "docs/openapi.json is not JSON";
  }
  void TearDown() override {
    api_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Api> api_;
  Json document_;
};

TEST_F(OpenApiTest, EveryRouteIsDescribedWithItsRole) {
  const Json& paths = document_["paths"];
  ASSERT_TRUE(paths.is_object());
  ASSERT_FALSE(api_->router().routes().empty());
  for (const auto& route : api_->router().routes()) {
    const std::string path = PathOf(route->pattern);
    const std::string method = AsciiLower(route->method);
    ASSERT_TRUE(paths.contains(path) && paths[path].contains(method))
        << route->method << " " << route->pattern
        << " is served but not described in docs/openapi.json: describe it there";
    const Json& operation = paths[path][method];
    std::string role = route->public_route
                           ? "public"
                           : std::string(RoleName(static_cast<Role>(route->required_level)));
    EXPECT_EQ(operation.value("x-vigil-role", ""), role) << route->method << " " << path;
    // Public routes say so: no credentials.
    EXPECT_EQ(operation.contains("security") && operation["security"].empty(), route->public_route)
        << route->method << " " << path;
    EXPECT_TRUE(operation.contains("responses")) << route->method << " " << path;
  }
}

TEST_F(OpenApiTest, EveryDescribedOperationIsARoute) {
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& route : api_->router().routes())
    served.emplace(PathOf(route->pattern), AsciiLower(route->method));
  std::set<std::string> operation_ids;
  for (const auto& [path, item] : document_["paths"].items())
    for (const auto& [method, operation] : item.items()) {
      EXPECT_TRUE(served.count({path, method}))
          << method << " " << path << " is described but no route serves it";
      ASSERT_TRUE(operation.contains("operationId")) << method << " " << path;
      EXPECT_TRUE(operation_ids.insert(operation["operationId"].get<std::string>()).second)
          << "operationId " << operation["operationId"] << " is used twice";
    }
}

TEST_F(OpenApiTest, IsOpenApi31AndEveryReferenceResolves) {
  EXPECT_EQ(document_["openapi"].get<std::string>().rfind("3.1.", 0), 0u);
  EXPECT_TRUE(document_["info"].contains("title"));
  EXPECT_TRUE(document_["info"].contains("version"));
  std::set<std::string> refs;
  CollectRefs(document_, &refs);
  const std::string prefix = "#/components/schemas/";
  for (const auto& ref : refs) {
    ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    EXPECT_TRUE(document_["components"]["schemas"].contains(ref.substr(prefix.size()))) << ref;
  }
  for (const auto& [name, scheme] : document_["components"]["securitySchemes"].items())
    EXPECT_TRUE(scheme.contains("type")) << name;
}

}  // namespace
}  // namespace vigil::server
