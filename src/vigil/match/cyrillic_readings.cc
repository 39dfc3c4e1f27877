// How Russian writes names of other languages (see the header).
#include "vigil/match/cyrillic_readings.h"

#include <algorithm>
#include <array>
#include <span>
#include <unordered_set>

namespace vigil::match {
namespace {

bool Vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// ---------------------------------------------------------------- pinyin

// Every syllable of standard Mandarin pinyin, without tones (v for ü).
constexpr std::string_view kPinyin =
    "a o e ai ei ao ou an en ang eng er "
    "yi ya ye yao you yan yin yang ying yong yu yue yuan yun "
    "wu wa wo wai wei wan wen wang weng "
    "ba bo bai bei bao ban ben bang beng bi bie biao bian bin bing bu "
    "pa po pai pei pao pou pan pen pang peng pi pie piao pian pin ping pu "
    "ma mo me mai mei mao mou man men mang meng mi mie miao miu mian min ming mu "
    "fa fo fei fou fan fen fang feng fu "
    "da de dai dei dao dou dan den dang deng dong di die diao diu dian ding du duo dui duan dun "
    "ta te tai tao tou tan tang teng tong ti tie tiao tian ting tu tuo tui tuan tun "
    "na ne nai nei nao nou nan nen nang neng nong ni nie niao niu nian nin niang ning nu nuo "
    "nuan nv nve "
    "la le lai lei lao lou lan lang leng long li lia lie liao liu lian lin liang ling lu luo "
    "luan lun lv lve "
    "ga ge gai gei gao gou gan gen gang geng gong gu gua guo guai gui guan gun guang "
    "ka ke kai kei kao kou kan ken kang keng kong ku kua kuo kuai kui kuan kun kuang "
    "ha he hai hei hao hou han hen hang heng hong hu hua huo huai hui huan hun huang "
    "ji jia jie jiao jiu jian jin jiang jing jiong ju jue juan jun "
    "qi qia qie qiao qiu qian qin qiang qing qiong qu que quan qun "
    "xi xia xie xiao xiu xian xin xiang xing xiong xu xue xuan xun "
    "zha zhe zhi zhai zhei zhao zhou zhan zhen zhang zheng zhong zhu zhua zhuo zhuai zhui zhuan "
    "zhun zhuang "
    "cha che chi chai chao chou chan chen chang cheng chong chu chua chuo chuai chui chuan chun "
    "chuang "
    "sha she shi shai shei shao shou shan shen shang sheng shu shua shuo shuai shui shuan shun "
    "shuang "
    "re ri rao rou ran ren rang reng rong ru ruo rui ruan run "
    "za ze zi zai zei zao zou zan zen zang zeng zong zu zuo zui zuan zun "
    "ca ce ci cai cao cou can cen cang ceng cong cu cuo cui cuan cun "
    "sa se si sai sao sou san sen sang seng song su suo sui suan sun";

const std::unordered_set<std::string_view>& PinyinSet() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string_view>;
    for (size_t at = 0; at < kPinyin.size();) {
      size_t end = kPinyin.find(' ', at);
      if (end == std::string_view::npos) end = kPinyin.size();
      s->insert(kPinyin.substr(at, end - at));
      at = end + 1;
    }
    return s;
  }();
  return *set;
}

// Palladius (Cyrillic), romanised BGN/PCGN: the initial, then the final.
std::string PalladiusInitial(std::string_view initial) {
  if (initial == "zh") return "chzh";
  if (initial == "ch" || initial == "sh") return std::string(initial);
  if (initial == "h") return "kh";
  if (initial == "j" || initial == "z") return "tsz";
  if (initial == "q" || initial == "c") return "ts";
  if (initial == "x") return "s";
  if (initial == "r") return "zh";
  return std::string(initial);
}

