// Engine::ReadArticle, Review, Decide: the reader run against the curated
// names, its results kept as a review queue, and the accepted proposals
// written as the `reading` dataset.
#include "vigil/engine/reading.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "vigil/base/clock.h"
#include "vigil/base/sha256.h"
#include "vigil/base/utf8.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/reading_dataset.h"
#include "vigil/model/vocabulary.h"
#include "vigil/reading/html_text.h"
#include "vigil/text/normalize.h"

namespace vigil {
namespace {

constexpr size_t kMaxArticleBytes = reading::kMaxHtmlBytes;

bool OneOf(std::string_view value, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (value == w) return true;
  return false;
}

// The first line of the text, for a title when none is given.
std::string FirstLineAsTitle(const std::string& text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return "untitled";
  size_t end = text.find('\n', start);
  std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (line.size() > 160) {
    size_t cut = 160;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line = line.substr(0, cut) + "…";
  }
  return line;
}

// The groups the knowledge base holds as another's affiliate, faction or
// part and as operating in a state or place, at any time: what the reader
// needs to resolve "the parent's <place> affiliate".
StatusOr<std::vector<reading::Branch>> Branches(store::Store& store) {
  auto relations = store.ListRelations("", {});
  if (!relations.ok()) return relations.status();
  std::multimap<std::string, std::string> parents, places;  // branch -> parent / place
  for (const auto& r : *relations) {
    if (r.subject.kind != "organization") continue;
    if (OneOf(r.predicate, {"affiliate_of", "faction_of", "part_of"}) &&
        r.object.kind == "organization")
      parents.emplace(r.subject.id, r.object.id);
    else if (r.predicate == "operates_in" && OneOf(r.object.kind, {"state", "place"}))
      places.emplace(r.subject.id, r.object.id);
  }
  std::set<std::tuple<std::string, std::string, std::string>> out;
  for (const auto& [branch, parent] : parents) {
    auto [from, to] = places.equal_range(branch);
    for (auto it = from; it != to; ++it) out.emplace(branch, parent, it->second);
  }
  std::vector<reading::Branch> branches;
  for (const auto& [branch, parent, place] : out) branches.push_back({branch, parent, place});
  return branches;
}

store::ProposalRecord RecordOf(const reading::Proposal& p) {
  store::ProposalRecord r;
  r.fingerprint = p.Fingerprint();
  r.kind = p.kind;
  r.subject_key = p.subject;
  r.predicate = p.predicate;
  r.object_key = p.object;
  r.object_label = p.object_label;
  r.role = p.role;
  r.time = p.time;
  r.party_key = p.party;
  r.party_label = p.party_label;
  r.stance = p.stance;
  r.span_start = p.start;
  r.span_end = p.end;
  r.digest = p.digest;
  r.rule = p.rule;
  r.confidence = p.confidence;
  r.value = p.value;
  r.low = p.low;
  r.high = p.high;
  r.qualifier = p.qualifier;
  return r;
}

Claim ClaimOf(const store::ProposalRecord& p) {
  Claim c;
  c.source = p.source_key;
  c.span_start = p.span_start;
  c.span_end = p.span_end;
  c.digest = p.digest;
  c.party = p.party_key;
  c.party_label = p.party_label;
  c.stance = p.stance == "denies" ? Stance::kDenies : Stance::kAsserts;
  c.confidence = p.confidence;
  c.note = fmt::format("proposal {} (rule {}), {} by {}{}", p.id, p.rule,
                       p.edited ? "edited and accepted" : "accepted", p.decided_by,
                       p.note.empty() ? "" : ": " + p.note);
  return c;
}

// The event a participant proposal refers to: the one stored event whose
// days hold the proposal's day (a full date) and whose city, province,
// admin-1 or admin-2 is a place named inside the proposal's span. None, or
// several: the object stays empty (accepting it makes a new event; an edit
// may name the event).
Status FindEventsReferredTo(store::Store& store, const reading::Reading& reading,
                            std::vector<store::ProposalRecord>* proposals) {
  std::optional<std::vector<store::EventFactRecord>> events;
  for (auto& p : *proposals) {
    if (p.kind != "participant" || !p.object_key.empty() || p.time.size() != 10) continue;
    std::set<std::string> places;
    for (const auto& place : reading.places)
      if (place.start >= p.span_start && place.end <= p.span_end) places.insert(NameKey(place.text));
    if (places.empty()) continue;
    if (!events) {
      auto all = store.EventFacts("");
      if (!all.ok()) return all.status();
      events = std::move(*all);
    }
    std::vector<const store::EventFactRecord*> found;
    for (const auto& e : *events) {
      if (e.dataset == kReadingDataset || e.first_day.empty() || e.first_day > p.time ||
          e.last_day < p.time)
        continue;
      bool named = false;
      for (const auto* field : {&e.city, &e.province, &e.admin1, &e.admin2})
        named = named || (!field->empty() && places.count(NameKey(*field)));
      if (named) found.push_back(&e);
    }
    if (found.size() == 1) p.object_key = found[0]->id;
  }
  return absl::OkStatus();
}

// The `reading` dataset: every source read and the accepted proposals as
// records citing them.
Batch ReadingBatch(const std::vector<store::ReadingSourceRecord>& sources,
                   const std::vector<store::ProposalRecord>& accepted) {
  Batch batch;
  batch.dataset = kReadingDataset;
  batch.kind = "reading";
  Sha256 version;
  for (const auto& s : sources) {
    Source source;
    source.id = s.key;
    source.title = s.title;
    source.publisher = s.publisher;
    if (auto date = PartialDate::Parse(s.published); date.ok()) source.date = *date;
    source.url = s.url;
    source.sha256 = s.sha256;
    source.file = s.file;
    source.kind = "article";
    source.length = s.length;
    source.text = s.text;
    version.Update(s.key + "|" + s.sha256 + "|" + s.title + "\n");
    batch.sources.push_back(std::move(source));
  }
  std::map<std::string, size_t> relation_index, attribute_index;
  for (const auto& p : accepted) {
    version.Update(fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", p.id, p.kind,
                               p.subject_key, p.predicate, p.object_key, p.object_label, p.role,
                               p.time, p.party_key, p.stance, p.span_start, p.span_end));
    Claim claim = ClaimOf(p);
    if (p.kind == "relation") {
      std::string key = p.subject_key + "|" + p.predicate + "|" + p.object_key;
      auto [it, added] = relation_index.emplace(key, batch.relations.size());
      if (added) {
        Relation r;
        r.subject = p.subject_key;
        r.predicate = p.predicate;
        r.object = p.object_key;
        r.role = p.role;
        batch.relations.push_back(std::move(r));
      }
      batch.relations[it->second].claims.push_back(std::move(claim));
    } else if (p.kind == "participant" && !p.object_key.empty()) {
      // It joins the event it refers to (found when read, or given by an
      // edit), whatever dataset holds it.
      Participation joined;
      joined.event = p.object_key;
      joined.participant.entity = p.subject_key;
      joined.participant.role = p.predicate;
      joined.participant.claims.push_back(std::move(claim));
      batch.participations.push_back(std::move(joined));
    } else if (p.kind == "participant") {
      Event e;
      e.id = fmt::format("reading-{}", p.id);
      e.type = "attack";
      e.title = p.object_label.empty() ? fmt::format("event reported in {}", p.source_key)
                                       : p.object_label;
      if (auto date = PartialDate::Parse(p.time); date.ok()) e.date = *date;
      Participant who;
      who.entity = p.subject_key;
      who.role = p.predicate;
      who.claims.push_back(claim);
      e.perpetrators.push_back(std::move(who));
      e.claims.push_back(std::move(claim));
      batch.events.push_back(std::move(e));
    } else if (p.kind == "estimate") {
      Estimate e;
      e.id = fmt::format("reading-{}", p.id);
      e.subject = p.subject_key;
      e.quantity = p.predicate;
      e.value = p.value;
      e.low = p.low;
      e.high = p.high;
      e.qualifier = p.qualifier;
      e.unit = "people";
      if (auto date = PartialDate::Parse(p.time); date.ok()) e.as_of = *date;
      e.claims.push_back(std::move(claim));
      batch.estimates.push_back(std::move(e));
    } else if (p.kind == "attribute") {
      // A claim of its source beside the entity's own value (which stays
      // as its dataset has it): one fact per entity, key and value, with a
      // claim per accepted proposal.
      std::string key = p.subject_key + "|" + p.predicate + "|" + p.object_label;
      auto [it, added] = attribute_index.emplace(key, batch.claimed_attributes.size());
      if (added) {
        ClaimedAttribute a;
        a.entity = p.subject_key;
        a.key = p.predicate;
        a.value = p.object_label;
        batch.claimed_attributes.push_back(std::move(a));
      }
      batch.claimed_attributes[it->second].claims.push_back(std::move(claim));
    }
  }
  batch.version = version.FinishHex();
  batch.sha256 = batch.version;
  return batch;
}

}  // namespace

