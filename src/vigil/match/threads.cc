// Worker thread counts: the cores TBB uses, and the cap.
#include "vigil/match/threads.h"

#include <tbb/info.h>

#include <algorithm>

namespace vigil::match {

unsigned CoreCount() {
  // The cores this process may run on (affinity mask and cgroup limits).
  return static_cast<unsigned>(std::max(1, tbb::info::default_concurrency()));
}

unsigned WorkerThreads(unsigned requested) {
  const unsigned cores = CoreCount();
  if (requested == 0) return cores;
  return std::min(requested, cores);
}

}  // namespace vigil::match
