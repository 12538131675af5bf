-- 0017: hub activities (Work Groups, Programmes, Communities, Targeted
-- Support), the hubs that see each, its leads, schools, participants,
-- sessions and registers; Targeted Support's level, days and cycle; the
-- teaching for mastery journey (the national team's per-NCP setting and
-- the history recorded from before the system). src/activities/ reads and
-- writes them; docs/ARCHITECTURE.md ("Activities") says the rules. Tallies
-- that list pages read are kept by triggers, as in 0015. Years are start
-- years (2024 = 2024/25), as llme_designations.academic_year stores them.

-- the national team's setting per NCP: the teaching for mastery stage it
-- gives a school that takes part, and whether it counts as "engaged with
-- teaching for mastery support" (Mastering Number "contributes")
CREATE TABLE project_tfm (
  project_id INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  path TEXT CHECK (path IN ('primary', 'secondary')),  -- NULL with a stage: the school's own phase decides (09s)
  stage TEXT CHECK (stage IN ('readiness', 'development', 'embedding', 'sustaining',
                              'embedding_year_support', 'embedding_and_sustaining')),
  engagement TEXT NOT NULL DEFAULT 'none' CHECK (engagement IN ('engaged', 'contributes', 'none')),
  changed_by INTEGER REFERENCES people (id),
  changed_at INTEGER NOT NULL,
  CHECK (path IS NULL OR stage IS NOT NULL),
  CHECK (path IS NOT NULL OR stage IS NULL OR stage = 'development'),
  CHECK (path IS NULL OR path <> 'primary' OR stage IN ('readiness', 'development', 'embedding', 'sustaining')),
  CHECK (path IS NULL OR path <> 'secondary'
         OR stage IN ('development', 'embedding_year_support', 'embedding_and_sustaining'))
) STRICT;

-- 2024/25's settings (handbook pp. 10-20): the primary and secondary TfM
-- Work Groups, the special schools' cross-phase communities, Mastering Number
INSERT INTO project_tfm (project_id, path, stage, engagement, changed_at)
SELECT p.id, s.path, s.stage, s.engagement, 0
FROM projects p JOIN (
  SELECT 'NCP24-08' AS code, 'primary' AS path, 'readiness' AS stage, 'engaged' AS engagement
  UNION ALL SELECT 'NCP24-09', 'primary', 'development', 'engaged'
  UNION ALL SELECT 'NCP24-10', 'primary', 'embedding', 'engaged'
  UNION ALL SELECT 'NCP24-11', 'primary', 'sustaining', 'engaged'
  UNION ALL SELECT 'NCP24-12', 'secondary', 'development', 'engaged'
  UNION ALL SELECT 'NCP24-13', 'secondary', 'embedding_year_support', 'engaged'
  UNION ALL SELECT 'NCP24-14', 'secondary', 'embedding_and_sustaining', 'engaged'
  UNION ALL SELECT 'NCP24-09s', NULL, 'development', 'engaged'
  UNION ALL SELECT 'NCP24-06', NULL, NULL, 'contributes'
  UNION ALL SELECT 'NCP24-07a', NULL, NULL, 'contributes'
  UNION ALL SELECT 'NCP24-07b', NULL, NULL, 'contributes'
) s ON s.code = p.code;

CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  project_id INTEGER REFERENCES projects (id),     -- the NCP it runs; NULL: local (a Research and Innovation Work Group)
  kind TEXT NOT NULL CHECK (kind IN ('Work Group', 'Programme', 'Community', 'Targeted Support')),
  cohort TEXT NOT NULL DEFAULT 'none' CHECK (cohort IN ('none', 'regional', 'national')),
  cohort_label TEXT CHECK (cohort_label IS NULL OR length(cohort_label) <= 60),  -- 'Cohort 10'
  lead_hub_id INTEGER REFERENCES hubs (id),        -- NULL only for a national cohort (run by the national team)
  region_id INTEGER REFERENCES regions (id),       -- a regional cohort's region
  first_year INTEGER NOT NULL CHECK (first_year BETWEEN 2000 AND 2100),
  last_year INTEGER NOT NULL,
  continues_id INTEGER REFERENCES activities (id), -- the earlier year's activity this continues
  title TEXT NOT NULL CHECK (title <> '' AND length(title) <= 200),
  mhlm_link_id INTEGER REFERENCES people (id),     -- the hub leadership member who supports its leads
  format TEXT NOT NULL CHECK (format IN ('face_to_face', 'online', 'blended')),
  planned_sessions INTEGER CHECK (planned_sessions BETWEEN 1 AND 60),
  capacity INTEGER CHECK (capacity > 0),           -- NULL: no limit
  capacity_of TEXT NOT NULL DEFAULT 'schools' CHECK (capacity_of IN ('schools', 'participants')),
  status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'recruiting', 'running', 'completed', 'cancelled')),
  cancel_reason TEXT,
  cancelled_at INTEGER,
  cancelled_by INTEGER REFERENCES people (id),
  created_by INTEGER NOT NULL REFERENCES people (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  n_schools INTEGER NOT NULL DEFAULT 0,            -- tallies (triggers below): list pages read columns
  n_participants INTEGER NOT NULL DEFAULT 0,
  n_sessions INTEGER NOT NULL DEFAULT 0,           -- not cancelled
  n_sessions_held INTEGER NOT NULL DEFAULT 0,      -- not cancelled, register taken
  n_present INTEGER NOT NULL DEFAULT 0,
  n_late INTEGER NOT NULL DEFAULT 0,
  n_absent INTEGER NOT NULL DEFAULT 0,
  n_apologies INTEGER NOT NULL DEFAULT 0,
  CHECK (last_year BETWEEN first_year AND first_year + 4),
  CHECK ((cohort = 'national') = (lead_hub_id IS NULL)),
  CHECK ((cohort = 'regional') = (region_id IS NOT NULL)),
  CHECK (cohort = 'none' OR kind IN ('Programme', 'Community')),
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL AND cancel_reason <> '')),
  CHECK (continues_id IS NULL OR continues_id <> id)
) STRICT;
CREATE INDEX activities_project ON activities (project_id, first_year);
CREATE INDEX activities_years ON activities (last_year, first_year);
CREATE INDEX activities_continues ON activities (continues_id);
CREATE INDEX activities_link ON activities (mhlm_link_id);

-- default: the NCP's phases
CREATE TABLE activity_phases (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  phase TEXT NOT NULL CHECK (phase IN ('Primary', 'Secondary', 'Post-16')),
  PRIMARY KEY (activity_id, phase)
) STRICT;

-- every hub that sees the activity: its lead hub (a trigger writes it),
-- its partners (work across hubs, e.g. post-16 Level 3 with the AMSP),
-- and each hub one of whose schools or people takes part (a cohort's
-- participants' hubs), with that hub's own tallies
CREATE TABLE activity_hubs (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'partner', 'participants')),
  n_schools INTEGER NOT NULL DEFAULT 0,
  n_participants INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (activity_id, hub_id)
) STRICT;
CREATE INDEX activity_hubs_hub ON activity_hubs (hub_id, activity_id);

-- its LLME leads; a cohort's Cohort Leads
CREATE TABLE activity_leads (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  role TEXT NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'cohort_lead')),
  PRIMARY KEY (activity_id, person_id)
) STRICT;
CREATE INDEX activity_leads_person ON activity_leads (person_id, activity_id);

-- the schools taking part; a school that withdraws keeps its row (its history)
CREATE TABLE activity_schools (
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  urn TEXT NOT NULL REFERENCES schools (urn),
  hub_id INTEGER REFERENCES hubs (id),       -- the school's hub when it joined: history never moves
  joined_on TEXT NOT NULL,                   -- YYYY-MM-DD
  left_on TEXT,                              -- withdrew on
  left_reason TEXT,
  added_by INTEGER REFERENCES people (id),
  added_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, urn),
  CHECK (left_on IS NULL OR left_on >= joined_on)
) STRICT;
CREATE INDEX activity_schools_urn ON activity_schools (urn, activity_id);
CREATE INDEX activity_schools_hub ON activity_schools (hub_id);

