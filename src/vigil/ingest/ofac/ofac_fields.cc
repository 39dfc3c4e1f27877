// OFAC dates, identifier labels and remarks, and the description of each list.
#include "vigil/ingest/ofac/ofac_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "vigil/ingest/internal/countries.h"

namespace vigil::ofac {
namespace {

using internal::AddName;
using internal::AddValue;
using internal::CleanField;
using internal::CountryCode;
using internal::CountryOrText;

constexpr ListInfo kSdn{"ofac-sdn", "Specially Designated Nationals and Blocked Persons List",
                        "SDN List", "ofac-"};
constexpr ListInfo kConsolidated{"ofac-consolidated", "Consolidated Sanctions List (Non-SDN Lists)",
                                 "Non-SDN Consolidated Sanctions List", "ofac-cons-"};

// Labels of identifiers in remarks and in XML idType, longest first among
// those sharing a beginning (FindIdentifierLabel picks the longest match).
constexpr IdentifierLabel kLabels[] = {
    {"Passport", "passport"},
    {"Diplomatic Passport", "passport"},
    {"National ID No.", "national_id"},
    {"National ID Number", "national_id"},
    {"National Foreign ID Number", "national_id"},
    {"Personal ID Card", "national_id"},
    {"Identification Number", "national_id"},
    {"Kenyan ID No.", "national_id"},
    {"Turkish Identification Number", "national_id"},
    {"Numero de Identidad", "national_id"},
    {"Cedula No.", "national_id"},
    {"D.N.I.", "national_id"},
    {"C.U.I.", "national_id"},
    {"C.U.R.P.", "national_id"},
    {"LE Number", "national_id"},
    {"SSN", "national_id"},
    {"Tax ID No.", "tax_id"},
    {"C.U.I.T.", "tax_id"},
    {"R.F.C.", "tax_id"},
    {"NIT #", "tax_id"},
    {"RUC #", "tax_id"},
    {"V.A.T. Number", "tax_id"},
    {"US FEIN", "tax_id"},
    {"Italian Fiscal Code", "tax_id"},
    {"Registration Number", "registration"},
    {"Registration ID", "registration"},
    {"Business Registration Number", "registration"},
    {"Business Registration Document #", "registration"},
    {"Business Number", "registration"},
    {"Company Number", "registration"},
    {"UK Company Number", "registration"},
    {"Commercial Registry Number", "registration"},
    {"Commercial Registration Number", "registration"},
    {"C.R. No.", "registration"},
    {"Trade License No.", "registration"},
    {"Chamber of Commerce Number", "registration"},
    {"Certificate of Incorporation Number", "registration"},
    {"Enterprise Number", "registration"},
    {"Folio Mercantil No.", "registration"},
    {"Matricula Mercantil No", "registration"},
    {"Public Registration Number", "registration"},
    {"Government Gazette Number", "registration"},
    {"Central Registration System Number", "registration"},
    {"Istanbul Chamber of Comm. No.", "registration"},
    {"Dubai Chamber of Commerce Membership No.", "registration"},
    {"Economic Register Number (CBLS)", "registration"},
    {"Unified Social Credit Code (USCC)", "registration"},
    {"United Social Credit Code Certificate (USCCC)", "registration"},
    {"Branch Unit Number", "registration"},
    {"Registered Charity No.", "registration"},
    {"Legal Entity Number", "lei"},
    {"D-U-N-S Number", "duns"},
    {"SWIFT/BIC", "swift_bic"},
    {"ISIN", "isin"},
    {"Vessel Registration Identification", "imo"},
    {"MMSI", "mmsi"},
    {"Aircraft Construction Number (also called L/N or S/N or F/N)", "aircraft_serial"},
    {"Aircraft Manufacturer's Serial Number (MSN)", "aircraft_serial"},
    {"Aircraft Tail Number", "aircraft_tail"},
    {"Previous Aircraft Tail Number", "aircraft_tail"},
    {"Digital Currency Address -", "digital_currency_address"},
    {"Birth Certificate Number", "other"},
    {"Electoral Registry No.", "other"},
    {"Credencial electoral", "other"},
    {"Residency Number", "other"},
    {"Driver's License No.", "other"},
    {"Refugee ID Card", "other"},
    {"Public Security and Immigration No.", "other"},
    {"Cartilla de Servicio Militar Nacional", "other"},
    {"Chinese Commercial Code", "other"},
    {"Equity Ticker", "other"},
    {"BIK (RU)", "other"},
};

constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// One date without "circa" or "to": "22 Nov 1979", "Nov 1979", "1979".
StatusOr<std::string> OneDate(std::string_view text) {
  auto words = Words(text);
  auto bad = [&] {
    return absl::InvalidArgumentError(fmt::format(
        "invalid date '{}' (expected DD Mon YYYY, Mon YYYY or YYYY, optionally 'circa' or "
        "'X to Y')",
        text));
  };
  if (words.empty() || words.size() > 3) return bad();
  int day = 0, month = 0;
  std::string_view year = words.back();
  if (!AllDigits(year) || year.size() != 4) return bad();
  if (words.size() >= 2) {
    std::string month_word(words[words.size() - 2]);
    if (!month_word.empty() && month_word.back() == '.') month_word.pop_back();
    std::transform(month_word.begin(), month_word.end(), month_word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (size_t m = 0; m < 12; ++m)
      if (month_word.size() >= 3 && month_word.compare(0, 3, kMonths[m]) == 0)
        month = static_cast<int>(m) + 1;
    if (month == 0) return bad();
  }
  if (words.size() == 3) {
    if (!AllDigits(words[0]) || words[0].size() > 2) return bad();
    day = std::stoi(std::string(words[0]));
  }
  std::string written = std::string(year);
  if (month) written += fmt::format("-{:02}", month);
  if (day) written += fmt::format("-{:02}", day);
  auto parsed = PartialDate::Parse(written);
  if (!parsed.ok()) return bad();
  return written;
}

// Splits "X (Country) rest" into value, country and rest.
void SplitValue(std::string_view text, std::string* value, std::string* country,
                std::string* rest) {
  text = std::string_view(text);
  size_t open = text.find(" (");
  if (open != std::string_view::npos) {
    size_t close = text.find(')', open);
    if (close != std::string_view::npos) {
      *value = CleanField(text.substr(0, open));
      *country = CleanField(text.substr(open + 2, close - open - 2));
      *rest = CleanField(text.substr(close + 1));
      return;
    }
  }
  for (std::string_view marker : {" issued ", " expires ", " Issue Date ", " Expire Date "}) {
    size_t at = text.find(marker);
    if (at != std::string_view::npos) {
      *value = CleanField(text.substr(0, at));
      *rest = CleanField(text.substr(at + 1));
      return;
    }
  }
  *value = CleanField(text);
}

}  // namespace

ListKind ListKindOfFile(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name.find("cons") != std::string::npos ? ListKind::kConsolidated : ListKind::kSdn;
}

const ListInfo& InfoOf(ListKind kind) { return kind == ListKind::kSdn ? kSdn : kConsolidated; }

Source ListSource(const std::string& dataset, ListKind kind, const std::string& publish_date,
                  const std::string& sha256, const std::string& files) {
  Source s;
  s.id = "list-" + dataset;
  s.title = std::string(InfoOf(kind).title);
  s.publisher = "US Treasury, Office of Foreign Assets Control";
  s.url = "https://sanctionslist.ofac.treas.gov/";
  s.kind = "list";
  s.sha256 = sha256;
  s.file = files;
  if (auto date = PartialDate::Parse(publish_date); date.ok()) s.date = *date;
  return s;
}

Claim ListClaim(const std::string& source_id, const Entity& entity) {
  Claim c;
  c.source = source_id;
  c.locator = entity.reference;
  c.confidence = 1.0;
  c.where = entity.where;
  return c;
}

void AddDesignations(const Entity& entity, const std::vector<std::string>& programs, ListKind kind,
                     const std::string& source_id, Batch* batch) {
  for (const auto& program : programs) {
    Designation d;
    d.entity = entity.id;
    d.authority_code = "US";
    d.list = std::string(InfoOf(kind).list);
    d.program = program;
    d.reference = entity.reference;
    d.where = entity.where;
    d.claims.push_back(ListClaim(source_id, entity));
    batch->designations.push_back(std::move(d));
  }
}

StatusOr<std::string> OfacDate(std::string_view text) {
  std::string cleaned = CleanField(text);
  while (!cleaned.empty() && (cleaned.back() == '.' || cleaned.back() == ';')) cleaned.pop_back();
  std::string_view s = cleaned;
  std::string_view tilde;
  for (std::string_view circa : {"circa ", "Circa ", "approximately ", "about "}) {
    if (StartsWith(s, circa)) {
      tilde = "~";
      s.remove_prefix(circa.size());
    }
  }
  size_t to = s.find(" to ");
  size_t separator = 4;
  if (to == std::string_view::npos && s.size() == 9 && s[4] == '-' && AllDigits(s.substr(0, 4)) &&
      AllDigits(s.substr(5))) {  // "1979-1982", written once in SDN.CSV
    to = 4;
    separator = 1;
  }
  if (to != std::string_view::npos) {
    auto from = OneDate(s.substr(0, to));
    auto until = OneDate(s.substr(to + separator));
    if (!from.ok() || !until.ok())
      return absl::InvalidArgumentError(fmt::format("invalid date range '{}'", cleaned));
    auto a = PartialDate::Parse(*from);
    auto b = PartialDate::Parse(*until);
    if (b->Latest() < a->Earliest())
      return absl::InvalidArgumentError(
          fmt::format("date range '{}' ends before it begins", cleaned));
    // "01 Jan 1960 to 31 Dec 1962" is the years 1960 to 1962.
    if (a->month == 1 && a->day == 1 && b->month == 12 && b->day == 31) {
      *from = std::to_string(a->year);
      *until = std::to_string(b->year);
    }
    if (*from == *until) return fmt::format("{}{}", tilde, *from);
    return fmt::format("{}{}/{}{}", tilde, *from, tilde, *until);
  }
  auto one = OneDate(s);
  if (!one.ok()) return one.status();
  return fmt::format("{}{}", tilde, *one);
}

const IdentifierLabel* FindIdentifierLabel(std::string_view text) {
  const IdentifierLabel* best = nullptr;
  for (const auto& l : kLabels) {
    if (!StartsWith(text, l.label)) continue;
    if (text.size() > l.label.size() && text[l.label.size()] != ' ' && text[l.label.size()] != ':')
      continue;
    if (!best || l.label.size() > best->label.size()) best = &l;
  }
  return best;
}

Identifier MakeIdentifier(const IdentifierLabel& label, std::string_view rest,
                          std::string_view country) {
  Identifier id;
  id.type = std::string(label.type);
  std::string value, in_parens, more;
  std::string text = CleanField(rest);
  if (!text.empty() && text.front() == ':') text = CleanField(text.substr(1));
  if (id.type == "digital_currency_address") {  // "XBT 1Kuf..."
    auto space = text.find(' ');
    id.value = space == std::string::npos ? text : text.substr(space + 1);
    id.note = space == std::string::npos ? "" : text.substr(0, space);
    return id;
  }
  SplitValue(text, &value, &in_parens, &more);
  if (id.type == "imo" && StartsWith(value, "IMO ")) value = value.substr(4);
  id.value = value;
  std::string written_country(country.empty() ? std::string_view(in_parens) : country);
  if (!written_country.empty()) {
    std::string code = CountryCode(written_country);
    if (!code.empty()) {
      id.country = code;
    } else if (!country.empty()) {
      id.country = written_country;
    } else {  // not a country: "(also called ...)" and the like stay in the note
      more = CleanField(in_parens + " " + more);
    }
  }
  bool label_says_more = id.type == "other" || id.type == "registration" ||
                         id.type == "national_id" || id.type == "tax_id" ||
                         label.label == "Diplomatic Passport";
  if (label_says_more && !more.empty())
    id.note = std::string(label.label) + "; " + more;
  else if (label_says_more)
    id.note = std::string(label.label);
  else
    id.note = more;
  return id;
}

bool SetKind(std::string_view type, Entity* entity) {
  std::string t = CleanField(type);
  std::transform(t.begin(), t.end(), t.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "individual") {
    entity->kind = "person";
  } else if (t.empty() || t == "-0-" || t == "entity") {
    entity->kind = "organization";
  } else if (t == "vessel" || t == "aircraft") {
    entity->kind = "organization";
    entity->attributes["list_type"] = t;
  } else {
    return false;
  }
  return true;
}

void ApplyRemarks(std::string_view remarks, std::string_view title, const FilePosition& where,
                  Entity* entity, internal::ReadProblems* problems) {
  std::string text = CleanField(remarks);
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')')  // "(Linked To: HAMAS)"
    text = text.substr(1, text.size() - 2);
  if (!text.empty() && text.back() == '.') text.pop_back();
  std::string clean_title = CleanField(title);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string fragment = CleanField(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (fragment.empty() || fragment == clean_title) continue;
    std::string_view f = fragment;
    if (StartsWith(f, "alt. ") || StartsWith(f, "Alt. ")) f.remove_prefix(5);
    auto after = [&](std::string_view prefix) { return CleanField(f.substr(prefix.size())); };

    if (StartsWith(f, "DOB ")) {
      auto date = OfacDate(f.substr(4));
      if (date.ok())
        AddValue(entity, "birth_date", *date);
      else
        problems->Error(where, "remarks.DOB", std::string(date.status().message()));
    } else if (StartsWith(f, "POB ")) {
      std::string place = after("POB ");
      AddValue(entity, "birth_place", place);
      size_t comma = place.rfind(',');
      std::string country = CleanField(comma == std::string::npos ? place : place.substr(comma + 1));
      std::string code = CountryCode(country);
      if (!code.empty()) AddValue(entity, "birth_country", code);
    } else if (StartsWith(f, "nationality ")) {
      AddValue(entity, "nationality", CountryOrText(after("nationality ")));
    } else if (StartsWith(f, "citizen ")) {
      AddValue(entity, "citizenship", CountryOrText(after("citizen ")));
    } else if (StartsWith(f, "Gender ")) {
      std::string gender = after("Gender ");
      std::transform(gender.begin(), gender.end(), gender.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      AddValue(entity, "gender", gender);
    } else if (StartsWith(f, "a.k.a. ") || StartsWith(f, "f.k.a. ") || StartsWith(f, "n.k.a. ")) {
      std::string name = after("a.k.a. ");
      size_t first = name.find('\''), last = name.rfind('\'');
      if (first != std::string::npos && last > first)
        name = name.substr(first + 1, last - first - 1);
      else if (first == 0)
        name = name.substr(1);  // cut off at the end of the field
      AddName(entity, CleanField(name), "weak_alias");
    } else if (StartsWith(f, "Linked To: ")) {
      AddValue(entity, "linked_to", after("Linked To: "));
    } else if (StartsWith(f, "Website ")) {
      AddValue(entity, "website", after("Website "));
    } else if (StartsWith(f, "Email Address ")) {
      AddValue(entity, "email", after("Email Address "));
    } else if (StartsWith(f, "Email:") || StartsWith(f, "Email ")) {
      AddValue(entity, "email", after("Email:"));
    } else if (StartsWith(f, "Phone") || StartsWith(f, "Telephone")) {
      std::string_view number = f.substr(StartsWith(f, "Phone") ? 5 : 9);
      for (std::string_view label : {" Number", " No.", ":"})
        if (StartsWith(number, label)) number.remove_prefix(label.size());
      AddValue(entity, "phone", CleanField(number));
    } else if (const IdentifierLabel* label = FindIdentifierLabel(f)) {
      Identifier id = MakeIdentifier(*label, f.substr(label->label.size()));
      if (id.value.empty()) {
        AddValue(entity, "remark", fragment);
        continue;
      }
      internal::AddIdentifier(entity, std::move(id));
    } else {
      AddValue(entity, "remark", fragment);
    }
  }
}

}  // namespace vigil::ofac
