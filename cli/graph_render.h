// Text rendering of the analysis results for the terminal, from their
// documented JSON (engine/json/analysis_json.h). Names and labels come from
// files and datasets, so what a terminal would act on is escaped
// (text/escape.h).
#pragma once

#include <ostream>
#include <string>

#include "vigil/engine/json/analysis_json.h"

namespace vigil::cli {

// The designated entities reached, each with its best path cited in full
// and the others in brief.
void RenderExposure(const Json& exposure, std::ostream& out);
// Every path with the relations and claims behind each step.
void RenderPaths(const Json& paths, std::ostream& out);
// One line per node: rank, value, name.
void RenderRank(const std::string& measure, const Json& rows, std::ostream& out);
void RenderCommunities(const Json& communities, std::ostream& out);
void RenderKeyPlayers(const Json& key_players, std::ostream& out);

}  // namespace vigil::cli
