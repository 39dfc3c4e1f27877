// JSON written as a tree or as text (json_sink.h).
#include "vigil/engine/json/internal/json_sink.h"

#include <array>
#include <charconv>
#include <cmath>

#include "vigil/base/utf8.h"

namespace vigil::json_internal {

using Json = nlohmann::ordered_json;

void JsonSink::Strings(const std::vector<std::string>& texts) {
  BeginArray();
  for (const auto& t : texts) String(t);
  EndArray();
}

// JsonTree

Json& JsonTree::Put(Json value) {
  if (open_.empty()) {
    root_ = std::move(value);
    return root_;
  }
  Json& parent = *open_.back();
  if (parent.is_array()) {
    parent.push_back(std::move(value));
    return parent.back();
  }
  Json& slot = parent[key_];
  slot = std::move(value);
  return slot;
}

void JsonTree::BeginObject() { open_.push_back(&Put(Json::object())); }
void JsonTree::EndObject() { open_.pop_back(); }
void JsonTree::BeginArray() { open_.push_back(&Put(Json::array())); }
void JsonTree::EndArray() { open_.pop_back(); }
void JsonTree::Key(std::string_view key) { key_.assign(key); }
void JsonTree::String(std::string_view text) { Put(Json(std::string(text))); }
void JsonTree::Number(int64_t value) { Put(Json(value)); }
void JsonTree::Number(double value) { Put(Json(value)); }
void JsonTree::Bool(bool value) { Put(Json(value)); }
void JsonTree::Null() { Put(Json(nullptr)); }
void JsonTree::Value(const Json& value) { Put(value); }

// JsonText

void JsonText::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_ += ',';
  first_ = false;
}

void JsonText::BeginObject() {
  Separate();
  out_ += '{';
  first_ = true;
}

void JsonText::EndObject() {
  out_ += '}';
  first_ = false;
}

void JsonText::BeginArray() {
  Separate();
  out_ += '[';
  first_ = true;
}

void JsonText::EndArray() {
  out_ += ']';
  first_ = false;
}

void JsonText::Key(std::string_view key) {
  Separate();
  Quoted(key);
  out_ += ':';
  after_key_ = true;
}

namespace {

// Appends text with JSON's escapes, as nlohmann writes them (without
// ensure_ascii): the two-character forms where JSON has one, \u00xx for
// the other control characters, everything else as it is.
void AppendEscaped(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        *out += "\\u00";
        *out += kHex[c >> 4];
        *out += kHex[c & 0xF];
    }
  }
  out->append(text.substr(plain));
}

bool IsAscii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

}  // namespace

void JsonText::Quoted(std::string_view text) {
  out_ += '"';
  if (IsAscii(text)) {
    AppendEscaped(text, &out_);
  } else {
    // Valid stretches as they are; each byte that starts no valid sequence
    // as U+FFFD.
    while (!text.empty()) {
      std::optional<Utf8Error> bad = FindInvalidUtf8(text);
      if (!bad) {
        AppendEscaped(text, &out_);
        break;
      }
      AppendEscaped(text.substr(0, bad->byte_offset), &out_);
      out_ += "\xEF\xBF\xBD";
      text.remove_prefix(bad->byte_offset + 1);
    }
  }
  out_ += '"';
}

void JsonText::String(std::string_view text) {
  Separate();
  Quoted(text);
}

void JsonText::Number(int64_t value) {
  Separate();
  std::array<char, 24> digits;
  auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  out_.append(digits.data(), end);
}

void JsonText::Number(double value) {
  Separate();
  if (!std::isfinite(value)) {
    out_ += "null";  // as dump() writes NaN and the infinities
    return;
  }
  // nlohmann's own formatting (the shortest text that reads back as the
  // same double, "1.0" for whole numbers), so that both sinks agree.
  std::array<char, 64> digits;
  char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), value);
  out_.append(digits.data(), end);
}

void JsonText::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
}

void JsonText::Null() {
  Separate();
  out_ += "null";
}

void JsonText::Value(const Json& value) {
  Separate();
  out_ += value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace vigil::json_internal
