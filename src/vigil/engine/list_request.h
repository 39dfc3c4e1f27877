// `vigil list`: which records, filtered how (ListRequest), and the rows
// (ListResult, whose JSON is engine/json/knowledge_json.h's).
//
//   auto what = ParseListTable("relations");          // or a field error on "what"
//   ListRequest request{.what = *what, .predicate = "allied_with", .as_of = "2023"};
//   if (auto s = request.Validate(); !s.ok()) ...    // "predicate: unknown ..."
//   auto rows = engine->List(request);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil {

enum class ListTable { kEntities, kRelations, kEvents, kEstimates, kSources };

// "entities" | "relations" | "events" | "estimates" | "sources"; a field
// error on "what" otherwise, with the nearest name as a hint.
StatusOr<ListTable> ParseListTable(std::string_view name);
std::string_view ListTableName(ListTable table);

struct ListRequest {
  ListTable what = ListTable::kEntities;
  std::string kind{};       // entity kind, or event type for events; empty: all
  std::string predicate{};  // relations only; empty: all
  // YYYY, YYYY-MM or YYYY-MM-DD (the last day of that period): relations
  // that held (effective validity: within both ends' lifespans), entities
  // that existed, events that had begun, estimates as of that day; empty:
  // all.
  std::string as_of{};
  // Or a period (a year, a month, FROM..TO; engine/period.h): relations
  // valid and entities existing on some day of it, events that took place
  // in it, estimates as of its last day. Not with as_of.
  std::string during{};

  // Field errors (kind, predicate, as_of, during) for what no store can answer: an
  // unknown kind, type or predicate (with the nearest as a hint), a filter
  // that does not apply to the table, a date that is not one.
  Status Validate() const;
};

// The rows of the table asked for; the other vectors stay empty.
struct ListResult {
  ListTable what = ListTable::kEntities;
  std::vector<store::EntitySummaryRecord> entities;  // by kind, then id
  std::vector<store::RelationRecord> relations;      // by subject, predicate, object, from
  std::vector<store::EventRecord> events;            // by date (undated last), id
  std::vector<store::EstimateRecord> estimates;      // by quantity, as of, id
  std::vector<store::SourceRecord> sources;          // by id

  size_t size() const;
};

}  // namespace vigil
