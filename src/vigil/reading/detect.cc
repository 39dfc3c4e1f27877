// Dates, numbers of people, statements and places, from ICU tokens.
#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "vigil/reading/internal/detect.h"

namespace vigil::reading::internal {
namespace {

int Month(const std::u32string& w) {
  static const std::map<std::u32string, int> months = {
      {U"january", 1}, {U"jan", 1},    {U"february", 2}, {U"feb", 2},      {U"march", 3},
      {U"april", 4},   {U"apr", 4},    {U"may", 5},      {U"june", 6},     {U"jun", 6},
      {U"july", 7},    {U"jul", 7},    {U"august", 8},   {U"aug", 8},      {U"september", 9},
      {U"sept", 9},    {U"sep", 9},    {U"october", 10}, {U"oct", 10},     {U"november", 11},
      {U"nov", 11},    {U"december", 12}, {U"dec", 12}};
  auto it = months.find(w);
  return it == months.end() ? 0 : it->second;
}

// The value of a number token ("2,000", "1.5", "12"), or -1.
double NumberValue(const Token& t) {
  if (t.kind != TokenKind::kNumber) return -1;
  std::string digits;
  for (char32_t c : t.folded) {
    if (c >= U'0' && c <= U'9') digits.push_back(static_cast<char>(c));
    else if (c == U'.') digits.push_back('.');
    else if (c != U',') return -1;
  }
  if (digits.empty() || digits.size() > 15) return -1;
  try {
    return std::stod(digits);
  } catch (...) {
    return -1;
  }
}

double WordNumber(const std::u32string& w) {
  static const std::map<std::u32string, double> words = {
      {U"two", 2},       {U"three", 3},     {U"four", 4},       {U"five", 5},     {U"six", 6},
      {U"seven", 7},     {U"eight", 8},     {U"nine", 9},       {U"ten", 10},     {U"eleven", 11},
      {U"twelve", 12},   {U"fifteen", 15},  {U"twenty", 20},    {U"thirty", 30},  {U"forty", 40},
      {U"fifty", 50},    {U"hundred", 100}, {U"dozen", 12},     {U"dozens", 24},  {U"hundreds", 200},
      {U"thousands", 2000}};
  auto it = words.find(w);
  return it == words.end() ? -1 : it->second;
}

bool IsYear(const Token& t, int* year) {
  if (t.kind != TokenKind::kNumber || t.folded.size() != 4) return false;
  double v = NumberValue(t);
  if (v < 1900 || v > 2099 || v != std::floor(v)) return false;
  *year = static_cast<int>(v);
  return true;
}

std::string PeopleQuantity(const std::u32string& w) {
  static const std::map<std::u32string, std::string> nouns = {
      {U"fighters", "fighters"},   {U"militants", "fighters"}, {U"jihadists", "fighters"},
      {U"operatives", "fighters"}, {U"troops", "fighters"},    {U"soldiers", "fighters"},
      {U"men", "fighters"},        {U"gunmen", "fighters"},    {U"members", "members"},
      {U"followers", "members"},   {U"recruits", "recruits"},  {U"killed", "killed"},
      {U"dead", "killed"},         {U"died", "killed"},        {U"wounded", "wounded"},
      {U"injured", "wounded"}};
  auto it = nouns.find(w);
  return it == nouns.end() ? "" : it->second;
}

bool DaysOk(int y, int m, int d) {
  PartialDate date{y, m, d, false};
  return PartialDate::Parse(date.ToString()).ok();
}

}  // namespace

std::vector<DateMention> FindDates(const TextIndex& index, const PartialDate& published) {
  const auto& tokens = index.tokens();
  std::vector<DateMention> dates;
  auto add = [&](size_t first, size_t last, PartialDate date, bool relative) {
    DateMention d;
    d.start = tokens[first].start;
    d.end = tokens[last].end;
    d.text = index.Slice(d.start, d.end);
    d.date = date;
    d.relative = relative;
    d.sentence = index.SentenceAt(d.start);
    dates.push_back(std::move(d));
  };
  auto word = [&](size_t i) -> const std::u32string& {
    static const std::u32string none;
    return i < tokens.size() ? tokens[i].folded : none;
  };
  auto number = [&](size_t i) { return i < tokens.size() ? NumberValue(tokens[i]) : -1.0; };
  int year = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (int m = t.kind == TokenKind::kWord ? Month(t.folded) : 0) {
      bool capital = u_isupper(index.code_points()[t.start]);
      if (!capital) continue;
      size_t j = i + 1;
      if (j < tokens.size() && tokens[j].folded == U".") ++j;  // "Sept."
      double day = number(j);
      if (day >= 1 && day <= 31 && day == std::floor(day) && tokens[j].folded.size() <= 2) {
        size_t k = j + 1;
        if (k < tokens.size() && tokens[k].folded == U",") ++k;
        if (k < tokens.size() && IsYear(tokens[k], &year) && DaysOk(year, m, int(day))) {
          add(i, k, {year, m, int(day), false}, false);
          i = k;
        } else if (published.IsSet() && DaysOk(published.year, m, int(day))) {
          add(i, j, {published.year, m, int(day), false}, true);
          i = j;
        }
      } else if (j < tokens.size() && IsYear(tokens[j], &year)) {
        add(i, j, {year, m, 0, false}, false);
        i = j;
      }
      continue;
    }
    if (t.kind == TokenKind::kNumber) {
      double day = NumberValue(t);
      if (day >= 1 && day <= 31 && t.folded.size() <= 2 && i + 2 < tokens.size() &&
          Month(tokens[i + 1].folded) && IsYear(tokens[i + 2], &year) &&
          DaysOk(year, Month(tokens[i + 1].folded), int(day))) {
        add(i, i + 2, {year, Month(tokens[i + 1].folded), int(day), false}, false);
        i += 2;
        continue;
      }
      if (IsYear(t, &year)) {
        // Not "2000 fighters", not "$2015".
        bool people = i + 1 < tokens.size() && !PeopleQuantity(word(i + 1)).empty();
        bool money = i > 0 && (word(i - 1) == U"$" || word(i - 1) == U"usd");
        if (!people && !money) add(i, i, {year, 0, 0, false}, false);
      }
      continue;
    }
    // "the 1990s", "mid-1990s": about the middle of the decade.
    if (t.kind == TokenKind::kWord && (t.folded.size() == 5 || t.folded.size() == 6) &&
        t.folded.back() == U's') {
      std::u32string digits = t.folded.substr(0, 4);
      if (std::all_of(digits.begin(), digits.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; })) {
        int decade = 0;
        for (char32_t c : digits) decade = decade * 10 + int(c - U'0');
        if (decade >= 1900 && decade <= 2090 && decade % 10 == 0)
          add(i, i, {decade + 5, 0, 0, true}, false);
      }
      continue;
    }
    if (published.IsSet() && i + 1 < tokens.size() &&
        (t.folded == U"last" || t.folded == U"this" || t.folded == U"next" || t.folded == U"past")) {
      int delta = t.folded == U"this" ? 0 : t.folded == U"next" ? 1 : -1;
      if (tokens[i + 1].folded == U"year") {
        add(i, i + 1, {published.year + delta, 0, 0, false}, true);
        ++i;
      } else if (tokens[i + 1].folded == U"month" && published.month) {
        int month = published.month + delta, y = published.year;
        if (month == 0) month = 12, --y;
        if (month == 13) month = 1, ++y;
        add(i, i + 1, {y, month, 0, false}, true);
        ++i;
      }
    }
  }
  return dates;
}

