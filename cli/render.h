// Text rendering of the engine's results for the terminal, from their JSON
// (engine/json/), so that text and --json show the same facts. Every text
// taken from data or input is escaped for the terminal (text/escape.h).
#pragma once

#include <ostream>

#include "vigil/engine/engine.h"

namespace vigil::cli {

void RenderLoad(const LoadReport& report, std::ostream& out);
void RenderCard(const Json& card, std::ostream& out);
// An event (ToJson(EventCard)): dates, place, deaths, then each participant
// with its actor links, suggestions or the reason it is unlinked.
void RenderEventCard(const Json& event, std::ostream& out);
void RenderList(ListTable what, const Json& items, std::ostream& out);
void RenderConflicts(const Json& result, std::ostream& out);
void RenderVerify(const Json& result, bool quiet, std::ostream& out);
void RenderLint(const Json& result, std::ostream& out);

// One line, at most max bytes, cut on a UTF-8 boundary, "…" when cut.
std::string Clip(std::string text, size_t max);
// A string value as one line for the terminal: line breaks and tabs become
// spaces, the text is clipped to max bytes, and what a terminal would act on
// (escape sequences, other controls, bidi overrides) is escaped.
std::string Line(const Json& value, size_t max);

}  // namespace vigil::cli
