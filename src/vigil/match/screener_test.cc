#include "vigil/match/screener.h"

#include <fmt/format.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>

namespace vigil::match {
namespace {

RecordInput Record(std::string key, std::string kind,
                   std::vector<std::pair<std::string, ListedNameType>> names,
                   std::vector<std::string> dobs = {}, std::vector<std::string> countries = {}) {
  RecordInput r;
  r.key = std::move(key);
  r.dataset = "test-list";
  r.entity_kind = std::move(kind);
  for (auto& [text, type] : names) r.names.push_back({text, type});
  r.birth_dates = std::move(dobs);
  r.countries = std::move(countries);
  r.designations.push_back({"UN", "1988", "UN list", "TAi.000", "2010-01-01"});
  return r;
}

constexpr auto kPrimary = ListedNameType::kPrimary;
constexpr auto kAlias = ListedNameType::kAlias;
constexpr auto kWeak = ListedNameType::kWeakAlias;
constexpr auto kOriginal = ListedNameType::kOriginalScript;

class ScreenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<RecordInput> records = {
        Record("sirajuddin", "person",
               {{"Sirajuddin Jallaloudine Haqqani", kPrimary},
                {"Siraj Haqqani", kAlias},
                {"Khalifa", kWeak},
                {"سراج الدین حقانی", kOriginal}},
               {"1973/1980"}, {"Afghanistan"}),
        Record("haqqani-network", "organization",
               {{"Haqqani Network", kPrimary}, {"HQN", kAlias}}),
        Record("salman-rawi", "person", {{"Salman bin Muhammad al-Rawi", kPrimary}}, {"1965"},
               {"Iraq"}),
        Record("abu-khalid", "person", {{"Abu Khalid", kWeak}, {"Abdul Karim Tokhi", kPrimary}}),
        Record("al-qaida", "organization",
               {{"Al-Qaida", kPrimary}, {"The Base", kAlias}, {"القاعدة", kOriginal}}),
    };
    list_ = WatchList::Build(std::move(records), {{"test-list", "un-list", "v1", "", "", 5}}, 1);
    index_ = CandidateIndex::Build(list_);
  }

  std::vector<std::string> Keys(const ScreenQuery& q) {
    Screener screener(list_, index_);
    std::vector<std::string> keys;
    for (const auto& hit : screener.Screen(q).hits) keys.push_back(list_.records()[hit.record].key);
    return keys;
  }
  std::vector<std::string> Keys(std::string name) {
    ScreenQuery q;
    q.name = std::move(name);
    return Keys(q);
  }

  WatchList list_;
  CandidateIndex index_;
};

TEST_F(ScreenerTest, FindsRecordsBehindAliasesSpellingsAndScripts) {
  EXPECT_EQ(Keys("Siraj Haqqani").front(), "sirajuddin");
  EXPECT_EQ(Keys("Sirajuddin Haqani").front(), "sirajuddin");
  EXPECT_EQ(Keys("Serajuddin Haqqani").front(), "sirajuddin");
  EXPECT_EQ(Keys("Сираджуддин Хаккани").front(), "sirajuddin");
  EXPECT_EQ(Keys("سراج الدين حقاني").front(), "sirajuddin");
  EXPECT_EQ(Keys("alqaida").front(), "al-qaida");
  EXPECT_EQ(Keys("Al Qaeda").front(), "al-qaida");
  EXPECT_EQ(Keys("Haqqani Netwrok").front(), "haqqani-network");
}

TEST_F(ScreenerTest, UnrelatedNamesFindNothing) {
  EXPECT_TRUE(Keys("Jonathan Smith").empty());
  EXPECT_TRUE(Keys("Mohammad").empty());
}

TEST_F(ScreenerTest, WeakAliasesNeverCreateAMatch) {
  EXPECT_TRUE(Keys("Khalifa").empty());
  EXPECT_TRUE(Keys("Abu Khalid").empty());
}

TEST_F(ScreenerTest, NasabOrderRuleHolds) {
  EXPECT_TRUE(Keys("Muhammad bin Salman al-Rawi").empty());
  EXPECT_EQ(Keys("Salman bin Mohammed al-Rawi").front(), "salman-rawi");
}

