-- vigil schema version 2: official designation lists beside the curated
-- knowledge base.
--  * datasets record the list version: publish date and SHA-256 of the files.
--  * entities carry the list's own reference id (UN "TAi.144", OFAC ent_num).
--  * entity_values holds multi-valued facts of a listed record (every birth
--    date or range, birth place, nationality, citizenship, address, title...).
--  * identifiers: passports, national ids, registration numbers.
--  * designations name their authority by code ("UN", "US", "RU"); the
--    authority entity is optional (lists do not carry one).
--  * links join an entity of one dataset to the same real-world entity in
--    another (a UN record to the curated card of the same person), by stable
--    keys so that either side can be re-imported; the engine recomputes them
--    after every load and records why each was made.

ALTER TABLE datasets ADD COLUMN publish_date TEXT;
ALTER TABLE datasets ADD COLUMN sha256 TEXT;

ALTER TABLE entities ADD COLUMN reference TEXT;
CREATE INDEX entities_reference ON entities(reference);

CREATE TABLE entity_values (
  entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL,
  position   INTEGER NOT NULL
);
CREATE INDEX entity_values_entity ON entity_values(entity_id);

CREATE TABLE identifiers (
  entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  type       TEXT NOT NULL,
  value      TEXT NOT NULL,
  country    TEXT,
  note       TEXT,
  position   INTEGER NOT NULL
);
CREATE INDEX identifiers_entity ON identifiers(entity_id);
CREATE INDEX identifiers_value ON identifiers(value);

CREATE TABLE designations_v2 (
  id            INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_id     INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  authority     TEXT NOT NULL,        -- code: UN, US, RU, EU, UK...
  authority_id  INTEGER REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  list TEXT, program TEXT NOT NULL, reference TEXT, date TEXT
);
INSERT INTO designations_v2(id, entity_id, authority, authority_id, list, program, reference, date)
  SELECT d.id, d.entity_id,
         COALESCE((SELECT a.value FROM attributes a
                   WHERE a.entity_id = d.authority_id AND a.key = 'authority_code'),
                  UPPER((SELECT e.key FROM entities e WHERE e.id = d.authority_id))),
         d.authority_id, d.list, d.program, d.reference, d.date
  FROM designations d;
DROP TABLE designations;
ALTER TABLE designations_v2 RENAME TO designations;
CREATE INDEX designations_entity ON designations(entity_id);
CREATE INDEX designations_authority ON designations(authority);

CREATE TABLE links (
  id          INTEGER PRIMARY KEY,
  entity_key  TEXT NOT NULL,          -- e.g. a list record: "un-tai-144"
  target_key  TEXT NOT NULL,          -- e.g. the curated card: "sirajuddin-haqqani"
  method      TEXT NOT NULL,          -- reference | name | name+dob | manual
  score       REAL NOT NULL,
  reason      TEXT NOT NULL,          -- human-readable: what matched
  UNIQUE (entity_key, target_key)
);
CREATE INDEX links_target ON links(target_key);
