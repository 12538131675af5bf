-- 0009: the local authorities and the demo assignment of each current
-- English one to a hub of its region (loaded in C after this DDL:
-- src/registry/areas_data.c, from data/local-authorities.csv); and the
-- people uploads waiting for their confirmation (src/admin/upload.c).

-- A file of people checked and waiting for "Add these people": kept here,
-- not in a process's memory, so the confirmation may reach any process.
-- Its token (in the check page's address) is stored hashed; it is bound to
-- the uploader's session (gone when they sign out) and expires.
CREATE TABLE people_uploads (
  token_hash TEXT PRIMARY KEY,
  session_hash TEXT NOT NULL REFERENCES sessions (token_hash) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  rows_json TEXT NOT NULL,          -- the rows as read: [[line, name, email, urn, job title, role, hub code], ...]
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER                   -- confirmed then (its rows cleared); a second confirmation adds nobody
) STRICT;
CREATE INDEX people_uploads_expires ON people_uploads (expires_at);
