// The designated records that screening compares names against.
//
// A WatchList is an in-memory snapshot: every listed record (a UN or OFAC
// entry, a designated entity of the curated knowledge base) with its names
// already analysed, its birth dates as day ranges, its countries as ISO
// codes and its designations. It is built once (by the engine from the
// store, or by tests from plain RecordInput values), never changes, and is
// read by many threads at once. It knows nothing of SQLite.
//
//   std::vector<RecordInput> input = ...;
//   WatchList list = WatchList::Build(std::move(input), versions);
//   list.records()[list.names()[7].record].key;   // "un-tai-144"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vigil/match/name_analysis.h"

namespace vigil::match {

// How a record's list gives a name. Weak aliases may confirm a match but
// never create one.
enum class ListedNameType : uint8_t {
  kPrimary,
  kAlias,
  kWeakAlias,
  kOriginalScript,
  kTransliteration,
};
const char* ListedNameTypeName(ListedNameType type);
// "primary" | "alias" | "weak_alias" | "original_script" | "transliteration".
bool ParseListedNameType(std::string_view text, ListedNameType* type);

// An inclusive range of days (days since 1970-01-01).
struct DayRange {
  int32_t first = 0, last = 0;
};
// Parses "1973", "1973-05", "1973-05-02", "~1973" and ranges "1970/1972";
// false when the text is not a date.
bool ParseDayRange(std::string_view text, DayRange* range);
// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int32_t DaysFromCivil(int year, int month, int day);
// A range as the shortest ISO text that says it: "1978", "1978-03",
// "1978-03-14", or "1977/1979" (whole years), else "1977-06-01/1977-09-30".
std::string FormatDayRange(const DayRange& range);

struct DesignationInfo {
  std::string authority;  // UN, US, RU...
  std::string program, list, reference, date;
};

// One record as the engine reads it from the store.
struct RecordInput {
  std::string key;          // entity key: "un-tai-144", "sirajuddin-haqqani"
  std::string dataset;      // "un-consolidated", "curated"...
  std::string entity_kind;  // person | organization | government_body | state | place
  std::string reference;    // the list's own id, may be empty
  std::string linked;       // key of the same entity in another dataset, may be empty
  struct NameInput {
    std::string text;
    ListedNameType type = ListedNameType::kPrimary;
  };
  std::vector<NameInput> names;
  std::vector<std::string> birth_dates;  // partial dates or ranges
  std::vector<std::string> countries;    // names or codes: nationality, citizenship
  std::vector<DesignationInfo> designations;
};

struct ListedName {
  uint32_t record = 0;
  ListedNameType type = ListedNameType::kPrimary;
  AnalyzedName analysis;
};

struct ListedRecord {
  std::string key, dataset, entity_kind, reference, linked;
  std::string display_name;  // the primary name, or the first
  NameKind kind = NameKind::kAny;
  std::vector<DayRange> birth_dates;
  std::vector<std::string> countries;  // ISO alpha-2
  std::vector<DesignationInfo> designations;
  uint32_t first_name = 0, name_count = 0;  // into WatchList::names()
};

// The version of one list a screening ran against.
struct ListVersion {
  std::string dataset, kind, version, publish_date, sha256;
  int64_t records = 0;
};

class WatchList {
 public:
  WatchList() = default;
  // Analyses every name (on `threads` threads; 0 = all cores; capped by
  // WorkerThreads(), match/threads.h).
  static WatchList Build(std::vector<RecordInput> input, std::vector<ListVersion> versions,
                         unsigned threads = 0);

  const std::vector<ListedRecord>& records() const { return records_; }
  const std::vector<ListedName>& names() const { return names_; }
  const std::vector<ListVersion>& versions() const { return versions_; }

  // How common a part is among the listed names (records whose names
  // carry its skeleton). Screening lowers the weight of common parts by it:
  // on lists of mostly Arabic names, "Husayn" or "Malik" identify little
  // even where a generic table of common names does not say so.
  uint32_t RecordsWithSkeleton(const std::string& skeleton) const;
  // The weight a part of this skeleton may have at most: 1 for parts found
  // in at most a handful of records, falling to 0.45 for the most common.
  double RarityCap(const std::string& skeleton) const;
  // Lowers the weights of a name's parts to their rarity caps.
  void ApplyRarity(AnalyzedName* name) const;

 private:
  friend class SnapshotCodec;  // snapshot.cc: saves and restores a built list
  std::vector<ListedRecord> records_;
  std::vector<ListedName> names_;
  std::vector<ListVersion> versions_;
  std::unordered_map<std::string, uint32_t> skeleton_records_;
};

// person -> kPerson; organization, government_body -> kOrganization; else kAny.
NameKind KindOfEntity(std::string_view entity_kind);

}  // namespace vigil::match
