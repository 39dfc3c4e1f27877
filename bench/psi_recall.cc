// psi_recall: how much of what vigil's own screening finds private matching
// finds too, and how often it matches a name that is not listed. Reads the
// designated records of a vigil database (bench/psi.py loads the UN list
// into one), and runs the real exchange (psi/exchange.h: setup, request,
// response, finish, with the OPRF) for:
//
//   held-out names  for each record with several strong names, each name
//                   not spelled like another of the record is a query,
//                   while the list holder holds the record's other names
//                   (one exchange per round, a round holding out at most one
//                   name of each record). Screening answers the same query
//                   against the same names (the query's own name left out),
//                   at its default threshold.
//   unlisted names  one exchange with the whole list against names that are
//                   not listed (--unlisted, one per line), beside screening
//                   on the same names.
//
// Prints one JSON object: per mode (exact, tolerant), the queries screening
// found, how many of those the exchange found (the recall relative to
// screening), by script, which key families matched, and the unlisted
// names matched.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "stored_lists.h"
#include "vigil/engine/engine.h"
#include "vigil/engine/screening.h"
#include "vigil/psi/exchange.h"
#include "vigil/store/store.h"
#include "vigil/text/normalize.h"

namespace {

using vigil::Json;
namespace match = vigil::match;
namespace psi = vigil::psi;

using vigil::bench::IsLatin;

struct Query {
  uint32_t name = 0;    // the held-out name
  uint32_t record = 0;  // its record
  int round = 0;
  bool latin = true;
  bool screened = false;              // screening found the record
  std::vector<std::string> families;  // the exchange found it with these; empty: not found
};

// One real exchange: the hits by traveller row.
std::map<int64_t, std::vector<psi::PsiHit>> Exchange(const psi::Epoch& epoch,
                                                     const std::vector<psi::ListedName>& listed,
                                                     const std::vector<psi::Traveller>& travellers,
                                                     size_t* setup_entries) {
  psi::Setup setup = psi::MakeSetup(epoch, listed);
  *setup_entries = setup.entries.size();
  auto made = psi::MakeRequest(setup, travellers);
  if (!made.ok()) throw std::runtime_error(std::string(made.status().message()));
  auto response = psi::Respond(epoch, made->first, 1u << 30);
  if (!response.ok()) throw std::runtime_error(std::string(response.status().message()));
  auto hits = psi::Finish(setup, made->second, *response);
  if (!hits.ok()) throw std::runtime_error(std::string(hits.status().message()));
  std::map<int64_t, std::vector<psi::PsiHit>> by_row;
  for (auto& h : *hits) by_row[h.row].push_back(std::move(h));
  return by_row;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"psi_recall: private matching's recall against vigil's screening"};
  std::string db_path, dataset, unlisted_path, out_path;
  app.add_option("--db", db_path, "vigil database holding the list")->required();
  app.add_option("--dataset", dataset, "the list to hold")->required();
  app.add_option("--unlisted", unlisted_path, "names that are not listed, one per line");
  app.add_option("--out", out_path, "one JSON line per held-out query (tolerant mode)");
  CLI11_PARSE(app, argc, argv);

  auto stored = vigil::bench::ReadStoredLists(db_path, {dataset});
  if (!stored) return 2;
  if (stored->records.empty()) {
    std::cerr << "--dataset: '" << dataset << "' designates nothing in " << db_path << "\n";
    return 2;
  }
  auto service =
      vigil::ScreeningService::FromRecords(vigil::ToRecordInputs(std::move(stored->records)),
                                           vigil::ToListVersions(std::move(stored->versions)));
  const auto& list = service->list();

  // The held-out queries, as bench/screen_eval.cc's heldout mode picks them.
  std::vector<Query> queries;
  int rounds = 0;
  for (const auto& held : vigil::bench::HeldOutNames(list)) {
    queries.push_back({held.name,
                       held.record,
                       held.round,
                       IsLatin(list.names()[held.name].analysis.script),
                       false,
                       {}});
    rounds = std::max(rounds, held.round + 1);
  }

  // Screening: the record among the hits at the default threshold, the
  // query's own name left out.
  tbb::parallel_for(tbb::blocked_range<size_t>(0, queries.size()), [&](const auto& range) {
    for (size_t i = range.begin(); i < range.end(); ++i) {
      auto& q = queries[i];
      match::ScreenQuery sq;
      sq.name = list.names()[q.name].analysis.original;
      sq.kind = match::KindOfEntity(list.records()[q.record].entity_kind);
      sq.top = 5;
      sq.exclude_name = q.name;
      for (const auto& hit : service->Screen(sq).hits) q.screened |= hit.record == q.record;
    }
  });

  std::vector<std::string> unlisted;
  if (!unlisted_path.empty()) unlisted = vigil::bench::ReadLines(unlisted_path);
  size_t unlisted_screened = 0;
  for (const auto& name : unlisted) {
    match::ScreenQuery sq;
    sq.name = name;
    sq.top = 1;
    unlisted_screened += !service->Screen(sq).hits.empty();
  }

