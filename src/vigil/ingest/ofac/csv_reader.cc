// OFAC CSV set reader: SDN + ALT + ADD + COMMENTS joined by ent_num.
#include "vigil/ingest/ofac/csv_reader.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "vigil/ingest/internal/countries.h"
#include "vigil/ingest/internal/list_input.h"
#include "vigil/ingest/ofac/csv_records.h"

namespace vigil {
namespace {

using internal::AddName;
using internal::AddValue;
using internal::CleanField;
using internal::JoinParts;
using internal::ListFile;
using internal::ReadProblems;
using ofac::CsvShape;

constexpr size_t kShapes = 5;

// Programs as SDN.CSV writes them: "SDGT] [IRGC" (the outer brackets are
// left out by the format); each once, in order.
std::vector<std::string> SplitPrograms(std::string_view text) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& part) {
    std::string program = CleanField(part);
    if (!program.empty() && seen.insert(program).second) out.push_back(std::move(program));
  };
  std::string current;
  for (char c : text) {
    if (c == '[' || c == ']') {
      add(current);
      current.clear();
    } else {
      current += c;
    }
  }
  add(current);
  return out;
}

class CsvSetReader {
 public:
  CsvSetReader(std::vector<ListFile> files, const OfacReadOptions& options)
      : files_(std::move(files)), options_(options) {}

  StatusOr<Batch> Run() {
    if (auto s = Classify(); !s.ok()) return s;
    const ListFile& main = *by_shape_[static_cast<size_t>(CsvShape::kMain)];
    kind_ = ofac::ListKindOfFile(main.path());
    const auto& info = ofac::InfoOf(kind_);
    batch_.dataset =
        options_.dataset_name.empty() ? std::string(info.dataset) : options_.dataset_name;
    batch_.kind = "ofac-list";
    source_id_ = "list-" + batch_.dataset;

    ReadMain(main);
    if (const ListFile* comments = File(CsvShape::kComments)) ReadComments(*comments, main);
    if (!problems_.ok()) return problems_.ToStatus();
    BuildEntities();
    if (const ListFile* aliases = File(CsvShape::kAliases)) ReadAliases(*aliases, main);
    FinishEntities();
    if (const ListFile* addresses = File(CsvShape::kAddresses)) ReadAddresses(*addresses, main);
    if (!problems_.ok()) return problems_.ToStatus();
    for (Entity& e : batch_.entities) internal::RemoveRepeats(&e);

    std::vector<std::string> hashes, paths;
    for (auto shape :
         {CsvShape::kMain, CsvShape::kAliases, CsvShape::kAddresses, CsvShape::kComments})
      if (const ListFile* f = File(shape)) {
        hashes.push_back(f->sha256());
        paths.push_back(f->path());
      }
    batch_.files = paths;
    batch_.sha256 = internal::CombinedSha256(hashes);
    batch_.version = internal::ListVersion("", batch_.sha256);
    std::string joined;
    for (const auto& p : paths) internal::AppendJoined(&joined, ", ", p);
    Source source = ofac::ListSource(batch_.dataset, kind_, "", batch_.sha256, joined);
    source.where = {main.path(), 1};
    batch_.sources.insert(batch_.sources.begin(), std::move(source));
    problems_.MoveWarningsInto(&batch_);
    return std::move(batch_);
  }

 private:
  // A main record as read, before its aliases and remarks are joined.
  struct Raw {
    std::array<std::string, 12> fields;
    int line = 0;
  };

  const ListFile* File(CsvShape shape) const { return by_shape_[static_cast<size_t>(shape)]; }

  Status Classify() {
    for (const auto& f : files_) {
      CsvShape shape = ofac::ClassifyOfacCsv(f.bytes());
      if (shape == CsvShape::kUnknown)
        return InputError({f.path(), 1}, "",
                          "not an OFAC CSV file: expected records of 12 fields (SDN.CSV), 5 "
                          "(ALT.CSV), 6 (ADD.CSV) or 2 (SDN_COMMENTS.CSV), each beginning with a "
                          "numeric ent_num");
      auto& slot = by_shape_[static_cast<size_t>(shape)];
      if (slot)
        return InputError({f.path(), 1}, "",
                          fmt::format("a second {} file in one load (the first is {}); give one "
                                      "file of each kind",
                                      ofac::ShapeName(shape), slot->path()));
      slot = &f;
    }
    if (!File(CsvShape::kMain)) {
      const ListFile& any = files_.front();
      return InputError({any.path(), 1}, "",
                        "aliases, addresses or comments without their SDN.CSV: give the SDN.CSV "
                        "file of the same list in the same load");
    }
    return absl::OkStatus();
  }

