// Screening micro-benchmarks: name analysis per script, one comparison, and
// one screening query against every official list in ../shared/data
// (VIGIL_DATA_DIR overrides), loaded once into a scratch database.
//
//   cmake -B build/release -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_BENCHMARKS=ON
//   build/release/bench/screen_benchmark
//
// bench/screening_peers.py measures the same engine against its peers.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "data_dir.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/screening.h"
#include "vigil/match/name_scorer.h"
#include "vigil/store/store.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;

using bench::DataDir;

// Every list, loaded once per process into a scratch store; the engine
// that screens it (Engine::Screen, typed results) and its watch list
// (ScreeningService::Screen, the screener alone).
struct Loaded {
  std::string db;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<ScreeningService> service;
  ~Loaded() {
    for (const char* suffix : {"", "-wal", "-shm", ".screening"}) fs::remove(db + suffix);
  }
};

const Loaded& Lists() {
  static const std::unique_ptr<Loaded> loaded = [] {
    auto owned = std::make_unique<Loaded>();
    Loaded& l = *owned;
    l.db = (fs::temp_directory_path() / ("vigil-screen-bench-" + std::to_string(getpid()) + ".db"))
               .string();
    std::string d = DataDir();
    std::vector<std::vector<std::string>> loads = {
        {d + "/un/consolidated-2025-04-19.xml"},
        {d + "/ofac/sdn-2023-01.csv", d + "/ofac/alt-2025-12.csv", d + "/ofac/add-2025-12.csv",
         d + "/ofac/sdn_comments-2025-12.csv"},
        {d + "/ofac/cons-nonsdn-2025-03-28.xml"}};
    if (auto writer = Engine::Open(l.db, store::AccessMode::kReadWrite); writer.ok())
      for (const auto& files : loads) (void)(*writer)->Load(files, {});
    auto store = store::OpenStore(l.db, store::AccessMode::kReadOnly);
    if (!store.ok()) return owned;
    if (auto s = ScreeningService::Build(**store); s.ok()) l.service = std::move(*s);
    if (auto e = Engine::Open(l.db, store::AccessMode::kReadOnly); e.ok() && (*e)->PrepareScreening().ok())
      l.engine = std::move(*e);
    return owned;
  }();
  return *loaded;
}

const ScreeningService* Service() { return Lists().service.get(); }

const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {
      "Serajuddin Haqani", "سراج الدين حقاني", "Сираджуддин Хаккани", "Mohammad Omar Akhund",
      "Abdul Ghani Baradar", "Margaret Thornton", "Haqqani Network", "Al Qaeda",
      "محمد علي الحبو", "Александр Королев", "Islamic State Khorasan", "John Smith"};
  return queries;
}

void BM_AnalyzeLatin(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(match::AnalyzeName("Sirajuddin Jallaloudine Haqqani"));
}
BENCHMARK(BM_AnalyzeLatin);

void BM_AnalyzeArabic(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(match::AnalyzeName("سراج الدين جلال الدين حقاني"));
}
BENCHMARK(BM_AnalyzeArabic);

void BM_AnalyzeCyrillic(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(match::AnalyzeName("Сираджуддин Хаккани"));
}
BENCHMARK(BM_AnalyzeCyrillic);

void BM_CompareAnalysed(benchmark::State& state) {
  auto a = match::AnalyzeName("Usama bin Muhammad bin Awad bin Ladin");
  auto b = match::AnalyzeName("Osama bin Laden");
  match::NameScorer scorer;
  for (auto _ : state) benchmark::DoNotOptimize(scorer.Compare(a, b));
}
BENCHMARK(BM_CompareAnalysed);

void BM_ScreenOneQuery(benchmark::State& state) {
  const ScreeningService* service = Service();
  if (!service) {
    state.SkipWithError("cannot load the lists from ../shared/data");
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    match::ScreenQuery q;
    q.name = Queries()[i++ % Queries().size()];
    benchmark::DoNotOptimize(service->Screen(q));
  }
  state.counters["names"] = static_cast<double>(service->stats().names);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ScreenOneQuery)->ThreadRange(1, 2)->UseRealTime();

// The same through the engine's API: the request checked, the hits copied
// out as typed results.
void BM_EngineScreenOneQuery(benchmark::State& state) {
  Engine* engine = Lists().engine.get();
  if (!engine) {
    state.SkipWithError("cannot load the lists from ../shared/data");
    return;
  }
  size_t i = 0;
  for (auto _ : state) {
    ScreenRequest request;
    request.name = Queries()[i++ % Queries().size()];
    benchmark::DoNotOptimize(engine->Screen(request));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_EngineScreenOneQuery)->ThreadRange(1, 2)->UseRealTime();

}  // namespace
}  // namespace vigil

BENCHMARK_MAIN();