Status ReadRequest::Validate() const {
  if (!OneOf(format, {"auto", "text", "html"}))
    return FieldError("format", fmt::format("'{}' is not auto, text or html", format));
  if (!published.empty())
    if (auto date = PartialDate::Parse(published); !date.ok())
      return FieldError("published", std::string(date.status().message()));
  // Messages start with the file's name, when there is one.
  std::string where = path.empty() ? "" : path + ": ";
  if (bytes.size() > kMaxArticleBytes)
    return FieldError("bytes", fmt::format("{}{} bytes is more than an article may hold ({} MiB)",
                                           where, bytes.size(), kMaxArticleBytes >> 20));
  if (auto bad = FindInvalidUtf8(bytes))
    return FieldError("bytes", fmt::format("{}{}: invalid UTF-8 (byte 0x{:02x} at column {})",
                                           path.empty() ? "line " : path + ":", bad->line,
                                           bad->byte, bad->column));
  if (bytes.find_first_not_of(" \t\r\n") == std::string::npos)
    return FieldError("bytes", fmt::format("{}no text to read", where));
  return absl::OkStatus();
}

Status ReviewDecision::Validate() const {
  if (!OneOf(action, {"accept", "reject", "edit"}))
    return FieldError("action", fmt::format("'{}' is not accept, reject or edit", action));
  if (action == "edit") return absl::OkStatus();
  auto refuse = [&](std::string_view field) {
    return FieldError(field, fmt::format("only an edit changes a proposal's fields ({} takes a "
                                         "note)",
                                         action));
  };
  if (subject) return refuse("subject");
  if (predicate) return refuse("predicate");
  if (object) return refuse("object");
  if (role) return refuse("role");
  if (time) return refuse("time");
  if (party) return refuse("party");
  if (party_label) return refuse("party_label");
  if (stance) return refuse("stance");
  if (value) return refuse("value");
  if (span_start || span_end) return refuse("span");
  return absl::OkStatus();
}

