// YAML dataset reader: syntax, fields, vocabularies, references and spans.
#include "vigil/ingest/yaml/dataset_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "vigil/base/file.h"
#include "vigil/base/number.h"
#include "vigil/base/sha256.h"
#include "vigil/base/utf8.h"
#include "vigil/ingest/yaml/yaml_tree.h"
#include "vigil/model/vocabulary.h"
#include "vigil/text/normalize.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSections[] = {"sources",   "entities",     "relations", "events",
                                          "estimates", "designations", "questions"};

// Collects problems; stops the read once max is reached.
class Problems {
 public:
  explicit Problems(size_t max) : max_(max) {}
  void Add(const FilePosition& where, std::string_view field, std::string_view message) {
    if (messages_.size() < max_) messages_.push_back(FormatInputError(where, field, message));
    ++count_;
  }
  bool Full() const { return count_ >= max_; }
  bool Empty() const { return count_ == 0; }
  Status ToStatus() const {
    std::string text;
    for (const auto& m : messages_) text += (text.empty() ? "" : "\n") + m;
    if (count_ > messages_.size())
      text += fmt::format("\n... and {} more problems", count_ - messages_.size());
    return absl::InvalidArgumentError(text);
  }

 private:
  size_t max_;
  size_t count_ = 0;
  std::vector<std::string> messages_;
};

// A number written in YAML ("12", "1_000", "0.9"); nullopt unless the
// whole text is a finite number.
std::optional<double> ParseYamlNumber(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
  return ParseFiniteNumber(text);
}

// One YAML mapping being read: typed getters that report problems with the
// field's path and line, and a check that no unknown key is left.
class Record {
 public:
  Record(const YamlNode& node, std::string path, std::string field, Problems* problems)
      : node_(node), path_(std::move(path)), field_(std::move(field)), problems_(problems) {}

  bool IsMap() const { return node_.IsMap(); }
  FilePosition Where() const { return {path_, node_.line}; }
  FilePosition WhereOf(const YamlNode& n) const {
    return {path_, n.line > 0 ? n.line : node_.line};
  }
  std::string Field(std::string_view key) const {
    return field_.empty() ? std::string(key) : field_ + "." + std::string(key);
  }
  void Problem(std::string_view key, std::string_view message) {
    problems_->Add(Where(), Field(key), message);
  }
  void ProblemAt(const YamlNode& n, std::string_view key, std::string_view message) {
    problems_->Add(WhereOf(n), Field(key), message);
  }

  // The value of key, or nullptr when absent.
  const YamlNode* Get(std::string_view key) {
    if (std::find(used_.begin(), used_.end(), key) == used_.end()) used_.push_back(key);
    return node_.Find(key);
  }

  std::string String(std::string_view key, bool required = false) {
    const YamlNode* n = Get(key);
    if (!n || n->IsNull()) {
      if (required) Problem(key, "missing required field");
      return "";
    }
    if (!n->IsScalar()) {
      ProblemAt(*n, key, "expected a text value");
      return "";
    }
    if (required && n->text.empty()) ProblemAt(*n, key, "must not be empty");
    return n->text;
  }

  std::string Enum(std::string_view key, std::span<const std::string_view> words,
                   bool required, std::string_view fallback = "") {
    std::string value = String(key, required);
    if (value.empty()) return std::string(fallback);
    if (!Contains(words, value)) {
      std::string hint = NearestWord(words, value);
      ProblemAt(*node_.Find(key), key,
                hint.empty() ? fmt::format("unknown value '{}' (expected one of: {})", value,
                                           JoinWords(words))
                             : fmt::format("unknown value '{}' (did you mean '{}'?)", value, hint));
    }
    return value;
  }

  std::string Id(std::string_view key, bool required = true) {
    std::string value = String(key, required);
    if (!value.empty() && !IsSlug(value))
      ProblemAt(*node_.Find(key), key,
                fmt::format("'{}' is not a valid id (lower-case letters, digits and '-')", value));
    return value;
  }

  PartialDate Date(std::string_view key) {
    std::string value = String(key);
    if (value.empty()) return {};
    auto date = PartialDate::Parse(value);
    if (!date.ok()) {
      ProblemAt(*node_.Find(key), key, std::string(date.status().message()));
      return {};
    }
    return *date;
  }

