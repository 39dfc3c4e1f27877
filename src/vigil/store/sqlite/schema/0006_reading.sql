-- vigil schema version 6: reading new reporting (issue 11).
--  * reading_sources: every article `vigil read` took in, by the SHA-256 of
--    the text it stores (HTML reduced to its text), with the text itself.
--    Reading the same text again finds this row and adds nothing.
--  * reading_mentions: each mention of a known entity, with its candidates
--    (JSON) when the name is ambiguous and how it was resolved.
--  * proposals: the review queue. Each proposed claim, the rule that made
--    it and the passage (span, digest) that supports it; the analyst's
--    decision (accepted, rejected; edited ones are accepted with their
--    fields changed), who made it and when. Accepted proposals become the
--    claims of the `reading` dataset (engine/reading.h).

CREATE TABLE reading_sources (
  id           INTEGER PRIMARY KEY,
  key          TEXT NOT NULL UNIQUE,
  sha256       TEXT NOT NULL UNIQUE,     -- of the stored text
  input_sha256 TEXT NOT NULL,            -- of the file read (HTML or text)
  format       TEXT NOT NULL CHECK (format IN ('text', 'html')),
  title        TEXT NOT NULL,
  publisher    TEXT, published TEXT, url TEXT, file TEXT,
  length       INTEGER NOT NULL,         -- code points
  text         TEXT NOT NULL,
  read_at      TEXT NOT NULL
);

CREATE TABLE reading_mentions (
  source_id   INTEGER NOT NULL REFERENCES reading_sources(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  entity_key  TEXT,                      -- NULL when ambiguous
  candidates  TEXT NOT NULL,             -- JSON array of entity keys
  reason      TEXT NOT NULL,
  PRIMARY KEY (source_id, position)
) WITHOUT ROWID;

CREATE TABLE proposals (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES reading_sources(id) ON DELETE CASCADE,
  fingerprint   TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('relation', 'participant', 'estimate', 'attribute')),
  subject_key   TEXT NOT NULL,
  predicate     TEXT NOT NULL,
  object_key    TEXT, object_label TEXT, role TEXT, time TEXT,
  party_key     TEXT, party_label TEXT,
  stance        TEXT NOT NULL CHECK (stance IN ('asserts', 'denies', 'reports')),
  span_start    INTEGER NOT NULL,
  span_end      INTEGER NOT NULL,
  digest        TEXT NOT NULL,
  rule          TEXT NOT NULL,
  confidence    REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  value REAL, low REAL, high REAL, qualifier TEXT,
  status        TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'rejected')),
  edited        INTEGER NOT NULL DEFAULT 0,
  decided_by    TEXT, decided_at TEXT, note TEXT,
  UNIQUE (source_id, fingerprint)
);
CREATE INDEX proposals_status ON proposals(status);
