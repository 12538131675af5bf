-- 0003: people and their accounts, sessions, one-time links, roles, the
-- audit log and the mail outbox. Secrets are never stored: tokens and codes
-- as their BLAKE2b hash, passwords as argon2id.

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,          -- lower case
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  password_hash TEXT,                  -- NULL until the person sets one
  totp_secret TEXT,                    -- base32; NULL until an authenticator app is set up
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  email_codes INTEGER NOT NULL DEFAULT 0 CHECK (email_codes IN (0, 1)), -- second factor: codes by email
  email_code_hash TEXT,                -- the code last emailed, hashed
  email_code_expires INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE recovery_codes (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (person_id, code_hash)
) STRICT;

CREATE TABLE one_time_links (
  token_hash TEXT PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'signup', 'reset')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE INDEX one_time_links_person ON one_time_links (person_id);

-- stage: 'anonymous' (a visitor, for the CSRF token of sign-in forms),
-- 'password' (password checked, second factor not yet), 'signed_in'
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  person_id INTEGER REFERENCES people (id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('anonymous', 'password', 'signed_in')),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  user_agent TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE role_grants (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('national_admin', 'national_analyst', 'project_lead',
    'hub_lead_link', 'national_link', 'mhl', 'amhl', 'hub_manager', 'llme', 'participant',
    'headteacher')),
  hub_id INTEGER REFERENCES hubs (id),
  project_id INTEGER REFERENCES projects (id),
  school_urn TEXT,
  granted_by INTEGER REFERENCES people (id),
  granted_at INTEGER NOT NULL,
  reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX role_grants_person ON role_grants (person_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER REFERENCES people (id),
  action TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_until INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER,
  last_error TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

-- attempts per address (or other key) in a fixed window, shared by every
-- process: sign-in, codes, sign-up and reset links are rate-limited
CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,
  attempts INTEGER NOT NULL
) STRICT;
