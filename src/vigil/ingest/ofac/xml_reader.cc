// OFAC classic XML reader (pugixml).
#include "vigil/ingest/ofac/xml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <pugixml.hpp>
#include <unordered_set>

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



// "LAST, First" as the SDN list writes names; entities have a last name only.
std::string FullName(const pugi::xml_node& node) {
  std::string last = XmlText(node.child("lastName"));
  std::string first = XmlText(node.child("firstName"));
  if (last.empty()) return first;
  return first.empty() ? last : last + ", " + first;
}

class XmlReader {
 public:
  XmlReader(const ListFile& file, const OfacReadOptions& options)
      : file_(file), options_(options), kind_(ofac::ListKindOfFile(file.path())) {}

  StatusOr<Batch> Run() {
    pugi::xml_document doc;
    if (auto s = internal::ParseXml(file_, &doc); !s.ok()) return s;
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "sdnList")
      return InputError({file_.path(), Line(root)}, "",
                        fmt::format("not an OFAC XML list: the root element is <{}>, expected "
                                    "<sdnList>",
                                    root.name()));
    const auto& info = ofac::InfoOf(kind_);
    batch_.dataset =
        options_.dataset_name.empty() ? std::string(info.dataset) : options_.dataset_name;
    batch_.kind = "ofac-list";
    batch_.files = {file_.path()};
    batch_.sha256 = file_.sha256();
    source_id_ = "list-" + batch_.dataset;
    ReadPublishDate(root.child("publshInformation"));

    for (pugi::xml_node entry : root.children()) {
      if (entry.type() != pugi::node_element) continue;
      std::string_view name = entry.name();
      if (name == "publshInformation") continue;
      if (name != "sdnEntry") {
        problems_.Error(Where(entry), name, "unknown element (expected sdnEntry)");
        continue;
      }
      ReadEntry(entry);
      if (problems_.Full()) break;
    }
    if (problems_.ok() && batch_.entities.empty())
      problems_.Error(Where(root), "", "the list holds no sdnEntry records");
    if (!problems_.ok()) return problems_.ToStatus();