std::string PalladiusSyllable(std::string_view syllable) {
  // Syllables without an initial consonant, y- and w- included.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 33> kBare = {
      {{"yi", "i"},    {"ya", "ya"},    {"ye", "ye"},     {"yao", "yao"}, {"you", "yu"},
       {"yan", "yan"}, {"yin", "in"},   {"yang", "yan"},  {"ying", "in"}, {"yong", "yun"},
       {"yu", "yuy"},  {"yue", "yue"},  {"yuan", "yuan"}, {"yun", "yun"}, {"wu", "u"},
       {"wa", "va"},   {"wo", "vo"},    {"wai", "vay"},   {"wei", "vey"}, {"wan", "van"},
       {"wen", "ven"}, {"wang", "van"}, {"weng", "ven"},  {"ai", "ay"},   {"ei", "ey"},
       {"ang", "an"},  {"eng", "en"},   {"a", "a"},       {"o", "o"},     {"e", "e"},
       {"ao", "ao"},   {"ou", "ou"},    {"er", "er"}}};
  for (const auto& [from, to] : kBare)
    if (syllable == from) return std::string(to);
  if (syllable == "an" || syllable == "en") return std::string(syllable);
  size_t split = syllable.size() >= 2 && syllable[1] == 'h' ? 2 : 1;
  const std::string_view initial = syllable.substr(0, split), final = syllable.substr(split);
  const bool palatal = initial == "j" || initial == "q" || initial == "x";
  const bool sibilant = initial == "z" || initial == "c" || initial == "s";
  std::string out = PalladiusInitial(initial);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kFinal = {
      {{"ai", "ay"},    {"ei", "ey"},    {"ang", "an"},   {"eng", "en"}, {"ong", "un"},
       {"ia", "ya"},    {"ie", "e"},     {"iao", "yao"},  {"iu", "yu"},  {"ian", "yan"},
       {"iang", "yan"}, {"ing", "in"},   {"iong", "yun"}, {"uo", "o"},   {"uai", "uay"},
       {"ui", "uy"},    {"uang", "uan"}, {"ue", "yue"},   {"ve", "yue"}, {"v", "yuy"},
       {"ua", "ua"},    {"uan", "uan"},  {"un", "un"},    {"u", "u"}}};
  if (palatal && final.starts_with('u')) {  // ju, que, xuan: the u is ü
    std::string rest(final.substr(1));
    out += rest.empty() ? "yuy" : "yu" + rest;
    return out;
  }
  if (sibilant && final == "i") return out + "y";           // zi, ci, si: цзы, цы, сы
  if (initial == "h" && final == "ui") return out + "uey";  // хуэй
  for (const auto& [from, to] : kFinal)
    if (final == from) return out + std::string(to);
  return out + std::string(final);  // a, o, e, i, an, en, in, ou, ao, er
}

// ---------------------------------------------------------------- Hepburn

