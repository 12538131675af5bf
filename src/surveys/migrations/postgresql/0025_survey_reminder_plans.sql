-- 0025: scheduled survey reminders (issue 14, docs/plans/surveys.md,
-- "Completion and reminders"). One plan per activity and template: those
-- who have not completed are reminded every every_days days (counted from
-- their link or their last reminder), at most max_reminders times, at the
-- first hour a reminder may go (school days, 09:00 to 16:00, never in
-- school holidays: src/surveys/schedule_job.c). Stopping removes the plan.
-- The PostgreSQL twin of migrations/sqlite/0025_survey_reminder_plans.sql.
CREATE TABLE survey_reminder_plans (
  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  template_id BIGINT NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  every_days BIGINT NOT NULL CHECK (every_days >= 2),
  max_reminders BIGINT NOT NULL CHECK (max_reminders BETWEEN 1 AND 10),
  set_by BIGINT REFERENCES people (id),
  set_at BIGINT NOT NULL,
  PRIMARY KEY (activity_id, template_id)
);
CREATE INDEX survey_reminder_plans_template ON survey_reminder_plans (template_id);
