// OFAC CSV set reader: SDN + ALT + ADD + COMMENTS joined by ent_num.
#include "vigil/ingest/ofac/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
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

// The records of one list, read in chunks of this many main records.
constexpr size_t kChunkRecords = 10000;

// Reads a set of OFAC CSV files. The aliases, addresses and remarks
// continuations are read first, by ent_num; each main record is then made
// whole at once and handed on in chunks, so that only the chunk and the
// smaller files are held, whatever the size of SDN.CSV.
class CsvSetReader {
 public:
  CsvSetReader(const std::vector<ListFile>& files, const OfacReadOptions& options)
      : files_(files), options_(options) {}

  // The batch without its records: dataset, kind, files, hashes, version,
  // and the list's source.
  StatusOr<Batch> Header() {
    if (auto s = Classify(); !s.ok()) return s;
    Batch batch;
    batch.dataset = dataset_;
    batch.kind = "ofac-list";
    std::vector<std::string> hashes;
    for (auto shape : kShapeOrder)
      if (const ListFile* f = File(shape)) {
        hashes.push_back(f->sha256());
        batch.files.push_back(f->path());
      }
    batch.sha256 = internal::CombinedSha256(hashes);
    batch.version = internal::ListVersion("", batch.sha256);
    std::string joined;
    for (const auto& p : batch.files) internal::AppendJoined(&joined, ", ", p);
    Source source = ofac::ListSource(batch.dataset, kind_, "", batch.sha256, joined);
    source.where = {File(CsvShape::kMain)->path(), 1};
    batch.sources.push_back(std::move(source));
    return batch;
  }

  // The records, a chunk at a time (BatchChunks). After an error the files
  // are read on, to report every error up to ReadProblems::kMaxErrors
  // together, but nothing more is written.
  Status ForEachChunk(const std::function<Status(Batch&)>& write) {
    if (auto s = Classify(); !s.ok()) return s;
    const ListFile& main = *File(CsvShape::kMain);
    if (const ListFile* comments = File(CsvShape::kComments)) ReadComments(*comments);
    if (const ListFile* aliases = File(CsvShape::kAliases)) ReadAliases(*aliases);
    if (const ListFile* addresses = File(CsvShape::kAddresses)) ReadAddresses(*addresses);
    Status written;
    ForEachRecord(main, CsvShape::kMain, [&](std::vector<std::string>& fields, int line) {
      AddRecord(main, fields, line);
      if (chunk_.entities.size() >= kChunkRecords && written.ok() && problems_.ok()) {
        written = write(chunk_);
        chunk_ = Batch();
      }
      return written.ok();
    });
    if (!written.ok()) return written;
    ReportOrphans(main);
    if (!problems_.ok()) return problems_.ToStatus();
    problems_.MoveWarningsInto(&chunk_);
    return write(chunk_);
  }

 private:
  static constexpr CsvShape kShapeOrder[] = {CsvShape::kMain, CsvShape::kAliases,
                                             CsvShape::kAddresses, CsvShape::kComments};

  // What the smaller files give a main record, by ent_num.
  struct Alias {
    int line = 0;
    std::string type, name, remark;
  };
  struct Address {
    int line = 0;
    std::string address, country;
  };
  struct Continuation {
    int line = 0;  // the first
    std::string text;
  };

  const ListFile* File(CsvShape shape) const { return by_shape_[static_cast<size_t>(shape)]; }

  Status Classify() {
    by_shape_ = {};
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
    kind_ = ofac::ListKindOfFile(File(CsvShape::kMain)->path());
    dataset_ = options_.dataset_name.empty() ? std::string(ofac::InfoOf(kind_).dataset)
                                             : options_.dataset_name;
    source_id_ = "list-" + dataset_;
    return absl::OkStatus();
  }