TEST_F(ScreenerTest, BirthDateAndCountrySupportOrContradictButNeverDecideAlone) {
  Screener screener(list_, index_);
  ScreenQuery q;
  q.name = "Siraj Haqqani";
  q.threshold = 0;
  double plain = screener.Screen(q).hits.front().score;
  q.birth_date = "1975";
  q.country = "AF";
  const Hit supported = screener.Screen(q).hits.front();
  EXPECT_GE(supported.score, plain - 1e-9);
  q.birth_date = "1950";
  q.country = "FR";
  const Hit contradicted = screener.Screen(q).hits.front();
  EXPECT_LT(contradicted.score, plain);
  bool dob = false, country = false;
  for (const auto& e : contradicted.evidence) {
    dob |= e.kind == "birth_date" && e.effect < 0;
    country |= e.kind == "country" && e.effect < 0;
  }
  EXPECT_TRUE(dob);
  EXPECT_TRUE(country);
  // A matching birth date does not make an unrelated name a hit.
  ScreenQuery other;
  other.name = "Jonathan Smith";
  other.birth_date = "1975";
  EXPECT_TRUE(screener.Screen(other).hits.empty());
}

TEST_F(ScreenerTest, KindExcludesTheOtherKind) {
  ScreenQuery q;
  q.name = "Haqqani Network";
  q.kind = NameKind::kPerson;
  EXPECT_TRUE(Keys(q).empty());
  q.kind = NameKind::kOrganization;
  EXPECT_EQ(Keys(q).front(), "haqqani-network");
}

TEST_F(ScreenerTest, ExcludedNameBehavesAsIfNotListed) {
  ScreenQuery q;
  q.name = "The Base";
  EXPECT_EQ(Keys(q).front(), "al-qaida");
  for (uint32_t id = 0; id < list_.names().size(); ++id)
    if (list_.names()[id].analysis.original == "The Base") q.exclude_name = id;
  EXPECT_TRUE(Keys(q).empty());
}

TEST_F(ScreenerTest, InvisibleCharactersInTheQueryAreRemovedAndReported) {
  Screener screener(list_, index_);
  ScreenQuery q;
  q.name = "S\u200Bi\u200Br\u200Baj Haq\u00ADqa\u2060ni";
  ScreenResult r = screener.Screen(q);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(list_.records()[r.hits.front().record].key, "sirajuddin");
  EXPECT_EQ(r.cleaning.text, "Siraj Haqqani");
  EXPECT_EQ(DescribeRemoved(r.cleaning.removed),
            "U+200B ZERO WIDTH SPACE x3, U+00AD SOFT HYPHEN, U+2060 WORD JOINER");
  EXPECT_FALSE(r.hits.front().displayed);
}

TEST_F(ScreenerTest, ANameShownInOrderByABidiOverrideIsScreenedAsShown) {
  // Shown as "Siraj Haqqani"; written backwards.
  Screener screener(list_, index_);
  ScreenQuery q;
  q.name = "\u202EinaqqaH jariS\u202C";
  ScreenResult r = screener.Screen(q);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(list_.records()[r.hits.front().record].key, "sirajuddin");
  EXPECT_TRUE(r.hits.front().displayed);
  EXPECT_EQ(r.cleaning.displayed, "Siraj Haqqani");
  ASSERT_EQ(r.displayed.parts.size(), 2u);
  // The name written in order inside the override meets as written.
  q.name = "\u202ESiraj Haqqani\u202C";
  r = screener.Screen(q);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(list_.records()[r.hits.front().record].key, "sirajuddin");
  EXPECT_FALSE(r.hits.front().displayed);
}

TEST(ScreenerListTest, InvisibleCharactersInAListedNameAreRemovedToo) {
  RecordInput r = Record("hidden", "person", {{"Sira\u200Bjuddin Haq\u200Dqani", kPrimary}});
  WatchList list = WatchList::Build({r}, {}, 1);
  CandidateIndex index = CandidateIndex::Build(list);
  ScreenQuery q;
  q.name = "Sirajuddin Haqqani";
  ScreenResult result = Screener(list, index).Screen(q);
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_DOUBLE_EQ(result.hits[0].score, 1.0);
}

