// Import speed of the official-list readers and of a whole `vigil load`
// (read, check, write in one transaction, compare versions, relink) on the
// real lists in ../shared/data (VIGIL_DATA_DIR overrides).
//
//   cmake -B build/release -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_BENCHMARKS=ON
//   build/release/bench/import_benchmark
//
// The target: the full OFAC SDN set (SDN + ALT + ADD + COMMENTS,
// about 11,440 records) loaded in under 5 seconds.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "data_dir.h"
#include "vigil/engine/engine.h"
#include "vigil/ingest/ofac/csv_reader.h"
#include "vigil/ingest/ofac/xml_reader.h"
#include "vigil/ingest/un/un_reader.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

using bench::DataDir;

std::vector<std::string> OfacCsvSet() {
  std::string d = DataDir() + "/ofac/";
  return {d + "sdn-2023-01.csv", d + "alt-2025-12.csv", d + "add-2025-12.csv",
          d + "sdn_comments-2025-12.csv"};
}
std::string UnList() { return DataDir() + "/un/consolidated-2025-04-19.xml"; }
std::string OfacXml() { return DataDir() + "/ofac/cons-nonsdn-2025-03-28.xml"; }

template <typename Read>
void RunRead(benchmark::State& state, Read read) {
  size_t records = 0;
  for (auto _ : state) {
    auto batch = read();
    if (!batch.ok()) {
      state.SkipWithError(std::string(batch.status().message()).c_str());
      return;
    }
    records = batch->entities.size();
    benchmark::DoNotOptimize(batch);
  }
  state.counters["records"] = static_cast<double>(records);
  state.counters["records/s"] = benchmark::Counter(static_cast<double>(records),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ReadUnList(benchmark::State& state) {
  RunRead(state, [] { return ReadUnList(UnList()); });
}
void BM_ReadOfacCsvSet(benchmark::State& state) {
  RunRead(state, [] { return ReadOfacCsv(OfacCsvSet()); });
}
void BM_ReadOfacXml(benchmark::State& state) {
  RunRead(state, [] { return ReadOfacXml(OfacXml()); });
}

// What `vigil load FILES` does, into a fresh database each time.
void RunLoad(benchmark::State& state, const std::vector<std::string>& paths) {
  fs::path dir = fs::temp_directory_path() / ("vigil-import-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string db = (dir / "bench.db").string();
  size_t records = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
    state.ResumeTiming();
    auto batches = Engine::ReadAll(paths, {});
    if (!batches.ok()) {
      state.SkipWithError(std::string(batches.status().message()).c_str());
      break;
    }
    auto engine = Engine::Open(db, store::AccessMode::kReadWrite);
    if (!engine.ok()) {
      state.SkipWithError(std::string(engine.status().message()).c_str());
      break;
    }
    auto reports = (*engine)->ApplyAll(*batches);
    if (!reports.ok()) {
      state.SkipWithError(std::string(reports.status().message()).c_str());
      break;
    }
    records = 0;
    for (const auto& b : *batches) records += b.entities.size();
  }
  fs::remove_all(dir);
  state.counters["records"] = static_cast<double>(records);
}

void BM_LoadOfacCsvSet(benchmark::State& state) { RunLoad(state, OfacCsvSet()); }
void BM_LoadUnList(benchmark::State& state) { RunLoad(state, {UnList()}); }

BENCHMARK(BM_ReadUnList)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadOfacCsvSet)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadOfacXml)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadUnList)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LoadOfacCsvSet)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3);

}  // namespace
}  // namespace vigil

BENCHMARK_MAIN();
