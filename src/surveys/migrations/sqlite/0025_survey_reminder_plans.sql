-- 0025: scheduled survey reminders (issue 14, docs/plans/surveys.md,
-- "Completion and reminders"). One plan per activity and template: those
-- who have not completed are reminded every every_days days (counted from
-- their link or their last reminder), at most max_reminders times, at the
-- first hour a reminder may go (school days, 09:00 to 16:00, never in
-- school holidays: src/surveys/schedule_job.c). Stopping removes the plan.
CREATE TABLE survey_reminder_plans (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  template_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  every_days INTEGER NOT NULL CHECK (every_days >= 2),
  max_reminders INTEGER NOT NULL CHECK (max_reminders BETWEEN 1 AND 10),
  set_by INTEGER REFERENCES people (id),
  set_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, template_id)
) STRICT;
CREATE INDEX survey_reminder_plans_template ON survey_reminder_plans (template_id);
