// AuditLog: the queued writer, verification and export.
#include "vigil/engine/audit.h"

#include <csv.h>
#include <fmt/format.h>

#include <chrono>
#include <vector>

#include "vigil/base/clock.h"

namespace vigil {
namespace {

constexpr auto kGatherTime = std::chrono::milliseconds(5);
constexpr size_t kMaxBatch = 4096;

std::string CsvCellRaw(const std::string& value) {
  std::string out(value.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), value.data(), value.size()));
  return out;
}

}  // namespace

StatusOr<AuditFormat> ParseAuditFormat(std::string_view text) {
  if (text == "csv") return AuditFormat::kCsv;
  if (text == "jsonl" || text == "ndjson") return AuditFormat::kJsonLines;
  return FieldError("format", fmt::format("unknown format '{}' (csv or jsonl)", text));
}

AuditLog::AuditLog(store::AccountStore& store) : store_(store) {
  writer_ = std::thread([this] { WriterLoop(); });
}

AuditLog::~AuditLog() {
  (void)Flush();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

void AuditLog::Record(std::string_view actor, std::string_view action, const Json& detail) {
  store::AuditEntry entry{UtcTimestamp(), std::string(actor), std::string(action),
                          detail.dump(-1, ' ', false, Json::error_handler_t::replace)};
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(std::move(entry));
    ++queued_;
  }
  wake_.notify_one();
}

Status AuditLog::Flush() {
  std::unique_lock lock(mutex_);
  uint64_t target = queued_, failures = failures_;
  wake_.notify_one();
  written_.wait(lock, [&] { return done_ >= target || failures_ != failures; });
  return done_ >= target ? absl::OkStatus() : last_error_;
}

Status AuditLog::last_error() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

void AuditLog::WriterLoop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stopping_ || !pending_.empty(); });
    if (pending_.empty()) {
      if (stopping_) return;
      continue;
    }
    // Group commit: the rows that arrive in the next few milliseconds join
    // this transaction, so a server screening thousands of names a second
    // pays for a few hundred commits, not one per screening. Flush() waits
    // at most this long more.
    if (!stopping_)
      wake_.wait_for(lock, kGatherTime, [&] { return stopping_ || pending_.size() >= kMaxBatch; });
    std::vector<store::AuditEntry> batch(pending_.begin(), pending_.end());
    lock.unlock();
    auto written = store_.AppendAudit(batch);
    lock.lock();
    if (written.ok()) {
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(batch.size()));
      done_ += batch.size();
      last_error_ = absl::OkStatus();
      written_.notify_all();
    } else {
      // Those waiting learn of the failure; the rows stay queued and are
      // tried again on the next round.
      last_error_ = written.status();
      ++failures_;
      written_.notify_all();
      if (stopping_) return;
      wake_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stopping_; });
    }
  }
}

StatusOr<AuditVerification> AuditLog::Verify() {
  if (auto s = Flush(); !s.ok()) return s;
  AuditVerification v;
  std::string prev = store::kAuditGenesis;
  int64_t expected = 1;
  auto s = store_.ReadAudit("", "", [&](const store::AuditRecord& r) {
    auto fail = [&](std::string problem) {
      v.ok = false;
      v.bad_seq = r.seq;
      v.problem = std::move(problem);
      return false;
    };
    if (r.seq != expected)
      return fail(fmt::format("row {} follows row {}: row{} missing", r.seq, expected - 1,
                              r.seq - expected == 1 ? fmt::format(" {} is", expected)
                                                    : fmt::format("s {}..{} are", expected, r.seq - 1)));
    if (r.prev_hash != prev)
      return fail("its previous hash does not match the row before it (a row was changed or "
                  "replaced)");
    std::string hash = store::AuditHash(r.seq, {r.at, r.actor, r.action, r.detail}, r.prev_hash);
    if (hash != r.hash) return fail("its content does not match its hash (the row was edited)");
    prev = r.hash;
    v.head_seq = r.seq;
    v.head_hash = r.hash;
    ++v.rows;
    ++expected;
    return true;
  });
  if (!s.ok()) return s;
  if (v.ok) {
    auto head = store_.AuditHead();
    if (!head.ok()) return head.status();
    std::string expected_head =
        v.rows == 0 ? std::string() : fmt::format("{}:{}", v.head_seq, v.head_hash);
    if (*head != expected_head) {
      v.ok = false;
      v.bad_seq = v.head_seq + 1;
      v.problem = head->empty() ? "the log's head is missing"
                                : fmt::format("the log ends at row {}, but its head says {}: rows "
                                              "were deleted from the end",
                                              v.head_seq, head->substr(0, head->find(':')));
    }
  }
  return v;
}

Status AuditLog::Visit(const std::string& from, const std::string& to,
                       const std::function<bool(const store::AuditRecord&)>& visit) {
  if (auto s = Flush(); !s.ok()) return s;
  return store_.ReadAudit(from, to, visit);
}

Status AuditLog::Export(const std::string& from, const std::string& to, AuditFormat format,
                        std::ostream& out) {
  if (format == AuditFormat::kCsv) out << "seq,at,actor,action,detail,prev_hash,hash\n";
  int64_t last_seq = 0;
  std::string last_hash;
  auto s = Visit(from, to, [&](const store::AuditRecord& r) {
    if (format == AuditFormat::kCsv) {
      out << r.seq << ',' << CsvCellRaw(r.at) << ',' << CsvCellRaw(r.actor) << ','
          << CsvCellRaw(r.action) << ',' << CsvCellRaw(r.detail) << ',' << r.prev_hash << ','
          << r.hash << '\n';
    } else {
      Json line{{"seq", r.seq},       {"at", r.at},
                {"actor", r.actor},   {"action", r.action},
                {"detail", Json::parse(r.detail, nullptr, false)},
                {"prev_hash", r.prev_hash}, {"hash", r.hash}};
      out << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
    last_seq = r.seq;
    last_hash = r.hash;
    return true;
  });
  if (!s.ok()) return s;
  if (format == AuditFormat::kJsonLines)
    out << Json{{"head", {{"seq", last_seq}, {"hash", last_hash}}}}.dump() << '\n';
  if (!out) return absl::InternalError("audit export: write failed");
  return absl::OkStatus();
}

}  // namespace vigil
