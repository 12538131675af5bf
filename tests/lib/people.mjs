// People for the HTTP and browser suites, made the way a person is made:
// the first administrator through `mathshubs admin create` (one helper for
// every suite), set up through the set-up link, and signed in through the
// sign-in pages, over HTTP (formClient). The browser journeys click through
// set-up themselves; they use createAdmin for the link.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { csrfOf, formClient, request } from './client.mjs';
import { dbArgs, dbQuery } from './db.mjs';
import { run } from './server.mjs';

/** A passphrase the password rules accept. */
export const PASSWORD = 'a long and unusual passphrase';

/** Runs `mathshubs admin create` on srv's database (extra: more arguments); resolves to run()'s result. */
export const adminCreateRun = (srv, email, name, extra = []) =>
  run(['admin', 'create', '--email', email, '--name', name, ...dbArgs(srv), ...extra]);

/**
 * Creates a national administrator with `mathshubs admin create` and
 * asserts it said so (exit 0, "Created national administrator NAME
 * <EMAIL>", a set-up link with a 43-character token). Resolves to {email,
 * name, token, link: the link's path, url: the link on srv, stdout}.
 */
export async function createAdmin(srv, email, name = `Person ${email}`) {
  const r = await adminCreateRun(srv, email, name);
  assert.equal(r.code, 0, `admin create: ${r.stderr}`);
  assert.ok(r.stdout.includes(`Created national administrator ${name} <${email}>`), `admin create said:\n${r.stdout}`);
  const m = /^(https?:\/\/[^/\s]+)\/set-up\/([A-Za-z0-9_-]{43})$/m.exec(r.stdout);
  assert.ok(m, `a set-up link in the output:\n${r.stdout}`);
  const link = `/set-up/${m[2]}`;
  return { email, name, token: m[2], link, url: srv.base + link, stdout: r.stdout };
}

/** Follows a set-up link and creates the password; resolves to the client (formClient), at "choose a second factor". */
export async function setUpPassword(srv, link, password = PASSWORD) {
  const go = formClient(srv);
  const page = await go(link);
  const r = await go(link, { method: 'POST', page, fields: { password } });
  assert.equal(r.status, 303, `set-up link: the password: ${r.status} ${r.body.slice(0, 300)}`);
  return go;
}

/**
 * Follows a set-up link: a password, then codes by email; asserts the
 * account is set up with 10 recovery codes. Resolves to {go (the client,
 * signed in), codes (the recovery codes, shown once)}.
 */
export async function setUpByEmail(srv, link, password = PASSWORD) {
  const go = await setUpPassword(srv, link, password);
  const r = await go('/account/email-codes', { method: 'POST', page: await go('/account/authenticator') });
  assert.equal(r.headers.location, '/account/recovery-codes', `codes by email chosen: ${r.status}`);
  const shown = await go('/account/recovery-codes'); // shown once, after the form that made them
  assert.match(shown.body, /Your account is set up/);
  const codes = [...shown.body.matchAll(/<code>([a-z0-9-]+)<\/code>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10, 'ten recovery codes');
  return { go, codes };
}

/**
 * Someone signed up with codes by email (createAdmin, then setUpByEmail);
 * resolves to their recovery codes. The per-address limits start afresh
 * (the suites share one loopback address).
 */
export async function emailCodePerson(srv, email, password = PASSWORD) {
  await dbQuery(srv, 'DELETE FROM rate_limits');
  const { link } = await createAdmin(srv, email);
  return (await setUpByEmail(srv, link, password)).codes;
}

/** The code of the last sign-in code emailed to email, read from srv's outbox. */
export async function lastEmailedCode(srv, email) {
  const out = await dbQuery(srv, `SELECT body_text FROM outbox WHERE to_addr = '${email}' AND subject LIKE 'Your Maths Hubs sign-in code%' ORDER BY id DESC LIMIT 1`);
  const m = /\n\n(\d{6})\n\n/.exec(out.replace(/\r/g, ''));
  if (!m) throw new Error(`no code in the last email to ${email}: ${out}`);
  return m[1];
}

/** A new client (formClient) signed in with the password and the emailed code. */
export async function signInByEmail(srv, email, password = PASSWORD) {
  const go = formClient(srv);
  let page = await go('/sign-in');
  const r = await go('/sign-in', { method: 'POST', page, fields: { email, password } });
  assert.equal(r.headers.location, '/sign-in/code', `signed in with the password: ${r.status}`);
  page = await go('/sign-in/code');
  const done = await go('/sign-in/code', { method: 'POST', page, fields: { code: await lastEmailedCode(srv, email) } });
  assert.equal(done.headers.location, '/account', `signed in with the code: ${done.status}`);
  return go;
}

/** BLAKE2b-256 (hex) of each token: what the server keeps of a session's cookie. */
export const tokenHashes = (tokens) => execFileSync('/usr/bin/python3', ['-c',
  'import hashlib,sys\nfor t in sys.argv[1:]: print(hashlib.blake2b(t.encode(), digest_size=32).hexdigest())', ...tokens],
{ encoding: 'utf8' }).trim().split('\n');

/**
 * A person made in srv's database (email, name) holding roles, each
 * [role, hub code or null], with a signed-in session of theirs made there
 * too, as the role x route matrix makes them (sign-in has its own tests).
 * Resolves to {id, email, cookie, csrf, get(target), post(target, fields)}:
 * post sends a form as a browser on the service's page does (its CSRF token,
 * same origin; fields an object, or [name, value] pairs). Redirects are
 * not followed.
 */
export async function personSession(srv, email, roles = [], name = `Person ${email}`) {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const [hash] = tokenHashes([token]);
  const now = Math.floor(Date.now() / 1000);
  const q = (s) => s.replace(/'/g, "''");
  await dbQuery(srv, [
    `INSERT INTO people (email, name, created_at) VALUES ('${q(email)}', '${q(name)}', ${now})`,
    ...roles.map(([role, hub]) => `INSERT INTO role_grants (person_id, role, hub_id, granted_at, reason) SELECT p.id, '${role}', ` +
      `${hub ? `(SELECT id FROM hubs WHERE code = '${hub}')` : 'NULL'}, ${now}, 'test' FROM people p WHERE p.email = '${q(email)}'`),
    `INSERT INTO sessions (token_hash, person_id, stage, csrf_token, created_at, last_seen_at, authenticated_at) ` +
      `SELECT '${hash}', id, 'signed_in', '${csrf}', ${now}, ${now}, ${now} FROM people WHERE email = '${q(email)}'`,
  ].join(';\n') + ';');
  const id = Number(await dbQuery(srv, `SELECT id FROM people WHERE email = '${q(email)}'`));
  const cookie = `mh_session=${token}`;
  return {
    id, email, name, cookie, csrf,
    get: (target) => request(srv.base, target, { headers: { Cookie: cookie } }),
    post(target, fields = {}) {
      const pairs = Array.isArray(fields) ? fields : Object.entries(fields); // pairs: a field sent more than once (checkboxes)
      const body = new URLSearchParams([['csrf_token', csrf], ...pairs]).toString();
      return request(srv.base, target, { method: 'POST', body, headers: {
        Cookie: cookie, Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)) } });
    },
  };
}
