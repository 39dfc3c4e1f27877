// Verify: every claim's span checked against the text whose hash matches.
#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "vigil/base/file.h"
#include "vigil/base/sha256.h"
#include "vigil/base/utf8.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/facts.h"

namespace vigil {

StatusOr<Json> Engine::Verify(const std::string& texts_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(texts_dir, ec))
    return absl::InvalidArgumentError(fmt::format("--texts: {}: not a folder", texts_dir));
  struct Text {
    std::string path, bytes;
    std::vector<size_t> offsets;
    bool valid = true;
  };
  std::map<std::string, Text> by_hash;
  for (const auto& entry : fs::directory_iterator(texts_dir, ec)) {
    if (!entry.is_regular_file()) continue;
    auto bytes = ReadFile(entry.path().string());
    if (!bytes.ok()) return bytes.status();
    Text t{entry.path().string(), std::move(*bytes), {}, true};
    t.valid = !FindInvalidUtf8(t.bytes);
    if (t.valid) t.offsets = CodePointOffsets(t.bytes);
    by_hash.emplace(Sha256Hex(t.bytes), std::move(t));
  }

  Json sources = Json::array();
  std::map<int64_t, const Text*> text_of_source;
  Statement src(*db_, "SELECT id, key, sha256 FROM sources WHERE kind != 'list' ORDER BY key");
  while (src.Step()) {
    if (src.IsNull(2)) continue;
    auto it = by_hash.find(src.Text(2));
    const Text* text = it == by_hash.end() ? nullptr : &it->second;
    text_of_source[src.Int(0)] = text;
    sources.push_back({{"id", src.Text(1)},
                       {"sha256", src.Text(2)},
                       {"file", text ? Json(text->path) : Json(nullptr)}});
  }

  Json claims = Json::array();
  int64_t checked = 0, bad = 0, skipped = 0;
  Statement st(*db_,
               "SELECT c.id, c.fact_id, s.id, s.key, c.span_start, c.span_end, c.digest, "
               "s.sha256, c.locator, s.kind FROM claims c JOIN sources s ON s.id = c.source_id "
               "ORDER BY s.key, c.span_start, c.id");
  while (st.Step()) {
    Json c{{"claim_id", st.Int(0)},
           {"fact", internal::FactSummary(*db_, st.Int(1))},
           {"source", st.Text(3)}};
    // A source without a text, or an official list (whose sha256 is that of
    // the list file, cited by reference locator): nothing to check.
    if (st.IsNull(7) || (st.IsNull(4) && st.Text(9) == "list")) {
      ++skipped;
      continue;
    }
    ++checked;
    std::string problem;
    Json passage = nullptr;
    if (st.IsNull(4)) {
      problem = "no span, although the source has a text";
    } else {
      int64_t start = st.Int(4), end = st.Int(5);
      c["span"] = Json::array({start, end});
      const Text* text = text_of_source[st.Int(2)];
      if (!text) {
        problem = fmt::format("no file in {} has the source's SHA-256", texts_dir);
      } else if (!text->valid) {
        problem = fmt::format("{} is not valid UTF-8", text->path);
      } else {
        int64_t length = static_cast<int64_t>(text->offsets.size()) - 1;
        if (start < 0 || end > length || start >= end) {
          problem = fmt::format("span [{}, {}] lies outside the text ({} code points)", start,
                                end, length);
        } else {
          std::string p = text->bytes.substr(text->offsets[start],
                                             text->offsets[end] - text->offsets[start]);
          if (!st.IsNull(6) && Sha256Hex(p).substr(0, 8) != st.Text(6))
            problem = fmt::format("the passage's digest is {}, the claim recorded {}",
                                  Sha256Hex(p).substr(0, 8), st.Text(6));
          passage = std::move(p);
        }
      }
    }
    c["passage"] = std::move(passage);
    c["status"] = problem.empty() ? "ok" : "bad";
    if (!problem.empty()) {
      c["problem"] = problem;
      ++bad;
    }
    claims.push_back(std::move(c));
  }
  if (!st.status().ok()) return st.status();
  return Json{{"ok", bad == 0},
              {"texts", texts_dir},
              {"checked", checked},
              {"bad", bad},
              {"skipped_without_text", skipped},
              {"sources", std::move(sources)},
              {"claims", std::move(claims)}};
}

}  // namespace vigil