// Hepburn syllables as Polivanov writes them, romanised BGN/PCGN: the
// reading of the whole word, or empty when it is not Hepburn. i_glide: an
// i after a vowel as й (Keiko, Кэйко) rather than и.
std::string PolivanovReading(std::string_view s, bool i_glide) {
  std::string out;
  out.reserve(s.size() + 4);
  auto vowel = [](char c) { return c == 'a' || c == 'i' || c == 'u' || c == 'e' || c == 'o'; };
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (vowel(c)) {
      out += i > 0 && vowel(s[i - 1]) && c == 'i' && i_glide ? 'y' : c;
      ++i;
      continue;
    }
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c == 'n' && !vowel(next) && next != 'y') {  // syllabic n
      out += 'n';
      ++i;
      continue;
    }
    if (c == next && c != 'n') {  // a doubled consonant (っ): kept double
      out += c == 'h' ? 'k' : c;
      ++i;
      continue;
    }
    if (c == 't' && next == 'c') {  // tch (っち)
      out += 't';
      ++i;
      continue;
    }
    // The consonant, and whether a y glide follows it (sh, ch, j, ky...).
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTwo = {
        {{"sh", "s"},
         {"ch", "t"},
         {"ts", "ts"},
         {"ky", "k"},
         {"gy", "g"},
         {"ny", "n"},
         {"hy", "kh"},
         {"my", "m"},
         {"ry", "r"},
         {"by", "b"},
         {"py", "p"},
         {"dy", "d"}}};
    std::string consonant;
    bool glide = false;
    size_t length = 1;
    for (const auto& [from, to] : kTwo)
      if (s.substr(i, 2) == from) {
        consonant = to;
        glide = from != "ts";
        length = 2;
        break;
      }
    if (length == 1) {
      switch (c) {
        case 'k':
        case 's':
        case 't':
        case 'n':
        case 'f':
        case 'm':
        case 'r':
        case 'g':
        case 'd':
        case 'b':
        case 'p':
          consonant = c;
          break;
        case 'h':
          consonant = "kh";
          break;
        case 'w':
          consonant = "v";
          break;
        case 'z':
          consonant = "dz";
          break;
        case 'j':
          consonant = "dz";
          glide = true;
          break;
        case 'y':
          glide = true;
          break;
        default:
          return {};  // l, q, v, x, c alone: not Hepburn
      }
    }
    i += length;
    if (i >= s.size() || !vowel(s[i])) return {};
    const char v = s[i++];
    out += consonant;
    if (!glide) {
      out += v;
    } else if (v == 'i') {
      out += 'i';  // shi си, chi ти, ji дзи
    } else if (v == 'o') {
      out += consonant.empty() ? "ye" : "e";  // ё: ye alone, e after a consonant
    } else if (v == 'e') {
      out += consonant.empty() ? "ye" : "e";
    } else {
      out += 'y';
      out += v;
    }
  }
  return out;
}

// ------------------------------------------------------------ European

// A context a rule needs around its letters.
enum Where : uint8_t {
  kAny = 0,
  kStart = 1,             // at the start of the word
  kEnd = 2,               // at its end
  kBeforeFront = 4,       // before e, i or y
  kAfterVowel = 8,        // after a vowel
  kBeforeVowel = 16,      // before a vowel
  kNotStart = 32,         // not at the start
  kBeforeConsonant = 64,  // before a consonant (not at the end)
};

struct Rule {
  std::string_view from, to;
  uint8_t where = kAny;
};

bool Holds(std::string_view s, size_t i, size_t length, uint8_t where) {
  const size_t after = i + length;
  const char next = after < s.size() ? s[after] : '\0';
  if ((where & kStart) && i != 0) return false;
  if ((where & kEnd) && after != s.size()) return false;
  if ((where & kBeforeFront) && next != 'e' && next != 'i' && next != 'y') return false;
  if ((where & kAfterVowel) && !(i > 0 && Vowel(s[i - 1]))) return false;
  if ((where & kBeforeVowel) && !(next && Vowel(next))) return false;
  if ((where & kNotStart) && i == 0) return false;
  if ((where & kBeforeConsonant) && !(next && !Vowel(next))) return false;
  return true;
}

// The rules in order (the shared list first, then the language's own), the
// first that applies at a place winning; letters no rule covers are kept.
std::string Apply(std::string_view s, std::span<const Rule> first, std::span<const Rule> then) {
  std::string out;
  out.reserve(s.size() + 6);
  for (size_t i = 0; i < s.size();) {
    const Rule* rule = nullptr;
    for (std::span<const Rule> rules : {first, then}) {
      for (const Rule& r : rules)
        if (s.substr(i, r.from.size()) == r.from && Holds(s, i, r.from.size(), r.where)) {
          rule = &r;
          break;
        }
      if (rule) break;
    }
    if (!rule) {
      out += s[i++];
      continue;
    }
    out += rule->to;
    i += rule->from.size();
  }
  return out;
}

