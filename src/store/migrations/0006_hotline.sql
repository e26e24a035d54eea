-- 0006: the hotline: messages between units, their addressees and states,
-- the timeline of each thread, escalations, attachments, links to other
-- records, standing links added by admins, officers' duty status, and the
-- full-text index.
--
-- Times are milliseconds since the epoch from rl_now_ms() (deadlines are
-- arithmetic on them); NULL means "not yet".

-- One message. `seq` is the rowid (inbox paging, the FTS rowid); `id` the
-- ULID shown to clients; `code` the human code HL-0000001. A thread is the
-- first message and every reply to it: thread_id is the first one's id.
CREATE TABLE messages (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  code         TEXT NOT NULL UNIQUE,
  thread_id    TEXT NOT NULL,
  parent_id    TEXT REFERENCES messages(id),        -- the message replied to
  kind         TEXT NOT NULL CHECK (kind IN ('information', 'request', 'alert', 'reply')),
  subtype      TEXT NOT NULL DEFAULT '' CHECK (subtype IN ('', 'investigate', 'verify',
                 'collect_evidence', 'locate_person', 'arrest_handover', 'other')),
  priority     TEXT NOT NULL CHECK (priority IN ('routine', 'urgent', 'flash')),
  tlp          TEXT NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber_strict', 'red')),
  subject      TEXT NOT NULL,
  body         TEXT NOT NULL,
  lang         TEXT NOT NULL CHECK (lang IN ('vi', 'lo', 'en', 'fr')),
  fields       TEXT NOT NULL DEFAULT '{}',          -- the template's fields, a JSON object
  sender_unit  TEXT NOT NULL REFERENCES units(id),
  sender_user  TEXT NOT NULL REFERENCES users(id),
  created_ms   INTEGER NOT NULL,
  idem_key     TEXT,                                -- client's Idempotency-Key, NULL if none
  acked_ms     INTEGER,                             -- first acknowledgement by any addressee
  answered_ms  INTEGER,                             -- first reply
  closed_ms    INTEGER,                             -- closed by the sender
  UNIQUE (sender_user, idem_key)
) STRICT;
CREATE INDEX messages_thread ON messages(thread_id, seq);
CREATE INDEX messages_outbox ON messages(sender_unit, created_ms DESC, seq DESC);

-- Who a message is addressed to, and where each addressee is with it.
-- role: 'to' the units the sender chose; 'forward' units it was forwarded
-- to; 'escalation' parents that received it when a deadline passed;
-- 'copy' the sender's own ancestors told of an escalation (no deadlines).
-- chain_unit is the 'to'/'forward' unit an escalation started from: an
-- acknowledgement anywhere in the chain stops its escalation.
CREATE TABLE addressees (
  msg_seq      INTEGER NOT NULL REFERENCES messages(seq),
  unit_id      TEXT NOT NULL REFERENCES units(id),
  role         TEXT NOT NULL CHECK (role IN ('to', 'forward', 'escalation', 'copy')),
  state        TEXT NOT NULL CHECK (state IN ('sent', 'delivered', 'read', 'acknowledged',
                 'answered', 'closed')),
  created_ms   INTEGER NOT NULL,
  delivered_ms INTEGER,
  read_ms      INTEGER,
  acked_ms     INTEGER,
  answered_ms  INTEGER,
  closed_ms    INTEGER,
  ack_due_ms   INTEGER,                             -- NULL: no deadline (copies, replies)
  reply_due_ms INTEGER,                             -- requests only
  level        INTEGER NOT NULL DEFAULT 0,          -- escalation steps above the chain's start
  escalated    INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)), -- passed up already
  chain_unit   TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (msg_seq, unit_id)
) STRICT;
-- Inbox pages: a unit's messages newest first, optionally by state.
CREATE INDEX addressees_inbox ON addressees(unit_id, created_ms DESC, msg_seq DESC);
CREATE INDEX addressees_state ON addressees(unit_id, state, created_ms DESC, msg_seq DESC);
-- The escalation pass looks only at rows that can still become due.
CREATE INDEX addressees_due ON addressees(ack_due_ms) WHERE escalated = 0 AND ack_due_ms IS NOT NULL;
CREATE INDEX addressees_reply_due ON addressees(reply_due_ms) WHERE escalated = 0 AND reply_due_ms IS NOT NULL;

-- The timeline: every state change, forward and escalation, in order.
CREATE TABLE message_events (
  id           INTEGER PRIMARY KEY,
  msg_seq      INTEGER NOT NULL REFERENCES messages(seq),
  at_ms        INTEGER NOT NULL,
  actor        TEXT NOT NULL,                       -- "user:LOGIN" or "system:escalation"
  unit_id      TEXT REFERENCES units(id),           -- the unit concerned
  what         TEXT NOT NULL,                       -- sent, delivered, read, acknowledged, ...
  detail       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX message_events_msg ON message_events(msg_seq, id);

CREATE TABLE escalations (
  id           INTEGER PRIMARY KEY,
  msg_seq      INTEGER NOT NULL REFERENCES messages(seq),
  from_unit    TEXT NOT NULL REFERENCES units(id),
  to_unit      TEXT NOT NULL REFERENCES units(id),
  reason       TEXT NOT NULL CHECK (reason IN ('ack_overdue', 'reply_overdue', 'nobody_on_duty')),
  at_ms        INTEGER NOT NULL
) STRICT;
CREATE INDEX escalations_msg ON escalations(msg_seq);

-- Links from a message to other records (a case, a notice...).
CREATE TABLE message_links (
  msg_seq      INTEGER NOT NULL REFERENCES messages(seq),
  kind         TEXT NOT NULL,                       -- "case", "notice", ...
  record_id    TEXT NOT NULL,
  PRIMARY KEY (msg_seq, kind, record_id)
) STRICT;

-- Files sent with a message, bounded by RL_ATTACHMENT_MAX.
CREATE TABLE attachments (
  id           TEXT PRIMARY KEY,                    -- ULID
  msg_seq      INTEGER NOT NULL REFERENCES messages(seq),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL CHECK (size >= 0),
  bytes        BLOB NOT NULL,
  created_ms   INTEGER NOT NULL
) STRICT;
CREATE INDEX attachments_msg ON attachments(msg_seq);

-- Routes admins open beyond the directory's (e.g. a province to a
-- non-neighbouring one). Stored once per pair (a_id < b_id).
CREATE TABLE hotline_links (
  a_id         TEXT NOT NULL REFERENCES units(id),
  b_id         TEXT NOT NULL REFERENCES units(id),
  created_ms   INTEGER NOT NULL,
  created_by   TEXT NOT NULL,
  PRIMARY KEY (a_id, b_id),
  CHECK (a_id < b_id)
) STRICT;

-- Officers on or off duty; the history is in the audit log.
CREATE TABLE duty (
  user_id      TEXT PRIMARY KEY REFERENCES users(id),
  on_duty      INTEGER NOT NULL CHECK (on_duty IN (0, 1)),
  since_ms     INTEGER NOT NULL
) STRICT;

-- Full text over rl_fold(subject + body + field values): trigrams find a
-- Vietnamese word with or without diacritics and a Lao word inside Lao
-- text written without spaces. rowid = messages.seq.
CREATE VIRTUAL TABLE message_fts USING fts5(text, tokenize = 'trigram');
