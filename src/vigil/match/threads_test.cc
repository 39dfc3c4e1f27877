#include "vigil/match/threads.h"

#include <gtest/gtest.h>

#include "vigil/match/watchlist.h"

namespace vigil::match {
namespace {

TEST(WorkerThreadsTest, ZeroIsEveryCoreAndMoreThanTheCoresIsLowered) {
  const unsigned cores = CoreCount();
  ASSERT_GE(cores, 1u);
  EXPECT_EQ(WorkerThreads(0), cores);
  EXPECT_EQ(WorkerThreads(1), 1u);
  EXPECT_EQ(WorkerThreads(cores), cores);
  EXPECT_EQ(WorkerThreads(100000), cores);
  EXPECT_EQ(WorkerThreads(4294967295u), cores);
}

// 100000 threads used to reach tbb::task_arena, whose 16-bit slot ids
// wrapped: the arena crashed when it was torn down.
TEST(WorkerThreadsTest, AWatchListBuildsWithAnyThreadCount) {
  RecordInput r;
  r.key = "k";
  r.entity_kind = "person";
  r.names.push_back({"Sirajuddin Haqqani", ListedNameType::kPrimary});
  for (unsigned threads : {0u, 2u, 100000u, 4294967295u}) {
    WatchList list = WatchList::Build({r}, {}, threads);
    ASSERT_EQ(list.names().size(), 1u);
    EXPECT_EQ(list.names()[0].analysis.parts.size(), 2u);
  }
}

}  // namespace
}  // namespace vigil::match
