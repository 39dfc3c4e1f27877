// The rules of `vigil lint` and Engine::Lint.
#include "vigil/engine/lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "vigil/base/ascii.h"
#include "vigil/base/date.h"
#include "vigil/engine/engine.h"

namespace vigil {
namespace {

constexpr std::array kLintRules = {
    LintRule{"relation_before_start", LintSeverity::kError,
             "a relation dated before one of its ends was founded or born"},
    LintRule{"relation_after_end", LintSeverity::kError,
             "a relation dated after one of its ends died or was dissolved"},
    LintRule{"former_role_open", LintSeverity::kError,
             "a role worded as former (\"former\", \"ex-\", \"then\") with no end date"},
    LintRule{"relation_undated_within_lifespan", LintSeverity::kWarning,
             "a relation without a start (or an end) whose end entity's lifespan supplies it"},
    LintRule{"deceased_without_lifespan", LintSeverity::kWarning,
             "an entity whose attributes say it died or ended, without a lifespan end"},
    LintRule{"quote_without_speaker", LintSeverity::kWarning,
             "a passage that quotes or reports someone (quotation marks, \"said\", \"according "
             "to\") cited by a claim without a party"},
    LintRule{"hedged_high_confidence", LintSeverity::kWarning,
             "a hedged passage (may, could, worries, reportedly...) asserted with confidence 0.8 "
             "or more"},
    LintRule{"stance_contradicts_passage", LintSeverity::kWarning,
             "a claim that asserts a passage of denial, or denies with a passage that denies "
             "nothing"},
};

const LintRule& RuleNamed(std::string_view name) {
  for (const auto& rule : kLintRules)
    if (rule.name == name) return rule;
  return kLintRules[0];  // unreachable: every name below is in the table
}

LintFinding FindingOf(std::string_view rule, const std::optional<std::string>& file,
                      std::optional<int64_t> line, std::string field, std::string fact,
                      std::string message) {
  const LintRule& r = RuleNamed(rule);
  return LintFinding{file.value_or(""), line.value_or(0), std::move(field), r.severity,
                     std::string(r.name), std::move(fact), std::move(message)};
}

std::optional<PartialDate> LintDate(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  auto date = PartialDate::Parse(*text);
  if (!date.ok()) return std::nullopt;
  return *date;
}

const store::LifespanBoundRecord* LintBoundOf(const std::vector<store::LifespanBoundRecord>& bounds,
                                          std::string_view which) {
  for (const auto& b : bounds)
    if (b.bound == which) return &b;
  return nullptr;
}

// Whether text holds word as a whole word (ASCII letters around it end it),
// case folded; word may hold spaces ("according to").
bool LintHasWord(std::string_view lower_text, std::string_view word) {
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || c == '\''; };
  for (size_t at = lower_text.find(word); at != std::string_view::npos;
       at = lower_text.find(word, at + 1)) {
    bool starts = at == 0 || !is_letter(lower_text[at - 1]);
    size_t end = at + word.size();
    bool ends = end >= lower_text.size() || !is_letter(lower_text[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string_view LintFirstWord(std::string_view lower_text, std::span<const std::string_view> words) {
  for (auto w : words)
    if (LintHasWord(lower_text, w)) return w;
  return {};
}

constexpr std::string_view kReportWords[] = {"said",  "says",   "say",     "according to",
                                             "told",  "stated", "claimed", "warned"};
constexpr std::string_view kHedgeWords[] = {
    "may",       "might",     "could",    "worries",   "worried", "worry",    "fears",
    "feared",    "reportedly", "allegedly", "reports suggest", "perhaps", "possibly",
    "believed",  "suspected", "arguably", "apparently"};
constexpr std::string_view kDenialWords[] = {
    "denied",  "denies",   "deny",      "denying", "baseless", "rejected", "no longer",
    "never",   "not",      "no",        "refused", "dismissed", "nor",     "n't",
    "rebuffed", "a show of", "distinct", "instead", "rather than", "false"};
constexpr std::string_view kStrongDenialWords[] = {"denied", "denies", "deny", "denying",
                                                   "baseless", "dismissed"};

// A quotation: words between quotation marks (not apostrophes), three or
// more of them. One or two quoted words are a term the writer marks as
// someone else's ("strategic depth", "post-NATO"), not a statement quoted.
// A mark the passage does not close counts as a quotation cut by the span.
bool LintHasQuotation(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> kMarks[] = {
      {"\"", "\""}, {"\u201c", "\u201d"}, {"\u00ab", "\u00bb"}};
  for (auto [open, close] : kMarks) {
    for (size_t at = text.find(open); at != std::string_view::npos;) {
      size_t begin = at + open.size();
      size_t end = text.find(close, begin);
      if (end == std::string_view::npos) return true;
      std::string_view quoted = text.substr(begin, end - begin);
      if (std::count(quoted.begin(), quoted.end(), ' ') >= 2) return true;
      at = text.find(open, end + close.size());
    }
  }
  // A closing mark with no opening one: the quotation began before the span.
  return text.find("\u201d") != std::string_view::npos &&
         text.find("\u201c") == std::string_view::npos;
}

}  // namespace

std::string_view LintSeverityName(LintSeverity severity) {
  return severity == LintSeverity::kError ? "error" : "warning";
}

std::span<const LintRule> LintRules() { return kLintRules; }

namespace lint {

std::vector<LintFinding> CheckRelation(const store::RelationRecord& r,
                                       const std::vector<store::LifespanBoundRecord>& subject,
                                       const std::vector<store::LifespanBoundRecord>& object) {
  std::vector<LintFinding> out;
  std::string fact = fmt::format("relation {} {} {}", r.subject.id, r.predicate, r.object.id);
  auto from = LintDate(r.from), to = LintDate(r.to);
  for (auto [end, bounds] : {std::pair{&r.subject, &subject}, {&r.object, &object}}) {
    const auto* start = LintBoundOf(*bounds, "start");
    const auto* finish = LintBoundOf(*bounds, "end");
    auto born = start ? LintDate(start->date) : std::nullopt;
    auto died = finish ? LintDate(finish->date) : std::nullopt;
    // Only what is certain: a date that cannot fall within the lifespan,
    // however its uncertainty is read.
    if (born) {
      for (auto [field, date] : {std::pair{"from", &from}, {"to", &to}})
        if (*date && (*date)->Latest() < born->Earliest()) {
          out.push_back(FindingOf(
              "relation_before_start", r.file, r.line, field, fact,
              fmt::format("{} {} is before {} began ({}, {})", field, (*date)->ToString(),
                          end->id, born->ToString(),
                          end->kind == "person" ? "born" : "founded")));
          break;
        }
    }
    if (died) {
      for (auto [field, date] : {std::pair{"to", &to}, {"from", &from}})
        if (*date && (*date)->Earliest() > died->Latest()) {
          out.push_back(FindingOf(
              "relation_after_end", r.file, r.line, field, fact,
              fmt::format("{} {} is after {} ended ({}, {})", field, (*date)->ToString(), end->id,
                          died->ToString(), end->kind == "person" ? "died" : "dissolved")));
          break;
        }
    }
    if (born && !from)
      out.push_back(FindingOf("relation_undated_within_lifespan", r.file, r.line, "from", fact,
                              fmt::format("no start date: it begins when {} began ({})", end->id,
                                          born->ToString())));
    if (died && !to)
      out.push_back(FindingOf("relation_undated_within_lifespan", r.file, r.line, "to", fact,
                              fmt::format("no end date: it ends when {} ended ({})", end->id,
                                          died->ToString())));
  }
  if (r.role && !to) {
    std::string role = AsciiLower(*r.role);
    std::string_view word = LintHasWord(role, "former") ? "former"
                            : LintHasWord(role, "formerly") ? "formerly"
                            : role.find("ex-") != std::string::npos ? "ex-"
                                                                    : "";
    if (!word.empty())
      out.push_back(FindingOf("former_role_open", r.file, r.line, "role", fact,
                              fmt::format("the role '{}' is called {} but the relation has no "
                                          "end date (to): it reads as current",
                                          *r.role, word)));
  }
  return out;
}

std::vector<LintFinding> CheckClaim(const store::LintClaimRecord& c) {
  std::vector<LintFinding> out;
  // An entity's claims cite the passage that introduces it (a speaker is
  // introduced by what they said), not a statement of fact.
  if (!c.passage || c.fact_type == "entity") return out;
  std::string lower = AsciiLower(*c.passage);
  std::string field = fmt::format("claims[{}]", c.position);
  if (!c.has_party) {
    std::string_view word = LintFirstWord(lower, kReportWords);
    // A warning is what an intelligence-sharing relation or a warning
    // event states, not words reported from someone.
    if (word == "warned" && (c.kind == "shares_intelligence_with" || c.kind == "warning"))
      word = {};
    if (LintHasQuotation(*c.passage) || !word.empty())
      out.push_back(FindingOf(
          "quote_without_speaker", c.file, c.line, field + ".party", c.fact,
          fmt::format("the passage {} but the claim names no party (party or party_label): it "
                      "reads as the source's own statement",
                      word.empty() ? std::string("quotes someone")
                                   : fmt::format("reports words ('{}')", word))));
  }
  if (c.confidence >= 0.8 && c.stance == "asserts") {
    std::string_view word = LintFirstWord(lower, kHedgeWords);
    if (!word.empty())
      out.push_back(FindingOf("hedged_high_confidence", c.file, c.line, field + ".confidence",
                              c.fact,
                              fmt::format("the passage hedges ('{}') but the claim asserts it with "
                                          "confidence {}",
                                          word, c.confidence)));
  }
  if (c.fact_type != "question") {  // an answer may well be "no"
    if (c.stance == "denies" && LintFirstWord(lower, kDenialWords).empty())
      out.push_back(FindingOf("stance_contradicts_passage", c.file, c.line, field + ".stance",
                              c.fact,
                              "the claim denies the fact but its passage denies or negates "
                              "nothing"));
    std::string_view denial = LintFirstWord(lower, kStrongDenialWords);
    if (c.stance == "asserts" && !denial.empty())
      out.push_back(FindingOf(
          "stance_contradicts_passage", c.file, c.line, field + ".stance", c.fact,
          fmt::format("the passage is a denial ('{}') but the claim asserts the fact: give the "
                      "denying party's claim stance: denies, or cite the assertion",
                      denial)));
  }
  return out;
}

std::vector<LintFinding> CheckEntity(const store::LintEntityRecord& e) {
  std::vector<LintFinding> out;
  if (LintBoundOf(e.lifespan, "end")) return out;
  auto status = e.attributes.find("status");
  auto death = e.attributes.find("death_date");
  std::string why = death != e.attributes.end() ? "death_date " + death->second
                    : status != e.attributes.end() ? "status " + status->second
                                                    : "";
  if (why.empty()) return out;
  out.push_back(FindingOf("deceased_without_lifespan", e.file, e.line, "lifespan.end",
                          "entity " + e.entity.id,
                          fmt::format("its attributes say it ended ({}) but it has no lifespan "
                                      "end, so its undated relations never end",
                                      why)));
  return out;
}

}  // namespace lint

StatusOr<LintReport> Engine::Lint() {
  LintReport report;
  auto lifespans = store_->Lifespans();
  if (!lifespans.ok()) return lifespans.status();
  std::map<int64_t, std::vector<store::LifespanBoundRecord>> by_row;
  for (auto& l : *lifespans) by_row[l.entity.row_id] = std::move(l.bounds);
  static const std::vector<store::LifespanBoundRecord> kNone;
  auto of = [&](int64_t row) -> const std::vector<store::LifespanBoundRecord>& {
    auto it = by_row.find(row);
    return it == by_row.end() ? kNone : it->second;
  };
  auto relations = store_->ListRelations("", {});
  if (!relations.ok()) return relations.status();
  auto add = [&](std::vector<LintFinding> found) {
    for (auto& f : found) report.findings.push_back(std::move(f));
  };
  for (const auto& r : *relations) add(lint::CheckRelation(r, of(r.subject.row_id), of(r.object.row_id)));
  auto claims = store_->ClaimsToLint();
  if (!claims.ok()) return claims.status();
  for (const auto& c : *claims) add(lint::CheckClaim(c));
  auto ended = store_->EndedEntities();
  if (!ended.ok()) return ended.status();
  for (const auto& e : *ended) add(lint::CheckEntity(e));
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const LintFinding& a, const LintFinding& b) {
                     return std::tie(a.file, a.line, a.field, a.rule) <
                            std::tie(b.file, b.line, b.field, b.rule);
                   });
  for (const auto& f : report.findings)
    ++(f.severity == LintSeverity::kError ? report.errors : report.warnings);
  return report;
}

}  // namespace vigil