TEST(ScreenerListTest, HitsThatAllScoreOneAreRankedByTheEvidenceBeyondIt) {
  // Three people listed under one exact name: the order of their hits must
  // say which the birth date and nationality support, though every score is
  // held to 1.0. Keys are chosen so that key order would rank them wrongly.
  WatchList list = WatchList::Build(
      {Record("a-other-country", "person", {{"Abdul Rauf Zakir", kPrimary}}, {}, {"PK"}),
       Record("b-name-only", "person", {{"Abdul Rauf Zakir", kPrimary}}),
       Record("c-all-agree", "person", {{"Abdul Rauf Zakir", kPrimary}}, {"1972-03-01"},
              {"AF"})},
      {}, 1);
  CandidateIndex index = CandidateIndex::Build(list);
  ScreenQuery q;
  q.name = "Abdul Rauf Zakir";
  q.birth_date = "1972-03-01";
  q.country = "AF";
  ScreenResult result = Screener(list, index).Screen(q);
  ASSERT_EQ(result.hits.size(), 3u);
  std::vector<std::string> order;
  for (const Hit& h : result.hits) order.push_back(list.records()[h.record].key);
  EXPECT_EQ(order, (std::vector<std::string>{"c-all-agree", "b-name-only", "a-other-country"}));
  EXPECT_DOUBLE_EQ(result.hits[0].score, 1.0);
  EXPECT_DOUBLE_EQ(result.hits[1].score, 1.0);
  EXPECT_GT(result.hits[0].rank_score, 1.05);  // same day +0.06, nationality +0.03
  EXPECT_DOUBLE_EQ(result.hits[1].rank_score, 1.0);
  EXPECT_LT(result.hits[2].rank_score, 1.0);  // nationality differs
  EXPECT_DOUBLE_EQ(result.hits[2].score, result.hits[2].rank_score);
}