  std::optional<double> Number(std::string_view key) {
    const YamlNode* n = Get(key);
    if (!n || n->IsNull()) return std::nullopt;
    return NumberOf(*n, key);
  }

  std::optional<double> NumberOf(const YamlNode& n, std::string_view key) {
    auto value = n.IsScalar() ? ParseYamlNumber(n.text) : std::nullopt;
    if (!value)
      ProblemAt(n, key,
                fmt::format("expected a number, got '{}'", n.IsScalar() ? n.text : "a structure"));
    return value;
  }

  // Reports keys the reader did not ask for.
  void CheckNoUnknownKeys() {
    for (size_t i = 0; i + 1 < node_.items.size(); i += 2) {
      const YamlNode& k = node_.items[i];
      std::string key = k.IsScalar() ? k.text : "?";
      if (std::find(used_.begin(), used_.end(), key) != used_.end()) continue;
      std::string hint = NearestWord(used_, key);
      problems_->Add(WhereOf(k), Field(key),
                     hint.empty() ? "unknown field"
                                  : fmt::format("unknown field (did you mean '{}'?)", hint));
    }
  }

  static bool IsSlug(std::string_view s) {
    if (s.empty() || s.front() == '-') return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
  }

  const std::string& path() const { return path_; }
  const std::string& field() const { return field_; }
  Problems* problems() const { return problems_; }

 private:
  const YamlNode& node_;
  std::string path_;
  std::string field_;
  Problems* problems_;
  std::vector<std::string_view> used_;  // keys asked for (string literals)
};

// Iterates a list field, giving a Record per mapping element.
void ForEachRecord(Record& parent, std::string_view key,
                   const std::function<void(Record&)>& body) {
  const YamlNode* list = parent.Get(key);
  if (!list || list->IsNull()) return;
  if (!list->IsSequence()) {
    parent.ProblemAt(*list, key, "expected a list");
    return;
  }
  for (size_t i = 0; i < list->items.size() && !parent.problems()->Full(); ++i) {
    Record item(list->items[i], parent.path(), fmt::format("{}[{}]", parent.Field(key), i),
                parent.problems());
    if (!item.IsMap()) {
      item.problems()->Add(item.Where(), item.field(), "expected a mapping");
      continue;
    }
    body(item);
  }
}

// answers: a question's claim, which must give an answer (and only those may).
Claim ReadClaim(Record& r, bool answers) {
  Claim c;
  c.where = r.Where();
  if (answers) c.answer = r.String("answer", true);
  c.source = r.Id("source");
  const YamlNode* span = r.Get("span");
  if (span && !span->IsNull()) {
    int64_t values[2] = {0, 0};
    bool ok = span->IsSequence() && span->items.size() == 2;
    for (size_t i = 0; ok && i < 2; ++i) {
      const YamlNode& item = span->items[i];
      const std::string& t = item.IsScalar() ? item.text : "";
      auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), values[i]);
      ok = !t.empty() && ec == std::errc() && end == t.data() + t.size();
    }
    if (!ok) {
      r.ProblemAt(*span, "span", "expected [start, end] with two whole numbers");
    } else if (values[0] < 0 || values[1] <= values[0]) {
      r.ProblemAt(*span, "span",
                  fmt::format("[{}, {}] is empty or reversed", values[0], values[1]));
    } else {
      c.span_start = values[0];
      c.span_end = values[1];
    }
  }
  c.digest = r.String("digest");
  if (!c.digest.empty() && (c.digest.size() != 8 || c.digest.find_first_not_of(
                                                         "0123456789abcdef") != std::string::npos))
    r.Problem("digest", "expected 8 lower-case hex digits");
  c.locator = r.String("locator");
  c.party = r.Id("party", false);
  c.party_label = r.String("party_label");
  std::string stance = r.Enum("stance", std::array<std::string_view, 2>{"asserts", "denies"},
                              false, "asserts");
  c.stance = stance == "denies" ? Stance::kDenies : Stance::kAsserts;
  if (auto confidence = r.Number("confidence")) {
    if (*confidence < 0 || *confidence > 1)
      r.Problem("confidence", "must be between 0 and 1");
    else
      c.confidence = *confidence;
  }
  c.note = r.String("note");
  if (!c.span_start && c.locator.empty())
    r.problems()->Add(c.where, r.field(), "a claim needs a span or a locator");
  r.CheckNoUnknownKeys();
  return c;
}

