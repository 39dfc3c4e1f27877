-- vigil schema: verifiable private matching (store/sqlite/schema/0011_psi_verifiable.sql).

ALTER TABLE psi_epochs ADD COLUMN verifiable INTEGER NOT NULL DEFAULT 0
  CHECK (verifiable IN (0, 1));
