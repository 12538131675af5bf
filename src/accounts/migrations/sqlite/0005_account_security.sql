-- 0005: managing one's own account. A person may hold several second
-- factors at once (an authenticator app, a phone, codes by email); a phone
-- gets its codes by text or by a phone call; sessions remember when their
-- person last proved who they are (re-authentication before changing a
-- factor or the recovery codes); the outbox carries phone calls too.
ALTER TABLE people ADD COLUMN phone_channel TEXT NOT NULL DEFAULT 'sms' CHECK (phone_channel IN ('sms', 'voice'));
ALTER TABLE people ADD COLUMN phone_pending_channel TEXT NOT NULL DEFAULT 'sms' CHECK (phone_pending_channel IN ('sms', 'voice'));
-- where the live one-time code (email_code_hash) was sent, and what for:
-- signing in (email, sms, voice) or confirming a new number (confirm_sms,
-- confirm_voice); a code works only for its purpose
ALTER TABLE people ADD COLUMN code_channel TEXT NOT NULL DEFAULT 'email'
  CHECK (code_channel IN ('email', 'sms', 'voice', 'confirm_sms', 'confirm_voice'));
ALTER TABLE sessions ADD COLUMN authenticated_at INTEGER NOT NULL DEFAULT 0;

-- SQLite cannot change a column's CHECK: the outbox is rebuilt.
CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER,
  last_error TEXT,
  channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'voice'))
) STRICT;
INSERT INTO outbox_new (id, created_at, to_addr, subject, body_text, body_html, attempts, next_attempt_at, lease_until, sent_at, last_error, channel)
  SELECT id, created_at, to_addr, subject, body_text, body_html, attempts, next_attempt_at, lease_until, sent_at, last_error, channel FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
