-- 0021: each HAPPI form's impact judgements, one row per outcome judged,
-- kept in step with the form's content at every save (form_queries.c,
-- happi_judgements_sync) and filled for the forms already written by the
-- migration's load (src/happi/judgements.c). Reports count them through
-- the handbook's two lenses without reading every form's JSON.
-- The PostgreSQL twin of migrations/sqlite/0021_happi_judgements.sql.
CREATE TABLE happi_judgements (
  activity_id BIGINT NOT NULL,
  year BIGINT NOT NULL,
  position BIGINT NOT NULL CHECK (position >= 1),   -- the outcome's place in the form
  kind TEXT NOT NULL CHECK (kind IN ('pupils', 'schools', 'practice')),
  judgement TEXT NOT NULL CHECK (judgement IN ('not_met', 'partly_met', 'met', 'exceeded', 'too_early')),
  PRIMARY KEY (activity_id, year, position),
  FOREIGN KEY (activity_id, year) REFERENCES happi_forms (activity_id, year) ON DELETE CASCADE
);
CREATE INDEX happi_judgements_year ON happi_judgements (year, kind);
