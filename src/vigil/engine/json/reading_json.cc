// JSON of reading results, proposals and mentions; review decisions from
// JSON bodies.
#include "vigil/engine/json/reading_json.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace vigil {
namespace {

void Put(Json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

Json Span(int64_t start, int64_t end) { return Json::array({start, end}); }

}  // namespace

Json ToJson(const store::ProposalRecord& p) {
  Json j;
  j["id"] = p.id;
  j["source"] = p.source_key;
  j["kind"] = p.kind;
  j["subject"] = p.subject_key;
  j["predicate"] = p.predicate;
  Put(j, "object", p.object_key);
  Put(j, "object_label", p.object_label);
  Put(j, "role", p.role);
  Put(j, "time", p.time);
  Put(j, "party", p.party_key);
  Put(j, "party_label", p.party_label);
  j["stance"] = p.stance;
  j["span"] = Span(p.span_start, p.span_end);
  j["digest"] = p.digest;
  j["rule"] = p.rule;
  j["confidence"] = p.confidence;
  if (p.value) j["value"] = *p.value;
  if (p.low) j["low"] = *p.low;
  if (p.high) j["high"] = *p.high;
  Put(j, "qualifier", p.qualifier);
  j["status"] = p.status;
  if (p.edited) j["edited"] = true;
  Put(j, "decided_by", p.decided_by);
  Put(j, "decided_at", p.decided_at);
  Put(j, "note", p.note);
  return j;
}

Json ToJson(const std::vector<store::ProposalRecord>& proposals) {
  Json list = Json::array();
  for (const auto& p : proposals) list.push_back(ToJson(p));
  Json j;
  j["proposals"] = std::move(list);
  return j;
}

Json ToJson(const store::MentionRecord& m) {
  Json j;
  j["span"] = Span(m.start, m.end);
  j["text"] = m.text;
  j["entity"] = m.entity_key.empty() ? Json() : Json(m.entity_key);
  j["candidates"] = m.candidates;
  j["reason"] = m.reason;
  return j;
}

Json ToJson(const ReadResult& r) {
  Json j;
  const auto& s = r.source;
  Json source;
  source["id"] = s.key;
  source["title"] = s.title;
  Put(source, "publisher", s.publisher);
  Put(source, "published", s.published);
  Put(source, "url", s.url);
  Put(source, "file", s.file);
  source["format"] = s.format;
  source["sha256"] = s.sha256;
  if (s.input_sha256 != s.sha256) source["input_sha256"] = s.input_sha256;
  source["length"] = s.length;
  j["source"] = std::move(source);
  j["new_source"] = r.new_source;
  j["proposals_added"] = r.proposals_added;
  j["proposals_known"] = r.proposals_known;
  j["read_ms"] = std::round(r.read_ms * 100) / 100;
  const auto& reading = r.reading;
  int64_t ambiguous = 0;
  for (const auto& m : reading.mentions) ambiguous += m.ambiguous() ? 1 : 0;
  j["counts"] = {{"sentences", reading.sentences.size()},
                 {"mentions", reading.mentions.size()},
                 {"ambiguous", ambiguous},
                 {"dates", reading.dates.size()},
                 {"numbers", reading.numbers.size()},
                 {"statements", reading.statements.size()},
                 {"places", reading.places.size()},
                 {"proposals", r.proposals.size()}};
  Json mentions = Json::array();
  for (const auto& m : reading.mentions) {
    Json mj;
    mj["span"] = Span(m.start, m.end);
    mj["text"] = m.text;
    mj["entity"] = m.entity.empty() ? Json() : Json(m.entity);
    Json candidates = Json::array();
    for (const auto& c : m.candidates)
      candidates.push_back({{"entity", c.entity}, {"kind", c.entity_kind}, {"name", c.name},
                            {"name_kind", c.name_kind}});
    mj["candidates"] = std::move(candidates);
    mj["reason"] = m.reason;
    if (m.via != "name") mj["via"] = m.via;
    if (m.nested) mj["nested"] = true;
    if (m.confidence < 1) mj["confidence"] = m.confidence;
    if (m.antecedent_start >= 0) mj["antecedent"] = Span(m.antecedent_start, m.antecedent_end);
    mentions.push_back(std::move(mj));
  }
  j["mentions"] = std::move(mentions);
  Json dates = Json::array();
  for (const auto& d : reading.dates) {
    Json dj = {{"span", Span(d.start, d.end)}, {"text", d.text}, {"date", d.date.ToString()}};
    if (d.relative) dj["relative"] = true;
    dates.push_back(std::move(dj));
  }
  j["dates"] = std::move(dates);
  Json numbers = Json::array();
  for (const auto& n : reading.numbers) {
    Json nj = {{"span", Span(n.start, n.end)}, {"text", n.text}, {"quantity", n.quantity}};
    if (n.value) nj["value"] = *n.value;
    if (n.low) nj["low"] = *n.low;
    if (n.high) nj["high"] = *n.high;
    if (!n.qualifier.empty()) nj["qualifier"] = n.qualifier;
    numbers.push_back(std::move(nj));
  }
  j["numbers"] = std::move(numbers);
  Json statements = Json::array();
  for (const auto& st : reading.statements) {
    Json sj = {{"span", Span(st.start, st.end)}, {"cue", Span(st.cue_start, st.cue_end)}};
    sj["speaker"] = st.speaker.empty() ? Json() : Json(st.speaker);
    if (!st.label.empty()) sj["label"] = st.label;
    statements.push_back(std::move(sj));
  }
  j["statements"] = std::move(statements);
  Json places = Json::array();
  for (const auto& p : reading.places) {
    Json pj = {{"span", Span(p.start, p.end)}, {"text", p.text}};
    pj["entity"] = p.entity.empty() ? Json() : Json(p.entity);
    places.push_back(std::move(pj));
  }
  j["places"] = std::move(places);
  j["proposals"] = ToJson(r.proposals)["proposals"];
  return j;
}

StatusOr<ReviewDecision> ReviewDecisionFromJson(const Json& body, const std::string& action,
                                                int64_t id) {
  ReviewDecision d;
  d.id = id;
  d.action = action;
  if (body.is_null()) return d;
  if (!body.is_object()) return FieldError("body", "expected a JSON object");
  for (const auto& item : body.items()) {
    const std::string& key = item.key();
    const Json& value = item.value();
    auto text = [&](std::optional<std::string>& into) -> Status {
      if (!value.is_string()) return FieldError(key, "expected a string");
      into = value.get<std::string>();
      return absl::OkStatus();
    };
    Status s = absl::OkStatus();
    if (key == "subject") s = text(d.subject);
    else if (key == "predicate") s = text(d.predicate);
    else if (key == "object") s = text(d.object);
    else if (key == "role") s = text(d.role);
    else if (key == "time") s = text(d.time);
    else if (key == "party") s = text(d.party);
    else if (key == "party_label") s = text(d.party_label);
    else if (key == "stance") s = text(d.stance);
    else if (key == "value") s = text(d.value);
    else if (key == "note") {
      if (!value.is_string()) return FieldError("note", "expected a string");
      d.note = value.get<std::string>();
    } else if (key == "span") {
      if (!value.is_array() || value.size() != 2 || !value[0].is_number_integer() ||
          !value[1].is_number_integer())
        return FieldError("span", "expected [start, end], two integers");
      d.span_start = value[0].get<int64_t>();
      d.span_end = value[1].get<int64_t>();
    } else {
      return FieldError(key, "unknown field");
    }
    if (!s.ok()) return s;
  }
  if (auto s = d.Validate(); !s.ok()) return s;
  return d;
}

StatusOr<int64_t> ProposalIdFromText(const std::string& text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1)
    return FieldError(
        "id", fmt::format("must be a proposal's id (a whole number from 1), got '{}'", text));
  return id;
}