  Json report = {{"dataset", dataset},
                 {"records", list.records().size()},
                 {"names", list.names().size()},
                 {"heldout_queries", queries.size()},
                 {"rounds", rounds},
                 {"screening_found", std::count_if(queries.begin(), queries.end(),
                                                   [](const Query& q) { return q.screened; })},
                 {"unlisted_names", unlisted.size()},
                 {"unlisted_screening_flagged", unlisted_screened}};
  std::ofstream out;
  if (!out_path.empty()) out.open(out_path);
  for (psi::Mode mode : {psi::Mode::kExact, psi::Mode::kTolerant}) {
    auto started = std::chrono::steady_clock::now();
    for (auto& q : queries) q.families.clear();
    size_t entries = 0;
    for (int round = 0; round < rounds; ++round) {
      psi::Epoch epoch = psi::NewEpoch(dataset, mode, "bench");
      std::vector<psi::ListedName> listed;
      std::set<uint32_t> held;
      std::vector<psi::Traveller> travellers;
      for (size_t i = 0; i < queries.size(); ++i)
        if (queries[i].round == round) {
          held.insert(queries[i].name);
          travellers.push_back(
              {static_cast<int64_t>(i), list.names()[queries[i].name].analysis.original});
        }
      for (const auto& record : list.records())
        for (uint32_t i = 0; i < record.name_count; ++i)
          if (!held.count(record.first_name + i))
            listed.push_back({record.key, list.names()[record.first_name + i].analysis.original});
      auto hits = Exchange(epoch, listed, travellers, &entries);
      for (const auto& [row, found] : hits) {
        auto& q = queries[static_cast<size_t>(row)];
        std::string expected = psi::Pseudonym(epoch, list.records()[q.record].key);
        for (const auto& h : found)
          if (h.pseudonym == expected) q.families = h.families;
      }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto tally = [&](auto&& keep) {
      size_t screened = 0, both = 0, psi_found = 0, n = 0;
      for (const auto& q : queries) {
        if (!keep(q)) continue;
        ++n;
        screened += q.screened;
        psi_found += !q.families.empty();
        both += q.screened && !q.families.empty();
      }
      return Json{{"queries", n},
                  {"screening_found", screened},
                  {"psi_found", psi_found},
                  {"psi_found_of_screening_found", both},
                  {"recall_vs_screening", screened ? double(both) / double(screened) : 0.0}};
    };
    std::map<std::string, size_t> families;
    for (const auto& q : queries)
      if (!q.families.empty()) {
        std::string joined;
        for (const auto& f : q.families) joined += (joined.empty() ? "" : "+") + f;
        ++families[joined];
      }
    // The unlisted names against the whole list.
    size_t flagged = 0, unlisted_entries = 0;
    if (!unlisted.empty()) {
      psi::Epoch epoch = psi::NewEpoch(dataset, mode, "bench");
      std::vector<psi::ListedName> listed;
      for (const auto& record : list.records())
        for (uint32_t i = 0; i < record.name_count; ++i)
          listed.push_back({record.key, list.names()[record.first_name + i].analysis.original});
      std::vector<psi::Traveller> travellers;
      for (size_t i = 0; i < unlisted.size(); ++i)
        travellers.push_back({static_cast<int64_t>(i), unlisted[i]});
      auto hits = Exchange(epoch, listed, travellers, &unlisted_entries);
      flagged = hits.size();
      if (mode == psi::Mode::kTolerant && out.is_open()) {
        // Each false match with the listed names whose keys it met.
        std::map<std::string, std::vector<std::string>> names_of;
        for (const auto& l : listed)
          for (const auto& k : psi::KeysOf(l.name, mode))
            names_of[k.family + ":" + k.key].push_back(l.name);
        for (const auto& [row, found] : hits) {
          Json met = Json::object();
          for (const auto& k : psi::KeysOf(unlisted[static_cast<size_t>(row)], mode))
            if (auto it = names_of.find(k.family + ":" + k.key); it != names_of.end())
              met[k.family + ":" + k.key] = it->second;
          out << Json{{"unlisted", unlisted[static_cast<size_t>(row)]},
                      {"families", found.front().families},
                      {"met", std::move(met)}}
                     .dump()
              << "\n";
        }
      }
    }
    if (mode == psi::Mode::kTolerant && out.is_open())
      for (const auto& q : queries) {
        if (q.screened == !q.families.empty()) continue;  // the disagreements only
        // With every key of the query and of the record's other names, to
        // see what a family would need.
        auto keys = [](const std::string& name) {
          Json out = Json::array();
          for (const auto& k : psi::KeysOf(name, psi::Mode::kTolerant))
            out.push_back(k.family + ":" + k.key);
          return out;
        };
        const auto& record = list.records()[q.record];
        Json others = Json::object();
        for (uint32_t i = 0; i < record.name_count; ++i)
          if (record.first_name + i != q.name) {
            const std::string& name = list.names()[record.first_name + i].analysis.original;
            others[name] = keys(name);
          }
        const std::string& query = list.names()[q.name].analysis.original;
        out << Json{{"query", query},         {"record", record.key}, {"screening", q.screened},
                    {"families", q.families}, {"keys", keys(query)},  {"others", std::move(others)}}
                   .dump()
            << "\n";
      }
    report[std::string(psi::ModeName(mode))] = {
        {"all", tally([](const Query&) { return true; })},
        {"latin", tally([](const Query& q) { return q.latin; })},
        {"original_script", tally([](const Query& q) { return !q.latin; })},
        {"families", families},
        {"setup_entries", entries},
        {"seconds", seconds},
        {"unlisted_flagged", flagged},
        {"unlisted_false_match_rate",
         unlisted.empty() ? 0.0 : double(flagged) / double(unlisted.size())}};
  }
  std::cout << report.dump() << "\n";
  return 0;
}
