// The persistence API the engine uses: everything vigil keeps, behind one
// interface, so that a second backend (PostgreSQL) is one more folder beside
// store/sqlite/. The engine and the front ends never see SQL.
//
//   auto store = store::OpenStore("vigil.db", store::AccessMode::kReadOnly);
//   (*store)->...   // the area interfaces below
//
// A Store is safe to use from several threads at once: each thread gets its
// own connection to the backend. Every method is a complete unit of work
// (one transaction for writes); failures are Status values, never
// exceptions. Reads return the plain records of store/records.h.
//
// The methods are grouped by area, one interface each, which Store
// inherits: knowledge (cards, lists, facts and their claims, sources,
// conflicts, verification inputs), graph (the knowledge graph's rows for
// analysis), screening (designated records and list versions) and load
// (writing datasets in one transaction, with the reads and writes its hooks
// need), accounts (API tokens and the hash-chained audit log) and
// monitoring (decisions, monitored subjects and their alerts), reading
// (articles read and the review queue of proposed claims).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "vigil/base/status.h"
#include "vigil/store/account_store.h"
#include "vigil/store/graph_store.h"
#include "vigil/store/knowledge_store.h"
#include "vigil/store/load_store.h"
#include "vigil/store/monitor_store.h"
#include "vigil/store/reading_store.h"
#include "vigil/store/screening_store.h"

namespace vigil::store {

// kShared is kReadWrite for a long-running process that many threads use
// while other processes load lists and read (vigil serve): the store runs
// in write-ahead-log mode while it is open, so that readers never wait for
// a writer, and goes back to a plain file when it closes.
enum class AccessMode { kReadWrite, kReadOnly, kShared };

class Store : public KnowledgeStore,
              public GraphStore,
              public ScreeningStore,
              public LoadStore,
              public AccountStore,
              public MonitorStore,
              public ReadingStore {
 public:
  ~Store() override = default;

  // Where the store is, for messages ("vigil.db").
  virtual const std::string& location() const = 0;
  virtual AccessMode mode() const = 0;
  // A random id made when the store was created.
  virtual StatusOr<std::string> StoreId() = 0;
  // Raised by every load that changes a dataset: what was built from the
  // store (a screening snapshot) is current while the generation is.
  virtual StatusOr<int64_t> Generation() = 0;
};

// Opens the store at location (a file path: SQLite). kReadWrite creates it
// when absent and migrates it; kReadOnly needs an existing, current store
// (NotFound otherwise). InvalidArgument, with nothing written, when the
// location holds something that is not a vigil store.
StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& location, AccessMode mode);

}  // namespace vigil::store
