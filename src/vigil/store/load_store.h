// The load area of the store (store/store.h): writing datasets in one
// transaction, and the reads and writes that the engine's load logic
// (engine/curated_merge.h, dataset_changes.h, linking.h) makes inside it
// through a LoadTransaction.
//
//   store::ApplyHooks hooks;
//   hooks.before_write = [](store::LoadTransaction& tx, size_t i, const Batch& b) {
//     auto stored = tx.StoredDataset(b.dataset); ...   // refuse: nothing is written
//   };
//   auto written = store->ApplyBatches({&batch}, hooks);
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/model/model.h"
#include "vigil/store/records.h"

namespace vigil::store {

// A stored dataset's identity (store: StoredDataset).
struct StoredDatasetRecord {
  std::string kind, version;
  std::string publish_date;  // empty when none
};

// A stored entity with its names, to compare a new version with.
struct DatasetEntityRecord {
  std::string id;                 // key
  std::string reference;          // empty when none
  std::vector<NameRecord> names;  // in order (script and lang not read)
};

// What ApplyBatches did with one batch: the batch written (a prepared one
// in place of the given one) and what it wrote.
struct DatasetWriteRecord {
  std::string dataset, version;
  std::string kind;                  // curated | un-list | ofac-list
  std::string publish_date, sha256;  // of an official list
  bool merged = false;               // a part of a curated dataset, merged into the stored one
  std::vector<std::string> files;
  std::vector<std::string> warnings;              // as in Batch
  std::map<std::string, int64_t> warning_counts;  // as in Batch
  bool unchanged = false;                 // the same version was stored already: nothing written
  std::map<std::string, int64_t> counts;  // rows written: sources, entities, names, ...
};

// Linking list records to curated cards (engine/linking.h).
struct LinkableEntityRecord {
  int64_t row = 0;
  std::string id, kind, dataset;
  bool curated = false;
};

// A value of an entity: from entity_values (list records) or attributes.
struct EntityValueRecord {
  int64_t entity_row = 0;
  std::string key, value;
  bool attribute = false;
};

// A designation that gives a list reference.
struct ReferencedDesignationRecord {
  int64_t entity_row = 0;
  std::string authority, program, reference;
};

// A claim that cites a list source with a locator.
struct LocatorClaimRecord {
  int64_t fact_id = 0;
  std::optional<int64_t> designated_entity_row;  // when the fact is a designation
  std::string locator, source;
};

// A name with its NameKey.
struct KeyedNameRecord {
  int64_t entity_row = 0;
  std::string text, kind, name_key;
};

struct ComputedLinkRecord {
  std::string entity_id, target_id;  // list record and curated card keys
  std::string method;
  double score = 0;
  std::string reason;
};

// Linking imported event actors (engine/event_linking.h): a participant of
// an event of a non-curated dataset, known by its label only.
struct EventActorRecord {
  int64_t participant_row = 0;
  std::string label, role;
  std::string first_day, last_day;  // the event's, "YYYY-MM-DD"; empty when undated
  std::string country;              // the event's, as stored (ISO alpha-2 when known)
};

// A curated entity's name, weak aliases included.
struct CuratedNameRecord {
  std::string entity, kind;  // entity key and kind
  std::string text, name_kind;
};

// A curated relation, by entity keys; days empty when open.
struct CuratedRelationRecord {
  std::string subject, predicate, object, role;
  std::string from_day, to_day;
};

// One row of event_links: a link, a suggestion (one row per candidate) or
// the reason an actor is unlinked (no entity).
struct EventLinkRecord {
  int64_t participant_row = 0;
  std::optional<std::string> entity;  // key
  std::string status;                 // linked | suggested | unlinked
  std::string method;
  double score = 0;
  std::string reason;
};

// The store as the load transaction sees it: the previous content of every
// dataset until the batches are written, then the new content. Valid only
// during the hook it is passed to.
class LoadTransaction {
 public:
  virtual ~LoadTransaction() = default;

