-- 0007: the registry. Schools as the DfE publishes them in GIAS ("Get
-- Information about Schools"), keyed by URN, with their trusts and their
-- predecessor and successor links; local authorities and which hub's area
-- each is in (with a per-school exception); people's school, job title and
-- deactivation; LLME designations (per academic year) and accreditations;
-- the phase of an Assistant Maths Hub Lead; the senior members who lead a
-- hub's LLME Community.

-- GIAS local authority codes ('201' City of London); names as GIAS spells them
CREATE TABLE local_authorities (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT ''     -- the region (GIAS "GOR (name)"); '' when not known
) STRICT;

-- which hub's area a local authority is in. No official mapping is
-- published: demo = 1 marks an assignment made by the demo data (a hub of
-- the same region), shown as such wherever it appears.
CREATE TABLE hub_areas (
  la_code TEXT PRIMARY KEY REFERENCES local_authorities (code),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  changed_by INTEGER REFERENCES people (id),
  changed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX hub_areas_hub ON hub_areas (hub_id);

-- multi-academy trusts and other trusts (GIAS "Trusts (code)"; the
-- website's export has names only, so a trust may have no code yet)
CREATE TABLE trusts (
  id INTEGER PRIMARY KEY,
  code TEXT UNIQUE,
  name TEXT NOT NULL
) STRICT;
CREATE INDEX trusts_name ON trusts (name);

-- every establishment of an import, open or not; text as GIAS has it
CREATE TABLE schools (
  urn TEXT PRIMARY KEY CHECK (length(urn) BETWEEN 6 AND 7),
  name TEXT NOT NULL CHECK (name <> ''),
  la_code TEXT REFERENCES local_authorities (code),
  establishment_number TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',          -- TypeOfEstablishment (name): 'Academy converter'
  type_group TEXT NOT NULL DEFAULT '',    -- EstablishmentTypeGroup (name): 'Academies'
  phase TEXT NOT NULL DEFAULT '',         -- PhaseOfEducation (name): 'Primary', 'Not applicable'
  status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'open_proposed_to_close', 'proposed_to_open')),
  open_date TEXT,                         -- YYYY-MM-DD
  open_reason TEXT NOT NULL DEFAULT '',
  close_date TEXT,
  close_reason TEXT NOT NULL DEFAULT '',
  low_age INTEGER,
  high_age INTEGER,
  trust_id INTEGER REFERENCES trusts (id),
  street TEXT NOT NULL DEFAULT '',
  locality TEXT NOT NULL DEFAULT '',
  address3 TEXT NOT NULL DEFAULT '',
  town TEXT NOT NULL DEFAULT '',
  county TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',      -- as published: 'EC3A 5DE'
  website TEXT NOT NULL DEFAULT '',
  telephone TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',        -- GOR (name)
  ukprn TEXT NOT NULL DEFAULT '',
  pupils INTEGER,                         -- NumberOfPupils
  gias_changed_on TEXT,                   -- LastChangedDate
  digest TEXT NOT NULL,                   -- hash of the imported fields: a re-import of the same row is a no-op
  imported_at INTEGER NOT NULL
) STRICT;
CREATE INDEX schools_la ON schools (la_code);
CREATE INDEX schools_trust ON schools (trust_id);
CREATE INDEX schools_postcode ON schools (postcode);

-- GIAS links (links_edubasealldata.csv): 'Successor', 'Predecessor',
-- 'Successor - amalgamated', ... Either URN may be outside the import.
CREATE TABLE school_links (
  urn TEXT NOT NULL,
  link_urn TEXT NOT NULL,
  link_name TEXT NOT NULL DEFAULT '',
  link_type TEXT NOT NULL,
  linked_on TEXT,                         -- YYYY-MM-DD
  PRIMARY KEY (urn, link_urn, link_type)
) STRICT;
CREATE INDEX school_links_link ON school_links (link_urn);

-- a school whose hub is not its local authority's (an exception, with its reason)
CREATE TABLE school_hub_overrides (
  urn TEXT PRIMARY KEY REFERENCES schools (urn),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  reason TEXT NOT NULL CHECK (reason <> ''),
  changed_by INTEGER REFERENCES people (id),
  changed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX school_hub_overrides_hub ON school_hub_overrides (hub_id);

-- people: their school (chosen through the school search), job title, and
-- deactivation (the row stays: history and references keep it)
ALTER TABLE people ADD COLUMN school_urn TEXT REFERENCES schools (urn);
ALTER TABLE people ADD COLUMN job_title TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN deactivated_at INTEGER;
ALTER TABLE people ADD COLUMN deactivated_by INTEGER REFERENCES people (id);
CREATE INDEX people_school ON people (school_urn);

-- an Assistant Maths Hub Lead's phase
ALTER TABLE role_grants ADD COLUMN phase TEXT CHECK (phase IN ('Primary', 'Secondary', 'Post-16'));

-- LLME designations, per academic year (academic_year: its first calendar
-- year, 2026 for 2026/27), held in a hub
CREATE TABLE llme_designations (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id),
  academic_year INTEGER NOT NULL CHECK (academic_year BETWEEN 2000 AND 2100),
  designation TEXT NOT NULL CHECK (designation IN ('pms', 'sms', 'fems', 'wgl', 'cohort_lead',
    'community_lead', 'tfm_lead')),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  granted_by INTEGER REFERENCES people (id),
  granted_at INTEGER NOT NULL,
  UNIQUE (person_id, academic_year, designation, hub_id)
) STRICT;
CREATE INDEX llme_designations_hub_year ON llme_designations (hub_id, academic_year);

-- PD Lead and SD Lead: not yearly; working towards, then accredited on a date
CREATE TABLE llme_accreditations (
  person_id INTEGER NOT NULL REFERENCES people (id),
  accreditation TEXT NOT NULL CHECK (accreditation IN ('pd_lead', 'sd_lead')),
  state TEXT NOT NULL CHECK (state IN ('working_towards', 'accredited')),
  since TEXT NOT NULL,                    -- YYYY-MM-DD: began working towards, or accredited on
  changed_by INTEGER REFERENCES people (id),
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, accreditation)
) STRICT;

-- the three senior members who lead a hub's LLME Community (usually the
-- MHL and two AMHLs), per academic year
CREATE TABLE hub_community_leads (
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  academic_year INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (hub_id, academic_year, person_id)
) STRICT;

-- the hub whose area each school is in: its own exception if it has one,
-- else its local authority's hub (demo = 1: a demo assignment, not official)
CREATE VIEW school_hubs AS
SELECT s.urn, COALESCE(o.hub_id, a.hub_id) AS hub_id,
       CASE WHEN o.urn IS NOT NULL THEN 0 ELSE COALESCE(a.demo, 0) END AS demo,
       CASE WHEN o.urn IS NOT NULL THEN 1 ELSE 0 END AS overridden
FROM schools s
LEFT JOIN school_hub_overrides o ON o.urn = s.urn
LEFT JOIN hub_areas a ON a.la_code = s.la_code;