  // Visits the data records of a file, checking their field count and
  // ent_num; a header row on the first line is skipped.
  void ForEachRecord(const ListFile& file, CsvShape shape,
                     const std::function<bool(std::vector<std::string>&, int)>& body) {
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
      } else if (!body(fields, line)) {
        return false;
      }
      return !problems_.Full();
    });
    if (!status.ok()) problems_.Error({file.path(), 0}, "", std::string(status.message()));
  }

  void ReadComments(const ListFile& file) {
    ForEachRecord(file, CsvShape::kComments, [&](std::vector<std::string>& fields, int line) {
      Continuation& c = comments_[fields[0]];
      if (c.line == 0) c.line = line;
      c.text += fields[1];
      return true;
    });
  }

  void ReadAliases(const ListFile& file) {
    ForEachRecord(file, CsvShape::kAliases, [&](std::vector<std::string>& fields, int line) {
      aliases_[fields[0]].push_back(
          {line, CleanField(fields[2]), CleanField(fields[3]), CleanField(fields[4])});
      return true;
    });
  }

  void ReadAddresses(const ListFile& file) {
    ForEachRecord(file, CsvShape::kAddresses, [&](std::vector<std::string>& fields, int line) {
      std::string address = JoinParts({fields[2], fields[3], fields[4]});
      std::string remark = CleanField(fields[5]);
      if (!address.empty() && !remark.empty()) address += " (" + remark + ")";
      addresses_[fields[0]].push_back({line, std::move(address), CleanField(fields[4])});
      return true;
    });
  }

  // One main record, made whole: its name, aliases (each with its remark),
  // title, vessel fields, remarks, claim, designations and addresses.
  void AddRecord(const ListFile& file, std::vector<std::string>& fields, int line) {
    const std::string& ent_num = fields[0];
    auto [first, inserted] = first_lines_.emplace(ent_num, line);
    if (!inserted) {
      problems_.Error({file.path(), line}, "ent_num",
                      fmt::format("duplicate ent_num {} (first at line {})", ent_num,
                                  first->second));
      return;
    }
    Entity e;
    e.where = {file.path(), line};
    e.reference = ent_num;
    e.id = std::string(ofac::InfoOf(kind_).key_prefix) + ent_num;
    if (!ofac::SetKind(fields[2], &e))
      problems_.Error(e.where, "SDN_Type",
                      fmt::format("unknown entity type '{}' (expected individual, vessel, "
                                  "aircraft, or -0- for an entity)",
                                  fields[2]));
    std::string name = CleanField(fields[1]);
    if (name.empty()) problems_.Error(e.where, "SDN_Name", "empty name");
    AddName(&e, std::move(name), "primary");
    if (auto found = aliases_.find(ent_num); found != aliases_.end()) {
      for (Alias& alias : found->second) {
        if (alias.type != "aka" && alias.type != "fka" && alias.type != "nka")
          problems_.Warn("unknown_alias_type", {File(CsvShape::kAliases)->path(), alias.line},
                         "alt_type",
                         fmt::format("unknown type '{}' (expected aka, fka or nka); read as an "
                                     "alias",
                                     alias.type));
        if (alias.name.empty()) continue;
        AddName(&e, std::move(alias.name), "alias");
        AddValue(&e, "remark", std::move(alias.remark));
      }
      aliases_.erase(found);
    }
    std::string& remarks = fields[11];
    if (auto found = comments_.find(ent_num); found != comments_.end()) {
      remarks += found->second.text;
      comments_.erase(found);
    }
    std::string title = CleanField(fields[4]);
    AddValue(&e, "title", title);
    static constexpr std::pair<size_t, std::string_view> kVessel[] = {
        {5, "call_sign"},   {6, "vessel_type"},  {7, "tonnage"}, {8, "gross_registered_tonnage"},
        {9, "vessel_flag"}, {10, "vessel_owner"}};
    for (const auto& [column, key] : kVessel) AddValue(&e, key, CleanField(fields[column]));
    ofac::ApplyRemarks(remarks, title, e.where, &e, &problems_);
    e.claims.push_back(ofac::ListClaim(source_id_, e));
    std::vector<std::string> programs = SplitPrograms(fields[3]);
    if (programs.empty())
      problems_.Warn(
          "no_program", e.where, "Program",
          fmt::format("entry {} names no sanctions program; it has no designation", e.reference));
    ofac::AddDesignations(e, programs, kind_, source_id_, &chunk_);
    if (auto found = addresses_.find(ent_num); found != addresses_.end()) {
      for (Address& a : found->second) {
        AddValue(&e, "address", std::move(a.address));
        if (!a.country.empty()) AddValue(&e, "address_country", internal::CountryOrText(a.country));
      }
      addresses_.erase(found);
    }
    internal::RemoveRepeats(&e);
    chunk_.entities.push_back(std::move(e));
  }

  // What the smaller files hold for entries that SDN.CSV does not, in file
  // order, then a summary of each kind.
  void ReportOrphans(const ListFile& main) {
    using Found = std::vector<std::pair<int, std::string>>;  // line, message
    Found comments, aliases, addresses;
    for (const auto& [ent_num, c] : comments_)
      comments.emplace_back(c.line, fmt::format("remarks of entry {}, which {} does not hold",
                                                ent_num, main.path()));
    for (const auto& [ent_num, list] : aliases_)
      for (const Alias& a : list)
        aliases.emplace_back(a.line,
                             fmt::format("alias '{}' belongs to entry {}, which {} does not hold",
                                         a.name, ent_num, main.path()));
    for (const auto& [ent_num, list] : addresses_)
      for (const Address& a : list)
        addresses.emplace_back(a.line, fmt::format("address of entry {}, which {} does not hold",
                                                   ent_num, main.path()));
    auto report = [&](std::string_view kind, CsvShape shape, Found& found, size_t entries,
                      std::string_view what) {
      if (found.empty()) return;
      std::sort(found.begin(), found.end());
      const ListFile& file = *File(shape);
      for (const auto& [line, message] : found)
        problems_.Warn(kind, {file.path(), line}, "ent_num", message);
      Summarize(kind, file, main, entries, what);
    };
    report("orphan_comment", CsvShape::kComments, comments, comments_.size(),
           "remarks continuations");
    report("orphan_alias", CsvShape::kAliases, aliases, aliases_.size(), "aliases");
    report("orphan_address", CsvShape::kAddresses, addresses, addresses_.size(), "addresses");
  }

  void Summarize(std::string_view kind, const ListFile& file, const ListFile& main,
                 size_t entries, std::string_view what) {
    int64_t count = problems_.WarningCount(kind);
    problems_.Summarize(
        kind, fmt::format("{}: {} {} of {} entries that {} does not hold were skipped (are the "
                          "files of different dates?){}",
                          file.path(), count, what, entries, main.path(),
                          count > static_cast<int64_t>(ReadProblems::kQuotedWarningsPerKind)
                              ? fmt::format("; the first {} are quoted above",
                                            ReadProblems::kQuotedWarningsPerKind)
                              : ""));
  }

  const std::vector<ListFile>& files_;
  const OfacReadOptions& options_;
  std::array<const ListFile*, kShapes> by_shape_{};
  ofac::ListKind kind_ = ofac::ListKind::kSdn;
  std::string dataset_, source_id_;
  std::unordered_map<std::string, int> first_lines_;  // of each ent_num in SDN.CSV
  std::unordered_map<std::string, Continuation> comments_;
  std::unordered_map<std::string, std::vector<Alias>> aliases_;
  std::unordered_map<std::string, std::vector<Address>> addresses_;
  Batch chunk_;
  ReadProblems problems_;
};

