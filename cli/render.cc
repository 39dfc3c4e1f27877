// Text rendering: compact, one fact per line, citations indented below.
#include "render.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include "vigil/text/escape.h"

namespace vigil::cli {
namespace {

// A value as printed; text escaped for the terminal.
std::string Str(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return EscapeForTerminal(v.get<std::string>());
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) {
    double d = v.get<double>();
    return d == static_cast<int64_t>(d) ? std::to_string(static_cast<int64_t>(d)) : fmt::format("{}", d);
  }
  return EscapeForTerminal(v.dump());
}

std::string Ref(const Json& ref) {
  if (ref.is_null()) return "?";
  return fmt::format("{} [{}]", Str(ref["name"]), Str(ref["id"]));
}

std::string Period(const Json& from, const Json& to) {
  if (from.is_null() && to.is_null()) return "";
  return fmt::format(" ({}–{})", Str(from), Str(to));
}

// " · from 2015-01 by isis-k's lifespan, to ..." when a bound of the
// relation's effective validity came from an end's lifespan, not its own
// claims; "" otherwise.
std::string LifespanBounds(const Json& r) {
  if (!r.contains("valid")) return "";
  std::string out;
  for (const char* end : {"from", "to"}) {
    const Json& b = r["valid"][end];
    if (b.is_null() || b["by"] != "lifespan") continue;
    out += fmt::format("{}{} {} by the lifespan of {}", out.empty() ? " · " : ", ", end,
                       Str(b["date"]), Str(b["entity"]["id"]));
  }
  return out;
}

void RenderClaims(const Json& claims, std::ostream& out, const std::string& indent) {
  for (const auto& c : claims) {
    std::string where = c["span"].is_null()
                            ? Str(c["locator"])
                            : fmt::format("{}-{}", Str(c["span"][0]), Str(c["span"][1]));
    std::string party = !c["party"].is_null() ? Str(c["party"]["name"]) : Str(c["party_label"]);
    fmt::print(out, "{}↳ {} {}{}{} conf {}{}\n", indent, Str(c["source"]), where,
               party.empty() ? "" : fmt::format(" · {}", party),
               c["stance"] == "denies" ? " · DENIES" : "", Str(c["confidence"]),
               c["passage"].is_null() ? "" : fmt::format(": “{}”", Line(c["passage"], 160)));
  }
}

std::string Figure(const Json& e) {
  std::string figure = !e["value"].is_null()
                           ? Str(e["value"])
                           : fmt::format("{}–{}", Str(e["low"]), Str(e["high"]));
  if (!e["qualifier"].is_null()) figure = Str(e["qualifier"]) + " " + figure;
  if (!e["of"].is_null()) figure += " of " + Str(e["of"]);
  return figure;
}

void RenderEventLine(const Json& e, std::ostream& out, const std::string& indent) {
  std::string date = !e["date"].is_null() ? Str(e["date"]) : Str(e["from"]);
  std::string place;
  for (const char* k : {"city", "province", "country"})
    if (!e["place"][k].is_null()) place += (place.empty() ? "" : ", ") + Str(e["place"][k]);
  fmt::print(out, "{}{:<11} {:<15} {} [{}]{}\n", indent, date.empty() ? "(undated)" : date,
             Str(e["type"]), Str(e["title"]), Str(e["id"]), place.empty() ? "" : " — " + place);
  if (!e["killed"].is_null() || !e["wounded"].is_null()) {
    auto q = [](const Json& v) {
      if (v.is_null()) return std::string("?");
      if (!v["best"].is_null()) return Str(v["best"]);
      return fmt::format("{}–{}", Str(v["low"]), Str(v["high"]));
    };
    fmt::print(out, "{}  killed {}, wounded {}\n", indent, q(e["killed"]), q(e["wounded"]));
  }
  for (const auto& p : e["perpetrators"]) {
    fmt::print(out, "{}  {} {}\n", indent, Str(p["role"]),
               p["entity"].is_null() ? Str(p["label"]) : Ref(p["entity"]));
    RenderClaims(p["claims"], out, indent + "    ");
  }
  for (const auto& t : e["targets"])
    fmt::print(out, "{}  target {}\n", indent,
               t["entity"].is_null() ? Str(t["label"]) : Ref(t["entity"]));
}

}  // namespace

