// Progress bar: carriage-return redraws, rate and remaining time.
#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace vigil::cli {

Progress::Progress(std::string label, size_t total)
    : label_(std::move(label)),
      total_(total),
      enabled_(isatty(STDERR_FILENO) == 1 && total > 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::Advance(size_t done) {
  size_t now_done = done_ += done;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw(now_done, false);
}

void Progress::Finish() {
  if (!enabled_ || finished_) return;
  std::lock_guard lock(mutex_);
  finished_ = true;
  Draw(done_, true);
}

void Progress::Draw(size_t done, bool last) {
  constexpr int kWidth = 30;
  double fraction = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  int filled = static_cast<int>(fraction * kWidth);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  double remaining = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
  std::string bar(static_cast<size_t>(filled), '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  fmt::print(stderr, "\r{} [{}] {}/{} {:.0f}/s {}", label_, bar, done, total_, rate,
             last ? fmt::format("{:.1f}s   \n", seconds) : fmt::format("~{:.0f}s left   ", remaining));
  std::fflush(stderr);
}

}  // namespace vigil::cli
