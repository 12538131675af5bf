-- 0023: survey invites and answers (issue 14 step 2, docs/plans/surveys.md).
-- One invite per template, activity and person: their personal link
-- (/s/TOKEN; the database keeps token_hash, and token_sealed, the token
-- encrypted with the deployment's key (auth/sealed.h), so a signed-in owner
-- is shown their link again on the home page). answers is the record (JSON:
-- {"question-key": "text" or ["1", "3"]}), saved part-way;
-- survey_values is derived from it at each save, one row a value, for
-- completion counts and results.
CREATE TABLE survey_invites (
  id INTEGER PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  token_hash TEXT NOT NULL UNIQUE,
  token_sealed TEXT NOT NULL,
  invited_by INTEGER REFERENCES people (id),
  invited_at INTEGER NOT NULL,
  last_reminded_at INTEGER,
  reminders INTEGER NOT NULL DEFAULT 0 CHECK (reminders >= 0),
  started_at INTEGER,
  completed_at INTEGER,
  answers TEXT NOT NULL DEFAULT '{}',
  UNIQUE (template_id, activity_id, person_id)
) STRICT;
-- completion per activity and template (invited, completed) and rolled up
CREATE INDEX survey_invites_completion ON survey_invites (template_id, activity_id, completed_at);
-- a person's own (the home page)
CREATE INDEX survey_invites_person ON survey_invites (person_id);
CREATE INDEX survey_invites_activity ON survey_invites (activity_id);

CREATE TABLE survey_values (
  invite_id INTEGER NOT NULL REFERENCES survey_invites (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  value_num INTEGER,          -- a choice's number, a scale point, a number
  value_text TEXT,            -- free text
  CHECK (value_num IS NOT NULL OR value_text IS NOT NULL)
) STRICT;
CREATE INDEX survey_values_invite ON survey_values (invite_id);
-- results: a question's values, joined through invites by template and activity
CREATE INDEX survey_values_question ON survey_values (question_key, invite_id);