// Russian practical transcription of each language, romanised BGN/PCGN
// (х kh, ц ts, ч ch, ш sh, ж zh, й y; ь not written).
// German in both traditions; then each tradition's own rules, tried after
// these (no rule of one starts with a letter where the other's would meet).
constexpr Rule kGermanCommon[] = {
    {"tsch", "ch"}, {"sch", "sh"}, {"chs", "ks"}, {"ch", "kh"},    {"ck", "k"},
    {"tz", "ts"},   {"zz", "ts"},  {"z", "ts"},   {"ph", "f"},     {"th", "t"},
    {"qu", "kv"},   {"dt", "t", kEnd}, {"sp", "shp", kStart},      {"st", "sht", kStart},
    {"w", "v"},     {"ie", "i"},   {"ue", "yu"},  {"oe", "e"},     {"ae", "e"},
    {"h", "", kAfterVowel},        {"y", "i"}};
// Today's practice: h as х, ei as ай (Хайнрих).
constexpr Rule kGerman[] = {
    {"v", "f"},  {"j", "y"},   {"ei", "ay"}, {"ey", "ay"}, {"ai", "ay"},
    {"eu", "oy"}, {"h", "kh"}, {"s", "z", kAfterVowel | kBeforeVowel}};
// The older tradition: h as г, ei as ей, ü as ю (Генрих Гейне, Иоганн).
constexpr Rule kGermanOld[] = {
    {"jo", "io", kStart}, {"j", "y"}, {"ei", "ey"}, {"ey", "ey"}, {"eu", "ey"},
    {"h", "g"},           {"u", "yu", kNotStart}};
constexpr Rule kFrench[] = {{"eaux", "o", kEnd},
                            {"eau", "o"},
                            {"aux", "o", kEnd},
                            {"ault", "o", kEnd},
                            {"aud", "o", kEnd},
                            {"cques", "k", kEnd},
                            {"cque", "k", kEnd},
                            {"ques", "k", kEnd},
                            {"que", "k", kEnd},
                            {"aut", "o", kEnd},
                            {"ots", "o", kEnd},
                            {"ot", "o", kEnd},
                            {"ois", "ua", kEnd},
                            {"oix", "ua", kEnd},
                            {"oit", "ua", kEnd},
                            {"ier", "ye", kEnd},
                            {"iers", "ye", kEnd},
                            {"ez", "e", kEnd},
                            {"et", "e", kEnd},
                            {"ent", "an", kEnd},
                            {"ant", "an", kEnd},
                            {"and", "an", kEnd},
                            {"ond", "on", kEnd},
                            {"ont", "on", kEnd},
                            {"ard", "ar", kEnd},
                            {"art", "ar", kEnd},
                            {"ain", "en", kEnd},
                            {"ein", "en", kEnd},
                            {"in", "en", kEnd},
                            {"es", "", kEnd},
                            {"e", "", kEnd},
                            {"s", "", kEnd},
                            {"t", "", kEnd},
                            {"d", "", kEnd},
                            {"x", "", kEnd},
                            {"z", "", kEnd},
                            {"p", "", kEnd},
                            {"au", "o"},
                            {"ou", "u"},
                            {"oi", "ua"},
                            {"ai", "e"},
                            {"ei", "e"},
                            {"oeu", "e"},
                            {"eu", "e"},
                            {"ie", "ye", kNotStart},
                            {"ch", "sh"},
                            {"j", "zh"},
                            {"ge", "zh", kBeforeVowel},
                            {"g", "zh", kBeforeFront},
                            {"gn", "n"},
                            {"qu", "k"},
                            {"ph", "f"},
                            {"th", "t"},
                            {"c", "s", kBeforeFront},
                            {"ill", "y", kAfterVowel},
                            {"ll", "l"},
                            {"ss", "s"},
                            {"rr", "r"},
                            {"tt", "t"},
                            {"nn", "n"},
                            {"mm", "m"},
                            {"h", ""},
                            {"w", "v"},
                            {"u", "yu"},
                            {"y", "i"},
                            {"c", "k"}};
