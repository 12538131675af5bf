-- 0011: a GIAS file uploaded on /admin/schools/import, kept between its
-- check and its confirmation. In the database, not in a process's memory or
-- on its disk, so that the confirmation may reach any of several processes.
-- Its token (in the page's address) is stored hashed; it is bound to the
-- uploader's session (gone when they sign out) and expires. Once imported,
-- its rows are dropped and its result kept for the result page.
CREATE TABLE school_imports (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  session_hash TEXT NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  files TEXT NOT NULL,          -- what was uploaded, as JSON: [{"name", "kind", "encoding", "rows"}]
  checked TEXT NOT NULL,        -- the check's counts (what the import would do), as JSON
  rejected TEXT NOT NULL,       -- the first rows that cannot be imported, as JSON: [{"file", "line", "urn", "name", "reason"}]
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  imported_at INTEGER,          -- confirmed then; a second confirmation imports nothing
  result TEXT                   -- the import's counts, as JSON
) STRICT;
CREATE INDEX school_imports_expires ON school_imports (expires_at);

-- the valid rows of an upload, in order, as GIAS-format CSV (gias.h: the
-- columns the registry reads), in pieces of a few thousand rows; a file's
-- pieces joined are one CSV file with its header
CREATE TABLE school_import_chunks (
  import_id INTEGER NOT NULL REFERENCES school_imports (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('establishments', 'links')),
  data TEXT NOT NULL,
  PRIMARY KEY (import_id, seq)
) STRICT;
