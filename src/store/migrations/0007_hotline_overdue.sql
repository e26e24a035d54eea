-- 0007: indexes for a unit's overdue messages (inbox counts and the
-- overdue filter): only rows still waiting for an acknowledgement or a
-- reply, by deadline, so counting them never walks a unit's whole history;
-- and the priority on addressee rows (below).
CREATE INDEX addressees_ack_open ON addressees(unit_id, ack_due_ms)
  WHERE state IN ('sent', 'delivered', 'read');
-- Acknowledged requests still waiting for their reply (before the
-- acknowledgement the ack deadline, which comes first, makes them overdue).
CREATE INDEX addressees_reply_open ON addressees(unit_id, reply_due_ms)
  WHERE state = 'acknowledged';

-- The message's priority on each addressee row, so an inbox filtered by
-- priority walks an index of the unit's rows of that priority instead of
-- reading every message of the unit. Set once: a priority never changes.
ALTER TABLE addressees ADD COLUMN priority TEXT NOT NULL DEFAULT 'routine'
  CHECK (priority IN ('routine', 'urgent', 'flash'));
UPDATE addressees SET priority = (SELECT m.priority FROM messages m WHERE m.seq = addressees.msg_seq);
CREATE INDEX addressees_priority ON addressees(unit_id, priority, created_ms DESC, msg_seq DESC);
