// The web UI's files (web/, built to web/dist by Vite), served from the same
// origin as the API: GET / redirects to /ui/, GET /ui/... answers a file of
// the UI's folder, and any other path under /ui/ without a file extension
// answers index.html, so that every view of the single-page application has
// a URL that can be shared and reloaded (docs/ui.md).
//
// The folder is read once, when the server starts, into memory (the built
// UI is a few hundred kilobytes): a request can only ever name a file that
// was there, never a path outside it. No token is needed for these files;
// they hold no data, and the UI asks for a token before it calls the API.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/app.h"
#include "vigil/base/sha256.h"

namespace vigil::server {
namespace {

std::string_view ContentTypeOf(const std::filesystem::path& path) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
  };
  std::string ext = path.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [suffix, type] : kTypes)
    if (ext == suffix) return type;
  return "application/octet-stream";
}

// What the browser may load on a UI page: only this origin's scripts,
// styles and fonts (inline style attributes are allowed for layout), images
// made in the page (PNG export), and calls to this origin's API.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

}  // namespace

StatusOr<std::shared_ptr<const UiFiles>> LoadUiFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  auto files = std::make_shared<UiFiles>();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return FieldError("ui", dir + ": not a folder (build the UI with scripts/build-ui)");
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) return FieldError("ui", it->path().string() + ": cannot be read");
    std::ostringstream body;
    body << in.rdbuf();
    Response prepared;
    prepared.body = std::move(body).str();
    prepared.content_type = std::string(ContentTypeOf(it->path()));
    UiFiles::File file;
    file.etag = fmt::format("\"{}\"", Sha256Hex(prepared.body).substr(0, 20));
    ShareBody(&prepared);  // compressed once, here
    file.body = prepared.shared_body;
    file.gzip_body = prepared.gzip_body;
    file.content_type = prepared.content_type;
    files->files.emplace(fs::relative(it->path(), dir).generic_string(), std::move(file));
  }
  if (ec) return FieldError("ui", dir + ": " + ec.message());
  if (!files->files.count("index.html"))
    return FieldError("ui", dir + ": has no index.html (build the UI with scripts/build-ui)");
  return std::shared_ptr<const UiFiles>(std::move(files));
}

void Api::AddUiRoutes() {
  router_.Get("/", [this](Request&) {
    if (!options_.ui) return ErrorResponse(404, "not_found", "this server has no web UI (vigil serve --ui DIR)");
    Response r;
    r.status = 302;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "/ui/";
    r.headers.emplace_back("Location", "/ui/");
    return r;
  }).public_route = true;

  auto serve = [this](Request& request) {
    if (!options_.ui) return ErrorResponse(404, "not_found", "this server has no web UI (vigil serve --ui DIR)");
    std::string path = request.Param("path");
    auto found = options_.ui->files.find(path);
    bool fallback = false;
    if (found == options_.ui->files.end()) {
      // A view's URL (no extension in its last segment) is the application;
      // a missing asset is a 404.
      std::string last = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
      if (last.find('.') != std::string::npos)
        return ErrorResponse(404, "not_found", "no such file in the web UI: " + path);
      found = options_.ui->files.find("index.html");
      fallback = true;
    }
    const UiFiles::File& file = found->second;
    Response r;
    r.headers.emplace_back("ETag", file.etag);
    // Vite names assets by their content's hash: they never change.
    bool immutable = !fallback && path.rfind("assets/", 0) == 0;
    r.headers.emplace_back("Cache-Control",
                           immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (file.content_type.rfind("text/html", 0) == 0) {
      r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
      r.headers.emplace_back("X-Content-Type-Options", "nosniff");
      r.headers.emplace_back("Referrer-Policy", "no-referrer");
    }
    if (auto match = request.Header("If-None-Match"); match && *match == file.etag) {
      r.status = 304;
      r.content_type = file.content_type;
      return r;
    }
    r.content_type = file.content_type;
    r.shared_body = file.body;
    r.gzip_body = file.gzip_body;
    return r;
  };
  router_.Get("/ui/{path...}", serve).public_route = true;
}

}  // namespace vigil::server
