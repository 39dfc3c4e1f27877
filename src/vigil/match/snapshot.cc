// Snapshot files: a header (magic, build ids, fingerprint) then the list and
// the index, little-endian, strings length-prefixed.
#include "vigil/match/snapshot.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <type_traits>
#include <unistd.h>

#include "vigil/base/file.h"
#include "vigil/base/sha256.h"

namespace vigil::match {

const char* NameAnalysisBuildId();
const char* WatchListBuildId();
const char* CandidateIndexBuildId();

namespace {

constexpr char kMagic[] = "VIGIL-SCREENING-SNAPSHOT-2";

std::string BuildIds() {
  return std::string(NameAnalysisBuildId()) + "|" + WatchListBuildId() + "|" +
         CandidateIndexBuildId();
}

class Out {
 public:
  template <typename T>
  void Pod(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    buffer_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void Str(const std::string& s) {
    Pod(static_cast<uint32_t>(s.size()));
    buffer_.append(s);
  }
  template <typename T>
  void PodVector(const std::vector<T>& v) {
    Pod(static_cast<uint64_t>(v.size()));
    if (!v.empty()) buffer_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void Strings(const std::vector<std::string>& v) {
    Pod(static_cast<uint32_t>(v.size()));
    for (const auto& s : v) Str(s);
  }
  const std::string& buffer() const { return buffer_; }

 private:
  std::string buffer_;
};

class In {
 public:
  explicit In(std::string_view data) : data_(data) {}
  bool ok() const { return ok_; }
  template <typename T>
  T Pod() {
    T value{};
    if (!Need(sizeof(T))) return value;
    std::memcpy(&value, data_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  std::string Str() {
    auto n = Pod<uint32_t>();
    if (!Need(n)) return {};
    std::string s(data_.substr(at_, n));
    at_ += n;
    return s;
  }
  template <typename T>
  std::vector<T> PodVector() {
    auto n = Pod<uint64_t>();
    std::vector<T> v;
    if (n > data_.size() || !Need(n * sizeof(T))) return v;
    v.resize(n);
    if (n) std::memcpy(v.data(), data_.data() + at_, n * sizeof(T));
    at_ += n * sizeof(T);
    return v;
  }
  std::vector<std::string> Strings() {
    auto n = Pod<uint32_t>();
    std::vector<std::string> v;
    for (uint32_t i = 0; i < n && ok_; ++i) v.push_back(Str());
    return v;
  }
  bool AtEnd() const { return at_ == data_.size(); }
  size_t position() const { return at_; }

 private:
  bool Need(size_t n) {
    if (!ok_ || data_.size() - at_ < n) ok_ = false;
    return ok_;
  }
  std::string_view data_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

// Friend of WatchList and CandidateIndex.
class SnapshotCodec {
 public:
  static void Write(Out& out, const WatchList& list, const CandidateIndex& index) {
    out.Pod(static_cast<uint32_t>(list.versions_.size()));
    for (const auto& v : list.versions_) {
      for (const auto* s : {&v.dataset, &v.kind, &v.version, &v.publish_date, &v.sha256}) out.Str(*s);
      out.Pod(v.records);
    }
    out.Pod(static_cast<uint32_t>(list.records_.size()));
    for (const auto& r : list.records_) {
      for (const auto* s : {&r.key, &r.dataset, &r.entity_kind, &r.reference, &r.linked,
                            &r.display_name})
        out.Str(*s);
      out.Pod(static_cast<uint8_t>(r.kind));
      out.PodVector(r.birth_dates);
      out.Strings(r.countries);
      out.Pod(static_cast<uint32_t>(r.designations.size()));
      for (const auto& d : r.designations)
        for (const auto* s : {&d.authority, &d.program, &d.list, &d.reference, &d.date}) out.Str(*s);
      out.Pod(r.first_name);
      out.Pod(r.name_count);
    }
    out.Pod(static_cast<uint32_t>(list.names_.size()));
    for (const auto& n : list.names_) {
      out.Pod(n.record);
      out.Pod(static_cast<uint8_t>(n.type));
      const AnalyzedName& a = n.analysis;
      out.Str(a.original);
      out.Str(a.script);
      out.Pod(static_cast<uint8_t>(a.kind));
      out.Pod(static_cast<uint8_t>(a.has_nasab));
      out.Str(a.joined);
      out.Strings(a.honorifics);
      out.Pod(static_cast<uint32_t>(a.parts.size()));
      for (const auto& p : a.parts) {
        for (const auto* s : {&p.text, &p.folded, &p.skeleton, &p.bare, &p.alt}) out.Str(*s);
        out.Pod(static_cast<uint8_t>(p.role));
        out.Pod(static_cast<int32_t>(p.nasab_position));
        out.Pod(static_cast<uint8_t>(p.initial));
        out.Pod(static_cast<uint8_t>(p.family));
        out.Pod(p.weight);
      }
    }
    out.Pod(static_cast<uint32_t>(list.skeleton_records_.size()));
    for (const auto& [skeleton, count] : list.skeleton_records_) {
      out.Str(skeleton);
      out.Pod(count);
    }
    out.PodVector(index.keys_);
    out.PodVector(index.offsets_);
    out.PodVector(index.postings_);
  }

  static bool Read(In& in, Snapshot* snapshot) {
    WatchList& list = snapshot->list;
    auto versions = in.Pod<uint32_t>();
    for (uint32_t i = 0; i < versions && in.ok(); ++i) {
      ListVersion v;
      for (auto* s : {&v.dataset, &v.kind, &v.version, &v.publish_date, &v.sha256}) *s = in.Str();
      v.records = in.Pod<int64_t>();
      list.versions_.push_back(std::move(v));
    }
    auto records = in.Pod<uint32_t>();
    for (uint32_t i = 0; i < records && in.ok(); ++i) {
      ListedRecord r;
      for (auto* s : {&r.key, &r.dataset, &r.entity_kind, &r.reference, &r.linked, &r.display_name})
        *s = in.Str();
      r.kind = static_cast<NameKind>(in.Pod<uint8_t>());
      r.birth_dates = in.PodVector<DayRange>();
      r.countries = in.Strings();
      auto designations = in.Pod<uint32_t>();
      for (uint32_t k = 0; k < designations && in.ok(); ++k) {
        DesignationInfo d;
        for (auto* s : {&d.authority, &d.program, &d.list, &d.reference, &d.date}) *s = in.Str();
        r.designations.push_back(std::move(d));
      }
      r.first_name = in.Pod<uint32_t>();
      r.name_count = in.Pod<uint32_t>();
      list.records_.push_back(std::move(r));
    }
    auto names = in.Pod<uint32_t>();
    list.names_.reserve(in.ok() ? names : 0);
    for (uint32_t i = 0; i < names && in.ok(); ++i) {
      ListedName n;
      n.record = in.Pod<uint32_t>();
      n.type = static_cast<ListedNameType>(in.Pod<uint8_t>());
      AnalyzedName& a = n.analysis;
      a.original = in.Str();
      a.script = in.Str();
      a.kind = static_cast<NameKind>(in.Pod<uint8_t>());
      a.has_nasab = in.Pod<uint8_t>() != 0;
      a.joined = in.Str();
      a.honorifics = in.Strings();
      auto parts = in.Pod<uint32_t>();
      for (uint32_t k = 0; k < parts && in.ok(); ++k) {
        NamePart p;
        for (auto* s : {&p.text, &p.folded, &p.skeleton, &p.bare, &p.alt}) *s = in.Str();
        p.role = static_cast<PartRole>(in.Pod<uint8_t>());
        p.nasab_position = in.Pod<int32_t>();
        p.initial = in.Pod<uint8_t>() != 0;
        p.family = in.Pod<uint8_t>() != 0;
        p.weight = in.Pod<double>();
        SetLetterMasks(p);
        a.parts.push_back(std::move(p));
      }
      list.names_.push_back(std::move(n));
    }
    auto skeletons = in.Pod<uint32_t>();
    for (uint32_t i = 0; i < skeletons && in.ok(); ++i) {
      std::string skeleton = in.Str();
      list.skeleton_records_[skeleton] = in.Pod<uint32_t>();
    }
    CandidateIndex& index = snapshot->index;
    index.keys_ = in.PodVector<uint64_t>();
    index.offsets_ = in.PodVector<uint32_t>();
    index.postings_ = in.PodVector<uint32_t>();
    if (!in.ok() || !in.AtEnd()) return false;
    // Cheap consistency checks: every reference stays in range.
    if (index.offsets_.size() != index.keys_.size() + 1 ||
        (!index.offsets_.empty() && index.offsets_.back() != index.postings_.size()))
      return false;
    for (uint32_t id : index.postings_)
      if (id >= list.names_.size()) return false;
    if (!std::is_sorted(index.keys_.begin(), index.keys_.end())) return false;
    index.BuildBuckets();
    for (const auto& n : list.names_)
      if (n.record >= list.records_.size()) return false;
    for (const auto& r : list.records_)
      if (static_cast<uint64_t>(r.first_name) + r.name_count > list.names_.size()) return false;
    return true;
  }
};

// The header names the fingerprint by its digest, so the file does not
// reveal it; the body's digest is keyed with the fingerprint, which holds
// the store's random id: an edited body fails the check, and a body can
// only be re-signed by someone who can read the database.
std::string BodyDigest(const std::string& fingerprint, std::string_view body) {
  Sha256 digest;
  digest.Update(fingerprint);
  digest.Update(std::string_view("\n", 1));
  digest.Update(body);
  return digest.FinishHex();
}

bool SaveSnapshot(const std::string& path, const std::string& fingerprint, const WatchList& list,
                  const CandidateIndex& index) {
  Out body;
  SnapshotCodec::Write(body, list, index);
  Out out;
  out.Str(kMagic);
  out.Str(BuildIds());
  out.Str(Sha256Hex(fingerprint));
  out.Str(BodyDigest(fingerprint, body.buffer()));
  std::string bytes = out.buffer();
  bytes += body.buffer();
  return WriteFileAtomically(path, bytes).ok();
}

std::optional<Snapshot> LoadSnapshot(const std::string& path, const std::string& fingerprint) {
  auto file = MappedFile::Open(path);
  if (!file.ok()) return std::nullopt;
  const std::string_view data = file->bytes();
  In in(data);
  if (in.Str() != kMagic || in.Str() != BuildIds() || in.Str() != Sha256Hex(fingerprint) ||
      !in.ok())
    return std::nullopt;
  std::string digest = in.Str();
  if (!in.ok()) return std::nullopt;
  std::string_view body = data.substr(in.position());
  if (digest != BodyDigest(fingerprint, body)) return std::nullopt;
  In body_in(body);
  Snapshot snapshot;
  if (!SnapshotCodec::Read(body_in, &snapshot)) return std::nullopt;
  return snapshot;
}

}  // namespace vigil::match
