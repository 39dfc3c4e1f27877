// How many worker threads a screening uses.
//
// Front ends take a thread count from their users ("--threads N", 0 for all
// cores). WorkerThreads() turns it into the concurrency of a TBB arena, never
// more than the cores this process may use: TBB runs no more workers than
// that anyway (it printed "TBB Warning: The number of workers is currently
// limited..." and ignored the rest), and it addresses an arena's slots with
// 16-bit ids (tbb::detail::d1::slot_id), so an arena of more than 65534
// threads corrupted its memory and crashed when it was torn down: what
// `--threads 100000` did.
//
//   tbb::task_arena arena(static_cast<int>(WorkerThreads(requested)));
#pragma once

namespace vigil::match {

// The cores this process may run on (affinity mask and cgroup limits; at
// least 1).
unsigned CoreCount();

// 0 -> CoreCount(); otherwise requested, lowered to CoreCount().
unsigned WorkerThreads(unsigned requested);

}  // namespace vigil::match
