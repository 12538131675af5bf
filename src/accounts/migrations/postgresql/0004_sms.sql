-- 0004 (PostgreSQL twin of migrations/sqlite/0004_sms.sql): the second factor by text message. A person with a phone number
-- gets their codes by text; the outbox carries texts as well as email.
ALTER TABLE people ADD COLUMN phone TEXT;          -- +44..., confirmed by a code
ALTER TABLE people ADD COLUMN phone_pending TEXT;  -- a number being confirmed
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms'));
