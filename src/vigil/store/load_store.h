// The load area of the store (store/store.h): see the comments on each
// method for what it reads or writes.
#pragma once

#include "vigil/base/status.h"
#include "vigil/store/records.h"

namespace vigil::store {

class LoadStore {
 public:
  virtual ~LoadStore() = default;
};

}  // namespace vigil::store
