-- 0010: the school search index. One row per school with the words it is
-- found by (its name, town, postcode with and without the space, URN),
-- normalised in C (src/registry/search_text.c: lower case, accents and
-- apostrophes dropped, other punctuation a space), so that SQLite's FTS5
-- and PostgreSQL's full-text search see the same plain words and find the
-- same schools. Kept in step with schools by school_search_sync
-- (src/registry/search.h), which the GIAS import calls in its transaction;
-- digest is the school's digest when its words were made.
CREATE TABLE school_search (
  id INTEGER PRIMARY KEY,              -- the FTS5 index's rowid (stable: an alias of rowid)
  urn TEXT NOT NULL UNIQUE REFERENCES schools (urn) ON DELETE CASCADE,
  digest TEXT NOT NULL,
  name_key TEXT NOT NULL,              -- the name's words: the order of results
  postcode_key TEXT NOT NULL,          -- the postcode without spaces, lower case
  terms TEXT NOT NULL                  -- every word the school is found by
) STRICT;

-- SQLite: an FTS5 index over school_search.terms (external content), with
-- prefix indexes for the first letters people type. A query is
-- "SELECT rowid FROM school_search_fts($1)", $1 as "aldg* sch*" (every word
-- a prefix, all of them needed), rowid school_search.id: the same text as
-- with the PostgreSQL function of that name.
CREATE VIRTUAL TABLE school_search_fts USING fts5 (
  urn UNINDEXED, terms,
  content = 'school_search', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
CREATE TRIGGER school_search_ai AFTER INSERT ON school_search BEGIN
  INSERT INTO school_search_fts (rowid, urn, terms) VALUES (new.id, new.urn, new.terms);
END;
CREATE TRIGGER school_search_ad AFTER DELETE ON school_search BEGIN
  INSERT INTO school_search_fts (school_search_fts, rowid, urn, terms) VALUES ('delete', old.id, old.urn, old.terms);
END;
CREATE TRIGGER school_search_au AFTER UPDATE ON school_search BEGIN
  INSERT INTO school_search_fts (school_search_fts, rowid, urn, terms) VALUES ('delete', old.id, old.urn, old.terms);
  INSERT INTO school_search_fts (rowid, urn, terms) VALUES (new.id, new.urn, new.terms);
END;
