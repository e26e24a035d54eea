-- 0012: the inbox counts of each unit kept up to date by triggers, so an
-- inbox page reads them in one lookup instead of walking the unit's
-- addressee rows (an inbox page carries the counts, and walking up to
-- RL_COUNT_CAP index entries for each of them was a quarter to a third of
-- a page's work with a million messages).
--
-- One row per unit that has ever had an addressee row. Every count is
-- exact (never capped; the reply caps them at RL_COUNT_CAP):
--   inbox       the unit's addressee rows, any role and state;
--   unread      rows in state 'sent' or 'delivered';
--   ack_open    rows waiting for an acknowledgement with a deadline:
--               state 'sent', 'delivered' or 'read', ack_due_ms set;
--   reply_open  acknowledged rows waiting for a reply with a deadline:
--               state 'acknowledged', reply_due_ms set;
--   changes     goes up whenever one of the unit's rows is added or
--               removed or its unit, state or a deadline changes: an
--               overdue count computed at a given `changes` holds until
--               the next deadline ahead passes.
-- Overdue itself depends on the time, so it is no column: it is the open
-- rows less those whose deadline is still ahead, see
-- msg_store_inbox_counts().
CREATE TABLE unit_box_counts (
  unit_id      TEXT PRIMARY KEY,                    -- a unit's id (derived data: no foreign key)
  inbox        INTEGER NOT NULL DEFAULT 0 CHECK (inbox >= 0),
  unread       INTEGER NOT NULL DEFAULT 0 CHECK (unread >= 0),
  ack_open     INTEGER NOT NULL DEFAULT 0 CHECK (ack_open >= 0),
  reply_open   INTEGER NOT NULL DEFAULT 0 CHECK (reply_open >= 0),
  changes      INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

INSERT INTO unit_box_counts (unit_id, inbox, unread, ack_open, reply_open)
SELECT unit_id, COUNT(*),
       SUM(state IN ('sent', 'delivered')),
       SUM(state IN ('sent', 'delivered', 'read') AND ack_due_ms IS NOT NULL),
       SUM(state = 'acknowledged' AND reply_due_ms IS NOT NULL)
FROM addressees GROUP BY unit_id;

CREATE TRIGGER addressees_count_insert AFTER INSERT ON addressees
BEGIN
  INSERT INTO unit_box_counts (unit_id, inbox, unread, ack_open, reply_open, changes)
  VALUES (new.unit_id, 1, new.state IN ('sent', 'delivered'),
          new.state IN ('sent', 'delivered', 'read') AND new.ack_due_ms IS NOT NULL,
          new.state = 'acknowledged' AND new.reply_due_ms IS NOT NULL, 1)
  ON CONFLICT (unit_id) DO UPDATE SET inbox = inbox + 1, unread = unread + excluded.unread,
    ack_open = ack_open + excluded.ack_open, reply_open = reply_open + excluded.reply_open,
    changes = changes + 1;
END;

CREATE TRIGGER addressees_count_delete AFTER DELETE ON addressees
BEGIN
  UPDATE unit_box_counts SET inbox = inbox - 1,
    unread = unread - (old.state IN ('sent', 'delivered')),
    ack_open = ack_open - (old.state IN ('sent', 'delivered', 'read') AND old.ack_due_ms IS NOT NULL),
    reply_open = reply_open - (old.state = 'acknowledged' AND old.reply_due_ms IS NOT NULL),
    changes = changes + 1
  WHERE unit_id = old.unit_id;
END;

-- Updates that leave the unit, the state and the deadlines as they were
-- (read times, escalated) change nothing counted.
CREATE TRIGGER addressees_count_update AFTER UPDATE OF unit_id, state, ack_due_ms, reply_due_ms
ON addressees
WHEN old.unit_id IS NOT new.unit_id OR old.state IS NOT new.state
  OR old.ack_due_ms IS NOT new.ack_due_ms OR old.reply_due_ms IS NOT new.reply_due_ms
BEGIN
  UPDATE unit_box_counts SET inbox = inbox - 1,
    unread = unread - (old.state IN ('sent', 'delivered')),
    ack_open = ack_open - (old.state IN ('sent', 'delivered', 'read') AND old.ack_due_ms IS NOT NULL),
    reply_open = reply_open - (old.state = 'acknowledged' AND old.reply_due_ms IS NOT NULL),
    changes = changes + 1
  WHERE unit_id = old.unit_id;
  INSERT INTO unit_box_counts (unit_id, inbox, unread, ack_open, reply_open, changes)
  VALUES (new.unit_id, 1, new.state IN ('sent', 'delivered'),
          new.state IN ('sent', 'delivered', 'read') AND new.ack_due_ms IS NOT NULL,
          new.state = 'acknowledged' AND new.reply_due_ms IS NOT NULL, 1)
  ON CONFLICT (unit_id) DO UPDATE SET inbox = inbox + 1, unread = unread + excluded.unread,
    ack_open = ack_open + excluded.ack_open, reply_open = reply_open + excluded.reply_open,
    changes = changes + 1;
END;
