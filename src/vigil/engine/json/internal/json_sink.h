// Where a JSON shape is written to: a tree (nlohmann's ordered_json, for the
// front ends that compose answers) or text (one JSON line, for batch output,
// where building a tree per row and then printing it cost a fifth of the
// run). A shape is written once, against JsonSink, and both results come
// out of that one definition:
//
//   void Write(JsonSink& out, const Point& p) {
//     out.BeginObject();
//     out.Key("x"), out.Number(p.x);
//     out.EndObject();
//   }
//   JsonTree tree;  Write(tree, p);  Json j = tree.Take();
//   JsonText text;  Write(text, p);  std::string s = text.Take();
//
// JsonText writes exactly the bytes nlohmann's dump() writes for the tree
// (the same number formatting and escapes; keys in the order written), so
// the two agree byte for byte. Keys are written in the order given: write
// each key of an object once.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::json_internal {

class JsonSink {
 public:
  virtual ~JsonSink() = default;

  virtual void BeginObject() = 0;
  virtual void EndObject() = 0;
  virtual void BeginArray() = 0;
  virtual void EndArray() = 0;
  // The next value's key, inside an object.
  virtual void Key(std::string_view key) = 0;

  virtual void String(std::string_view text) = 0;
  virtual void Number(int64_t value) = 0;
  virtual void Number(double value) = 0;
  virtual void Bool(bool value) = 0;
  virtual void Null() = 0;
  // A value that was built as a tree (a rarely written part of a shape).
  virtual void Value(const nlohmann::ordered_json& value) = 0;

  // Shorthands. Number(int) and Number(float) would be ambiguous without
  // these; unsigned counts fit int64_t.
  void Number(int value) { Number(static_cast<int64_t>(value)); }
  void Number(uint32_t value) { Number(static_cast<int64_t>(value)); }
  void Number(size_t value) { Number(static_cast<int64_t>(value)); }
  void Number(float value) { Number(static_cast<double>(value)); }
  // The text, or null when it is empty (json_internal::OrNull).
  void StringOrNull(std::string_view text) {
    if (text.empty()) {
      Null();
    } else {
      String(text);
    }
  }
  void Strings(const std::vector<std::string>& texts);
};

// Builds an ordered_json.
class JsonTree : public JsonSink {
 public:
  void BeginObject() override;
  void EndObject() override;
  void BeginArray() override;
  void EndArray() override;
  void Key(std::string_view key) override;
  void String(std::string_view text) override;
  void Number(int64_t value) override;
  void Number(double value) override;
  void Bool(bool value) override;
  void Null() override;
  void Value(const nlohmann::ordered_json& value) override;
  using JsonSink::Number;

  nlohmann::ordered_json Take() { return std::move(root_); }

 private:
  // Places value where the next one goes; returns it.
  nlohmann::ordered_json& Put(nlohmann::ordered_json value);

  nlohmann::ordered_json root_;
  std::vector<nlohmann::ordered_json*> open_;  // the objects and arrays being written
  std::string key_;
};

// Writes compact JSON text, as nlohmann's dump() does. Text that is not
// valid UTF-8 (which dump() refuses) has each bad byte replaced with U+FFFD.
class JsonText : public JsonSink {
 public:
  explicit JsonText(std::string start = {}) : out_(std::move(start)) {}

  void BeginObject() override;
  void EndObject() override;
  void BeginArray() override;
  void EndArray() override;
  void Key(std::string_view key) override;
  void String(std::string_view text) override;
  void Number(int64_t value) override;
  void Number(double value) override;
  void Bool(bool value) override;
  void Null() override;
  void Value(const nlohmann::ordered_json& value) override;
  using JsonSink::Number;

  // Appends raw text (a line break after the value).
  void Raw(std::string_view text) { out_ += text; }
  std::string Take() { return std::move(out_); }

 private:
  // A comma before every value but the first of its object or array.
  void Separate();
  void Quoted(std::string_view text);

  std::string out_;
  bool first_ = true;      // nothing written yet in the innermost object or array
  bool after_key_ = false;  // a key was written; its value comes next
};

}  // namespace vigil::json_internal
