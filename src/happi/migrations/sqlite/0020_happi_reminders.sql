-- 0020: the HAPPI forms' reminders (src/happi/remind.c): when each form
-- of a year was last the subject of a reminder, so that it is reminded
-- about at most once a week. A form not yet started has no happi_forms
-- row, so the reminder's time lives here, keyed as a form is, and the
-- unused happi_forms.reminded_at of 0018 goes.
CREATE TABLE happi_reminders (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind TEXT NOT NULL CHECK (kind IN ('planning', 'final', 'waiting')),  -- the last one sent
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, year)
) STRICT;
ALTER TABLE happi_forms DROP COLUMN reminded_at;
