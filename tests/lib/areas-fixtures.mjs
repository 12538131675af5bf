// Fixtures of the hub areas and people-upload suites (HTTP and browser)
// (their schools: seedSchools(srv, {urns: FEW_SCHOOLS}) of schools.mjs):
// signed-in sessions for a person with a role
// (made in the database as tests/http/roles.test.mjs makes them: a random
// token, its BLAKE2b-256 hash stored), and a form with a file posted as a
// browser posts it (multipart/form-data).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { request } from './client.mjs';
import { dbQuery } from './db.mjs';

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

const blake = (tokens) => execFileSync('/usr/bin/python3', ['-c',
  'import hashlib,sys\nfor t in sys.argv[1:]: print(hashlib.blake2b(t.encode(), digest_size=32).hexdigest())', ...tokens],
{ encoding: 'utf8' }).trim().split('\n');

/**
 * A new person (email) holding role (in hub code `hub` for hub roles),
 * added and signed in at Unix time `at` (default: now): resolves to their session (sessionFor).
 */
export async function roleSession(srv, email, role, hub = null, { at } = {}) {
  const now = at ?? Math.floor(Date.now() / 1000);
  const hubId = hub ? `(SELECT id FROM hubs WHERE code = ${q(hub)})` : 'NULL';
  await dbQuery(srv, [
    `INSERT INTO people (email, name, created_at) VALUES (${q(email)}, ${q(`Person ${email}`)}, ${now})`,
    `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT id, ${q(role)}, ${hubId}, ${now} FROM people WHERE email = ${q(email)}`,
  ].join(';\n') + ';');
  return sessionFor(srv, (await dbQuery(srv, `SELECT id FROM people WHERE email = ${q(email)}`)).trim(), { at });
}

/**
 * A new signed-in session of person id (begun at Unix time `at`: a server
 * whose clock MATHSHUBS_NOW fixed needs its own "now"): resolves to {id, cookie, csrf,
 * get(target), post(target, fields), upload(target, file, fields)} for
 * requests with that session as a browser on the service's own pages sends
 * them (upload: file {filename, content, type} as the form's "file" input,
 * or none; fields default to the CSRF token).
 */
export async function sessionFor(srv, id, { at } = {}) {
  return (await sessionsFor(srv, [id], { at }))[0];
}

/** sessionFor for many people at once (their ids), in one statement of SQL: resolves to their sessions, in order. */
export async function sessionsFor(srv, ids, { at } = {}) {
  const tokens = ids.map(() => randomBytes(32).toString('base64url'));
  const csrfs = ids.map(() => randomBytes(32).toString('base64url'));
  const hashes = blake(tokens);
  const now = at ?? Math.floor(Date.now() / 1000);
  for (let i = 0; i < ids.length; i += 1000)
    await dbQuery(srv, 'INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at, authenticated_at) VALUES ' +
      ids.slice(i, i + 1000).map((id, k) => `('${hashes[i + k]}', ${Number(id)}, 'signed_in', '${csrfs[i + k]}', ${now}, ${now}, ${now})`).join(', ') + ';');
  return ids.map((id, i) => sessionOn(srv, { id, token: tokens[i], csrf: csrfs[i] }));
}

/**
 * roleSession for many people at once (emails), in one statement of SQL:
 * for a crowd (fifty people confirming at once). Resolves to their
 * sessions, in the order of emails.
 */
export async function roleSessions(srv, emails, role, hub = null, { at } = {}) {
  const now = at ?? Math.floor(Date.now() / 1000);
  const hubId = hub ? `(SELECT id FROM hubs WHERE code = ${q(hub)})` : 'NULL';
  await dbQuery(srv, emails.flatMap((email) => [
    `INSERT INTO people (email, name, created_at) VALUES (${q(email)}, ${q(`Person ${email}`)}, ${now})`,
    `INSERT INTO role_grants (person_id, role, hub_id, granted_at) SELECT id, ${q(role)}, ${hubId}, ${now} FROM people WHERE email = ${q(email)}`,
  ]).join(';\n') + ';');
  const ids = new Map((await dbQuery(srv, `SELECT email || ' ' || id FROM people WHERE email IN (${emails.map(q).join(', ')})`))
    .split('\n').map((l) => l.trim().split(' ')));
  return sessionsFor(srv, emails.map((email) => ids.get(email)), { at });
}

/** The client of a session ({id, token, csrf}) on server srv, as sessionFor resolves to: another
 * process on the same database takes the same session. */
export function sessionOn(srv, { id, token, csrf }) {
  const cookie = `mh_session=${token}`;
  const same = { Origin: srv.base, 'Sec-Fetch-Site': 'same-origin' };
  return {
    id: String(id), cookie, csrf, token,
    get: (target) => request(srv.base, target, { headers: { Cookie: cookie } }),
    post(target, fields = {}) { // a field whose value is an array is sent once for each (ticked checkboxes)
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ csrf_token: csrf, ...fields }))
        for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      const body = params.toString();
      return request(srv.base, target, { method: 'POST', body, headers: {
        Cookie: cookie, ...same, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } });
    },
    upload(target, file, fields = { csrf_token: csrf }) {
      const { body, contentType } = multipart(fields, file ? { file } : {});
      return request(srv.base, target, { method: 'POST', body, headers: {
        Cookie: cookie, ...same, 'Content-Type': contentType, 'Content-Length': String(body.length) } });
    },
  };
}

/**
 * A multipart/form-data body as Chromium writes it: fields {name: value},
 * files {name: {filename, content (string or Buffer), type}}. Resolves to
 * {body: Buffer, contentType}.
 */
export function multipart(fields, files = {}) {
  const boundary = `----WebKitFormBoundary${randomBytes(8).toString('hex')}`;
  const parts = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, f] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${f.filename}"\r\n` +
      `Content-Type: ${f.type || 'text/csv'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
