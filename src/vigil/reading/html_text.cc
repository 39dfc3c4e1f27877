// HtmlToText: gumbo's tree walked without recursion, text nodes appended
// with white space collapsed, block elements ended by a line break.
#include "vigil/reading/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <vector>

#include "vigil/base/utf8.h"

namespace vigil::reading {
namespace {

bool Skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

bool Block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_BR: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_TR: case GUMBO_TAG_TABLE: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_HR:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV: case GUMBO_TAG_MAIN: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DL:
      return true;
    default:
      return false;
  }
}

class TextBuilder {
 public:
  void Text(const char* text) {
    for (const char* p = text; *p; ++p) {
      char c = *p;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && !out_.empty() && out_.back() != '\n') out_.push_back(' ');
      pending_space_ = false;
      out_.push_back(c);
    }
  }
  void LineBreak() {
    pending_space_ = false;
    if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
  }
  std::string Take() {
    LineBreak();
    if (out_ == "\n") out_.clear();
    return std::move(out_);
  }

 private:
  std::string out_;
  bool pending_space_ = false;
};

}  // namespace

bool LooksLikeHtml(std::string_view bytes) {
  std::string head(bytes.substr(0, 1024));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* marker : {"<!doctype html", "<html", "<body", "<p>", "<div", "<article",
                             "<head", "<meta "})
    if (head.find(marker) != std::string::npos) return true;
  return false;
}

StatusOr<std::string> HtmlToText(std::string_view html) {
  if (html.size() > kMaxHtmlBytes)
    return absl::InvalidArgumentError(fmt::format(
        "{} bytes of HTML is more than vigil reads ({} MiB)", html.size(), kMaxHtmlBytes >> 20));
  if (auto bad = FindInvalidUtf8(html))
    return absl::InvalidArgumentError(fmt::format("line {}, column {}: invalid UTF-8 (byte 0x{:02x})",
                                                  bad->line, bad->column, bad->byte));
  GumboOutput* output =
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  TextBuilder text;
  // (node, entering): an element is visited on entry and again on exit.
  std::vector<std::pair<const GumboNode*, bool>> stack{{output->root, true}};
  while (!stack.empty()) {
    auto [node, entering] = stack.back();
    stack.pop_back();
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        text.Text(node->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
      case GUMBO_NODE_DOCUMENT: {
        GumboTag tag = node->type == GUMBO_NODE_DOCUMENT ? GUMBO_TAG_UNKNOWN : node->v.element.tag;
        if (node->type == GUMBO_NODE_TEMPLATE || Skipped(tag)) break;
        if (!entering) {
          if (Block(tag)) text.LineBreak();
          break;
        }
        if (Block(tag)) text.LineBreak();
        stack.push_back({node, false});
        const GumboVector& children =
            node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
        for (unsigned i = children.length; i-- > 0;)
          stack.push_back({static_cast<const GumboNode*>(children.data[i]), true});
        break;
      }
      default:  // comments
        break;
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return text.Take();
}

}  // namespace vigil::reading
