// A one-line progress bar on stderr, drawn only when stderr is a terminal,
// for work whose size is known as a share (the part of a file read) rather
// than a count.
//
//   Progress progress("screening");
//   progress.Update(rows_done, fraction_read);   // redraws at most 10 times a second
//   progress.Finish();
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace vigil::cli {

class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress() { Finish(); }
  // done: items so far (rows); fraction: share of the work done, in [0, 1].
  void Update(size_t done, double fraction);
  void Finish();
  bool enabled() const { return enabled_; }

 private:
  void Draw(bool last);

  std::string label_;
  bool enabled_;
  bool finished_ = false;
  size_t done_ = 0;
  double fraction_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace vigil::cli
