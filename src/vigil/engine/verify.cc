// Engine::Verify: every claim's span checked against the text whose hash
// matches (engine/verify_report.h).
#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "vigil/base/file.h"
#include "vigil/base/sha256.h"
#include "vigil/base/utf8.h"
#include "vigil/engine/engine.h"

namespace vigil {
namespace {

// A file of the texts folder.
struct Text {
  std::string path, bytes;
  std::vector<size_t> offsets;  // code points
  bool valid = true;            // UTF-8
};

// The files of a folder by their SHA-256.
StatusOr<std::map<std::string, Text>> TextsByHash(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return FieldError("texts", fmt::format("{}: not a folder", folder));
  std::map<std::string, Text> by_hash;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file()) continue;
    auto bytes = ReadFile(entry.path().string());
    if (!bytes.ok()) return bytes.status();
    Text t{entry.path().string(), std::move(*bytes), {}, true};
    t.valid = !FindInvalidUtf8(t.bytes);
    if (t.valid) t.offsets = CodePointOffsets(t.bytes);
    by_hash.emplace(Sha256Hex(t.bytes), std::move(t));
  }
  return by_hash;
}

// What is wrong with a claim's span in its source's text (empty: nothing),
// and the passage when the span could be read.
std::string Check(const store::ClaimSpanRecord& claim, const Text* text, const std::string& folder,
                  VerifiedClaim* out) {
  if (!claim.span_start) return "no span, although the source has a text";
  int64_t start = *claim.span_start, end = claim.span_end.value_or(0);
  out->span = std::make_pair(start, end);
  if (!text) return fmt::format("no file in {} has the source's SHA-256", folder);
  if (!text->valid) return fmt::format("{} is not valid UTF-8", text->path);
  int64_t length = static_cast<int64_t>(text->offsets.size()) - 1;
  if (start < 0 || end > length || start >= end)
    return fmt::format("span [{}, {}] lies outside the text ({} code points)", start, end, length);
  auto first = text->offsets[static_cast<size_t>(start)];
  out->passage = text->bytes.substr(first, text->offsets[static_cast<size_t>(end)] - first);
  std::string digest = Sha256Hex(*out->passage).substr(0, 8);
  if (claim.digest && digest != *claim.digest)
    return fmt::format("the passage's digest is {}, the claim recorded {}", digest, *claim.digest);
  return "";
}

}  // namespace

StatusOr<VerifyReport> Engine::Verify(const VerifyRequest& request) {
  auto by_hash = TextsByHash(request.texts);
  if (!by_hash.ok()) return by_hash.status();
  VerifyReport report;
  report.texts = request.texts;
  auto sources = store_->SourcesToVerify();
  if (!sources.ok()) return sources.status();
  std::map<int64_t, const Text*> text_of_source;
  std::map<std::string, Text> stored_texts;
  for (const auto& source : *sources) {
    if (!source.sha256) continue;
    auto it = by_hash->find(*source.sha256);
    const Text* text = it == by_hash->end() ? nullptr : &it->second;
    if (!text && source.id.rfind("read-", 0) == 0) {
      // An article `vigil read` took in (engine/reading.h): its text is in
      // the store, under the same SHA-256 (HTML reduced to text has no file).
      auto stored = store_->StoredText(source.row);
      if (!stored.ok()) return stored.status();
      if (*stored && Sha256Hex(**stored) == *source.sha256) {
        Text t{fmt::format("(the text stored for {})", source.id), std::move(**stored), {}, true};
        t.valid = !FindInvalidUtf8(t.bytes);
        if (t.valid) t.offsets = CodePointOffsets(t.bytes);
        text = &stored_texts.emplace(*source.sha256, std::move(t)).first->second;
      }
    }
    text_of_source[source.row] = text;
    report.sources.push_back(
        {source.id, *source.sha256, text ? std::optional(text->path) : std::nullopt});
  }
  auto claims = store_->ClaimSpans();
  if (!claims.ok()) return claims.status();
  for (const auto& claim : *claims) {
    // A source without a text, or an official list (whose sha256 is that of
    // the list file, cited by reference locator): nothing to check.
    if (!claim.source_sha256 || (!claim.span_start && claim.source_kind == "list")) {
      ++report.skipped_without_text;
      continue;
    }
    ++report.checked;
    VerifiedClaim checked;
    checked.claim_id = claim.claim_id;
    auto fact = store_->FactSummary(claim.fact_id);
    if (!fact.ok()) return fact.status();
    checked.fact = std::move(*fact);
    checked.source = claim.source;
    checked.problem = Check(claim, text_of_source[claim.source_row], request.texts, &checked);
    if (!checked.problem.empty()) ++report.bad;
    report.claims.push_back(std::move(checked));
  }
  return report;
}

}  // namespace vigil
