// Engine: opening the store, loading, resolving names, entity cards, lists.
#include "vigil/engine/engine.h"

#include "vigil/store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "vigil/engine/curated_merge.h"
#include "vigil/engine/dataset_changes.h"
#include "vigil/engine/facts.h"
#include "vigil/engine/linking.h"
#include "vigil/ingest/inputs.h"
#include "vigil/model/vocabulary.h"
#include "vigil/text/normalize.h"

namespace vigil {

using internal::ClaimsOf;
using internal::EntityRef;

StatusOr<std::unique_ptr<Engine>> Engine::Open(const std::string& db_path, store::AccessMode mode) {
  auto opened = store::SqliteStore::Open(db_path, mode);
  if (!opened.ok()) return opened.status();
  auto connection = (*opened)->Connection();
  if (!connection.ok()) return connection.status();
  return std::unique_ptr<Engine>(new Engine(std::move(*opened), *connection));
}

AuditLog& Engine::audit() {
  std::call_once(audit_once_, [this] { audit_ = std::make_unique<AuditLog>(*store_); });
  return *audit_;
}

StatusOr<std::vector<Batch>> Engine::ReadAll(const std::vector<std::string>& paths,
                                             const LoadOptions& options) {
  InputOptions inputs;
  inputs.format = options.format.empty() ? "auto" : options.format;
  inputs.dataset = options.dataset;
  inputs.texts_dir = options.texts_dir;
  inputs.curated_mode = options.curated_mode;
  return ReadInputs(paths, inputs);
}

StatusOr<Batch> Engine::Read(const std::vector<std::string>& paths,
                             const LoadOptions& options) {
  auto batches = ReadAll(paths, options);
  if (!batches.ok()) return batches.status();
  if (batches->size() != 1)
    return absl::InvalidArgumentError(fmt::format(
        "these files make {} datasets; load them one dataset at a time", batches->size()));
  return std::move(batches->front());
}

StatusOr<LoadReport> Engine::Apply(const Batch& batch, const LoadOptions& options) {
  auto reports = ApplyAll({batch}, options);
  if (!reports.ok()) return reports.status();
  return std::move(reports->front());
}

StatusOr<std::vector<LoadReport>> Engine::ApplyAll(const std::vector<Batch>& batches,
                                                   const LoadOptions& options) {
  std::vector<const Batch*> pointers;
  for (const auto& b : batches) pointers.push_back(&b);
  ApplyHooks hooks;
  hooks.prepare = [&options](Database& db,
                             const Batch& batch) -> StatusOr<std::optional<Batch>> {
    if (!batch.merge) return std::optional<Batch>();
    auto merged = internal::MergeIntoStored(db, batch, options.texts_dir);
    if (!merged.ok()) return merged.status();
    return std::optional<Batch>(std::move(*merged));
  };
  hooks.before_write = [&options](Database& db, const Batch& batch,
                                  LoadReport* report) -> Status {
    auto changes = internal::CompareWithStored(db, batch);
    if (!changes.ok()) return changes.status();
    if (auto s = internal::CheckReplacement(batch, *changes, options); !s.ok()) return s;
    report->changes = std::move(*changes);
    return absl::OkStatus();
  };
  hooks.after_write = [](Database& db, std::vector<LoadReport>* reports) -> Status {
    auto links = internal::RecomputeLinks(db);
    if (!links.ok()) return links.status();
    bool warned = false;  // linking warnings go to the first report written
    for (auto& report : *reports) {
      if (report.unchanged) continue;
      report.links = {{"total", links->total},
                      {"reference", links->by_reference},
                      {"name", links->by_name},
                      {"name+dob", links->by_name_and_birth_date},
                      {"manual", links->manual},
                      {"ambiguous", links->ambiguous},
                      {"refused", links->refused}};
      if (warned || links->warnings.empty()) continue;
      warned = true;
      for (const auto& w : links->warnings) report.warnings.push_back("linking: " + w);
      report.warning_counts["link_refused"] += static_cast<int64_t>(links->warnings.size());
    }
    return absl::OkStatus();
  };
  return ApplyBatches(*db_, pointers, hooks);
}

StatusOr<LoadReport> Engine::Load(const std::vector<std::string>& paths,
                                  const LoadOptions& options) {
  auto batch = Read(paths, options);
  if (!batch.ok()) return batch.status();
  return Apply(*batch, options);
}

StatusOr<std::vector<LoadReport>> Engine::LoadFiles(const std::string& db_path,
                                                    const std::vector<std::string>& paths,
                                                    const LoadOptions& options) {
  auto batches = ReadAll(paths, options);
  if (!batches.ok()) return batches.status();
  std::error_code ec;
  if (!std::filesystem::exists(db_path, ec))  // nothing to merge into: check parts alone
    for (const auto& batch : *batches)
      if (batch.merge)
        if (auto alone = internal::MergeIntoNothing(batch, options.texts_dir); !alone.ok())
          return alone.status();
  auto engine = Open(db_path, store::AccessMode::kReadWrite);
  if (!engine.ok()) return engine.status();
  return (*engine)->ApplyAll(*batches, options);
}

namespace {

int NameRank(std::string_view kind) {
  if (kind == "primary") return 0;
  if (kind == "weak_alias") return 2;
  return 1;
}

}  // namespace

StatusOr<int64_t> Engine::Resolve(const std::string& name_or_id, std::string* matched_name) {
  {
    Statement by_key(*db_, "SELECT id FROM entities WHERE key = ?");
    by_key.Bind(1, name_or_id);
    if (by_key.Step()) {
      if (matched_name) *matched_name = name_or_id;
      return by_key.Int(0);
    }
  }
  std::string key = NameKey(name_or_id);
  if (key.empty())
    return absl::InvalidArgumentError(fmt::format("'{}' has no letters or digits", name_or_id));
  // The curated knowledge base first (the official lists' records are
  // reached by their ids, or through the curated card they are linked to),
  // then the best name kind (primary, alias, weak alias).
  Statement by_name(*db_,
                    "SELECT n.entity_id, n.kind, n.text, d.kind FROM names n JOIN facts f ON "
                    "f.id = n.entity_id JOIN datasets d ON d.id = f.dataset_id WHERE "
                    "n.name_key = ?");
  by_name.Bind(1, key);
  std::map<int64_t, std::pair<int, std::string>> best;  // entity -> (rank, name)
  while (by_name.Step()) {
    int rank = NameRank(by_name.Text(1)) + (by_name.Text(3) == "curated" ? 0 : 10);
    auto [it, inserted] = best.emplace(by_name.Int(0), std::make_pair(rank, by_name.Text(2)));
    if (!inserted && rank < it->second.first) it->second = {rank, by_name.Text(2)};
  }
  // A list record linked to a curated card stands for that card: the match
  // resolves to the card, which shows the record among its linked records.
  std::map<int64_t, std::pair<int, std::string>> merged;
  for (auto& [id, rank_name] : best) {
    auto cards = internal::CuratedCardsOf(*db_, id);
    int64_t target = cards.size() == 1 ? cards[0] : id;
    auto [it, inserted] = merged.emplace(target, rank_name);
    if (!inserted && rank_name.first < it->second.first) it->second = rank_name;
  }
  best = std::move(merged);
  if (!best.empty()) {
    int top = std::min_element(best.begin(), best.end(), [](auto& a, auto& b) {
                return a.second.first < b.second.first;
              })->second.first;
    std::vector<int64_t> winners;
    for (auto& [id, rank_name] : best)
      if (rank_name.first == top) winners.push_back(id);
    if (winners.size() == 1) {
      if (matched_name) *matched_name = best[winners[0]].second;
      return winners[0];
    }
    std::string list;
    for (auto id : winners) {
      Json ref = EntityRef(*db_, id);
      list += fmt::format("\n  {} ({}, {})", ref["id"].get<std::string>(),
                          ref["name"].get<std::string>(), ref["kind"].get<std::string>());
    }
    return absl::InvalidArgumentError(
        fmt::format("'{}' is ambiguous; it names:{}", name_or_id, list));
  }
  // Nothing exact: suggest names that contain the key, or close ids.
  Statement near(*db_,
                 "SELECT DISTINCT e.key, n.text FROM names n JOIN entities e ON e.id = "
                 "n.entity_id WHERE instr(n.name_key, ?) > 0 ORDER BY length(n.name_key) LIMIT 8");
  near.Bind(1, key);
  std::string suggestions;
  std::set<std::string> seen;
  while (near.Step())
    if (seen.insert(near.Text(0)).second)
      suggestions += fmt::format("\n  {} ({})", near.Text(0), near.Text(1));
  return absl::NotFoundError(
      suggestions.empty()
          ? fmt::format("no entity is named '{}'", name_or_id)
          : fmt::format("no entity is named '{}'; did you mean:{}", name_or_id, suggestions));
}

StatusOr<Json> Engine::Show(const std::string& name_or_id) {
  std::string matched;
  auto id = Resolve(name_or_id, &matched);
  if (!id.ok()) return id.status();
  Database& db = *db_;
  Json card = EntityRef(db, *id);
  card["matched_name"] = matched;
  Statement desc(db, "SELECT description FROM entities WHERE id = ?");
  desc.Bind(1, *id);
  card["description"] = desc.Step() ? desc.Text(0) : "";

  card["names"] = internal::NamesOf(db, *id);

  Statement attributes(db, "SELECT key, value FROM attributes WHERE entity_id = ? ORDER BY key");
  attributes.Bind(1, *id);
  Json attribute_map = Json::object();
  while (attributes.Step()) attribute_map[attributes.Text(0)] = attributes.Text(1);
  card["attributes"] = std::move(attribute_map);
  {  // where the entity comes from, and the multi-valued facts of list records
    Statement origin(db,
                     "SELECT d.name, e.reference FROM entities e JOIN facts f ON f.id = e.id JOIN "
                     "datasets d ON d.id = f.dataset_id WHERE e.id = ?");
    origin.Bind(1, *id);
    bool found = origin.Step();
    card["dataset"] = found ? Json(origin.Text(0)) : Json(nullptr);
    card["reference"] = found && !origin.IsNull(1) ? Json(origin.Text(1)) : Json(nullptr);
    Statement values(db,
                     "SELECT key, value FROM entity_values WHERE entity_id = ? ORDER BY position");
    values.Bind(1, *id);
    Json value_list = Json::array();
    while (values.Step())
      value_list.push_back({{"key", values.Text(0)}, {"value", values.Text(1)}});
    card["values"] = std::move(value_list);
    Statement ids(db,
                  "SELECT type, value, country, note FROM identifiers WHERE entity_id = ? ORDER BY "
                  "position");
    ids.Bind(1, *id);
    Json id_list = Json::array();
    auto opt = [&](int c) { return ids.IsNull(c) ? Json(nullptr) : Json(ids.Text(c)); };
    while (ids.Step())
      id_list.push_back(
          {{"type", ids.Text(0)}, {"value", ids.Text(1)}, {"country", opt(2)}, {"note", opt(3)}});
    card["identifiers"] = std::move(id_list);
  }
  card["claims"] = ClaimsOf(db, *id);

  auto collect = [&](std::string_view sql, auto to_json) {
    Statement st(db, sql);
    st.Bind(1, *id);
    Json out = Json::array();
    while (st.Step()) out.push_back(to_json(db, st.Int(0)));
    return out;
  };
  card["designations"] =
      collect("SELECT id FROM designations WHERE entity_id = ? ORDER BY date, id",
              internal::DesignationJson);
  card["designates"] =
      collect("SELECT id FROM designations WHERE authority_id = ? ORDER BY date, id",
              internal::DesignationJson);
  card["relations"] = {
      {"outgoing", collect("SELECT id FROM relations WHERE subject_id = ? ORDER BY predicate, "
                           "from_day, id",
                           internal::RelationJson)},
      {"incoming", collect("SELECT id FROM relations WHERE object_id = ? ORDER BY predicate, "
                           "from_day, id",
                           internal::RelationJson)}};

  Statement events(db,
                   "SELECT DISTINCT e.id FROM events e LEFT JOIN participants p ON p.event_id = "
                   "e.id WHERE p.entity_id = ?1 OR e.place_entity_id = ?1 ORDER BY e.first_day, e.id");
  events.Bind(1, *id);
  Json event_list = Json::array();
  while (events.Step()) {
    Json e = internal::EventJson(db, events.Int(0));
    Json roles = Json::array();
    for (const auto* group : {&e["perpetrators"], &e["targets"]})
      for (const auto& p : *group)
        if (!p["entity"].is_null() && p["entity"]["id"] == card["id"]) roles.push_back(p["role"]);
    if (!e["place"]["entity"].is_null() && e["place"]["entity"]["id"] == card["id"])
      roles.push_back("place");
    e["roles"] = std::move(roles);
    event_list.push_back(std::move(e));
  }
  card["events"] = std::move(event_list);
  card["estimates"] =
      collect("SELECT id FROM estimates WHERE subject_id = ?1 OR scope_entity_id = ?1 ORDER BY "
              "quantity, as_of_day, id",
              internal::EstimateJson);

  // Other entities that share one of this entity's names.
  Statement shared(db,
                   "SELECT DISTINCT n2.entity_id, n1.text FROM names n1 JOIN names n2 ON "
                   "n2.name_key = n1.name_key AND n2.entity_id != n1.entity_id WHERE "
                   "n1.entity_id = ?");
  shared.Bind(1, *id);
  Json also = Json::array();
  auto linked_ids = internal::LinkedIds(db, *id);
  std::set<int64_t> linked(linked_ids.begin(), linked_ids.end());
  while (shared.Step())
    if (!linked.count(shared.Int(0)))  // linked records are shown under "linked"
      also.push_back({{"name", shared.Text(1)}, {"entity", EntityRef(db, shared.Int(0))}});
  card["shares_names_with"] = std::move(also);
  card["linked"] = internal::LinkedJson(db, *id);
  return card;
}

StatusOr<Json> Engine::List(const std::string& what, const ListFilter& filter) {
  Database& db = *db_;
  Json out = Json::array();
  auto check_kind = [&](std::span<const std::string_view> words, std::string_view label) -> Status {
    if (filter.kind.empty() || Contains(words, filter.kind)) return absl::OkStatus();
    std::string hint = NearestWord(words, filter.kind);
    return absl::InvalidArgumentError(fmt::format(
        "--kind: unknown {} '{}'{}", label, filter.kind,
        hint.empty() ? fmt::format(" (expected one of: {})", JoinWords(words))
                     : fmt::format(" (did you mean '{}'?)", hint)));
  };
  if (!filter.predicate.empty() && what != "relations")
    return absl::InvalidArgumentError("--predicate applies to 'list relations' only");
  if (what == "entities") {
    if (auto s = check_kind(EntityKinds(), "entity kind"); !s.ok()) return s;
    Statement st(db,
                 "SELECT e.id, (SELECT COUNT(*) FROM designations d WHERE d.entity_id = e.id), "
                 "(SELECT COUNT(*) FROM relations r WHERE r.subject_id = e.id OR r.object_id = "
                 "e.id) FROM entities e WHERE (?1 IS NULL OR e.kind = ?1) ORDER BY e.kind, e.key");
    st.BindOptional(1, filter.kind);
    while (st.Step()) {
      Json e = EntityRef(db, st.Int(0));
      e["designations"] = st.Int(1);
      e["relations"] = st.Int(2);
      out.push_back(std::move(e));
    }
    if (!st.status().ok()) return st.status();
  } else if (what == "relations") {
    if (!filter.kind.empty())
      return absl::InvalidArgumentError("--kind does not apply to relations; use --predicate");
    if (!filter.predicate.empty() && !FindPredicate(filter.predicate)) {
      std::vector<std::string_view> names;
      for (const auto& p : Predicates()) names.push_back(p.name);
      std::string hint = NearestWord(names, filter.predicate);
      return absl::InvalidArgumentError(fmt::format(
          "--predicate: unknown predicate '{}'{}", filter.predicate,
          hint.empty() ? fmt::format(" (expected one of: {})", JoinWords(names))
                       : fmt::format(" (did you mean '{}'?)", hint)));
    }
    Statement st(db,
                 "SELECT r.id FROM relations r JOIN entities s ON s.id = r.subject_id JOIN "
                 "entities o ON o.id = r.object_id WHERE (?1 IS NULL OR r.predicate = ?1) AND "
                 "(?2 IS NULL OR ((r.from_day IS NULL OR r.from_day <= ?2) AND (r.to_day IS NULL "
                 "OR r.to_day >= ?2))) ORDER BY s.key, r.predicate, o.key, r.from_day");
    st.BindOptional(1, filter.predicate).BindOptional(2, filter.as_of);
    while (st.Step()) out.push_back(internal::RelationJson(db, st.Int(0)));
    if (!st.status().ok()) return st.status();
  } else if (what == "events") {
    if (auto s = check_kind(EventTypes(), "event type"); !s.ok()) return s;
    Statement st(db,
                 "SELECT id FROM events WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR "
                 "first_day <= ?2) ORDER BY first_day IS NULL, first_day, key");
    st.BindOptional(1, filter.kind).BindOptional(2, filter.as_of);
    while (st.Step()) out.push_back(internal::EventJson(db, st.Int(0)));
    if (!st.status().ok()) return st.status();
  } else if (what == "estimates") {
    if (!filter.kind.empty())
      return absl::InvalidArgumentError("--kind does not apply to estimates");
    Statement st(db,
                 "SELECT id FROM estimates WHERE (?1 IS NULL OR as_of_day IS NULL OR as_of_day "
                 "<= ?1) ORDER BY quantity, as_of_day, key");
    st.BindOptional(1, filter.as_of);
    while (st.Step()) out.push_back(internal::EstimateJson(db, st.Int(0)));
    if (!st.status().ok()) return st.status();
  } else if (what == "sources") {
    if (!filter.kind.empty())
      return absl::InvalidArgumentError("--kind does not apply to sources");
    Statement st(db,
                 "SELECT s.key, s.title, s.publisher, s.author, s.date, s.url, s.sha256, s.kind, "
                 "s.length, s.file, d.name, (SELECT COUNT(*) FROM claims c WHERE c.source_id = "
                 "s.id), s.text IS NOT NULL FROM sources s JOIN datasets d ON d.id = s.dataset_id "
                 "ORDER BY s.key");
    while (st.Step()) {
      auto opt = [&](int c) { return st.IsNull(c) ? Json(nullptr) : Json(st.Text(c)); };
      out.push_back({{"id", st.Text(0)},
                     {"title", st.Text(1)},
                     {"publisher", opt(2)},
                     {"author", opt(3)},
                     {"date", opt(4)},
                     {"url", opt(5)},
                     {"sha256", opt(6)},
                     {"kind", st.Text(7)},
                     {"length", st.IsNull(8) ? Json(nullptr) : Json(st.Int(8))},
                     {"file", opt(9)},
                     {"dataset", st.Text(10)},
                     {"claims", st.Int(11)},
                     {"text_stored", st.Int(12) != 0}});
    }
    if (!st.status().ok()) return st.status();
  } else {
    return absl::InvalidArgumentError(fmt::format(
        "list: unknown table '{}' (expected entities, relations, events, estimates or sources)",
        what));
  }
  return out;
}

}  // namespace vigil
