-- 0024: school term dates (issue 14, docs/plans/surveys.md "Completion and
-- reminders"): survey reminders are never sent in a school holiday. A
-- local authority's terms (la_code), or the default national calendar
-- (la_code NULL, loaded from data/school-terms-default.csv: written from
-- the common pattern of English terms, not any authority's dates). Half
-- terms and holidays are the gaps between terms. Days are "YYYY-MM-DD".
CREATE TABLE school_terms (
  id INTEGER PRIMARY KEY,
  la_code TEXT REFERENCES local_authorities (code),
  name TEXT NOT NULL CHECK (name <> '' AND length(name) <= 100),
  first_day TEXT NOT NULL CHECK (length(first_day) = 10),
  last_day TEXT NOT NULL CHECK (length(last_day) = 10),
  loaded_by INTEGER REFERENCES people (id),
  loaded_at INTEGER NOT NULL,
  CHECK (first_day <= last_day),
  UNIQUE (la_code, first_day)
) STRICT;
-- NULLs are distinct in a UNIQUE: the default calendar's is this index's
CREATE UNIQUE INDEX school_terms_default ON school_terms (first_day) WHERE la_code IS NULL;