-- a person's place in an activity, for a school that takes part (or none:
-- a post-16 lead teacher without one)
CREATE TABLE activity_participants (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  school_urn TEXT,
  hub_id INTEGER REFERENCES hubs (id),       -- their school's hub, else the lead hub: whose list they count in
  role TEXT NOT NULL CHECK (role IN ('lead_participant', 'subject_leader', 'senior_leader', 'headteacher',
                                     'teacher', 'teaching_assistant', 'ect', 'other')),
  joined_on TEXT NOT NULL,
  left_on TEXT,
  added_by INTEGER REFERENCES people (id),
  added_at INTEGER NOT NULL,
  UNIQUE (activity_id, person_id),
  FOREIGN KEY (activity_id, school_urn) REFERENCES activity_schools (activity_id, urn),
  CHECK (left_on IS NULL OR left_on >= joined_on)
) STRICT;
CREATE INDEX activity_participants_person ON activity_participants (person_id);
CREATE INDEX activity_participants_school ON activity_participants (activity_id, school_urn);
CREATE INDEX activity_participants_hub ON activity_participants (hub_id);

CREATE TABLE activity_sessions (
  id INTEGER PRIMARY KEY,
  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  starts_at INTEGER NOT NULL,                -- Unix seconds; typed and shown in Europe/London
  ends_at INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('face_to_face', 'online')),
  venue TEXT,
  address TEXT,
  online_url TEXT,
  purpose TEXT NOT NULL DEFAULT '',
  half_days INTEGER NOT NULL DEFAULT 2 CHECK (half_days BETWEEN 0 AND 4),  -- of Targeted Support's agreed days
  cancelled_at INTEGER,
  cancelled_by INTEGER REFERENCES people (id),
  cancel_reason TEXT,
  register_taken_at INTEGER,
  register_taken_by INTEGER REFERENCES people (id),
  register_source TEXT CHECK (register_source IN ('phone', 'upload')),
  created_by INTEGER NOT NULL REFERENCES people (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK (format <> 'online' OR online_url IS NOT NULL),
  CHECK (format <> 'face_to_face' OR venue IS NOT NULL),
  CHECK ((register_taken_at IS NULL) = (register_source IS NULL))
) STRICT;
CREATE INDEX activity_sessions_activity ON activity_sessions (activity_id, starts_at);

-- a session's register: the events' four words
CREATE TABLE register_marks (
  session_id INTEGER NOT NULL REFERENCES activity_sessions (id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES activity_participants (id) ON DELETE CASCADE,
  mark TEXT NOT NULL CHECK (mark IN ('present', 'late', 'absent', 'apologies')),
  source TEXT NOT NULL CHECK (source IN ('phone', 'upload', 'participant', 'edit')),  -- participant: apologies in advance
  note TEXT,
  recorded_by INTEGER REFERENCES people (id),
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, participant_id)
) STRICT;
CREATE INDEX register_marks_participant ON register_marks (participant_id);

-- one per Targeted Support activity: its one school
CREATE TABLE targeted_support (
  activity_id INTEGER PRIMARY KEY REFERENCES activities (id) ON DELETE CASCADE,
  urn TEXT NOT NULL REFERENCES schools (urn),
  level TEXT NOT NULL CHECK (level IN ('standard', 'enhanced', 'intensive')),  -- the latest support_levels row's
  agreed_half_days INTEGER NOT NULL CHECK (agreed_half_days BETWEEN 1 AND 200), -- days come in halves
  focus TEXT NOT NULL DEFAULT '' CHECK (length(focus) <= 2000)
) STRICT;
CREATE INDEX targeted_support_urn ON targeted_support (urn);

