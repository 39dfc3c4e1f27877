// The store's reading area: articles read, their mentions and the review
// queue of proposed claims (schema/0006_reading.sql). The engine turns the
// accepted proposals into the `reading` dataset (engine/reading.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/status.h"

namespace vigil::store {

// A name of a knowledge-base entity, for the reader's dictionary.
struct DictionaryNameRecord {
  std::string entity_key, entity_kind, text, name_kind, script;
};

struct ReadingSourceRecord {
  int64_t row = 0;
  std::string key, sha256, input_sha256, format, title, publisher, published, url, file;
  int64_t length = 0;
  std::string text;  // left empty by listings
  std::string read_at;
};

struct MentionRecord {
  int64_t start = 0, end = 0;
  std::string text, entity_key;  // entity_key empty when ambiguous
  std::vector<std::string> candidates;
  std::string reason;
};

struct ProposalRecord {
  int64_t id = 0;
  std::string source_key, fingerprint, kind, subject_key, predicate, object_key, object_label,
      role, time, party_key, party_label, stance;
  int64_t span_start = 0, span_end = 0;
  std::string digest, rule;
  double confidence = 0.6;
  std::optional<double> value, low, high;
  std::string qualifier;
  std::string status = "pending";  // pending | accepted | rejected
  bool edited = false;
  std::string decided_by, decided_at, note;
};

// What SaveReading did.
struct SavedReading {
  ReadingSourceRecord source;
  bool new_source = false;
  int64_t proposals_added = 0, proposals_known = 0;
};

class ReadingStore {
 public:
  virtual ~ReadingStore() = default;

  // Every name of every entity of the curated datasets.
  virtual StatusOr<std::vector<DictionaryNameRecord>> DictionaryNames() = 0;
  // In one transaction: the source (found by sha256 when it was read
  // before: then its metadata is kept), the mentions (replaced), and the
  // proposals whose fingerprint is new for the source (known ones, and the
  // analyst's decisions on them, are kept).
  virtual StatusOr<SavedReading> SaveReading(const ReadingSourceRecord& source,
                                             const std::vector<MentionRecord>& mentions,
                                             const std::vector<ProposalRecord>& proposals) = 0;
  virtual StatusOr<std::vector<ReadingSourceRecord>> ReadingSources(bool with_text) = 0;
  virtual StatusOr<std::vector<MentionRecord>> MentionsOf(const std::string& source_key) = 0;
  // Proposals, by id; of one source when source_key is set, of one status
  // when status is set.
  virtual StatusOr<std::vector<ProposalRecord>> Proposals(const std::string& source_key,
                                                          const std::string& status) = 0;
  virtual StatusOr<std::optional<ProposalRecord>> FindProposal(int64_t id) = 0;
  // Writes a proposal's decision and fields (all of them, as given).
  virtual Status UpdateProposal(const ProposalRecord& proposal) = 0;
};

}  // namespace vigil::store
