-- 0008: locks on password guessing that neither shut a person out nor say
-- whether an account exists (docs/OPERATIONS.md, "Sign-in locks").
-- A device that has completed a sign-in (both factors) carries a cookie
-- whose hash is kept here: it stays trusted for that person.
-- The PostgreSQL twin of migrations/sqlite/0008_sign_in_locks.sql.
CREATE TABLE trusted_devices (
  token_hash TEXT PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL
);
CREATE INDEX trusted_devices_person ON trusted_devices (person_id);

-- failures and locks per key: 'email:' and the hash of an address typed
-- on a device not trusted for it (whether or not anyone holds it), or
-- 'device:' and the hash of a trusted device's cookie
CREATE TABLE sign_in_locks (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,      -- since the last lock or success
  locked_until BIGINT NOT NULL DEFAULT 0,
  locks INTEGER NOT NULL DEFAULT 0,         -- locks since first_lock_at (back-off)
  first_lock_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sign_in_locks_until ON sign_in_locks (locked_until);
