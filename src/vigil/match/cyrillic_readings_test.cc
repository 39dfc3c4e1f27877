#include "vigil/match/cyrillic_readings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace vigil::match {
namespace {

// The reading of `folded` as `language`, or "" when there is none.
std::string ReadingAs(std::string_view folded, std::string_view language) {
  for (const auto& r : CyrillicStyleSpellings(folded))
    if (r.as == language) return r.text;
  return "";
}

bool AnyReadingIs(std::string_view folded, std::string_view text) {
  auto readings = CyrillicStyleSpellings(folded);
  return std::any_of(readings.begin(), readings.end(),
                     [&](const CyrillicReading& r) { return r.text == text; });
}

TEST(CyrillicReadingsTest, PinyinDividesIntoTheFewestSyllables) {
  using Syllables = std::vector<std::string_view>;
  EXPECT_EQ(PinyinSyllables("xiaoping"), (Syllables{"xiao", "ping"}));
  EXPECT_EQ(PinyinSyllables("zedong"), (Syllables{"ze", "dong"}));
  EXPECT_EQ(PinyinSyllables("xian"), (Syllables{"xian"}));  // not xi-an
  EXPECT_EQ(PinyinSyllables("zhuang"), (Syllables{"zhuang"}));
  EXPECT_TRUE(PinyinSyllables("schwarz").empty());
  EXPECT_TRUE(PinyinSyllables("").empty());
}

TEST(CyrillicReadingsTest, PinyinIsReadByPalladius) {
  // As vigil romanises the Cyrillic (BGN/PCGN): Цзэдун, Сяопин, Цзиньпин,
  // Вэньсю, Чжоу, Цянь, Хуэй, Сюэ, Люй, Цзы, Сы, Жэнь, Го.
  EXPECT_EQ(ReadingAs("zedong", "pinyin"), "tszedun");
  EXPECT_EQ(ReadingAs("xiaoping", "pinyin"), "syaopin");
  EXPECT_EQ(ReadingAs("jinping", "pinyin"), "tszinpin");
  EXPECT_EQ(ReadingAs("wenxiu", "pinyin"), "vensyu");
  EXPECT_EQ(ReadingAs("zhou", "pinyin"), "chzhou");
  EXPECT_EQ(ReadingAs("qian", "pinyin"), "tsyan");
  EXPECT_EQ(ReadingAs("hui", "pinyin"), "khuey");
  EXPECT_EQ(ReadingAs("xue", "pinyin"), "syue");
  EXPECT_EQ(ReadingAs("lv", "pinyin"), "lyuy");
  EXPECT_EQ(ReadingAs("zi", "pinyin"), "tszy");
  EXPECT_EQ(ReadingAs("si", "pinyin"), "sy");
  EXPECT_EQ(ReadingAs("ren", "pinyin"), "zhen");
  EXPECT_EQ(ReadingAs("guo", "pinyin"), "go");
  EXPECT_EQ(ReadingAs("wagner", "pinyin"), "");  // not pinyin
}

TEST(CyrillicReadingsTest, HepburnIsReadByPolivanov) {
  // Синдзо, Фудзимори, Ёсида, Кэйко, Хоккайдо, Тиба.
  EXPECT_EQ(ReadingAs("shinzo", "hepburn"), "sindzo");
  EXPECT_EQ(ReadingAs("fujimori", "hepburn"), "fudzimori");
  EXPECT_EQ(ReadingAs("yoshida", "hepburn"), "yesida");
  EXPECT_TRUE(AnyReadingIs("keiko", "keyko"));
  EXPECT_TRUE(AnyReadingIs("hokkaido", "khokkaydo"));
  EXPECT_EQ(ReadingAs("chiba", "hepburn"), "tiba");
  EXPECT_EQ(ReadingAs("wolfgang", "hepburn"), "");  // l: not Hepburn
}

TEST(CyrillicReadingsTest, EuropeanNamesAreReadAsRussianTranscribesThem) {
  EXPECT_TRUE(AnyReadingIs("schwarzenegger", "shvartsenegger"));  // Шварценеггер
  EXPECT_TRUE(AnyReadingIs("trautvetter", "trautfetter"));        // Траутфеттер
  EXPECT_TRUE(AnyReadingIs("heinrich", "geynrikh"));              // Генрих, the older way
  EXPECT_TRUE(AnyReadingIs("dupont", "dyupon"));                  // Дюпон
  EXPECT_TRUE(AnyReadingIs("renault", "reno"));                   // Рено
  EXPECT_TRUE(AnyReadingIs("charles", "sharl"));                  // Шарль
  EXPECT_TRUE(AnyReadingIs("francois", "fransua"));               // Франсуа (ç folded)
  EXPECT_TRUE(AnyReadingIs("white", "uayt"));                     // Уайт
  EXPECT_TRUE(AnyReadingIs("stone", "stoun"));                    // Стоун
  EXPECT_TRUE(AnyReadingIs("wright", "rayt"));                    // Райт
  EXPECT_TRUE(AnyReadingIs("george", "dzhordzh"));                // Джордж
  EXPECT_TRUE(AnyReadingIs("bruce", "bryus"));                    // Брюс
  EXPECT_TRUE(AnyReadingIs("rizzo", "ritstso"));                  // Риццо
  EXPECT_TRUE(AnyReadingIs("krzysztof", "kshyshtof"));            // Кшиштоф
  EXPECT_TRUE(AnyReadingIs("vucic", "vuchich"));                  // Вучич (č, ć folded)
  EXPECT_TRUE(AnyReadingIs("choi", "chkhve"));                    // Чхве
  // Readings change letters as a language writes them, not the name.
  EXPECT_FALSE(AnyReadingIs("goto", "gete"));
  EXPECT_FALSE(AnyReadingIs("jiang", "tsyan"));  // Цзян, not Цянь
}

TEST(CyrillicReadingsTest, EachReadingOnceAndNeverTheWordItself) {
  for (std::string_view word : {"li", "wang", "smith", "muller", "a", "zzzzzz"}) {
    auto readings = CyrillicStyleSpellings(word);
    for (size_t i = 0; i < readings.size(); ++i) {
      EXPECT_NE(readings[i].text, word);
      EXPECT_FALSE(readings[i].text.empty());
      for (size_t j = i + 1; j < readings.size(); ++j)
        EXPECT_NE(readings[i].text, readings[j].text);
    }
  }
  EXPECT_TRUE(CyrillicStyleSpellings("").empty());
}

}  // namespace
}  // namespace vigil::match
