-- vigil schema: verifiable private matching (docs/psi.md).
--  * psi_epochs.verifiable: 1 when the epoch answers in RFC 9497's VOPRF
--    mode, each response carrying a proof that it was made with the key
--    whose public half the setup names, so that a querier can check that
--    the list holder uses one key for everyone.

ALTER TABLE psi_epochs ADD COLUMN verifiable INTEGER NOT NULL DEFAULT 0
  CHECK (verifiable IN (0, 1));
