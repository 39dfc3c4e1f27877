// A text seen as code points, folded for matching, cut into sentences and
// tokens (ICU break iterators), with every position a code-point offset into
// the original text: the offsets claims cite.
//
// Folding follows NameKey's idea (text/normalize.h) but keeps word breaks
// and a map back to the original: case folded, diacritics and Arabic
// vowel marks dropped, Arabic letter variants (alef forms, ya, kaf, ta
// marbuta) unified, every run of characters that are neither letters nor
// digits made one space. "Al-Qaeda's" folds to "al qaeda s".
//
//   TextIndex index("Sirajuddin HAQQĀNI said...");
//   index.folded();             // U"sirajuddin haqqani said "
//   index.OriginalStart(11);    // 11
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::reading {

// The folded form of a name, as TextIndex folds text (no leading or
// trailing space).
std::u32string FoldName(std::string_view utf8);

// UTF-8 of code points (folded text, a slice of the original).
std::string ToUtf8(std::u32string_view code_points);

enum class TokenKind { kWord, kNumber, kPunctuation };

struct Token {
  int64_t start = 0, end = 0;  // code points of the original text
  TokenKind kind = TokenKind::kWord;
  std::u32string folded;       // the token folded (punctuation: as written)
};

struct Sentence {
  int64_t start = 0, end = 0;  // code points, white space trimmed
  size_t first_token = 0, end_token = 0;  // tokens [first, end) of the sentence
};

class TextIndex {
 public:
  // text must be valid UTF-8.
  explicit TextIndex(std::string_view text);

  const std::u32string& code_points() const { return code_points_; }
  // The folded text; folded()[i] comes from original code point origin()[i].
  const std::u32string& folded() const { return folded_; }
  const std::vector<int32_t>& origin() const { return origin_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  const std::vector<Token>& tokens() const { return tokens_; }

  // Original code-point span of folded positions [begin, end).
  int64_t OriginalStart(size_t folded_begin) const { return origin_[folded_begin]; }
  int64_t OriginalEnd(size_t folded_end) const { return origin_[folded_end - 1] + 1; }
  // The original text of code points [start, end), UTF-8.
  std::string Slice(int64_t start, int64_t end) const;
  // The sentence holding code point `at` (the last one when past the end).
  size_t SentenceAt(int64_t at) const;

 private:
  std::u32string code_points_;
  std::u32string folded_;
  std::vector<int32_t> origin_;
  std::vector<Sentence> sentences_;
  std::vector<Token> tokens_;
};

}  // namespace vigil::reading
