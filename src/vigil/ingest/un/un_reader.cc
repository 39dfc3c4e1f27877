// UN Security Council Consolidated List reader (pugixml).
#include "vigil/ingest/un/un_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <pugixml.hpp>
#include <string_view>

#include "vigil/ingest/internal/countries.h"
#include "vigil/ingest/internal/list_input.h"
#include "vigil/ingest/internal/xml_input.h"

namespace vigil {
namespace {

using internal::AddName;
using internal::AddValue;
using internal::CleanField;
using internal::CountryOrText;
using internal::JoinParts;
using internal::ListFile;
using internal::ReadProblems;
using internal::XmlText;

constexpr std::string_view kListTitle = "United Nations Security Council Consolidated List";
constexpr std::string_view kPublisher = "United Nations Security Council";

// Sanctions regimes by the two letters that open a reference number
// ("TAi.144": TA, i for individual). The program names the committee's
// resolution and subject.
constexpr std::pair<std::string_view, std::string_view> kRegimes[] = {
    {"QD", "1267 ISIL (Da'esh) and Al-Qaida"},
    {"TA", "1988 Taliban"},
    {"KP", "1718 DPRK"},
    {"IQ", "1518 Iraq"},
    {"IR", "2231 Iran"},
    {"LY", "1970 Libya"},
    {"SO", "751 Somalia and Al-Shabaab"},
    {"CD", "1533 Democratic Republic of the Congo"},
    {"CF", "2127 Central African Republic"},
    {"SD", "1591 Sudan"},
    {"SS", "2206 South Sudan"},
    {"YE", "2140 Yemen"},
    {"ML", "2374 Mali"},
    {"GB", "2048 Guinea-Bissau"},
    {"HT", "2653 Haiti"},
};


bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

bool ContainsNoCase(std::string_view s, std::string_view word) {
  for (size_t i = 0; i + word.size() <= s.size(); ++i)
    if (StartsWithNoCase(s.substr(i), word)) return true;
  return false;
}

// Joins the non-empty parts with ", ".

class UnReader {
 public:
  UnReader(const ListFile& file, const UnReadOptions& options)
      : file_(file), options_(options), source_id_("list-" + options.dataset_name) {}

  StatusOr<Batch> Run() {
    pugi::xml_document doc;
    if (auto s = internal::ParseXml(file_, &doc); !s.ok()) return s;
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "CONSOLIDATED_LIST")
      return InputError({file_.path(), Line(root)}, "",
                        fmt::format("not a UN consolidated list: the root element is <{}>, "
                                    "expected <CONSOLIDATED_LIST>",
                                    root.name()));
    batch_.dataset = options_.dataset_name;
    batch_.kind = "un-list";
    batch_.files = {file_.path()};
    batch_.sha256 = file_.sha256();
    ReadPublishDate(root);

    for (pugi::xml_node group : root.children()) {
      if (group.type() != pugi::node_element) continue;
      std::string_view name = group.name();
      std::string_view expected = name == "INDIVIDUALS" ? "INDIVIDUAL"
                                  : name == "ENTITIES"  ? "ENTITY"
                                                        : "";
      if (expected.empty()) {
        problems_.Error({file_.path(), Line(group)}, name,
                        "unknown section (expected INDIVIDUALS or ENTITIES)");
        continue;
      }
      for (pugi::xml_node record : group.children()) {
        if (record.type() != pugi::node_element) continue;
        if (std::string_view(record.name()) != expected) {
          problems_.Error({file_.path(), Line(record)}, record.name(),
                          fmt::format("unknown entity type <{}> in <{}> (expected <{}>)",
                                      record.name(), name, expected));
          continue;
        }
        ReadRecord(record, expected == "INDIVIDUAL");
        if (problems_.Full()) return problems_.ToStatus();
      }
    }
    if (problems_.ok() && batch_.entities.empty())
      problems_.Error({file_.path(), Line(root)}, "",
                      "the list holds no INDIVIDUAL or ENTITY records");
    if (!problems_.ok()) return problems_.ToStatus();

    Source source;
    source.id = source_id_;
    source.title = std::string(kListTitle);
    source.publisher = std::string(kPublisher);
    source.url = "https://scsanctions.un.org/consolidated/";
    source.kind = "list";
    source.sha256 = file_.sha256();
    source.file = file_.path();
    if (auto date = PartialDate::Parse(batch_.publish_date); date.ok()) source.date = *date;
    source.where = {file_.path(), 1};
    batch_.sources.insert(batch_.sources.begin(), std::move(source));
    batch_.version = internal::ListVersion(batch_.publish_date, batch_.sha256);
    problems_.MoveWarningsInto(&batch_);
    return std::move(batch_);
  }

