// Progress bar: carriage-return redraws, rate and remaining time.
#include "progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace vigil::cli {

Progress::Progress(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::Update(size_t done, double fraction) {
  done_ = done;
  fraction_ = std::clamp(fraction, 0.0, 1.0);
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  Draw(false);
}

void Progress::Finish() {
  if (!enabled_ || finished_) return;
  finished_ = true;
  fraction_ = 1.0;
  Draw(true);
}

void Progress::Draw(bool last) {
  constexpr int kWidth = 30;
  int filled = static_cast<int>(fraction_ * kWidth);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
  double remaining = fraction_ > 0 ? seconds * (1 - fraction_) / fraction_ : 0;
  std::string bar(static_cast<size_t>(filled), '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  fmt::print(stderr, "\r{} [{}] {} {:.0f}/s {}", label_, bar, done_, rate,
             last ? fmt::format("{:.1f}s   \n", seconds) : fmt::format("~{:.0f}s left   ", remaining));
  std::fflush(stderr);
}

}  // namespace vigil::cli
