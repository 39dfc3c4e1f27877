// Curated merge: a part laid over the stored dataset by id, checked whole.
#include "vigil/engine/curated_merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "vigil/base/sha256.h"
#include "vigil/ingest/yaml/dataset_reader.h"

namespace vigil::internal {
namespace {

// Equality of content (everything but `where`).
bool Same(const Participant& a, const Participant& b);
bool Same(const Source& a, const Source& b);
bool Same(const Claim& a, const Claim& b) {
  return std::tie(a.source, a.span_start, a.span_end, a.digest, a.locator, a.party, a.party_label,
                  a.stance, a.confidence, a.note,
                  a.answer) == std::tie(b.source, b.span_start, b.span_end, b.digest, b.locator,
                                        b.party, b.party_label, b.stance, b.confidence, b.note,
                                        b.answer);
}
bool Same(const Name& a, const Name& b) {
  return std::tie(a.text, a.kind, a.script, a.lang) == std::tie(b.text, b.kind, b.script, b.lang);
}
bool Same(const Identifier& a, const Identifier& b) {
  return std::tie(a.type, a.value, a.country, a.note) ==
         std::tie(b.type, b.value, b.country, b.note);
}
bool Same(const Quantity& a, const Quantity& b) {
  return std::tie(a.best, a.low, a.high) == std::tie(b.best, b.low, b.high);
}
template <typename T>
bool Same(const std::vector<T>& a, const std::vector<T>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const T& x, const T& y) { return Same(x, y); });
}
bool Same(const Participant& a, const Participant& b) {
  return std::tie(a.entity, a.label, a.role) == std::tie(b.entity, b.label, b.role) &&
         Same(a.claims, b.claims);
}
bool Same(const Source& a, const Source& b) {
  return std::tie(a.id, a.title, a.publisher, a.author, a.url, a.sha256, a.file, a.kind, a.date,
                  a.length, a.text) == std::tie(b.id, b.title, b.publisher, b.author, b.url,
                                                b.sha256, b.file, b.kind, b.date, b.length, b.text);
}
bool Same(const LifespanBound& a, const LifespanBound& b) {
  return std::tie(a.date, a.general_knowledge) == std::tie(b.date, b.general_knowledge) &&
         Same(a.claims, b.claims);
}
bool Same(const Entity& a, const Entity& b) {
  return std::tie(a.id, a.kind, a.description, a.reference, a.attributes, a.values) ==
             std::tie(b.id, b.kind, b.description, b.reference, b.attributes, b.values) &&
         Same(a.names, b.names) && Same(a.identifiers, b.identifiers) &&
         Same(a.lifespan.start, b.lifespan.start) && Same(a.lifespan.end, b.lifespan.end) &&
         Same(a.claims, b.claims);
}
bool Same(const Question& a, const Question& b) {
  return std::tie(a.id, a.text, a.about, a.note) == std::tie(b.id, b.text, b.about, b.note) &&
         Same(a.claims, b.claims);
}
bool Same(const Relation& a, const Relation& b) {
  return std::tie(a.subject, a.predicate, a.object, a.role, a.from, a.to) ==
             std::tie(b.subject, b.predicate, b.object, b.role, b.from, b.to) &&
         Same(a.claims, b.claims);
}
bool Same(const Event& a, const Event& b) {
  const Place &p = a.place, &q = b.place;
  return std::tie(a.id, a.type, a.title, a.date, a.from, a.to) ==
             std::tie(b.id, b.type, b.title, b.date, b.from, b.to) &&
         std::tie(p.city, p.province, p.country, p.entity, p.detail) ==
             std::tie(q.city, q.province, q.country, q.entity, q.detail) &&
         Same(a.killed, b.killed) && Same(a.wounded, b.wounded) &&
         Same(a.perpetrators, b.perpetrators) && Same(a.targets, b.targets) &&
         Same(a.claims, b.claims);
}
bool Same(const Estimate& a, const Estimate& b) {
  return std::tie(a.id, a.subject, a.quantity, a.qualifier, a.unit, a.scope, a.scope_entity,
                  a.value, a.low, a.high, a.of,
                  a.as_of) == std::tie(b.id, b.subject, b.quantity, b.qualifier, b.unit, b.scope,
                                       b.scope_entity, b.value, b.low, b.high, b.of, b.as_of) &&
         Same(a.claims, b.claims);
}
bool Same(const Designation& a, const Designation& b) {
  return std::tie(a.entity, a.authority, a.authority_code, a.list, a.program, a.reference,
                  a.date) == std::tie(b.entity, b.authority, b.authority_code, b.list, b.program,
                                      b.reference, b.date) &&
         Same(a.claims, b.claims);
}

