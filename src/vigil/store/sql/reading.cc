// SqlStore, reading area: articles read, their mentions, the review
// queue (schema/0006_reading.sql).
#include <nlohmann/json.hpp>

#include "vigil/store/sql/internal/connection.h"
#include "vigil/store/sql/internal/rows.h"
#include "vigil/store/sql/sql_store.h"

namespace vigil::store::sql {
namespace {

constexpr char kProposalColumns[] =
    "p.id, s.key, p.fingerprint, p.kind, p.subject_key, p.predicate, p.object_key, "
    "p.object_label, p.role, p.time, p.party_key, p.party_label, p.stance, p.span_start, "
    "p.span_end, p.digest, p.rule, p.confidence, p.value, p.low, p.high, p.qualifier, p.status, "
    "p.edited, p.decided_by, p.decided_at, p.note";

ProposalRecord ProposalFrom(const Statement& r) {
  ProposalRecord p;
  auto text = [&](int c) { return r.IsNull(c) ? std::string() : r.Text(c); };
  p.id = r.Int(0);
  p.source_key = r.Text(1);
  p.fingerprint = r.Text(2);
  p.kind = r.Text(3);
  p.subject_key = r.Text(4);
  p.predicate = r.Text(5);
  p.object_key = text(6);
  p.object_label = text(7);
  p.role = text(8);
  p.time = text(9);
  p.party_key = text(10);
  p.party_label = text(11);
  p.stance = r.Text(12);
  p.span_start = r.Int(13);
  p.span_end = r.Int(14);
  p.digest = r.Text(15);
  p.rule = r.Text(16);
  p.confidence = r.Real(17);
  p.value = internal::OptNumber(r, 18);
  p.low = internal::OptNumber(r, 19);
  p.high = internal::OptNumber(r, 20);
  p.qualifier = text(21);
  p.status = r.Text(22);
  p.edited = r.Int(23) != 0;
  p.decided_by = text(24);
  p.decided_at = text(25);
  p.note = text(26);
  return p;
}

// Binds a proposal's fields from index `first` on, in kProposalColumns'
// order from kind to note (without id, source, fingerprint).
void BindProposal(Statement& st, int first, const ProposalRecord& p) {
  int i = first;
  auto text = [&](const std::string& v) { st.Bind(i++, v); };
  auto optional = [&](const std::string& v) { st.BindOptional(i++, v); };
  auto number = [&](const std::optional<double>& v) { st.BindOptional(i++, v); };
  text(p.kind);
  text(p.subject_key);
  text(p.predicate);
  optional(p.object_key);
  optional(p.object_label);
  optional(p.role);
  optional(p.time);
  optional(p.party_key);
  optional(p.party_label);
  text(p.stance);
  st.Bind(i++, p.span_start);
  st.Bind(i++, p.span_end);
  text(p.digest);
  text(p.rule);
  st.Bind(i++, p.confidence);
  number(p.value);
  number(p.low);
  number(p.high);
  optional(p.qualifier);
  text(p.status);
  st.Bind(i++, int64_t{p.edited ? 1 : 0});
  optional(p.decided_by);
  optional(p.decided_at);
  optional(p.note);
}

ReadingSourceRecord SourceFrom(const Statement& r, bool with_text) {
  auto text = [&](int c) { return r.IsNull(c) ? std::string() : r.Text(c); };
  ReadingSourceRecord s;
  s.row = r.Int(0);
  s.key = r.Text(1);
  s.sha256 = r.Text(2);
  s.input_sha256 = r.Text(3);
  s.format = r.Text(4);
  s.title = r.Text(5);
  s.publisher = text(6);
  s.published = text(7);
  s.url = text(8);
  s.file = text(9);
  s.length = r.Int(10);
  if (with_text) s.text = r.Text(11);
  s.read_at = r.Text(12);
  return s;
}

constexpr char kSourceColumns[] =
    "id, key, sha256, input_sha256, format, title, publisher, published, url, file, length, "
    "text, read_at";

}  // namespace

StatusOr<std::vector<DictionaryNameRecord>> SqlStore::DictionaryNames() {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT e.key, e.kind, n.text, n.kind, COALESCE(n.script, '') FROM names n "
               "JOIN entities e ON e.id = n.entity_id JOIN facts f ON f.id = e.id "
               "JOIN datasets d ON d.id = f.dataset_id WHERE d.kind = 'curated' "
               "ORDER BY e.key, n.position");
  return internal::ReadRows(st, [](const Statement& r) {
    return DictionaryNameRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
  });
}

