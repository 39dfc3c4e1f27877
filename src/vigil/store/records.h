// Plain records that the store returns: rows of the knowledge base, list
// records and versions, graph rows. No behaviour, no backend types. Optional
// columns are std::optional; row ids (int64_t) are the store's own and only
// meaningful to the same store.
#pragma once

#include <cstdint>
#include <map>
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
  std::optional<std::string> answer;  // a question's claims: the answer it gives
  // Where the claim was written (a curated file's path and line), when known.
  std::optional<std::string> file;
  std::optional<int64_t> line;
};

// One end of a relation's effective validity (schema view
// relation_validity): the day, and where it came from: the relation's own
// dates (lifespan_of empty) or the lifespan of one of its ends.
struct ValidityBoundRecord {
  std::string day;                            // "YYYY-MM-DD"
  std::string date;                           // as written: the relation's from/to or the lifespan's
  std::optional<EntityRefRecord> lifespan_of;  // set when an end's lifespan bounds it
};

struct RelationRecord {
  int64_t fact_id = 0;
  EntityRefRecord subject, object;
  std::string predicate;
  std::optional<std::string> role, from, to;  // from/to: partial dates as written
  // Its effective validity: its own interval within both ends' lifespans;
  // absent ends are open.
  std::optional<ValidityBoundRecord> valid_from, valid_to;
  std::vector<ClaimRecord> claims;
  std::optional<std::string> file;  // where the record was written, when known
  std::optional<int64_t> line;
};

// An entity's lifespan bound (founded or born: start; dissolved or died:
// end), with its claims or its general-knowledge note.
struct LifespanBoundRecord {
  int64_t fact_id = 0;
  std::string bound;  // start | end
  std::string date;   // as written
  std::string day;    // the earliest day (start) or latest (end) it may denote
  std::optional<std::string> general_knowledge;
  std::vector<ClaimRecord> claims;
  std::optional<std::string> file;  // where the bound was written, when known
  std::optional<int64_t> line;
};

// An entity's lifespan bounds (start before end), for lint and the card.
struct EntityLifespanRecord {
  EntityRefRecord entity;
  std::vector<LifespanBoundRecord> bounds;
};

