// Descriptions and pronouns that refer back to a mentioned entity ("the
// group", "the network", "its", "he"), resolved to an earlier mention of a
// compatible kind nearby (FindMentions' last step).
#pragma once

#include <vector>

#include "vigil/reading/reader.h"

namespace vigil::reading::internal {

// Adds a mention (via "coreference", with the antecedent's span and a
// lower confidence) for every referring expression whose antecedent the
// text allows; mentions stay ordered by start. Never resolves to an
// ambiguous mention, a demonym or a place.
void AddCoreferences(const NameDictionary& names, const TextIndex& index,
                     std::vector<Mention>& mentions);

}  // namespace vigil::reading::internal