std::vector<NumberMention> FindNumbers(const TextIndex& index) {
  const auto& tokens = index.tokens();
  std::vector<NumberMention> numbers;
  auto word = [&](size_t i) -> const std::u32string& {
    static const std::u32string none;
    return i < tokens.size() ? tokens[i].folded : none;
  };
  auto value_at = [&](size_t i) {
    double v = NumberValue(tokens[i]);
    if (v < 0 && tokens[i].kind == TokenKind::kWord) v = WordNumber(tokens[i].folded);
    return v;
  };
  auto scaled = [&](size_t& i, double v) {
    if (word(i + 1) == U"million") v *= 1e6, ++i;
    else if (word(i + 1) == U"thousand") v *= 1e3, ++i;
    else if (word(i + 1) == U"hundred") v *= 100, ++i;
    return v;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    double v = value_at(i);
    if (v < 0) continue;
    int year = 0;
    size_t first = i, last = i;
    NumberMention n;
    v = scaled(last, v);
    n.value = v;
    // A range: "1,000 to 3,000", "2,000-3,000", "between 1,000 and 3,000".
    size_t r = last + 1;
    if (r + 1 < tokens.size() && (word(r) == U"to" || word(r) == U"-" || word(r) == U"\u2013" ||
                                  (word(r) == U"and" && first > 0 && word(first - 1) == U"between"))) {
      double high = value_at(r + 1);
      if (high > 0) {
        size_t h = r + 1;
        high = scaled(h, high);
        if (high > v) {
          n.value.reset();
          n.low = v;
          n.high = high;
          last = h;
        }
      }
    }
    // Qualifiers before.
    size_t q = first;
    if (q > 0 && word(q - 1) == U"between") --q;
    if (q > 0) {
      const auto& w1 = word(q - 1);
      const std::u32string w2 = q > 1 ? word(q - 2) : U"";
      if (w1 == U"some" || w1 == U"about" || w1 == U"around" || w1 == U"approximately" ||
          w1 == U"roughly" || w1 == U"estimated" || w1 == U"nearly" || w1 == U"almost") {
        n.qualifier = "about";
        q -= (w1 == U"estimated" && w2 == U"an") ? 2 : 1;
      } else if (w1 == U"least" && w2 == U"at") {
        n.qualifier = "at_least";
        q -= 2;
      } else if (w1 == U"than" && w2 == U"more") {
        n.qualifier = "more_than";
        q -= 2;
      } else if (w1 == U"over") {
        n.qualifier = "more_than";
        q -= 1;
      } else if ((w1 == U"to" && w2 == U"up") || (w1 == U"many" && w2 == U"as") ||
                 (w1 == U"than" && (w2 == U"fewer" || w2 == U"less"))) {
        n.qualifier = "at_most";
        q -= w1 == U"many" && q > 2 ? 3 : 2;
      }
    }
    // What is counted: a noun within five words (adjectives between), or
    // "killed" before.
    size_t end = last;
    for (size_t k = last + 1; k < tokens.size() && k <= last + 5; ++k) {
      if (tokens[k].kind != TokenKind::kWord) break;
      std::string quantity = PeopleQuantity(tokens[k].folded);
      if (quantity.empty() && (tokens[k].folded == U"people" || tokens[k].folded == U"civilians" ||
                               tokens[k].folded == U"persons")) {
        // "145 people were killed"
        for (size_t x = k + 1; x < tokens.size() && x <= k + 3; ++x) {
          std::string after = PeopleQuantity(tokens[x].folded);
          if (after == "killed" || after == "wounded") {
            quantity = after;
            break;
          }
        }
        if (quantity.empty()) continue;
      }
      if (!quantity.empty()) {
        n.quantity = quantity;
        end = k;
        break;
      }
    }
    if (n.quantity.empty() && q > 0) {
      const auto& before = word(q - 1);
      if (before == U"killed" || before == U"killing" || before == U"kills" || before == U"killed") {
        n.quantity = "killed";
      } else if (before == U"wounded" || before == U"wounding" || before == U"injured" ||
                 before == U"injuring") {
        n.quantity = "wounded";
      }
    }
    if (n.quantity.empty()) continue;
    if (IsYear(tokens[first], &year) && n.qualifier.empty() && !n.low && n.quantity != "killed")
      continue;
    n.start = tokens[q].start;
    n.end = tokens[end].end;
    n.text = index.Slice(n.start, n.end);
    n.sentence = index.SentenceAt(n.start);
    numbers.push_back(std::move(n));
    i = end;
  }
  return numbers;
}

