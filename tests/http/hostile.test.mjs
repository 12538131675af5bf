// Hostile input on every route of the binary's own table (mathshubs routes
// --json): overlong and invalid path parameters and queries, invalid UTF-8,
// NUL bytes, `../`, wrong methods, missing and foreign CSRF tokens,
// oversized and malformed bodies, forged cookies; as a visitor and as a
// signed-in national administrator (whose requests reach every handler).
// Pass: never a 5xx, every HTML answer a GOV.UK page with the security
// headers, every API error a problem document, and /healthz still answers.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';

import {
  CookieJar, createAdmin, csrfOf, dbQuery, formPost, jarRequest, lastEmailedCode, request, routeTable, setUpByEmail,
  useServer,
} from './lib.mjs';

const srv = useServer();

const PARAMS = [
  'x'.repeat(4000), '%FF%FE%FD', '%00', 'a%00b', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%C0%AF', '%E2%80%AE', "1'%20OR%20'1'='1",
  '-1', '0', '99999999999999999999999', '1e999', '%25', '%', 'NaN',
];
const QUERIES = [
  `?q=${'a'.repeat(4000)}`, '?page=-1&page=2', '?page=99999999999999999999', '?q=%FF', '?q=%00', '?%FF=1', '?q=%', '?sort=%27%3B--',
  '?a=1&'.repeat(200), '?next=//evil.example/', '?next=https%3A%2F%2Fevil.example',
];
const FIELDS = [
  { name: 'x'.repeat(10000) }, { name: '\u0000' }, { email: 'a@b.c\u0000.evil' }, { reason: '\u202E'.repeat(50) },
];
const RAW_BODIES = [
  'email=%FF%FE&password=%00', '%zz&&==&a=%', 'a=' + 'b'.repeat(100000), '&&&&&&&&', 'email=a&email=b&email=c',
];
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];

const bad = [];

/** Checks one answer: no 5xx; a GOV.UK page or a problem document; the security headers. */
function check(what, r) {
  const where = `${what} -> ${r.status}`;
  // 501 is HTTP's answer to a method nobody implements (RFC 9110, 15.6.2); any other 5xx is a fault
  const unknownMethod = r.status === 501 && / BREW /.test(what);
  if (r.status >= 500 && !unknownMethod) { bad.push(`${where}: a server error`); return; }
  for (const h of SECURITY_HEADERS) if (!r.headers[h]) bad.push(`${where}: no ${h}`);
  const type = r.headers['content-type'] || '';
  if (r.status >= 400 && type.startsWith('text/html') && !r.body.includes('govuk-template')) bad.push(`${where}: not a GOV.UK page`);
  if (r.status >= 400 && what.includes('/api/') && !type.startsWith('application/problem+json')) bad.push(`${where}: not a problem document (${type})`);
}

const fill = (pattern, value) => pattern.replace(/\{[^}]+\}/g, value);

async function signedInAdmin() {
  const email = 'hostile-admin@school.example';
  const { link } = await createAdmin(srv, email, 'Hostile Admin');
  await setUpByEmail(srv, link);
  await dbQuery(srv, 'DELETE FROM rate_limits');
  const jar = new CookieJar();
  let page = await jarRequest(srv, jar, '/sign-in');
  let r = await formPost(srv, jar, '/sign-in', { csrf_token: csrfOf(page.body), email, password: 'a long and unusual passphrase' });
  assert.equal(r.headers.location, '/sign-in/code');
  page = await jarRequest(srv, jar, '/sign-in/code');
  r = await formPost(srv, jar, '/sign-in/code', { csrf_token: csrfOf(page.body), code: await lastEmailedCode(srv, email) });
  assert.equal(r.headers.location, '/account');
  return jar;
}

