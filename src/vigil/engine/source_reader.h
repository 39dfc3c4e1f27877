// A source as a reader reads it (Engine::Source; GET /v1/sources/{id}): the
// source's record, its stored text, and the claims that cite it, each with
// its span and the fact it is on, so that every cited passage can be shown
// in place and linked to its facts and entities. Its JSON is
// engine/json/knowledge_json.h's.
//
//   SourceRequest request;  request.id = "fa-2022-haqqani-network";
//   auto doc = engine->Source(request);
//   for (const auto& c : doc->claims) ... c.claim.span_start, c.fact.entities ...
//
// Spans are Unicode code-point offsets into the text (docs/data-model.md),
// as everywhere in vigil.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil {

inline constexpr size_t kSourceClaimsDefaultLimit = 1000;
inline constexpr size_t kSourceClaimsMaxLimit = 10000;

struct SourceRequest {
  std::string id;                            // the source's key
  size_t limit = kSourceClaimsDefaultLimit;  // claims per page, 1 to kSourceClaimsMaxLimit
  size_t offset = 0;                         // claims skipped

  // Field errors on id (empty) and limit (out of range).
  Status Validate() const;
};

// The fact a claim is on, without its claims: its type, a one-line summary,
// the record itself (the member its type names), and every entity it names
// (for links), each once, in the record's order.
struct CitedFact {
  int64_t fact_id = 0;
  // entity | relation | event | participant | estimate | designation |
  // attribute
  std::string type;
  std::string summary;  // "relation haqqani-network allied_with taliban"
  std::optional<store::EntityRefRecord> entity;
  std::optional<store::RelationRecord> relation;
  std::optional<store::EventRecord> event;  // its participants without their claims
  std::optional<store::ParticipantFactRecord> participant;
  std::optional<store::EstimateRecord> estimate;
  std::optional<store::DesignationRecord> designation;
  std::optional<store::ClaimedAttributeRecord> attribute;
  std::vector<store::EntityRefRecord> entities;
};

struct SourceClaim {
  store::ClaimRecord claim;
  CitedFact fact;
};

struct SourceDocument {
  store::SourceRecord source;
  std::optional<std::string> text;  // the stored text (UTF-8), when any
  size_t offset = 0, limit = 0;     // the page of claims asked for
  // The page: by span (start, end; claims without a span last), claim id.
  // source.claims counts them all.
  std::vector<SourceClaim> claims;
};

}  // namespace vigil
