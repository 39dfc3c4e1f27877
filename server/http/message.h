// HTTP requests and responses as the API's handlers see them: plain values,
// with no trace of the networking library underneath (server/http/server.h).
//
//   Response r = JsonResponse(200, Json{{"status", "ok"}});
//   Response e = ErrorResponse(422, "invalid_field", "threshold: must be between 0 and 1");
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::server {

using Json = nlohmann::ordered_json;

// Header names compare case-insensitively.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // percent-decoded path, without the query
  // Query parameters, percent-decoded, in order; a name may repeat.
  std::vector<std::pair<std::string, std::string>> query;
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  std::string remote;  // peer address
  // Set by the router: the values of {name} segments of the route's pattern.
  std::map<std::string, std::string> params;
  // Set by the application's guard (who is calling, say); the transport
  // never reads them.
  std::map<std::string, std::string> attributes;

  // The first value of a query parameter.
  std::optional<std::string> Query(std::string_view name) const;
  // Every value of a query parameter (repeated, or comma-separated).
  std::vector<std::string> QueryAll(std::string_view name) const;
  std::optional<std::string> Header(std::string_view name) const;
  std::string Param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  // A body kept elsewhere (a cache, the UI's files) and sent without a copy;
  // when set, `body` is empty. gzip_body is the same body gzip-compressed,
  // sent instead to clients that accept gzip (server/http/compression.h).
  std::shared_ptr<const std::string> shared_body;
  std::shared_ptr<const std::string> gzip_body;

  // The body, wherever it is kept.
  std::string_view Body() const { return shared_body ? std::string_view(*shared_body) : body; }
};

// Moves the body into shared_body and, when it is worth it (text of 1 KiB
// or more), keeps its gzip form beside it: for answers sent many times.
void ShareBody(Response* response);

Response JsonResponse(int status, const Json& body);
// {"error": {"code", "message"}}; code is a short machine-readable word.
Response ErrorResponse(int status, std::string_view code, std::string_view message);

// The standard reason phrase of a status ("Not Found").
std::string_view ReasonPhrase(int status);

// Splits "a=1&b=x%20y" into decoded pairs; '+' means a space. Returns false
// when an escape is malformed or decodes to invalid UTF-8.
bool ParseQuery(std::string_view query, std::vector<std::pair<std::string, std::string>>* out);
// Decodes %XX escapes (and '+' as space when plus_is_space). False when an
// escape is malformed or the result is not valid UTF-8.
bool PercentDecode(std::string_view text, bool plus_is_space, std::string* out);

}  // namespace vigil::server