StatusOr<ReadRequest> ReadRequestFromJson(const Json& body) {
  if (!body.is_object())
    return FieldError("body", "expected a JSON object {\"text\", \"title\", ...}");
  ReadRequest request;
  bool has_text = false;
  for (const auto& item : body.items()) {
    const std::string& key = item.key();
    const Json& value = item.value();
    std::string* into = key == "text"        ? &request.bytes
                        : key == "format"    ? &request.format
                        : key == "title"     ? &request.title
                        : key == "publisher" ? &request.publisher
                        : key == "published" ? &request.published
                        : key == "url"       ? &request.url
                        : key == "file"      ? &request.path
                                             : nullptr;
    if (!into)
      return FieldError(key, "unknown field (expected: text, format, title, publisher, "
                             "published, url, file)");
    if (!value.is_string()) return FieldError(key, "expected a string");
    *into = value.get<std::string>();
    has_text = has_text || key == "text";
  }
  if (!has_text) return FieldError("text", "the article's text or HTML is required");
  if (request.path.find_first_of("/\\") != std::string::npos)
    return FieldError("file", "a file name, without folders");
  if (auto s = request.Validate(); !s.ok()) {
    if (FieldOf(s) != "bytes") return s;
    std::string message(s.message());
    return FieldError("text", message.substr(message.find(": ") + 2));
  }
  return request;
}

}  // namespace vigil