void RenderLoad(const LoadReport& report, std::ostream& out) {
  if (report.unchanged) {
    if (report.merged)
      fmt::print(out, "dataset '{}' already holds these records as given (version {}): nothing "
                      "written\n",
                 EscapeForTerminal(report.dataset), EscapeForTerminal(report.version));
    else
      fmt::print(out, "dataset '{}' is already at version {}: nothing written\n",
                 EscapeForTerminal(report.dataset), EscapeForTerminal(report.version));
    return;
  }
  std::string counts;
  for (const auto& [k, v] : report.counts)
    counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", v, k);
  if (report.merged)
    fmt::print(out, "merged into dataset '{}' (version {}), which now holds: {}\n",
               EscapeForTerminal(report.dataset), EscapeForTerminal(report.version), counts);
  else
    fmt::print(out, "loaded dataset '{}' (version {}): {}\n", EscapeForTerminal(report.dataset),
               EscapeForTerminal(report.version), counts);
  if (!report.warning_counts.empty()) {
    std::string kinds;
    for (const auto& [k, v] : report.warning_counts)
      kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", v, k);
    fmt::print(out, "  warnings: {} (quoted on stderr)\n", kinds);
  }
  if (report.monitoring)
    fmt::print(out,
               "  monitoring: {} subject{} screened again: {} new, {} changed, {} removed hits "
               "(vigil alerts)\n",
               report.monitoring->monitors, report.monitoring->monitors == 1 ? "" : "s",
               report.monitoring->added, report.monitoring->changed, report.monitoring->removed);
  if (report.changes && !report.changes->previous_version.empty()) {
    const DatasetChanges& c = *report.changes;
    fmt::print(
        out,
        "  changes since version {}: {} added, {} removed, {} with changed names, {} unchanged\n",
        EscapeForTerminal(c.previous_version), c.added, c.removed, c.names_changed, c.unchanged);
    constexpr size_t kShown = 10;
    auto list = [&](const char* what, const std::vector<EntityChange>& items) {
      for (size_t i = 0; i < items.size() && i < kShown; ++i) {
        const auto& e = items[i];
        std::string detail;
        for (const auto& n : e.names_added)
          detail += fmt::format("{}+ {}", detail.empty() ? "" : "; ", EscapeForTerminal(n));
        for (const auto& n : e.names_removed)
          detail += fmt::format("{}- {}", detail.empty() ? "" : "; ", EscapeForTerminal(n));
        fmt::print(out, "    {} {} {} [{}]{}\n", what,
                   EscapeForTerminal(e.reference.empty() ? e.key : e.reference),
                   EscapeForTerminal(e.name), EscapeForTerminal(e.key),
                   detail.empty() ? "" : ": " + detail);
      }
      if (items.size() > kShown)
        fmt::print(out, "    ... and {} more {} (--json lists all)\n", items.size() - kShown, what);
    };
    list("added", c.added_entities);
    list("removed", c.removed_entities);
    list("renamed", c.renamed_entities);
  }
  if (report.links && report.links->total > 0) {
    const LinkCounts& l = *report.links;
    fmt::print(out,
               "  links to the curated knowledge base: {} ({} by reference, {} by name, {} by name "
               "and birth date)\n",
               l.total, l.by_reference, l.by_name, l.by_name_and_birth_date);
  }
  if (report.actor_links) {
    const ActorLinkCounts& a = *report.actor_links;
    fmt::print(out,
               "  event actors (all event datasets): {} linked, {} suggested, {} unlinked of {} "
               "(vigil events --links)\n",
               a.linked, a.suggested, a.unlinked, a.actors);
  }
}