StatusOr<SavedReading> SqlStore::SaveReading(const ReadingSourceRecord& source,
                                                const std::vector<MentionRecord>& mentions,
                                                const std::vector<ProposalRecord>& proposals) {
  VIGIL_SQL_CONNECTION(db);
  Transaction tx(db);
  if (auto s = tx.Begin(); !s.ok()) return s;
  SavedReading saved;
  {
    Statement find(db, std::string("SELECT ") + kSourceColumns +
                           " FROM reading_sources WHERE sha256 = ?");
    find.Bind(1, source.sha256);
    if (find.Step()) {
      saved.source = SourceFrom(find, false);
    } else {
      if (!find.status().ok()) return find.status();
      Statement insert(db,
                       "INSERT INTO reading_sources(key, sha256, input_sha256, format, title, "
                       "publisher, published, url, file, length, text, read_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
      insert.Bind(1, source.key).Bind(2, source.sha256).Bind(3, source.input_sha256);
      insert.Bind(4, source.format).Bind(5, source.title).BindOptional(6, source.publisher);
      insert.BindOptional(7, source.published).BindOptional(8, source.url);
      insert.BindOptional(9, source.file).Bind(10, source.length).Bind(11, source.text);
      insert.Bind(12, source.read_at);
      auto row = insert.Insert();
      if (!row.ok()) return row.status();
      saved.source = source;
      saved.source.row = *row;
      saved.source.text.clear();
      saved.new_source = true;
    }
  }
  const int64_t row = saved.source.row;
  Statement clear(db, "DELETE FROM reading_mentions WHERE source_id = ?");
  clear.Bind(1, row);
  if (auto s = clear.Run(); !s.ok()) return s;
  Statement mention(db,
                    "INSERT INTO reading_mentions(source_id, position, span_start, span_end, text, "
                    "entity_key, candidates, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < mentions.size(); ++i) {
    const MentionRecord& m = mentions[i];
    mention.Bind(1, row).Bind(2, static_cast<int64_t>(i)).Bind(3, m.start).Bind(4, m.end);
    mention.Bind(5, m.text).BindOptional(6, m.entity_key);
    mention.Bind(7, nlohmann::json(m.candidates).dump()).Bind(8, m.reason);
    if (auto s = mention.Run(); !s.ok()) return s;
  }
  Statement known(db, "SELECT 1 FROM proposals WHERE source_id = ? AND fingerprint = ?");
  Statement insert(db,
                   "INSERT INTO proposals(source_id, fingerprint, kind, subject_key, predicate, "
                   "object_key, object_label, role, time, party_key, party_label, stance, "
                   "span_start, span_end, digest, rule, confidence, value, low, high, qualifier, "
                   "status, edited, decided_by, decided_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const ProposalRecord& p : proposals) {
    known.Reset();
    known.Bind(1, row).Bind(2, p.fingerprint);
    bool exists = known.Step();
    if (!known.status().ok()) return known.status();
    if (exists) {
      ++saved.proposals_known;
      continue;
    }
    insert.Bind(1, row).Bind(2, p.fingerprint);
    BindProposal(insert, 3, p);
    if (auto s = insert.Run(); !s.ok()) return s;
    ++saved.proposals_added;
  }
  if (auto s = tx.Commit(); !s.ok()) return s;
  return saved;
}

StatusOr<std::vector<ReadingSourceRecord>> SqlStore::ReadingSources(bool with_text) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, std::string("SELECT ") + kSourceColumns + " FROM reading_sources ORDER BY id");
  return internal::ReadRows(st, [&](const Statement& r) { return SourceFrom(r, with_text); });
}

StatusOr<std::vector<MentionRecord>> SqlStore::MentionsOf(const std::string& source_key) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "SELECT m.span_start, m.span_end, m.text, m.entity_key, m.candidates, m.reason "
               "FROM reading_mentions m JOIN reading_sources s ON s.id = m.source_id "
               "WHERE s.key = ? ORDER BY m.position");
  st.Bind(1, source_key);
  return internal::ReadRows(st, [](const Statement& r) {
    MentionRecord m;
    m.start = r.Int(0);
    m.end = r.Int(1);
    m.text = r.Text(2);
    m.entity_key = r.IsNull(3) ? "" : r.Text(3);
    auto candidates = nlohmann::json::parse(r.Text(4), nullptr, false);
    if (candidates.is_array())
      for (const auto& c : candidates)
        if (c.is_string()) m.candidates.push_back(c.get<std::string>());
    m.reason = r.Text(5);
    return m;
  });
}

StatusOr<std::vector<ProposalRecord>> SqlStore::Proposals(const std::string& source_key,
                                                             const std::string& status) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, std::string("SELECT ") + kProposalColumns +
                       " FROM proposals p JOIN reading_sources s ON s.id = p.source_id "
                       "WHERE (?1 = '' OR s.key = ?1) AND (?2 = '' OR p.status = ?2) ORDER BY p.id");
  st.Bind(1, source_key).Bind(2, status);
  return internal::ReadRows(st, ProposalFrom);
}

StatusOr<std::optional<ProposalRecord>> SqlStore::FindProposal(int64_t id) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db, std::string("SELECT ") + kProposalColumns +
                       " FROM proposals p JOIN reading_sources s ON s.id = p.source_id "
                       "WHERE p.id = ?");
  st.Bind(1, id);
  if (st.Step()) return std::optional<ProposalRecord>(ProposalFrom(st));
  if (!st.status().ok()) return st.status();
  return std::optional<ProposalRecord>();
}

Status SqlStore::UpdateProposal(const ProposalRecord& p) {
  VIGIL_SQL_CONNECTION(db);
  Statement st(db,
               "UPDATE proposals SET kind = ?, subject_key = ?, predicate = ?, object_key = ?, "
               "object_label = ?, role = ?, time = ?, party_key = ?, party_label = ?, stance = ?, "
               "span_start = ?, span_end = ?, digest = ?, rule = ?, confidence = ?, value = ?, "
               "low = ?, high = ?, qualifier = ?, status = ?, edited = ?, decided_by = ?, "
               "decided_at = ?, note = ? WHERE id = ?");
  BindProposal(st, 1, p);
  st.Bind(25, p.id);
  return st.Run();
}

}  // namespace vigil::store::sql
