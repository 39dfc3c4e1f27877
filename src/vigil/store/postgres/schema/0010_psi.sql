-- vigil schema: private watchlist matching (store/sqlite/schema/0010_psi.sql).

CREATE TABLE psi_epochs (
  id          TEXT COLLATE "C" PRIMARY KEY,
  list        TEXT COLLATE "C" NOT NULL,
  mode        TEXT COLLATE "C" NOT NULL CHECK (mode IN ('exact', 'tolerant')),
  secret      BYTEA NOT NULL,
  created_at  TEXT COLLATE "C" NOT NULL,
  retired_at  TEXT COLLATE "C"
);
CREATE INDEX psi_epochs_list ON psi_epochs(list, mode);
