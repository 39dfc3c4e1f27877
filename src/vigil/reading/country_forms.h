// The adjectives, demonyms and short forms by which news prose names a
// country ("Russian officials", "Pakistani troops", "the U.S."), as data:
// a general table of the world's states, not of any article. The name
// dictionary gives a state entity these forms when one of its names is a
// name of the table's country (NameDictionary, name kind "demonym").
//
//   for (const CountryForms& c : CountryFormTable()) ...  // {"Russia|Russian Federation", "Russian|Russians"}
//   for (const CountryForms& c : SeatOfGovernmentTable()) ...  // {"Russia", "Moscow|Kremlin"}
#pragma once

#include <span>

namespace vigil::reading {

struct CountryForms {
  const char* names;  // names of the country, '|' between them
  const char* forms;  // its adjectives, demonyms and short forms, '|' between them
};

std::span<const CountryForms> CountryFormTable();

// The capitals and seats of government by which news prose names a state's
// government ("Moscow warned Washington", "the Kremlin said"), as data: a
// general table, names as in CountryFormTable, forms '|' between them. The
// name dictionary gives a state entity these forms as names of kind
// "seat", unless something else in the knowledge base has that name.
std::span<const CountryForms> SeatOfGovernmentTable();

}  // namespace vigil::reading