 private:
  int Line(const pugi::xml_node& node) const { return internal::XmlLine(file_, node); }
  FilePosition Where(const pugi::xml_node& node) const { return {file_.path(), Line(node)}; }

  void ReadPublishDate(const pugi::xml_node& root) {
    std::string generated = CleanField(root.attribute("dateGenerated").value());
    std::string day = generated.substr(0, 10);
    if (generated.empty()) {
      problems_.Warn("no_publish_date", Where(root), "dateGenerated",
                     "the list states no date; its version is its content hash alone");
      return;
    }
    auto date = PartialDate::Parse(day);
    if (!date.ok() || date->day == 0) {
      problems_.Error(Where(root), "dateGenerated",
                      fmt::format("invalid date '{}' (expected YYYY-MM-DDThh:mm:ss)", generated));
      return;
    }
    batch_.publish_date = day;
  }

  // A date element holding "YYYY-MM-DD", possibly followed by a time zone
  // ("2010-02-23-05:00"), or with partial, also "YYYY" or "YYYY-MM". Empty
  // when absent; records an error when invalid.
  std::string DateOf(const pugi::xml_node& parent, const char* child, std::string_view field,
                     bool partial = false) {
    pugi::xml_node node = parent.child(child);
    std::string text = XmlText(node);
    if (text.empty()) return "";
    if (partial && text.size() < 10) {
      auto date = PartialDate::Parse(text);
      if (date.ok() && !date->approximate) return text;
    }
    std::string day = text.substr(0, 10);
    auto date = PartialDate::Parse(day);
    // Read past the date only when there is something there (text[10] of a
    // shorter text was read before).
    bool zone_ok = text.size() == 10 || (text.size() > 10 && (text[10] == 'Z' || text[10] == '+' ||
                                                              text[10] == '-' || text[10] == 'T'));
    if (!date.ok() || date->day == 0 || !zone_ok) {
      problems_.Error(Where(node), field,
                      fmt::format("invalid date '{}' (expected {})", text,
                                  partial ? "YYYY, YYYY-MM or YYYY-MM-DD" : "YYYY-MM-DD"));
      return "";
    }
    return day;
  }

  // A year element ("1961"); empty when absent, an error when invalid.
  std::string YearOf(const pugi::xml_node& parent, const char* child, std::string_view field) {
    pugi::xml_node node = parent.child(child);
    std::string text = XmlText(node);
    if (text.empty()) return "";
    auto date = PartialDate::Parse(text);
    if (!date.ok() || date->month != 0 || date->approximate) {
      problems_.Error(Where(node), field, fmt::format("invalid year '{}' (expected YYYY)", text));
      return "";
    }
    return text;
  }

  void ReadRecord(const pugi::xml_node& record, bool individual) {
    const std::string type = record.name();
    Entity e;
    e.where = Where(record);
    e.kind = individual ? "person" : "organization";

    pugi::xml_node reference_node = record.child("REFERENCE_NUMBER");
    e.reference = XmlText(reference_node);
    if (e.reference.empty()) {
      problems_.Error(e.where, type + ".REFERENCE_NUMBER",
                      "missing: every listed record needs its reference number");
      return;
    }
    e.id = "un-" + internal::KeyPart(e.reference);
    if (auto [it, inserted] = references_.emplace(e.reference, e.where.line); !inserted) {
      problems_.Error(
          Where(reference_node), type + ".REFERENCE_NUMBER",
          fmt::format("duplicate reference '{}' (first at line {})", e.reference, it->second));
      return;
    }

    std::string primary;
    for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
      std::string text = XmlText(record.child(part));
      if (!text.empty()) internal::AppendJoined(&primary, " ", text);
    }
    if (primary.empty()) {
      problems_.Error(e.where, type + ".FIRST_NAME",
                      fmt::format("record {} has no name", e.reference));
      return;
    }
    AddName(&e, primary, "primary");
    for (const auto& original : SplitNames(XmlText(record.child("NAME_ORIGINAL_SCRIPT"))))
      AddName(&e, original, "original_script");

    const char* alias_tag = individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
    for (pugi::xml_node alias : record.children(alias_tag)) ReadAlias(alias, type, &e);