// The batch's header, with `rest` reading the files (held, shared) again on
// each call.
StatusOr<Batch> OpenFiles(std::vector<ListFile> files, const OfacReadOptions& options) {
  auto held = std::make_shared<const std::vector<ListFile>>(std::move(files));
  auto batch = CsvSetReader(*held, options).Header();
  if (!batch.ok()) return batch.status();
  batch->rest = [held, options](const std::function<Status(Batch&)>& write) {
    return CsvSetReader(*held, options).ForEachChunk(write);
  };
  return batch;
}

StatusOr<Batch> ReadWhole(StatusOr<Batch> opened) {
  if (!opened.ok()) return opened;
  if (auto s = ReadRest(&*opened); !s.ok()) return s;
  return opened;
}

StatusOr<std::vector<ListFile>> ReadFiles(const std::vector<std::string>& paths) {
  if (paths.empty()) return absl::InvalidArgumentError("no OFAC CSV files given");
  std::vector<ListFile> files;
  for (const auto& path : paths) {
    auto file = ListFile::Read(path);
    if (!file.ok()) return file.status();
    files.push_back(std::move(*file));
  }
  return files;
}

}  // namespace

StatusOr<Batch> OpenOfacCsv(const std::vector<std::string>& paths, const OfacReadOptions& options) {
  auto files = ReadFiles(paths);
  if (!files.ok()) return files.status();
  return OpenFiles(std::move(*files), options);
}

StatusOr<Batch> ReadOfacCsv(const std::vector<std::string>& paths, const OfacReadOptions& options) {
  return ReadWhole(OpenOfacCsv(paths, options));
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
  return ReadWhole(OpenFiles(std::move(files), options));
}

}  // namespace vigil
