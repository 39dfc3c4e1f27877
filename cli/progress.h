// A one-line progress bar on stderr, drawn only when stderr is a terminal.
//
//   Progress progress("screening", rows.size());
//   progress.Advance(chunk);   // thread-safe, redraws at most 10 times a second
//   progress.Finish();
#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

namespace vigil::cli {

class Progress {
 public:
  Progress(std::string label, size_t total);
  ~Progress() { Finish(); }
  void Advance(size_t done);
  void Finish();
  bool enabled() const { return enabled_; }

 private:
  void Draw(size_t done, bool last);

  std::string label_;
  size_t total_;
  bool enabled_;
  bool finished_ = false;
  std::atomic<size_t> done_{0};
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace vigil::cli
