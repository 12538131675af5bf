-- 0027: a closed survey's results counted once, at close (issue 14,
-- docs/PERFORMANCE.md "Survey results at national size"). Results are
-- shown only once a template is closed, and a closed template never
-- changes (closed is final; answering is refused after), so the results
-- pages read these sums rather than every value each time.
-- survey_sum_units: each activity's answers to each key in completed
-- invites: n the invites with an answer, total the sum of their numbers.
-- survey_sum_counts: each activity's completed invites giving each number
-- to each key. Written by survey_sums_write (results_queries.c) in the
-- close's write transaction, by the demo data for its closed years, and,
-- for the templates already closed, by this migration's C part (the same
-- function: one SQL text).
-- The PostgreSQL twin of migrations/sqlite/0027_survey_sums.sql.
CREATE TABLE survey_sum_units (
  template_id BIGINT NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  n BIGINT NOT NULL,
  total BIGINT NOT NULL,
  PRIMARY KEY (template_id, activity_id, question_key)
);
CREATE INDEX survey_sum_units_activity ON survey_sum_units (activity_id);

CREATE TABLE survey_sum_counts (
  template_id BIGINT NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  activity_id BIGINT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  value_num BIGINT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (template_id, activity_id, question_key, value_num)
);
CREATE INDEX survey_sum_counts_activity ON survey_sum_counts (activity_id);
