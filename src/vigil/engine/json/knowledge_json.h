// The JSON shapes of the knowledge commands' results (docs/cli.md: "vigil
// load", "vigil show", "vigil list", "vigil conflicts", "vigil verify"): the
// one place they are built, for the CLI's --json and text output and the
// HTTP API. Keys and their order are stable (tests compare them with golden
// copies in tests/fixtures/golden).
//
//   auto card = engine->Show("Siraj Haqqani");
//   std::cout << ToJson(*card).dump(2);
#pragma once

#include <variant>
#include <vector>

#include "vigil/engine/conflict_report.h"
#include "vigil/engine/entity_card.h"
#include "vigil/engine/events.h"
#include "vigil/engine/json/facts_json.h"
#include "vigil/engine/lint.h"
#include "vigil/engine/list_request.h"
#include "vigil/engine/load.h"
#include "vigil/engine/source_reader.h"
#include "vigil/engine/verify_report.h"

namespace vigil {

// {"dataset", "kind", "version", "publish_date", "sha256", "files",
//  "unchanged", "merged", "counts", "warnings", "changes", "links"}
Json ToJson(const LoadReport& report);
// What `vigil load` prints: one report as ToJson(report), several as
// {"datasets": [report, ...]}.
Json ToJson(const std::vector<LoadReport>& reports);
// An entity reference plus {"matched_name", "description", "names", ...,
// "linked"}.
Json ToJson(const EntityCard& card);
// What `vigil show` finds by a name (Engine::ShowEntityOrEvent): an
// entity's card or an event's, as ToJson writes each.
Json ToJson(const std::variant<EntityCard, EventCard>& card);
// The array of the rows of the table asked for.
Json ToJson(const ListResult& result);
// {"source": a row of `list sources`, "text", "offset", "limit", "claims":
//  [claim + {"fact": {"fact_id", "type", "summary", "entities", TYPE: the
//  record without its claims}}]}
Json ToJson(const SourceDocument& doc);
// {"count", "by_kind", "conflicts"}
Json ToJson(const ConflictReport& report);
// {"ok", "texts", "checked", "bad", "skipped_without_text", "sources",
//  "claims"}
Json ToJson(const VerifyReport& report);
// {"ok", "errors", "warnings", "findings": [{"file", "line", "field",
//  "severity", "rule", "fact", "message"}], "rules": [{"name", "severity",
//  "summary"}]} (docs/cli.md, "vigil lint")
Json ToJson(const LintReport& report);

}  // namespace vigil
