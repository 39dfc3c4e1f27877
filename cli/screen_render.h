// Text rendering of screening results for the terminal, from their
// documented JSON (engine/json/screening_json.h). Every text taken from
// data or input is escaped for the terminal (text/escape.h).
#pragma once

#include <ostream>

#include "vigil/engine/json/screening_json.h"

namespace vigil::cli {

// `vigil screen NAME`: hits with their explanations.
void RenderScreen(const Json& result, std::ostream& out);
// `vigil compare A B`: the score, the decision and the explanation.
void RenderCompare(const Json& comparison, std::ostream& out);
// The summary of `vigil screen --input`.
void RenderBatchSummary(const BatchSummary& summary, std::ostream& out);

}  // namespace vigil::cli
