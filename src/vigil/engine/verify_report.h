// `vigil verify`: every claim's span checked against the text whose SHA-256
// its source records (engine/verify.cc; the JSON is
// engine/json/knowledge_json.h's).
//
//   auto report = engine->Verify({.texts = "../shared/seeds"});
//   if (!report->ok()) ...   // report->claims: the bad ones have a problem
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vigil {

struct VerifyRequest {
  std::string texts;  // the folder holding the source texts
};

// A source with a text, and the file found for it.
struct VerifiedSource {
  std::string id;
  std::string sha256;
  std::optional<std::string> file;  // the file in texts with that SHA-256; none found
};

struct VerifiedClaim {
  int64_t claim_id = 0;
  std::string fact;    // what the claimed fact states ("relation a leader_of b")
  std::string source;  // the source's id
  std::optional<std::pair<int64_t, int64_t>> span;  // none: the claim has none
  std::optional<std::string> passage;               // the span's text, when it could be read
  std::string problem;                              // empty: the span is good
};

struct VerifyReport {
  std::string texts;
  int64_t checked = 0, bad = 0;
  int64_t skipped_without_text = 0;     // claims on sources without a text, or on lists
  std::vector<VerifiedSource> sources;  // by id
  std::vector<VerifiedClaim> claims;    // checked ones, by source, span, claim

  bool ok() const { return bad == 0; }
};

}  // namespace vigil
