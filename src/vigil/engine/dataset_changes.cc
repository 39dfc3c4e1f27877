// Version comparison of a dataset: stored entities and names against a batch.
#include "vigil/engine/dataset_changes.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace vigil::internal {
namespace {

struct Stored {
  std::string reference, primary;
  std::set<std::string> names;  // "text (kind)"
};

std::string Label(const std::string& text, const std::string& kind) {
  return text + " (" + kind + ")";
}

void SortByReference(std::vector<EntityChange>* changes) {
  std::sort(changes->begin(), changes->end(), [](const EntityChange& a, const EntityChange& b) {
    return a.reference != b.reference ? a.reference < b.reference : a.key < b.key;
  });
}

}  // namespace

StatusOr<DatasetChanges> CompareWithStored(Database& db, const Batch& batch) {
  DatasetChanges changes;
  Statement previous(db, "SELECT version, COALESCE(publish_date, '') FROM datasets WHERE name = ?");
  previous.Bind(1, batch.dataset);
  if (!previous.Step()) {
    if (!previous.status().ok()) return previous.status();
    changes.added = static_cast<int64_t>(batch.entities.size());
    return changes;
  }
  changes.previous_version = previous.Text(0);
  changes.previous_publish_date = previous.Text(1);

  std::unordered_map<std::string, Stored> stored;
  Statement names(db,
                  "SELECT e.key, COALESCE(e.reference, ''), n.text, n.kind FROM entities e JOIN "
                  "facts f ON f.id = e.id JOIN datasets d ON d.id = f.dataset_id LEFT JOIN names "
                  "n ON n.entity_id = e.id WHERE d.name = ? ORDER BY e.id, n.position");
  names.Bind(1, batch.dataset);
  while (names.Step()) {
    Stored& s = stored[names.Text(0)];
    s.reference = names.Text(1);
    if (names.IsNull(2)) continue;
    if (names.Text(3) == "primary") s.primary = names.Text(2);
    s.names.insert(Label(names.Text(2), names.Text(3)));
  }
  if (!names.status().ok()) return names.status();

  std::set<std::string> seen;
  for (const auto& e : batch.entities) {
    seen.insert(e.id);
    const Name* primary = e.Primary();
    std::string name = primary ? primary->text : (e.names.empty() ? "" : e.names[0].text);
    auto it = stored.find(e.id);
    if (it == stored.end()) {
      ++changes.added;
      changes.added_entities.push_back({e.id, e.reference, name, {}, {}});
      continue;
    }
    std::set<std::string> now;
    for (const auto& n : e.names) now.insert(Label(n.text, n.kind));
    if (now == it->second.names) {
      ++changes.unchanged;
      continue;
    }
    EntityChange change{e.id, e.reference, name, {}, {}};
    std::set_difference(now.begin(), now.end(), it->second.names.begin(), it->second.names.end(),
                        std::back_inserter(change.names_added));
    std::set_difference(it->second.names.begin(), it->second.names.end(), now.begin(), now.end(),
                        std::back_inserter(change.names_removed));
    ++changes.names_changed;
    changes.renamed_entities.push_back(std::move(change));
  }
  for (const auto& [key, s] : stored) {
    if (seen.count(key)) continue;
    ++changes.removed;
    changes.removed_entities.push_back({key, s.reference, s.primary, {}, {}});
  }
  SortByReference(&changes.added_entities);
  SortByReference(&changes.removed_entities);
  SortByReference(&changes.renamed_entities);
  return changes;
}

}  // namespace vigil::internal
