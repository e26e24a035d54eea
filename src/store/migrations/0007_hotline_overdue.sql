-- 0007: indexes for a unit's overdue messages (inbox counts and the
-- overdue filter): only rows still waiting for an acknowledgement or a
-- reply, by deadline, so counting them never walks a unit's whole history.
CREATE INDEX addressees_ack_open ON addressees(unit_id, ack_due_ms)
  WHERE state IN ('sent', 'delivered', 'read');
-- Acknowledged requests still waiting for their reply (before the
-- acknowledgement the ack deadline, which comes first, makes them overdue).
CREATE INDEX addressees_reply_open ON addressees(unit_id, reply_due_ms)
  WHERE state = 'acknowledged';
