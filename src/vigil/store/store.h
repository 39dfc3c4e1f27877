// The persistence API the engine uses: everything vigil keeps, behind one
// interface, with two backends: SQLite (store/sqlite/, one file, the
// default) and PostgreSQL (store/postgres/, one database several processes
// share), whose queries are written once (store/sql/). The engine and the
// front ends never see SQL.
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
#include <string_view>

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
// while other processes load lists and read (vigil serve): a SQLite store
// runs in write-ahead-log mode while it is open, so that readers never wait
// for a writer, and goes back to a plain file when it closes (PostgreSQL:
// as kReadWrite).
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

// Opens the store at location: a URI starting postgresql:// or postgres://
// names a PostgreSQL database (libpq's URI), anything else a SQLite file.
// kReadWrite creates it when absent (PostgreSQL: the schema in an existing
// database) and migrates it; kReadOnly needs an existing, current store
// (NotFound otherwise). InvalidArgument, with nothing written, when the
// location holds something that is not a vigil store. Messages never show
// the URI's password.
StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& location, AccessMode mode);

// Whether location names a PostgreSQL database (rather than a file).
bool IsPostgresLocation(std::string_view location);
// location for messages: a URI without its password.
std::string DisplayLocation(std::string_view location);

}  // namespace vigil::store
