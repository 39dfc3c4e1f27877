#include "vigil/engine/json/internal/json_sink.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace vigil::json_internal {
namespace {

using Json = nlohmann::ordered_json;

// One shape with every kind of value, written to a sink.
void WriteSample(JsonSink& out, double number, std::string_view text) {
  out.BeginObject();
  out.Key("text"), out.String(text);
  out.Key("number"), out.Number(number);
  out.Key("count"), out.Number(-42);
  out.Key("size"), out.Number(size_t{7});
  out.Key("flag"), out.Bool(true);
  out.Key("none"), out.Null();
  out.Key("empty"), out.StringOrNull("");
  out.Key("list");
  out.BeginArray();
  out.Number(uint32_t{1});
  out.BeginObject();
  out.EndObject();
  out.BeginArray();
  out.EndArray();
  out.Strings({"a", "b"});
  out.EndArray();
  out.Key("tree"), out.Value(Json{{"k", {1, 2}}});
  out.EndObject();
}

std::string AsText(double number, std::string_view text) {
  JsonText sink;
  WriteSample(sink, number, text);
  return sink.Take();
}

Json AsTree(double number, std::string_view text) {
  JsonTree sink;
  WriteSample(sink, number, text);
  return sink.Take();
}

TEST(JsonSinkTest, TextIsWhatDumpWritesForTheTree) {
  const std::string expected =
      R"({"text":"a\"b","number":0.5,"count":-42,"size":7,"flag":true,"none":null,)"
      R"("empty":null,"list":[1,{},[],["a","b"]],"tree":{"k":[1,2]}})";
  EXPECT_EQ(AsText(0.5, "a\"b"), expected);
  EXPECT_EQ(AsTree(0.5, "a\"b").dump(), expected);
}

TEST(JsonSinkTest, NumbersAreFormattedAsNlohmannFormatsThem) {
  // Known forms: whole numbers keep ".0", exponents have two digits.
  EXPECT_EQ(AsText(1.0, "").find("\"number\":1.0,") != std::string::npos, true);
  EXPECT_NE(AsText(1e-05, "").find("\"number\":1e-05,"), std::string::npos);
  EXPECT_NE(AsText(0.1, "").find("\"number\":0.1,"), std::string::npos);
  EXPECT_NE(AsText(std::nan(""), "").find("\"number\":null,"), std::string::npos);
  EXPECT_NE(AsText(static_cast<double>(0.1f), "").find("\"number\":0.10000000149011612,"),
            std::string::npos);
  // And random doubles of every magnitude agree with dump().
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 2000; ++i) {
    double x = std::ldexp(mantissa(rng), exponent(rng));
    if (i % 5 == 0) x = std::round(x * 1000) / 1000;
    EXPECT_EQ(AsText(x, ""), AsTree(x, "").dump()) << x;
  }
}

TEST(JsonSinkTest, StringsAreEscapedAsDumpEscapesThem) {
  for (std::string_view text :
       {std::string_view("tab\there"), std::string_view("line\nbreak\r\f\b"),
        std::string_view("back\\slash /"), std::string_view("\x01\x1f\x7f", 3),
        std::string_view("سراج الدين حقاني"), std::string_view("Сирадж\u200b"),
        std::string_view("nul\0byte", 8)}) {
    EXPECT_EQ(AsText(0, text), AsTree(0, text).dump()) << text;
  }
  EXPECT_NE(AsText(0, "\x01").find(R"("text":"\u0001")"), std::string::npos);
}

TEST(JsonSinkTest, InvalidUtf8IsReplacedNotPassedOn) {
  // dump() refuses such text; the text sink writes U+FFFD for each bad byte
  // and keeps the valid rest.
  std::string text = AsText(0, "ab\xff" "c\xc3");
  EXPECT_NE(text.find("\"text\":\"ab\xEF\xBF\xBD" "c\xEF\xBF\xBD\""), std::string::npos);
  EXPECT_TRUE(Json::accept(text));
}

TEST(JsonSinkTest, TreeKeepsKeysInTheOrderWritten) {
  JsonTree tree;
  tree.BeginObject();
  tree.Key("z"), tree.Number(1);
  tree.Key("a"), tree.Number(2);
  tree.EndObject();
  EXPECT_EQ(tree.Take().dump(), R"({"z":1,"a":2})");
  // A bare value is the whole document.
  JsonTree scalar;
  scalar.String("x");
  EXPECT_EQ(scalar.Take(), Json("x"));
}

}  // namespace
}  // namespace vigil::json_internal