-- the level's history: intensive, later standard or enhanced
CREATE TABLE support_levels (
  activity_id INTEGER NOT NULL REFERENCES targeted_support (activity_id) ON DELETE CASCADE,
  from_on TEXT NOT NULL,                     -- YYYY-MM-DD
  level TEXT NOT NULL CHECK (level IN ('standard', 'enhanced', 'intensive')),
  reason TEXT NOT NULL DEFAULT '',
  set_by INTEGER REFERENCES people (id),
  set_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, from_on)
) STRICT;

-- the cycle in the handbook's words: explore, plan, deliver, evaluate
CREATE TABLE support_cycle (
  activity_id INTEGER NOT NULL REFERENCES targeted_support (activity_id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('explore', 'plan', 'deliver', 'evaluate')),
  starts_on TEXT,
  ends_on TEXT,
  notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
  updated_by INTEGER REFERENCES people (id),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (activity_id, stage),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
) STRICT;

-- a school's journey from before the system, each entry with its source
CREATE TABLE journey_entries (
  id INTEGER PRIMARY KEY,
  urn TEXT NOT NULL CHECK (length(urn) BETWEEN 6 AND 7),  -- no key: a predecessor may not be in the register
  academic_year INTEGER NOT NULL CHECK (academic_year BETWEEN 2000 AND 2100),
  path TEXT NOT NULL CHECK (path IN ('primary', 'secondary')),
  stage TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source <> '' AND length(source) <= 300),
  entered_by INTEGER REFERENCES people (id),
  entered_at INTEGER NOT NULL,
  UNIQUE (urn, academic_year, path),
  CHECK (path <> 'primary' OR stage IN ('readiness', 'development', 'embedding', 'sustaining')),
  CHECK (path <> 'secondary' OR stage IN ('development', 'embedding_year_support', 'embedding_and_sustaining'))
) STRICT;

-- the lead hub sees its activity
CREATE TRIGGER activities_lead_hub_insert AFTER INSERT ON activities WHEN NEW.lead_hub_id IS NOT NULL BEGIN
  INSERT INTO activity_hubs (activity_id, hub_id, role) VALUES (NEW.id, NEW.lead_hub_id, 'lead')
    ON CONFLICT (activity_id, hub_id) DO UPDATE SET role = 'lead';
END;

-- a new lead hub: the old one keeps seeing it only for its own schools and people
CREATE TRIGGER activities_lead_hub_update AFTER UPDATE OF lead_hub_id ON activities
WHEN OLD.lead_hub_id IS NOT NEW.lead_hub_id BEGIN
  UPDATE activity_hubs SET role = 'participants' WHERE activity_id = OLD.id AND hub_id = OLD.lead_hub_id;
  DELETE FROM activity_hubs WHERE activity_id = OLD.id AND hub_id = OLD.lead_hub_id
    AND n_schools = 0 AND n_participants = 0;
  INSERT INTO activity_hubs (activity_id, hub_id, role) SELECT NEW.id, NEW.lead_hub_id, 'lead'
    WHERE NEW.lead_hub_id IS NOT NULL
    ON CONFLICT (activity_id, hub_id) DO UPDATE SET role = 'lead';
END;

CREATE TRIGGER activity_schools_tally_insert AFTER INSERT ON activity_schools BEGIN
  UPDATE activities SET n_schools = n_schools + (NEW.left_on IS NULL) WHERE id = NEW.activity_id;
  INSERT INTO activity_hubs (activity_id, hub_id, role) SELECT NEW.activity_id, NEW.hub_id, 'participants'
    WHERE NEW.hub_id IS NOT NULL ON CONFLICT (activity_id, hub_id) DO NOTHING;
  UPDATE activity_hubs SET n_schools = n_schools + (NEW.left_on IS NULL)
    WHERE activity_id = NEW.activity_id AND hub_id = NEW.hub_id;
