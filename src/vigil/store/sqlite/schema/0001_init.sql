-- vigil schema version 1: sources, entities and names, relations, events,
-- estimates, designations, and the claims that tie every fact to a source.
-- Every fact has a row in `facts`; claims point at facts. Deleting a dataset
-- deletes everything it brought in (ON DELETE CASCADE).

CREATE TABLE datasets (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  version    TEXT NOT NULL,
  files      TEXT NOT NULL,          -- JSON array of the files loaded
  loaded_at  TEXT NOT NULL
);

CREATE TABLE facts (
  id          INTEGER PRIMARY KEY,
  dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  type        TEXT NOT NULL CHECK (type IN ('entity', 'relation', 'event', 'participant',
                                            'estimate', 'designation'))
);
CREATE INDEX facts_dataset ON facts(dataset_id);

CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  key         TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  publisher   TEXT, author TEXT, date TEXT, url TEXT, sha256 TEXT, file TEXT,
  kind        TEXT NOT NULL,
  length      INTEGER,               -- code points
  text        TEXT                   -- stored when the text was found at load
);

CREATE TABLE entities (
  id           INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  key          TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'government_body',
                                             'state', 'place')),
  description  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE names (
  id         INTEGER PRIMARY KEY,
  entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  text       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('primary', 'alias', 'weak_alias', 'original_script',
                                           'transliteration')),
  script     TEXT, lang TEXT,
  name_key   TEXT NOT NULL,          -- NameKey(text): case, diacritics, punctuation folded
  position   INTEGER NOT NULL
);
CREATE INDEX names_key ON names(name_key);
CREATE INDEX names_entity ON names(entity_id);

CREATE TABLE attributes (
  entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (entity_id, key)
);

CREATE TABLE relations (
  id          INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  subject_id  INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  predicate   TEXT NOT NULL,
  object_id   INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  role        TEXT,
  valid_from  TEXT, valid_to TEXT,   -- as written (partial dates)
  from_day    TEXT, to_day TEXT      -- earliest / latest day they may denote
);
CREATE INDEX relations_subject ON relations(subject_id);
CREATE INDEX relations_object ON relations(object_id);

CREATE TABLE events (
  id               INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  key              TEXT NOT NULL UNIQUE,
  type             TEXT NOT NULL,
  title            TEXT NOT NULL,
  date             TEXT, date_from TEXT, date_to TEXT,
  first_day        TEXT, last_day TEXT,
  city             TEXT, province TEXT, country TEXT,
  place_entity_id  INTEGER REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  place_detail     TEXT,
  killed_best REAL, killed_low REAL, killed_high REAL,
  wounded_best REAL, wounded_low REAL, wounded_high REAL
);

CREATE TABLE participants (
  id         INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_id  INTEGER REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  label      TEXT,
  role       TEXT NOT NULL CHECK (role IN ('claimed', 'attributed', 'suspected', 'facilitated',
                                           'target')),
  position   INTEGER NOT NULL
);
CREATE INDEX participants_event ON participants(event_id);
CREATE INDEX participants_entity ON participants(entity_id);

CREATE TABLE estimates (
  id               INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  key              TEXT NOT NULL UNIQUE,
  subject_id       INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  quantity         TEXT NOT NULL,
  value REAL, low REAL, high REAL, of REAL,
  qualifier TEXT, unit TEXT, scope TEXT,
  scope_entity_id  INTEGER REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  as_of TEXT, as_of_day TEXT
);
CREATE INDEX estimates_subject ON estimates(subject_id);

CREATE TABLE designations (
  id            INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_id     INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  authority_id  INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  list TEXT, program TEXT NOT NULL, reference TEXT, date TEXT
);
CREATE INDEX designations_entity ON designations(entity_id);

CREATE TABLE claims (
  id               INTEGER PRIMARY KEY,
  fact_id          INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  source_id        INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  span_start INTEGER, span_end INTEGER, digest TEXT, locator TEXT,
  party_entity_id  INTEGER REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  party_label      TEXT,
  stance           TEXT NOT NULL CHECK (stance IN ('asserts', 'denies')),
  confidence       REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  note             TEXT,
  position         INTEGER NOT NULL
);
CREATE INDEX claims_fact ON claims(fact_id);
CREATE INDEX claims_source ON claims(source_id);