std::vector<Claim> ReadClaims(Record& r, bool answers = false) {
  std::vector<Claim> claims;
  ForEachRecord(r, "claims", [&](Record& c) { claims.push_back(ReadClaim(c, answers)); });
  return claims;
}

// lifespan: {start: {date, claims | general_knowledge}, end: {...}}
void ReadLifespan(Record& parent, Lifespan* lifespan) {
  const YamlNode* n = parent.Get("lifespan");
  if (!n || n->IsNull()) return;
  Record r(*n, parent.path(), parent.Field("lifespan"), parent.problems());
  if (!r.IsMap()) {
    parent.ProblemAt(*n, "lifespan", "expected a mapping with start and/or end");
    return;
  }
  bool given = false;
  for (auto [key, bound] : {std::pair{"start", &lifespan->start}, {"end", &lifespan->end}}) {
    const YamlNode* b = r.Get(key);
    if (!b || b->IsNull()) continue;
    given = true;
    Record br(*b, r.path(), r.Field(key), r.problems());
    if (!br.IsMap()) {
      r.ProblemAt(*b, key, "expected a mapping with date, and claims or general_knowledge");
      continue;
    }
    bound->where = br.Where();
    bound->date = br.Date("date");
    if (!bound->date.IsSet() && !br.Get("date")) br.Problem("date", "missing required field");
    bound->general_knowledge = br.String("general_knowledge");
    bound->claims = ReadClaims(br);
    if (bound->claims.empty() && bound->general_knowledge.empty())
      br.Problem("claims", "a lifespan bound needs claims citing a passage, or a general_knowledge note");
    br.CheckNoUnknownKeys();
  }
  if (!given && !r.problems()->Full())
    r.problems()->Add(r.Where(), r.field(), "expected a start and/or an end");
  if (lifespan->start.IsSet() && lifespan->end.IsSet() &&
      lifespan->end.date.Latest() < lifespan->start.date.Earliest())
    r.Problem("end", "ends before it begins");
  r.CheckNoUnknownKeys();
}

Quantity ReadQuantity(Record& parent, std::string_view key) {
  Quantity q;
  const YamlNode* n = parent.Get(key);
  if (!n || n->IsNull()) return q;
  if (n->IsScalar()) {  // a bare number is the best figure
    q.best = parent.NumberOf(*n, key);
    return q;
  }
  Record r(*n, parent.path(), parent.Field(key), parent.problems());
  if (!r.IsMap()) {
    parent.ProblemAt(*n, key, "expected a number or {best, low, high}");
    return q;
  }
  q.best = r.Number("best");
  q.low = r.Number("low");
  q.high = r.Number("high");
  if (q.low && q.high && *q.low > *q.high) r.Problem("low", "greater than high");
  r.CheckNoUnknownKeys();
  return q;
}

void ReadSource(Record& r, Batch* batch) {
  Source s;
  s.where = r.Where();
  s.id = r.Id("id");
  s.title = r.String("title", true);
  s.publisher = r.String("publisher");
  s.author = r.String("author");
  s.date = r.Date("date");
  s.url = r.String("url");
  s.sha256 = r.String("sha256");
  if (!s.sha256.empty() && (s.sha256.size() != 64 ||
                            s.sha256.find_first_not_of("0123456789abcdef") != std::string::npos))
    r.Problem("sha256", "expected 64 lower-case hex digits");
  s.file = r.String("file");
  s.kind = r.Enum("kind", std::array<std::string_view, 4>{"article", "report", "list", "statement"},
                  false, "article");
  if (auto length = r.Number("length")) {
    if (*length < 0 || *length > 9e15 || *length != std::floor(*length))
      r.Problem("length", "expected a whole number of code points");
    else
      s.length = static_cast<int64_t>(*length);
  }
  r.CheckNoUnknownKeys();
  batch->sources.push_back(std::move(s));
}