constexpr Rule kEnglish[] = {{"mc", "mak", kStart},
                             {"wr", "r", kStart},
                             {"kn", "n", kStart},
                             {"hu", "khyu", kStart},
                             {"wh", "u"},
                             {"wa", "uo", kStart},
                             {"sh", "sh"},
                             {"ch", "ch"},
                             {"aw", "ou", kEnd},
                             {"aw", "o"},
                             {"w", "u", kBeforeVowel},
                             {"w", "", kAfterVowel},
                             {"igh", "ay"},
                             {"ght", "t"},
                             {"gh", "", kEnd},
                             {"gh", "", kBeforeConsonant},
                             {"th", "t"},
                             {"tch", "ch"},
                             {"ck", "k"},
                             {"ph", "f"},
                             {"dg", "dzh"},
                             {"ge", "dzh", kEnd},
                             {"ge", "dzh", kBeforeVowel},
                             {"j", "dzh"},
                             {"g", "dzh", kBeforeFront},
                             {"qu", "kv"},
                             {"x", "ks"},
                             {"ee", "i"},
                             {"ea", "i"},
                             {"oo", "u"},
                             {"ou", "au"},
                             {"ow", "ou", kEnd},
                             {"ai", "ey"},
                             {"ay", "ey"},
                             {"ey", "i", kEnd},
                             {"y", "i", kEnd},
                             {"ie", "i"},
                             {"alk", "ok"},
                             {"all", "ol"},
                             {"al", "ol", kBeforeConsonant},
                             {"es", "s", kEnd},
                             {"e", "", kEnd},
                             {"h", "", kAfterVowel},
                             {"h", "kh"},
                             {"c", "s", kBeforeFront},
                             {"c", "k"},
                             {"y", "i", kBeforeConsonant}};
constexpr Rule kItalian[] = {{"gli", "li"},
                             {"gn", "n"},
                             {"sch", "sk"},
                             {"sci", "sh", kBeforeVowel},
                             {"sc", "sh", kBeforeFront},
                             {"cch", "kk"},
                             {"ch", "k"},
                             {"gh", "g"},
                             {"cci", "ch", kBeforeVowel},
                             {"cc", "ch", kBeforeFront},
                             {"ci", "ch", kBeforeVowel},
                             {"c", "ch", kBeforeFront},
                             {"ggi", "dzh", kBeforeVowel},
                             {"gi", "dzh", kBeforeVowel},
                             {"gg", "dzh", kBeforeFront},
                             {"g", "dzh", kBeforeFront},
                             {"zz", "tsts"},
                             {"z", "ts"},
                             {"qu", "kv"},
                             {"h", ""},
                             {"j", "y"},
                             {"x", "ks"},
                             {"c", "k"}};
constexpr Rule kSpanish[] = {{"ll", "y"},
                             {"ch", "ch"},
                             {"j", "kh"},
                             {"gu", "g", kBeforeFront},
                             {"g", "kh", kBeforeFront},
                             {"qu", "k"},
                             {"z", "s"},
                             {"c", "s", kBeforeFront},
                             {"h", ""},
                             {"x", "kh"},
                             {"lh", "ly"},
                             {"nh", "ny"},
                             {"c", "k"}};
constexpr Rule kPortuguese[] = {{"lh", "ly"},
                                {"nh", "ny"},
                                {"ch", "sh"},
                                {"j", "zh"},
                                {"g", "zh", kBeforeFront},
                                {"qu", "k"},
                                {"x", "sh"},
                                {"c", "s", kBeforeFront},
                                {"h", ""},
                                {"ao", "an", kEnd},
                                {"es", "ish", kEnd},
                                {"s", "sh", kEnd},
                                {"c", "k"}};
