// HTML reduced to its text, for reading articles saved as web pages.
//
// HtmlToText() parses with gumbo (an HTML5 parser: what a browser would
// build from the same bytes) and keeps the text a reader sees: the text of
// every node outside <script>, <style>, <noscript>, <template>, <head> and
// comments, with character references decoded, runs of white space collapsed
// to one space, and a line break ("\n") after each block element (p, div,
// h1..h6, li, tr, br, article, section...). The result is the text vigil
// stores and cites: offsets are code points into it, so the same HTML always
// gives the same text and the same offsets.
//
//   auto text = HtmlToText("<p>Hello &amp; <b>bye</b></p>");   // "Hello & bye\n"
#pragma once

#include <string>
#include <string_view>

#include "vigil/base/status.h"

namespace vigil::reading {

// Most HTML vigil reduces (16 MiB): larger input is refused before parsing.
inline constexpr size_t kMaxHtmlBytes = 16u << 20;

// True when the bytes look like HTML (a doctype, or <html>, <body>, <p>,
// <div> near the start), for `vigil read` without --format.
bool LooksLikeHtml(std::string_view bytes);

// The reader-visible text of an HTML document, UTF-8. InvalidArgument when
// the input is not valid UTF-8 or is larger than kMaxHtmlBytes.
StatusOr<std::string> HtmlToText(std::string_view html);

}  // namespace vigil::reading