std::vector<std::vector<Item>> SentenceItems(const TextIndex& index,
                                             const std::vector<Mention>& mentions,
                                             const std::vector<NumberMention>& numbers) {
  const auto& tokens = index.tokens();
  std::vector<std::vector<Item>> out(index.sentences().size());
  size_t m = 0, n = 0;
  for (size_t s = 0; s < index.sentences().size(); ++s) {
    const Sentence& sentence = index.sentences()[s];
    auto& items = out[s];
    for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
      const Token& token = tokens[t];
      while (m < mentions.size() && (mentions[m].end <= token.start || mentions[m].nested)) ++m;
      while (n < numbers.size() && numbers[n].end <= token.start) ++n;
      if (m < mentions.size() && mentions[m].start < token.end) {
        const Mention& mention = mentions[m];
        if (items.empty() || items.back().mention != int(m))
          items.push_back({Item::Type::kMention, {}, mention.start, mention.end, int(m), -1});
        if (token.end > mention.end) {
          // "Taliban's": the rest of the token after the name.
          std::u32string rest;
          for (int64_t c = mention.end; c < token.end; ++c) {
            char32_t ch = index.code_points()[c];
            if (u_isalnum(ch)) rest.push_back(static_cast<char32_t>(u_tolower(ch)));
          }
          if (!rest.empty()) items.push_back({Item::Type::kWord, rest, mention.end, token.end});
        }
        continue;
      }
      if (n < numbers.size() && numbers[n].start <= token.start && token.end <= numbers[n].end) {
        // Once per number, even when a name splits it ("2,000 Red Hand
        // Front fighters").
        bool placed = std::any_of(items.begin(), items.end(),
                                  [&](const Item& it) { return it.number == int(n); });
        if (!placed)
          items.push_back({Item::Type::kNumber, {}, numbers[n].start, numbers[n].end, -1, int(n)});
        continue;
      }
      Item item;
      item.type = token.kind == TokenKind::kPunctuation ? Item::Type::kPunctuation
                                                        : Item::Type::kWord;
      item.start = token.start;
      item.end = token.end;
      if (item.type != Item::Type::kWord) {
        item.word = token.folded;
        // "CBS News' reporter": an apostrophe closing a name is its
        // possessive, the word "s" as in "Taliban's"...
        bool closes_name = !items.empty() && items.back().type == Item::Type::kMention &&
                           items.back().end == token.start &&
                           (token.end >= static_cast<int64_t>(index.code_points().size()) ||
                            u_isspace(index.code_points()[token.end]));
        // ...unless it closes a quotation the name opens ("'Red Hand' said").
        if (closes_name && items.size() >= 2 && items[items.size() - 2].word == token.folded)
          closes_name = false;
        if (closes_name && (item.word == U"'" || item.word == U"\u2019")) {
          item.type = Item::Type::kWord;
          item.word.assign(1, U's');
        }
        items.push_back(std::move(item));
        continue;
      }
      // "Taliban's" folds to "taliban s", "semi-autonomous" (one ICU token)
      // to "semi autonomous": one item per folded word.
      std::u32string word;
      for (char32_t c : token.folded) {
        if (c != U' ') {
          word.push_back(c);
          continue;
        }
        if (word.empty()) continue;
        Item part = item;
        part.word.swap(word);
        items.push_back(std::move(part));
        word.clear();
      }
      item.word.swap(word);
      if (item.word.empty()) continue;
      items.push_back(std::move(item));
    }
  }
  return out;
}