    for (pugi::xml_node v : record.child("TITLE").children("VALUE")) AddValue(&e, "title", XmlText(v));
    for (pugi::xml_node v : record.child("DESIGNATION").children("VALUE"))
      AddValue(&e, "position", XmlText(v));
    for (pugi::xml_node v : record.child("NATIONALITY").children("VALUE")) {
      std::string text = XmlText(v);
      if (!text.empty()) AddValue(&e, "nationality", CountryOrText(text));
    }
    std::string gender = XmlText(record.child("GENDER"));
    std::transform(gender.begin(), gender.end(), gender.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (gender == "male" || gender == "female") AddValue(&e, "gender", gender);

    if (individual) {
      for (pugi::xml_node dob : record.children("INDIVIDUAL_DATE_OF_BIRTH"))
        ReadBirthDate(dob, type, &e);
      for (pugi::xml_node pob : record.children("INDIVIDUAL_PLACE_OF_BIRTH")) {
        std::string country = XmlText(pob.child("COUNTRY"));
        AddValue(&e, "birth_place",
                 JoinParts({XmlText(pob.child("STREET")), XmlText(pob.child("CITY")),
                            XmlText(pob.child("STATE_PROVINCE")), country}));
        if (!country.empty()) AddValue(&e, "birth_country", CountryOrText(country));
      }
      for (pugi::xml_node doc : record.children("INDIVIDUAL_DOCUMENT")) ReadDocument(doc, &e);
    }
    for (pugi::xml_node address :
         record.children(individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
      std::string country = XmlText(address.child("COUNTRY"));
      std::string text = JoinParts({XmlText(address.child("STREET")), XmlText(address.child("CITY")),
                                    XmlText(address.child("STATE_PROVINCE")),
                                    XmlText(address.child("ZIP_CODE")), country});
      std::string note = XmlText(address.child("NOTE"));
      if (!text.empty() && !note.empty()) text += " (" + note + ")";
      AddValue(&e, "address", text);
      if (!country.empty()) AddValue(&e, "address_country", CountryOrText(country));
    }
    AddValue(&e, "remark", XmlText(record.child("COMMENTS1")));

    Claim claim;
    claim.source = source_id_;
    claim.locator = e.reference;
    claim.confidence = 1.0;
    claim.where = e.where;
    e.claims.push_back(claim);

    Designation d;
    d.entity = e.id;
    d.authority_code = "UN";
    d.list = std::string(kListTitle);
    d.program = Program(e.reference, XmlText(record.child("UN_LIST_TYPE")));
    d.reference = e.reference;
    d.where = e.where;
    std::string listed = DateOf(record, "LISTED_ON", type + ".LISTED_ON");
    if (!listed.empty()) d.date = *PartialDate::Parse(listed);
    d.claims.push_back(claim);
    if (d.program.empty()) {
      problems_.Error(e.where, type + ".UN_LIST_TYPE",
                      fmt::format("record {}: no sanctions regime (UN_LIST_TYPE is empty and "
                                  "the reference prefix is unknown)",
                                  e.reference));
      return;
    }
    internal::RemoveRepeats(&e);
    batch_.entities.push_back(std::move(e));
    batch_.designations.push_back(std::move(d));
  }

  static std::string Program(const std::string& reference, const std::string& list_type) {
    std::string prefix = reference.substr(0, 2);
    for (auto& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& [code, program] : kRegimes)
      if (prefix == code) return std::string(program);
    return list_type;
  }

  // Alias fields may hold several names separated by ';'.
  static std::vector<std::string> SplitNames(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find(';', start);
      if (end == std::string::npos) end = text.size();
      std::string part = CleanField(std::string_view(text).substr(start, end - start));
      if (!part.empty()) out.push_back(std::move(part));
      start = end + 1;
    }
    return out;
  }

  void ReadAlias(const pugi::xml_node& alias, const std::string& type, Entity* e) {
    std::string quality = XmlText(alias.child("QUALITY"));
    std::string names = XmlText(alias.child("ALIAS_NAME"));
    if (names.empty()) return;  // the list writes empty <ALIAS> placeholders
    std::string kind;
    if (quality.empty() || quality == "Good" || quality == "a.k.a." || quality == "f.k.a.") {
      kind = "alias";
    } else if (quality == "Low") {
      kind = "weak_alias";
    } else {
      kind = "alias";
      problems_.Warn("unknown_alias_quality", Where(alias), type + "_ALIAS.QUALITY",
                     fmt::format("unknown quality '{}' (expected Good, Low, a.k.a. or f.k.a.); "
                                 "read as a strong alias",
                                 quality));
    }
    for (auto& name : SplitNames(names)) {
      // "Abu Muhammad (original script: Абу Мухаммад)"
      constexpr std::string_view kMarker = "(original script:";
      if (auto at = name.find(kMarker); at != std::string::npos) {
        std::string original = name.substr(at + kMarker.size());
        if (!original.empty() && original.back() == ')') original.pop_back();
        AddName(e, CleanField(original), "original_script");
        name = CleanField(name.substr(0, at));
      }
      AddName(e, name, kind);
    }
    std::string born = DateOf(alias, "DATE_OF_BIRTH", type + "_ALIAS.DATE_OF_BIRTH", true);
    AddValue(e, "birth_date", born);
    std::string country = XmlText(alias.child("COUNTRY_OF_BIRTH"));
    AddValue(e, "birth_place", JoinParts({XmlText(alias.child("CITY_OF_BIRTH")), country}));
    if (!country.empty()) AddValue(e, "birth_country", CountryOrText(country));
  }

