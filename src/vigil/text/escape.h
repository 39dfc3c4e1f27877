// Text from lists, datasets and queries made safe to print or to open.
//
// Names and passages come from files that vigil does not control. Printed
// raw to a terminal, a name carrying "\x1b]8;;...", "\x1b[2J" or a bidi
// override can rewrite or hide what an officer reads; written raw into a CSV
// that is opened in a spreadsheet, a cell beginning with "=", "+", "-" or "@"
// is run as a formula (CSV injection, OWASP).
//
//   EscapeForTerminal("A\x1b[2JB")        == "A\\x1b[2JB"
//   EscapeForTerminal("\u202Eabc\u202C")  == "<U+202E>abc<U+202C>"
//   CsvCell("=HYPERLINK(\"x\")")          == "\"'=HYPERLINK(\"\"x\"\")\""
//   CsvCell("=1+1", /*neutralise=*/false) == "\"=1+1\""
//
// JSON output needs neither: its writer escapes control characters, and a
// JSON consumer gets the text exactly as listed.
#pragma once

#include <string>
#include <string_view>

namespace vigil {

// The text with what a terminal would act on made visible: C0 controls, DEL
// and C1 controls as \xNN (tab, line feed and carriage return as \t, \n,
// \r), bidi controls and the line and paragraph separators as <U+XXXX>, and
// bytes that are not UTF-8 as \xNN. Everything else, in any script, is kept.
std::string EscapeForTerminal(std::string_view text);

// Whether a spreadsheet would read a cell with this text as a formula: it
// begins with '=', '+', '-', '@', a tab or a carriage return (OWASP).
bool StartsLikeFormula(std::string_view text);

// One CSV field (RFC 4180): always quoted, quotes doubled. With neutralise,
// a value that StartsLikeFormula() gets a leading single quote, which
// spreadsheets show as text and do not evaluate (OWASP's advice); without
// it (for programs that read the file), the value is written as it is.
std::string CsvCell(std::string_view text, bool neutralise = true);

// Text for XML or HTML, in an element or a quoted attribute: & < > " '
// escaped (' as &#39;, which both read), and the control characters XML 1.0
// forbids even escaped (all C0 but tab, line feed and carriage return) as a
// space.
std::string EscapeMarkup(std::string_view text);

}  // namespace vigil
