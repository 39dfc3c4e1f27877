// gzip for HTTP answers (RFC 9110 content coding), with zlib.
//
//   if (AcceptsGzip(request.Header("Accept-Encoding").value_or(""))) ...
//   std::string packed = Gzip(body, /*level=*/6);
#pragma once

#include <string>
#include <string_view>

namespace vigil::server {

// Whether an Accept-Encoding value allows gzip: "gzip" or "*" listed with a
// q-value above 0 ("gzip;q=0" refuses it).
bool AcceptsGzip(std::string_view accept_encoding);

// Whether a content type is worth compressing (text, JSON, JavaScript, SVG).
bool IsCompressible(std::string_view content_type);

// The gzip member of `data` at a zlib level from 1 (fastest) to 9.
std::string Gzip(std::string_view data, int level);

}  // namespace vigil::server
