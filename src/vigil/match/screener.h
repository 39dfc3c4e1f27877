// Screening: is this name (and birth date, country, kind) a listed record?
//
//   WatchList list = WatchList::Build(records, versions);
//   CandidateIndex index = CandidateIndex::Build(list);
//   Screener screener(list, index);
//   ScreenQuery q;  q.name = "Serajuddin Haqani";  q.birth_date = "1973";
//   ScreenResult r = screener.Screen(q);
//   r.hits[0].score;        // in [0, 1]
//   r.hits[0].comparison;   // which query part met which listed part, how
//   r.hits[0].evidence;     // what birth date, country and kind added or removed
//
// Candidates come only from CandidateIndex look-ups (see there). Each
// candidate name is scored by NameScorer; a record's name score is its best
// name's. Weak aliases may confirm a match (raise a record that another
// name already brings near the threshold), never create one. Other evidence
// then moves the score: a birth date that agrees adds a little, one more
// than a year off removes more, with a decay in between; nationality adds or
// removes a little; a different kind of entity (person vs organisation)
// excludes the record when the query states its kind. No evidence other than
// the name can make a hit on its own.
//
// Invisible characters are removed from the query (and, by AnalyzeName, from
// every listed name) before anything is compared. When bidi controls make the
// query show differently from the order it is written in ("<U+202E>inaqqaH
// niddujariS<U+202C>" shows as "Sirajuddin Haqqani"), the reading shown is
// screened too, and a record is a hit when either reading meets it.
//
// Thread-safe: Screen() may run on many threads at once (scratch space is
// per thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/match/candidate_index.h"
#include "vigil/match/name_scorer.h"
#include "vigil/match/watchlist.h"
#include "vigil/text/invisible.h"

namespace vigil::match {

inline constexpr double kDefaultScreenThreshold = 0.80;
inline constexpr size_t kMaxTop = 1000;  // hits reported per name at most

struct ScreenQuery {
  std::string name;
  std::string birth_date;  // partial date or range, may be empty
  std::string country;     // name or ISO code, may be empty
  NameKind kind = NameKind::kAny;
  double threshold = kDefaultScreenThreshold;
  size_t top = 10;
  // Evaluation only: behave as if this name were not in the list.
  int64_t exclude_name = -1;

  // Whether the query can be screened as it stands; Screen() expects one
  // that passes. InvalidArgument naming the field otherwise: "name: has no
  // letters or digits once invisible characters are removed (U+200B ZERO
  // WIDTH SPACE x3)", "threshold: must be a number between 0 and 1, got nan",
  // "top: ...", "birth_date: ...", "country: ...".
  Status Validate() const;
};

// The checks of ScreenQuery::Validate(), one field at a time (batch
// screening checks the settings once and each row's name and values).
Status ValidateThreshold(double threshold);
Status ValidateTop(size_t top);
// Why a name cannot be screened ("is empty", "has no letters or digits...",
// "is 5000 bytes long, more than the 1000 a name may have"), or "" when it
// can. A name may have 1,000 bytes and a country 200: far beyond any real
// one, and short enough that the Unicode folding of a query (ICU's
// transliteration, slower than linear on long non-Latin text) stays cheap.
std::string NameProblem(std::string_view name);
// Why a birth date or a country means nothing ("'x' is not a date (YYYY,
// ...)", "'x' names no country (...)"), or "" when it is empty or valid.
std::string BirthDateProblem(std::string_view birth_date);
std::string CountryProblem(std::string_view country);
Status ValidateBirthDate(std::string_view birth_date);
Status ValidateCountry(std::string_view country);

struct Evidence {
  std::string kind;    // birth_date | country | weak_alias
  double effect = 0;   // added to the score (negative: removed)
  std::string detail;  // in words
};

struct Hit {
  uint32_t record = 0;
  uint32_t name = 0;        // the listed name that matched best
  double score = 0;         // final, in [0, 1]
  // The same sum before it is held to [0, 1]: the name's score plus every
  // piece of evidence. Hits are ranked by it, so that two exact names of
  // which one also has the birth date and nationality right do not tie at
  // 1.0 (docs/screening.md, "Ranking").
  double rank_score = 0;
  double name_score = 0;    // before other evidence
  bool displayed = false;   // met by the query's displayed reading (bidi controls)
  NameComparison comparison;
  std::vector<Evidence> evidence;
};

struct ScreenResult {
  AnalyzedName query;
  CleanedText cleaning;       // the invisible characters removed from the query
  AnalyzedName displayed;     // the displayed reading, when cleaning.displayed is set
  std::vector<Hit> hits;      // score >= threshold, best first, at most `top`
  size_t candidates = 0;      // listed names scored
  bool fallback = false;      // candidates came from the trigram fallback
};

struct ScreenerOptions {
  size_t max_candidates = 24;        // names scored per query, best look-up coverage first
  // Names tied with the last of max_candidates are told apart by the
  // letters they share with the query, up to this many of them: on a list
  // of millions, the names that share a common given name and a one-typo
  // key of the other part tie, and the cut would otherwise fall by
  // position in the list.
  size_t max_tied_candidates = 256;
  // ... on lists of more names than this only. On today's official lists
  // (34,000 names) the ties are few and small, ordering them brought no
  // recall and surfaced short cross-script meetings in unlisted names
  // (docs/performance.md); where lists grow dense the cut decides recall.
  size_t tie_break_from_names = 50000;
  // Of the max_candidates, this many (at most a quarter) are kept for the
  // best names that a one-typo key of a query part credited, when names
  // credited by other keys would fill them all.
  size_t typo_reserved_candidates = 4;
  // One-typo keys shared by more names credit only the names that the
  // query's other parts reached (they narrow; they never touch new names),
  // unless their part is the one that reaches fewest names.
  size_t max_typo_postings = 256;
  // The part whose keys reach fewest names touches them all; further parts,
  // rarest first, touch new names while their keys' postings add up to
  // this; a more common part only narrows the names touched.
  size_t max_seed_postings = 2048;
  double min_coverage = 0.30;        // share of the query's weight a candidate must reach
  double weak_alias_floor = 0.60;    // a weak alias may confirm records already this close
  double fallback_min_dice = 0.45;   // trigram overlap for fallback candidates
  ScorerOptions scorer;
};

class Screener {
 public:
  Screener(const WatchList& list, const CandidateIndex& index, ScreenerOptions options = {});
  ScreenResult Screen(const ScreenQuery& query) const;

  const WatchList& list() const { return list_; }

 private:
  // One reading of the query's name: hits with their explanations.
  ScreenResult ScreenReading(const ScreenQuery& query, std::string_view name) const;
  // Best first (ties by record key), at most top.
  void SortHits(std::vector<Hit>* hits, size_t top) const;

  const WatchList& list_;
  const CandidateIndex& index_;
  ScreenerOptions options_;
  NameScorer scorer_;
  // Per listed name, the letters of all its parts (NamePart::letters
  // joined): the tie-break at the candidate cut reads them without
  // following each name's parts.
  std::vector<uint64_t> name_letters_;
};

// The effect of a query birth date on a record with these listed dates
// (exposed for tests): + when it falls inside one, decaying to 0 one year
// off, negative beyond; 0 when either side has no date.
Evidence BirthDateEvidence(const DayRange& query, const std::vector<DayRange>& listed);

}  // namespace vigil::match