void ReadEntity(Record& r, Batch* batch) {
  Entity e;
  e.where = r.Where();
  e.id = r.Id("id");
  e.kind = r.Enum("kind", EntityKinds(), true);
  e.description = r.String("description");
  int primaries = 0;
  ForEachRecord(r, "names", [&](Record& n) {
    Name name;
    name.text = n.String("text", true);
    name.kind = n.Enum("kind", NameKinds(), false, "alias");
    name.script = n.String("script");
    name.lang = n.String("lang");
    if (name.script.empty() && !name.text.empty()) name.script = DetectScript(name.text);
    if (!name.text.empty() && NameKey(name.text).empty())
      n.Problem("text", "has no letters or digits");
    primaries += name.kind == "primary";
    n.CheckNoUnknownKeys();
    e.names.push_back(std::move(name));
  });
  if (e.names.empty()) r.Problem("names", "an entity needs at least one name");
  if (!e.names.empty() && primaries != 1)
    r.Problem("names", fmt::format("needs exactly one primary name, has {}", primaries));
  const YamlNode* attributes = r.Get("attributes");
  if (attributes && !attributes->IsNull()) {
    if (!attributes->IsMap()) {
      r.ProblemAt(*attributes, "attributes", "expected a mapping of key: value");
    } else {
      for (size_t i = 0; i + 1 < attributes->items.size(); i += 2) {
        const YamlNode& k = attributes->items[i];
        const YamlNode& v = attributes->items[i + 1];
        if (!k.IsScalar()) {
          r.ProblemAt(k, "attributes", "expected a text key");
          continue;
        }
        if (!v.IsScalar()) {
          r.ProblemAt(v, "attributes." + k.text, "expected a text value");
          continue;
        }
        if (k.text == "birth_date" || k.text == "death_date") {
          auto date = PartialDate::Parse(v.text);
          if (!date.ok())
            r.ProblemAt(v, "attributes." + k.text, std::string(date.status().message()));
        }
        e.attributes[k.text] = v.text;
      }
    }
  }
  ReadLifespan(r, &e.lifespan);
  e.claims = ReadClaims(r);
  r.CheckNoUnknownKeys();
  batch->entities.push_back(std::move(e));
}

void ReadRelation(Record& r, Batch* batch) {
  Relation rel;
  rel.where = r.Where();
  rel.subject = r.Id("subject");
  rel.predicate = r.String("predicate", true);
  if (!rel.predicate.empty() && !FindPredicate(rel.predicate)) {
    std::vector<std::string_view> names;
    for (const auto& p : Predicates()) names.push_back(p.name);
    std::string hint = NearestWord(names, rel.predicate);
    r.ProblemAt(*r.Get("predicate"), "predicate",
                hint.empty() ? fmt::format("unknown predicate '{}' (see docs/data-model.md)",
                                           rel.predicate)
                             : fmt::format("unknown predicate '{}' (did you mean '{}'?)",
                                           rel.predicate, hint));
  }
  rel.object = r.Id("object");
  rel.role = r.String("role");
  rel.from = r.Date("from");
  rel.to = r.Date("to");
  if (rel.from.IsSet() && rel.to.IsSet() && rel.to.Latest() < rel.from.Earliest())
    r.Problem("to", "ends before it begins");
  rel.claims = ReadClaims(r);
  if (rel.claims.empty()) r.Problem("claims", "a relation needs at least one claim");
  r.CheckNoUnknownKeys();
  batch->relations.push_back(std::move(rel));
}

std::vector<Participant> ReadParticipants(Record& r, std::string_view key, bool perpetrators) {
  std::vector<Participant> out;
  ForEachRecord(r, key, [&](Record& p) {
    Participant part;
    part.entity = p.Id("entity", false);
    part.label = p.String("label");
    if (part.entity.empty() && part.label.empty()) p.Problem("entity", "needs an entity or a label");
    if (perpetrators)
      part.role = p.Enum("role", PerpetratorRoles(), true);
    else
      part.role = "target";
    part.claims = ReadClaims(p);
    p.CheckNoUnknownKeys();
    out.push_back(std::move(part));
  });
  return out;
}

