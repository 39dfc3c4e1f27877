// Helpers for running per-source searches on every core with TBB.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_for.h>

#include <cstdint>

namespace vigil::graph::internal {

// Calls body(begin, end) on sub-ranges of [0, count) from several threads;
// each call gets a contiguous range of at least grain items.
template <typename Body>
void ParallelRanges(int64_t count, int64_t grain, Body&& body) {
  if (count <= 0) return;
  if (count <= grain) {
    body(int64_t{0}, count);
    return;
  }
  tbb::parallel_for(tbb::blocked_range<int64_t>(0, count, grain),
                    [&](const tbb::blocked_range<int64_t>& r) { body(r.begin(), r.end()); });
}

}  // namespace vigil::graph::internal
