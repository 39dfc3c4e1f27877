// Reading new reporting into the knowledge base (issue 11): typed requests
// and results of Engine::ReadArticle, Engine::Review and Engine::Decide.
//
// ReadArticle stores the article's text (HTML reduced to text) under its
// SHA-256, finds the mentions and proposals (reading/reader.h) against
// every name of the curated knowledge base, and adds the proposals to the
// review queue. Decide records the analyst's decision; accepted proposals
// are the claims of the `reading` dataset, which the engine writes again
// from the queue after every read and decision (and after a load replaces
// the entities it refers to), so that `vigil verify`, `show` and the graph
// see them like curated claims.
//
//   ReadRequest request;
//   request.path = "article.html";
//   request.bytes = *ReadFile(request.path);
//   auto result = engine->ReadArticle(request);   // result->proposals: the queue
//   engine->Decide({.id = result->proposals[0].id, .action = "accept"});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/reading/reader.h"
#include "vigil/store/reading_store.h"

namespace vigil {

// The dataset accepted proposals are written to.
inline constexpr char kReadingDataset[] = "reading";

struct ReadRequest {
  std::string path;    // for messages, and kept as the source's file name (may be empty)
  std::string bytes;   // the file's content
  std::string format = "auto";  // auto | text | html
  std::string title, publisher, published, url;
  // Field errors: format, published (a partial date), bytes (not UTF-8,
  // empty, too large).
  Status Validate() const;
};

struct ReadResult {
  store::ReadingSourceRecord source;
  bool new_source = false;
  int64_t proposals_added = 0, proposals_known = 0;
  reading::Reading reading;                      // everything the reader found
  double read_ms = 0;  // time the reader took (reduction, mentions, rules), not the store
  std::vector<store::ProposalRecord> proposals;  // the source's queue, with ids
};

struct ReviewRequest {
  std::string source;  // a source key, or empty for every source
  std::string status;  // pending | accepted | rejected, or empty for all
  Status Validate() const;
};

// An analyst's decision on one proposal. For "edit", the fields given
// replace the proposal's and the proposal is accepted.
struct ReviewDecision {
  int64_t id = 0;
  std::string action;  // accept | reject | edit
  std::string actor = "analyst";
  std::string note;
  std::optional<std::string> subject, predicate, object, role, time, party, party_label, stance;
  std::optional<std::string> value;  // an attribute proposal's value
  std::optional<int64_t> span_start, span_end;
  // Field errors: action not accept, reject or edit; a proposal's field
  // (subject, predicate, ...) given to accept or reject, naming it.
  Status Validate() const;
};

}  // namespace vigil