void ReadEvent(Record& r, Batch* batch) {
  Event e;
  e.where = r.Where();
  e.id = r.Id("id");
  e.type = r.Enum("type", EventTypes(), true);
  e.title = r.String("title", true);
  e.date = r.Date("date");
  e.from = r.Date("from");
  e.to = r.Date("to");
  if (e.date.IsSet() && (e.from.IsSet() || e.to.IsSet()))
    r.Problem("date", "give either date or from/to, not both");
  const YamlNode* place = r.Get("place");
  if (place && !place->IsNull()) {
    Record p(*place, r.path(), r.Field("place"), r.problems());
    if (!p.IsMap()) {
      r.ProblemAt(*place, "place", "expected a mapping {city, province, country, entity, detail}");
    } else {
      e.place.city = p.String("city");
      e.place.province = p.String("province");
      e.place.country = p.String("country");
      e.place.entity = p.Id("entity", false);
      e.place.detail = p.String("detail");
      p.CheckNoUnknownKeys();
    }
  }
  e.killed = ReadQuantity(r, "killed");
  e.wounded = ReadQuantity(r, "wounded");
  e.perpetrators = ReadParticipants(r, "perpetrators", true);
  e.targets = ReadParticipants(r, "targets", false);
  e.claims = ReadClaims(r);
  if (e.claims.empty()) r.Problem("claims", "an event needs at least one claim");
  r.CheckNoUnknownKeys();
  batch->events.push_back(std::move(e));
}

void ReadEstimate(Record& r, Batch* batch) {
  Estimate e;
  e.where = r.Where();
  e.id = r.Id("id");
  e.subject = r.Id("subject");
  e.quantity = r.Id("quantity");
  e.value = r.Number("value");
  e.low = r.Number("low");
  e.high = r.Number("high");
  e.of = r.Number("of");
  if (!e.value && !e.low && !e.high) r.Problem("value", "needs value, low or high");
  if (e.low && e.high && *e.low > *e.high) r.Problem("low", "greater than high");
  e.qualifier = r.Enum("qualifier", EstimateQualifiers(), false);
  e.unit = r.String("unit");
  e.scope = r.String("scope");
  e.scope_entity = r.Id("scope_entity", false);
  e.as_of = r.Date("as_of");
  e.claims = ReadClaims(r);
  if (e.claims.empty()) r.Problem("claims", "an estimate needs at least one claim");
  r.CheckNoUnknownKeys();
  batch->estimates.push_back(std::move(e));
}

void ReadDesignation(Record& r, Batch* batch) {
  Designation d;
  d.where = r.Where();
  d.entity = r.Id("entity");
  d.authority = r.Id("authority");
  d.authority_code = r.String("authority_code");
  d.list = r.String("list");
  d.program = r.String("program", true);
  d.reference = r.String("reference");
  d.date = r.Date("date");
  d.claims = ReadClaims(r);
  if (d.claims.empty()) r.Problem("claims", "a designation needs at least one claim");
  r.CheckNoUnknownKeys();
  batch->designations.push_back(std::move(d));
}

void ReadQuestion(Record& r, Batch* batch) {
  Question q;
  q.where = r.Where();
  q.id = r.Id("id");
  q.text = r.String("question", true);
  const YamlNode* about = r.Get("about");
  if (about && !about->IsNull()) {
    if (!about->IsSequence()) {
      r.ProblemAt(*about, "about", "expected a list of entity ids");
    } else {
      for (const auto& item : about->items) {
        if (!item.IsScalar() || !Record::IsSlug(item.text))
          r.ProblemAt(item, "about", "expected an entity id");
        else
          q.about.push_back(item.text);
      }
    }
  }
  q.note = r.String("note");
  q.claims = ReadClaims(r, /*answers=*/true);
  if (q.claims.size() < 2)
    r.Problem("claims", "a question needs at least two claims (the answers that disagree)");
  r.CheckNoUnknownKeys();
  batch->questions.push_back(std::move(q));
}

using SectionReader = void (*)(Record&, Batch*);

SectionReader ReaderOf(std::string_view section) {
  if (section == "sources") return ReadSource;
  if (section == "entities") return ReadEntity;
  if (section == "relations") return ReadRelation;
  if (section == "events") return ReadEvent;
  if (section == "estimates") return ReadEstimate;
  if (section == "designations") return ReadDesignation;
  if (section == "questions") return ReadQuestion;
  return nullptr;
}