constexpr Rule kPolish[] = {{"szcz", "shch"},
                            {"sz", "sh"},
                            {"cz", "ch"},
                            {"krz", "ksh"},
                            {"prz", "psh"},
                            {"trz", "tsh"},
                            {"rz", "zh"},
                            {"ch", "kh"},
                            {"cki", "tskiy", kEnd},
                            {"ski", "skiy", kEnd},
                            {"zki", "zkiy", kEnd},
                            {"ck", "tsk"},
                            {"c", "ts"},
                            {"w", "v"},
                            {"j", "y"},
                            {"ie", "e", kNotStart},
                            {"ia", "ya", kNotStart},
                            {"io", "yo", kNotStart},
                            {"iu", "yu", kNotStart}};
constexpr Rule kHungarian[] = {{"sz", "s"}, {"cs", "ch"}, {"zs", "zh"}, {"gy", "d"},
                               {"ny", "n"}, {"ly", "y"},  {"ty", "t"},  {"cz", "ts"},
                               {"s", "sh"}, {"c", "ts"},  {"j", "y"},   {"w", "v"}};
constexpr Rule kDutch[] = {{"sch", "skh"}, {"ch", "kh"}, {"tj", "ch"}, {"oe", "u"}, {"ij", "ey"},
                           {"ui", "ey"},   {"ou", "au"}, {"ee", "e"},  {"aa", "a"}, {"oo", "o"},
                           {"uu", "yu"},   {"ie", "i"},  {"j", "y"},   {"g", "kh"}, {"w", "v"}};
constexpr Rule kNordic[] = {{"skj", "sh"}, {"sj", "sh"}, {"kj", "kh"}, {"hj", "y", kStart},
                            {"j", "y"},    {"aa", "o"},  {"oe", "e"},  {"ae", "e"},
                            {"ch", "kh"},  {"w", "v"}};
constexpr Rule kTurkish[] = {{"c", "dzh"}, {"j", "zh"}, {"y", "y"}};
// Korean (Kontsevich): eo о, eu ы, ae э, oe and oi вэ; a first consonant
// written voiceless (Gi Ки, Bae Пэ, Jang Чан), ch and k aspirated (Choi Чхве).
constexpr Rule kKoreanCommon[] = {
    {"yeo", "e"}, {"eo", "o"}, {"eu", "y"}, {"ae", "e"}, {"oe", "ve"}, {"oi", "ve"},
    {"oo", "u"},  {"ee", "i"}};
constexpr Rule kKorean[] = {
    {"ark", "ak", kEnd}, {"ch", "chkh"}, {"g", "k", kStart}, {"b", "p", kStart},
    {"d", "t", kStart},  {"j", "ch"},    {"r", "n", kStart}, {"l", "r", kEnd},
    {"ng", "n", kEnd},   {"h", "kh"}};
// Without the first consonant made voiceless (Ким Чжон Ын).
constexpr Rule kKoreanVoiced[] = {{"j", "chzh"}, {"ng", "n", kEnd}, {"h", "kh"}};
// Serbian, Croatian, Slovene, Czech and Slovak, their c, č and ć folded to c.
constexpr Rule kSouthSlavic[] = {{"dj", "dzh"}, {"lj", "l"}, {"nj", "n"}, {"ch", "kh"},
                                 {"c", "ch"},   {"j", "y"},  {"w", "v"}};

struct Language {
  std::string_view name;
  std::span<const Rule> shared, rules;  // shared: rules read first, common to a family
};

constexpr Language kLanguages[] = {
    {"german", kGermanCommon, kGerman},    {"german", kGermanCommon, kGermanOld},
    {"french", {}, kFrench},               {"english", {}, kEnglish},
    {"italian", {}, kItalian},             {"spanish", {}, kSpanish},
    {"portuguese", {}, kPortuguese},       {"polish", {}, kPolish},
    {"hungarian", {}, kHungarian},         {"dutch", {}, kDutch},
    {"nordic", {}, kNordic},               {"turkish", {}, kTurkish},
    {"korean", kKoreanCommon, kKorean},    {"korean", kKoreanCommon, kKoreanVoiced},
    {"south slavic", {}, kSouthSlavic}};

