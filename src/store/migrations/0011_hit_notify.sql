-- 0011: delivery of hit notifications. A hit's notification to the
-- issuing unit is sent through the hotline after the hit is committed; if
-- that failed or never happened (the process stopped in between, a storage
-- error, a hit recorded by the operator, who is no hotline user), it stays
-- pending (sent_at = '') and is sent later by the server's periodic job or
-- `redline hit resend`, exactly once (core/screen.c: a claim with a lease,
-- then a look for a message that already carried it, then the send).

-- Attempts so far (the first is the one at the hit).
ALTER TABLE hit_notifications ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
-- UTC time before which nobody tries: a sender's lease while it sends
-- (last_error = ''), or the back-off after a failure (last_error != '').
ALTER TABLE hit_notifications ADD COLUMN next_attempt_at TEXT NOT NULL DEFAULT '';
-- Why the last attempt failed, '' if none failed (or one is under way).
ALTER TABLE hit_notifications ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
-- The hotline message that carried it, '' while pending.
ALTER TABLE hit_notifications ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
-- Rows with sent_at = '' were pending before this migration: due at once.
CREATE INDEX hit_notifications_due ON hit_notifications(next_attempt_at) WHERE sent_at = '';