// Reads one file's records into batch; its sections are streamed, record by
// record, so that memory follows the records read, not the YAML tree.
void ParseFileInto(const std::string& text, const std::string& path, Batch* batch,
                   Problems* problems) {
  if (auto bad = FindInvalidUtf8(text)) {
    problems->Add({path, bad->line}, "",
                  fmt::format("invalid UTF-8: byte 0x{:02X} at byte offset {} (column {})",
                              bad->byte, bad->byte_offset, bad->column));
    return;
  }
  std::string section;
  SectionReader reader = nullptr;
  size_t index = 0;
  YamlSectionHandler handler;
  handler.on_key = [&](const std::string& key, int line) {
    section = key;
    index = 0;
    reader = ReaderOf(key);
    if (reader) return;
    std::string hint = NearestWord(kSections, key);
    problems->Add({path, line}, key,
                  hint.empty() ? fmt::format("unknown section (expected one of: {})",
                                             JoinWords(kSections))
                               : fmt::format("unknown section (did you mean '{}'?)", hint));
  };
  handler.on_item = [&](YamlNode item) {
    if (problems->Full()) return false;
    if (!reader) return true;  // an unknown section, reported once
    Record r(item, path, fmt::format("{}[{}]", section, index++), problems);
    if (!r.IsMap())
      problems->Add(r.Where(), r.field(), "expected a mapping");
    else
      reader(r, batch);
    return !problems->Full();
  };
  handler.on_value = [&](YamlNode value) {
    if (!reader || value.IsNull()) return;
    problems->Add({path, value.line}, section, "expected a list");
  };
  if (auto error = ReadYamlSections(text, YamlLimits{}, handler))
    problems->Add({path, error->line}, "", error->message);
}

// Ids that a reference may have meant: the nearest within edit distance,
// among ids of about the same length. Built once, on the first miss.
class IdHints {
 public:
  explicit IdHints(const std::map<std::string, FilePosition>& ids) : ids_(ids) {}
  std::string Nearest(std::string_view id) {
    if (id.size() > 64) return "";
    if (by_length_.empty())
      for (const auto& [key, _] : ids_)
        if (key.size() <= 64) by_length_[key.size()].push_back(key);
    size_t slack = std::max<size_t>(2, id.size() / 3);
    std::vector<std::string_view> near;
    for (size_t n = id.size() > slack ? id.size() - slack : 0; n <= id.size() + slack; ++n)
      if (auto it = by_length_.find(n); it != by_length_.end())
        near.insert(near.end(), it->second.begin(), it->second.end());
    return NearestWord(near, id);
  }

 private:
  const std::map<std::string, FilePosition>& ids_;
  std::map<size_t, std::vector<std::string_view>> by_length_;
};

// Cross-file checks: unique ids, resolvable references, spans. Linear in
// the batch (maps by id; code-point offsets computed once per text).
class BatchChecker {
 public:
  BatchChecker(Batch* batch, Problems* problems)
      : batch_(batch), problems_(problems), hints_(entities_) {}

  void Run(const std::string& texts_dir) {
    for (auto& s : batch_->sources) Unique(sources_, s.id, s.where, "sources.id", "source");
    for (auto& e : batch_->entities) Unique(entities_, e.id, e.where, "entities.id", "entity");
    std::map<std::string, FilePosition> others;
    for (auto& e : batch_->events) {
      Unique(events_, e.id, e.where, "events.id", "event");
      if (entities_.count(e.id))
        problems_->Add(e.where, "events.id", fmt::format("'{}' is also an entity id", e.id));
    }
    for (auto& e : batch_->estimates) Unique(others, e.id, e.where, "estimates.id", "estimate");
    LoadTexts(texts_dir);

    std::set<std::string> relation_keys, designation_keys;
    for (auto& r : batch_->relations) {
      Entity(r.subject, r.where, "relation.subject");
      Entity(r.object, r.where, "relation.object");
      if (!relation_keys.insert(r.Key()).second)
        problems_->Add(r.where, "relation",
                       fmt::format("duplicate relation {} {} {} (same from date): add the claim "
                                   "to the existing record",
                                   r.subject, r.predicate, r.object));
      Claims(r.claims);
    }
    for (auto& e : batch_->entities) {
      Claims(e.claims);
      Claims(e.lifespan.start.claims);
      Claims(e.lifespan.end.claims);
    }
    std::map<std::string, FilePosition> questions;
    for (auto& q : batch_->questions) {
      Unique(questions, q.id, q.where, "questions.id", "question");
      for (const auto& id : q.about) Entity(id, q.where, "question.about");
      Claims(q.claims);
    }
    for (auto& e : batch_->events) {
      if (!e.place.entity.empty()) Entity(e.place.entity, e.where, "event.place.entity");
      for (auto* list : {&e.perpetrators, &e.targets})
        for (auto& p : *list) {
          if (!p.entity.empty()) Entity(p.entity, e.where, "event.participant.entity");
          Claims(p.claims);
        }
      Claims(e.claims);
    }
    for (auto& e : batch_->estimates) {
      Entity(e.subject, e.where, "estimate.subject");
      if (!e.scope_entity.empty()) Entity(e.scope_entity, e.where, "estimate.scope_entity");
      Claims(e.claims);
    }
    std::unordered_map<std::string, const std::string*> authority_codes;
    for (const auto& e : batch_->entities)
      if (auto code = e.attributes.find("authority_code"); code != e.attributes.end())
        authority_codes.emplace(e.id, &code->second);
    for (auto& d : batch_->designations) {
      Entity(d.entity, d.where, "designation.entity");
      Entity(d.authority, d.where, "designation.authority");
      if (d.authority_code.empty()) {
        if (auto code = authority_codes.find(d.authority); code != authority_codes.end())
          d.authority_code = *code->second;
        if (d.authority_code.empty())
          problems_->Add(d.where, "designation.authority_code",
                         fmt::format("'{}' has no authority_code attribute (US, UN, RU...): give "
                                     "one on the entity or on the designation",
                                     d.authority));
      }
      if (!designation_keys.insert(d.Key()).second)
        problems_->Add(d.where, "designation",
                       fmt::format("duplicate designation of {} by {} under {}", d.entity,
                                   d.authority, d.program));
      Claims(d.claims);
    }
  }

