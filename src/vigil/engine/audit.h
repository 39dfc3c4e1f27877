// The audit log: every screening, decision and administrative act, in a
// hash chain that shows any edited, inserted or deleted row.
//
//   AuditLog audit(store);
//   audit.Record("desk-1", "screen", Json{{"query", ...}, {"hits", ...}});  // queued
//   audit.Flush();                                    // written, in one transaction
//   auto check = audit.Verify();                      // walks the chain
//
// Record() only queues: a writer thread appends what is queued every few
// milliseconds in one transaction (so thousands of screenings a second
// cost a few commits), and Flush() (also called by the destructor) waits
// until everything queued so far is written. A write that fails is retried
// on the next round and reported by last_error(); nothing queued is
// dropped while the process lives.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <thread>

#include "vigil/base/status.h"
#include "vigil/store/account_store.h"

namespace vigil {

using Json = nlohmann::ordered_json;

struct AuditVerification {
  bool ok = true;
  int64_t rows = 0;
  int64_t head_seq = 0;
  std::string head_hash;  // the last row's hash: note it to detect truncation later
  int64_t bad_seq = 0;    // the first row that fails, 0 when none
  std::string problem;    // what is wrong there
};

enum class AuditFormat { kCsv, kJsonLines };
// "csv" | "jsonl"; a field error on "format" otherwise.
StatusOr<AuditFormat> ParseAuditFormat(std::string_view text);

class AuditLog {
 public:
  explicit AuditLog(store::AccountStore& store);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Queues a row; detail is written as compact JSON.
  void Record(std::string_view actor, std::string_view action, const Json& detail);
  // Waits until every row queued before the call is written (or failed).
  Status Flush();
  Status last_error() const;

  // Walks the whole chain: seq without gaps from 1, each prev_hash equal to
  // the previous row's hash, each hash recomputed, and the head kept apart
  // from the rows equal to the last row.
  StatusOr<AuditVerification> Verify();
  // Rows with from <= at < to (ISO 8601 prefixes; empty: open), written to
  // out as CSV (seq,at,actor,action,detail,prev_hash,hash) or JSON lines;
  // the last line of JSON lines export is {"head": {...}}.
  Status Export(const std::string& from, const std::string& to, AuditFormat format,
                std::ostream& out);
  // The same rows, one JSON object each (for the HTTP API).
  Status Visit(const std::string& from, const std::string& to,
               const std::function<bool(const store::AuditRecord&)>& visit);

 private:
  void WriterLoop();

  store::AccountStore& store_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, written_;
  std::deque<store::AuditEntry> pending_;
  uint64_t queued_ = 0, done_ = 0;  // rows queued and rows written, ever
  uint64_t failures_ = 0;           // failed writes, ever
  Status last_error_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace vigil
