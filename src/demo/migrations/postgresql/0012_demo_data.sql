-- 0012: a database filled by `mathshubs demo-data` says so: this row is
-- written in the transaction that makes the data, and every page and API
-- answer of a server on the database then says it holds demo data. Never
-- removed: the data stays made up.
CREATE TABLE demo_data (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
  scale TEXT NOT NULL CHECK (scale IN ('small', 'national')),
  seed BIGINT NOT NULL CHECK (seed >= 0),
  academic_year INTEGER NOT NULL,         -- made in this academic year (its first calendar year), and the four before
  made_at BIGINT NOT NULL
);
