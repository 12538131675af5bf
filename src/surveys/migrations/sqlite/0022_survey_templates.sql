-- 0022: survey templates (issue 14, docs/plans/surveys.md): per year and
-- kind (the participants' autumn and summer surveys, the LLME survey), one
-- default for every NCP of the year (project_id NULL) and any NCP's own.
-- content is the survey as data: its sections and questions (JSON,
-- src/surveys/content.h). Years are start years (2024 = 2024/25).
CREATE TABLE survey_templates (
  id INTEGER PRIMARY KEY,
  project_id INTEGER REFERENCES projects (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind TEXT NOT NULL CHECK (kind IN ('autumn', 'summer', 'llme')),
  title TEXT NOT NULL CHECK (title <> '' AND length(title) <= 200),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  content TEXT NOT NULL,
  created_by INTEGER REFERENCES people (id),
  created_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES people (id),
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, year, kind)
) STRICT;
-- NULLs are distinct in a UNIQUE: one default per year and kind is this index's
CREATE UNIQUE INDEX survey_templates_default ON survey_templates (year, kind) WHERE project_id IS NULL;
CREATE INDEX survey_templates_year ON survey_templates (year);
