// The records of vigil's knowledge base, as parsed and before they are stored.
//
// Every fact (an entity, a relation, an event, a perpetrator link, an
// estimate, a designation, a claimed attribute) carries the claims that support or dispute it.
// Entities are referred to by their stable string ids ("keys"); the store maps
// them to row ids. See docs/data-model.md for the meaning of every field.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vigil/base/date.h"
#include "vigil/base/status.h"

namespace vigil {

enum class Stance { kAsserts, kDenies };

struct Claim {
  std::string source;  // source id
  std::optional<int64_t> span_start, span_end;  // code points, end exclusive
  std::string digest;                           // 8 hex digits, may be empty
  std::string locator;
  std::string party;        // entity id, may be empty
  std::string party_label;  // free text, may be empty
  Stance stance = Stance::kAsserts;
  double confidence = 0.8;
  std::string note;
  // A question's claims only: the answer the claim gives (own words, short:
  // "yes", "no", "resurging").
  std::string answer;
  FilePosition where;  // where it was written, for error messages
};

struct Source {
  std::string id;
  std::string title, publisher, author, url, sha256, file, kind;
  PartialDate date;
  std::optional<int64_t> length;  // text length in code points, when declared
  std::string text;               // the text itself, when it was found at load
  FilePosition where;
};

struct Name {
  std::string text;
  std::string kind;    // primary | alias | weak_alias | original_script | transliteration
  std::string script;  // ISO 15924
  std::string lang;    // ISO 639-1
};

// An official identifier of a listed person or organisation.
struct Identifier {
  std::string type;     // passport | national_id | registration | tax_id | ...
  std::string value;
  std::string country;  // as the list gives it (ISO alpha-2 when known)
  std::string note;
};

// One end of an entity's existence: founded or born (start), dissolved or
// died (end). Backed by claims citing a passage, or, where the sources are
// silent, by a general-knowledge note: a record of its own, in the
// curator's words, never presented as a source's claim.
struct LifespanBound {
  PartialDate date;
  std::vector<Claim> claims;
  std::string general_knowledge;  // empty unless the bound rests on general knowledge
  FilePosition where;

  bool IsSet() const { return date.IsSet(); }
};

// When an entity existed; either end may be unknown (open). Every relation
// of the entity is bounded by it (docs/data-model.md, "Lifespans").
struct Lifespan {
  LifespanBound start, end;

  bool IsSet() const { return start.IsSet() || end.IsSet(); }
};

struct Entity {
  std::string id;
  std::string kind;  // person | organization | government_body | state | place
  std::string description;
  std::vector<Name> names;
  std::map<std::string, std::string> attributes;  // single-valued, curated
  // Multi-valued facts of a listed record, in list order: birth_date (a
  // partial date, or a range "1970/1972"), birth_place, nationality,
  // citizenship, address, title, designation (position), remark...
  std::vector<std::pair<std::string, std::string>> values;
  std::vector<Identifier> identifiers;
  std::string reference;  // the list's own id of the record ("TAi.144", OFAC "6891")
  Lifespan lifespan;
  std::vector<Claim> claims;
  FilePosition where;

  const Name* Primary() const;
};

struct Relation {
  std::string subject, predicate, object, role;
  PartialDate from, to;
  std::vector<Claim> claims;
  FilePosition where;

  // The identity of a relation: subject|predicate|object|from.
  std::string Key() const;
};

struct Quantity {
  std::optional<double> best, low, high;
  bool IsSet() const { return best || low || high; }
};

struct Participant {
  std::string entity;  // entity id, or empty with label set
  std::string label;
  // Curated: claimed | attributed | suspected | facilitated | target.
  // Imported event data (ActorRoles()): side_a | side_b | perpetrator |
  // target | claimant.
  std::string role;
  std::vector<Claim> claims;
};

struct Place {
  std::string city, province, country, entity, detail;
  // Imported event data: the dataset's own admin-1 and admin-2 names, the
  // point, and how `province` was resolved from the point (or why not).
  std::string admin1, admin2;
  std::optional<double> latitude, longitude;
  std::string province_note;
};

struct Event {
  std::string id, type, title;
  PartialDate date, from, to;
  Place place;
  Quantity killed, wounded;
  std::vector<Participant> perpetrators;
  std::vector<Participant> targets;
  // Imported event data: the actors by their names as the dataset gives
  // them (label), with their roles; linked to entities after the load
  // (engine/event_linking.h), never here.
  std::vector<Participant> actors;
  std::vector<Claim> claims;
  FilePosition where;
};

struct Estimate {
  std::string id, subject, quantity, qualifier, unit, scope, scope_entity;
  std::optional<double> value, low, high, of;
  PartialDate as_of;
  std::vector<Claim> claims;
  FilePosition where;
};

// An attribute of an entity as a source states it ("status: deceased",
// said by an article): a fact with claims, held by the dataset that makes
// the claim (the `reading` dataset for accepted proposals), beside the
// entity's own unsourced Entity::attributes, which it never replaces.
struct ClaimedAttribute {
  std::string entity;  // entity id, of any dataset
  std::string key;     // as Entity::attributes' keys: status, nationality...
  std::string value;
  std::vector<Claim> claims;
  FilePosition where;