namespace {

bool SpeechVerb(const std::u32string& w) {
  static const std::set<std::u32string> verbs = {
      U"said",  U"says",  U"told",   U"added",    U"stated",   U"warned",  U"noted",
      U"wrote", U"insisted", U"declared", U"announced", U"explained", U"argued", U"tweeted",
      U"posted", U"acknowledged", U"admitted", U"confirmed", U"alleged", U"asserted"};
  return verbs.count(w) > 0;
}

bool Speaker(const Mention& m) {
  const std::string& kind = m.candidates.empty() ? "" : m.candidates.front().entity_kind;
  return !m.entity.empty() && kind != "place";
}

}  // namespace

std::vector<Statement> FindStatements(const TextIndex& index, const std::vector<Mention>& mentions,
                                      const std::vector<std::vector<Item>>& items) {
  std::vector<Statement> statements;
  for (size_t s = 0; s < items.size(); ++s) {
    const auto& its = items[s];
    const Sentence& sentence = index.sentences()[s];
    Statement st;
    bool found = false;
    auto label_of = [&](size_t from, size_t to) {  // items [from, to)
      if (from >= to) return std::string();
      return index.Slice(its[from].start, its[to - 1].end);
    };
    auto take_span = [&](size_t from, size_t to) {  // speaker words [from, to)
      st.speaker.clear();
      st.label.clear();
      if (to == from + 1 && its[from].type == Item::Type::kMention &&
          Speaker(mentions[its[from].mention])) {
        st.speaker = mentions[its[from].mention].entity;
        return;
      }
      st.label = label_of(from, to);
      for (size_t k = from; k < to; ++k)
        if (its[k].type == Item::Type::kMention && Speaker(mentions[its[k].mention]) &&
            mentions[its[k].mention].candidates.front().entity_kind != "state")
          st.speaker = mentions[its[k].mention].entity;
    };
    for (size_t k = 0; k < its.size() && !found; ++k) {
      if (its[k].type == Item::Type::kWord && its[k].word == U"according" && k + 1 < its.size() &&
          its[k + 1].word == U"to") {
        size_t to = k + 2;
        while (to < its.size() && to < k + 9 && its[to].type != Item::Type::kPunctuation) ++to;
        if (to == k + 2) continue;
        take_span(k + 2, to);
        st.cue_start = its[k].start;
        st.cue_end = its[to - 1].end;
        found = true;
      } else if (its[k].type == Item::Type::kWord && SpeechVerb(its[k].word)) {
        // "..., said Suhail Shaheen" / "said a Taliban spokesman"
        bool inverted = k > 0 && (its[k - 1].type == Item::Type::kPunctuation);
        // "X, the leader of Y, said ...": the sentence's subject speaks.
        size_t first = its.size() > 1 && its[0].word == U"the" ? 1 : 0;
        if (inverted && first < k && its[first].type == Item::Type::kMention &&
            Speaker(mentions[its[first].mention]) && first + 1 < its.size() &&
            its[first + 1].word == U",") {
          // "..., said Suhail Shaheen." names the speaker right after the
          // verb, then ends; "X, ..., said Y funded Z" does not.
          bool named_after = k + 1 < its.size() && its[k + 1].type == Item::Type::kMention &&
                             (k + 2 == its.size() || its[k + 2].type == Item::Type::kPunctuation);
          if (!named_after) {
            take_span(first, first + 1);
            st.cue_start = its[first].start;
            st.cue_end = its[k].end;
            found = true;
            continue;
          }
        }
        if (inverted && k + 1 < its.size()) {
          size_t to = k + 1;
          while (to < its.size() && to < k + 7 && its[to].type != Item::Type::kPunctuation) ++to;
          take_span(k + 1, to);
          st.cue_start = its[k].start;
          st.cue_end = its[to - 1].end;
          found = !st.speaker.empty() || !st.label.empty();
        } else if (k > 0) {
          // "Suhail Shaheen said", "Russian officials also said"
          size_t end = k;
          if (its[end - 1].word == U"also" || its[end - 1].word == U"have" ||
              its[end - 1].word == U"has" || its[end - 1].word == U"had")
            --end;
          if (end == 0) continue;
          size_t from = end;
          while (from > 0 && end - from < 4 && its[from - 1].type != Item::Type::kPunctuation &&
                 (its[from - 1].type == Item::Type::kMention ||
                  its[from - 1].word != U"that"))
            --from;
          // A mention right before the verb is the speaker on its own.
          if (its[end - 1].type == Item::Type::kMention && Speaker(mentions[its[end - 1].mention]))
            from = end - 1;
          take_span(from, end);
          st.cue_start = its[from].start;
          st.cue_end = its[k].end;
          found = !st.speaker.empty() || !st.label.empty();
        }
      }
    }
    if (!found) continue;
    // The quotation, when the sentence quotes; else the sentence.
    st.start = sentence.start;
    st.end = sentence.end;
    const auto& cps = index.code_points();
    for (int64_t i = sentence.start; i < sentence.end; ++i) {
      if (cps[i] != U'\u201C' && cps[i] != U'"') continue;
      for (int64_t j = i + 1; j < sentence.end; ++j) {
        if (cps[j] == U'\u201D' || cps[j] == U'"') {
          st.start = i;
          st.end = j + 1;
          break;
        }
      }
      break;
    }
    st.sentence = s;
    statements.push_back(std::move(st));
  }
  return statements;
}