END;

CREATE TRIGGER activity_schools_tally_delete AFTER DELETE ON activity_schools BEGIN
  UPDATE activities SET n_schools = n_schools - (OLD.left_on IS NULL) WHERE id = OLD.activity_id;
  UPDATE activity_hubs SET n_schools = n_schools - (OLD.left_on IS NULL)
    WHERE activity_id = OLD.activity_id AND hub_id = OLD.hub_id;
END;

CREATE TRIGGER activity_schools_tally_update AFTER UPDATE OF left_on, hub_id ON activity_schools BEGIN
  UPDATE activities SET n_schools = n_schools - (OLD.left_on IS NULL) + (NEW.left_on IS NULL)
    WHERE id = NEW.activity_id;
  UPDATE activity_hubs SET n_schools = n_schools - (OLD.left_on IS NULL)
    WHERE activity_id = OLD.activity_id AND hub_id = OLD.hub_id;
  INSERT INTO activity_hubs (activity_id, hub_id, role) SELECT NEW.activity_id, NEW.hub_id, 'participants'
    WHERE NEW.hub_id IS NOT NULL ON CONFLICT (activity_id, hub_id) DO NOTHING;
  UPDATE activity_hubs SET n_schools = n_schools + (NEW.left_on IS NULL)
    WHERE activity_id = NEW.activity_id AND hub_id = NEW.hub_id;
END;

-- Targeted Support is for one school
CREATE TRIGGER activity_schools_support_one BEFORE INSERT ON activity_schools
WHEN (SELECT kind FROM activities WHERE id = NEW.activity_id) = 'Targeted Support'
 AND EXISTS (SELECT 1 FROM activity_schools WHERE activity_id = NEW.activity_id) BEGIN
  SELECT RAISE(ABORT, 'Targeted Support is for one school');
END;

CREATE TRIGGER activity_participants_tally_insert AFTER INSERT ON activity_participants BEGIN
  UPDATE activities SET n_participants = n_participants + (NEW.left_on IS NULL) WHERE id = NEW.activity_id;
  INSERT INTO activity_hubs (activity_id, hub_id, role) SELECT NEW.activity_id, NEW.hub_id, 'participants'
    WHERE NEW.hub_id IS NOT NULL ON CONFLICT (activity_id, hub_id) DO NOTHING;
  UPDATE activity_hubs SET n_participants = n_participants + (NEW.left_on IS NULL)
    WHERE activity_id = NEW.activity_id AND hub_id = NEW.hub_id;
END;

CREATE TRIGGER activity_participants_tally_delete AFTER DELETE ON activity_participants BEGIN
  UPDATE activities SET n_participants = n_participants - (OLD.left_on IS NULL) WHERE id = OLD.activity_id;
  UPDATE activity_hubs SET n_participants = n_participants - (OLD.left_on IS NULL)
    WHERE activity_id = OLD.activity_id AND hub_id = OLD.hub_id;
END;

CREATE TRIGGER activity_participants_tally_update AFTER UPDATE OF left_on, hub_id ON activity_participants BEGIN
  UPDATE activities SET n_participants = n_participants - (OLD.left_on IS NULL) + (NEW.left_on IS NULL)
    WHERE id = NEW.activity_id;
  UPDATE activity_hubs SET n_participants = n_participants - (OLD.left_on IS NULL)
    WHERE activity_id = OLD.activity_id AND hub_id = OLD.hub_id;
  INSERT INTO activity_hubs (activity_id, hub_id, role) SELECT NEW.activity_id, NEW.hub_id, 'participants'
    WHERE NEW.hub_id IS NOT NULL ON CONFLICT (activity_id, hub_id) DO NOTHING;
  UPDATE activity_hubs SET n_participants = n_participants + (NEW.left_on IS NULL)
    WHERE activity_id = NEW.activity_id AND hub_id = NEW.hub_id;
END;

