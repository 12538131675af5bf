-- 0005 (PostgreSQL twin of migrations/sqlite/0005_account_security.sql):
-- managing one's own account. A person may hold several second factors at
-- once (an authenticator app, a phone, codes by email); a phone gets its
-- codes by text or by a phone call; sessions remember when their person
-- last proved who they are (re-authentication before changing a factor or
-- the recovery codes); the outbox carries phone calls too.
ALTER TABLE people ADD COLUMN phone_channel TEXT NOT NULL DEFAULT 'sms' CHECK (phone_channel IN ('sms', 'voice'));
ALTER TABLE people ADD COLUMN phone_pending_channel TEXT NOT NULL DEFAULT 'sms' CHECK (phone_pending_channel IN ('sms', 'voice'));
-- where the live one-time code (email_code_hash) was sent, and what for:
-- signing in (email, sms, voice) or confirming a new number (confirm_sms,
-- confirm_voice); a code works only for its purpose
ALTER TABLE people ADD COLUMN code_channel TEXT NOT NULL DEFAULT 'email'
  CHECK (code_channel IN ('email', 'sms', 'voice', 'confirm_sms', 'confirm_voice'));
ALTER TABLE sessions ADD COLUMN authenticated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms', 'voice'));
