// vigil decide, vigil decisions, vigil monitor add|list|remove and vigil
// alerts: decisions on hits, and subjects under monitoring with the alerts
// that list updates raise (docs/cli.md).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "command.h"
#include "vigil/base/file.h"
#include "vigil/engine/json/monitoring_json.h"
#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

struct DecideArgs {
  std::string subject, dob, country, record, decision, note, actor = "cli";
};

struct DecisionsArgs {
  std::string subject, dob, country, record;
};

struct MonitorArgs {
  std::string name, dob, country, kind, label, input, actor = "cli";
};

struct AlertArgs {
  int64_t since = 0, monitor = 0;
};

std::string Score(const std::optional<double>& score) {
  return score ? fmt::format("{:.3f}", *score) : "-";
}

}  // namespace

void AddMonitorCommands(CLI::App& app, Context& context, std::vector<Command>& commands) {
  auto decide_args = std::make_shared<DecideArgs>();
  auto* decide = app.add_subcommand(
      "decide", "record a decision on a hit (shown on the next screening of the same subject)");
  decide->add_option("--subject", decide_args->subject, "the name screened")->required();
  decide->add_option("--dob", decide_args->dob, "the subject's birth date, as screened");
  decide->add_option("--country", decide_args->country, "the subject's country, as screened");
  decide->add_option("--record", decide_args->record, "the hit's record key (its \"entity\")")
      ->required();
  decide->add_option("--decision", decide_args->decision, "match | false_positive | needs_review")
      ->required();
  decide->add_option("--note", decide_args->note, "why");
  decide->add_option("--actor", decide_args->actor, "who decides, for the audit log")
      ->default_str("cli");
  AddCommonOptions(decide, context);
  commands.push_back(
      {decide, [decide_args, &context] {
         DecisionRequest request;
         request.subject = {decide_args->subject, decide_args->dob, decide_args->country};
         request.record = decide_args->record;
         request.decision = decide_args->decision;
         request.note = decide_args->note;
         if (auto s = request.Validate(); !s.ok()) return Fail(s, context);
         auto engine = OpenForWriting(context);
         if (!engine.ok()) return Fail(engine.status(), context);
         auto made = (*engine)->Decide(request, decide_args->actor);
         if (!made.ok()) return Fail(made.status(), context);
         if (context.json) return Print(ToJson(*made));
         std::cout << fmt::format("decision {}: {} on {} ({} {}) for \"{}\"\n", made->id,
                                  made->decision, Esc(made->record), Esc(made->dataset),
                                  made->list_version.empty() ? "?" : Esc(made->list_version),
                                  Esc(made->subject));
         return 0;
       }});

  auto decisions_args = std::make_shared<DecisionsArgs>();
  auto* decisions = app.add_subcommand("decisions", "the decisions recorded, oldest first");
  decisions->add_option("--subject", decisions_args->subject, "of this subject (name)");
  decisions->add_option("--dob", decisions_args->dob, "the subject's birth date");
  decisions->add_option("--country", decisions_args->country, "the subject's country");
  decisions->add_option("--record", decisions_args->record, "on this record");
  AddCommonOptions(decisions, context);
  commands.push_back({decisions, [decisions_args, &context] {
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        DecisionQuery query{
                            {decisions_args->subject, decisions_args->dob, decisions_args->country},
                            decisions_args->record};
                        auto found = (*engine)->Decisions(query);
                        if (!found.ok()) return Fail(found.status(), context);
                        if (context.json) {
                          Json all = Json::array();
                          for (const auto& d : *found) all.push_back(ToJson(d));
                          return Print(all);
                        }
                        for (const auto& d : *found)
                          std::cout << fmt::format("{:>4}  {}  {:<14} {} on {} by {}{}{}\n", d.id,
                                                   d.at, d.decision, Esc(d.subject), Esc(d.record),
                                                   Esc(d.actor), d.stale ? " (stale)" : "",
                                                   d.note.empty() ? "" : ": " + Esc(d.note));
                        return 0;
                      }});

  auto* monitor = app.add_subcommand(
      "monitor", "subjects re-screened after every list update: add, list, remove");
  monitor->require_subcommand(1);

  auto add_args = std::make_shared<MonitorArgs>();
  auto* add =
      monitor->add_subcommand("add", "monitor a subject (or a CSV of subjects), screened now");
  add->add_option("NAME", add_args->name, "the subject's name");
  add->add_option("--dob", add_args->dob, "birth date (YYYY, YYYY-MM, YYYY-MM-DD)");
  add->add_option("--country", add_args->country, "country (ISO code or English name)");
  add->add_option("--kind", add_args->kind, "person | organization | any");
  add->add_option("--label", add_args->label, "what to call it (default: the name)");
  add->add_option("--input", add_args->input,
                  "a CSV of subjects: name[,birth_date,country,kind,label] with a header");
  add->add_option("--actor", add_args->actor, "who adds it, for the audit log")->default_str("cli");
  AddCommonOptions(add, context);
  commands.push_back(
      {add, [add_args, &context] {
         std::vector<MonitorSubject> subjects;
         if (!add_args->input.empty()) {
           if (!add_args->name.empty())
             return Fail(FieldError("input", "give NAME or --input, not both"), context);
           auto text = ReadFile(add_args->input);
           if (!text.ok()) return Fail(text.status(), context);
           auto read = MonitorSubjectsFromCsv(*text, add_args->input);
           if (!read.ok()) {
             // A column of the file, not this command's flag of that name.
             Status status = read.status();
             status.ErasePayload(kFieldPayload);
             return Fail(status, context);
           }
           subjects = std::move(*read);
         } else {
           if (add_args->name.empty())
             return Fail(FieldError("name", "give a NAME, or --input with a CSV"), context);
           MonitorSubject s{add_args->label, add_args->name, add_args->dob, add_args->country,
                            add_args->kind};
           if (auto v = s.Validate(); !v.ok()) return Fail(v, context);
           subjects.push_back(std::move(s));
         }
         auto engine = OpenForWriting(context);
         if (!engine.ok()) return Fail(engine.status(), context);
         auto added = (*engine)->AddMonitors(subjects, add_args->actor);
         if (!added.ok()) return Fail(added.status(), context);
         if (auto s = (*engine)->audit().Flush(); !s.ok()) return Fail(s, context);
         if (context.json) {
           Json all = Json::array();
           for (const auto& m : *added) all.push_back(ToJson(m));
           return Print(all);
         }
         for (const auto& m : *added)
           std::cout << fmt::format("monitor {} \"{}\": {} hit{}\n", m.id, Esc(m.label),
                                    m.hits.size(), m.hits.size() == 1 ? "" : "s");
         return 0;
       }});

  auto* list = monitor->add_subcommand("list", "the subjects under monitoring");
  AddCommonOptions(list, context);
  commands.push_back({list, [&context] {
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto monitors = (*engine)->Monitors();
                        if (!monitors.ok()) return Fail(monitors.status(), context);
                        if (context.json) {
                          Json all = Json::array();
                          for (const auto& m : *monitors) all.push_back(ToJson(m));
                          return Print(all);
                        }
                        for (const auto& m : *monitors)
                          std::cout << fmt::format("{:>4}  {:<24} {}  {} hit{}\n", m.id,
                                                   Esc(m.label), Esc(m.subject.name), m.hits.size(),
                                                   m.hits.size() == 1 ? "" : "s");
                        return 0;
                      }});

  auto remove_id = std::make_shared<std::string>();
  auto remove_actor = std::make_shared<std::string>("cli");
  auto* remove = monitor->add_subcommand("remove", "stop monitoring a subject (its alerts stay)");
  remove->add_option("ID", *remove_id, "the monitor's id")->required();
  remove->add_option("--actor", *remove_actor, "who removes it, for the audit log")
      ->default_str("cli");
  AddCommonOptions(remove, context);
  commands.push_back({remove, [remove_id, remove_actor, &context] {
                        auto id = MonitorIdFromText(*remove_id);
                        if (!id.ok()) return Fail(id.status(), context);
                        auto engine = OpenForWriting(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        if (auto s = (*engine)->RemoveMonitor(*id, *remove_actor); !s.ok())
                          return Fail(s, context);
                        if (auto s = (*engine)->audit().Flush(); !s.ok()) return Fail(s, context);
                        if (context.json) return Print(Json{{"removed", *id}});
                        std::cout << fmt::format("removed monitor {}\n", *id);
                        return 0;
                      }});

  auto alert_args = std::make_shared<AlertArgs>();
  auto* alerts = app.add_subcommand("alerts", "what list updates changed for monitored subjects");
  alerts->add_option("--since", alert_args->since, "only alerts after this id");
  alerts->add_option("--monitor", alert_args->monitor, "only this monitor's alerts");
  AddCommonOptions(alerts, context);
  commands.push_back({alerts, [alert_args, &context] {
                        AlertQuery query;
                        query.since = alert_args->since;
                        query.monitor = alert_args->monitor;
                        auto engine = OpenForReading(context);
                        if (!engine.ok()) return Fail(engine.status(), context);
                        auto found = (*engine)->Alerts(query);
                        if (!found.ok()) return Fail(found.status(), context);
                        if (context.json) {
                          Json all = Json::array();
                          for (const auto& a : *found) all.push_back(ToJson(a));
                          return Print(all);
                        }
                        for (const auto& a : *found)
                          std::cout << fmt::format(
                              "{:>5}  {}  {:<7}  \"{}\"  {} ({})  {} -> {}  {}\n", a.id, a.at,
                              a.kind, Esc(a.label), Esc(a.record), Esc(a.dataset),
                              Score(a.old_score), Score(a.new_score), Esc(a.cause));
                        return 0;
                      }});
}

}  // namespace vigil::cli