std::vector<PlaceMention> FindPlaces(const TextIndex& index, const std::vector<Mention>& mentions,
                                     const std::vector<std::vector<Item>>& items) {
  std::vector<PlaceMention> places;
  for (const Mention& m : mentions) {
    if (m.entity.empty() || m.via == "demonym" || m.via == "coreference") continue;
    const std::string& kind = m.candidates.front().entity_kind;
    for (const auto& c : m.candidates) {
      if (c.entity != m.entity) continue;
      if (c.entity_kind == "place" || c.entity_kind == "state")
        places.push_back({m.start, m.end, m.text, m.entity, m.sentence});
      break;
    }
    (void)kind;
  }
  // "Nangarhar province", "the province of Kunar": provinces the knowledge
  // base may not hold.
  const auto& cps = index.code_points();
  for (size_t s = 0; s < items.size(); ++s) {
    const auto& its = items[s];
    for (size_t k = 0; k < its.size(); ++k) {
      if (its[k].type != Item::Type::kWord || its[k].word != U"province") continue;
      const Item* name = nullptr;
      if (k > 0 && its[k - 1].type == Item::Type::kWord && u_isupper(cps[its[k - 1].start]))
        name = &its[k - 1];
      else if (k + 2 < its.size() && its[k + 1].word == U"of" &&
               its[k + 2].type == Item::Type::kWord && u_isupper(cps[its[k + 2].start]))
        name = &its[k + 2];
      if (name)
        places.push_back({name->start, name->end, index.Slice(name->start, name->end), "", s});
    }
  }
  std::sort(places.begin(), places.end(),
            [](const PlaceMention& a, const PlaceMention& b) { return a.start < b.start; });
  return places;
}

}  // namespace vigil::reading::internal
