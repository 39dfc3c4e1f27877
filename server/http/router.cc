// Route matching by path segments.
#include "server/http/router.h"

#include <algorithm>

namespace vigil::server {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Matches pattern segments against path segments, filling params.
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* params) {
  auto want = Segments(pattern);
  auto have = Segments(path);
  // A trailing slash is not a different resource, but "/" alone is.
  if (pattern == "/" || path == "/") return pattern == path;
  for (size_t i = 0; i < want.size(); ++i) {
    std::string_view w = want[i];
    bool capture = w.size() > 2 && w.front() == '{' && w.back() == '}';
    if (capture && w.size() > 5 && w.substr(w.size() - 4) == "...}") {
      std::string rest;
      for (size_t k = i; k < have.size(); ++k) {
        if (!rest.empty()) rest.push_back('/');
        rest.append(have[k]);
      }
      (*params)[std::string(w.substr(1, w.size() - 5))] = rest;
      return true;
    }
    if (i >= have.size()) return false;
    if (capture) {
      (*params)[std::string(w.substr(1, w.size() - 2))] = std::string(have[i]);
    } else if (w != have[i]) {
      return false;
    }
  }
  return want.size() == have.size();
}

}  // namespace

Route& Router::Add(std::string method, std::string pattern, Handler handler) {
  auto route = std::make_unique<Route>();
  route->method = std::move(method);
  route->pattern = std::move(pattern);
  route->handler = std::move(handler);
  routes_.push_back(std::move(route));
  return *routes_.back();
}

Route& Router::Get(std::string pattern, Handler handler) {
  return Add("GET", std::move(pattern), std::move(handler));
}
Route& Router::Post(std::string pattern, Handler handler) {
  return Add("POST", std::move(pattern), std::move(handler));
}
Route& Router::Delete(std::string pattern, Handler handler) {
  return Add("DELETE", std::move(pattern), std::move(handler));
}

Route& Router::Stream(std::string pattern, StreamHandler handler) {
  Route& route = Add("POST", std::move(pattern), nullptr);
  route.stream_handler = std::move(handler);
  return route;
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match match;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchPattern(route->pattern, path, &params)) continue;
    // HEAD is answered as GET without a body.
    bool method_ok = route->method == method || (method == "HEAD" && route->method == "GET");
    if (method_ok) {
      match.route = route.get();
      match.params = std::move(params);
      match.allowed.clear();
      return match;
    }
    if (std::find(match.allowed.begin(), match.allowed.end(), route->method) == match.allowed.end())
      match.allowed.push_back(route->method);
  }
  return match;
}

}  // namespace vigil::server
