-- vigil schema: conflict event data (UCDP GED, ACLED) beside the curated
-- events. (Numbered 0007 so that it follows 0006, taken by the reading
-- queue of issue 11 on another branch.)
--  * events carry the place as the dataset gives it (admin-1, admin-2, the
--    point) and how the province was resolved from the point, or why not.
--  * participants take the roles of imported actors (side_a, side_b,
--    perpetrator, claimant); SQLite cannot change a CHECK, so the table is
--    rebuilt.
--  * event_links: each imported actor (a participant known by its label)
--    linked to a knowledge-base entity, suggested with candidates, or left
--    unlinked, with the method, score and reason; recomputed after every
--    load (engine/event_linking.h), by entity key so that either side can be
--    re-imported.

ALTER TABLE events ADD COLUMN admin1 TEXT;
ALTER TABLE events ADD COLUMN admin2 TEXT;
ALTER TABLE events ADD COLUMN latitude REAL;
ALTER TABLE events ADD COLUMN longitude REAL;
ALTER TABLE events ADD COLUMN province_note TEXT;
CREATE INDEX events_first_day ON events(first_day);

CREATE TABLE participants_v2 (
  id         INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_id  INTEGER REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  label      TEXT,
  role       TEXT NOT NULL CHECK (role IN ('claimed', 'attributed', 'suspected', 'facilitated',
                                           'target', 'side_a', 'side_b', 'perpetrator',
                                           'claimant')),
  position   INTEGER NOT NULL
);
INSERT INTO participants_v2(id, event_id, entity_id, label, role, position)
  SELECT id, event_id, entity_id, label, role, position FROM participants;
DROP TABLE participants;
ALTER TABLE participants_v2 RENAME TO participants;
CREATE INDEX participants_event ON participants(event_id);
CREATE INDEX participants_entity ON participants(entity_id);

CREATE TABLE event_links (
  id              INTEGER PRIMARY KEY,
  participant_id  INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_key      TEXT,               -- NULL when unlinked
  status          TEXT NOT NULL CHECK (status IN ('linked', 'suggested', 'unlinked')),
  method          TEXT NOT NULL,      -- name | government | acronym | affiliate | none
  score           REAL NOT NULL,
  reason          TEXT NOT NULL,
  position        INTEGER NOT NULL
);
CREATE INDEX event_links_participant ON event_links(participant_id);
CREATE INDEX event_links_entity ON event_links(entity_key);
