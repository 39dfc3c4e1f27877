// What bench/screen_eval.cc and bench/psi_recall.cc share: the lists of a
// vigil store as screening reads them, and the names they hold out of them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "vigil/engine/screening.h"
#include "vigil/store/store.h"
#include "vigil/text/normalize.h"

namespace vigil::bench {

struct StoredLists {
  std::vector<store::ScreeningRecord> records;
  std::vector<store::ListVersionRecord> versions;
};

// The designated records and list versions of the store at db, of the
// datasets given (all when none is); nullopt, said on stderr, when the
// store cannot be read.
inline std::optional<StoredLists> ReadStoredLists(const std::string& db,
                                                  const std::vector<std::string>& datasets) {
  auto opened = store::OpenStore(db, store::AccessMode::kReadOnly);
  if (!opened.ok()) {
    std::cerr << opened.status().message() << "\n";
    return std::nullopt;
  }
  auto records = (*opened)->ReadScreeningRecords();
  auto versions = (*opened)->ReadListVersions();
  if (!records.ok() || !versions.ok()) {
    std::cerr << "cannot read records\n";
    return std::nullopt;
  }
  auto kept = [&](const std::string& dataset) {
    return datasets.empty() ||
           std::find(datasets.begin(), datasets.end(), dataset) != datasets.end();
  };
  std::erase_if(*records, [&](const auto& r) { return !kept(r.dataset); });
  std::erase_if(*versions, [&](const auto& v) { return !kept(v.dataset); });
  return StoredLists{std::move(*records), std::move(*versions)};
}

// The non-empty lines of a file (a list of names).
inline std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

inline bool IsLatin(const std::string& script) { return script == "Latn" || script == "Zyyy"; }

// A name held out of its record: for each record with several strong names
// (not weak aliases), each of them that no other strong name of the record
// spells the same way (folded). round: its place among its record's
// held-out names, from 0.
struct HeldOutName {
  uint32_t record = 0, name = 0;
  int round = 0;
};

inline std::vector<HeldOutName> HeldOutNames(const match::WatchList& list) {
  std::vector<HeldOutName> out;
  for (uint32_t r = 0; r < list.records().size(); ++r) {
    const auto& record = list.records()[r];
    std::vector<uint32_t> strong;
    for (uint32_t i = 0; i < record.name_count; ++i)
      if (list.names()[record.first_name + i].type != match::ListedNameType::kWeakAlias)
        strong.push_back(record.first_name + i);
    if (strong.size() < 2) continue;
    int round = 0;
    for (uint32_t id : strong) {
      std::string key = NameKey(list.names()[id].analysis.original);
      bool twin = false;
      for (uint32_t other : strong)
        twin |= other != id && NameKey(list.names()[other].analysis.original) == key;
      if (twin || key.empty()) continue;
      out.push_back({r, id, round++});
    }
  }
  return out;
}

}  // namespace vigil::bench
