// screen_eval: the screening measurements that bench/screening_peers.py
// prints beside its peers. Reads the designated records of a vigil database
// (the lists loaded into it), builds the screening index over chosen
// datasets, and runs one of:
//
//   heldout     for each listed record with several strong names, query one
//               name while that name is left out of the index; recall@1/@5,
//               Latin and original-script queries apart; writes each query
//               (for the peers to run the same ones) and its outcome.
//   unlisted    screens names that are not listed; the false-positive rate
//               at the threshold.
//   throughput  queries per second on 1..N threads over a file of names.
//
// Every mode prints one JSON object on stdout.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>
#include <set>

#include "stored_lists.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/screening.h"
#include "vigil/store/store.h"
#include "vigil/match/threads.h"
#include "vigil/text/normalize.h"

namespace {

using vigil::Json;
namespace match = vigil::match;

long RssKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

using vigil::bench::IsLatin;
using vigil::bench::ReadLines;

struct HeldOut {
  std::string query, expected, script, kind, dataset, name_type;
  uint32_t name = 0;
  bool variant = false;  // shares a word with another name of the record, or another script
};

// The words of a name, folded (NameKey of each space-separated word, 3+ letters).
std::set<std::string> Words(const std::string& name) {
  std::set<std::string> words;
  std::string word;
  for (char c : name + " ") {
    if (c == ' ' || c == ',' || c == '-' || c == '/') {
      std::string key = vigil::NameKey(word);
      if (key.size() >= 3) words.insert(key);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"screen_eval: screening recall, false positives and throughput"};
  std::string db_path, mode, names_path, out_path;
  std::vector<std::string> datasets;
  size_t sample = 0;
  unsigned seed = 7, threads = 0;
  double threshold = match::kDefaultScreenThreshold;
  bool use_kind = true;
  app.add_option("--db", db_path, "vigil database holding the lists")->required();
  app.add_option("--mode", mode, "heldout | unlisted | throughput")->required();
  app.add_option("--dataset", datasets, "datasets to index (default: all designated records)");
  app.add_option("--names", names_path, "unlisted/throughput: one name per line");
  app.add_option("--out", out_path, "write one JSON line per query here");
  app.add_option("--sample", sample, "heldout: at most this many queries (random, seeded)");
  app.add_option("--seed", seed, "sampling seed");
  app.add_option("--threads", threads, "throughput: the most threads to try");
  app.add_option("--threshold", threshold, "decision threshold");
  app.add_flag("!--no-kind", use_kind, "heldout: do not tell the screener person/organization");
  CLI11_PARSE(app, argc, argv);

  auto stored = vigil::bench::ReadStoredLists(db_path, datasets);
  if (!stored) return 2;
  long rss_before = RssKilobytes();
  auto service =
      vigil::ScreeningService::FromRecords(vigil::ToRecordInputs(std::move(stored->records)),
                                           vigil::ToListVersions(std::move(stored->versions)));
  long rss_after = RssKilobytes();
  const auto& stats = service->stats();
  const auto& list = service->list();
  Json build = {{"records", stats.records},
                {"names", stats.names},
                {"build_ms", stats.build_ms},
                {"index_keys", stats.index_keys},
                {"index_postings", stats.index_postings},
                {"index_bytes", stats.index_bytes},
                {"index_bytes_per_name", stats.names ? double(stats.index_bytes) / double(stats.names) : 0},
                {"rss_delta_bytes", (rss_after - rss_before) * 1024},
                {"rss_delta_bytes_per_name",
                 stats.names ? double(rss_after - rss_before) * 1024 / double(stats.names) : 0}};
  std::ofstream out;
  if (!out_path.empty()) out.open(out_path);

  if (mode == "heldout") {
    std::vector<HeldOut> queries;
    for (const auto& held : vigil::bench::HeldOutNames(list)) {
      const auto& record = list.records()[held.record];
      const auto& name = list.names()[held.name];
      // A variant: in another script, or sharing a word with another strong
      // Latin name of the record.
      bool variant = !IsLatin(name.analysis.script);
      auto words = Words(name.analysis.original);
      for (uint32_t i = 0; i < record.name_count; ++i) {
        const auto& other = list.names()[record.first_name + i];
        if (record.first_name + i == held.name || other.type == match::ListedNameType::kWeakAlias ||
            !IsLatin(other.analysis.script))
          continue;
        for (const auto& w : Words(other.analysis.original)) variant |= words.count(w) > 0;
      }
      queries.push_back({name.analysis.original, record.key, name.analysis.script,
                         record.entity_kind, record.dataset, match::ListedNameTypeName(name.type),
                         held.name, variant});
    }
    size_t total = queries.size();
    if (sample && queries.size() > sample) {
      std::mt19937 rng(seed);
      std::shuffle(queries.begin(), queries.end(), rng);
      queries.resize(sample);
    }
    struct Outcome {
      int rank = 0;
      double score = 0;
    };
    std::vector<Outcome> outcomes(queries.size());
    std::vector<std::string> lines(queries.size());
    auto start = std::chrono::steady_clock::now();
    tbb::parallel_for(tbb::blocked_range<size_t>(0, queries.size()), [&](const auto& range) {
      for (size_t i = range.begin(); i < range.end(); ++i) {
        const auto& h = queries[i];
        match::ScreenQuery q;
        q.name = h.query;
        q.kind = use_kind ? match::KindOfEntity(h.kind) : match::NameKind::kAny;
        q.threshold = threshold;
        q.top = 5;
        q.exclude_name = h.name;
        auto result = service->Screen(q);
        Json hits = Json::array();
        for (size_t k = 0; k < result.hits.size(); ++k) {
          const auto& record = list.records()[result.hits[k].record];
          hits.push_back({{"entity", record.key}, {"score", result.hits[k].score}});
          if (record.key == h.expected && outcomes[i].rank == 0)
            outcomes[i] = {static_cast<int>(k + 1), result.hits[k].score};
        }
        lines[i] = Json{{"query", h.query},       {"expected", h.expected},
                        {"dataset", h.dataset},   {"script", h.script},
                        {"kind", h.kind},         {"name_type", h.name_type},
                        {"variant", h.variant},
                        {"rank", outcomes[i].rank}, {"hits", std::move(hits)}}
                       .dump();
      }
    });
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto recall = [&](auto&& keep) {
      size_t n = 0, at1 = 0, at5 = 0;
      for (size_t i = 0; i < queries.size(); ++i) {
        if (!keep(queries[i])) continue;
        ++n;
        at1 += outcomes[i].rank == 1;
        at5 += outcomes[i].rank >= 1 && outcomes[i].rank <= 5;
      }
      return Json{{"queries", n},
                  {"recall_at_1", n ? double(at1) / double(n) : 0},
                  {"recall_at_5", n ? double(at5) / double(n) : 0}};
    };
    for (const auto& line : lines) out << line << "\n";
    std::cout << Json{{"mode", "heldout"},
                      {"threshold", threshold},
                      {"heldout_names_available", total},
                      {"all", recall([](const HeldOut&) { return true; })},
                      {"latin", recall([](const HeldOut& h) { return IsLatin(h.script); })},
                      {"original_script", recall([](const HeldOut& h) { return !IsLatin(h.script); })},
                      {"variants", recall([](const HeldOut& h) { return h.variant; })},
                      {"seconds", seconds},
                      {"build", build}}
                     .dump()
              << "\n";
    return 0;
  }

  std::vector<std::string> names = ReadLines(names_path);
  if (names.empty()) {
    std::cerr << "--names: no names read from '" << names_path << "'\n";
    return 2;
  }
  if (mode == "unlisted") {
    std::atomic<size_t> flagged{0};
    std::vector<std::string> lines(names.size());
    tbb::parallel_for(tbb::blocked_range<size_t>(0, names.size()), [&](const auto& range) {
      for (size_t i = range.begin(); i < range.end(); ++i) {
        match::ScreenQuery q;
        q.name = names[i];
        q.threshold = threshold;
        q.top = 3;
        auto result = service->Screen(q);
        if (!result.hits.empty()) ++flagged;
        Json hits = Json::array();
        for (const auto& hit : result.hits)
          hits.push_back({{"entity", list.records()[hit.record].key},
                          {"name", list.names()[hit.name].analysis.original},
                          {"score", hit.score}});
        lines[i] = Json{{"query", names[i]}, {"hits", std::move(hits)}}.dump();
      }
    });
    for (const auto& line : lines) out << line << "\n";
    std::cout << Json{{"mode", "unlisted"},
                      {"threshold", threshold},
                      {"names", names.size()},
                      {"flagged", flagged.load()},
                      {"false_positive_rate", double(flagged) / double(names.size())},
                      {"build", build}}
                     .dump()
              << "\n";
    return 0;
  }

  if (mode == "throughput") {
    unsigned most = match::WorkerThreads(threads);
    Json runs = Json::array();
    for (unsigned t = 1; t <= most; t = t == most ? most + 1 : std::min(most, t * 2)) {
      tbb::task_arena arena(static_cast<int>(t));
      // Warm-up pass, then the timed one.
      for (int pass = 0; pass < 2; ++pass) {
        auto start = std::chrono::steady_clock::now();
        arena.execute([&] {
          tbb::parallel_for(tbb::blocked_range<size_t>(0, names.size(), 16), [&](const auto& range) {
            for (size_t i = range.begin(); i < range.end(); ++i) {
              match::ScreenQuery q;
              q.name = names[i];
              auto result = service->Screen(q);
              (void)result;
            }
          });
        });
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (pass == 1)
          runs.push_back({{"threads", t},
                          {"queries", names.size()},
                          {"seconds", seconds},
                          {"queries_per_second", double(names.size()) / seconds}});
      }
    }
    std::cout << Json{{"mode", "throughput"}, {"runs", runs}, {"build", build}}.dump() << "\n";
    return 0;
  }
  std::cerr << "--mode: unknown '" << mode << "'\n";
  return 2;
}