    Source source =
        ofac::ListSource(batch_.dataset, kind_, batch_.publish_date, batch_.sha256, file_.path());
    source.where = {file_.path(), 1};
    batch_.sources.insert(batch_.sources.begin(), std::move(source));
    batch_.version = internal::ListVersion(batch_.publish_date, batch_.sha256);
    problems_.MoveWarningsInto(&batch_);
    return std::move(batch_);
  }

 private:
  int Line(const pugi::xml_node& node) const { return internal::XmlLine(file_, node); }
  FilePosition Where(const pugi::xml_node& node) const { return {file_.path(), Line(node)}; }

  // Publish_Date is MM/DD/YYYY.
  void ReadPublishDate(const pugi::xml_node& info) {
    pugi::xml_node node = info.child("Publish_Date");
    std::string text = XmlText(node);
    if (text.empty()) {
      problems_.Warn("no_publish_date", Where(info), "Publish_Date",
                     "the list states no date; its version is its content hash alone");
      return;
    }
    std::string iso = text.size() == 10 && text[2] == '/' && text[5] == '/'
                          ? text.substr(6, 4) + "-" + text.substr(0, 2) + "-" + text.substr(3, 2)
                          : text;
    auto date = PartialDate::Parse(iso);
    if (!date.ok() || date->day == 0) {
      problems_.Error(Where(node), "Publish_Date",
                      fmt::format("invalid date '{}' (expected MM/DD/YYYY)", text));
      return;
    }
    batch_.publish_date = iso;
  }

  void ReadEntry(const pugi::xml_node& entry) {
    Entity e;
    e.where = Where(entry);
    e.reference = XmlText(entry.child("uid"));
    if (e.reference.empty() || !std::all_of(e.reference.begin(), e.reference.end(),
                                            [](char c) { return c >= '0' && c <= '9'; })) {
      problems_.Error(e.where, "sdnEntry.uid",
                      e.reference.empty()
                          ? std::string("missing")
                          : fmt::format("expected a number, found '{}'", e.reference));
      return;
    }
    e.id = std::string(ofac::InfoOf(kind_).key_prefix) + e.reference;
    if (auto [it, inserted] = uids_.emplace(e.reference, e.where.line); !inserted) {
      problems_.Error(e.where, "sdnEntry.uid",
                      fmt::format("duplicate uid {} (first at line {})", e.reference, it->second));
      return;
    }
    pugi::xml_node type = entry.child("sdnType");
    if (!ofac::SetKind(XmlText(type), &e) || XmlText(type).empty()) {
      problems_.Error(Where(type ? type : entry), "sdnEntry.sdnType",
                      fmt::format("unknown entity type '{}' (expected Individual, Entity, Vessel "
                                  "or Aircraft)",
                                  XmlText(type)));
      return;
    }
    std::string name = FullName(entry);
    if (name.empty()) {
      problems_.Error(e.where, "sdnEntry.lastName",
                      fmt::format("entry {} has no name", e.reference));
      return;
    }
    AddName(&e, name, "primary");
    for (pugi::xml_node aka : entry.child("akaList").children("aka")) {
      std::string category = XmlText(aka.child("category"));
      AddName(&e, FullName(aka), category == "weak" ? "weak_alias" : "alias");
    }
    std::string title = XmlText(entry.child("title"));
    AddValue(&e, "title", title);
    for (pugi::xml_node dob : entry.child("dateOfBirthList").children("dateOfBirthItem")) {
      pugi::xml_node node = dob.child("dateOfBirth");
      std::string text = XmlText(node);
      if (text.empty()) continue;
      auto date = ofac::OfacDate(text);
      if (date.ok())
        AddValue(&e, "birth_date", *date);
      else
        problems_.Error(Where(node), "dateOfBirth", std::string(date.status().message()));
    }
    for (pugi::xml_node pob : entry.child("placeOfBirthList").children("placeOfBirthItem")) {
      std::string place = XmlText(pob.child("placeOfBirth"));
      AddValue(&e, "birth_place", place);
      size_t comma = place.rfind(',');
      std::string code = internal::CountryCode(
          CleanField(comma == std::string::npos ? place : place.substr(comma + 1)));
      if (!code.empty()) AddValue(&e, "birth_country", code);
    }
    for (pugi::xml_node n : entry.child("nationalityList").children("nationality"))
      AddValue(&e, "nationality", CountryOrText(XmlText(n.child("country"))));
    for (pugi::xml_node n : entry.child("citizenshipList").children("citizenship"))
      AddValue(&e, "citizenship", CountryOrText(XmlText(n.child("country"))));
    for (pugi::xml_node a : entry.child("addressList").children("address")) {
      std::string country = XmlText(a.child("country"));
      AddValue(&e, "address",
               JoinParts({XmlText(a.child("address1")), XmlText(a.child("address2")),
                          XmlText(a.child("address3")), XmlText(a.child("city")),
                          XmlText(a.child("stateOrProvince")), XmlText(a.child("postalCode")), country}));
      if (!country.empty()) AddValue(&e, "address_country", CountryOrText(country));
    }
    for (pugi::xml_node id : entry.child("idList").children("id")) ReadId(id, &e);
    if (pugi::xml_node vessel = entry.child("vesselInfo")) {
      static constexpr std::pair<const char*, std::string_view> kVessel[] = {
          {"callSign", "call_sign"},     {"vesselType", "vessel_type"},
          {"vesselFlag", "vessel_flag"}, {"vesselOwner", "vessel_owner"},
          {"tonnage", "tonnage"},        {"grossRegisteredTonnage", "gross_registered_tonnage"}};
      for (const auto& [element, key] : kVessel) AddValue(&e, key, XmlText(vessel.child(element)));
    }
    ofac::ApplyRemarks(XmlText(entry.child("remarks")), title, e.where, &e, &problems_);
    e.claims.push_back(ofac::ListClaim(source_id_, e));
    std::vector<std::string> programs;
    std::unordered_set<std::string> seen_programs;
    for (pugi::xml_node p : entry.child("programList").children("program")) {
      std::string program = XmlText(p);
      if (!program.empty() && seen_programs.insert(program).second) programs.push_back(program);
    }
    if (programs.empty())
      problems_.Warn(
          "no_program", e.where, "programList",
          fmt::format("entry {} names no sanctions program; it has no designation", e.reference));
    ofac::AddDesignations(e, programs, kind_, source_id_, &batch_);
    internal::RemoveRepeats(&e);
    batch_.entities.push_back(std::move(e));
  }

  void ReadId(const pugi::xml_node& node, Entity* e) {
    std::string type = XmlText(node.child("idType"));
    std::string number = XmlText(node.child("idNumber"));
    std::string country = XmlText(node.child("idCountry"));
    if (type.empty() && number.empty()) return;
    std::string label = type;
    while (!label.empty() && (label.back() == ':' || label.back() == '-' || label.back() == ' '))
      label.pop_back();
    if (label == "Website") return AddValue(e, "website", number);
    if (label == "Email Address") return AddValue(e, "email", number);
    if (label == "Phone Number" || label == "Telephone") return AddValue(e, "phone", number);
    if (label == "Gender") {
      std::transform(number.begin(), number.end(), number.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      return AddValue(e, "gender", number);
    }
    const ofac::IdentifierLabel* known = ofac::FindIdentifierLabel(type);
    if (!known || number.empty()) {
      AddValue(e, "remark", CleanField(type + " " + number));
      return;
    }
    Identifier id = ofac::MakeIdentifier(*known, number, country);
    std::string issued = XmlText(node.child("issueDate"));
    std::string expires = XmlText(node.child("expirationDate"));
    if (!issued.empty()) id.note = JoinParts({id.note, "issued " + issued});
    if (!expires.empty()) id.note = JoinParts({id.note, "expires " + expires});
    internal::AddIdentifier(e, std::move(id));
  }

  const ListFile& file_;
  const OfacReadOptions& options_;
  ofac::ListKind kind_;
  std::string source_id_;
  Batch batch_;
  ReadProblems problems_;
  std::map<std::string, int> uids_;
};

}  // namespace

StatusOr<Batch> ParseOfacXml(std::string text, const std::string& path,
                             const OfacReadOptions& options) {
  auto file = ListFile::FromText(std::move(text), path);
  if (!file.ok()) return file.status();
  return XmlReader(*file, options).Run();
}

StatusOr<Batch> ReadOfacXml(const std::string& path, const OfacReadOptions& options) {
  auto file = ListFile::Read(path);
  if (!file.ok()) return file.status();
  return XmlReader(*file, options).Run();
}

}  // namespace vigil
