// Engine::Source: a source's text and the claims citing it, each with the
// fact it is on (engine/source_reader.h).
#include "vigil/engine/source_reader.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "vigil/engine/engine.h"

namespace vigil {
namespace {

// The entities a fact names, each once, in the record's order.
class EntityList {
 public:
  explicit EntityList(std::vector<store::EntityRefRecord>* out) : out_(out) {}
  void Add(const store::EntityRefRecord& ref) {
    if (seen_.insert(ref.id).second) out_->push_back(ref);
  }
  void Add(const std::optional<store::EntityRefRecord>& ref) {
    if (ref) Add(*ref);
  }

 private:
  std::vector<store::EntityRefRecord>* out_;
  std::set<std::string> seen_;
};

// The fact a claim is on, its own claims left out.
StatusOr<CitedFact> ReadFact(store::KnowledgeStore& store, int64_t fact_id,
                             const std::string& type) {
  CitedFact fact;
  fact.fact_id = fact_id;
  fact.type = type;
  auto summary = store.FactSummary(fact_id);
  if (!summary.ok()) return summary.status();
  fact.summary = std::move(*summary);
  EntityList entities(&fact.entities);
  if (type == "entity") {
    auto ref = Required(store.EntityRef(fact_id), fmt::format("fact {}", fact_id));
    if (!ref.ok()) return ref.status();
    fact.entity = std::move(*ref);
    entities.Add(*fact.entity);
  } else if (type == "relation") {
    auto relation = Required(store.Relation(fact_id), fmt::format("fact {}", fact_id));
    if (!relation.ok()) return relation.status();
    relation->claims.clear();
    entities.Add(relation->subject);
    entities.Add(relation->object);
    fact.relation = std::move(*relation);
  } else if (type == "event") {
    auto event = Required(store.Event(fact_id), fmt::format("fact {}", fact_id));
    if (!event.ok()) return event.status();
    event->claims.clear();
    for (auto& p : event->participants) {
      p.claims.clear();
      entities.Add(p.entity);
    }
    entities.Add(event->place_entity);
    fact.event = std::move(*event);
  } else if (type == "participant") {
    auto participant = Required(store.Participant(fact_id), fmt::format("fact {}", fact_id));
    if (!participant.ok()) return participant.status();
    entities.Add(participant->entity);
    fact.participant = std::move(*participant);
  } else if (type == "estimate") {
    auto estimate = Required(store.Estimate(fact_id), fmt::format("fact {}", fact_id));
    if (!estimate.ok()) return estimate.status();
    estimate->claims.clear();
    entities.Add(estimate->subject);
    entities.Add(estimate->scope_entity);
    fact.estimate = std::move(*estimate);
  } else if (type == "designation") {
    auto designation = Required(store.Designation(fact_id), fmt::format("fact {}", fact_id));
    if (!designation.ok()) return designation.status();
    designation->claims.clear();
    entities.Add(designation->entity);
    entities.Add(designation->authority);
    fact.designation = std::move(*designation);
  } else if (type == "attribute") {
    auto attribute = Required(store.ClaimedAttribute(fact_id), fmt::format("fact {}", fact_id));
    if (!attribute.ok()) return attribute.status();
    attribute->claims.clear();
    entities.Add(attribute->entity);
    fact.attribute = std::move(*attribute);
  }
  return fact;
}

}  // namespace

Status SourceRequest::Validate() const {
  if (id.empty()) return FieldError("id", "is empty");
  if (limit < 1 || limit > kSourceClaimsMaxLimit)
    return FieldError("limit", fmt::format("must be a whole number from 1 to {}, got {}",
                                           kSourceClaimsMaxLimit, limit));
  return absl::OkStatus();
}

StatusOr<SourceDocument> Engine::Source(const SourceRequest& request) {
  if (auto s = request.Validate(); !s.ok()) return s;
  auto source = store_->SourceByKey(request.id);
  if (!source.ok()) return source.status();
  if (!*source) return absl::NotFoundError(fmt::format("no source has the id '{}'", request.id));
  SourceDocument doc;
  doc.source = std::move(**source);
  doc.offset = request.offset;
  doc.limit = request.limit;
  auto text = store_->StoredText(doc.source.row_id);
  if (!text.ok()) return text.status();
  doc.text = std::move(*text);
  auto claims = store_->ClaimsCiting(doc.source.row_id, static_cast<int64_t>(request.limit),
                                     static_cast<int64_t>(request.offset));
  if (!claims.ok()) return claims.status();
  // Several claims often cite one fact: each is read once.
  std::map<int64_t, CitedFact> facts;
  for (auto& c : *claims) {
    auto it = facts.find(c.fact_id);
    if (it == facts.end()) {
      auto fact = ReadFact(*store_, c.fact_id, c.fact_type);
      if (!fact.ok()) return fact.status();
      it = facts.emplace(c.fact_id, std::move(*fact)).first;
    }
    doc.claims.push_back({std::move(c.claim), it->second});
  }
  return doc;
}

}  // namespace vigil
