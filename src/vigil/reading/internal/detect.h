// Dates, numbers of people, places and statements found in a text's tokens
// (ReadText's second step), and a sentence as the items rules match.
#pragma once

#include <string>
#include <vector>

#include "vigil/reading/reader.h"

namespace vigil::reading::internal {

std::vector<DateMention> FindDates(const TextIndex& index, const PartialDate& published);
std::vector<NumberMention> FindNumbers(const TextIndex& index);

// One element of a sentence as the rules see it.
struct Item {
  enum class Type { kWord, kPunctuation, kMention, kNumber };
  Type type = Type::kWord;
  std::u32string word;  // folded word, or the punctuation mark
  int64_t start = 0, end = 0;
  int mention = -1;  // index into the mentions
  int number = -1;   // index into the numbers
};

// The items of every sentence: tokens, with each mention (resolved or not)
// in place of the tokens it covers and each number of people in place of
// its words.
std::vector<std::vector<Item>> SentenceItems(const TextIndex& index,
                                             const std::vector<Mention>& mentions,
                                             const std::vector<NumberMention>& numbers);

std::vector<Statement> FindStatements(const TextIndex& index, const std::vector<Mention>& mentions,
                                      const std::vector<std::vector<Item>>& items);
std::vector<PlaceMention> FindPlaces(const TextIndex& index, const std::vector<Mention>& mentions,
                                     const std::vector<std::vector<Item>>& items);

}  // namespace vigil::reading::internal
