// The graph area of the store (store/store.h): see the comments on each
// method for what it reads or writes.
#pragma once

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil::store {

class GraphStore {
 public:
  virtual ~GraphStore() = default;
};

}  // namespace vigil::store
