-- 0014: the events' email and calendars. An email in the outbox may carry
-- one attachment (an event's .ics invitation); a confirmed person's
-- reminder two working days before is sent once (reminded_at); each person
-- may have one secret calendar feed of their confirmed events, its token
-- stored hashed (a reset replaces the row, so the old address stops
-- working). src/mail/ and src/events/ (mail.c, calendar.c, jobs.c) use them.

ALTER TABLE outbox ADD COLUMN attachment_name TEXT;  -- "invitation.ics" (NULL: no attachment)
ALTER TABLE outbox ADD COLUMN attachment_type TEXT;  -- its Content-Type, "text/calendar; method=REQUEST; charset=UTF-8"
ALTER TABLE outbox ADD COLUMN attachment TEXT;       -- its content (text)

ALTER TABLE event_answers ADD COLUMN reminded_at INTEGER;  -- confirmed: the reminder was queued then

CREATE TABLE calendar_feeds (
  person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,   -- SHA-256 (hex) of the secret in /calendar/{token}.ics
  created_at INTEGER NOT NULL
) STRICT;