void RenderCard(const Json& card, std::ostream& out) {
  fmt::print(out, "{}  [{}, {}]\n", Str(card["name"]), Str(card["id"]), Str(card["kind"]));
  if (!Str(card["description"]).empty()) fmt::print(out, "  {}\n", Str(card["description"]));
  fmt::print(out, "\nNames\n");
  for (const auto& n : card["names"])
    fmt::print(out, "  {}  ({}{}{})\n", Str(n["text"]), Str(n["kind"]),
               n["script"].is_null() ? "" : ", " + Str(n["script"]),
               n["lang"].is_null() ? "" : ", " + Str(n["lang"]));
  bool claimed = card.contains("claimed_attributes") && !card["claimed_attributes"].empty();
  if (!card["attributes"].empty() || claimed) {
    fmt::print(out, "\nAttributes\n");
    for (const auto& [k, v] : card["attributes"].items())
      fmt::print(out, "  {}: {}\n", EscapeForTerminal(k), Str(v));
    // What sources claim, beside the entity's own value (never replacing it).
    if (claimed)
      for (const auto& a : card["claimed_attributes"]) {
        std::string own = a["entity_value"].is_null()
                              ? "the entity has no value of its own"
                              : Str(a["entity_value"]) == Str(a["value"])
                                    ? "as the entity's own"
                                    : "the entity's own: " + Str(a["entity_value"]);
        fmt::print(out, "  {}: {}  (claimed, dataset '{}'; {})\n", Str(a["key"]), Str(a["value"]),
                   Str(a["dataset"]), own);
        RenderClaims(a["claims"], out, "    ");
      }
  }
  if (card.contains("dataset") && !card["reference"].is_null())
    fmt::print(out, "\nListed in '{}' as {}\n", Str(card["dataset"]), Str(card["reference"]));
  if (card.contains("values") && !card["values"].empty()) {
    fmt::print(out, "\nListed facts\n");
    for (const auto& v : card["values"])
      fmt::print(out, "  {}: {}\n", Str(v["key"]), Line(v["value"], 200));
  }
  if (card.contains("identifiers") && !card["identifiers"].empty()) {
    fmt::print(out, "\nIdentifiers\n");
    for (const auto& i : card["identifiers"])
      fmt::print(out, "  {} {}{}{}\n", Str(i["type"]), Str(i["value"]),
                 i["country"].is_null() ? "" : " (" + Str(i["country"]) + ")",
                 i["note"].is_null() ? "" : " — " + Str(i["note"]));
  }
  if (!card["claims"].empty()) {
    fmt::print(out, "\nSources\n");
    RenderClaims(card["claims"], out, "  ");
  }
  if (card.contains("lifespan") && !card["lifespan"].empty()) {
    fmt::print(out, "\nLifespan\n");
    bool person = card["kind"] == "person";
    for (const auto& b : card["lifespan"]) {
      bool start = b["bound"] == "start";
      fmt::print(out, "  {} {}\n", start ? (person ? "born" : "began") : (person ? "died" : "ended"),
                 Str(b["date"]));
      if (!b["general_knowledge"].is_null())
        fmt::print(out, "      general knowledge (no source): {}\n", Line(b["general_knowledge"], 200));
      RenderClaims(b["claims"], out, "      ");
    }
  }
  if (!card["designations"].empty()) {
    fmt::print(out, "\nDesignations\n");
    for (const auto& d : card["designations"]) {
      std::string by = d["authority"].is_null()
                           ? Str(d["authority_code"])
                           : fmt::format("{} ({})", Ref(d["authority"]), Str(d["authority_code"]));
      fmt::print(out, "  by {} — {}{}{}{}\n", by, Str(d["program"]),
                 d["list"].is_null() ? "" : ", " + Str(d["list"]),
                 d["reference"].is_null() ? "" : ", ref " + Str(d["reference"]),
                 d["date"].is_null() ? "" : ", " + Str(d["date"]));
      RenderClaims(d["claims"], out, "    ");
    }
  }
  if (!card["designates"].empty()) {
    fmt::print(out, "\nDesignates\n");
    for (const auto& d : card["designates"])
      fmt::print(out, "  {} — {}{}\n", Ref(d["entity"]), Str(d["program"]),
                 d["date"].is_null() ? "" : ", " + Str(d["date"]));
  }
  if (card["relations"].contains("as_of") && !card["relations"]["as_of"].is_null())
    fmt::print(out, "\nRelations as of {}\n", Str(card["relations"]["as_of"]));
  if (card["relations"].contains("during") && !card["relations"]["during"].is_null())
    fmt::print(out, "\nRelations during {}\n", Str(card["relations"]["during"]));
  for (const char* direction : {"outgoing", "incoming"}) {
    const Json& list = card["relations"][direction];
    if (list.empty()) continue;
    fmt::print(out, "\nRelations ({})\n", direction);
    for (const auto& r : list) {
      const Json& other = std::string(direction) == "outgoing" ? r["object"] : r["subject"];
      fmt::print(out, "  {} {} {}{}{}{}\n", std::string(direction) == "outgoing" ? "→" : "←",
                 Str(r["predicate"]), Ref(other), r["role"].is_null() ? "" : " as " + Str(r["role"]),
                 Period(r["from"], r["to"]), LifespanBounds(r));
      RenderClaims(r["claims"], out, "      ");
    }
  }
  if (!card["events"].empty()) {
    fmt::print(out, "\nEvents\n");
    for (const auto& e : card["events"]) {
      std::string roles;
      for (const auto& r : e["roles"]) roles += (roles.empty() ? "" : ", ") + Str(r);
      RenderEventLine(e, out, "  ");
      fmt::print(out, "    (this entity: {})\n", roles);
      RenderClaims(e["claims"], out, "    ");
    }
  }
  if (!card["estimates"].empty()) {
    fmt::print(out, "\nEstimates\n");
    for (const auto& e : card["estimates"]) {
      fmt::print(out, "  {}: {} {}{}{} [{}]\n", Str(e["quantity"]), Figure(e), Str(e["unit"]),
                 e["scope"].is_null() ? "" : " " + Str(e["scope"]),
                 e["as_of"].is_null() ? "" : ", as of " + Str(e["as_of"]), Str(e["id"]));
      RenderClaims(e["claims"], out, "    ");
    }
  }
  if (card.contains("linked") && !card["linked"].empty()) {
    fmt::print(out, "\nLinked {}\n",
               Str(card["linked"][0]["role"]) == "list_record"
                   ? "list records (the same entity on official lists)"
                   : "curated card");
    for (const auto& l : card["linked"]) {
      fmt::print(out, "  {} — from '{}'{} · {} {}\n", Ref(l["entity"]), Str(l["dataset"]),
                 l["reference"].is_null() ? "" : ", ref " + Str(l["reference"]), Str(l["method"]),
                 Str(l["score"]));
      fmt::print(out, "    why: {}\n", Str(l["reason"]));
      std::string names;
      for (const auto& n : l["names"])
        names +=
            fmt::format("{}{} ({})", names.empty() ? "" : "; ", Str(n["text"]), Str(n["kind"]));
      if (!names.empty()) fmt::print(out, "    names: {}\n", Clip(names, 400));
      for (const auto& d : l["designations"])
        fmt::print(out, "    designated by {} — {}{}{}{}\n", Str(d["authority_code"]),
                   Str(d["program"]), d["list"].is_null() ? "" : ", " + Str(d["list"]),
                   d["reference"].is_null() ? "" : ", ref " + Str(d["reference"]),
                   d["date"].is_null() ? "" : ", " + Str(d["date"]));
    }
  }
  if (!card["shares_names_with"].empty()) {
    fmt::print(out, "\nShares names with\n");
    for (const auto& s : card["shares_names_with"])
      fmt::print(out, "  '{}' also names {}\n", Str(s["name"]), Ref(s["entity"]));
  }
}

