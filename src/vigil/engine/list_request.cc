// ListRequest: parsing and checking; Engine::List.
#include "vigil/engine/list_request.h"

#include <fmt/format.h>

#include "vigil/base/date.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/period.h"
#include "vigil/model/vocabulary.h"

namespace vigil {
namespace {

constexpr std::string_view kTableNames[] = {"entities", "relations", "events", "estimates",
                                            "sources"};

// "unknown <label> 'x' (did you mean 'y'?)", or the words expected when
// none is near.
Status UnknownListWord(std::string_view field, std::string_view label, std::string_view word,
                   std::span<const std::string_view> words, std::string_view expected) {
  std::string hint = NearestWord(words, word);
  return FieldError(field, fmt::format("unknown {} '{}'{}", label, word,
                                       hint.empty() ? fmt::format(" (expected {})", expected)
                                                    : fmt::format(" (did you mean '{}'?)", hint)));
}

Status CheckWord(std::string_view field, std::string_view label, std::string_view word,
                 std::span<const std::string_view> words) {
  if (word.empty() || Contains(words, word)) return absl::OkStatus();
  return UnknownListWord(field, label, word, words, "one of: " + JoinWords(words));
}

}  // namespace

StatusOr<ListTable> ParseListTable(std::string_view name) {
  for (size_t i = 0; i < std::size(kTableNames); ++i)
    if (name == kTableNames[i]) return static_cast<ListTable>(i);
  return UnknownListWord("what", "table", name, kTableNames,
                     "entities, relations, events, estimates or sources");
}

std::string_view ListTableName(ListTable table) { return kTableNames[static_cast<size_t>(table)]; }

Status ListRequest::Validate() const {
  if (auto days = QueryDays(as_of, during); !days.ok()) return days.status();
  if (!predicate.empty() && what != ListTable::kRelations)
    return FieldError("predicate", "applies to relations only");
  switch (what) {
    case ListTable::kEntities:
      return CheckWord("kind", "entity kind", kind, EntityKinds());
    case ListTable::kRelations: {
      if (!kind.empty())
        return FieldError("kind", "does not apply to relations; filter them by predicate");
      std::vector<std::string_view> names;
      for (const auto& p : Predicates()) names.push_back(p.name);
      return CheckWord("predicate", "predicate", predicate, names);
    }
    case ListTable::kEvents:
      return CheckWord("kind", "event type", kind, EventTypes());
    case ListTable::kEstimates:
    case ListTable::kSources:
      if (!kind.empty())
        return FieldError("kind", fmt::format("does not apply to {}", ListTableName(what)));
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

size_t ListResult::size() const {
  switch (what) {
    case ListTable::kEntities:
      return entities.size();
    case ListTable::kRelations:
      return relations.size();
    case ListTable::kEvents:
      return events.size();
    case ListTable::kEstimates:
      return estimates.size();
    case ListTable::kSources:
      return sources.size();
  }
  return 0;
}

StatusOr<ListResult> Engine::List(const ListRequest& request) {
  if (auto s = request.Validate(); !s.ok()) return s;
  DayRange days = *QueryDays(request.as_of, request.during);
  // As of a day, events that had begun by it; during a period, those that
  // took place in it.
  DayRange event_days = request.during.empty() ? DayRange{"", days.last} : days;
  ListResult result;
  result.what = request.what;
  // Assigns a read's rows, or returns its error.
  auto take = [](auto read, auto* rows) -> Status {
    if (!read.ok()) return read.status();
    *rows = std::move(*read);
    return absl::OkStatus();
  };
  Status status;
  switch (request.what) {
    case ListTable::kEntities:
      status = take(store_->ListEntities(request.kind, days), &result.entities);
      break;
    case ListTable::kRelations:
      status = take(store_->ListRelations(request.predicate, days), &result.relations);
      break;
    case ListTable::kEvents:
      status = take(store_->ListEvents(request.kind, event_days), &result.events);
      break;
    case ListTable::kEstimates:
      status = take(store_->ListEstimates(days.last), &result.estimates);
      break;
    case ListTable::kSources:
      status = take(store_->ListSources(), &result.sources);
      break;
  }
  if (!status.ok()) return status;
  return result;
}

}  // namespace vigil
