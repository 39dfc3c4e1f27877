#include "vigil/match/name_analysis.h"

#include <gtest/gtest.h>

namespace vigil::match {
namespace {

std::vector<std::string> Folded(std::string_view name, NameKind kind = NameKind::kAny) {
  std::vector<std::string> out;
  for (const auto& p : AnalyzeName(name, kind).parts) out.push_back(p.folded);
  return out;
}

std::vector<std::string> Skeletons(std::string_view name) {
  std::vector<std::string> out;
  for (const auto& p : AnalyzeName(name).parts) out.push_back(p.skeleton);
  return out;
}

TEST(NameAnalysisTest, ArabicScriptMeetsLatinSpellingsThroughSkeletons) {
  EXPECT_EQ(Skeletons("محمد"), Skeletons("Mohammed"));
  EXPECT_EQ(Skeletons("Muhammad"), Skeletons("Mohammed"));
  EXPECT_EQ(Skeletons("حقاني"), Skeletons("Haqqani"));
  EXPECT_EQ(AnalyzeName("سراج الدين حقاني").script, "Arab");
}

TEST(NameAnalysisTest, PashtoAndPersianLettersAreRomanised) {
  // ګ, ښ, ړ and Persian گ/چ are not in plain Arabic; they must still give Latin keys.
  for (const auto& p : AnalyzeName("ګلبدین حکمتیار").parts) {
    EXPECT_FALSE(p.folded.empty());
    for (char c : p.folded) EXPECT_TRUE(c >= 'a' && c <= 'z') << p.folded;
  }
}

TEST(NameAnalysisTest, CyrillicIsTransliterated) {
  EXPECT_EQ(Folded("Замир Кабулов"), (std::vector<std::string>{"zamir", "kabulov"}));
  EXPECT_EQ(Skeletons("Сираджуддин Хаккани"), Skeletons("Sirajuddin Haqqani"));
}

TEST(NameAnalysisTest, SpacingAndHyphenationVariantsOfCompoundsAgree) {
  auto one = Folded("Abdul Rahman");
  EXPECT_EQ(one, Folded("Abdulrahman"));
  EXPECT_EQ(one, Folded("Abd al-Rahman"));
  EXPECT_EQ(one, Folded("Abdel Rahman"));
  EXPECT_EQ(Folded("Siraj ud-Din"), Folded("Sirajuddin"));
  EXPECT_EQ(Folded("Siraj al-Din"), Folded("Sirajuddin"));
  EXPECT_EQ(Folded("Saif Ullah"), Folded("Saifullah"));
}

TEST(NameAnalysisTest, HonorificsAreSetAsideAndParticlesMarkFamilyNames) {
  AnalyzedName name = AnalyzeName("Mullah Haji Abdul Ghani al-Baradar", NameKind::kPerson);
  EXPECT_EQ(name.honorifics, (std::vector<std::string>{"mullah", "haji"}));
  ASSERT_EQ(name.parts.size(), 2u);
  EXPECT_EQ(name.parts[1].role, PartRole::kNisba);
  EXPECT_EQ(name.parts[1].folded, "baradar");
}

TEST(NameAnalysisTest, NasabChainIsReadInOrder) {
  AnalyzedName name = AnalyzeName("Usama bin Muhammad bin Awad bin Ladin", NameKind::kPerson);
  ASSERT_TRUE(name.has_nasab);
  ASSERT_EQ(name.parts.size(), 4u);
  EXPECT_EQ(name.parts[0].role, PartRole::kGiven);
  EXPECT_EQ(name.parts[1].nasab_position, 1);
  EXPECT_EQ(name.parts[2].nasab_position, 2);
  EXPECT_EQ(name.parts[3].nasab_position, 3);
}

TEST(NameAnalysisTest, CommonPartsWeighLittle) {
  AnalyzedName name = AnalyzeName("Mohammad Sirajuddin");
  EXPECT_LT(name.parts[0].weight, 0.5);
  EXPECT_EQ(name.parts[1].weight, 1.0);
}

TEST(NameAnalysisTest, ListOrderWithCommaIsInverted) {
  EXPECT_EQ(Folded("HAQQANI, Sirajuddin", NameKind::kPerson), Folded("Sirajuddin Haqqani"));
  // A legal form after the comma is not a given name.
  EXPECT_EQ(Folded("Acme Trading, Ltd.", NameKind::kAny), Folded("Acme Trading Ltd"));
}

TEST(NameAnalysisTest, OrganisationLegalFormsAndNumbers) {
  EXPECT_EQ(Folded("Open Joint Stock Company Gazprom", NameKind::kOrganization),
            Folded("OAO Gazprom", NameKind::kOrganization));
  EXPECT_EQ(Folded("Brigade Forty-Four", NameKind::kOrganization),
            Folded("Brigade 44", NameKind::kOrganization));
  EXPECT_EQ(Folded("U.S. Department of State", NameKind::kOrganization),
            Folded("United States Department of State", NameKind::kOrganization));
  AnalyzedName org = AnalyzeName("Haqqani Trading LLC", NameKind::kOrganization);
  EXPECT_EQ(org.parts.back().role, PartRole::kLegalForm);
}

TEST(NameAnalysisTest, JoinedFormMeetsSpacedForm) {
  EXPECT_EQ(AnalyzeName("al Qaeda").joined, AnalyzeName("Alqaeda").joined);
}

TEST(NameAnalysisTest, SlashesSeparateAlternativeNames) {
  EXPECT_EQ(SplitAlternatives("Al-Qa'ida/Islamic Army"),
            (std::vector<std::string>{"Al-Qa'ida", "Islamic Army"}));
  EXPECT_EQ(SplitAlternatives("Maersk A/S"), (std::vector<std::string>{"Maersk A/S"}));
  EXPECT_EQ(SplitAlternatives("Haqqani Network"), (std::vector<std::string>{"Haqqani Network"}));
}

TEST(NameAnalysisTest, DoubledLettersAreOneConsonantButRepeatedOnesAreTwo) {
  EXPECT_EQ(Skeletons("Hassan"), Skeletons("Hasan"));
  EXPECT_EQ(Skeletons("Hanan"), std::vector<std::string>{"hnn"});
  EXPECT_EQ(Skeletons("حنان"), std::vector<std::string>{"hnn"});
  EXPECT_NE(Skeletons("Khan"), Skeletons("Hanan"));
}

TEST(NameAnalysisTest, UrduFinalHehIsAVowel) {
  EXPECT_EQ(Folded("آمنہ"), std::vector<std::string>{"amna"});
  EXPECT_EQ(Folded("حمزہ"), std::vector<std::string>{"hmza"});
  EXPECT_EQ(Folded("شہناز")[0].substr(0, 3), "shn");
}

TEST(NameAnalysisTest, AmirIsATitleOnlyWhenAnotherNameRemains) {
  EXPECT_EQ(Folded("HAMZA, Amir", NameKind::kPerson), (std::vector<std::string>{"amir", "hamza"}));
  EXPECT_EQ(Folded("Amir Hamza Rabbani", NameKind::kPerson),
            (std::vector<std::string>{"hamza", "rabbani"}));
  EXPECT_EQ(Folded("Mullah Omar", NameKind::kPerson), std::vector<std::string>{"omar"});
}

TEST(NameAnalysisTest, AWordMarkedAsTheFamilyNameIsNoTitle) {
  EXPECT_EQ(Folded("HAFIZ, Ramiro", NameKind::kPerson),
            (std::vector<std::string>{"ramiro", "hafiz"}));
  EXPECT_EQ(Folded("Majeed HAJJI", NameKind::kPerson),
            (std::vector<std::string>{"majeed", "hajji"}));
  EXPECT_EQ(Folded("Hafiz Majeed", NameKind::kPerson), std::vector<std::string>{"majeed"});
}

TEST(NameAnalysisTest, DigitsThatImitateLettersAreReadAsLetters) {
  // Between letters, 0 1 3 4 5 7 8 9 stand for o i e a s t b g: an evasion
  // of screening (name-bench nk_checks "Alphanumeric Swap").
  using Words = std::vector<std::string>;
  EXPECT_EQ(Folded("Ig0r Sech1n"), (Words{"igor", "sechin"}));
  EXPECT_EQ(Folded("I9or Sech1n", NameKind::kPerson), (Words{"igor", "sechin"}));
  EXPECT_EQ(Folded("Vl4d1m1r"), (Words{"vladimir"}));
  // Not numbers, not digits at the edge of a word, not organisations' codes.
  EXPECT_EQ(Folded("Boeing 737"), (Words{"boeing", "737"}));
  EXPECT_EQ(Folded("Zu Zag Bong 6"), (Words{"zu", "zag", "bong", "6"}));
  EXPECT_EQ(Folded("X5 Retail Group", NameKind::kOrganization)[0], "x5");
  EXPECT_EQ(Folded("B4B Trading", NameKind::kOrganization)[0], "b4b");
}

TEST(NameAnalysisTest, LongLegalFormsMisspelledAreStillLegalForms) {
  using Words = std::vector<std::string>;
  EXPECT_EQ(Folded("Siemens Aktiengeselschaft", NameKind::kOrganization), (Words{"siemens", "ag"}));
  EXPECT_EQ(Folded("Acme Corporaton", NameKind::kOrganization), (Words{"acme", "corp"}));
  EXPECT_EQ(Folded("Acme Incorperated", NameKind::kOrganization), (Words{"acme", "inc"}));
  // Another first letter, or a short word, is a name.
  EXPECT_EQ(Folded("Acme Karporation", NameKind::kOrganization), (Words{"acme", "karporation"}));
  EXPECT_EQ(Folded("Acme Cortina", NameKind::kOrganization), (Words{"acme", "cortina"}));
}

TEST(NameAnalysisTest, TitlesBeforeANameAreSetAside) {
  using Words = std::vector<std::string>;
  EXPECT_EQ(Folded("President Erdogan"), (Words{"erdogan"}));
  EXPECT_EQ(Folded("Prime Minister Narendra Modi"), (Words{"narendra", "modi"}));
  EXPECT_EQ(Folded("Monsieur Ilie-Gabril Bolojan"), (Words{"ilie", "gabril", "bolojan"}));
  EXPECT_EQ(AnalyzeName("Monsieur Ilie Bolojan").honorifics, (Words{"monsieur"}));
  // Only before the name, and never the whole name: King and Major are
  // also family names.
  EXPECT_EQ(Folded("Martin Luther King"), (Words{"martin", "luther", "king"}));
  EXPECT_EQ(Folded("John Major"), (Words{"john", "major"}));
  EXPECT_EQ(Folded("King"), (Words{"king"}));
}

TEST(NameAnalysisTest, InvisibleCharactersNeitherSplitNorJoinWords) {
  const std::vector<std::string> siraj = {"sirajdin", "haqqani"};
  for (const char* invisible : {"\u200B", "\u200C", "\u200D", "\u00AD", "\u2060", "\uFEFF"}) {
    std::string s = invisible;
    std::string spaced;
    for (char c : std::string("Sirajuddin")) spaced += std::string(1, c) + s;
    spaced += " Haq" + s + "qani";
    EXPECT_EQ(Folded(spaced, NameKind::kPerson), siraj) << spaced;
  }
  // The name as written is kept for display.
  EXPECT_EQ(AnalyzeName("Siraj\u200B Haqqani").original, "Siraj\u200B Haqqani");
  EXPECT_EQ(AnalyzeName("سراج\u200Cالدين حقاني").script, "Arab");
  EXPECT_EQ(Folded("سراج\u200Cالدين حقاني"), Folded("سراجالدين حقاني"));
}

TEST(NameAnalysisTest, ArabicScriptNamesHaveTheirOwnHonorifics) {
  // عمر (Umar) romanises to "mr": a name, not the Latin "Mr".
  EXPECT_EQ(Skeletons("محمد عمر"), Skeletons("Mohammed Omar"));
  EXPECT_EQ(Folded("Mr Mohammed Omar", NameKind::kPerson), Folded("Mohammed Omar"));
  // ملا (Mullah) and حاجی (Haji) are titles, as in Latin.
  AnalyzedName mullah = AnalyzeName("ملا محمد عمر", NameKind::kPerson);
  EXPECT_EQ(mullah.honorifics, std::vector<std::string>{"mla"});
  EXPECT_EQ(Skeletons("ملا محمد عمر"), Skeletons("Mullah Mohammed Omar"));
  EXPECT_EQ(Folded("حاجی عبدالغنی برادر", NameKind::kPerson), Folded("عبدالغنی برادر"));
}

TEST(NameAnalysisTest, ArabicScriptCompoundsWrittenAsOneWordMeetTheSpacedAndLatinForms) {
  // Persian and Pashto join them, often with a zero-width non-joiner.
  EXPECT_EQ(Folded("سراج\u200Cالدین حقانی"), Folded("سراج الدين حقاني"));
  EXPECT_EQ(Folded("سراجالدين حقاني"), Folded("سراج الدين حقاني"));
  EXPECT_EQ(Skeletons("سراج\u200Cالدین حقانی"), Skeletons("Sirajuddin Haqqani"));
  EXPECT_EQ(Folded("هبت\u200Cالله"), Folded("هبت الله"));
  EXPECT_EQ(Skeletons("هبت\u200Cالله"), Skeletons("Hibatullah"));
  EXPECT_EQ(Folded("حبيبالله"), Folded("حبيب الله"));
  EXPECT_EQ(Skeletons("حبيبالله"), Skeletons("Habibullah"));
  // Too short to hold a compound, or none at all: as romanised.
  EXPECT_EQ(Folded("الدین"), std::vector<std::string>{"dyn"});
  EXPECT_EQ(Folded("جلال"), std::vector<std::string>{"jlal"});
}

using Sources = std::vector<std::string>;

TEST(NameAnalysisTest, PartSourcesNameTheWrittenWordsOfEachPart) {
  // Compounds read from several words, particles and honorifics.
  EXPECT_EQ(PartSources("Siraj al-Din Haqqani", NameKind::kPerson),
            (Sources{"Siraj al-Din", "Haqqani"}));
  EXPECT_EQ(PartSources("Mullah Haji Abdul Ghani al-Baradar", NameKind::kPerson),
            (Sources{"Abdul Ghani", "al-Baradar"}));
  EXPECT_EQ(PartSources("Abd al Rahman al Qasim", NameKind::kPerson),
            (Sources{"Abd al Rahman", "al Qasim"}));
  // Arabic script: the article split from its word stays with it.
  EXPECT_EQ(PartSources("سراج الدين حقاني"), (Sources{"سراج الدين", "حقاني"}));
  // Cyrillic, and the list order with a comma (given names first).
  EXPECT_EQ(PartSources("Евгений Пригожин"), (Sources{"Евгений", "Пригожин"}));
  EXPECT_EQ(PartSources("HAQQANI, Sirajuddin", NameKind::kPerson),
            (Sources{"Sirajuddin", "HAQQANI"}));
  // The nasab chain: markers belong to no part.
  EXPECT_EQ(PartSources("Usama bin Muhammad bin Ladin", NameKind::kPerson),
            (Sources{"Usama", "Muhammad", "Ladin"}));
  // Organisations: a legal form written in words is one part.
  EXPECT_EQ(PartSources("Alfa Open Joint Stock Company", NameKind::kOrganization),
            (Sources{"Alfa", "Open Joint Stock Company"}));
  EXPECT_EQ(PartSources("Brigade Forty-Four", NameKind::kOrganization),
            (Sources{"Brigade", "Forty-Four"}));
  // Invisible characters are not in the sources.
  EXPECT_EQ(PartSources("Siraj\u200Buddin Haqqani"), (Sources{"Sirajuddin", "Haqqani"}));
}

TEST(NameAnalysisTest, PartSourcesHaveOneEntryPerPart) {
  for (const char* name :
       {"ګلبدین حکمتیار", "Сираджуддин Хаккани", "金正恩", "Open Joint Stock Company",
        "U.S. Department of State", "al", "O'Neil-Smith Jr.", "محمد الله مطيع"})
    for (NameKind kind : {NameKind::kAny, NameKind::kPerson, NameKind::kOrganization}) {
      const auto parts = AnalyzeName(name, kind).parts;
      const auto sources = PartSources(name, kind);
      ASSERT_EQ(sources.size(), parts.size()) << name;
      for (const auto& s : sources) EXPECT_FALSE(s.empty()) << name;
    }
}

TEST(NameAnalysisTest, EmptyAndPunctuationOnlyNamesHaveNoParts) {
  EXPECT_TRUE(AnalyzeName("").parts.empty());
  EXPECT_TRUE(AnalyzeName(" - , . ").parts.empty());
}

}  // namespace
}  // namespace vigil::match