// A question that claims answer differently (docs/data-model.md,
// "Questions"), with the entities it is about.
struct QuestionRecord {
  int64_t fact_id = 0;
  std::string id, text;
  std::optional<std::string> note;
  std::vector<EntityRefRecord> about;
  std::vector<ClaimRecord> claims;  // each with its answer
  std::optional<std::string> file;
  std::optional<int64_t> line;
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

// ---- event analytics (engine/events.h) ----

// A claim's party, for filtering by party and for who-says-so tables.
struct ClaimPartyRecord {
  std::string party;        // entity key, or empty
  std::string party_label;  // or empty
  std::string stance;       // asserts | denies
  std::string source;       // source key
  std::string locator;      // e.g. the dataset's event id
};

// A link of an imported actor (event_links).
struct ActorLinkRecord {
  std::string entity;  // key; empty when unlinked
  std::string status;  // linked | suggested | unlinked
  std::string method, reason;
  double score = 0;
};

struct EventActorFact {
  std::string role;
  std::string entity;  // curated participant: the entity key; imported: empty
  std::string entity_name;
  std::string label;   // the dataset's name (imported), or a curated label
  std::vector<ActorLinkRecord> links;
  std::vector<ClaimPartyRecord> claims;
};

// An event, compact, for counting and filtering: any dataset.
struct EventFactRecord {
  int64_t fact_id = 0;
  std::string id, dataset, type, title;
  std::string first_day, last_day;  // empty when undated
  std::string province, admin1, admin2, city, country, province_note;
  std::optional<double> latitude, longitude;
  std::optional<double> killed_best, killed_low, killed_high;
  std::vector<EventActorFact> participants;
  std::vector<ClaimPartyRecord> claims;
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

// An attribute of an entity as a source states it (a fact of type
// attribute: model ClaimedAttribute), with the entity's own value of the
// same key, when it has one, to show beside it.
struct ClaimedAttributeRecord {
  int64_t fact_id = 0;
  EntityRefRecord entity;
  std::string key, value;
  std::string dataset;                       // the dataset that holds the fact
  std::optional<std::string> entity_value;   // the entity's own attribute of the key
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
  // Its effective validity (relation_validity): the days its dates denote
  // at the widest, within both ends' lifespans ("YYYY-MM-DD"), absent
  // where it is open; and where each came from ("relation", "subject",
  // "object"; empty when open).
  std::optional<std::string> from_day, to_day;
  std::string from_bound, to_bound;
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
struct NameLikeRecord {
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

// ---- knowledge: resolving names, cards, lists, conflicts, verification ----

// An entity that bears a name (store: EntitiesNamed).
struct NameMatchRecord {
  int64_t entity_row = 0;
  std::string name_kind;  // primary | alias | weak_alias | ...
  std::string text;       // the name as written
  bool curated = false;   // the entity belongs to a curated dataset
};

// A name to suggest for a name that matched nothing.
struct NameSuggestionRecord {
  std::string entity_id;  // the entity's key
  std::string text;
  std::string kind;                   // primary | alias | weak_alias | ...
  std::optional<std::string> script;  // ISO 15924 (Latn, Arab, Cyrl...) when known
};

struct ValueRecord {
  std::string key, value;
};

struct IdentifierRecord {
  std::string type, value;
  std::optional<std::string> country, note;
};

// An entity's own row and single-valued facts, for its card.
struct EntityRecord {
  EntityRefRecord ref;
  std::string description;
  std::string dataset;                     // the dataset that holds it
  std::optional<std::string> reference;    // a list record's own id ("TAi.144")
  std::map<std::string, std::string> attributes;
  std::vector<ValueRecord> values;          // list records' multi-valued facts, in list order
  std::vector<IdentifierRecord> identifiers;  // in list order
};

// Another entity that has one of an entity's names.
struct SharedNameRecord {
  int64_t entity_row = 0;  // the other entity
  std::string name;        // the shared name, as the first entity writes it
};

// A link between a list record and a curated card, seen from one side.
struct LinkRecord {
  EntityRefRecord other;                 // the entity on the other side
  std::string dataset;                   // the other side's dataset
  std::optional<std::string> reference;  // the other side's list reference
  bool other_is_curated_card = false;    // else the other side is a list record
  std::string method;                    // reference | name | name+dob | manual
  double score = 0;
  std::string reason;
};

// A row of `list entities`.
struct EntitySummaryRecord {
  EntityRefRecord ref;
  int64_t designations = 0, relations = 0;  // of which the entity is the subject or object
};

struct SourceRecord {
  int64_t row_id = 0;
  std::string id, title;
  std::optional<std::string> publisher, author, date, url, sha256;
  std::string kind;
  std::optional<int64_t> length;  // code points
  std::optional<std::string> file;
  std::string dataset;
  int64_t claims = 0;        // claims citing it
  bool text_stored = false;
};

// A claim as its source cites it (store: ClaimsCiting): the claim, and the
// fact it is on.
struct CitingClaimRecord {
  int64_t fact_id = 0;
  std::string fact_type;  // entity | relation | event | participant | estimate | designation
  ClaimRecord claim;
};

// An event participant as a fact of its own (the target of claims).
struct ParticipantFactRecord {
  std::string event_id, event_title;
  std::optional<EntityRefRecord> entity;
  std::optional<std::string> label;
  std::string role;
};

// A subject and quantity that two estimates or more give figures for.
struct EstimateGroupRecord {
  int64_t subject_row = 0;
  std::string quantity;
};

// An entity's attribute key whose values disagree (conflicts).
struct AttributeGroupRecord {
  int64_t entity_row = 0;
  std::string key;
};

// An entity bearing a name that another entity bears too.
struct NameOwnerRecord {
  int64_t entity_row = 0;
  std::string text, kind;  // the name as this entity writes it, and its kind
};

// A source as verify sees it: its text is found by SHA-256.
struct SourceHashRecord {
  int64_t row = 0;
  std::string id;  // key
  std::optional<std::string> sha256;
};

// A claim's span, with what verify needs of its source.
// A claim as `vigil lint` reads it: what it says (its passage), who says
// it, and where it and its fact were written.
struct LintClaimRecord {
  int64_t claim_id = 0, fact_id = 0;
  int64_t position = 0;       // in its fact's claims
  std::string fact_type;      // entity | relation | ... | lifespan | question
  std::string kind;           // a relation's predicate, an event's type; else empty
  std::string fact;           // what the fact states (FactSummary)
  std::optional<std::string> file;  // the claim's, else its fact's, when known
  std::optional<int64_t> line;
  bool has_party = false;     // a party entity or label
  std::string stance;
  double confidence = 0;
  std::optional<std::string> passage;
};

// An entity whose attributes say it ended (status deceased or defunct, or a
// death_date), for `vigil lint`.
struct LintEntityRecord {
  EntityRefRecord entity;
  std::map<std::string, std::string> attributes;
  std::vector<LifespanBoundRecord> lifespan;
  std::optional<std::string> file;
  std::optional<int64_t> line;
};

struct ClaimSpanRecord {
  int64_t claim_id = 0, fact_id = 0;
  int64_t source_row = 0;
  std::string source;  // key
  std::string source_kind;
  std::optional<std::string> source_sha256;
  std::optional<int64_t> span_start, span_end;
  std::optional<std::string> digest;
};

}  // namespace vigil::store
