-- 0026: one index on survey_values for results and paired change (issue 14
-- step 5, docs/PERFORMANCE.md "Survey results at national size"): an
-- invite's values by question key, carrying the value, so the queries that
-- reach values through their invites (results: a template's completed
-- invites; paired change: an autumn invite's value, then the summer
-- invite's value of the same key) read the index alone. It replaces
-- survey_values_invite (its first column) and survey_values_question
-- (question_key first: without statistics SQLite chose it for the summer
-- value, reading every value of the key for each pair: minutes at 60,000
-- participants).
DROP INDEX survey_values_question;
DROP INDEX survey_values_invite;
CREATE INDEX survey_values_answer ON survey_values (invite_id, question_key, value_num);
