// Version comparison of a dataset: stored entities and names against a batch.
#include "vigil/engine/dataset_changes.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace vigil::internal {
namespace {

std::string Label(const std::string& text, const std::string& kind) {
  return text + " (" + kind + ")";
}

void SortByReference(std::vector<EntityChange>* changes) {
  std::sort(changes->begin(), changes->end(), [](const EntityChange& a, const EntityChange& b) {
    return a.reference != b.reference ? a.reference < b.reference : a.key < b.key;
  });
}

constexpr size_t kFirstRemoved = 5;  // records named in a refusal, per kind

// The key and label (for messages) of each stored record of one kind.
struct StoredKey {
  std::string key, label;
};

// Counts the stored records of one kind that the batch no longer holds.
void CountKind(const std::vector<StoredKey>& stored, const std::unordered_set<std::string>& keys,
               KindChanges* kind) {
  kind->given = static_cast<int64_t>(keys.size());
  for (const auto& s : stored) {
    ++kind->stored;
    if (keys.count(s.key)) continue;
    ++kind->removed;
    if (kind->first_removed.size() < kFirstRemoved) kind->first_removed.push_back(s.label);
  }
}

template <typename T, typename KeyOf>
std::unordered_set<std::string> KeysOf(const std::vector<T>& records, KeyOf key) {
  std::unordered_set<std::string> keys;
  keys.reserve(records.size());
  for (const auto& r : records) keys.insert(key(r));
  return keys;
}

template <typename T, typename LabelOf>
std::vector<StoredKey> StoredKeys(const std::vector<T>& records, LabelOf label) {
  std::vector<StoredKey> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back({r.Key(), label(r)});
  return out;
}

// Every kind of record of a curated dataset but entities (counted by the
// caller), by the keys the model uses to tell records apart (Relation::Key,
// Designation::Key, else the id).
Status CountCuratedKinds(store::LoadTransaction& tx, const Batch& batch, DatasetChanges* changes) {
  auto read = tx.StoredBatch(batch.dataset);
  if (!read.ok()) return read.status();
  if (!*read) return absl::OkStatus();
  const Batch& stored = **read;
  auto id = [](const auto& r) { return r.id; };
  auto by_id = [](const auto& records, auto label) {
    std::vector<StoredKey> out;
    for (const auto& r : records) out.push_back({r.id, label(r)});
    return out;
  };
  CountKind(by_id(stored.sources, id), KeysOf(batch.sources, id), &changes->kinds["sources"]);
  CountKind(StoredKeys(stored.relations,
                       [](const Relation& r) {
                         std::string from = r.from.ToString();
                         return r.subject + " " + r.predicate + " " + r.object +
                                (from.empty() ? "" : " from " + from);
                       }),
            KeysOf(batch.relations, [](const Relation& r) { return r.Key(); }),
            &changes->kinds["relations"]);
  CountKind(by_id(stored.events, [](const Event& e) { return e.id + " (" + e.title + ")"; }),
            KeysOf(batch.events, id), &changes->kinds["events"]);
  CountKind(by_id(stored.estimates, id), KeysOf(batch.estimates, id), &changes->kinds["estimates"]);
  CountKind(StoredKeys(stored.designations,
                       [](const Designation& g) {
                         return g.entity + " by " +
                                (g.authority.empty() ? g.authority_code : g.authority) + " under " +
                                g.program;
                       }),
            KeysOf(batch.designations, [](const Designation& g) { return g.Key(); }),
            &changes->kinds["designations"]);
  if (!stored.questions.empty() || !batch.questions.empty())
    CountKind(by_id(stored.questions, id), KeysOf(batch.questions, id),
              &changes->kinds["questions"]);
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

StatusOr<DatasetComparison> DatasetComparison::Start(store::LoadTransaction& tx,
                                                     const Batch& batch) {
  DatasetComparison c;
  auto previous = tx.StoredDataset(batch.dataset);
  if (!previous.ok()) return previous.status();
  if (!*previous) return c;
  c.previous_ = true;
  c.changes_.previous_version = (*previous)->version;
  c.changes_.previous_publish_date = (*previous)->publish_date;
  auto stored_entities = tx.StoredEntities(batch.dataset);
  if (!stored_entities.ok()) return stored_entities.status();
  for (const auto& e : *stored_entities) {
    Stored& s = c.stored_[e.id];
    s.reference = e.reference;
    for (const auto& n : e.names) {
      if (n.kind == "primary") s.primary = n.text;
      s.names.insert(Label(n.text, n.kind));
    }
  }
  if (batch.kind == "curated")
    if (auto s = CountCuratedKinds(tx, batch, &c.changes_); !s.ok()) return s;
  return c;
}

void DatasetComparison::Add(const Entity& e) {
  ++given_;
  if (!previous_) return;
  const Name* primary = e.Primary();
  std::string name = primary ? primary->text : (e.names.empty() ? "" : e.names[0].text);
  auto it = stored_.find(e.id);
  if (it == stored_.end()) {
    ++changes_.added;
    changes_.added_entities.push_back({e.id, e.reference, name, {}, {}});
    return;
  }
  Stored& stored = it->second;
  stored.seen = true;
  std::set<std::string> now;
  for (const auto& n : e.names) now.insert(Label(n.text, n.kind));
  if (now == stored.names) {
    ++changes_.unchanged;
    return;
  }
  EntityChange change{e.id, e.reference, name, {}, {}};
  std::set_difference(now.begin(), now.end(), stored.names.begin(), stored.names.end(),
                      std::back_inserter(change.names_added));
  std::set_difference(stored.names.begin(), stored.names.end(), now.begin(), now.end(),
                      std::back_inserter(change.names_removed));
  ++changes_.names_changed;
  changes_.renamed_entities.push_back(std::move(change));
}

DatasetChanges DatasetComparison::Finish() && {
  if (!previous_) {
    changes_.added = given_;
    return std::move(changes_);
  }
  for (const auto& [key, s] : stored_) {
    if (s.seen) continue;
    ++changes_.removed;
    changes_.removed_entities.push_back({key, s.reference, s.primary, {}, {}});
  }
  SortByReference(&changes_.added_entities);
  SortByReference(&changes_.removed_entities);
  SortByReference(&changes_.renamed_entities);
  KindChanges& entities = changes_.kinds["entities"];
  entities.stored = static_cast<int64_t>(stored_.size());
  entities.given = given_;
  entities.removed = changes_.removed;
  for (size_t i = 0; i < changes_.removed_entities.size() && i < kFirstRemoved; ++i)
    entities.first_removed.push_back(EntityLabel(changes_.removed_entities[i]));
  return std::move(changes_);
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