void RenderList(ListTable table, const Json& items, std::ostream& out) {
  for (const auto& item : items) {
    if (table == ListTable::kEntities) {
      fmt::print(out, "{:<34} {:<16} {}{}\n", Str(item["id"]), Str(item["kind"]), Str(item["name"]),
                 item["designations"].get<int64_t>() ? "  [designated]" : "");
    } else if (table == ListTable::kRelations) {
      fmt::print(out, "{} —{}→ {}{}{}{}  ({} claims)\n", Ref(item["subject"]),
                 Str(item["predicate"]), Ref(item["object"]),
                 item["role"].is_null() ? "" : " as " + Str(item["role"]),
                 Period(item["from"], item["to"]), LifespanBounds(item), item["claims"].size());
    } else if (table == ListTable::kEvents) {
      RenderEventLine(item, out, "");
    } else if (table == ListTable::kEstimates) {
      fmt::print(out, "{}: {} {} {}{}{} [{}]\n", Ref(item["subject"]), Str(item["quantity"]),
                 Figure(item), Str(item["unit"]), item["scope"].is_null() ? "" : " " + Str(item["scope"]),
                 item["as_of"].is_null() ? "" : ", as of " + Str(item["as_of"]), Str(item["id"]));
      RenderClaims(item["claims"], out, "    ");
    } else if (table == ListTable::kSources) {
      fmt::print(out, "{:<32} {} — {}{}, {} ({} claims{})\n", Str(item["id"]), Str(item["title"]),
                 Str(item["publisher"]), item["author"].is_null() ? "" : ", " + Str(item["author"]),
                 Str(item["date"]), Str(item["claims"]),
                 item["text_stored"].get<bool>() ? ", text stored" : "");
    }
  }
  fmt::print(out, "({} {})\n", items.size(), ListTableName(table));
}

void RenderConflicts(const Json& result, std::ostream& out) {
  for (const auto& c : result["conflicts"]) {
    fmt::print(out, "[{}] {}\n", Str(c["kind"]), Str(c["summary"]));
    for (const auto& side : c["sides"]) {
      fmt::print(out, "  ◆ {}\n", Str(side["position"]));
      RenderClaims(side["claims"], out, "      ");
    }
    fmt::print(out, "\n");
  }
  std::string by_kind;
  for (const auto& [k, v] : result["by_kind"].items())
    by_kind += fmt::format("{}{} {}", by_kind.empty() ? "" : ", ", Str(v), EscapeForTerminal(k));
  fmt::print(out, "{} conflicts ({})\n", Str(result["count"]), by_kind);
}