  void ReadBirthDate(const pugi::xml_node& dob, const std::string& type, Entity* e) {
    std::string field = type + "_DATE_OF_BIRTH";
    std::string kind = XmlText(dob.child("TYPE_OF_DATE"));
    bool approximate = kind == "APPROXIMATELY" || ContainsNoCase(XmlText(dob.child("NOTE")), "approx");
    std::string tilde = approximate ? "~" : "";
    if (!kind.empty() && kind != "EXACT" && kind != "APPROXIMATELY" && kind != "BETWEEN") {
      problems_.Error(
          Where(dob), field + ".TYPE_OF_DATE",
          fmt::format("unknown type '{}' (expected EXACT, APPROXIMATELY or BETWEEN)", kind));
      return;
    }
    std::string date = DateOf(dob, "DATE", field + ".DATE", true);
    std::string year = YearOf(dob, "YEAR", field + ".YEAR");
    std::string from = YearOf(dob, "FROM_YEAR", field + ".FROM_YEAR");
    std::string to = YearOf(dob, "TO_YEAR", field + ".TO_YEAR");
    if (!from.empty() || !to.empty()) {
      if (from.empty() || to.empty()) {
        AddValue(e, "birth_date", tilde + (from.empty() ? to : from));
      } else if (to < from) {
        problems_.Error(Where(dob), field,
                        fmt::format("TO_YEAR {} is before FROM_YEAR {}", to, from));
      } else {
        AddValue(e, "birth_date", from == to ? tilde + from : tilde + from + "/" + tilde + to);
      }
    }
    if (!date.empty()) AddValue(e, "birth_date", tilde + date);
    if (!year.empty()) AddValue(e, "birth_date", tilde + year);
  }

  void ReadDocument(const pugi::xml_node& doc, Entity* e) {
    std::string type = XmlText(doc.child("TYPE_OF_DOCUMENT"));
    std::string detail = XmlText(doc.child("TYPE_OF_DOCUMENT2"));
    std::string number = XmlText(doc.child("NUMBER"));
    std::string note_text = XmlText(doc.child("NOTE"));
    if (type.empty() && number.empty() && detail.empty() && note_text.empty()) return;
    std::string country = XmlText(doc.child("ISSUING_COUNTRY"));
    if (country.empty()) country = XmlText(doc.child("COUNTRY_OF_ISSUE"));
    std::string issued = XmlText(doc.child("DATE_OF_ISSUE"));
    std::string city = XmlText(doc.child("CITY_OF_ISSUE"));
    std::string note = JoinParts({detail, issued.empty() ? "" : "issued " + issued,
                                  city.empty() ? "" : "in " + city, note_text});
    if (number.empty()) {  // the number is sometimes only in the prose
      AddValue(e, "remark", JoinParts({type, note}));
      return;
    }
    Identifier id;
    id.type = StartsWithNoCase(type, "passport") || ContainsNoCase(type, "pasaporte") ||
                      ContainsNoCase(type, "passeport")
                  ? "passport"
              : ContainsNoCase(type, "national") ? "national_id"
                                                 : "other";
    id.value = number;
    id.country = country.empty() ? "" : internal::CountryOrText(country);
    id.note = id.type == "other" ? JoinParts({type, note}) : note;
    internal::AddIdentifier(e, std::move(id));
  }

  const ListFile& file_;
  const UnReadOptions& options_;
  const std::string source_id_;
  Batch batch_;
  ReadProblems problems_;
  std::map<std::string, int> references_;
};

}  // namespace

StatusOr<Batch> ParseUnList(std::string text, const std::string& path,
                            const UnReadOptions& options) {
  auto file = ListFile::FromText(std::move(text), path);
  if (!file.ok()) return file.status();
  return UnReader(*file, options).Run();
}

StatusOr<Batch> ReadUnList(const std::string& path, const UnReadOptions& options) {
  auto file = ListFile::Read(path);
  if (!file.ok()) return file.status();
  return UnReader(*file, options).Run();
}

}  // namespace vigil
