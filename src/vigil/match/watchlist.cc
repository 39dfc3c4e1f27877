// WatchList construction: names analysed in parallel, dates and countries
// normalised once.
#include "vigil/match/watchlist.h"

#include <algorithm>
#include <chrono>
#include <charconv>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "vigil/base/date.h"
#include "vigil/match/threads.h"
#include "vigil/text/country.h"

namespace vigil::match {

const char* ListedNameTypeName(ListedNameType type) {
  switch (type) {
    case ListedNameType::kPrimary: return "primary";
    case ListedNameType::kAlias: return "alias";
    case ListedNameType::kWeakAlias: return "weak_alias";
    case ListedNameType::kOriginalScript: return "original_script";
    case ListedNameType::kTransliteration: return "transliteration";
  }
  return "?";
}

bool ParseListedNameType(std::string_view text, ListedNameType* type) {
  for (auto t : {ListedNameType::kPrimary, ListedNameType::kAlias, ListedNameType::kWeakAlias,
                 ListedNameType::kOriginalScript, ListedNameType::kTransliteration})
    if (text == ListedNameTypeName(t)) {
      *type = t;
      return true;
    }
  return false;
}

int32_t DaysFromCivil(int year, int month, int day) {
  // Howard Hinnant's days_from_civil.
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(month + (month > 2 ? -3 : 9)) + 2) / 5 +
                       static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

std::string FormatDayRange(const DayRange& range) {
  using namespace std::chrono;
  auto civil = [](int32_t days) { return year_month_day{sys_days{std::chrono::days{days}}}; };
  const year_month_day first = civil(range.first), last = civil(range.last);
  const bool starts_year = first.month() == January && first.day() == day{1};
  const bool ends_year = last.month() == December && last.day() == day{31};
  const bool starts_month = first.day() == day{1};
  const bool ends_month = last == year_month_day{last.year() / last.month() / std::chrono::last};
  auto y = [](const year_month_day& d) { return static_cast<int>(d.year()); };
  auto m = [](const year_month_day& d) { return static_cast<unsigned>(d.month()); };
  auto dd = [](const year_month_day& d) { return static_cast<unsigned>(d.day()); };
  if (range.first == range.last) return fmt::format("{:04d}-{:02d}-{:02d}", y(first), m(first), dd(first));
  if (starts_year && ends_year)
    return y(first) == y(last) ? fmt::format("{:04d}", y(first))
                               : fmt::format("{:04d}/{:04d}", y(first), y(last));
  if (starts_month && ends_month && y(first) == y(last) && m(first) == m(last))
    return fmt::format("{:04d}-{:02d}", y(first), m(first));
  return fmt::format("{:04d}-{:02d}-{:02d}/{:04d}-{:02d}-{:02d}", y(first), m(first), dd(first),
                     y(last), m(last), dd(last));
}

namespace {

int32_t DaysOf(const std::string& iso) {  // "YYYY-MM-DD"
  int y = 0, m = 0, d = 0;
  std::from_chars(iso.data(), iso.data() + 4, y);
  std::from_chars(iso.data() + 5, iso.data() + 7, m);
  std::from_chars(iso.data() + 8, iso.data() + 10, d);
  return DaysFromCivil(y, m, d);
}

}  // namespace

bool ParseDayRange(std::string_view text, DayRange* range) {
  auto slash = text.find('/');
  std::string_view from = text.substr(0, slash);
  std::string_view to = slash == std::string_view::npos ? text : text.substr(slash + 1);
  auto a = PartialDate::Parse(from);
  auto b = PartialDate::Parse(to);
  if (!a.ok() || !b.ok()) return false;
  range->first = DaysOf(a->Earliest());
  range->last = DaysOf(b->Latest());
  if (range->first > range->last) std::swap(range->first, range->last);
  return true;
}

NameKind KindOfEntity(std::string_view entity_kind) {
  if (entity_kind == "person") return NameKind::kPerson;
  if (entity_kind == "organization" || entity_kind == "government_body")
    return NameKind::kOrganization;
  return NameKind::kAny;
}

WatchList WatchList::Build(std::vector<RecordInput> input, std::vector<ListVersion> versions,
                           unsigned threads) {
  WatchList list;
  list.versions_ = std::move(versions);
  list.records_.reserve(input.size());
  size_t total = 0;
  for (const auto& r : input) total += r.names.size();
  list.names_.resize(total);
  std::vector<std::pair<const std::string*, NameKind>> texts(total);
  size_t next = 0;
  for (auto& in : input) {
    ListedRecord record;
    record.key = std::move(in.key);
    record.dataset = std::move(in.dataset);
    record.entity_kind = std::move(in.entity_kind);
    record.reference = std::move(in.reference);
    record.linked = std::move(in.linked);
    record.kind = KindOfEntity(record.entity_kind);
    record.designations = std::move(in.designations);
    for (const auto& d : in.birth_dates) {
      DayRange range;
      if (ParseDayRange(d, &range)) record.birth_dates.push_back(range);
    }
    for (const auto& c : in.countries) {
      std::string code = CountryCode(c);
      if (!code.empty() && std::find(record.countries.begin(), record.countries.end(), code) ==
                               record.countries.end())
        record.countries.push_back(std::move(code));
    }
    record.first_name = static_cast<uint32_t>(next);
    record.name_count = static_cast<uint32_t>(in.names.size());
    if (!in.names.empty()) record.display_name = in.names.front().text;
    for (const auto& n : in.names) {
      list.names_[next].record = static_cast<uint32_t>(list.records_.size());
      list.names_[next].type = n.type;
      texts[next] = {&n.text, record.kind};
      ++next;
    }
    list.records_.push_back(std::move(record));
  }
  // Display name: the first primary name, else the first name.
  for (auto& record : list.records_)
    for (uint32_t i = 0; i < record.name_count; ++i)
      if (list.names_[record.first_name + i].type == ListedNameType::kPrimary) {
        record.display_name = *texts[record.first_name + i].first;
        break;
      }

  auto work = [&](const tbb::blocked_range<size_t>& range) {
    for (size_t i = range.begin(); i < range.end(); ++i)
      list.names_[i].analysis = AnalyzeName(*texts[i].first, texts[i].second);
  };
  if (const unsigned workers = WorkerThreads(threads); workers == 1) {
    work(tbb::blocked_range<size_t>(0, total));
  } else {
    tbb::task_arena arena(static_cast<int>(workers));
    arena.execute([&] { tbb::parallel_for(tbb::blocked_range<size_t>(0, total, 256), work); });
  }
  // Rarity: in how many records each skeleton appears; then caps the
  // weights of listed parts.
  for (const auto& record : list.records_) {
    std::unordered_set<std::string_view> seen;
    for (uint32_t i = 0; i < record.name_count; ++i)
      for (const auto& part : list.names_[record.first_name + i].analysis.parts)
        if (part.skeleton.size() >= 2 && seen.insert(part.skeleton).second)
          ++list.skeleton_records_[part.skeleton];
  }
  for (auto& name : list.names_) list.ApplyRarity(&name.analysis);
  return list;
}

uint32_t WatchList::RecordsWithSkeleton(const std::string& skeleton) const {
  auto it = skeleton_records_.find(skeleton);
  return it == skeleton_records_.end() ? 0 : it->second;
}

double WatchList::RarityCap(const std::string& skeleton) const {
  constexpr double kRare = 6, kCommon = 150;
  double records = RecordsWithSkeleton(skeleton);
  if (records <= kRare) return 1.0;
  double share = std::min(1.0, std::log(records / kRare) / std::log(kCommon / kRare));
  // At the most frequent, just under the 0.45 of the parts that name
  // analysis knows as common: such a part never counts as distinctive
  // (NameScorer's single_part rule counts parts of 0.45 and more).
  constexpr double kFloor = 0.45 - 1e-9;
  return std::max(kFloor, 1.0 - 0.55 * share);
}

void WatchList::ApplyRarity(AnalyzedName* name) const {
  for (auto& part : name->parts)
    if (part.role != PartRole::kLegalForm && part.role != PartRole::kNoise && !part.initial)
      part.weight = std::min(part.weight, RarityCap(part.skeleton));
}

}  // namespace vigil::match

namespace vigil::match {
const char* WatchListBuildId() { return __DATE__ " " __TIME__; }
}  // namespace vigil::match
