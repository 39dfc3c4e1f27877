-- vigil schema: private watchlist matching (issue 13, docs/psi.md).
--  * psi_epochs: the list holder's secret for each epoch in which it offers
--    a list: the OPRF key (32 bytes) that its published setup was made
--    with. A new setup of the same list and mode retires the live epoch, so
--    that requests made against an old setup are refused. The key never
--    leaves the store; the id is public (it names the setup).

CREATE TABLE psi_epochs (
  id          TEXT PRIMARY KEY,
  list        TEXT NOT NULL,
  mode        TEXT NOT NULL CHECK (mode IN ('exact', 'tolerant')),
  secret      BLOB NOT NULL,
  created_at  TEXT NOT NULL,
  retired_at  TEXT
);
CREATE INDEX psi_epochs_list ON psi_epochs(list, mode);
