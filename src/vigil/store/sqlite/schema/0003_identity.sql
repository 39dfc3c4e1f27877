-- vigil schema version 3: the store says what it is.
--  * store_info holds facts about this database as a whole: a random id
--    made when the store was created (a screening snapshot names the store
--    it was built from) and the generation, raised by every write
--    transaction that changes data (snapshots and servers compare it to
--    know whether what they hold is current).
--  * The file's SQLite header carries vigil's application id (set by the
--    migration code beside this file), so that vigil refuses to write into
--    another program's database.

CREATE TABLE store_info (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO store_info(key, value) VALUES ('store_id', lower(hex(randomblob(16))));
INSERT INTO store_info(key, value) VALUES ('generation', '0');

-- Every load that writes a dataset inserts, updates or deletes its row in
-- datasets (version, load time), so these triggers are where the generation
-- moves.
CREATE TRIGGER datasets_generation_insert AFTER INSERT ON datasets BEGIN
  UPDATE store_info SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';
END;
CREATE TRIGGER datasets_generation_update AFTER UPDATE ON datasets BEGIN
  UPDATE store_info SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';
END;
CREATE TRIGGER datasets_generation_delete AFTER DELETE ON datasets BEGIN
  UPDATE store_info SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';
END;
