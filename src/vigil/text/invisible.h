// Characters that do not show: removed from names before they are analysed,
// looked up or screened.
//
// Text can carry characters that a reader never sees: zero-width spaces and
// joiners, the soft hyphen, word joiners, byte order marks, variation
// selectors, tag characters, and the bidi controls that reorder what is shown.
// Written between the letters of a name they would split it into one-letter
// words ("S<U+200B>i<U+200B>raj" read as "s i raj"), which no listed name
// meets: screening switched off by a character nobody can see. CleanText()
// removes them, by ICU's properties (Default_Ignorable_Code_Point,
// Bidi_Control, and the format characters of category Cf that are not
// visible prepended marks), and counts what it removed so that an explanation
// can say so. Removed, never replaced by a space: they never separate words
// (ZWNJ and ZWJ join or part letters inside a Persian or Arabic word, a soft
// hyphen marks where a word may break). Visible separators (spaces of every
// width, punctuation) are left alone.
//
// Control characters (C0 but tab and line breaks, DEL, C1) go too, with the
// terminal control sequences (ECMA-48) that ESC and the C1 introducers start:
// "Haqqani\x1b[31m" shows as "Haqqani", and "\x1b]0;title\x07" shows nothing.
// Each sequence is counted as its introducer (U+001B ESCAPE).
//
// Bidi overrides also change the order in which letters are shown:
// "<U+202E>inaqqaH niddujariS<U+202C>" is shown as "Sirajuddin Haqqani". When
// the text carries bidi controls and reads differently on screen, `displayed`
// holds what a person sees, read back in logical order (ICU's bidi algorithm
// to visual order, then its inverse without the controls); screening compares
// that reading too.
//
//   CleanedText c = CleanText("Siraj\u200Buddin");
//   c.text == "Sirajuddin";  c.removed == {{0x200B, 1}};
//   DescribeRemoved(c.removed) == "U+200B ZERO WIDTH SPACE";
//
// Thread-safe. Invalid UTF-8 bytes are passed through unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct RemovedCharacter {
  char32_t code_point = 0;
  int count = 0;
  bool operator==(const RemovedCharacter&) const = default;
};

struct CleanedText {
  std::string text;       // the invisible characters removed, in the order written
  std::string displayed;  // as shown on screen when bidi controls reorder it, else empty
  std::vector<RemovedCharacter> removed;  // each character once, with its count
};

// True for the format characters CleanText() removes (controls aside).
bool IsInvisible(char32_t c);

CleanedText CleanText(std::string_view utf8);

// "U+200B" (at least four hex digits).
std::string CodePointLabel(char32_t c);
// "ZERO WIDTH SPACE" (ICU's character name); "control" for the control
// characters, which Unicode names only by alias; "" when unassigned.
std::string CharacterName(char32_t c);
// "U+200B ZERO WIDTH SPACE", "U+001B control".
std::string CodePointName(char32_t c);
// "U+200B ZERO WIDTH SPACE x3, U+202E RIGHT-TO-LEFT OVERRIDE".
std::string DescribeRemoved(const std::vector<RemovedCharacter>& removed);

// Whether the text holds a letter or a digit (any script).
bool HasLetterOrDigit(std::string_view utf8);

}  // namespace vigil