Status ReviewRequest::Validate() const {
  if (!OneOf(status, {"", "pending", "accepted", "rejected"}))
    return FieldError("status", fmt::format("'{}' is not pending, accepted or rejected", status));
  return absl::OkStatus();
}

namespace internal {

StatusOr<std::optional<Batch>> ReadingDataset(store::Store& store, std::string_view salt) {
  auto sources = store.ReadingSources(true);
  if (!sources.ok()) return sources.status();
  if (sources->empty()) return std::optional<Batch>();
  auto accepted = store.Proposals("", "accepted");
  if (!accepted.ok()) return accepted.status();
  Batch batch = ReadingBatch(*sources, *accepted);
  if (!salt.empty()) batch.version = Sha256Hex(batch.version + "|" + std::string(salt));
  return std::optional<Batch>(std::move(batch));
}

Status WriteReadingDataset(store::Store& store) {
  auto batch = ReadingDataset(store, "");
  if (!batch.ok()) return batch.status();
  if (!*batch) return absl::OkStatus();
  auto written = store.ApplyBatches({&**batch}, {});
  return written.ok() ? absl::OkStatus() : written.status();
}

}  // namespace internal

StatusOr<ReadResult> Engine::ReadArticle(const ReadRequest& request) {
  if (auto s = request.Validate(); !s.ok()) return s;
  bool html = request.format == "html" ||
              (request.format == "auto" && reading::LooksLikeHtml(request.bytes));
  std::string text = request.bytes;
  if (html) {
    auto reduced = reading::HtmlToText(request.bytes);
    std::string where = request.path.empty() ? "" : request.path + ": ";
    if (!reduced.ok())
      return FieldError("bytes",
                        fmt::format("{}{}", where, std::string(reduced.status().message())));
    text = std::move(*reduced);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
      return FieldError("bytes", fmt::format("{}the HTML holds no text", where));
  }
  auto names = store_->DictionaryNames();
  if (!names.ok()) return names.status();
  std::vector<reading::DictionaryEntry> entries;
  entries.reserve(names->size());
  for (auto& n : *names)
    entries.push_back({n.entity_key, n.entity_kind, n.text, n.name_kind, n.script});
  auto branches = Branches(*store_);
  if (!branches.ok()) return branches.status();
  reading::NameDictionary dictionary(std::move(entries), std::move(*branches));
  reading::ReadOptions options;
  if (!request.published.empty()) options.published = *PartialDate::Parse(request.published);

  ReadResult result;
  auto started = std::chrono::steady_clock::now();
  result.reading = reading::ReadText(dictionary, text, options);
  result.read_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

  store::ReadingSourceRecord source;
  source.sha256 = Sha256Hex(text);
  source.input_sha256 = Sha256Hex(request.bytes);
  source.key = "read-" + source.sha256.substr(0, 12);
  source.format = html ? "html" : "text";
  source.title = request.title.empty() ? FirstLineAsTitle(text) : request.title;
  source.publisher = request.publisher;
  source.published = request.published;
  source.url = request.url;
  source.file = request.path.empty() ? "" : std::filesystem::path(request.path).filename().string();
  source.length = static_cast<int64_t>(CodePointOffsets(text).size()) - 1;
  source.text = text;
  source.read_at = UtcTimestamp();

  std::vector<store::MentionRecord> mentions;
  for (const auto& m : result.reading.mentions) {
    store::MentionRecord r{m.start, m.end, m.text, m.entity, {}, m.reason};
    for (const auto& c : m.candidates) r.candidates.push_back(c.entity);
    mentions.push_back(std::move(r));
  }
  std::vector<store::ProposalRecord> proposals;
  for (const auto& p : result.reading.proposals) proposals.push_back(RecordOf(p));
  if (auto s = FindEventsReferredTo(*store_, result.reading, &proposals); !s.ok()) return s;
  auto saved = store_->SaveReading(source, mentions, proposals);
  if (!saved.ok()) return saved.status();
  result.source = saved->source;
  result.new_source = saved->new_source;
  result.proposals_added = saved->proposals_added;
  result.proposals_known = saved->proposals_known;
  if (saved->new_source)
    if (auto s = internal::WriteReadingDataset(*store_); !s.ok()) return s;
  auto queue = store_->Proposals(result.source.key, "");
  if (!queue.ok()) return queue.status();
  result.proposals = std::move(*queue);
  return result;
}

