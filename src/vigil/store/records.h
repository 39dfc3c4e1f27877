// Plain records that the store returns: rows of the knowledge base, list
// records and versions, graph rows. No behaviour, no backend types. Optional
// columns are std::optional; row ids (int64_t) are the store's own and only
// meaningful to the same store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil::store {

// An entity as other records point at it.
struct EntityRefRecord {
  int64_t row_id = 0;
  std::string id;    // the entity's key ("sirajuddin-haqqani", "un-tai-144")
  std::string name;  // its primary name (the first name when it has none)
  std::string kind;  // person | organization | ...
};

struct NameRecord {
  std::string text, kind;  // kind: primary | alias | weak_alias | ...
  std::optional<std::string> script, lang;
};

// A claim on a fact: who says what about it, where, with the passage.
struct ClaimRecord {
  int64_t claim_id = 0;
  std::string source;  // the source's key
  std::string source_title;
  std::optional<std::string> publisher, author, source_date;
  std::optional<int64_t> span_start, span_end;  // code points in the source's text
  // The cited passage, when the source's text is stored and the span fits.
  std::optional<std::string> passage;
  std::optional<std::string> digest, locator;
  std::optional<EntityRefRecord> party;
  std::optional<std::string> party_label;
  std::string stance;  // asserts | denies | reports | ...
  double confidence = 0;
  std::optional<std::string> note;
};

struct RelationRecord {
  int64_t fact_id = 0;
  EntityRefRecord subject, object;
  std::string predicate;
  std::optional<std::string> role, from, to;  // from/to: partial dates as written
  std::vector<ClaimRecord> claims;
};

struct QuantityRecord {
  std::optional<double> best, low, high;
};

struct ParticipantRecord {
  std::optional<EntityRefRecord> entity;
  std::optional<std::string> label;
  std::string role;  // perpetrator | target | claimant | ...
  std::vector<ClaimRecord> claims;
};

struct EventRecord {
  int64_t fact_id = 0;
  std::string id, type, title;
  std::optional<std::string> date, from, to;
  std::optional<std::string> city, province, country, place_detail;
  std::optional<EntityRefRecord> place_entity;
  std::optional<QuantityRecord> killed, wounded;  // absent when no figure is given
  std::vector<ParticipantRecord> participants;     // in the order written
  std::vector<ClaimRecord> claims;
};

struct EstimateRecord {
  int64_t fact_id = 0;
  std::string id;
  EntityRefRecord subject;
  std::string quantity;
  std::optional<double> value, low, high, of;
  std::optional<std::string> qualifier, unit, scope, as_of;
  std::optional<EntityRefRecord> scope_entity;
  std::vector<ClaimRecord> claims;
};

struct DesignationRecord {
  int64_t fact_id = 0;
  EntityRefRecord entity;
  std::optional<EntityRefRecord> authority;
  std::string authority_code, program;
  std::optional<std::string> list, reference, date;
  std::vector<ClaimRecord> claims;
};

// ---- graph (store/graph_store.h) ----

// An entity that is a node of the knowledge graph: one that takes part in a
// relation, or stands on either side of a link.
struct GraphNodeRecord {
  int64_t row_id = 0;
  std::string id, name, kind;  // key, primary name, kind (as EntityRefRecord)
  bool in_network = false;     // takes part in at least one relation
};

// A claim on a relation, as the graph weighs it.
struct GraphClaimRecord {
  int64_t claim_id = 0;
  double confidence = 0;
  std::string stance;                  // asserts | denies | reports | ...
  std::optional<int64_t> party_row;    // the asserting entity's row
  std::optional<std::string> party_label;
};

struct GraphRelationRecord {
  int64_t fact_id = 0;
  int64_t subject_row = 0, object_row = 0;
  std::string predicate;
  // The days the relation's dates denote at the widest ("YYYY-MM-DD"),
  // absent where it is open.
  std::optional<std::string> from_day, to_day;
  std::vector<GraphClaimRecord> claims;  // in the order written
};

// A designation of a graph node.
struct GraphDesignationRecord {
  int64_t fact_id = 0;
  int64_t entity_row = 0;
  std::string authority, program;  // authority: the code (US, UN...)
  std::optional<std::string> list, reference, date;  // date: a partial date as written
};

// entity_row's entity (a list record) is the same as target_row's.
struct GraphLinkRecord {
  int64_t entity_row = 0, target_row = 0;
  std::string method, reason;
  double score = 0;
};

// The whole knowledge graph, as analysis reads it at once.
struct GraphRecords {
  std::vector<GraphNodeRecord> nodes;                // by id (the entity key)
  std::vector<GraphRelationRecord> relations;        // by fact id
  std::vector<GraphDesignationRecord> designations;  // of nodes only, by fact id
  std::vector<GraphLinkRecord> links;                // in the order made
};

// An entity found by part of a name, with the first of its names that
// contains it.
struct NameMatchRecord {
  int64_t entity_row = 0;
  std::string name;
};

// ---- screening ----

// A designated record as screening reads it: an entity with at least one
// designation. Absent optional values are "".
struct ScreeningDesignationRecord {
  std::string authority, program, list, reference, date;
};

struct ScreeningRecord {
  std::string key;        // the entity's key ("un-tai-144")
  std::string dataset;    // the dataset it belongs to ("un-consolidated")
  std::string kind;       // person | organization | ...
  std::string reference;  // the list's own id, may be ""
  std::string linked;     // key of the same entity in another dataset, may be ""
  std::vector<NameRecord> names;  // in the order written (script and lang not read)
  std::vector<std::string> birth_dates;  // partial dates or ranges as written
  std::vector<std::string> countries;    // nationality, citizenship, country: names or codes
  std::vector<ScreeningDesignationRecord> designations;  // by date
};

// A dataset that designates something: the list version a screening runs
// against. publish_date and sha256 are "" when unknown.
struct ListVersionRecord {
  std::string dataset, kind, version, publish_date, sha256;
  int64_t records = 0;  // entities it designates
};

}  // namespace vigil::store
