-- 0018: the HAPPI form (Hub Activity Plan, Progress and Impact): each
-- NCP's expected outcomes, kept by the national team; the due dates of a
-- year; one form per activity and year with every version kept; quality
-- assurance notes, internal and apart.
-- src/happi/ reads and writes them; docs/ARCHITECTURE.md ("HAPPI") says the
-- rules. Years are start years (2024 = 2024/25), as in 0017.

-- a Specialist Knowledge for Teaching Mathematics programme: its
-- participants' pupils are an outcome it states (the handbook's rule)
ALTER TABLE projects ADD COLUMN sktm INTEGER NOT NULL DEFAULT 0 CHECK (sktm IN (0, 1));
UPDATE projects SET sktm = 1
WHERE kind = 'Programme' AND title LIKE 'Specialist Knowledge for Teaching Mathematics%';

-- an NCP's expected outcomes (an NCP is one year's: NCP24-06 is 2024/25's)
CREATE TABLE ncp_outcomes (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('pupils', 'schools', 'practice')),
  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 99),
  text TEXT NOT NULL CHECK (text <> '' AND length(text) <= 1000),
  created_by INTEGER REFERENCES people (id),
  created_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES people (id),
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, kind, position)
) STRICT;

-- when a year's forms are due: planning near the start, final at the end
CREATE TABLE happi_due (
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  planning_due TEXT NOT NULL,  -- YYYY-MM-DD
  final_due TEXT NOT NULL,
  set_by INTEGER REFERENCES people (id),
  set_at INTEGER NOT NULL,
  CHECK (planning_due < final_due)
) STRICT;

-- one form per activity and year; content: the current values (JSON)
CREATE TABLE happi_forms (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'planning_submitted', 'planning_returned',
    'planning_agreed', 'final_submitted', 'final_returned', 'reviewed')),
  version INTEGER NOT NULL CHECK (version >= 1),  -- the last saved: a save names the one it began from
  content TEXT NOT NULL,
  submitted_by INTEGER REFERENCES people (id),    -- of the submission waiting, or last made
  planning_submitted_at INTEGER,
  planning_agreed_at INTEGER,
  final_submitted_at INTEGER,
  reviewed_at INTEGER,
  reminded_at INTEGER,                             -- the last reminder sent about it
  updated_by INTEGER NOT NULL REFERENCES people (id),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, year)
) STRICT;
CREATE INDEX happi_forms_status ON happi_forms (year, status);

-- every save, never changed: what was there, who, when, and what they did
CREATE TABLE happi_versions (
  activity_id INTEGER NOT NULL,
  year INTEGER NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  action TEXT NOT NULL CHECK (action IN ('save', 'submit_planning', 'return', 'agree', 'submit_final', 'review')),
  status TEXT NOT NULL,                            -- after it
  comment TEXT CHECK (comment IS NULL OR length(comment) <= 5000),
  content TEXT NOT NULL,
  saved_by INTEGER NOT NULL REFERENCES people (id),
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, year, version),
  FOREIGN KEY (activity_id, year) REFERENCES happi_forms (activity_id, year) ON DELETE CASCADE
) STRICT;

-- quality assurance: internal to the hub and the national team, never in
-- a form as it is reported or exported
CREATE TABLE happi_qa_notes (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('visit', 'mechanism', 'note')),
  mechanism TEXT CHECK (mechanism IS NULL OR mechanism IN ('build_knowledge', 'motivate_staff',
    'develop_techniques', 'embed_practice')),
  visited_on TEXT,                                 -- YYYY-MM-DD, a QA visit's day
  body TEXT NOT NULL CHECK (body <> '' AND length(body) <= 5000),
  written_by INTEGER NOT NULL REFERENCES people (id),
  written_at INTEGER NOT NULL,
  CHECK ((kind = 'mechanism') = (mechanism IS NOT NULL)),
  CHECK ((kind = 'visit') = (visited_on IS NOT NULL))
) STRICT;
CREATE INDEX happi_qa_notes_activity ON happi_qa_notes (activity_id, year);