// English writes a long vowel with a final e (Stone, White, James): Russian
// writes the sound (Стоун, Уайт, Джеймс). The vowel is marked with a capital
// letter that no rule reads, and spelled out after the rules (EnglishVowels).
std::string EnglishSilentE(std::string_view s) {
  const size_t n = s.size();
  if (n < 4 || s[n - 1] != 'e' || Vowel(s[n - 2]) || !Vowel(s[n - 3]) || s[n - 2] == 'r' ||
      Vowel(s[n - 4]))
    return std::string(s);
  std::string out(s.substr(0, n - 1));
  out[n - 3] = static_cast<char>(out[n - 3] - 'a' + 'A');
  if (out[n - 2] == 'c' || out[n - 2] == 'g') out[n - 2] = static_cast<char>(out[n - 2] - 32);
  return out;
}

std::string EnglishVowels(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case 'A':
        out += "ey";
        break;
      case 'I':
      case 'Y':
        out += "ay";
        break;
      case 'O':
        out += "ou";
        break;
      case 'U':
        out += "yu";
        break;
      case 'E':
        out += "i";
        break;
      case 'C':
        out += 's';
        break;  // Bruce, Брюс
      case 'G':
        out += "dzh";
        break;  // Page, Пейдж
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::vector<std::string_view> PinyinSyllables(std::string_view folded) {
  constexpr size_t kLongest = 6;  // zhuang, shuang, chuang
  const size_t n = folded.size();
  if (n == 0 || n > 36) return {};
  const auto& set = PinyinSet();
  // best[i]: fewest syllables that cover folded[i..]; from[i]: the first one's length.
  std::vector<int> best(n + 1, 1 << 20);
  std::vector<size_t> from(n + 1, 0);
  best[n] = 0;
  for (size_t i = n; i-- > 0;) {
    for (size_t len = std::min(kLongest, n - i); len >= 1; --len) {
      if (best[i + len] + 1 >= best[i] || !set.contains(folded.substr(i, len))) continue;
      best[i] = best[i + len] + 1;
      from[i] = len;
    }
  }
  if (best[0] >= (1 << 20)) return {};
  std::vector<std::string_view> out;
  for (size_t i = 0; i < n; i += from[i]) out.push_back(folded.substr(i, from[i]));
  return out;
}

std::vector<CyrillicReading> CyrillicStyleSpellings(std::string_view folded) {
  std::vector<CyrillicReading> out;
  if (folded.empty() || folded.size() > 40) return out;
  auto add = [&](std::string text, std::string_view as) {
    if (text.empty() || text == folded) return;
    for (const auto& r : out)
      if (r.text == text) return;
    out.push_back({std::move(text), as});
  };
  if (auto syllables = PinyinSyllables(folded); !syllables.empty()) {
    std::string text;
    for (std::string_view syllable : syllables) text += PalladiusSyllable(syllable);
    add(std::move(text), "pinyin");
  }
  add(PolivanovReading(folded, false), "hepburn");
  add(PolivanovReading(folded, true), "hepburn");
  for (const Language& language : kLanguages) {
    if (language.name == "english")
      add(EnglishVowels(Apply(EnglishSilentE(folded), language.shared, language.rules)),
          language.name);
    else
      add(Apply(folded, language.shared, language.rules), language.name);
  }
  // French ç, folded to c, is s before a, o, u too (François, Франсуа).
  std::string cedilla(folded);
  for (size_t i = 0; i + 1 < cedilla.size(); ++i)
    if (cedilla[i] == 'c' &&
        (cedilla[i + 1] == 'a' || cedilla[i + 1] == 'o' || cedilla[i + 1] == 'u'))
      cedilla[i] = 's';
  if (cedilla != folded) add(Apply(cedilla, {}, kFrench), "french");
  return out;
}

}  // namespace vigil::match
