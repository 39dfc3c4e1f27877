// Small helpers on the model records.
#include "vigil/model/model.h"

#include <iterator>

namespace vigil {

const Name* Entity::Primary() const {
  for (const auto& n : names)
    if (n.kind == "primary") return &n;
  return names.empty() ? nullptr : &names.front();
}

std::string Relation::Key() const {
  return subject + "|" + predicate + "|" + object + "|" + from.ToString();
}

std::string ClaimedAttribute::Key() const { return entity + "|" + key + "|" + value; }

std::string Designation::Key() const {
  return entity + "|" + (authority.empty() ? authority_code : authority) + "|" + program;
}

Status ReadRest(Batch* batch) {
  if (!batch->rest) return absl::OkStatus();
  BatchChunks rest = std::move(batch->rest);
  batch->rest = nullptr;
  return rest([batch](Batch& chunk) {
    auto append = [](auto& into, auto& from) {
      into.insert(into.end(), std::make_move_iterator(from.begin()),
                  std::make_move_iterator(from.end()));
    };
    append(batch->entities, chunk.entities);
    append(batch->designations, chunk.designations);
    append(batch->warnings, chunk.warnings);
    for (const auto& [kind, count] : chunk.warning_counts) batch->warning_counts[kind] += count;
    return absl::OkStatus();
  });
}

}  // namespace vigil
