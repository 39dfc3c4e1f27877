// TextIndex: folding one code point at a time (ICU decomposition and case
// folding, cached), ICU sentence and word break iterators over UTF-16 with
// their offsets mapped back to code points.
#include "vigil/reading/text_index.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace vigil::reading {
namespace {

std::u32string Decode(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  int32_t i = 0, n = static_cast<int32_t>(utf8.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(utf8.data()), i, n, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

char32_t ArabicVariant(char32_t c) {
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;  // alef forms
    case 0x0649: case 0x06CC: case 0x064A: return 0x064A;               // ya, alef maqsura
    case 0x06A9: return 0x0643;                                         // keheh -> kaf
    case 0x0629: return 0x0647;                                         // ta marbuta -> ha
    default: return c;
  }
}

// Appends the folded form of c (nothing for marks and invisible
// characters, U' ' for separators).
void FoldCodePoint(char32_t c, std::u32string& out) {
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
    else if (c >= 'A' && c <= 'Z') out.push_back(c + 32);
    else out.push_back(U' ');
    return;
  }
  thread_local std::unordered_map<char32_t, std::u32string> cache;
  if (auto it = cache.find(c); it != cache.end()) {
    out += it->second;
    return;
  }
  std::u32string folded;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) decomposed = nfd->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  if (U_FAILURE(status)) decomposed = icu::UnicodeString(static_cast<UChar32>(c));
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    int8_t type = u_charType(d);
    // Marks, and the modifier letters of transliteration (ʿ ʾ ʻ: ayn, hamza).
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
        type == U_MODIFIER_LETTER || type == U_MODIFIER_SYMBOL ||
        d == 0x0640 /* tatweel */)
      continue;
    if (u_isalnum(d) || type == U_COMBINING_SPACING_MARK) {
      folded.push_back(ArabicVariant(static_cast<char32_t>(u_foldCase(d, U_FOLD_CASE_DEFAULT))));
    } else {
      folded.push_back(U' ');
    }
  }
  cache.emplace(c, folded);
  out += folded;
}

// Maps UTF-16 offsets of the text to code-point offsets.
std::vector<int32_t> Utf16ToCodePoint(const std::u32string& cps) {
  std::vector<int32_t> map;
  map.reserve(cps.size() + 1);
  for (size_t i = 0; i < cps.size(); ++i) {
    map.push_back(static_cast<int32_t>(i));
    if (cps[i] > 0xFFFF) map.push_back(static_cast<int32_t>(i));
  }
  map.push_back(static_cast<int32_t>(cps.size()));
  return map;
}

std::unique_ptr<icu::BreakIterator> NewTextBreaker(bool sentences) {
  UErrorCode status = U_ZERO_ERROR;
  // "ss=standard" suppresses sentence breaks after common abbreviations
  // ("Mr.", "U.S.").
  icu::Locale locale(sentences ? "en@ss=standard" : "en");
  std::unique_ptr<icu::BreakIterator> it(
      sentences ? icu::BreakIterator::createSentenceInstance(locale, status)
                : icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status)) return nullptr;
  return it;
}

// A break iterator of its own for the caller: a clone of one made once per
// thread (making one loads and compiles ICU's rules, cloning does not).
std::unique_ptr<icu::BreakIterator> Breaker(bool sentences) {
  thread_local std::unique_ptr<icu::BreakIterator> words = NewTextBreaker(false);
  thread_local std::unique_ptr<icu::BreakIterator> sentence_breaker = NewTextBreaker(true);
  const auto& prototype = sentences ? sentence_breaker : words;
  if (!prototype) return nullptr;
  return std::unique_ptr<icu::BreakIterator>(prototype->clone());
}

}  // namespace

std::u32string FoldName(std::string_view utf8) {
  std::u32string out;
  for (char32_t c : Decode(utf8)) FoldCodePoint(c, out);
  std::u32string collapsed;
  for (char32_t c : out) {
    if (c == U' ' && (collapsed.empty() || collapsed.back() == U' ')) continue;
    collapsed.push_back(c);
  }
  while (!collapsed.empty() && collapsed.back() == U' ') collapsed.pop_back();
  return collapsed;
}