StatusOr<std::vector<store::ProposalRecord>> Engine::Review(const ReviewRequest& request) {
  if (auto s = request.Validate(); !s.ok()) return s;
  if (!request.source.empty()) {
    auto sources = store_->ReadingSources(false);
    if (!sources.ok()) return sources.status();
    bool known = false;
    for (const auto& s : *sources) known = known || s.key == request.source;
    if (!known) return absl::NotFoundError(fmt::format("no article read has the id '{}'", request.source));
  }
  return store_->Proposals(request.source, request.status);
}

StatusOr<std::vector<store::MentionRecord>> Engine::Mentions(const std::string& source_key) {
  return store_->MentionsOf(source_key);
}

StatusOr<store::ProposalRecord> Engine::Decide(const ReviewDecision& decision) {
  if (auto s = decision.Validate(); !s.ok()) return s;
  auto found = store_->FindProposal(decision.id);
  if (!found.ok()) return found.status();
  if (!*found) return absl::NotFoundError(fmt::format("no proposal has the id {}", decision.id));
  store::ProposalRecord before = **found, p = **found;
  auto entity = [&](const std::optional<std::string>& value, std::string_view field,
                    std::string& into) -> Status {
    if (!value) return absl::OkStatus();
    if (!value->empty()) {
      auto row = store_->EntityByKey(*value);
      if (!row.ok()) return row.status();
      if (!*row) return FieldError(field, fmt::format("no entity has the id '{}'", *value));
    }
    into = *value;
    return absl::OkStatus();
  };
  if (decision.action == "edit") {
    if (auto s = entity(decision.subject, "subject", p.subject_key); !s.ok()) return s;
    if (p.subject_key.empty()) return FieldError("subject", "a proposal needs a subject");
    if (p.kind == "participant" && decision.object) {
      // A participant's object is the event it joins (empty: a new event).
      if (!decision.object->empty()) {
        auto event = store_->EventFacts(*decision.object);
        if (!event.ok()) return event.status();
        if (event->empty())
          return FieldError("object", fmt::format("no event has the id '{}'", *decision.object));
      }
      p.object_key = *decision.object;
    } else if (auto s = entity(decision.object, "object", p.object_key); !s.ok()) {
      return s;
    }
    if (auto s = entity(decision.party, "party", p.party_key); !s.ok()) return s;
    if (decision.party_label) p.party_label = *decision.party_label;
    if (decision.predicate) p.predicate = *decision.predicate;
    if (decision.role) p.role = *decision.role;
    if (decision.value) {
      if (p.kind != "attribute")
        return FieldError("value", fmt::format("only an attribute proposal takes a value (this "
                                               "one is a {})",
                                               p.kind));
      p.object_label = *decision.value;
    }
    if (decision.time) {
      if (!decision.time->empty())
        if (auto d = PartialDate::Parse(*decision.time); !d.ok())
          return FieldError("time", std::string(d.status().message()));
      p.time = *decision.time;
    }
    if (decision.stance) {
      if (!OneOf(*decision.stance, {"asserts", "denies", "reports"}))
        return FieldError("stance", fmt::format("'{}' is not asserts, denies or reports",
                                                *decision.stance));
      p.stance = *decision.stance;
    }
    if (decision.span_start || decision.span_end) {
      int64_t start = decision.span_start.value_or(p.span_start);
      int64_t end = decision.span_end.value_or(p.span_end);
      auto sources = store_->ReadingSources(true);
      if (!sources.ok()) return sources.status();
      for (const auto& s : *sources) {
        if (s.key != p.source_key) continue;
        if (start < 0 || end > s.length || start >= end)
          return FieldError("span", fmt::format("[{}, {}] lies outside the text ({} code points)",
                                                start, end, s.length));
        auto offsets = CodePointOffsets(s.text);
        p.digest = Sha256Hex(std::string_view(s.text).substr(
                                 offsets[size_t(start)], offsets[size_t(end)] - offsets[size_t(start)]))
                       .substr(0, 8);
      }
      p.span_start = start;
      p.span_end = end;
    }
    p.edited = true;
  }
  if (p.kind == "relation") {
    if (!FindPredicate(p.predicate))
      return FieldError("predicate", fmt::format("'{}' is not a relation predicate", p.predicate));
    if (p.object_key.empty()) return FieldError("object", "a relation needs an object");
  } else if (p.kind == "participant" && !Contains(PerpetratorRoles(), p.predicate)) {
    return FieldError("predicate", fmt::format("'{}' is not a perpetrator role", p.predicate));
  } else if (p.kind == "attribute" && p.predicate.empty()) {
    return FieldError("predicate", "an attribute needs a key");
  } else if (p.kind == "attribute" && p.object_label.empty()) {
    return FieldError("value", "an attribute needs a value");
  }
  p.status = decision.action == "reject" ? "rejected" : "accepted";
  p.decided_by = decision.actor;
  p.decided_at = UtcTimestamp();
  p.note = decision.note;
  if (auto s = store_->UpdateProposal(p); !s.ok()) return s;
  if (auto s = internal::WriteReadingDataset(*store_); !s.ok()) {
    (void)store_->UpdateProposal(before);  // the queue stays as the dataset is
    return s;
  }
  return p;
}

}  // namespace vigil
