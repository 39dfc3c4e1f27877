// The JSON shapes of reading and review (docs/cli.md "vigil read",
// "vigil review"; docs/api.md "Reading"): the result of reading an article,
// proposals, mentions, and review decisions parsed from request bodies with
// errors naming the JSON field.
//
//   Json j = ToJson(*engine->ReadArticle(request));
//   auto decision = ReviewDecisionFromJson(body, "edit", id);
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/engine/reading.h"

namespace vigil {

using Json = nlohmann::ordered_json;

// {"source": {...}, "new_source", "proposals_added", "proposals_known",
//  "read_ms" (the reader alone, milliseconds), "counts": {"sentences", "mentions", "ambiguous", "dates", "numbers",
//  "statements", "places", "proposals"}, "mentions": [...], "dates": [...],
//  "numbers": [...], "statements": [...], "places": [...],
//  "proposals": [...]}
Json ToJson(const ReadResult& result);
// {"id", "source", "kind", "subject", "predicate", "object", "object_label",
//  "role", "time", "party", "party_label", "stance", "span": [start, end],
//  "digest", "rule", "confidence", "value", "low", "high", "qualifier",
//  "status", "edited", "decided_by", "decided_at", "note"}; empty fields
//  are left out.
Json ToJson(const store::ProposalRecord& proposal);
Json ToJson(const std::vector<store::ProposalRecord>& proposals);  // {"proposals": [...]}
// {"span", "text", "entity", "candidates", "reason"}
Json ToJson(const store::MentionRecord& mention);

// The largest body of a request to read an article: the largest article
// (16 MiB) and room for its JSON escapes and fields.
inline constexpr size_t kMaxReadBodyBytes = 20u << 20;

// An article to read, as the API takes it: {"text" (required: the plain
// text or HTML), "format" (auto | text | html), "title", "publisher",
// "published", "url", "file" (the name it came under, kept)}. An unknown
// field, a wrong type or a value ReadRequest::Validate() refuses is an
// error naming the JSON field ("text" for the article itself).
StatusOr<ReadRequest> ReadRequestFromJson(const Json& body);

// A proposal's id as a path segment gives it: a whole number from 1; a
// field error on "id".
StatusOr<int64_t> ProposalIdFromText(const std::string& text);

// An edit's fields: {"subject", "predicate", "object", "role", "time",
// "party", "party_label", "stance", "span": [start, end], "note"}; an
// unknown field or a wrong type is an error naming it.
StatusOr<ReviewDecision> ReviewDecisionFromJson(const Json& body, const std::string& action,
                                                int64_t id);

}  // namespace vigil
