-- 0028: what a closed survey's results and a year's paired change show
-- the whole programme (the national team's pages with no filter),
-- counted once at close (issue 14, docs/PERFORMANCE.md "Survey results
-- at national size"): read from here, those pages read a few rows, not
-- the tens of thousands of units (0027) and values they are made of.
-- Every activity is in the whole programme, so every block of the
-- small-group rule is wholly in it and nothing is left out: these are
-- the sums of every activity's units.
-- survey_total_units, survey_total_counts: 0027's sums over every
-- activity, by key (and number). survey_total_texts: each reported
-- text question's first 200 answers in their order (the page lists 200;
-- the downloads read them all from survey_values).
-- survey_paired_years, survey_paired_totals: a year's paired change of
-- the whole programme, as paired change works it out (the blocks joined,
-- the few in only one survey held back), from the closed surveys it was
-- worked out from (templates: their ids, "10,11") for the keys it was
-- worked out for (keys; a page finding other surveys or keys works it out
-- itself), and the people who completed both surveys. Worked out again
-- whenever one of the year's autumn or summer surveys closes.
-- survey_pair_units, survey_pair_singles, survey_pair_people: each
-- activity's pairs of each key (their number and sums: never the answers
-- before or after), answers in only one of the two surveys, and people
-- who completed both, by the pair of surveys (or the one survey) they
-- come from: what paired change's SQL used to read from every answer each
-- time, for any group, worked out again with the year's paired change.
-- They count only while their surveys are closed (the reads join them).
-- All are written by survey_counts_write (counted.c) in the close's write
-- transaction, by the demo data for its closed years, by `mathshubs
-- recount-surveys`, and for the templates already closed by this
-- migration's C part.
CREATE TABLE survey_total_units (
  template_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  n INTEGER NOT NULL,
  total INTEGER NOT NULL,
  PRIMARY KEY (template_id, question_key)
) STRICT;

CREATE TABLE survey_total_counts (
  template_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  value_num INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (template_id, question_key, value_num)
) STRICT;

CREATE TABLE survey_total_texts (
  template_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  place INTEGER NOT NULL,
  value_text TEXT NOT NULL,
  PRIMARY KEY (template_id, question_key, place)
) STRICT;

CREATE TABLE survey_paired_years (
  year INTEGER PRIMARY KEY,
  templates TEXT NOT NULL,
  keys TEXT NOT NULL,
  people INTEGER NOT NULL
) STRICT;

CREATE TABLE survey_paired_totals (
  year INTEGER NOT NULL REFERENCES survey_paired_years (year) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  pairs INTEGER NOT NULL,
  change_sum INTEGER NOT NULL,
  up INTEGER NOT NULL,
  down INTEGER NOT NULL,
  held INTEGER NOT NULL,
  single INTEGER NOT NULL,
  left_out INTEGER NOT NULL,
  PRIMARY KEY (year, question_key)
) STRICT;

CREATE TABLE survey_pair_units (
  year INTEGER NOT NULL,
  autumn_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  summer_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  pairs INTEGER NOT NULL,
  change_sum INTEGER NOT NULL,
  up INTEGER NOT NULL,
  down INTEGER NOT NULL,
  PRIMARY KEY (year, activity_id, question_key, autumn_id, summer_id)
) STRICT;
CREATE INDEX survey_pair_units_activity ON survey_pair_units (activity_id);

CREATE TABLE survey_pair_singles (
  year INTEGER NOT NULL,
  template_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  question_key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (year, activity_id, question_key, template_id)
) STRICT;
CREATE INDEX survey_pair_singles_activity ON survey_pair_singles (activity_id);

CREATE TABLE survey_pair_people (
  year INTEGER NOT NULL,
  autumn_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  summer_id INTEGER NOT NULL REFERENCES survey_templates (id) ON DELETE CASCADE,
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  PRIMARY KEY (year, activity_id, autumn_id, summer_id)
) STRICT;
CREATE INDEX survey_pair_people_activity ON survey_pair_people (activity_id);

-- Completion (SURVEY_STILL_INVITED: completed, or not among those who left
-- the activity) from indexes alone: an invite's person beside its
-- template, activity and completion (0023's index, with person_id), and
-- the few participants who left (about 3 % of them).
DROP INDEX survey_invites_completion;
CREATE INDEX survey_invites_completion ON survey_invites (template_id, activity_id, completed_at, person_id);
CREATE INDEX activity_participants_left ON activity_participants (activity_id, person_id) WHERE left_on IS NOT NULL;