 private:
  void Unique(std::map<std::string, FilePosition>& seen, const std::string& id,
              const FilePosition& where, std::string_view field, std::string_view what) {
    if (id.empty()) return;
    auto [it, inserted] = seen.emplace(id, where);
    if (!inserted)
      problems_->Add(where, field,
                     fmt::format("duplicate {} id '{}' (first defined at {}:{})", what, id,
                                 it->second.path, it->second.line));
  }

  void Entity(const std::string& id, const FilePosition& where, std::string_view field) {
    if (id.empty() || entities_.count(id)) return;
    std::string hint = problems_->Full() ? "" : hints_.Nearest(id);
    problems_->Add(where, field,
                   hint.empty() ? fmt::format("unknown entity '{}'", id)
                                : fmt::format("unknown entity '{}' (did you mean '{}'?)", id, hint));
  }

  void LoadTexts(const std::string& texts_dir) {
    for (auto& s : batch_->sources) source_index_[s.id] = &s;
    if (!texts_dir.empty()) {
      std::unordered_map<std::string, std::string> by_hash;
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(texts_dir, ec)) {
        if (!entry.is_regular_file()) continue;
        auto bytes = ReadFile(entry.path().string());
        if (bytes.ok()) by_hash.emplace(Sha256Hex(*bytes), std::move(*bytes));
      }
      if (ec) {
        problems_->Add({texts_dir, 0}, "", fmt::format("cannot read folder: {}", ec.message()));
        return;
      }
      for (auto& s : batch_->sources) {
        if (s.sha256.empty()) continue;
        auto it = by_hash.find(s.sha256);
        if (it == by_hash.end()) {
          problems_->Add(s.where, "sources.sha256",
                         fmt::format("no file in {} has this hash (source '{}')", texts_dir, s.id));
          s.text.clear();
          continue;
        }
        if (FindInvalidUtf8(it->second)) {
          problems_->Add(s.where, "sources.sha256", "the source text is not valid UTF-8");
          continue;
        }
        s.text = it->second;
      }
    }
    // The texts found now, or kept from the stored dataset that a part was
    // merged into: their length is what they hold.
    for (auto& s : batch_->sources) {
      if (s.text.empty()) continue;
      int64_t length = static_cast<int64_t>(Offsets(s).size()) - 1;
      if (s.length && *s.length != length)
        problems_->Add(s.where, "sources.length",
                       fmt::format("declared {} but the text has {} code points", *s.length,
                                   length));
      s.length = length;
    }
  }

  const std::vector<size_t>& Offsets(const Source& s) {
    auto [it, inserted] = offsets_.try_emplace(&s);
    if (inserted) it->second = CodePointOffsets(s.text);
    return it->second;
  }

  void Claims(const std::vector<Claim>& claims) {
    for (const auto& c : claims) {
      auto it = source_index_.find(c.source);
      if (it == source_index_.end()) {
        if (!c.source.empty())
          problems_->Add(c.where, "claim.source", fmt::format("unknown source '{}'", c.source));
      } else {
        const Source& s = *it->second;
        if (!s.sha256.empty() && !c.span_start)
          problems_->Add(c.where, "claim.span",
                         fmt::format("source '{}' has a text: the claim needs a span", s.id));
        if (c.span_end && s.length && *c.span_end > *s.length)
          problems_->Add(c.where, "claim.span",
                         fmt::format("[{}, {}] lies outside the text of '{}' ({} code points)",
                                     *c.span_start, *c.span_end, s.id, *s.length));
        else if (c.span_end && !s.text.empty() && !c.digest.empty()) {
          const auto& offsets = Offsets(s);
          std::string_view passage(s.text.data() + offsets[*c.span_start],
                                   offsets[*c.span_end] - offsets[*c.span_start]);
          if (Sha256Hex(passage).substr(0, 8) != c.digest)
            problems_->Add(c.where, "claim.digest",
                           fmt::format("the span [{}, {}] of '{}' does not hold the passage "
                                       "that the digest {} was made from",
                                       *c.span_start, *c.span_end, s.id, c.digest));
        }
      }
      if (!c.party.empty()) Entity(c.party, c.where, "claim.party");
    }
  }

  Batch* batch_;
  Problems* problems_;
  std::map<std::string, FilePosition> sources_, entities_, events_;
  IdHints hints_;
  std::unordered_map<std::string, const Source*> source_index_;
  std::unordered_map<const Source*, std::vector<size_t>> offsets_;
};