CREATE TRIGGER activity_sessions_tally_insert AFTER INSERT ON activity_sessions BEGIN
  UPDATE activities SET
    n_sessions = n_sessions + (NEW.cancelled_at IS NULL),
    n_sessions_held = n_sessions_held + (NEW.cancelled_at IS NULL AND NEW.register_taken_at IS NOT NULL)
  WHERE id = NEW.activity_id;
END;

CREATE TRIGGER activity_sessions_tally_delete AFTER DELETE ON activity_sessions BEGIN
  UPDATE activities SET
    n_sessions = n_sessions - (OLD.cancelled_at IS NULL),
    n_sessions_held = n_sessions_held - (OLD.cancelled_at IS NULL AND OLD.register_taken_at IS NOT NULL)
  WHERE id = OLD.activity_id;
END;

CREATE TRIGGER activity_sessions_tally_update AFTER UPDATE OF cancelled_at, register_taken_at ON activity_sessions
BEGIN
  UPDATE activities SET
    n_sessions = n_sessions - (OLD.cancelled_at IS NULL) + (NEW.cancelled_at IS NULL),
    n_sessions_held = n_sessions_held - (OLD.cancelled_at IS NULL AND OLD.register_taken_at IS NOT NULL)
                      + (NEW.cancelled_at IS NULL AND NEW.register_taken_at IS NOT NULL)
  WHERE id = NEW.activity_id;
END;

-- a session's marks go before it does, so their trigger still finds its activity
CREATE TRIGGER activity_sessions_marks_delete BEFORE DELETE ON activity_sessions BEGIN
  DELETE FROM register_marks WHERE session_id = OLD.id;
END;

CREATE TRIGGER register_marks_tally_insert AFTER INSERT ON register_marks BEGIN
  UPDATE activities SET
    n_present = n_present + (NEW.mark = 'present'),
    n_late = n_late + (NEW.mark = 'late'),
    n_absent = n_absent + (NEW.mark = 'absent'),
    n_apologies = n_apologies + (NEW.mark = 'apologies')
  WHERE id = (SELECT activity_id FROM activity_sessions WHERE id = NEW.session_id);
END;

CREATE TRIGGER register_marks_tally_delete AFTER DELETE ON register_marks BEGIN
  UPDATE activities SET
    n_present = n_present - (OLD.mark = 'present'),
    n_late = n_late - (OLD.mark = 'late'),
    n_absent = n_absent - (OLD.mark = 'absent'),
    n_apologies = n_apologies - (OLD.mark = 'apologies')
  WHERE id = (SELECT activity_id FROM activity_sessions WHERE id = OLD.session_id);
END;

CREATE TRIGGER register_marks_tally_update AFTER UPDATE OF mark ON register_marks BEGIN
  UPDATE activities SET
    n_present = n_present - (OLD.mark = 'present') + (NEW.mark = 'present'),
    n_late = n_late - (OLD.mark = 'late') + (NEW.mark = 'late'),
    n_absent = n_absent - (OLD.mark = 'absent') + (NEW.mark = 'absent'),
    n_apologies = n_apologies - (OLD.mark = 'apologies') + (NEW.mark = 'apologies')
  WHERE id = (SELECT activity_id FROM activity_sessions WHERE id = NEW.session_id);
END;

-- Targeted Support's level is its latest support_levels row's
CREATE TRIGGER support_levels_insert AFTER INSERT ON support_levels BEGIN
  UPDATE targeted_support SET level = (SELECT level FROM support_levels WHERE activity_id = NEW.activity_id
                                       ORDER BY from_on DESC LIMIT 1)
  WHERE activity_id = NEW.activity_id;
END;

CREATE TRIGGER support_levels_delete AFTER DELETE ON support_levels BEGIN
  UPDATE targeted_support SET level = COALESCE((SELECT level FROM support_levels WHERE activity_id = OLD.activity_id
                                                ORDER BY from_on DESC LIMIT 1), level)
  WHERE activity_id = OLD.activity_id;
END;
