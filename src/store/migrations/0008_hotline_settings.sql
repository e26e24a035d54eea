-- 0008: deployment settings (the hotline's deadlines first), who linked a
-- message to another record and when, and the timeline's reasons as a
-- code with parameters so every reader sees them in their own language.

-- Settings an administrator changes at run time (`redline config`, PUT
-- /api/v1/config/{key}). Only keys core/config.c knows are stored, each in
-- its canonical text ("15m", "3d"); a key without a row has its default.
-- Readers look the value up when they need it, so a running server follows
-- a change made by another process without a restart.
CREATE TABLE settings (
  key          TEXT PRIMARY KEY,
  value        TEXT NOT NULL,
  updated_ms   INTEGER NOT NULL,                    -- rl_now_ms() of the change
  updated_by   TEXT NOT NULL                        -- the audit name of the actor
) STRICT;

-- message_links (0006) gains who added the link and when; the record is
-- the target's id (a case's or person's ULID, a notice's id). Rows from
-- before this migration have 0 and ''.
ALTER TABLE message_links ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE message_links ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
-- The messages that cite a record (a case page listing its messages).
CREATE INDEX message_links_record ON message_links(kind, record_id);

-- The timeline's reason as data: `code` names a sentence of the hotline's
-- catalogue (ack_overdue, reply_overdue, nobody_on_duty, no_level_above,
-- informed ...) and `params` its values as a JSON object ({"from": unit
-- code, "to": unit code}). `detail` keeps the English text for older
-- clients. Rows from before this migration have '' and '{}'.
ALTER TABLE message_events ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE message_events ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
