-- 0013: events (national workshops, residentials, online sessions, hub
-- events) and everything the events issue keeps about them: the NCPs an
-- event belongs to, its days, whom it is for, each person's answer
-- (Confirm, Apologies, the waiting list), their requirements, their
-- individual joining links and their attendance. src/events/ reads and
-- writes them; docs/ARCHITECTURE.md ("Events") says the rules.

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('national_workshop', 'residential', 'online_session', 'hub_event')),
  format TEXT NOT NULL CHECK (format IN ('face_to_face', 'online')),
  venue TEXT,                        -- face to face: the venue's name
  address TEXT,                      -- face to face: its address, several lines
  meeting_url TEXT,                  -- online: never shown but to organisers; people join by their own link
  capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),  -- NULL: no limit
  counts_funded_days INTEGER NOT NULL DEFAULT 0 CHECK (counts_funded_days IN (0, 1)),
  hub_id INTEGER REFERENCES hubs (id),         -- organised by this hub's leadership (NULL: not a hub's)
  project_id INTEGER REFERENCES projects (id), -- organised by this NCP's Project Coordination Team
                                               -- (both NULL: by the national team)
  first_day TEXT NOT NULL,           -- YYYY-MM-DD: its first and last days (event_days), kept for lists
  last_day TEXT NOT NULL,
  confirm_by INTEGER,                -- the lock (Unix seconds: the end of the tenth working day before
                                     -- first_day, Europe/London); NULL for an online event
  holidays_known INTEGER NOT NULL DEFAULT 1 CHECK (holidays_known IN (0, 1)), -- 0: confirm_by counted
                                     -- without bank holidays for a year not yet known
  created_by INTEGER NOT NULL REFERENCES people (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  cancelled_at INTEGER,
  cancelled_by INTEGER REFERENCES people (id),
  cancel_reason TEXT,
  sequence INTEGER NOT NULL DEFAULT 0  -- the .ics SEQUENCE: raised by every change people are told of
) STRICT;
CREATE INDEX events_first_day ON events (first_day);
CREATE INDEX events_hub ON events (hub_id);
CREATE INDEX events_project ON events (project_id);

-- the NCPs an event belongs to
CREATE TABLE event_projects (
  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL REFERENCES projects (id),
  PRIMARY KEY (event_id, project_id)
) STRICT;
CREATE INDEX event_projects_project ON event_projects (project_id);

-- its days, with start and end times in Europe/London (HH:MM)
CREATE TABLE event_days (
  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  starts TEXT NOT NULL,
  ends TEXT NOT NULL CHECK (ends > starts),
  PRIMARY KEY (event_id, day)
) STRICT;

-- whom it is for: any one row that matches a person makes it theirs
CREATE TABLE event_audience (
  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('role', 'designation', 'community', 'hub', 'phase', 'person')),
  value TEXT NOT NULL,               -- role key, designation key, NCP code, hub code, phase, person id
  PRIMARY KEY (event_id, kind, value)
) STRICT;
CREATE INDEX event_audience_match ON event_audience (kind, value);

-- each person's answer: confirmed, apologies, or waiting for a place
CREATE TABLE event_answers (
  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  answer TEXT NOT NULL CHECK (answer IN ('confirmed', 'apologies', 'waiting')),
  reason TEXT,                       -- their reason for apologies (optional)
  answered_at INTEGER NOT NULL,      -- the waiting list's order
  offered_until INTEGER,             -- waiting: a place is offered to them until then
  set_by INTEGER REFERENCES people (id),  -- an organiser set it (after the lock: with set_reason)
  set_reason TEXT,
  PRIMARY KEY (event_id, person_id)
) STRICT;
CREATE INDEX event_answers_person ON event_answers (person_id, event_id);
CREATE INDEX event_answers_count ON event_answers (event_id, answer, answered_at);

-- dietary and access requirements, seen by the event's organisers only,
-- deleted after delete_after (30 days after the event ends)
CREATE TABLE event_requirements (
  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  dietary TEXT NOT NULL DEFAULT '',
  access TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  delete_after TEXT NOT NULL,        -- YYYY-MM-DD
  PRIMARY KEY (event_id, person_id)
) STRICT;
CREATE INDEX event_requirements_delete ON event_requirements (delete_after);

-- individual joining links of online events: one per person and event,
-- the token stored hashed
CREATE TABLE event_join_tokens (
  token_hash TEXT PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  UNIQUE (event_id, person_id)
) STRICT;

-- attendance, per person and day
CREATE TABLE event_attendance (
  event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id),
  day TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent', 'apologies')),
  minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
  source TEXT NOT NULL CHECK (source IN ('register', 'link', 'report')),
  note TEXT,
  recorded_by INTEGER REFERENCES people (id),
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (event_id, person_id, day)
) STRICT;
CREATE INDEX event_attendance_person ON event_attendance (person_id);
