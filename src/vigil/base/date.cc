// Parsing and day ranges of partial dates.
#include "vigil/base/date.h"

#include <fmt/format.h>

#include <charconv>

namespace vigil {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ParseDigits(std::string_view s, size_t n, int* out) {
  if (s.size() != n) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  std::from_chars(s.data(), s.data() + s.size(), *out);
  return true;
}

std::string Iso(int y, int m, int d) { return fmt::format("{:04}-{:02}-{:02}", y, m, d); }

// Moves (y, m) by delta months.
void AddMonths(int* y, int* m, int delta) {
  int index = *y * 12 + (*m - 1) + delta;
  *y = index / 12;
  *m = index % 12 + 1;
}

}  // namespace

StatusOr<PartialDate> PartialDate::Parse(std::string_view text) {
  PartialDate date;
  std::string_view s = text;
  if (!s.empty() && s.front() == '~') {
    date.approximate = true;
    s.remove_prefix(1);
  }
  auto bad = [&] {
    return absl::InvalidArgumentError(fmt::format(
        "invalid date '{}' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally "
        "prefixed by ~ for 'about')",
        text));
  };
  if (!ParseDigits(s.substr(0, 4), 4, &date.year)) return bad();
  if (date.year < 1000 || date.year > 2999) return bad();
  if (s.size() == 4) return date;
  if (s.size() < 7 || s[4] != '-' || !ParseDigits(s.substr(5, 2), 2, &date.month))
    return bad();
  if (date.month < 1 || date.month > 12) return bad();
  if (s.size() == 7) return date;
  if (s.size() != 10 || s[7] != '-' || !ParseDigits(s.substr(8, 2), 2, &date.day))
    return bad();
  if (date.day < 1 || date.day > DaysInMonth(date.year, date.month)) return bad();
  return date;
}

StatusOr<std::string> PartialDate::ParseAsOf(std::string_view text) {
  auto date = Parse(text);
  if (!date.ok()) return date.status();
  if (date->approximate)
    return absl::InvalidArgumentError(
        fmt::format("--as-of takes an exact date, not '{}'", text));
  return date->Latest();
}

StatusOr<DayRange> PartialDate::ParsePeriod(std::string_view text) {
  auto exact = [&](std::string_view part) -> StatusOr<PartialDate> {
    auto date = Parse(part);
    if (!date.ok()) return date.status();
    if (date->approximate)
      return absl::InvalidArgumentError(
          fmt::format("a period takes exact dates, not '{}'", part));
    return *date;
  };
  size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    auto date = exact(text);
    if (!date.ok()) return date.status();
    return DayRange{date->Earliest(), date->Latest()};
  }
  std::string_view from = text.substr(0, dots), to = text.substr(dots + 2);
  if (from.empty() && to.empty())
    return absl::InvalidArgumentError(
        "invalid period '..' (expected YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO)");
  DayRange range;
  if (!from.empty()) {
    auto date = exact(from);
    if (!date.ok()) return date.status();
    range.first = date->Earliest();
  }
  if (!to.empty()) {
    auto date = exact(to);
    if (!date.ok()) return date.status();
    range.last = date->Latest();
  }
  if (!range.first.empty() && !range.last.empty() && range.last < range.first)
    return absl::InvalidArgumentError(
        fmt::format("the period '{}' ends before it begins", text));
  return range;
}

std::string PartialDate::ToString() const {
  if (!IsSet()) return "";
  std::string out = approximate ? "~" : "";
  out += fmt::format("{:04}", year);
  if (month) out += fmt::format("-{:02}", month);
  if (day) out += fmt::format("-{:02}", day);
  return out;
}

std::string PartialDate::Earliest() const {
  if (!IsSet()) return "";
  int y = year, m = month ? month : 1, d = day ? day : 1;
  if (approximate) {
    if (!month) {
      y -= 1;
    } else if (!day) {
      AddMonths(&y, &m, -2);
    } else {
      AddMonths(&y, &m, -1);
      d = std::min(d, DaysInMonth(y, m));
    }
  }
  return Iso(y, m, d);
}

std::string PartialDate::Latest() const {
  if (!IsSet()) return "";
  int y = year, m = month ? month : 12;
  if (approximate) {
    if (!month) {
      y += 1;
    } else {
      AddMonths(&y, &m, day ? 1 : 2);
    }
  }
  int d = day && !approximate ? day : DaysInMonth(y, m);
  if (day && approximate) d = std::min(day, DaysInMonth(y, m));
  return Iso(y, m, d);
}

}  // namespace vigil
