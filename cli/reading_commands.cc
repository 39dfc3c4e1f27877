// vigil read | review: new reporting read into the review queue, and the
// analyst's decisions on it. Flags into engine/reading.h's requests; text
// rendering only.
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "command.h"
#include "vigil/base/file.h"
#include "vigil/engine/json/reading_json.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

struct ReviewArgs {
  std::string action, source, status;
  int64_t id = 0;
  std::string by;
  std::string note;
  std::string subject, predicate, object, role, time, party, party_label, stance, value;
  std::vector<int64_t> span;
};

void RenderProposal(const store::ProposalRecord& p, std::ostream& out) {
  std::string what;
  if (p.kind == "relation") {
    what = fmt::format("{} {} {}", p.subject_key, p.predicate, p.object_key);
  } else if (p.kind == "participant") {
    what = fmt::format("{} {} {}", p.subject_key, p.predicate,
                       p.object_label.empty() ? "(an event)" : "'" + p.object_label + "'");
  } else if (p.kind == "estimate") {
    what = fmt::format("{} {}: {}", p.subject_key, p.predicate, p.object_label);
  } else {
    what = fmt::format("{} {}: {}", p.subject_key, p.predicate, p.object_label);
  }
  std::string who = !p.party_key.empty() ? p.party_key
                    : !p.party_label.empty() ? "'" + p.party_label + "'"
                                             : "the source";
  out << fmt::format("#{} [{}] {} {}", p.id, p.status, p.kind, Esc(what));
  if (!p.role.empty()) out << " (" << Esc(p.role) << ")";
  if (!p.time.empty()) out << " at " << p.time;
  out << fmt::format("\n    {} by {}, {} [{}, {}] {} rule {}\n", p.stance, Esc(who),
                     p.source_key, p.span_start, p.span_end, p.digest, p.rule);
}

}  // namespace

void AddReadingCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto request = std::make_shared<ReadRequest>();
  auto* read = app.add_subcommand(
      "read", "read an article (text or HTML) into the review queue: mentions of known "
              "entities, dates, numbers, speakers and proposed claims");
  read->add_option("FILE", request->path, "the article: plain text or HTML")->required();
  read->add_option("--title", request->title, "title (default: the first line)");
  read->add_option("--publisher", request->publisher, "publisher");
  read->add_option("--published", request->published,
                   "publication date: YYYY, YYYY-MM or YYYY-MM-DD (relative dates count from it)");
  read->add_option("--url", request->url, "where the article was found");
  read->add_option("--format", request->format, "auto, text or html")->default_str("auto");
  AddCommonOptions(read, context);
  commands.push_back({read, [request, &context] {
                        auto bytes = ReadFile(request->path);
                        if (!bytes.ok()) return Fail(bytes.status(), context);
                        request->bytes = std::move(*bytes);
                        if (auto s = request->Validate(); !s.ok()) return Fail(s, context);
                        auto engine = Engine::Open(context.db, store::AccessMode::kReadWrite);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto result = (*engine)->ReadArticle(*request);
                        if (!result.ok()) return Fail(result.status(), context);
                        if (context.json) return Print(ToJson(*result));
                        const auto& r = *result;
                        int64_t ambiguous = 0;
                        for (const auto& m : r.reading.mentions) ambiguous += m.ambiguous();
                        std::cout << fmt::format(
                            "{} source {}: {} ({} code points, {})\n",
                            r.new_source ? "read" : "already read", r.source.key,
                            Esc(r.source.title), r.source.length, r.source.format);
                        std::cout << fmt::format(
                            "  {} sentences, {} mentions ({} ambiguous), {} dates, {} numbers, "
                            "{} statements, {} places\n",
                            r.reading.sentences.size(), r.reading.mentions.size(), ambiguous,
                            r.reading.dates.size(), r.reading.numbers.size(),
                            r.reading.statements.size(), r.reading.places.size());
                        std::cout << fmt::format("  {} proposals added, {} already queued\n",
                                                 r.proposals_added, r.proposals_known);
                        for (const auto& p : r.proposals) RenderProposal(p, std::cout);
                        return 0;
                      }});

  auto args = std::make_shared<ReviewArgs>();
  const char* user = std::getenv("USER");
  args->by = user && *user ? user : "analyst";
  auto* review = app.add_subcommand(
      "review", "the review queue of proposed claims; accept, reject or edit one");
  review->add_option("ACTION", args->action, "accept | reject | edit (none: list the queue)");
  review->add_option("ID", args->id, "the proposal's id");
  review->add_option("--source", args->source, "only the proposals of this source");
  review->add_option("--status", args->status, "only pending, accepted or rejected proposals");
  review->add_option("--by", args->by, "who decides (default: $USER)");
  review->add_option("--note", args->note, "a note kept with the decision");
  review->add_option("--subject", args->subject, "edit: subject entity id");
  review->add_option("--predicate", args->predicate, "edit: predicate (or participant role)");
  review->add_option("--object", args->object, "edit: object entity id");
  review->add_option("--role", args->role, "edit: role qualifier");
  review->add_option("--time", args->time, "edit: date (YYYY, YYYY-MM, YYYY-MM-DD)");
  review->add_option("--party", args->party, "edit: entity id of the asserting party");
  review->add_option("--party-label", args->party_label, "edit: the party as free text");
  review->add_option("--stance", args->stance, "edit: asserts, denies or reports");
  review->add_option("--value", args->value, "edit: an attribute proposal's value");
  review->add_option("--span", args->span, "edit: START END, code points")->expected(2);
  AddCommonOptions(review, context);
  commands.push_back({review, [args, review, &context] {
                        if (args->action.empty()) {
                          ReviewRequest request{args->source, args->status};
                          if (auto s = request.Validate(); !s.ok()) return Fail(s, context);
                          auto engine = OpenForReading(context);
                          if (!engine.ok()) return Fail(engine.status(), context);
                          auto queue = (*engine)->Review(request);
                          if (!queue.ok()) return Fail(queue.status(), context);
                          if (context.json) return Print(ToJson(*queue));
                          for (const auto& p : *queue) RenderProposal(p, std::cout);
                          std::cout << fmt::format("{} proposals\n", queue->size());
                          return 0;
                        }
                        if (review->count("ID") == 0)
                          return Fail(FieldError("id", "give the proposal's id"), context);
                        ReviewDecision d;
                        d.id = args->id;
                        d.action = args->action;
                        d.actor = args->by;
                        d.note = args->note;
                        auto set = [&](const char* flag, const std::string& value,
                                       std::optional<std::string>& into) {
                          if (review->count(flag)) into = value;
                        };
                        set("--subject", args->subject, d.subject);
                        set("--predicate", args->predicate, d.predicate);
                        set("--object", args->object, d.object);
                        set("--role", args->role, d.role);
                        set("--time", args->time, d.time);
                        set("--party", args->party, d.party);
                        set("--party-label", args->party_label, d.party_label);
                        set("--stance", args->stance, d.stance);
                        set("--value", args->value, d.value);
                        if (args->span.size() == 2) {
                          d.span_start = args->span[0];
                          d.span_end = args->span[1];
                        }
                        if (auto s = d.Validate(); !s.ok()) return Fail(s, context);
                        auto engine = Engine::Open(context.db, store::AccessMode::kReadWrite);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto decided = (*engine)->Decide(d);
                        if (!decided.ok()) return Fail(decided.status(), context);
                        if (context.json) return Print(ToJson(*decided));
                        RenderProposal(*decided, std::cout);
                        return 0;
                      }});
}

}  // namespace vigil::cli
