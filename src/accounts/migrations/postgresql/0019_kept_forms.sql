-- 0019: what a person typed into a long form (RF_KEEPS_TEXT: a HAPPI form's
-- part) and sent after their session had ended: kept for them, one per
-- page, until they are back and save it, or a week has passed
-- (src/auth/kept.c). Bound to the person of the session that ended, whose
-- form token the page carried: nobody else can leave text for them. The
-- PostgreSQL twin of migrations/sqlite/0019_kept_forms.sql.
CREATE TABLE kept_forms (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  path TEXT NOT NULL,                 -- the page it was sent to: /activities/12/happi/planning
  fields TEXT NOT NULL,               -- JSON: [[name, value], ...] as sent, but the form token
  kept_at BIGINT NOT NULL,
  PRIMARY KEY (person_id, path)
);
CREATE INDEX kept_forms_at ON kept_forms (kept_at);