// Made-up names for filler records: consonant-vowel syllables, distinct for
// distinct i.
std::string Syllables(int i, int count) {
  static constexpr std::string_view kConsonants = "bdfgklmprstvz";
  static constexpr std::string_view kVowels = "aeiou";
  std::string out;
  for (int k = 0; k < count; ++k) {
    int digit = i % 65;
    i /= 65;
    out += kConsonants[static_cast<size_t>(digit / 5)];
    out += kVowels[static_cast<size_t>(digit % 5)];
  }
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// A made-up list, indexed, screened one name at a time.
struct IndexedList {
  WatchList list;
  CandidateIndex index;
  explicit IndexedList(std::vector<RecordInput> records)
      : list(WatchList::Build(std::move(records), {}, 1)), index(CandidateIndex::Build(list)) {}
  ScreenResult Screen(std::string name, const ScreenerOptions& options,
                      double threshold = kDefaultScreenThreshold) const {
    ScreenQuery q;
    q.name = std::move(name);
    q.threshold = threshold;
    return Screener(list, index, options).Screen(q);
  }
  const std::string& TopKey(const ScreenResult& result) const {
    return list.records()[result.hits[0].record].key;
  }
};

TEST(ScreenerListTest, ATypoInACommonPartIsNarrowedByTheOtherPartsNotDropped) {
  // A large list: 300 Ruslans (so that every one-typo key of "ruslan" is
  // shared by more names than max_typo_postings) and 40 Zakharovs, of whom
  // the Ruslan is listed last. "Ruslam Zakharov" changes the skeleton
  // (rslm), so only the one-typo keys of "ruslam" reach "ruslan"; they were
  // dropped for their size, leaving every Zakharov with the same coverage
  // and the 24 with the smallest ids as the only candidates: no hit.
  std::vector<RecordInput> records;
  for (int i = 0; i < 300; ++i)
    records.push_back(Record(fmt::format("r{}", i), "person",
                             {{fmt::format("Ruslan {}ov", Syllables(i, 4)), kPrimary}}));
  for (int i = 0; i < 40; ++i)
    records.push_back(Record(fmt::format("z{}", i), "person",
                             {{Syllables(i, 3) + "ar Zakharov", kPrimary}}));
  records.push_back(Record("zz-target", "person", {{"Ruslan Zakharov", kPrimary}}));
  const IndexedList listed(std::move(records));
  ScreenerOptions options;
  ASSERT_GT(listed.index.Find(KeyType::kDeletion, "rusla").size(), options.max_typo_postings);
  ScreenResult result = listed.Screen("Ruslam Zakharov", options);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(listed.TopKey(result), "zz-target");
}

TEST(ScreenerListTest, ACommonPartOnlyNarrowsTheNamesTheRarestPartReached) {
  // 500 Joses and one Jose Mumin: with a seeding budget of 64 postings,
  // "mumin" seeds (one name) and "jose" only credits that name, so one
  // candidate is scored instead of the 24 Joses with the smallest ids.
  std::vector<RecordInput> records;
  for (int i = 0; i < 500; ++i) {
    std::string name = "Jose ";
    name += Syllables(i, 4);
    records.push_back(Record(std::to_string(i), "person", {{name, kPrimary}}));
  }
  records.push_back(Record("target", "person", {{"Jose Mumin", kPrimary}}));
  const IndexedList listed(std::move(records));
  ScreenerOptions options;
  options.max_seed_postings = 64;
  ScreenResult result = listed.Screen("Jose Mumin", options);
  ASSERT_EQ(result.hits.size(), 1u);
  EXPECT_EQ(listed.TopKey(result), "target");
  EXPECT_EQ(result.candidates, 1u);
}

TEST(ScreenerListTest, AMisspeltPartReachingFewestNamesSeedsWithItsCommonTypoKeys) {
  // 300 Gulnaras (so "gunara", the one-typo key that "Gunara" shares with
  // "gulnara", is over max_typo_postings) and 1,000 Abdallahs, of whom the
  // Gulnara is listed last. "Gunara" reaches fewest names, so it seeds with
  // all of its keys, the one over the cap included; "abdallah" narrows. Had
  // the key over the cap been left out of the seeds, no name would carry
  // both parts and the target would not be found.
  std::vector<RecordInput> records;
  for (int i = 0; i < 1300; ++i) {
    std::string name = i < 300 ? "Gulnara " : "";
    name += Syllables(i, 4);
    if (i >= 300) name += " Abdallah";
    records.push_back(Record(std::to_string(i), "person", {{name, kPrimary}}));
  }
  records.push_back(Record("zz-target", "person", {{"Gulnara Abdallah", kPrimary}}));
  const IndexedList listed(std::move(records));
  ScreenerOptions options;
  options.max_seed_postings = 64;
  ASSERT_GT(listed.index.Find(KeyType::kDeletion, "gunara").size(), options.max_typo_postings);
  ASSERT_TRUE(listed.index.Find(KeyType::kPart, "gunara").empty());
  ScreenResult result = listed.Screen("Gunara Abdallah", options);
  EXPECT_FALSE(result.fallback);  // found by its parts, not by letter trigrams
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(listed.TopKey(result), "zz-target");
  EXPECT_LE(result.candidates, options.max_candidates);
}

TEST(ScreenerListTest, NamesTiedAtTheCandidateCutAreToldApartByTheirLettersNotTheirPlace) {
  // 72 Karims whose second part is "nadir" with one more consonant that
  // the query "Karim Nadirk" lacks (none that sounds like its k), all listed
  // before the Karim Nadiri sought. Each second part shares with "nadirk"
  // the one-typo key "nadir" and nothing else, so all 73 names tie on
  // look-up coverage; cut by position, the target was left out.
  std::vector<RecordInput> records;
  constexpr std::string_view kOther = "bfhjlpstvwyz";
  for (char c : kOther) {
    for (size_t at = 0; at <= 5; ++at) {
      std::string part = "nadir";
      part.insert(at, 1, c);
      part[0] = static_cast<char>(part[0] - 'a' + 'A');
      records.push_back(
          Record(fmt::format("{}-{}", part, at), "person", {{fmt::format("Karim {}", part), kPrimary}}));
    }
  }
  records.push_back(Record("zz-target", "person", {{"Karim Nadiri", kPrimary}}));
  const IndexedList listed(std::move(records));
  ScreenerOptions options;
  options.tie_break_from_names = 0;  // as on a list of millions
  ScreenResult result = listed.Screen("Karim Nadirk", options);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(listed.TopKey(result), "zz-target");
  options.max_tied_candidates = 0;  // the cut by position
  result = listed.Screen("Karim Nadirk", options);
  EXPECT_TRUE(result.hits.empty() || listed.TopKey(result) != "zz-target");
  options = ScreenerOptions();  // a short list: by position, as before
  result = listed.Screen("Karim Nadirk", options);
  EXPECT_TRUE(result.hits.empty() || listed.TopKey(result) != "zz-target");
}

TEST(ScreenerListTest, ANameOnlyAOneTypoKeyFindsIsNotCrowdedOutByConsonantMatches) {
  // "Ali Csad" for "Ali Chad": 60 Alis whose other part has the consonants
  // of "csad" (k s d) with other vowels, all listed before the Chad sought,
  // each credited more by the consonant key than "chad" is by its one-typo
  // key ("cad"); they filled the 24 candidates and the name went unscored.
  std::vector<RecordInput> records;
  constexpr std::string_view kVowels = "aeiou";
  int n = 0;
  for (char first : std::string_view("ck"))
    for (char v1 : kVowels)
      for (char v2 : kVowels)
        for (char end : std::string_view("ao")) {
          if (n == 60) break;
          std::string part = {first, v1, 's', v2, 'd', end};
          part[0] = static_cast<char>(part[0] - 'a' + 'A');
          records.push_back(Record(fmt::format("decoy-{}", n++), "person", {{fmt::format("Ali {}", part), kPrimary}}));
        }
  records.push_back(Record("zz-target", "person", {{"Ali Chad", kPrimary}}));
  const IndexedList listed(std::move(records));
  auto found = [&](const ScreenResult& result) {
    return std::any_of(result.hits.begin(), result.hits.end(), [&](const Hit& h) {
      return listed.list.records()[h.record].key == "zz-target";
    });
  };
  ScreenerOptions options;
  EXPECT_TRUE(found(listed.Screen("Ali Csad", options, 0.3)));
  options.typo_reserved_candidates = 0;
  EXPECT_FALSE(found(listed.Screen("Ali Csad", options, 0.3)));
}

TEST(ScreenQueryTest, ValidateNamesTheFieldAndTheProblem) {
  ScreenQuery q;
  q.name = "Sirajuddin Haqqani";
  EXPECT_TRUE(q.Validate().ok());
  auto message = [](const ScreenQuery& query) { return std::string(query.Validate().message()); };
  ScreenQuery bad = q;
  bad.threshold = std::nan("");
  EXPECT_EQ(message(bad), "threshold: must be a number between 0 and 1, got nan");
  bad.threshold = std::numeric_limits<double>::infinity();
  EXPECT_EQ(message(bad), "threshold: must be a number between 0 and 1, got inf");
  bad.threshold = -1;
  EXPECT_EQ(message(bad), "threshold: must be a number between 0 and 1, got -1");
  bad.threshold = 1.5;
  EXPECT_EQ(bad.Validate().code(), absl::StatusCode::kInvalidArgument);
  bad = q;
  bad.top = 0;
  EXPECT_EQ(message(bad), "top: must be a whole number between 1 and 1000, got 0");
  bad.top = 1001;
  EXPECT_FALSE(bad.Validate().ok());
  bad = q;
  bad.name = "";
  EXPECT_EQ(message(bad), "name: is empty");
  bad.name = " \t ";
  EXPECT_EQ(message(bad), "name: is blank");
  bad.name = "\u200B\u200B\u202E";
  EXPECT_EQ(message(bad),
            "name: has no letters or digits once invisible characters are removed (U+200B ZERO "
            "WIDTH SPACE x2, U+202E RIGHT-TO-LEFT OVERRIDE)");
  bad.name = "--";
  EXPECT_EQ(message(bad), "name: has no letters or digits");
  bad = q;
  bad.birth_date = "last year";
  EXPECT_EQ(message(bad),
            "birth_date: 'last year' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or FROM/TO)");
  bad = q;
  bad.country = "Narnia";
  EXPECT_EQ(message(bad),
            "country: 'Narnia' names no country (an ISO code or an English name: AF, "
            "Afghanistan)");
  q.threshold = 0;
  q.top = 1000;
  q.birth_date = "1973/1980";
  q.country = "Afghanistan";
  EXPECT_TRUE(q.Validate().ok());
}

// Folding a long non-Latin text through ICU is slower than linear (a
// 600 KB name took 2.4 s, found by fuzz_country): a query's name and
// country are refused past a length no real one reaches, before any
// folding.
TEST(ScreenQueryTest, OverlongNamesAndCountriesAreRefusedBeforeFolding) {
  std::string longest;
  while (longest.size() + 2 <= 1000) longest += "é";  // two bytes each
  EXPECT_EQ(NameProblem(longest), "");
  EXPECT_EQ(NameProblem(longest + "ab"),
            "is 1002 bytes long, more than the 1000 a name may have");
  std::string huge;
  for (int i = 0; i < 300000; ++i) huge += "é&";
  auto start = std::chrono::steady_clock::now();
  EXPECT_NE(NameProblem(huge), "");
  EXPECT_NE(CountryProblem(huge), "");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 1.0);
  EXPECT_EQ(CountryProblem(std::string(201, 'a')),
            "is 201 bytes long: no country's name is longer than 200");
  EXPECT_EQ(CountryProblem("Afghanistan"), "");
}

