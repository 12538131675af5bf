// The audit log as people read it: every action has a human label, so the
// "Recent security events" of /account and the table of /admin/audit never
// show a raw action key (role_revoked, sign_in_reset, ...), and the
// administrator filters by label.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { dbQuery, emailCodePerson, setUpByEmail, signInByEmail, useServer } from './lib.mjs';

const srv = useServer();

const sql = (q) => dbQuery(srv, q);
const person = (email) => emailCodePerson(srv, email);
const signIn = (email) => signInByEmail(srv, email);

/** Follows a set-up link: a password, then codes by email; the client. */
const setUp = async (link) => (await setUpByEmail(srv, link)).go;

/** The text of a page (tags removed, entities of the writer decoded). */
const text = (html) => html.replace(/<[^>]*>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The cells of the table captioned caption. */
function cells(html, caption) {
  const i = html.indexOf(caption);
  assert.ok(i >= 0, `a table "${caption}"`);
  const table = html.slice(i, html.indexOf('</table>', i));
  return [...table.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]).trim());
}

/** Every action key in the audit log that appears as text on the page. */
async function rawKeys(html) {
  const keys = (await sql('SELECT DISTINCT action FROM audit_log')).split('\n').filter(Boolean);
  const t = text(html);
  return keys.filter((k) => new RegExp(`(^|[^A-Za-z0-9_])${k}([^A-Za-z0-9_]|$)`).test(t));
}

test('a removed role and a sign-in reset read as words on /account and /admin/audit, never as keys', async () => {
  const admin = 'aud@national.example';
  const lou = 'lou.audit@school.example';
  await person(admin);
  await person(lou);
  const goA = await signIn(admin);
  const id = await sql(`SELECT id FROM people WHERE email = '${lou}'`);
  const grant = await sql(`SELECT id FROM role_grants WHERE person_id = ${id}`);
  let page = await goA(`/admin/people/${id}`);
  let r = await goA(`/admin/people/${id}/revoke`, { method: 'POST', page, fields: { grant, reason: 'left the national team' } });
  assert.equal(r.status, 303, 'role revoked');
  page = await goA(`/admin/people/${id}`);
  r = await goA(`/admin/people/${id}/reset-sign-in`, { method: 'POST', page, fields: { 'reset-reason': 'lost phone and codes' } });
  assert.equal(r.status, 303, 'sign-in reset');
  assert.equal(await sql(`SELECT count(*) FROM audit_log WHERE subject = 'person:${id}' AND action IN ('role_revoked', 'sign_in_reset')`), '2');

  // Lou sets up again from the emailed link and reads their account
  const mail = await sql(`SELECT body_text FROM outbox WHERE to_addr = '${lou}' AND subject = 'Set up your Maths Hubs sign-in again'`);
  const goL = await setUp(/\/set-up\/[A-Za-z0-9_-]{43}/.exec(mail)[0]);
  const account = await goL('/account');
  assert.equal(account.status, 200);
  const events = cells(account.body, 'Recent security events');
  assert.ok(events.includes('Role removed'), events.join(' | '));
  assert.ok(events.includes('Sign-in reset by an administrator'), events.join(' | '));
  assert.deepEqual(await rawKeys(account.body), [], 'no raw action key on /account');

  // the administrator's view: labels in the table, the filter by label
  const log = await goA('/admin/audit');
  assert.equal(log.status, 200);
  const all = cells(log.body, 'Audit log entries');
  assert.ok(all.includes('Role removed') && all.includes('Sign-in reset by an administrator'));
  assert.deepEqual(await rawKeys(log.body), [], 'no raw action key on /admin/audit');
  assert.match(log.body, /<option value="role_revoked">Role removed<\/option>/);
  const only = await goA('/admin/audit?action=sign_in_reset');
  assert.equal(only.status, 200);
  assert.match(only.body, /<option value="sign_in_reset" selected>/);
  const rows = cells(only.body, 'Audit log entries');
  assert.equal(rows.filter((c) => c === 'Sign-in reset by an administrator').length, 1);
  assert.ok(!rows.includes('Role removed'), 'filtered');
  // the CSV keeps the keys (for tools), through the CSV writer: BOM, quoted, CRLF, formula-safe
  const csv = await goA('/admin/audit.csv?action=role_revoked');
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.equal(csv.headers['content-disposition'], 'attachment; filename="mathshubs-audit-log.csv"');
  const lines = csv.body.split('\r\n');
  assert.equal(lines[0], '\ufeff"time_utc","person","action","record","address","request_id","detail"');
  assert.equal(lines.length, 3, 'one entry, and the last CRLF');
  assert.match(lines[1], /^"[0-9T:.-]+Z","aud@national\.example","role_revoked","person:\d+","127\.0\.0\.1","[^"]+","national_admin: left the national team"$/);
  const bad = await goA('/admin/audit?action=no_such_action');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /Choose an action from the list/);
});
