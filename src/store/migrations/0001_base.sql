-- 0001: node metadata and the tamper-evident audit log.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One row per change, written in the same transaction as the change.
-- hash = SHA-256 over prev_hash and the row's fields (store/audit.c), so
-- editing, removing or reordering a row breaks the chain from there on.
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,        -- 1, 2, 3 ... the chain order
  id        TEXT NOT NULL UNIQUE,       -- ULID
  at        TEXT NOT NULL,              -- UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  actor     TEXT NOT NULL,              -- "user:LOGIN", "system:cli", ...
  action    TEXT NOT NULL,              -- "unit.add", "user.disable", ...
  kind      TEXT NOT NULL,              -- record kind: "unit", "user", ...
  record    TEXT,                       -- the record's id or code
  summary   TEXT NOT NULL,              -- what changed, for a person
  prev_hash TEXT NOT NULL,              -- hex; 64 zeros for the first row
  hash      TEXT NOT NULL               -- hex SHA-256
) STRICT;
CREATE INDEX audit_record ON audit(kind, record);
CREATE INDEX audit_actor ON audit(actor);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