TEST(BirthDateEvidenceTest, DecaysWithinAYearAndContradictsBeyond) {
  DayRange listed;
  ASSERT_TRUE(ParseDayRange("1973-05-02", &listed));
  DayRange same, near, far;
  ASSERT_TRUE(ParseDayRange("1973-05-02", &same));
  ASSERT_TRUE(ParseDayRange("1974-01", &near));
  ASSERT_TRUE(ParseDayRange("1980", &far));
  double e_same = BirthDateEvidence(same, {listed}).effect;
  double e_near = BirthDateEvidence(near, {listed}).effect;
  double e_far = BirthDateEvidence(far, {listed}).effect;
  EXPECT_GT(e_same, e_near);
  EXPECT_GE(e_near, 0);
  EXPECT_LT(e_far, 0);
  EXPECT_EQ(BirthDateEvidence(same, {}).effect, 0);
}

TEST(DayRangeTest, PartialDatesAndRanges) {
  DayRange r;
  ASSERT_TRUE(ParseDayRange("1970/1972", &r));
  EXPECT_EQ(r.first, DaysFromCivil(1970, 1, 1));
  EXPECT_EQ(r.last, DaysFromCivil(1972, 12, 31));
  ASSERT_TRUE(ParseDayRange("~1973", &r));
  EXPECT_LT(r.first, DaysFromCivil(1973, 1, 1));
  EXPECT_FALSE(ParseDayRange("not a date", &r));
}