bool HasRecords(const Batch& b) {
  return !b.sources.empty() || !b.entities.empty() || !b.relations.empty() || !b.events.empty() ||
         !b.estimates.empty() || !b.designations.empty() || !b.questions.empty();
}

}  // namespace

Status CheckDatasetBatch(Batch* batch, const std::string& texts_dir, size_t max_errors) {
  Problems problems(max_errors);
  BatchChecker(batch, &problems).Run(texts_dir);
  return problems.Empty() ? absl::OkStatus() : problems.ToStatus();
}

StatusOr<Batch> ParseYamlDatasetText(const std::string& text, const std::string& path) {
  Batch batch;
  Problems problems(25);
  ParseFileInto(text, path, &batch, &problems);
  if (!problems.Empty()) return problems.ToStatus();
  return batch;
}

StatusOr<Batch> ReadYamlDataset(const std::vector<std::string>& paths,
                                const DatasetReadOptions& options) {
  Batch batch;
  batch.dataset = options.dataset_name;
  batch.kind = "curated";
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(path, ec)) {
        auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
          found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      if (found.empty())
        return absl::InvalidArgumentError(fmt::format("{}: no *.yaml files in this folder", path));
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      return absl::NotFoundError(fmt::format("{}: no such file or folder", path));
    }
  }
  Problems problems(options.max_errors);
  std::string all_bytes;
  for (const auto& file : files) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (!ec && size > options.max_file_bytes) {
      problems.Add({file, 0}, "",
                   fmt::format("{} MiB is more than a YAML file may hold ({} MiB): split it into "
                               "several files",
                               (size + (1 << 20) - 1) >> 20, options.max_file_bytes >> 20));
      continue;
    }
    auto text = ReadFile(file);
    if (!text.ok()) return text.status();
    all_bytes += Sha256Hex(*text);
    ParseFileInto(*text, file, &batch, &problems);
    if (problems.Full()) break;
  }
  if (problems.Empty() && !HasRecords(batch)) {
    std::string names;
    for (const auto& f : files) names += (names.empty() ? "" : ", ") + f;
    return absl::InvalidArgumentError(fmt::format(
        "{}: no sources, entities, relations, events, estimates or designations: nothing loaded "
        "(an empty dataset never replaces a stored one)",
        names));
  }
  bool whole = !batch.sources.empty() && !batch.entities.empty();
  batch.merge = options.mode == CuratedMode::kMerge ||
                (options.mode == CuratedMode::kAuto && !whole);
  // A part is checked once merged into the stored dataset (CheckDatasetBatch).
  if (problems.Empty() && !batch.merge) BatchChecker(&batch, &problems).Run(options.texts_dir);
  if (!problems.Empty()) return problems.ToStatus();
  batch.files = files;
  for (const auto& s : batch.sources) all_bytes += s.text.empty() ? "-" : "+";
  batch.version = Sha256Hex(all_bytes).substr(0, 16);
  return batch;
}

}  // namespace vigil
