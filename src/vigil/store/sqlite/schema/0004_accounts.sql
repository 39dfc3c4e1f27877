-- vigil schema version 4: what a team needs to share one store.
--  * tokens: API tokens with a role. Only a salted BLAKE2b hash of the
--    secret part is kept; public_id (the token's middle part) finds the row.
--  * audit: an append-only, hash-chained log of every screening, decision
--    and administrative act. Each row's hash covers its fields and the
--    previous row's hash, so an edited or deleted row breaks the chain
--    (vigil audit verify). seq has no gaps.
--  * decisions: what a screener decided about one listed record for one
--    subject (match, false_positive, needs_review), with the record's
--    digest at the time, so a later list version that changes the record
--    shows the decision as stale.
--  * monitors, monitor_hits, alerts: subjects re-screened after every list
--    update; alerts record hits that appeared, changed or went away, and
--    the list change that caused them.

CREATE TABLE tokens (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL CHECK (role IN ('reader', 'screener', 'analyst', 'admin')),
  public_id   TEXT NOT NULL UNIQUE,
  salt        BLOB NOT NULL,
  hash        BLOB NOT NULL,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);

CREATE TABLE audit (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  detail     TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE INDEX audit_at ON audit(at);

CREATE TABLE decisions (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  actor          TEXT NOT NULL,
  subject_key    TEXT NOT NULL,
  subject        TEXT NOT NULL,
  record_key     TEXT NOT NULL,
  dataset        TEXT NOT NULL,
  list_version   TEXT,
  record_digest  TEXT NOT NULL,
  decision       TEXT NOT NULL CHECK (decision IN ('match', 'false_positive', 'needs_review')),
  note           TEXT,
  audit_seq      INTEGER NOT NULL
);
CREATE INDEX decisions_subject ON decisions(subject_key, record_key);

CREATE TABLE monitors (
  id          INTEGER PRIMARY KEY,
  label       TEXT NOT NULL,
  query       TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  removed_at  TEXT
);

CREATE TABLE monitor_hits (
  monitor_id    INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  record_key    TEXT NOT NULL,
  dataset       TEXT NOT NULL,
  score         REAL NOT NULL,
  record_digest TEXT NOT NULL,
  PRIMARY KEY (monitor_id, record_key)
) WITHOUT ROWID;

CREATE TABLE alerts (
  id           INTEGER PRIMARY KEY,
  monitor_id   INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  at           TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('new', 'changed', 'removed')),
  record_key   TEXT NOT NULL,
  dataset      TEXT NOT NULL,
  old_score    REAL,
  new_score    REAL,
  cause        TEXT NOT NULL,
  detail       TEXT NOT NULL
);
CREATE INDEX alerts_monitor ON alerts(monitor_id, id);
