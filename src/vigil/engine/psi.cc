// Engine, private watchlist matching: the list holder's epochs, setups and
// responses, kept and audited (psi/exchange.h holds the protocol).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <set>

#include "vigil/base/clock.h"
#include "vigil/engine/engine.h"

namespace vigil {
namespace {

// Every name of every record a loaded dataset designates; NotFound naming
// "list" when it designates nothing.
StatusOr<std::vector<psi::ListedName>> ListedNames(store::Store& store, const std::string& list) {
  auto records = store.ReadScreeningRecords();
  if (!records.ok()) return records.status();
  std::vector<psi::ListedName> listed;
  std::set<std::string> lists;
  for (const auto& r : *records) {
    lists.insert(r.dataset);
    if (r.dataset != list) continue;
    for (const auto& n : r.names) listed.push_back({r.key, n.text});
  }
  if (listed.empty())
    return absl::NotFoundError(
        fmt::format("list: no loaded dataset '{}' designates anything (lists: {})", list,
                    lists.empty() ? std::string("none; run 'vigil load' first")
                                  : fmt::format("{}", fmt::join(lists, ", "))));
  return listed;
}

// A stored epoch as the protocol's (DataLoss when its key is damaged).
StatusOr<psi::Epoch> EpochOf(const store::PsiEpochRecord& record) {
  auto mode = psi::ParseMode(record.mode);
  auto key = psi::ParseScalar(record.secret, "stored epoch key");
  if (!mode.ok() || !key.ok())
    return absl::DataLossError(fmt::format("epoch {}: its stored key is damaged", record.id));
  return psi::Epoch{record.id, record.list, *mode, *key, record.created_at, record.verifiable};
}

psi::Offer OfferOf(const store::PsiEpochRecord& record) {
  auto mode = psi::ParseMode(record.mode);
  return {record.list, mode.ok() ? *mode : psi::Mode::kExact, record.id, record.created_at,
          record.verifiable};
}

}  // namespace

StatusOr<psi::Setup> Engine::PsiExportSetup(const std::string& list, psi::Mode mode,
                                            const std::string& actor, bool verifiable) {
  auto listed = ListedNames(*store_, list);
  if (!listed.ok()) return listed.status();
  psi::Epoch epoch = psi::NewEpoch(list, mode, UtcTimestamp(), verifiable);
  psi::Setup setup = psi::MakeSetup(epoch, *listed);
  store::PsiEpochRecord record{epoch.id,
                               list,
                               std::string(psi::ModeName(mode)),
                               std::string(psi::Bytes(epoch.key)),
                               epoch.created,
                               std::nullopt,
                               verifiable};
  if (auto s = store_->InsertPsiEpoch(record); !s.ok()) return s;
  audit().Record(actor, "psi.setup",
                 Json{{"list", list},
                      {"mode", psi::ModeName(mode)},
                      {"verifiable", verifiable},
                      {"epoch", epoch.id},
                      {"names", listed->size()},
                      {"entries", setup.entries.size()}});
  if (auto s = audit().Flush(); !s.ok()) return s;
  return setup;
}

StatusOr<psi::Response> Engine::PsiRespond(const psi::Request& request, size_t cap,
                                           const std::string& actor, const std::string& only_list) {
  auto refuse = [&](Status status) -> Status {
    audit().Record(actor, "psi.refused",
                   Json{{"epoch", request.epoch},
                        {"keys", request.elements.size()},
                        {"reason", std::string(status.message())}});
    if (auto s = audit().Flush(); !s.ok()) return s;
    return status;
  };
  auto found = store_->FindPsiEpoch(request.epoch);
  if (!found.ok()) return found.status();
  if (!*found || (!only_list.empty() && (*found)->list != only_list))
    return refuse(absl::NotFoundError(
        fmt::format("epoch: no setup {}has epoch {}",
                    only_list.empty() ? "of this store " : "offered here ", request.epoch)));
  const store::PsiEpochRecord& record = **found;
  if (record.retired_at)
    return refuse(absl::FailedPreconditionError(fmt::format(
        "epoch: {} of list '{}' was replaced by a newer setup at {}; ask the list holder for "
        "the current setup and make the request again",
        record.id, record.list, *record.retired_at)));
  auto epoch = EpochOf(record);
  if (!epoch.ok()) return epoch.status();
  auto started = std::chrono::steady_clock::now();
  auto response = psi::Respond(*epoch, request, cap);
  if (!response.ok()) return refuse(response.status());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  audit().Record(actor, "psi.respond",
                 Json{{"epoch", epoch->id},
                      {"list", epoch->list},
                      {"keys", request.elements.size()},
                      {"seconds", seconds}});
  if (auto s = audit().Flush(); !s.ok()) return s;
  return response;
}

StatusOr<std::shared_ptr<const std::string>> Engine::PsiLiveSetup(const std::string& list,
                                                                  psi::Mode mode) {
  auto live = store_->LivePsiEpoch(list, std::string(psi::ModeName(mode)));
  if (!live.ok()) return live.status();
  if (!*live)
    return absl::NotFoundError(
        fmt::format("list: no {} setup of '{}' is live; the list holder starts one with 'vigil psi "
                    "export-setup'",
                    psi::ModeName(mode), list));
  std::lock_guard<std::mutex> lock(psi_mutex_);
  if (auto it = psi_setups_.find((*live)->id); it != psi_setups_.end()) return it->second;
  auto epoch = EpochOf(**live);
  if (!epoch.ok()) return epoch.status();
  auto listed = ListedNames(*store_, list);
  if (!listed.ok()) return listed.status();
  auto text = std::make_shared<const std::string>(psi::WriteSetup(psi::MakeSetup(*epoch, *listed)));
  if (psi_setups_.size() >= 8) psi_setups_.clear();  // setups of retired epochs go too
  psi_setups_[epoch->id] = text;
  return text;
}

StatusOr<std::vector<psi::Offer>> Engine::PsiOffers() {
  auto live = store_->LivePsiEpochs();
  if (!live.ok()) return live.status();
  std::vector<psi::Offer> offers;
  for (const auto& record : *live) offers.push_back(OfferOf(record));
  return offers;
}

StatusOr<psi::Offer> Engine::PsiServeEpoch(const std::string& list, std::optional<psi::Mode> mode,
                                           const std::string& epoch, bool verifiable,
                                           const std::string& actor) {
  if (!epoch.empty() && epoch != "new") {
    auto found = store_->FindPsiEpoch(epoch);
    if (!found.ok()) return found.status();
    if (!*found || (*found)->list != list)
      return absl::NotFoundError(
          fmt::format("epoch: this store has no epoch {} of list '{}'", epoch, list));
    if ((*found)->retired_at)
      return absl::FailedPreconditionError(
          fmt::format("epoch: {} was replaced by a newer setup at {}; serve that one, or a new "
                      "one (--epoch new)",
                      epoch, *(*found)->retired_at));
    psi::Offer offer = OfferOf(**found);
    if (mode && *mode != offer.mode)
      return absl::InvalidArgumentError(fmt::format("mode: epoch {} is of mode {}, not {}", epoch,
                                                    psi::ModeName(offer.mode),
                                                    psi::ModeName(*mode)));
    if (verifiable && !offer.verifiable)
      return absl::InvalidArgumentError(fmt::format(
          "verifiable: epoch {} was not made verifiable; serve a new one (--epoch new)", epoch));
    return offer;
  }
  const psi::Mode chosen = mode.value_or(psi::Mode::kExact);
  if (epoch.empty()) {
    auto live = store_->LivePsiEpoch(list, std::string(psi::ModeName(chosen)));
    if (!live.ok()) return live.status();
    if (*live && (*live)->verifiable == verifiable) return OfferOf(**live);
  }
  auto setup = PsiExportSetup(list, chosen, actor, verifiable);
  if (!setup.ok()) return setup.status();
  return psi::Offer{list, chosen, setup->epoch, setup->created, verifiable};
}

}  // namespace vigil