  // The identity of a claimed attribute: entity|key|value.
  std::string Key() const;
};

struct Designation {
  std::string entity;
  std::string authority;       // entity id of the authority; may be empty (lists)
  std::string authority_code;  // "UN", "US", "RU"...; from the authority's
                               // authority_code attribute when empty
  std::string list, program, reference;
  PartialDate date;
  std::vector<Claim> claims;
  FilePosition where;

  std::string Key() const;  // entity|authority|program
};

// A question that the sources answer differently ("Have the Taliban
// eliminated ISIS-K's threat?"), not one relation: each claim gives an
// answer (Claim::answer) with its party and stance. Claims that give
// different answers are a conflict (`vigil conflicts`).
struct Question {
  std::string id;
  std::string text;                // the question, in the curator's words
  std::vector<std::string> about;  // entity ids it concerns
  std::string note;
  std::vector<Claim> claims;
  FilePosition where;
};

// How a curated batch meets the stored dataset of the same name
// (docs/data-model.md, "Loading"): kAuto replaces it with a whole dataset
// (sources and entities present) and merges a part into it; kMerge always
// merges; kReplace always replaces.
enum class CuratedMode { kAuto, kMerge, kReplace };

// A participant a dataset adds to an event of another dataset: an accepted
// reading proposal that joins the event its article refers to
// (engine/reading.h). Written after the events; the event must exist.
struct Participation {
  std::string event;  // the event's id, in any dataset
  Participant participant;
};

struct Batch;

// The records of a batch read as they are written, for a list too large to
// hold whole (ReadRest, ingest/ofac/csv_reader.h): each call reads the input
// again from its start and hands `write` one chunk after another, in order.
// A chunk holds entities, each with its claims, and their designations; the
// last one also the warnings. An error of reading is the call's status,
// after which no chunk is written; an error of `write` ends the reading.
using BatchChunks = std::function<Status(const std::function<Status(Batch& chunk)>& write)>;

// Everything one load brings in. A batch is checked before anything is
// written and written in one transaction; a batch with `rest` is checked as
// it is written, in the same transaction, which a failure rolls back.
struct Batch {
  std::string dataset;  // the name under which the store keeps it
  std::string kind;     // curated | un-list | ofac-list | ...
  // A part of a curated dataset, to be merged into the stored one: its
  // records are added, or replace the stored records of the same id or key;
  // no stored record is removed. Its references are checked after merging.
  bool merge = false;
  std::string version;  // publish date or content hash
  std::string publish_date;  // of an official list, as it states it
  std::string sha256;        // of the files read, in order
  std::vector<std::string> files;
  // Problems that did not stop the import (an alias whose record is not in
  // the file, an unknown country code), as "path:line: field: problem".
  std::vector<std::string> warnings;
  // How many problems of each kind there were ("orphan_alias": 5749); the
  // warnings above quote the first few of each kind.
  std::map<std::string, int64_t> warning_counts;
  std::vector<Source> sources;
  std::vector<Entity> entities;
  std::vector<Relation> relations;
  std::vector<Event> events;
  std::vector<Estimate> estimates;
  std::vector<Designation> designations;
  std::vector<Participation> participations;
  std::vector<ClaimedAttribute> claimed_attributes;
  std::vector<Question> questions;
  // The records that come after those above, read as they are written;
  // empty when the batch is whole.
  BatchChunks rest;
};

// Reads batch->rest into the batch (appending its chunks' records and
// warnings) and clears it: the batch is then whole.
Status ReadRest(Batch* batch);

}  // namespace vigil