// The records of one kind of the part laid over those of the whole: each
// added, or put in the place of the record with the same key, which is
// kept (in replaced) to tell afterwards whether anything changed.
template <typename T>
class Layer {
 public:
  template <typename KeyOf>
  Layer(std::vector<T>* whole, const std::vector<T>& part, KeyOf key, std::string_view field,
        std::vector<std::string>* problems) {
    std::unordered_map<std::string, size_t> index;
    index.reserve(whole->size());
    for (size_t i = 0; i < whole->size(); ++i) index.emplace(key((*whole)[i]), i);
    std::unordered_map<std::string, FilePosition> seen;
    for (const T& record : part) {
      std::string k = key(record);
      auto [first, fresh] = seen.emplace(k, record.where);
      if (!fresh) {
        problems->push_back(FormatInputError(record.where, field,
                                             fmt::format("'{}' is given twice (first at {}:{})", k,
                                                         first->second.path, first->second.line)));
        continue;
      }
      auto it = index.find(k);
      if (it == index.end()) {
        added_ = true;
        whole->push_back(record);
        continue;
      }
      replaced_.emplace_back(it->second, std::move((*whole)[it->second]));
      (*whole)[it->second] = record;
    }
  }

  // Whether the merged records differ from those they replaced.
  bool Changed(const std::vector<T>& whole) const {
    if (added_) return true;
    return std::any_of(replaced_.begin(), replaced_.end(),
                       [&](const auto& r) { return !Same(whole[r.first], r.second); });
  }
  const std::vector<std::pair<size_t, T>>& replaced() const { return replaced_; }

 private:
  bool added_ = false;
  std::vector<std::pair<size_t, T>> replaced_;  // position in whole, stored record
};

StatusOr<Batch> Merge(std::optional<Batch> stored, const Batch& part,
                      const std::string& texts_dir) {
  if (stored && stored->kind != "curated")
    return absl::InvalidArgumentError(fmt::format(
        "dataset '{}' holds an official list ({}): curated records cannot be merged into it",
        part.dataset, stored->kind));
  Batch whole;
  std::string previous_version;
  if (stored) {
    previous_version = stored->version;
    whole = std::move(*stored);
  }
  whole.dataset = part.dataset;
  whole.kind = "curated";
  whole.merge = true;
  const std::vector<Source> stored_sources = whole.sources;  // few; to see texts change

  std::vector<std::string> problems;
  auto id = [](const auto& r) { return r.id; };
  Layer<Source> sources(&whole.sources, part.sources, id, "sources.id", &problems);
  Layer<Entity> entities(&whole.entities, part.entities, id, "entities.id", &problems);
  Layer<Relation> relations(
      &whole.relations, part.relations, [](const Relation& r) { return r.Key(); }, "relation",
      &problems);
  Layer<Event> events(&whole.events, part.events, id, "events.id", &problems);
  Layer<Estimate> estimates(&whole.estimates, part.estimates, id, "estimates.id", &problems);
  Layer<Designation> designations(
      &whole.designations, part.designations, [](const Designation& d) { return d.Key(); },
      "designation", &problems);
  Layer<Question> questions(&whole.questions, part.questions, id, "questions.id", &problems);
  if (!problems.empty()) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "\n") + p;
    return absl::InvalidArgumentError(text);
  }
  // A source given again without a texts folder keeps the text stored for
  // the same sha256.
  for (const auto& [position, old] : sources.replaced()) {
    Source& s = whole.sources[position];
    if (s.text.empty() && !old.text.empty() && s.sha256 == old.sha256) s.text = old.text;
  }
  if (auto s = CheckDatasetBatch(&whole, texts_dir); !s.ok()) return s;

  bool changed = !stored || !Same(whole.sources, stored_sources) ||
                 entities.Changed(whole.entities) || relations.Changed(whole.relations) ||
                 events.Changed(whole.events) || estimates.Changed(whole.estimates) ||
                 designations.Changed(whole.designations) || questions.Changed(whole.questions);
  whole.version =
      changed ? Sha256Hex(previous_version + "+" + part.version).substr(0, 16) : previous_version;
  for (const auto& f : part.files)
    if (std::find(whole.files.begin(), whole.files.end(), f) == whole.files.end())
      whole.files.push_back(f);
  return whole;
}

}  // namespace

StatusOr<Batch> MergeIntoStored(store::LoadTransaction& tx, const Batch& part,
                                const std::string& texts_dir) {
  auto stored = tx.StoredBatch(part.dataset);
  if (!stored.ok()) return stored.status();
  return Merge(std::move(*stored), part, texts_dir);
}

StatusOr<Batch> MergeIntoNothing(const Batch& part, const std::string& texts_dir) {
  return Merge(std::nullopt, part, texts_dir);
}

}  // namespace vigil::internal