test('every route survives hostile input, as a visitor and as a national administrator', { timeout: 600000 }, async () => {
  await srv.started;
  const routes = routeTable();
  const patterns = [...new Set(routes.map((r) => r.pattern))];
  const admin = await signedInAdmin();
  const adminCsrf = csrfOf((await jarRequest(srv, admin, '/account')).body);
  const foreign = new CookieJar();
  const foreignCsrf = csrfOf((await jarRequest(srv, foreign, '/sign-in')).body);
  // sign-out last: it would end the administrator's session
  const ordered = routes.filter((r) => !/sign-out/.test(r.pattern)).concat(routes.filter((r) => /sign-out/.test(r.pattern)));

  for (const who of [['visitor', null], ['admin', admin]]) {
    const [name, jar] = who;
    const go = async (method, target, opts = {}) => {
      const r = await jarRequest(srv, jar, target, { method, ...opts });
      check(`${name} ${method} ${target.slice(0, 120)}`, r);
      return r;
    };
    for (const pattern of patterns) {
      const concrete = fill(pattern, '1');
      for (const p of PARAMS) if (pattern.includes('{')) await go('GET', fill(pattern, p));
      for (const q of QUERIES) await go('GET', concrete + q);
      for (const m of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'BREW']) await go(m, concrete);
    }
    await dbQuery(srv, 'DELETE FROM rate_limits');
    for (const r of ordered.filter((x) => x.method === 'POST')) {
      if (name === 'admin' && /sign-out/.test(r.pattern)) continue;
      const target = fill(r.pattern, r.pattern.includes('{token}') ? randomBytes(32).toString('base64url') : '1');
      const headers = { Origin: srv.base, 'Sec-Fetch-Site': 'same-origin' };
      const csrf = jar ? adminCsrf : foreignCsrf;
      await go('POST', target, { form: {}, headers });                              // no token
      await go('POST', target, { form: { csrf_token: foreignCsrf }, headers });     // another session's token
      for (const f of FIELDS) await go('POST', target, { form: { csrf_token: csrf, ...f }, headers });
      for (const body of RAW_BODIES) await go('POST', target, { form: `csrf_token=${encodeURIComponent(csrf)}&${body}`, headers });
      for (const p of PARAMS.slice(0, 6)) if (r.pattern.includes('{')) await go('POST', fill(r.pattern, p), { form: { csrf_token: csrf }, headers });
      const big = await request(srv.base, target, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(2 * 1024 * 1024) }, body: Buffer.alloc(2 * 1024 * 1024, 97) }).catch((e) => ({ status: 0, headers: {}, body: String(e) }));
      if (big.status) check(`${name} POST ${target} (2 MiB)`, big);
      const json = await request(srv.base, target, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', Cookie: jar ? jar.header() : '' }, body: '{"csrf_token": 1}' });
      check(`${name} POST ${target} (JSON)`, json);
      await dbQuery(srv, 'DELETE FROM rate_limits');
    }
  }
  // forged and broken cookies, and paths out of the assets folder
  for (const cookie of [`mh_session=${randomBytes(32).toString('base64url')}`, `mh_session=${'A'.repeat(6000)}`, 'mh_session=%00%FF', 'mh_session', `mh_device=${'x'.repeat(43)}`, '=;=;;']) {
    for (const path of ['/', '/account', '/admin/people', '/sign-in']) {
      const r = await request(srv.base, path, { headers: { Cookie: cookie } });
      check(`cookie ${cookie.slice(0, 30)} GET ${path}`, r);
    }
  }
  for (const path of ['/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fsrc%2fmain.c', '/assets/%00', '/assets/' + 'a/'.repeat(500)]) {
    const r = await request(srv.base, path);
    check(`GET ${path.slice(0, 60)}`, r);
    assert.ok(!/root:|#include/.test(r.body), `${path}: nothing outside the assets`);
  }
  assert.deepEqual(bad.slice(0, 40), [], `${bad.length} bad answers`);
  assert.equal((await request(srv.base, '/healthz')).status, 200, 'still healthy');
  assert.equal((await jarRequest(srv, admin, '/account')).status, 200, 'the administrator is still signed in');
});
