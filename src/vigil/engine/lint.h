// `vigil lint`: checks of the knowledge base that no load refuses, because
// each is a judgement about what the records say rather than a broken
// reference: relations that outlive or predate their ends, roles called
// former that never end, quoted or reported words without a speaker,
// hedged passages asserted with high confidence, stances that contradict
// their passage. Engine::Lint runs them over the store; the rules are pure
// functions of the store's records (below), each tested on its own. The
// JSON shape is docs/cli.md's ("vigil lint"), built in engine/json.
//
//   auto report = engine->Lint();
//   for (const auto& f : report->findings) ...  // f.file, f.line, f.field, f.rule
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vigil/store/records.h"

namespace vigil {

enum class LintSeverity { kError, kWarning };
std::string_view LintSeverityName(LintSeverity severity);  // "error" | "warning"

struct LintFinding {
  std::string file;  // where the record was written; empty when not known (list records)
  int64_t line = 0;  // 0 when not known
  std::string field;  // "from", "role", "claims[2].party"...
  LintSeverity severity = LintSeverity::kWarning;
  std::string rule;     // a rule's name (LintRules())
  std::string fact;     // what the record states ("relation isis-k hostile_to iran")
  std::string message;  // what is wrong, in words
};

struct LintReport {
  std::vector<LintFinding> findings;  // by file, line, rule
  int64_t errors = 0, warnings = 0;

  bool ok() const { return errors == 0; }
};

struct LintRule {
  std::string_view name;
  LintSeverity severity;
  std::string_view summary;
};
// Every rule, in the order docs/cli.md lists them.
std::span<const LintRule> LintRules();

namespace lint {

// Rules on a relation and the lifespans of its ends (bounds in order, start
// then end; empty when the entity has none): relation_before_start,
// relation_after_end (errors), relation_undated_within_lifespan (warning),
// former_role_open (error).
std::vector<LintFinding> CheckRelation(const store::RelationRecord& relation,
                                       const std::vector<store::LifespanBoundRecord>& subject,
                                       const std::vector<store::LifespanBoundRecord>& object);
// Rules on a claim of a fact and its passage: quote_without_speaker,
// hedged_high_confidence, stance_contradicts_passage (warnings). An
// entity's claims, which cite the passage that introduces it, are not
// checked.
std::vector<LintFinding> CheckClaim(const store::LintClaimRecord& claim);
// deceased_without_lifespan (warning): an entity whose attributes say it
// died or was dissolved (status deceased or defunct, death_date) but that
// has no lifespan end.
std::vector<LintFinding> CheckEntity(const store::LintEntityRecord& entity);

}  // namespace lint
}  // namespace vigil