TextIndex::TextIndex(std::string_view text) : code_points_(Decode(text)) {
  // Folded text, starting with a space so that every word has one before.
  folded_.reserve(code_points_.size() + 2);
  origin_.reserve(code_points_.size() + 2);
  folded_.push_back(U' ');
  origin_.push_back(0);
  std::u32string piece;
  for (size_t i = 0; i < code_points_.size(); ++i) {
    piece.clear();
    FoldCodePoint(code_points_[i], piece);
    for (char32_t f : piece) {
      if (f == U' ' && folded_.back() == U' ') continue;
      folded_.push_back(f);
      origin_.push_back(static_cast<int32_t>(i));
    }
  }
  if (folded_.back() != U' ') {
    folded_.push_back(U' ');
    origin_.push_back(static_cast<int32_t>(code_points_.size()));
  }

  // folded_at[i]: the first folded position from code point i or after.
  std::vector<int32_t> folded_at(code_points_.size() + 1, static_cast<int32_t>(folded_.size()));
  for (size_t f = folded_.size(); f-- > 1;) folded_at[origin_[f]] = static_cast<int32_t>(f);
  for (size_t i = code_points_.size(); i-- > 0;)
    folded_at[i] = std::min(folded_at[i], folded_at[i + 1]);

  // ICU works on UTF-16.
  icu::UnicodeString utf16 = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(code_points_.data()),
      static_cast<int32_t>(code_points_.size()));
  std::vector<int32_t> to_cp = Utf16ToCodePoint(code_points_);

  if (auto words = Breaker(false)) {
    words->setText(utf16);
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      Token token;
      token.start = to_cp[start];
      token.end = to_cp[end];
      int32_t status = words->getRuleStatus();
      if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) {
        token.kind = TokenKind::kNumber;
      } else if (status >= UBRK_WORD_LETTER) {
        token.kind = TokenKind::kWord;
      } else {
        char32_t c = code_points_[token.start];
        if (u_isspace(c) || u_charType(c) == U_FORMAT_CHAR) continue;
        token.kind = TokenKind::kPunctuation;
        token.end = token.start + 1;
        token.folded.push_back(c);
        tokens_.push_back(std::move(token));
        continue;
      }
      if (token.kind == TokenKind::kNumber) {
        token.folded.assign(code_points_.begin() + token.start, code_points_.begin() + token.end);
      } else {
        // The folded text already holds the word: its folded positions are
        // contiguous (a word holds no white space to collapse).
        size_t from = folded_at[token.start], to = folded_at[token.end];
        while (from < to && folded_[from] == U' ') ++from;
        while (to > from && folded_[to - 1] == U' ') --to;
        token.folded.assign(folded_, from, to - from);
      }
      // "Al-Qaeda's": the apostrophe's "s" stays with its word in ICU.
      tokens_.push_back(std::move(token));
    }
  }

  // A boundary ICU puts after a middle initial ("George W. | Bush"): a
  // single capital letter after a space, its period, then a capitalised
  // word. Not a sentence's end.
  auto after_initial = [&](int64_t at) {
    int64_t k = at;
    while (k > 0 && u_isspace(code_points_[k - 1])) --k;
    if (k < 3 || code_points_[k - 1] != U'.' || !u_isupper(code_points_[k - 2]) ||
        !u_isspace(code_points_[k - 3]))
      return false;
    int64_t next = at;
    while (next < static_cast<int64_t>(code_points_.size()) && u_isspace(code_points_[next]))
      ++next;
    return next < static_cast<int64_t>(code_points_.size()) && u_isupper(code_points_[next]);
  };
  if (auto breaker = Breaker(true)) {
    breaker->setText(utf16);
    int32_t start = breaker->first();
    size_t token = 0;
    for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE; end = breaker->next()) {
      if (after_initial(to_cp[end])) continue;
      Sentence s;
      s.start = to_cp[start];
      s.end = to_cp[end];
      while (s.start < s.end && u_isspace(code_points_[s.start])) ++s.start;
      while (s.end > s.start && u_isspace(code_points_[s.end - 1])) --s.end;
      // Line breaks end sentences too (headlines, captions, list items).
      int64_t piece_start = s.start;
      for (int64_t i = s.start; i <= s.end; ++i) {
        if (i < s.end && code_points_[i] != U'\n') continue;
        Sentence part{piece_start, i, 0, 0};
        while (part.start < part.end && u_isspace(code_points_[part.start])) ++part.start;
        while (part.end > part.start && u_isspace(code_points_[part.end - 1])) --part.end;
        piece_start = i + 1;
        if (part.start == part.end) continue;
        while (token < tokens_.size() && tokens_[token].start < part.start) ++token;
        part.first_token = token;
        while (token < tokens_.size() && tokens_[token].start < part.end) ++token;
        part.end_token = token;
        sentences_.push_back(part);
      }
      start = end;
    }
  }
}

std::string ToUtf8(std::u32string_view code_points) {
  std::string out;
  for (char32_t c : code_points) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string TextIndex::Slice(int64_t start, int64_t end) const {
  start = std::clamp<int64_t>(start, 0, static_cast<int64_t>(code_points_.size()));
  end = std::clamp<int64_t>(end, start, static_cast<int64_t>(code_points_.size()));
  return ToUtf8(std::u32string_view(code_points_).substr(static_cast<size_t>(start),
                                                          static_cast<size_t>(end - start)));
}

size_t TextIndex::SentenceAt(int64_t at) const {
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), at,
                             [](int64_t a, const Sentence& s) { return a < s.start; });
  if (it == sentences_.begin()) return 0;
  return static_cast<size_t>(it - sentences_.begin() - 1);
}

}  // namespace vigil::reading
