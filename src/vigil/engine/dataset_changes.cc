// Version comparison of a dataset: stored entities and names against a batch.
#include "vigil/engine/dataset_changes.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

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

constexpr size_t kFirstRemoved = 5;  // records named in a refusal, per kind

// Counts the stored records of one kind that the batch no longer holds. The
// query gives each stored record's key (as the model's Key() or id) and a
// label for messages.
Status CountKind(Database& db, const Batch& batch, std::string_view sql,
                 const std::unordered_set<std::string>& keys, KindChanges* kind) {
  kind->given = static_cast<int64_t>(keys.size());
  Statement st(db, sql);
  st.Bind(1, batch.dataset);
  while (st.Step()) {
    ++kind->stored;
    if (keys.count(st.Text(0))) continue;
    ++kind->removed;
    if (kind->first_removed.size() < kFirstRemoved) kind->first_removed.push_back(st.Text(1));
  }
  return st.status();
}

template <typename T, typename KeyOf>
std::unordered_set<std::string> KeysOf(const std::vector<T>& records, KeyOf key) {
  std::unordered_set<std::string> keys;
  keys.reserve(records.size());
  for (const auto& r : records) keys.insert(key(r));
  return keys;
}

// Every kind of record of a curated dataset but entities (counted by the
// caller), by the keys the model uses to tell records apart.
Status CountCuratedKinds(Database& db, const Batch& batch, DatasetChanges* changes) {
  auto id = [](const auto& r) { return r.id; };
  struct Kind {
    const char* name;
    std::string_view sql;
    std::unordered_set<std::string> keys;
  };
  Kind kinds[] = {
      {"sources",
       "SELECT s.key, s.key FROM sources s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = "
       "? ORDER BY s.id",
       KeysOf(batch.sources, id)},
      {"relations",
       "SELECT su.key || '|' || r.predicate || '|' || o.key || '|' || COALESCE(r.valid_from, ''), "
       "su.key || ' ' || r.predicate || ' ' || o.key || COALESCE(' from ' || r.valid_from, '') "
       "FROM relations r JOIN facts f ON f.id = r.id JOIN datasets d ON d.id = f.dataset_id JOIN "
       "entities su ON su.id = r.subject_id JOIN entities o ON o.id = r.object_id WHERE d.name = "
       "? ORDER BY r.id",
       KeysOf(batch.relations, [](const Relation& r) { return r.Key(); })},
      {"events",
       "SELECT e.key, e.key || ' (' || e.title || ')' FROM events e JOIN facts f ON f.id = e.id "
       "JOIN datasets d ON d.id = f.dataset_id WHERE d.name = ? ORDER BY e.id",
       KeysOf(batch.events, id)},
      {"estimates",
       "SELECT e.key, e.key FROM estimates e JOIN facts f ON f.id = e.id JOIN datasets d ON d.id "
       "= f.dataset_id WHERE d.name = ? ORDER BY e.id",
       KeysOf(batch.estimates, id)},
      {"designations",
       "SELECT en.key || '|' || COALESCE(a.key, g.authority) || '|' || g.program, en.key || ' by "
       "' || COALESCE(a.key, g.authority) || ' under ' || g.program FROM designations g JOIN "
       "facts f ON f.id = g.id JOIN datasets d ON d.id = f.dataset_id JOIN entities en ON en.id = "
       "g.entity_id LEFT JOIN entities a ON a.id = g.authority_id WHERE d.name = ? ORDER BY g.id",
       KeysOf(batch.designations, [](const Designation& g) { return g.Key(); })},
  };
  for (const auto& kind : kinds)
    if (auto s = CountKind(db, batch, kind.sql, kind.keys, &changes->kinds[kind.name]); !s.ok())
      return s;
  return absl::OkStatus();
}

// "al-qaeda (al Qaeda)" for curated records, "TAe.901 NORTHERN FRONT
// [un-tae-901]" for list records, as the load report writes them.
std::string EntityLabel(const EntityChange& e) {
  if (e.reference.empty()) return e.name.empty() ? e.key : fmt::format("{} ({})", e.key, e.name);
  return fmt::format("{} {} [{}]", e.reference, e.name, e.key);
}