  // Visits the data records of a file, checking their field count and
  // ent_num; a header row on the first line is skipped.
  void ForEachRecord(const ListFile& file, CsvShape shape,
                     const std::function<void(std::vector<std::string>&, int)>& body) {
    bool first = true;
    size_t expected = ofac::FieldCount(shape);
    auto status = ofac::ForEachCsvRecord(file, [&](std::vector<std::string>& fields, int line) {
      bool header = first && ofac::IsHeaderRow(fields);
      first = false;
      if (header) return true;
      if (fields.size() != expected) {
        problems_.Error({file.path(), line}, "record",
                        fmt::format("expected {} fields ({} layout), found {}", expected,
                                    ofac::ShapeName(shape), fields.size()));
      } else if (ofac::IsHeaderRow(fields)) {
        problems_.Error({file.path(), line}, "ent_num",
                        fmt::format("expected a number, found '{}'", fields[0]));
      } else {
        body(fields, line);
      }
      return !problems_.Full();
    });
    if (!status.ok()) problems_.Error({file.path(), 0}, "", std::string(status.message()));
  }

  void ReadMain(const ListFile& file) {
    ForEachRecord(file, CsvShape::kMain, [&](std::vector<std::string>& fields, int line) {
      auto [it, inserted] = index_.emplace(fields[0], raws_.size());
      if (!inserted) {
        problems_.Error({file.path(), line}, "ent_num",
                        fmt::format("duplicate ent_num {} (first at line {})", fields[0],
                                    raws_[it->second].line));
        return;
      }
      Raw raw;
      raw.line = line;
      for (size_t i = 0; i < 12; ++i) raw.fields[i] = std::move(fields[i]);
      raws_.push_back(std::move(raw));
    });
  }

  void ReadComments(const ListFile& file, const ListFile& main) {
    ForEachRecord(file, CsvShape::kComments, [&](std::vector<std::string>& fields, int line) {
      auto it = index_.find(fields[0]);
      if (it == index_.end()) {
        problems_.Warn(
            "orphan_comment", {file.path(), line}, "ent_num",
            fmt::format("remarks of entry {}, which {} does not hold", fields[0], main.path()));
        orphan_entries_["orphan_comment"].insert(fields[0]);
        return;
      }
      raws_[it->second].fields[11] += fields[1];
    });
    Summarize("orphan_comment", file, main, "remarks continuations");
  }

  void BuildEntities() {
    const auto& info = ofac::InfoOf(kind_);
    const std::string& path = File(CsvShape::kMain)->path();
    batch_.entities.reserve(raws_.size());
    for (auto& raw : raws_) {
      Entity e;
      e.where = {path, raw.line};
      e.reference = raw.fields[0];
      e.id = std::string(info.key_prefix) + raw.fields[0];
      if (!ofac::SetKind(raw.fields[2], &e))
        problems_.Error(e.where, "SDN_Type",
                        fmt::format("unknown entity type '{}' (expected individual, vessel, "
                                    "aircraft, or -0- for an entity)",
                                    raw.fields[2]));
      std::string name = CleanField(raw.fields[1]);
      if (name.empty()) problems_.Error(e.where, "SDN_Name", "empty name");
      AddName(&e, std::move(name), "primary");
      batch_.entities.push_back(std::move(e));
    }
  }

  void ReadAliases(const ListFile& file, const ListFile& main) {
    ForEachRecord(file, CsvShape::kAliases, [&](std::vector<std::string>& fields, int line) {
      auto it = index_.find(fields[0]);
      std::string name = CleanField(fields[3]);
      if (it == index_.end()) {
        problems_.Warn("orphan_alias", {file.path(), line}, "ent_num",
                       fmt::format("alias '{}' belongs to entry {}, which {} does not hold", name,
                                   fields[0], main.path()));
        orphan_entries_["orphan_alias"].insert(fields[0]);
        return;
      }
      std::string type = CleanField(fields[2]);
      if (type != "aka" && type != "fka" && type != "nka")
        problems_.Warn(
            "unknown_alias_type", {file.path(), line}, "alt_type",
            fmt::format("unknown type '{}' (expected aka, fka or nka); read as an alias", type));
      if (name.empty()) return;
      AddName(&batch_.entities[it->second], std::move(name), "alias");
      AddValue(&batch_.entities[it->second], "remark", CleanField(fields[4]));
    });
    Summarize("orphan_alias", file, main, "aliases");
  }

