-- 0001: the programme's structure: regions, hubs, academic years, the NCP
-- catalogue, bank holidays. Reference rows are loaded by migration 0002.

CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE hubs (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_id INTEGER NOT NULL REFERENCES regions (id)
) STRICT;
CREATE INDEX hubs_region ON hubs (region_id);

-- an academic year runs from 1 September to 31 August; code '2024/25'
CREATE TABLE academic_years (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  CHECK (starts_on < ends_on)
) STRICT;

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  academic_year_id INTEGER NOT NULL REFERENCES academic_years (id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('Work Group', 'Programme', 'Community', 'Targeted Support')),
  develops_llmes INTEGER NOT NULL CHECK (develops_llmes IN (0, 1))
) STRICT;
CREATE INDEX projects_year ON projects (academic_year_id);

CREATE TABLE project_phases (
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  phase TEXT NOT NULL CHECK (phase IN ('Primary', 'Secondary', 'Post-16')),
  PRIMARY KEY (project_id, phase)
) STRICT;

CREATE TABLE bank_holidays (
  day TEXT NOT NULL,
  division TEXT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (division, day)
) STRICT;