// Reference oracle: scoring every listed name. The index must find every
// record that the brute-force scan finds above the threshold.
TEST(ScreenerOracleTest, IndexFindsWhatBruteForceFinds) {
  const std::vector<std::string> given = {"Mohammad", "Abdul",  "Sirajuddin", "Jalaluddin",
                                          "Aziz",     "Omar",   "Gulbuddin",  "Yusuf",
                                          "Khalil",   "Hamid",  "Nasrullah",  "Zakir"};
  const std::vector<std::string> family = {"Haqqani", "Zadran", "Hekmatyar", "Akhund",
                                           "Mansour", "Noorzai", "Baradar",  "Muttaqi",
                                           "Wardak",  "Kakar",   "Stanekzai", "Rahmani"};
  std::mt19937 rng(11);
  std::vector<RecordInput> records;
  for (int i = 0; i < 300; ++i) {
    std::string name = given[rng() % given.size()] + " " + given[rng() % given.size()] + " " +
                       family[rng() % family.size()];
    records.push_back(Record(fmt::format("r{}", i), "person", {{name, kPrimary}}));
  }
  WatchList list = WatchList::Build(records, {}, 1);
  CandidateIndex index = CandidateIndex::Build(list);
  ScreenerOptions options;
  options.max_candidates = 100000;
  Screener screener(list, index, options);
  NameScorer scorer;
  auto mutate = [&](std::string s) {
    size_t at = rng() % s.size();
    switch (rng() % 3) {
      case 0: s.erase(at, 1); break;                     // deletion
      case 1: s.insert(at, 1, 'a'); break;               // insertion
      default: if (at + 1 < s.size()) std::swap(s[at], s[at + 1]);  // transposition
    }
    return s;
  };
  int checked = 0;
  for (int i = 0; i < 200; ++i) {
    std::string query = mutate(records[rng() % records.size()].names[0].text);
    AnalyzedName q = AnalyzeName(query);
    list.ApplyRarity(&q);  // as the screener does
    std::vector<std::string> expected;
    for (const auto& n : list.names())
      if (scorer.Compare(q, n.analysis).score >= kDefaultScreenThreshold)
        expected.push_back(list.records()[n.record].key);
    ScreenQuery sq;
    sq.name = query;
    sq.top = 1000;
    std::vector<std::string> found;
    for (const auto& hit : screener.Screen(sq).hits) found.push_back(list.records()[hit.record].key);
    std::sort(expected.begin(), expected.end());
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, expected) << query;
    checked += !expected.empty();
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace vigil::match