void RenderVerify(const Json& result, bool quiet, std::ostream& out) {
  for (const auto& s : result["sources"])
    if (s["file"].is_null())
      fmt::print(out, "MISSING  source {}: no file in {} has SHA-256 {}\n", Str(s["id"]),
                 Str(result["texts"]), Str(s["sha256"]));
  for (const auto& c : result["claims"]) {
    bool ok = c["status"] == "ok";
    if (ok && quiet) continue;
    std::string span = c.contains("span") ? fmt::format("[{}, {}]", Str(c["span"][0]), Str(c["span"][1])) : "[no span]";
    fmt::print(out, "{}  {} {} {}{}\n", ok ? "ok " : "BAD", Str(c["source"]), span, Str(c["fact"]),
               ok ? "" : " — " + Str(c["problem"]));
    if (!c["passage"].is_null()) fmt::print(out, "     “{}”\n", Line(c["passage"], 200));
  }
  fmt::print(out, "verify: {} claims checked against texts, {} bad, {} cite sources without text\n",
             Str(result["checked"]), Str(result["bad"]), Str(result["skipped_without_text"]));
}

void RenderEventCard(const Json& e, std::ostream& out) {
  fmt::print(out, "{}  [{}, {}, dataset {}]\n", Str(e["title"]), Str(e["id"]), Str(e["type"]),
             Str(e["dataset"]));
  std::string first = Str(e["first_day"]), last = Str(e["last_day"]);
  fmt::print(out, "  when: {}\n",
             first.empty() ? "undated" : first == last ? first : first + ".." + last);
  std::vector<std::string> place;
  for (const char* key : {"city", "admin2", "admin1", "province", "country"})
    if (!e["place"][key].is_null()) place.push_back(fmt::format("{} {}", key, Str(e["place"][key])));
  if (!place.empty()) fmt::print(out, "  where: {}\n", fmt::join(place, ", "));
  if (!e["place"]["province_note"].is_null())
    fmt::print(out, "  province: {}\n", Line(e["place"]["province_note"], 200));
  const Json& killed = e["killed"];
  if (!killed["best"].is_null() || !killed["low"].is_null() || !killed["high"].is_null())
    fmt::print(out, "  killed: {}{}\n", killed["best"].is_null() ? "?" : Str(killed["best"]),
               killed["low"].is_null() && killed["high"].is_null()
                   ? ""
                   : fmt::format(" (low {}, high {})", Str(killed["low"]), Str(killed["high"])));
  fmt::print(out, "\nParticipants\n");
  for (const auto& p : e["participants"]) {
    fmt::print(out, "  {}: {}\n", Str(p["role"]),
               p["entity"].is_null() ? "'" + Str(p["label"]) + "'" : Str(p["entity"]));
    for (const auto& l : p["links"])
      fmt::print(out, "    {} {} ({} {}): {}\n", Str(l["status"]),
                 l["entity"].is_null() ? "-" : Str(l["entity"]), Str(l["method"]),
                 fmt::format("{:.2f}", l["score"].get<double>()), Line(l["reason"], 300));
  }
  if (!e["claims"].empty()) {
    fmt::print(out, "\nClaims\n");
    for (const auto& c : e["claims"])
      fmt::print(out, "  {} by {}, {}{}\n", Str(c["stance"]),
                 c["party"].is_null() ? (c["party_label"].is_null() ? "the source"
                                                                    : "'" + Str(c["party_label"]) + "'")
                                      : Str(c["party"]),
                 Str(c["source"]), c["locator"].is_null() ? "" : " " + Str(c["locator"]));
  }
}

void RenderLint(const Json& result, std::ostream& out) {
  for (const auto& f : result["findings"]) {
    std::string where = f["file"].is_null() ? std::string("(no file)") : Str(f["file"]);
    if (!f["line"].is_null()) where = fmt::format("{}:{}", where, Str(f["line"]));
    fmt::print(out, "{}: {}: {}: {}: {} [{}]\n", where, Str(f["field"]), Str(f["severity"]),
               Str(f["rule"]), Str(f["message"]), Str(f["fact"]));
  }
  fmt::print(out, "lint: {} errors, {} warnings\n", Str(result["errors"]), Str(result["warnings"]));
}

std::string Line(const Json& value, size_t max) {
  if (!value.is_string()) return Str(value);
  return EscapeForTerminal(Clip(value.get<std::string>(), max));
}

std::string Clip(std::string text, size_t max) {
  for (auto& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

}  // namespace vigil::cli
