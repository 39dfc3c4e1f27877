// Throughput and peak memory of one reader on one input, one reader per
// process so that the peak is the reader's own. bench/readers.py runs it on
// generated and real inputs of every format (and, given an older build of
// this program, side by side with it).
//
//   reader_benchmark FORMAT FILE...
//
// FORMAT: un, ofac-xml, ofac-csv (the SDN, ALT, ADD, COMMENTS files given
// together), yaml, rows-csv, rows-jsonl, or a network format (edgelist,
// matrix, graphml, pajek, dl). Prints one JSON object: bytes, records,
// cpu_seconds, wall_seconds, mb_per_s (per CPU second) and peak_extra_mb
// (the peak resident memory beyond what the process held once the files
// were read into memory), or error.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "vigil/base/file.h"
#include "vigil/ingest/network/network.h"
#include "vigil/ingest/ofac/csv_reader.h"
#include "vigil/ingest/ofac/xml_reader.h"
#include "vigil/ingest/table/row_reader.h"
#include "vigil/ingest/un/un_reader.h"
#include "vigil/ingest/yaml/dataset_reader.h"

namespace {

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// A field of /proc/self/status in KiB (VmRSS, VmHWM).
long StatusKib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  return 0;
}

// Runs one reader; returns the number of records (or edges) read, or an error.
using Files = std::vector<std::pair<std::string, std::string>>;
std::pair<size_t, std::string> Read(const std::string& format, const Files& files) {
  auto count = [](const auto& result, auto size) -> std::pair<size_t, std::string> {
    if (!result.ok()) return {0, std::string(result.status().message())};
    return {size(*result), ""};
  };
  auto entities = [](const auto& batch) { return batch.entities.size(); };
  const auto& [path, text] = files.front();
  if (format == "un") return count(vigil::ParseUnList(text, path), entities);
  if (format == "ofac-xml") return count(vigil::ParseOfacXml(text, path), entities);
  if (format == "ofac-csv") return count(vigil::ParseOfacCsv(files), entities);
  if (format == "yaml") return count(vigil::ParseYamlDatasetText(text, path), entities);
  if (format == "rows-csv" || format == "rows-jsonl") {
    auto kind = format == "rows-csv" ? vigil::RowFormat::kCsv : vigil::RowFormat::kJsonLines;
    return count(vigil::ParseRows(text, path, kind), [](const auto& r) { return r.rows.size(); });
  }
  auto network_format = vigil::network::ParseFormat(format);
  if (!network_format.ok()) return {0, std::string(network_format.status().message())};
  return count(vigil::network::ReadNetwork(text, {.path = path, .format = *network_format}),
               [](const auto& n) { return n.edges.size(); });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: reader_benchmark FORMAT FILE...\n");
    return 2;
  }
  std::string format = argv[1];
  Files files;
  size_t bytes = 0;
  for (int i = 2; i < argc; ++i) {
    auto text = vigil::ReadFile(argv[i]);
    if (!text.ok()) {
      std::fprintf(stderr, "%s\n", std::string(text.status().message()).c_str());
      return 2;
    }
    bytes += text->size();
    files.emplace_back(argv[i], std::move(*text));
  }
  long before_kib = StatusKib("VmRSS");
  double cpu_start = CpuSeconds();
  auto wall_start = std::chrono::steady_clock::now();
  auto [records, error] = Read(format, files);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  double cpu = CpuSeconds() - cpu_start;
  long peak_kib = StatusKib("VmHWM");
  nlohmann::json out = {{"format", format},
                        {"bytes", bytes},
                        {"records", records},
                        {"cpu_seconds", cpu},
                        {"wall_seconds", wall},
                        {"mb_per_s", cpu > 0 ? static_cast<double>(bytes) / 1e6 / cpu : 0.0},
                        {"peak_extra_mb", static_cast<double>(peak_kib - before_kib) / 1024.0}};
  if (!error.empty()) out["error"] = error;
  std::printf("%s\n", out.dump().c_str());
  return error.empty() ? 0 : 1;
}
