// The reader on arbitrary bytes: HTML reduction (reading/html_text) and
// ReadText (mentions, dates, numbers, speakers, rules) on the result. The
// reduced text is valid UTF-8; every mention, date, number and proposal span
// lies inside the text, a proposal's span inside one sentence, with the
// passage's digest; the automaton agrees with its reference.
#include "fuzz_check.h"
#include "vigil/base/utf8.h"
#include "vigil/reading/html_text.h"
#include "vigil/reading/name_automaton.h"
#include "vigil/reading/reader.h"

namespace {

const vigil::reading::NameDictionary& Names() {
  static const vigil::reading::NameDictionary names({
      {"red-hand", "organization", "Red Hand Front", "primary", ""},
      {"red-hand", "organization", "RHF", "alias", ""},
      {"red-hand", "organization", "Красная Рука", "transliteration", ""},
      {"red-hand", "organization", "الجبهة الحمراء", "original_script", ""},
      {"omar-dalil", "person", "Omar Dalil", "primary", ""},
      {"omar-dalil", "person", "Dalil", "weak_alias", ""},
      {"dalil-network", "organization", "Dalil", "alias", ""},
      {"norland", "state", "Norland", "primary", ""},
      {"is", "organization", "IS", "alias", ""},
      {"eastvale", "place", "Eastvale", "primary", ""},
      {"embassy", "government_body", "Norland Embassy in Eastvale", "primary", ""},
      {"office", "government_body", "Red Hand Front office", "primary", ""},
      {"ana-varga", "person", "Varga", "weak_alias", ""},
  });
  return names;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string text = bytes;
  if (vigil::FindInvalidUtf8(bytes)) {
    vigil::fuzz::Check(!vigil::reading::HtmlToText(bytes).ok(), "invalid UTF-8 was reduced");
    // Go on with the bytes made valid: each invalid byte becomes '?'.
    while (auto bad = vigil::FindInvalidUtf8(text)) text[bad->byte_offset] = '?';
  }
  auto reduced = vigil::reading::HtmlToText(text);
  vigil::fuzz::Check(reduced.ok(), "valid UTF-8 HTML was refused");
  vigil::fuzz::Check(!vigil::FindInvalidUtf8(*reduced), "the reduced text is not UTF-8");
  for (const std::string* input : {&text, &*reduced}) {
    auto r = vigil::reading::ReadText(Names(), *input, {});
    int64_t length = static_cast<int64_t>(vigil::CodePointOffsets(*input).size()) - 1;
    for (const auto& m : r.mentions)
      vigil::fuzz::Check(0 <= m.start && m.start < m.end && m.end <= length, "mention span");
    for (const auto& d : r.dates)
      vigil::fuzz::Check(0 <= d.start && d.start < d.end && d.end <= length, "date span");
    for (const auto& n : r.numbers)
      vigil::fuzz::Check(0 <= n.start && n.start < n.end && n.end <= length, "number span");
    for (const auto& p : r.proposals) {
      const auto& s = r.sentences[p.sentence];
      vigil::fuzz::Check(s.start <= p.start && p.end <= s.end, "a proposal outside its sentence");
    }
  }
  // The automaton against its reference on the folded input.
  std::vector<std::u32string> patterns;
  for (const auto& p : Names().patterns()) patterns.push_back(p.folded);
  vigil::reading::TextIndex index(text);
  vigil::fuzz::Check(Names().automaton().FindAll(index.folded()) ==
                         vigil::reading::NaiveFindAll(patterns, index.folded()),
                     "the automaton disagrees with its reference");
  return 0;
}
