-- vigil schema: attributes as claims of a source (issue 11, reading).
--  * facts take the type 'attribute'. SQLite cannot change a CHECK, so the
--    table is rebuilt, every row keeping its id (the tables that refer to a
--    fact find it again); Database::Migrate runs migrations with foreign
--    keys off, so that dropping the old table cascades to nothing, and
--    checks every reference before it commits.
--  * claimed_attributes: an attribute of an entity as a source states it
--    ("status: deceased", said by an article read and accepted in review),
--    a fact with claims (source, span, party, stance) like a relation. The
--    curated value in `attributes` stays as it is: both are shown side by
--    side, and `vigil conflicts` reports values that differ.

CREATE TABLE facts_v2 (
  id          INTEGER PRIMARY KEY,
  dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  type        TEXT NOT NULL CHECK (type IN ('entity', 'relation', 'event', 'participant',
                                            'estimate', 'designation', 'attribute'))
);
INSERT INTO facts_v2(id, dataset_id, type) SELECT id, dataset_id, type FROM facts;
DROP TABLE facts;
ALTER TABLE facts_v2 RENAME TO facts;
CREATE INDEX facts_dataset ON facts(dataset_id);

CREATE TABLE claimed_attributes (
  id         INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_id  INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  key        TEXT NOT NULL,
  value      TEXT NOT NULL
);
CREATE INDEX claimed_attributes_entity ON claimed_attributes(entity_id, key);