  void FinishEntities() {
    for (size_t i = 0; i < raws_.size(); ++i) {
      Raw& raw = raws_[i];
      Entity& e = batch_.entities[i];
      std::string title = CleanField(raw.fields[4]);
      AddValue(&e, "title", title);
      static constexpr std::pair<size_t, std::string_view> kVessel[] = {
          {5, "call_sign"},   {6, "vessel_type"},  {7, "tonnage"}, {8, "gross_registered_tonnage"},
          {9, "vessel_flag"}, {10, "vessel_owner"}};
      for (const auto& [column, key] : kVessel) AddValue(&e, key, CleanField(raw.fields[column]));
      ofac::ApplyRemarks(raw.fields[11], title, e.where, &e, &problems_);
      e.claims.push_back(ofac::ListClaim(source_id_, e));
      std::vector<std::string> programs = SplitPrograms(raw.fields[3]);
      if (programs.empty())
        problems_.Warn(
            "no_program", e.where, "Program",
            fmt::format("entry {} names no sanctions program; it has no designation", e.reference));
      ofac::AddDesignations(e, programs, kind_, source_id_, &batch_);
    }
  }

  void ReadAddresses(const ListFile& file, const ListFile& main) {
    ForEachRecord(file, CsvShape::kAddresses, [&](std::vector<std::string>& fields, int line) {
      auto it = index_.find(fields[0]);
      if (it == index_.end()) {
        problems_.Warn(
            "orphan_address", {file.path(), line}, "ent_num",
            fmt::format("address of entry {}, which {} does not hold", fields[0], main.path()));
        orphan_entries_["orphan_address"].insert(fields[0]);
        return;
      }
      Entity& e = batch_.entities[it->second];
      std::string address = JoinParts({fields[2], fields[3], fields[4]});
      std::string remark = CleanField(fields[5]);
      if (!address.empty() && !remark.empty()) address += " (" + remark + ")";
      AddValue(&e, "address", address);
      std::string country = CleanField(fields[4]);
      if (!country.empty()) AddValue(&e, "address_country", internal::CountryOrText(country));
    });
    Summarize("orphan_address", file, main, "addresses");
  }

  void Summarize(std::string_view kind, const ListFile& file, const ListFile& main,
                 std::string_view what) {
    int64_t count = problems_.WarningCount(kind);
    if (count == 0) return;
    problems_.Summarize(
        kind, fmt::format("{}: {} {} of {} entries that {} does not hold were skipped (are the "
                          "files of different dates?){}",
                          file.path(), count, what, orphan_entries_[std::string(kind)].size(),
                          main.path(),
                          count > static_cast<int64_t>(ReadProblems::kQuotedWarningsPerKind)
                              ? fmt::format("; the first {} are quoted above",
                                            ReadProblems::kQuotedWarningsPerKind)
                              : ""));
  }

  std::vector<ListFile> files_;
  const OfacReadOptions& options_;
  std::array<const ListFile*, kShapes> by_shape_{};
  ofac::ListKind kind_ = ofac::ListKind::kSdn;
  std::string source_id_;
  std::vector<Raw> raws_;
  std::unordered_map<std::string, size_t> index_;
  std::map<std::string, std::unordered_set<std::string>> orphan_entries_;
  Batch batch_;
  ReadProblems problems_;
};

}  // namespace

StatusOr<Batch> ReadOfacCsv(const std::vector<std::string>& paths, const OfacReadOptions& options) {
  if (paths.empty()) return absl::InvalidArgumentError("no OFAC CSV files given");
  std::vector<ListFile> files;
  for (const auto& path : paths) {
    auto file = ListFile::Read(path);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  return CsvSetReader(std::move(files), options).Run();
}

StatusOr<Batch> ParseOfacCsv(const std::vector<std::pair<std::string, std::string>>& texts,
                             const OfacReadOptions& options) {
  if (texts.empty()) return absl::InvalidArgumentError("no OFAC CSV files given");
  std::vector<ListFile> files;
  for (const auto& [path, text] : texts) {
    auto file = ListFile::FromText(text, path);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  return CsvSetReader(std::move(files), options).Run();
}

}  // namespace vigil
