// The graph area of the store (store/store.h): the rows the knowledge graph
// is built from for network analysis (engine/analysis.h), and the lookups
// that exposure and the view's filters need besides.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil::store {

class GraphStore {
 public:
  virtual ~GraphStore() = default;

  // Every node, relation (with its claims), designation of a node and link,
  // read in one go: the snapshot the engine builds its graph from.
  virtual StatusOr<GraphRecords> GraphView() = 0;
  // The entities with a name, other than a weak alias, whose folded key
  // (text/normalize.h NameKey) contains name_key; at most limit of them,
  // each with its first name containing the key (primary names first, then
  // in the order written).
  virtual StatusOr<std::vector<NameLikeRecord>> EntitiesNamedLike(std::string_view name_key,
                                                                   int limit) = 0;
  // Whether some claim gives this party label (claims' free-text parties).
  virtual StatusOr<bool> HasPartyLabel(std::string_view label) = 0;
  // The attributes (key -> value) of each entity row, in the order asked;
  // an empty map for a row without any (or no such row).
  virtual StatusOr<std::vector<std::map<std::string, std::string>>> AttributesOf(
      std::span<const int64_t> entity_rows) = 0;
};

}  // namespace vigil::store
