-- vigil schema: time that relations cannot outlive, questions the sources
-- answer differently, and where every record was written (issue 14).
--  * facts may be lifespan bounds and questions, and keep the file and line
--    of the record that made them (NULL for list records and older loads),
--    so that `vigil lint` names them. SQLite cannot change a CHECK: the
--    table is rebuilt (migrations run with foreign keys off, database.cc).
--  * lifespan_bounds: when an entity began (founded, born: start) and ended
--    (dissolved, died: end); each bound is a fact, backed by claims or by a
--    general-knowledge note of the curator's own (never a source's claim).
--  * claims keep their file and line too, and a question's claims the
--    answer they give.
--  * questions: a disagreement that is not about one relation, with the
--    entities it is about.
--  * relation_validity: each relation's effective validity, its own
--    interval intersected with both ends' lifespans, and which bound came
--    from where ('relation', 'subject' or 'object'). Every query that
--    filters relations by time reads it, and nothing else computes it.

CREATE TABLE facts_v2 (
  id          INTEGER PRIMARY KEY,
  dataset_id  INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  type        TEXT NOT NULL CHECK (type IN ('entity', 'relation', 'event', 'participant',
                                            'estimate', 'designation', 'attribute', 'lifespan',
                                            'question')),
  file        TEXT,
  line        INTEGER
);
INSERT INTO facts_v2(id, dataset_id, type) SELECT id, dataset_id, type FROM facts;
DROP TABLE facts;
ALTER TABLE facts_v2 RENAME TO facts;
CREATE INDEX facts_dataset ON facts(dataset_id);

ALTER TABLE claims ADD COLUMN answer TEXT;
ALTER TABLE claims ADD COLUMN file TEXT;
ALTER TABLE claims ADD COLUMN line INTEGER;

CREATE TABLE lifespan_bounds (
  id                 INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_id          INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  bound              TEXT NOT NULL CHECK (bound IN ('start', 'end')),
  date               TEXT NOT NULL,   -- as written (a partial date)
  day                TEXT NOT NULL,   -- start: the earliest day it may denote; end: the latest
  general_knowledge  TEXT,            -- the curator's note when no source dates it
  UNIQUE (entity_id, bound)
);

CREATE TABLE questions (
  id    INTEGER PRIMARY KEY REFERENCES facts(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  key   TEXT NOT NULL UNIQUE,
  text  TEXT NOT NULL,
  note  TEXT
);

CREATE TABLE question_entities (
  question_id  INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  entity_id    INTEGER NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
  position     INTEGER NOT NULL,
  PRIMARY KEY (question_id, position)
) WITHOUT ROWID;
CREATE INDEX question_entities_entity ON question_entities(entity_id);

-- Open ends are NULL. The effective start is the latest of the relation's
-- own start and both ends' starts; the effective end the earliest of the
-- ends. A tie is the relation's own (its claims date it).
CREATE VIEW relation_validity AS
SELECT v.relation_id, v.own_from_day, v.own_to_day, v.from_day, v.to_day,
       CASE WHEN v.from_day IS NULL THEN NULL
            WHEN v.own_from_day = v.from_day THEN 'relation'
            WHEN v.subject_start = v.from_day THEN 'subject'
            ELSE 'object' END AS from_bound,
       CASE WHEN v.to_day IS NULL THEN NULL
            WHEN v.own_to_day = v.to_day THEN 'relation'
            WHEN v.subject_end = v.to_day THEN 'subject'
            ELSE 'object' END AS to_bound
FROM (
  SELECT r.id AS relation_id, r.from_day AS own_from_day, r.to_day AS own_to_day,
         ss.day AS subject_start, se.day AS subject_end,
         NULLIF(MAX(COALESCE(r.from_day, ''), COALESCE(ss.day, ''), COALESCE(os.day, '')),
                '') AS from_day,
         NULLIF(MIN(COALESCE(r.to_day, '9999-12-31'), COALESCE(se.day, '9999-12-31'),
                    COALESCE(oe.day, '9999-12-31')), '9999-12-31') AS to_day
  FROM relations r
  LEFT JOIN lifespan_bounds ss ON ss.entity_id = r.subject_id AND ss.bound = 'start'
  LEFT JOIN lifespan_bounds se ON se.entity_id = r.subject_id AND se.bound = 'end'
  LEFT JOIN lifespan_bounds os ON os.entity_id = r.object_id AND os.bound = 'start'
  LEFT JOIN lifespan_bounds oe ON oe.entity_id = r.object_id AND oe.bound = 'end'
) v;