  // ---- stored datasets ----
  virtual StatusOr<std::optional<StoredDatasetRecord>> StoredDataset(const std::string& name) = 0;
  // The stored dataset read back as the batch that wrote it, records in the
  // order written (store/sql/batch_reader.h); nullopt when none.
  virtual StatusOr<std::optional<Batch>> StoredBatch(const std::string& name) = 0;
  // The dataset's entities with their names, in the order written.
  virtual StatusOr<std::vector<DatasetEntityRecord>> StoredEntities(const std::string& name) = 0;

  // ---- linking ----
  // Every entity, with its dataset.
  virtual StatusOr<std::vector<LinkableEntityRecord>> LinkableEntities() = 0;
  // Every value and attribute of an entity whose key (birth_date,
  // nationality...) is one of keys: values first, then attributes.
  virtual StatusOr<std::vector<EntityValueRecord>> EntityValues(
      const std::vector<std::string>& keys) = 0;
  // Designations that give a non-empty list reference, by row.
  virtual StatusOr<std::vector<ReferencedDesignationRecord>> ReferencedDesignations() = 0;
  // Entities carrying a list reference; with designated_by, only those with
  // a designation by that authority (code).
  virtual StatusOr<std::vector<int64_t>> EntitiesWithReference(
      const std::string& reference, const std::optional<std::string>& designated_by) = 0;
  // Claims that cite an official list's source with a non-empty locator.
  virtual StatusOr<std::vector<LocatorClaimRecord>> LocatorClaims() = 0;
  // Every name but weak aliases, in the order written.
  virtual StatusOr<std::vector<KeyedNameRecord>> LinkableNames() = 0;
  // Deletes every link but the manual ones and inserts links (one per list
  // record and card: a pair already linked manually is kept as it is).
  virtual Status ReplaceComputedLinks(const std::vector<ComputedLinkRecord>& links) = 0;
  // How many links each method made (manual included).
  virtual StatusOr<std::map<std::string, int64_t>> LinkCountsByMethod() = 0;

  // ---- linking imported event actors ----
  // Participants of events of non-curated datasets that carry a label and
  // no entity, by row.
  virtual StatusOr<std::vector<EventActorRecord>> EventActors() = 0;
  // Every name of every curated entity, weak aliases included.
  virtual StatusOr<std::vector<CuratedNameRecord>> CuratedNames() = 0;
  // Curated relations of these predicates.
  virtual StatusOr<std::vector<CuratedRelationRecord>> CuratedRelations(
      const std::vector<std::string>& predicates) = 0;
  // A curated entity's attribute, by entity key (e.g. "country").
  virtual StatusOr<std::map<std::string, std::string>> CuratedAttribute(const std::string& key) = 0;
  // Deletes every event link and inserts these.
  virtual Status ReplaceEventLinks(const std::vector<EventLinkRecord>& links) = 0;
};

// Work the engine does inside the load transaction. A failing hook rolls
// the whole load back.
struct ApplyHooks {
  // First, for each batch: the batch to write in its place (a part merged
  // into the stored dataset), or nullopt to write it as given. A returned
  // batch whose version equals the stored one writes nothing.
  std::function<StatusOr<std::optional<Batch>>(LoadTransaction&, const Batch&)> prepare;
  // Then, for each batch (by its index) that changes its dataset, before any
  // is written (the previous content of every dataset still there); a
  // failure here writes nothing at all.
  std::function<Status(LoadTransaction&, size_t index, const Batch&)> before_write;
  // Each entity of a batch as it is written, the records of Batch::rest
  // included (a batch read as it is written is never whole in memory).
  std::function<void(size_t index, const Entity&)> on_entity;
  // After each such batch is written, before the next is: its whole
  // content is then known (Batch::rest read to its end).
  std::function<Status(LoadTransaction&, size_t index, const Batch&)> after_batch;
  // After every batch is written and the references are checked; not called
  // when no batch changed.
  std::function<Status(LoadTransaction&)> after_write;
};

class LoadStore {
 public:
  virtual ~LoadStore() = default;

  // Writes the batches in one transaction, each replacing the dataset of
  // the same name, with the hooks run inside it. When no batch changes its
  // dataset, nothing is written. Every load that changes a dataset raises
  // the store's generation. Results come in batch order.
  virtual StatusOr<std::vector<DatasetWriteRecord>> ApplyBatches(
      const std::vector<const Batch*>& batches, const ApplyHooks& hooks) = 0;
};

}  // namespace vigil::store