// The new version lacks a kind of record the stored one holds (a file
// left out), or removes more than the share allowed of a kind.
bool TooManyRemoved(const KindChanges& kind) {
  if (kind.removed == 0) return false;
  if (kind.given == 0) return true;
  return kind.removed >= kShrinkMinimum &&
         static_cast<double>(kind.removed) > kShrinkShare * static_cast<double>(kind.stored);
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
  KindChanges& entities = changes.kinds["entities"];
  entities.stored = static_cast<int64_t>(stored.size());
  entities.given = static_cast<int64_t>(batch.entities.size());
  entities.removed = changes.removed;
  for (size_t i = 0; i < changes.removed_entities.size() && i < kFirstRemoved; ++i)
    entities.first_removed.push_back(EntityLabel(changes.removed_entities[i]));
  if (batch.kind == "curated")
    if (auto s = CountCuratedKinds(db, batch, &changes); !s.ok()) return s;
  return changes;
}

Status CheckReplacement(const Batch& batch, const DatasetChanges& changes,
                        const LoadOptions& options) {
  if (batch.merge || changes.previous_version.empty()) return absl::OkStatus();
  bool curated = batch.kind == "curated";
  std::string reasons;
  bool older = !curated && !options.allow_older && !batch.publish_date.empty() &&
               !changes.previous_publish_date.empty() &&
               batch.publish_date < changes.previous_publish_date;
  if (older)
    reasons += fmt::format(
        "\n  this version (published {}) is older than the stored one (published {}); to load it "
        "anyway, allow an older version (allow_older)",
        batch.publish_date, changes.previous_publish_date);
  bool shrink_allowed =
      options.allow_shrink || (curated && options.curated_mode == CuratedMode::kReplace);
  bool shrinks = false;
  for (const char* name :
       {"sources", "entities", "relations", "events", "estimates", "designations"}) {
    auto found = changes.kinds.find(name);
    if (found == changes.kinds.end()) continue;
    const KindChanges& kind = found->second;
    bool too_many = TooManyRemoved(kind);
    shrinks = shrinks || too_many;
    // An older version lists what it would remove, too much or not.
    if (!(too_many && !shrink_allowed) && !(older && kind.removed > 0)) continue;
    if (kind.given == 0)
      reasons += fmt::format("\n  it holds no {0}: it would remove all {1} stored {0}", name,
                             kind.stored);
    else
      reasons += fmt::format(
          "\n  it would remove {} of the {} stored {} ({}%)", kind.removed, kind.stored, name,
          (kind.removed * 100 + kind.stored / 2) / std::max<int64_t>(1, kind.stored));
    for (const auto& label : kind.first_removed) reasons += fmt::format("\n    {}", label);
    if (kind.removed > static_cast<int64_t>(kind.first_removed.size()))
      reasons += fmt::format("\n    ... and {} more",
                             kind.removed - static_cast<int64_t>(kind.first_removed.size()));
  }
  if (reasons.empty()) return absl::OkStatus();
  std::string files;
  for (const auto& f : batch.files) files += (files.empty() ? "" : ", ") + f;
  std::string advice;
  if (shrinks && !shrink_allowed) {
    advice = fmt::format(
        "\na new version may not leave out a kind of record that the stored one holds, nor "
        "remove more than {:.0f}% of the stored records of a kind when that is {} or more, "
        "unless allowed: ",
        kShrinkShare * 100, kShrinkMinimum);
    advice += curated ? "give every file of the dataset, or merge these records into the stored "
                        "dataset without removing any (merge), or accept the removal "
                        "(allow_shrink, or replace)"
                      : "to accept the removal, allow it (allow_shrink)";
  }
  return absl::InvalidArgumentError(
      fmt::format("{}: dataset '{}' not replaced, nothing loaded:{}{}", files, batch.dataset,
                  reasons, advice));
}

}  // namespace vigil::internal
